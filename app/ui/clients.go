package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// clientsScreen is being built (issue 4); this file is replaced by the screen.
type clientsScreen struct {
	ui      *UI
	content fyne.CanvasObject
}

func newClientsScreen(u *UI) *clientsScreen {
	return &clientsScreen{ui: u, content: container.NewStack()}
}

func (s *clientsScreen) view() fyne.CanvasObject { return s.content }

func (s *clientsScreen) update(context.Context) {}
