package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ShowFatal shows message in a small window with a Close button and runs
// until it is closed: for failures that stop the app before its window.
func ShowFatal(a fyne.App, message string) {
	w := a.NewWindow(lang.L("app.title"))
	text := &widget.Label{Text: message, Wrapping: fyne.TextWrapWord}
	closeButton := &widget.Button{Text: lang.L("button.close"), Importance: widget.HighImportance, OnTapped: w.Close}
	icon := widget.NewIcon(theme.ErrorIcon())
	w.SetContent(container.NewPadded(container.NewBorder(nil, container.NewCenter(closeButton), icon, nil, text)))
	w.Resize(fyne.NewSize(480, 160))
	w.ShowAndRun()
}

// AskSharedPassword shows, before the main window, why the shared book
// name could not be opened (reason) with a password field: the keychain
// had none (a Linux without a Secret Service forgets it at each start),
// the password changed, or the server was out of reach. connect is tried
// with what is typed, off the UI goroutine: it opens the book and shows
// the main window, returning "" then, else why it failed again. The app's
// loop is the caller's to run.
func AskSharedPassword(a fyne.App, name, reason string, connect func(password string) string) {
	w := a.NewWindow(lang.L("app.title"))
	text := &widget.Label{Text: lang.L("shared.fatal", map[string]any{"Name": name, "Reason": reason}), Wrapping: fyne.TextWrapWord}
	password := widget.NewPasswordEntry()
	password.SetPlaceHolder(lang.L("shared.fatal_password", map[string]any{"Name": name}))
	var try *widget.Button
	try = &widget.Button{Text: lang.L("shared.fatal_retry"), Icon: theme.LoginIcon(), Importance: widget.HighImportance,
		OnTapped: func() {
			try.Disable()
			typed := password.Text
			go func() {
				why := connect(typed)
				fyne.Do(func() {
					if why == "" {
						w.Close()
						return
					}
					try.Enable()
					text.SetText(lang.L("shared.fatal", map[string]any{"Name": name, "Reason": why}))
				})
			}()
		}}
	password.OnSubmitted = func(string) { try.OnTapped() }
	closeButton := &widget.Button{Text: lang.L("button.close"), OnTapped: w.Close}
	icon := widget.NewIcon(theme.WarningIcon())
	w.SetContent(container.NewPadded(container.NewBorder(nil,
		container.NewVBox(password, container.NewHBox(layout.NewSpacer(), closeButton, try)), icon, nil, text)))
	w.Resize(fyne.NewSize(560, 240))
	w.Show()
	w.Canvas().Focus(password)
}
