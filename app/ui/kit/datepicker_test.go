package kit

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relance/data"
)

// The month grid starts its weeks on Monday: November 2026 starts on a
// Sunday, so six blank cells come before the 1st; tapping a day picks it.
func TestDatePickerWeeksStartOnMonday(t *testing.T) {
	test.NewTempApp(t)
	p := newDatePicker(data.MustDate("2026-11-10"), func(data.Date) {})
	if got := p.days.Objects[7+6].(*widget.Button).Text; got != "1" {
		t.Fatalf("the cell after the headers and six blanks reads %q", got)
	}
	var picked data.Date
	p = newDatePicker(data.MustDate("2026-11-10"), func(d data.Date) { picked = d })
	test.Tap(p.days.Objects[7+6+23].(*widget.Button))
	if picked != data.MustDate("2026-11-24") {
		t.Fatalf("tapping 24 picked %v", picked)
	}
}
