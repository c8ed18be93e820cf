package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/data"
)

// newDateEntry is a text field for a calendar day (typed day first, or
// picked from a calendar with the button at its end). The text is read with
// data.ParseDate, which also accepts ISO dates, so the same input works in
// either language.
func newDateEntry(win fyne.Window, initial data.Date) *widget.Entry {
	e := &widget.Entry{PlaceHolder: lang.L("placeholder.date")}
	e.ExtendBaseWidget(e)
	// ActionItem before SetText: SetText builds the renderer, which only
	// picks up an action item that is already there.
	e.ActionItem = &widget.Button{Icon: theme.CalendarIcon(), Importance: widget.LowImportance, OnTapped: func() {
		start := time.Now()
		if d, err := data.ParseDate(e.Text); err == nil {
			start = d.Time()
		}
		var dlg dialog.Dialog
		cal := widget.NewCalendar(start, func(t time.Time) {
			e.SetText(inputDate(data.DateOf(t)))
			dlg.Hide()
		})
		dlg = dialog.NewCustom(lang.L("dialog.pick_date"), lang.L("button.cancel"), cal, win)
		dlg.Show()
	}}
	e.SetText(inputDate(initial))
	return e
}

// newMoneyEntry is a text field for an amount; data.ParseMoney reads it.
func newMoneyEntry() *widget.Entry {
	return &widget.Entry{PlaceHolder: lang.L("placeholder.amount")}
}
