package calendar

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
)

// newExportButton saves the calendar as an iCalendar file, so that the
// due dates, the calls and steps planned and the deadlines show in the
// owner's usual calendar (importing a newer file updates its events).
func (s *Screen) newExportButton() *widget.Button {
	return &widget.Button{Text: lang.L("export.calendar_button"), Icon: theme.DocumentSaveIcon(),
		OnTapped: func() { kit.SaveExport(s.host, kit.CalendarExport(s.host)) }}
}
