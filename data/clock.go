package data

import "time"

// Clock tells the time. Everything that depends on "today" takes a Clock, so
// that tests and demo data can fix the day.
type Clock interface {
	Now() time.Time // an instant, for timestamps
	Today() Date    // the calendar day in the user's time zone
}

// SystemClock is the real clock in the machine's local time zone.
type SystemClock struct{}

// Now returns the current instant.
func (SystemClock) Now() time.Time { return time.Now() }

// Today returns the local calendar day.
func (SystemClock) Today() Date { return DateOf(time.Now()) }

// FixedClock always returns the same instant; for tests and reproducible runs.
type FixedClock struct{ At time.Time }

// Now returns the fixed instant.
func (c FixedClock) Now() time.Time { return c.At }

// Today returns the fixed instant's calendar day.
func (c FixedClock) Today() Date { return DateOf(c.At) }

// ClockOn returns a FixedClock at noon UTC on day d.
func ClockOn(d Date) FixedClock { return FixedClock{At: d.Time().Add(12 * time.Hour)} }
