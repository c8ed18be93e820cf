package calendar

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/data"
)

// Month and weekday names come from our catalogue (kit.MonthName), not
// from Fyne's date picker, so that they follow the language chosen in
// Settings.

// Indexed by time.Weekday (Sunday first, as Go counts).
var calendarWeekdayKeys = [7]string{"calendar.weekday.sunday", "calendar.weekday.monday", "calendar.weekday.tuesday",
	"calendar.weekday.wednesday", "calendar.weekday.thursday", "calendar.weekday.friday", "calendar.weekday.saturday"}

// calendarHolidayKeys names the public holidays dunning.Calendar knows.
var calendarHolidayKeys = map[string]string{
	dunning.HolidayNewYear:      "calendar.holiday.new_year",
	dunning.HolidayEasterMonday: "calendar.holiday.easter_monday",
	dunning.HolidayLabourDay:    "calendar.holiday.labour_day",
	dunning.HolidayVictory1945:  "calendar.holiday.victory_1945",
	dunning.HolidayAscension:    "calendar.holiday.ascension",
	dunning.HolidayWhitMonday:   "calendar.holiday.whit_monday",
	dunning.HolidayBastilleDay:  "calendar.holiday.bastille_day",
	dunning.HolidayAssumption:   "calendar.holiday.assumption",
	dunning.HolidayAllSaints:    "calendar.holiday.all_saints",
	dunning.HolidayArmistice:    "calendar.holiday.armistice",
	dunning.HolidayChristmas:    "calendar.holiday.christmas",
	dunning.HolidayGoodFriday:   "calendar.holiday.good_friday",
	dunning.HolidayStStephen:    "calendar.holiday.st_stephen",
}

// calendarDayTitle writes a day in full, weekday first: "lundi 23 novembre
// 2026" / "Monday 23 November 2026".
func calendarDayTitle(d data.Date) string {
	return lang.L(calendarWeekdayKeys[d.Weekday()]) + " " + calendarLongDay(d, true)
}

// calendarLongDay writes "1er novembre 2026" / "1 November 2026", the year
// only when asked, with month names from the catalogue.
func calendarLongDay(d data.Date, withYear bool) string {
	day := strconv.Itoa(d.Day())
	if d.Day() == 1 && kit.Language() == "fr" {
		day = "1er"
	}
	text := day + " " + kit.MonthName(d.Month())
	if withYear {
		text += " " + strconv.Itoa(d.Year())
	}
	return text
}

// calendarRangeTitle is the toolbar title of the week agenda:
// "24 – 30 novembre 2026", "28 novembre – 4 décembre 2026".
func calendarRangeTitle(first, last data.Date) string {
	switch {
	case first.Year() != last.Year():
		return calendarLongDay(first, true) + " – " + calendarLongDay(last, true)
	case first.Month() != last.Month():
		return calendarLongDay(first, false) + " – " + calendarLongDay(last, true)
	}
	day := strconv.Itoa(first.Day())
	if first.Day() == 1 && kit.Language() == "fr" {
		day = "1er"
	}
	return day + " – " + calendarLongDay(last, true)
}

// calendarHolidayName names a public holiday, "" on other days.
func calendarHolidayName(cal dunning.Calendar, d data.Date) string {
	key, ok := cal.Holiday(d)
	if !ok {
		return ""
	}
	if k, known := calendarHolidayKeys[key]; known {
		return lang.L(k)
	}
	return key
}

// calendarCompactMoney rounds an amount to whole euros for a day cell,
// where cents only crowd the figure: "2 450 €", "€2,450".
func calendarCompactMoney(m data.Money) string {
	rounded := (m + 50) / 100 * 100
	text := kit.Money(rounded)
	if kit.Language() == "en" {
		return strings.TrimSuffix(text, ".00")
	}
	return strings.Replace(text, ",00", "", 1)
}
