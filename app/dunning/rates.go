package dunning

import (
	"fmt"
	"time"

	"relance/data"
)

// HalfYear is the period for which French penalty and legal interest rates
// are fixed: January-June (Half 1) or July-December (Half 2).
type HalfYear struct {
	Year int
	Half int // 1 or 2
}

// HalfYearOf returns the half-year containing d.
func HalfYearOf(d data.Date) HalfYear {
	y, m, _ := d.YMD()
	if m <= time.June {
		return HalfYear{Year: y, Half: 1}
	}
	return HalfYear{Year: y, Half: 2}
}

// Start returns the first day of the half-year, 1 January or 1 July.
func (h HalfYear) Start() data.Date {
	if h.Half == 2 {
		return data.NewDate(h.Year, time.July, 1)
	}
	return data.NewDate(h.Year, time.January, 1)
}

// End returns the last day of the half-year, 30 June or 31 December.
func (h HalfYear) End() data.Date { return h.Next().Start().AddDays(-1) }

// Next returns the following half-year.
func (h HalfYear) Next() HalfYear {
	if h.Half == 2 {
		return HalfYear{Year: h.Year + 1, Half: 1}
	}
	return HalfYear{Year: h.Year, Half: 2}
}

// String formats as "H1 2026", the form used in warnings and statements.
func (h HalfYear) String() string { return fmt.Sprintf("H%d %d", h.Half, h.Year) }

// parseHalfYear reads the String form back ("H1 2026"); the zero HalfYear
// when s is not one.
func parseHalfYear(s string) HalfYear {
	var h HalfYear
	if _, err := fmt.Sscanf(s, "H%d %d", &h.Half, &h.Year); err != nil || (h.Half != 1 && h.Half != 2) {
		return HalfYear{}
	}
	return h
}

// Before reports whether h comes strictly before o.
func (h HalfYear) Before(o HalfYear) bool {
	return h.Year < o.Year || (h.Year == o.Year && h.Half < o.Half)
}

// ECBChange is a change of the ECB main refinancing rate, effective From.
type ECBChange struct {
	From   data.Date
	RateBP int // basis points: 2.15 % is 215
}

// LegalRate is the French legal interest rate (taux de l'intérêt légal) of a
// half-year, fixed by decree.
type LegalRate struct {
	Half           HalfYear
	ProfessionalBP int // the creditor is a business: the column Relance's users need
	ConsumerBP     int // the creditor is a private person; 0 when unknown
}

// RateTable is the user-editable table of rates. Rates change by decree twice
// a year, so they live in data the user can update, never in constants.
type RateTable struct {
	ECB []ECBChange // change dates, any order
	// ECBConfirmed is the last half-year whose 1 January / 1 July ECB rate
	// the user has confirmed; later half-years reuse the last known rate and
	// are flagged as assumed. The zero HalfYear means none is confirmed.
	ECBConfirmed HalfYear
	Legal        []LegalRate
}

// ECBRate returns the ECB rate in force on the first day of h: the last change
// on or before h.Start(). known is false when h is after ECBConfirmed, as the
// rate may have changed since the table was last updated. ok is false when the
// table has no change at or before h.Start().
func (t RateTable) ECBRate(h HalfYear) (bp int, known bool, ok bool) {
	start := t.latestChangeOnOrBefore(h.Start())
	if start < 0 {
		return 0, false, false
	}
	return t.ECB[start].RateBP, !t.ECBConfirmed.Before(h), true
}

// latestChangeOnOrBefore returns the index of the change in force on day d, or
// -1. Of two changes on the same day, the later in the slice wins, so that an
// appended correction overrides.
func (t RateTable) latestChangeOnOrBefore(d data.Date) int {
	found := -1
	for i, c := range t.ECB {
		if c.From.After(d) {
			continue
		}
		if found < 0 || !c.From.Before(t.ECB[found].From) {
			found = i
		}
	}
	return found
}

// LegalRate returns the professional-creditor legal rate of h. When h has no
// row, it returns the latest row before h, says which half-year that is in
// from, and known is false. ok is false when no row is at or before h.
func (t RateTable) LegalRate(h HalfYear) (bp int, from HalfYear, known bool, ok bool) {
	found := -1
	for i, r := range t.Legal {
		if h.Before(r.Half) {
			continue
		}
		if found < 0 || !r.Half.Before(t.Legal[found].Half) {
			found = i
		}
	}
	if found < 0 {
		return 0, HalfYear{}, false, false
	}
	row := t.Legal[found]
	return row.ProfessionalBP, row.Half, row.Half == h, true
}

// DefaultRates returns the rates known when this version was written (see
// LEGAL_FR.md): every ECB change from 16 March 2016 (0.00 %, in force on the
// first day of every half-year from H2 2016 to H2 2022) and the legal rates
// from H1 2023 to H1 2026. Each call returns fresh slices the caller may edit.
func DefaultRates() RateTable {
	ecb := []struct {
		from string
		bp   int
	}{
		{"2016-03-16", 0}, {"2022-07-27", 50}, {"2022-09-14", 125}, {"2022-11-02", 200},
		{"2022-12-21", 250}, {"2023-02-08", 300}, {"2023-03-22", 350},
		{"2023-05-10", 375}, {"2023-06-21", 400}, {"2023-08-02", 425},
		{"2023-09-20", 450}, {"2024-06-12", 425}, {"2024-09-18", 365},
		{"2024-10-23", 340}, {"2024-12-18", 315}, {"2025-02-05", 290},
		{"2025-03-12", 265}, {"2025-04-23", 240}, {"2025-06-11", 215},
	}
	t := RateTable{ECBConfirmed: HalfYear{Year: 2026, Half: 1}}
	for _, c := range ecb {
		t.ECB = append(t.ECB, ECBChange{From: data.MustDate(c.from), RateBP: c.bp})
	}
	t.Legal = []LegalRate{
		{Half: HalfYear{2023, 1}, ProfessionalBP: 206},
		{Half: HalfYear{2023, 2}, ProfessionalBP: 422},
		{Half: HalfYear{2024, 1}, ProfessionalBP: 507},
		{Half: HalfYear{2024, 2}, ProfessionalBP: 492},
		{Half: HalfYear{2025, 1}, ProfessionalBP: 371},
		{Half: HalfYear{2025, 2}, ProfessionalBP: 276},
		{Half: HalfYear{2026, 1}, ProfessionalBP: 262, ConsumerBP: 667},
	}
	return t
}

// formatBP writes a rate in basis points as a percentage with two decimals,
// "2.15"; negative rates (the ECB deposit rate has been negative) keep their sign.
func formatBP(bp int) string {
	sign, magnitude := "", uint64(bp)
	if bp < 0 {
		sign, magnitude = "-", -magnitude // unsigned, so even the minimum int negates
	}
	return fmt.Sprintf("%s%d.%02d", sign, magnitude/100, magnitude%100)
}
