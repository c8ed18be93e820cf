package data

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day with no time and no time zone: an issue date, a due
// date, the day a payment arrived. The zero Date means "no date".
//
// It is stored as a day number so that comparisons and day arithmetic are
// integer operations (the planner compares hundreds of thousands of them).
type Date struct {
	n int32 // days since 0001-01-01, plus one; 0 is the zero Date
}

// epochOffset is the day number of 1970-01-01 in Date's numbering.
const epochOffset = 719162 + 1

// NewDate builds a Date. It normalises like time.Date: 31 February becomes 3 March;
// use ParseDate to refuse such input.
func NewDate(year int, month time.Month, day int) Date {
	if month < 1 || month > 12 || day < 1 || day > 28 {
		// Out-of-range parts: let the time package normalise them.
		y, m, d := time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Date()
		year, month, day = y, m, d
	}
	return Date{n: int32(daysFromCivil(year, int(month), day)) + epochOffset}
}

// daysFromCivil counts days from 1970-01-01 to a proleptic Gregorian date,
// in integers (H. Hinnant's algorithm): stored dates are read by the
// hundred thousand, and going through time.Date costs several times more.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// DateOf returns the calendar day of an instant as seen in the instant's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d.n == 0 }

// Time returns midnight UTC of the day; useful for formatting only.
func (d Date) Time() time.Time {
	return time.Unix(int64(d.n-epochOffset)*86400, 0).UTC()
}

// YMD returns year, month and day.
func (d Date) YMD() (int, time.Month, int) { return d.Time().Date() }

// Year is the date's year.
func (d Date) Year() int { y, _, _ := d.YMD(); return y }

// Month is the date's month.
func (d Date) Month() time.Month { _, m, _ := d.YMD(); return m }

// Day is the date's day of the month.
func (d Date) Day() int { _, _, day := d.YMD(); return day }

// Weekday is the date's day of the week.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

func (d Date) AddDays(n int) Date   { return Date{n: d.n + int32(n)} }
func (d Date) Before(o Date) bool   { return d.n < o.n }
func (d Date) After(o Date) bool    { return d.n > o.n }
func (d Date) Equal(o Date) bool    { return d.n == o.n }
func (d Date) Compare(o Date) int   { return int(d.n - o.n) }
func (d Date) AddMonths(n int) Date { y, m, day := d.YMD(); return NewDate(y, m+time.Month(n), day) }
func (d Date) FirstOfMonth() Date   { y, m, _ := d.YMD(); return NewDate(y, m, 1) }

// DaysSince returns the number of days from o to d (positive when d is later).
func (d Date) DaysSince(o Date) int { return int(d.n - o.n) }

// String formats as ISO 8601, `2026-03-01`, the storage and machine form.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	y, m, day := d.YMD()
	return fmt.Sprintf("%04d-%02d-%02d", y, int(m), day)
}

// FormatFR formats as `01/03/2026`.
func (d Date) FormatFR() string {
	if d.IsZero() {
		return ""
	}
	y, m, day := d.YMD()
	return fmt.Sprintf("%02d/%02d/%04d", day, int(m), y)
}

var frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin",
	"juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// LongFR formats as in a French letter: `1er mars 2026`, `15 avril 2026`.
func (d Date) LongFR() string {
	if d.IsZero() {
		return ""
	}
	y, m, day := d.YMD()
	dayText := strconv.Itoa(day)
	if day == 1 {
		dayText = "1er"
	}
	return fmt.Sprintf("%s %s %d", dayText, frenchMonths[m-1], y)
}

// LongEN formats as `1 March 2026`.
func (d Date) LongEN() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("2 January 2006")
}

// ParseDate reads a date typed by a person or found in a file: ISO
// `2026-03-01`, or day first as the French write it, `01/03/2026`, `1/3/2026`,
// `01.03.2026`, `01-03-2026`. The year has four digits; a day that does not
// exist (31/02/2026) is refused, never rolled over.
func ParseDate(input string) (Date, error) {
	s := strings.TrimSpace(input)
	if s == "" {
		return Date{}, invalid("date", ReasonRequired, "")
	}
	y, m, d, ok := splitDate(s)
	if !ok {
		return Date{}, invalid("date", ReasonDateFormat, input)
	}
	if y < 1900 || y > 2999 {
		return Date{}, invalid("date", ReasonDateOutOfRange, input)
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return Date{}, invalid("date", ReasonDateInvalid, input)
	}
	return NewDate(y, time.Month(m), d), nil
}

// MustDate parses an ISO date and panics on error: for constants in tests and
// seed data only.
func MustDate(iso string) Date {
	d, err := ParseDate(iso)
	if err != nil {
		panic(err)
	}
	return d
}

// splitDate returns year, month, day from `YYYY-MM-DD` or `D/M/YYYY` (with
// '/', '.' or '-').
func splitDate(s string) (y, m, d int, ok bool) {
	sep := strings.IndexAny(s, "/.-")
	if sep < 0 {
		return 0, 0, 0, false
	}
	parts := strings.Split(s, s[sep:sep+1])
	if len(parts) != 3 {
		return 0, 0, 0, false
	}
	nums := [3]int{}
	for i, p := range parts {
		if p == "" || len(p) > 4 || !allDigits(p) {
			return 0, 0, 0, false
		}
		nums[i], _ = strconv.Atoi(p)
	}
	switch {
	case len(parts[0]) == 4 && s[sep] == '-' && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		return nums[0], nums[1], nums[2], true
	case len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2:
		return nums[2], nums[1], nums[0], true
	}
	return 0, 0, 0, false
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Value stores a Date as `YYYY-MM-DD`, or NULL for the zero Date.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// MarshalText writes a Date as `YYYY-MM-DD` (empty for the zero Date), so
// that a record kept in JSON (an import's "before") keeps its dates.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads what MarshalText wrote.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	parsed, err := parseISO(string(b))
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// Scan reads a Date stored as `YYYY-MM-DD` (NULL and ” give the zero Date).
func (d *Date) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	case time.Time:
		*d = NewDate(v.Date())
		return nil
	default:
		return fmt.Errorf("data: cannot scan %T into Date", src)
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	parsed, err := parseISO(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// ErrStoredDate is returned when a date read from the book is not a real calendar day
// (2026-13-45, 2026-02-30) or not written YYYY-MM-DD: the file was edited
// by hand or damaged. Reading it as another day (NewDate rolls 2026-13-45
// over to 14 February 2027) would plan reminders on a day nobody chose.
var ErrStoredDate = errors.New("stored date is not a calendar day")

// parseISO is the fast path for stored dates: exactly `YYYY-MM-DD`, a day
// that exists. The error names the value.
func parseISO(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !allDigits(s[:4]+s[5:7]+s[8:]) {
		return Date{}, fmt.Errorf("data: %w: %q is not YYYY-MM-DD", ErrStoredDate, s)
	}
	y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	m := int(s[5]-'0')*10 + int(s[6]-'0')
	day := int(s[8]-'0')*10 + int(s[9]-'0')
	if m < 1 || m > 12 || day < 1 || day > monthDays(y, m) {
		return Date{}, fmt.Errorf("data: %w: %q", ErrStoredDate, s)
	}
	return NewDate(y, time.Month(m), day), nil
}

// monthDays is the length of a month in integers: stored dates are read
// by the hundred thousand, and daysIn goes through time.Date.
func monthDays(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// EarlierDate is the earlier of two days.
func EarlierDate(a, b Date) Date {
	if b.Before(a) {
		return b
	}
	return a
}

// LaterDate is the later of two days.
func LaterDate(a, b Date) Date {
	if b.After(a) {
		return b
	}
	return a
}
