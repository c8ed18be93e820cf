package ui

import (
	"context"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"relance/app/sharedbook"
)

// A shared book (app/sharedbook): several PCs write it at once. The window
// listens for the others' changes and reloads what it shows; it says in
// its title which book it is on, and when the connection may only read
// it, it writes nothing of its own (no start of day settled, no email
// tried, no grading) and says so.

// startSharedBook reads whether the book may only be read, puts the book's
// name in the title, and listens for the other PCs' changes until the
// process ends. Off the UI goroutine, before the day starts.
func (u *UI) startSharedBook(ctx context.Context) {
	if u.shared == nil {
		return
	}
	readOnly, err := u.store.ReadOnly(ctx)
	if err != nil {
		slog.Warn("shared book: the role's rights", "err", err)
	}
	u.readOnly.Store(readOnly)
	title := lang.L("shared.window_title", map[string]any{"Name": u.shared.Name()})
	if readOnly {
		title = lang.L("shared.window_title_read_only", map[string]any{"Name": u.shared.Name()})
	}
	fyne.Do(func() { u.win.SetTitle(lang.L("app.title") + " — " + title) })
	go u.store.WatchChanges(ctx, func() {
		slog.Info("shared book: changed on another PC")
		fyne.Do(u.changed) // as after a write of this window's own
	})
}

// SharedBook is the shared book the window is on (kit.Host); ok is false
// on a book file.
func (u *UI) SharedBook() (c sharedbook.Connection, ok bool) {
	if u.shared == nil {
		return c, false
	}
	return *u.shared, true
}

// ReadOnly reports whether the window may only read the book (kit.Host):
// a shared book opened with a role granted reading alone.
func (u *UI) ReadOnly() bool { return u.readOnly.Load() }

// SwitchBook closes the window and starts Relance again on the data
// folder (kit.Host), which now opens another book: a shared book it was
// connected or moved to, or its own file again.
func (u *UI) SwitchBook() {
	u.switchBook = true
	u.onClose()
}

// SwitchRequested reports whether the window closed to start again on
// another book (SwitchBook).
func (u *UI) SwitchRequested() bool { return u.switchBook }
