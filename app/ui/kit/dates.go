package kit

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2/lang"

	"relance/data"
)

// Month and weekday names come from our catalogue, not from Fyne's date
// picker, so that they follow the language chosen in Settings.
var monthKeys = [12]string{"calendar.month.january", "calendar.month.february", "calendar.month.march",
	"calendar.month.april", "calendar.month.may", "calendar.month.june", "calendar.month.july",
	"calendar.month.august", "calendar.month.september", "calendar.month.october",
	"calendar.month.november", "calendar.month.december"}

// weekdayShortKeys are indexed by time.Weekday (Sunday first, as Go counts).
var weekdayShortKeys = [7]string{"calendar.weekday_short.sunday", "calendar.weekday_short.monday",
	"calendar.weekday_short.tuesday", "calendar.weekday_short.wednesday", "calendar.weekday_short.thursday",
	"calendar.weekday_short.friday", "calendar.weekday_short.saturday"}

// MonthName is "novembre" / "November".
func MonthName(m time.Month) string { return lang.L(monthKeys[m-1]) }

// MonthTitle is the toolbar title of a month: "novembre 2026".
func MonthTitle(d data.Date) string {
	return MonthName(d.Month()) + " " + strconv.Itoa(d.Year())
}

// WeekdayShort is a grid column header: "lun." / "Mon".
func WeekdayShort(wd time.Weekday) string { return lang.L(weekdayShortKeys[wd]) }

// DateKeys are the catalogue keys of the month and short weekday names,
// for the test that every catalogue has them.
func DateKeys() []string {
	return append(monthKeys[:], weekdayShortKeys[:]...)
}
