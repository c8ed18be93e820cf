package ui

import (
	"slices"

	"fyne.io/fyne/v2/dialog"
)

// track registers an open dialog so that Esc closes it, innermost first.
func (u *UI) track(d dialog.Dialog) {
	u.dialogs = append(u.dialogs, d)
	d.SetOnClosed(func() {
		if i := slices.Index(u.dialogs, d); i >= 0 {
			u.dialogs = slices.Delete(u.dialogs, i, i+1)
		}
	})
}

// escape closes the innermost open dialog, if any.
func (u *UI) escape() {
	if n := len(u.dialogs); n > 0 {
		u.dialogs[n-1].Hide()
	}
}
