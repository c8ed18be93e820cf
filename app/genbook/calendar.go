package genbook

import (
	"relance/app/dunning"
	"relance/data"
)

// day is a calendar day counted from the calendar's origin. The zero day
// means "none": the origin lies well before anything the book holds.
type day int32

// never is a day after the end of every table: an invoice that is never
// paid is settled on it.
const never day = 1 << 30

// calendar answers, from tables made once, what the generator asks tens of
// millions of times: a day's ISO text, whether it is a business day (French
// public holidays, as the dunning planner counts them) and the next one.
type calendar struct {
	origin   data.Date
	text     []string
	business []bool
	next     []day // the business day on or after each day
}

// newCalendar covers the days from origin to last.
func newCalendar(origin, last data.Date) *calendar {
	n := last.DaysSince(origin) + 1
	c := &calendar{origin: origin, text: make([]string, n), business: make([]bool, n), next: make([]day, n)}
	var cal dunning.Calendar
	for i := range n {
		d := origin.AddDays(i)
		c.text[i] = d.String()
		c.business[i] = cal.IsBusinessDay(d)
	}
	following := day(n - 1)
	for i := n - 1; i >= 0; i-- {
		if c.business[i] {
			following = day(i)
		}
		c.next[i] = following
	}
	return c
}

// dayOf is the day of a date.
func (c *calendar) dayOf(d data.Date) day { return day(d.DaysSince(c.origin)) }

// date is the data.Date of a day.
func (c *calendar) date(d day) data.Date { return c.origin.AddDays(int(d)) }

// last is the last day of the tables.
func (c *calendar) last() day { return day(len(c.text) - 1) }

// clamp keeps a day inside the tables.
func (c *calendar) clamp(d day) day { return min(max(d, 1), c.last()) }

// str is the day as stored: YYYY-MM-DD.
func (c *calendar) str(d day) string { return c.text[c.clamp(d)] }

// opt is the day as stored in a nullable column: NULL for none.
func (c *calendar) opt(d day) any {
	if d == 0 {
		return nil
	}
	return c.str(d)
}

// nextBD is d when it is a business day, else the first one after it.
func (c *calendar) nextBD(d day) day { return c.next[c.clamp(d)] }

// addBD is the n-th business day after d (d itself does not count).
func (c *calendar) addBD(d day, n int) day {
	for ; n > 0; n-- {
		d = c.nextBD(d + 1)
	}
	return d
}

// isBusiness reports whether d is a business day.
func (c *calendar) isBusiness(d day) bool { return c.business[c.clamp(d)] }

// endOfMonth is the last day of d's month ("45 jours fin de mois").
func (c *calendar) endOfMonth(d day) day {
	return c.dayOf(c.date(d).FirstOfMonth().AddMonths(1).AddDays(-1))
}

// stamp is an instant: a day and the seconds since its midnight, UTC.
type stamp int64

// at is the instant sec seconds into day d.
func at(d day, sec int) stamp { return stamp(int64(d)*86400 + int64(sec)) }

// day is the instant's day.
func (s stamp) day() day { return day(s / 86400) }

// text writes an instant as the store does (RFC 3339, UTC, whole seconds):
// 2026-03-05T09:12:00Z.
func (c *calendar) stampText(s stamp) string {
	sec := int(s % 86400)
	b := make([]byte, 0, 20)
	b = append(b, c.str(s.day())...)
	b = append(b, 'T')
	b = appendTwo(b, sec/3600)
	b = append(b, ':')
	b = appendTwo(b, sec/60%60)
	b = append(b, ':')
	b = appendTwo(b, sec%60)
	return string(append(b, 'Z'))
}

func appendTwo(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }
