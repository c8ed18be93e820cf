package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
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
