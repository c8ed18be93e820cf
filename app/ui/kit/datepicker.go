package kit

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/data"
)

// datePicker is the month grid a date field opens. Fyne's own
// (widget.Calendar) starts its weeks on the day of the system's locale
// (Sunday on an English system) and names months in English whatever the
// language chosen in Settings; French users expect weeks from Monday, like
// the Calendar screen, with the catalogue's names.
type datePicker struct {
	month   data.Date // the first of the month on show
	picked  func(data.Date)
	title   *widget.Label
	days    *fyne.Container // 7 headers, then a cell per day (blank before the 1st)
	content fyne.CanvasObject
}

// newDatePicker shows the month of start; picked receives the day tapped.
func newDatePicker(start data.Date, picked func(data.Date)) *datePicker {
	p := &datePicker{month: start.FirstOfMonth(), picked: picked,
		title: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignCenter},
		days:  container.NewGridWithColumns(7)}
	prev := &widget.Button{Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: func() { p.show(-1) }}
	next := &widget.Button{Icon: theme.NavigateNextIcon(), Importance: widget.LowImportance, OnTapped: func() { p.show(1) }}
	p.content = container.NewBorder(container.NewBorder(nil, nil, prev, next, p.title), nil, nil, nil, p.days)
	p.show(0)
	return p
}

// show moves by months and redraws the grid: the weekday names from
// Monday, blank cells up to the 1st, a button per day.
func (p *datePicker) show(months int) {
	p.month = p.month.AddMonths(months)
	p.title.SetText(MonthTitle(p.month))
	objects := make([]fyne.CanvasObject, 0, 7+6+31)
	for i := range 7 {
		objects = append(objects, &widget.Label{Text: WeekdayShort(time.Weekday((i + 1) % 7)),
			Alignment: fyne.TextAlignCenter, Importance: widget.LowImportance})
	}
	for range datePickerLeadingBlanks(p.month) {
		objects = append(objects, layout.NewSpacer())
	}
	for d := p.month; d.Month() == p.month.Month(); d = d.AddDays(1) {
		day := d
		objects = append(objects, &widget.Button{Text: strconv.Itoa(d.Day()), Importance: widget.LowImportance,
			OnTapped: func() { p.picked(day) }})
	}
	p.days.Objects = objects
	p.days.Refresh()
}

// datePickerLeadingBlanks is how many cells come before the 1st of month
// in a week that starts on Monday.
func datePickerLeadingBlanks(first data.Date) int {
	return (int(first.Weekday()) + 6) % 7
}
