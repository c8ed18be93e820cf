package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// calendarScreen is being built (issue 4); this file is replaced by the screen.
type calendarScreen struct {
	ui      *UI
	content fyne.CanvasObject
}

func newCalendarScreen(u *UI) *calendarScreen {
	return &calendarScreen{ui: u, content: container.NewStack()}
}

func (s *calendarScreen) view() fyne.CanvasObject { return s.content }

func (s *calendarScreen) update(context.Context) {}
