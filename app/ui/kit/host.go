// Package kit is what every screen of the window is made with: the Host a
// screen lives in (its window, its services, the way to run work off the
// UI goroutine, to report an error, to say the book changed, to open
// another screen), the text fields whose Esc and shortcuts reach the
// window, forms that put each error under its field, form dialogs, and
// the shared words (days, amounts, step names, errors, the timeline) in
// the window's language. It imports no screen; every screen imports it.
package kit

import (
	"context"
	"errors"
	"io/fs"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"relance/app/archive"
	"relance/app/dunning"
	"relance/app/mail"
	"relance/app/sharedbook"
	"relance/data"
)

// Screen is what the navigation needs of a screen.
type Screen interface {
	// View is the screen's content, for the navigation.
	View() fyne.CanvasObject
	// Update reloads the screen's data from the store. It runs off the UI
	// goroutine and shows the result inside fyne.Do.
	Update(ctx context.Context)
}

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

	// Today is the current calendar day, from the injected clock.
	Today() data.Date
	// Store is the book.
	Store() *data.Store
	// Dunning is the dunning engine: plans, statements, the calendar feed.
	Dunning() *dunning.Service
	// Mail is the outbox and the mail account's secrets.
	Mail() *mail.Service
	// DataDir is the data folder: the backups, the log, and the archived
	// files of a book in a file (of a shared book, their cache).
	DataDir() string
	// Archive is the book's archived files (attached PDFs, printed
	// letters, court files, sent emails): every read and write of one
	// goes through it.
	Archive() *archive.Files
	// OpenFile hands a file (an absolute path) to the system's viewer, or
	// says it is missing.
	OpenFile(path string)
	// OpenBrowser opens a web page in the system's browser (a provider's
	// sign-in page).
	OpenBrowser(link string) error
	// LanguagePreference is the language chosen in Settings ("" for the
	// system's); ChooseLanguage changes it and redraws the window.
	LanguagePreference() string
	ChooseLanguage(code string) error
	// AppearancePreference is the appearance chosen in Settings
	// (AppearanceSystem...); ChooseAppearance changes it and redraws.
	AppearancePreference() string
	ChooseAppearance(appearance string)

	// OpenInvoice shows an invoice's page on the Invoices screen.
	OpenInvoice(id int64)
	// AppVersion is Relance's version, for Settings.
	AppVersion() string
	// RestoreBook closes the book and the window, puts the backup at path
	// (a .db, or the .zip of a whole book) in its place, the current book
	// kept aside, and starts Relance again on it.
	RestoreBook(path string)
	// SharedBook is the shared book the window is on (app/sharedbook); ok
	// is false on a book file.
	SharedBook() (c sharedbook.Connection, ok bool)
	// ReadOnly reports whether the window may only read the book (a shared
	// book opened with a role granted reading alone).
	ReadOnly() bool
	// SwitchBook closes the window and starts Relance again on the data
	// folder, which now opens another book (connected to a shared book,
	// moved to one, or back to its own file).
	SwitchBook()
}

// OpenDataFile hands an archived file, named as the book names it (an
// attached PDF, a printed letter, an archived email), to the system's
// viewer. A shared book's file is fetched into the data folder first, off
// the UI goroutine; one that is nowhere is said missing by OpenFile.
func OpenDataFile(h Host, rel string) {
	h.Async(func() {
		path, err := h.Archive().Local(context.Background(), rel)
		fyne.Do(func() {
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				h.ShowError(err)
				return
			}
			h.OpenFile(path)
		})
	})
}
