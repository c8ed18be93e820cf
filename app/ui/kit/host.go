// Package kit is what every screen of the window is made with: the Host a
// screen lives in (its window, its services, the way to run work off the
// UI goroutine, to report an error, to say the book changed, to open
// another screen), the text fields whose Esc and shortcuts reach the
// window, forms that put each error under its field, form dialogs, and
// the shared words (days, amounts, step names, errors, the timeline) in
// the window's language. It imports no screen; every screen imports it.
package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// Host is the window as a screen or a dialog sees it.
type Host interface {
	// Window is the main window, the parent of every dialog.
	Window() fyne.Window
	// Async runs slow work (store reads and writes) off the UI goroutine;
	// the work hands its result back with fyne.Do. Tests run it in line.
	Async(func())
	// ShowError tells the user in one sentence what failed.
	ShowError(error)
	// Changed says the book changed: the screen on show reloads now, the
	// others when next shown.
	Changed()
	// Track registers an open dialog so that Esc closes it.
	Track(dialog.Dialog)
}
