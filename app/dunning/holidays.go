package dunning

import (
	"slices"
	"time"

	"relance/data"
)

// Calendar knows the French public holidays, so that no dunning step falls on
// a day when the office (or the debtor's) is closed.
type Calendar struct {
	// AlsaceMoselle adds the two holidays kept from German law in the
	// Bas-Rhin, Haut-Rhin and Moselle: Good Friday and 26 December.
	AlsaceMoselle bool
}

// Stable holiday keys, returned by Calendar.Holiday; the UI translates them.
const (
	HolidayNewYear      = "new_year"
	HolidayEasterMonday = "easter_monday"
	HolidayLabourDay    = "labour_day"
	HolidayVictory1945  = "victory_1945"
	HolidayAscension    = "ascension"
	HolidayWhitMonday   = "whit_monday"
	HolidayBastilleDay  = "bastille_day"
	HolidayAssumption   = "assumption"
	HolidayAllSaints    = "all_saints"
	HolidayArmistice    = "armistice"
	HolidayChristmas    = "christmas"
	HolidayGoodFriday   = "good_friday"
	HolidayStStephen    = "st_stephen"
)

// fixedHoliday falls on the same day every year.
type fixedHoliday struct {
	month      time.Month
	day        int
	name       string
	alsaceOnly bool
}

// movableHoliday falls a number of days after Easter Sunday.
type movableHoliday struct {
	offset     int
	name       string
	alsaceOnly bool
}

// The fixed list comes first so that, when Ascension falls on 1 or 8 May (as
// in 2008), Holiday names the fixed one: the day is off either way.
var fixedHolidays = []fixedHoliday{
	{time.January, 1, HolidayNewYear, false},
	{time.May, 1, HolidayLabourDay, false},
	{time.May, 8, HolidayVictory1945, false},
	{time.July, 14, HolidayBastilleDay, false},
	{time.August, 15, HolidayAssumption, false},
	{time.November, 1, HolidayAllSaints, false},
	{time.November, 11, HolidayArmistice, false},
	{time.December, 25, HolidayChristmas, false},
	{time.December, 26, HolidayStStephen, true},
}

var movableHolidays = []movableHoliday{
	{-2, HolidayGoodFriday, true},
	{1, HolidayEasterMonday, false},
	{39, HolidayAscension, false},
	{50, HolidayWhitMonday, false},
}

// Easter returns Easter Sunday of a Gregorian year, by the anonymous
// Gregorian algorithm (Meeus/Jones/Butcher), valid for every year from 1583.
func Easter(year int) data.Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return data.NewDate(year, time.Month(n/31), n%31+1)
}

// Holiday reports whether d is a public holiday and gives its stable key
// (see the Holiday* constants).
func (c Calendar) Holiday(d data.Date) (name string, ok bool) {
	_, month, day := d.YMD()
	for _, h := range fixedHolidays {
		if h.month == month && h.day == day && c.observes(h.alsaceOnly) {
			return h.name, true
		}
	}
	// Movable holidays all fall between March and June; skipping the
	// computus elsewhere keeps the business-day loops cheap.
	if month < time.March || month > time.June {
		return "", false
	}
	sinceEaster := d.DaysSince(Easter(d.Year()))
	for _, h := range movableHolidays {
		if h.offset == sinceEaster && c.observes(h.alsaceOnly) {
			return h.name, true
		}
	}
	return "", false
}

func (c Calendar) observes(alsaceOnly bool) bool { return c.AlsaceMoselle || !alsaceOnly }

// IsBusinessDay reports whether d is neither a weekend day nor a holiday.
func (c Calendar) IsBusinessDay(d data.Date) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	_, holiday := c.Holiday(d)
	return !holiday
}

// NextBusinessDay returns d when it is a business day, else the first
// business day after it.
func (c Calendar) NextBusinessDay(d data.Date) data.Date {
	for !c.IsBusinessDay(d) {
		d = d.AddDays(1)
	}
	return d
}

// AddBusinessDays returns the n-th business day after d (d itself does not
// count, whether or not it is a business day). n <= 0 returns d unchanged.
func (c Calendar) AddBusinessDays(d data.Date, n int) data.Date {
	for ; n > 0; n-- {
		d = c.NextBusinessDay(d.AddDays(1))
	}
	return d
}

// HolidaysIn lists the holidays of a year in date order, each date once.
func (c Calendar) HolidaysIn(year int) []data.Date {
	var out []data.Date
	for _, h := range fixedHolidays {
		if c.observes(h.alsaceOnly) {
			out = append(out, data.NewDate(year, h.month, h.day))
		}
	}
	easter := Easter(year)
	for _, h := range movableHolidays {
		if c.observes(h.alsaceOnly) {
			out = append(out, easter.AddDays(h.offset))
		}
	}
	slices.SortFunc(out, data.Date.Compare)
	return slices.CompactFunc(out, data.Date.Equal)
}
