package dunning

import (
	"slices"
	"testing"

	"relance/data"
)

func TestEaster(t *testing.T) {
	tests := []struct {
		year int
		want string
	}{
		{2008, "2008-03-23"},
		{2024, "2024-03-31"},
		{2025, "2025-04-20"},
		{2026, "2026-04-05"},
		{2027, "2027-03-28"},
		{2038, "2038-04-25"}, // the latest possible date
		{2285, "2285-03-22"}, // the earliest possible date
	}
	for _, tt := range tests {
		if got := Easter(tt.year); got != data.MustDate(tt.want) {
			t.Errorf("Easter(%d) = %s, want %s", tt.year, got, tt.want)
		}
	}
}

func TestHolidaysIn2026(t *testing.T) {
	national := []string{
		"2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14",
		"2026-05-25", "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25",
	}
	alsace := []string{
		"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14",
		"2026-05-25", "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25", "2026-12-26",
	}
	tests := []struct {
		name string
		cal  Calendar
		want []string
	}{
		{"national", Calendar{}, national},
		{"alsace-moselle", Calendar{AlsaceMoselle: true}, alsace},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isoStrings(tt.cal.HolidaysIn(2026)); !slices.Equal(got, tt.want) {
				t.Errorf("HolidaysIn(2026) = %v, want %v", got, tt.want)
			}
		})
	}
}

// In 2008 Ascension fell on 1 May: the day is listed once, under its fixed name.
func TestHolidaysInMergesCoincidingDays(t *testing.T) {
	got := Calendar{}.HolidaysIn(2008)
	if len(got) != 10 {
		t.Errorf("HolidaysIn(2008) has %d days, want 10: %v", len(got), isoStrings(got))
	}
	if name, _ := (Calendar{}).Holiday(data.MustDate("2008-05-01")); name != HolidayLabourDay {
		t.Errorf("Holiday(2008-05-01) = %q, want %q", name, HolidayLabourDay)
	}
}

func TestHoliday(t *testing.T) {
	tests := []struct {
		date     string
		alsace   bool
		wantName string
	}{
		{"2026-01-01", false, HolidayNewYear},
		{"2026-04-03", false, ""},
		{"2026-04-03", true, HolidayGoodFriday},
		{"2026-04-05", false, ""}, // Easter Sunday: a Sunday, not a listed holiday
		{"2026-04-06", false, HolidayEasterMonday},
		{"2026-05-01", false, HolidayLabourDay},
		{"2026-05-08", false, HolidayVictory1945},
		{"2026-05-14", false, HolidayAscension},
		{"2026-05-25", false, HolidayWhitMonday},
		{"2026-07-14", false, HolidayBastilleDay},
		{"2026-08-15", false, HolidayAssumption},
		{"2026-11-01", false, HolidayAllSaints},
		{"2026-11-11", false, HolidayArmistice},
		{"2026-12-25", false, HolidayChristmas},
		{"2026-12-26", false, ""},
		{"2026-12-26", true, HolidayStStephen},
		{"2026-03-02", false, ""},
	}
	for _, tt := range tests {
		name, ok := Calendar{AlsaceMoselle: tt.alsace}.Holiday(data.MustDate(tt.date))
		if name != tt.wantName || ok != (tt.wantName != "") {
			t.Errorf("Holiday(%s, alsace=%v) = %q, %v; want %q", tt.date, tt.alsace, name, ok, tt.wantName)
		}
	}
}

func TestNextBusinessDay(t *testing.T) {
	tests := []struct {
		name   string
		date   string
		alsace bool
		want   string
	}{
		{"business day stays", "2026-03-03", false, "2026-03-03"},
		{"saturday to monday", "2026-05-02", false, "2026-05-04"},
		{"ascension thursday to friday", "2026-05-14", false, "2026-05-15"},
		{"christmas friday to monday", "2026-12-25", false, "2026-12-28"},
		{"christmas friday to monday in alsace", "2026-12-25", true, "2026-12-28"},
		{"good friday is worked", "2026-04-03", false, "2026-04-03"},
		{"good friday off in alsace, then easter monday", "2026-04-03", true, "2026-04-07"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Calendar{AlsaceMoselle: tt.alsace}.NextBusinessDay(data.MustDate(tt.date))
			if got != data.MustDate(tt.want) {
				t.Errorf("NextBusinessDay(%s) = %s, want %s", tt.date, got, tt.want)
			}
		})
	}
}

func TestIsBusinessDay(t *testing.T) {
	tests := []struct {
		date   string
		alsace bool
		want   bool
	}{
		{"2026-04-03", false, true}, // Good Friday
		{"2026-04-03", true, false},
		{"2026-05-02", false, false}, // Saturday
		{"2026-05-03", false, false}, // Sunday
		{"2026-05-14", false, false}, // Ascension
		{"2026-05-15", false, true},
	}
	for _, tt := range tests {
		if got := (Calendar{AlsaceMoselle: tt.alsace}).IsBusinessDay(data.MustDate(tt.date)); got != tt.want {
			t.Errorf("IsBusinessDay(%s, alsace=%v) = %v, want %v", tt.date, tt.alsace, got, tt.want)
		}
	}
}

func TestAddBusinessDays(t *testing.T) {
	tests := []struct {
		name string
		date string
		n    int
		want string
	}{
		{"zero keeps the day", "2026-05-02", 0, "2026-05-02"},
		{"negative keeps the day", "2026-05-04", -3, "2026-05-04"},
		{"one from a friday", "2026-05-15", 1, "2026-05-18"},
		{"over 8 May and a weekend", "2026-05-07", 2, "2026-05-12"},
		{"from a saturday", "2026-05-02", 1, "2026-05-04"},
		{"across ascension", "2026-05-13", 1, "2026-05-15"},
		{"ten across christmas and new year", "2026-12-21", 10, "2027-01-06"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Calendar{}.AddBusinessDays(data.MustDate(tt.date), tt.n)
			if got != data.MustDate(tt.want) {
				t.Errorf("AddBusinessDays(%s, %d) = %s, want %s", tt.date, tt.n, got, tt.want)
			}
		})
	}
}

func isoStrings(dates []data.Date) []string {
	out := make([]string, len(dates))
	for i, d := range dates {
		out[i] = d.String()
	}
	return out
}
