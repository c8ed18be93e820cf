package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// todayScreen is being built (issue 4); this file is replaced by the screen.
type todayScreen struct {
	ui      *UI
	content fyne.CanvasObject
}

func newTodayScreen(u *UI) *todayScreen {
	return &todayScreen{ui: u, content: container.NewStack()}
}

func (s *todayScreen) view() fyne.CanvasObject { return s.content }

func (s *todayScreen) update(context.Context) {}
