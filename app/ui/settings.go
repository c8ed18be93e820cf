package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// settingsScreen is being built (issue 4); this file is replaced by the screen.
type settingsScreen struct {
	ui      *UI
	content fyne.CanvasObject
}

func newSettingsScreen(u *UI) *settingsScreen {
	return &settingsScreen{ui: u, content: container.NewStack()}
}

func (s *settingsScreen) view() fyne.CanvasObject { return s.content }

func (s *settingsScreen) update(context.Context) {}
