// Package ui is Relance's window: screens, dialogs and their wiring to the
// store. It is, with cmd/, the only package that imports Fyne; the services
// it drives know nothing of widgets.
//
// Screens are small structs holding their widgets and plain data; each has an
// update(ctx) method that loads from the store off the UI goroutine and hands
// the result to the widgets inside one fyne.Do.
package ui

import (
	"context"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"relance/app/dunning"
	"relance/data"
)

// UI is the main window and the screens it shows.
type UI struct {
	app     fyne.App
	win     fyne.Window
	store   *data.Store
	clock   data.Clock
	dunning *dunning.Service

	// async runs slow work (store reads, demo loading) off the UI goroutine;
	// tests replace it to run the work in line.
	async func(func())

	root     *fyne.Container // holds the current screen
	welcome  *welcomeScreen
	invoices *invoicesScreen
}

// New builds the main window over store. It shows nothing until Start.
func New(a fyne.App, store *data.Store, clock data.Clock) *UI {
	u := &UI{app: a, store: store, clock: clock, dunning: dunning.NewService(store, clock), root: container.NewStack(),
		async: func(f func()) { go f() }}
	u.win = a.NewWindow(lang.L("app.title"))
	u.win.Resize(fyne.NewSize(1100, 720))
	u.welcome = newWelcomeScreen(u)
	u.invoices = newInvoicesScreen(u)
	u.win.SetContent(u.root)
	u.addShortcuts()
	return u
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

// Start decides what the first screen is: the welcome choice on a book that
// was never set up, else the invoice list.
func (u *UI) Start(ctx context.Context) {
	company, err := u.store.GetCompany(ctx)
	if err != nil {
		u.showError(err)
		return
	}
	empty, err := u.store.IsEmpty(ctx)
	if err != nil {
		u.showError(err)
		return
	}
	if !company.Onboarded && empty {
		u.show(u.welcome.content)
		return
	}
	u.showInvoices(ctx)
}

// Run shows the window and runs the app until the window closes.
func (u *UI) Run() {
	u.Start(context.Background())
	u.win.ShowAndRun()
}

func (u *UI) show(content fyne.CanvasObject) {
	u.root.Objects = []fyne.CanvasObject{content}
	u.root.Refresh()
}

func (u *UI) showInvoices(ctx context.Context) {
	u.show(u.invoices.content)
	u.async(func() { u.invoices.update(ctx) })
}

func (u *UI) addShortcuts() {
	newInvoice := &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	u.win.Canvas().AddShortcut(newInvoice, func(fyne.Shortcut) {
		if u.root.Objects != nil && u.root.Objects[0] == u.invoices.content {
			u.invoices.onNewInvoice()
		}
	})
}

// showError tells the user, in one sentence of their language, that something
// failed; the full chain goes to the log.
func (u *UI) showError(err error) {
	slog.Error("ui", "err", err)
	dialog.ShowError(userError(err), u.win)
}

// today is the current calendar day from the injected clock.
func (u *UI) today() data.Date { return u.clock.Today() }

// invoicesChanged reloads the invoice list after a change.
func (u *UI) invoicesChanged() {
	u.async(func() { u.invoices.update(context.Background()) })
}
