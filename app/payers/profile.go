// Package payers works out each client's payment habits from its history
// (data.PayerBook): how late it pays, how often on time, its longest
// delay, its promises broken, its disputes, the trend of the last six
// months, the amount at stake now, and a grade from A (pays on time) to E
// (pays very late or not at all) with the reasons behind it. It computes
// only; the window and the command line say it in words.
package payers

import (
	"sort"

	"relance/data"
)

// Grade is a client's grade, "A" to "E"; "" when its history is too short
// to say (fewer than MinSettled invoices settled or overdue).
type Grade string

// The grades.
const (
	GradeA Grade = "A" // pays on time
	GradeB Grade = "B" // a few days late now and then
	GradeC Grade = "C" // late as a habit
	GradeD Grade = "D" // very late, or breaks its promises
	GradeE Grade = "E" // does not pay: months late, written off, in court
)

// MinSettled is how many invoices (settled, or due and unpaid) a profile
// needs before it grades: two invoices say nothing of a habit.
const MinSettled = 3

// Trend says whether the last six months were better than before.
type Trend string

// The trends.
const (
	TrendNone   Trend = ""       // not enough invoices in one of the two periods
	TrendBetter Trend = "better" // at least 5 days less late on average
	TrendWorse  Trend = "worse"  // at least 5 days more late
	TrendSteady Trend = "steady"
)

// Profile is one client's payment habits as of a day.
type Profile struct {
	ClientID int64
	// Counted are the invoices the habits are read from: settled, or past
	// due and unpaid (those not yet due say nothing).
	Counted      int
	OnTime       int        // settled by their due date
	Late         int        // settled after it, or past due and unpaid
	AvgDaysLate  float64    // over Counted, weighted by amount (on time counts 0)
	LongestDelay int        // days, the worst of Counted (unpaid: so far)
	Broken, Kept int        // promises
	Disputes     int        // invoices disputed or taken to court, now or once
	WrittenOff   int        // invoices given up
	Trend        Trend      // the last six months against before
	RecentLate   float64    // average days late of the last six months
	EarlierLate  float64    // and before
	AtRisk       data.Money // owed and past due now
	Outstanding  data.Money // owed now
	Grade        Grade
	Reasons      []Reason // why the grade, the weightiest first
	// Delays counts the reasons the client gave for paying late, one per
	// invoice (data.DelayReason); the reasons say them, most given first.
	Delays map[data.DelayReason]int
}

// Reason is one fact behind a grade, for the caller to say in words.
type Reason struct {
	Kind ReasonKind
	N, M int // the counts or days the kind names
	Days int // ReasonLate: the average days late
	// Delay is the reason given, for ReasonDelay.
	Delay data.DelayReason
}

// ReasonKind names a fact behind a grade.
type ReasonKind string

// The reasons.
const (
	ReasonOnTime     ReasonKind = "on_time"     // N of M invoices paid on time
	ReasonLate       ReasonKind = "late"        // N of M invoices paid late, Days on average
	ReasonLongest    ReasonKind = "longest"     // the longest delay: N days
	ReasonBroken     ReasonKind = "broken"      // N promises broken
	ReasonDisputes   ReasonKind = "disputes"    // N invoices disputed
	ReasonWrittenOff ReasonKind = "written_off" // N invoices written off
	ReasonBetter     ReasonKind = "better"      // N days late on average over the last six months, M before
	ReasonWorse      ReasonKind = "worse"       // likewise, when more late
	ReasonNew        ReasonKind = "new"         // N invoices only: too early to say
	ReasonDelay      ReasonKind = "delay"       // N invoices late for the reason Delay
)

// recentMonths is the trend's recent period.
const recentMonths = 6

// Make works out the profile of every client of the book as of today, by
// client id.
func Make(b data.PayerBook, today data.Date) map[int64]*Profile {
	out := map[int64]*Profile{}
	weighted, weights := map[int64]float64{}, map[int64]float64{} // days late × amount, amount
	recent := map[int64]*periodSum{}
	before := map[int64]*periodSum{}
	since := today.AddMonths(-recentMonths)
	for i := range b.Invoices {
		inv := &b.Invoices[i]
		p := out[inv.ClientID]
		if p == nil {
			p = &Profile{ClientID: inv.ClientID}
			out[inv.ClientID] = p
		}
		owed := inv.Amount - inv.Paid
		if owed > 0 && inv.State != data.StateWrittenOff {
			p.Outstanding += owed
			if inv.DueDate.Before(today) {
				p.AtRisk += owed
			}
		}
		if inv.Disputed {
			p.Disputes++
		}
		if inv.State == data.StateWrittenOff {
			p.WrittenOff++
		}
		if inv.DelayReason != data.DelayNone {
			if p.Delays == nil {
				p.Delays = map[data.DelayReason]int{}
			}
			p.Delays[inv.DelayReason]++
		}
		late, counted := daysLate(inv, today)
		if !counted {
			continue
		}
		p.Counted++
		if late > 0 {
			p.Late++
		} else {
			p.OnTime++
		}
		p.LongestDelay = max(p.LongestDelay, late)
		weight := float64(max(inv.Amount, 1))
		weighted[inv.ClientID] += weight * float64(late)
		weights[inv.ClientID] += weight
		period := before
		if !inv.DueDate.Before(since) {
			period = recent
		}
		if period[inv.ClientID] == nil {
			period[inv.ClientID] = &periodSum{}
		}
		period[inv.ClientID].add(late)
	}
	for id, p := range out {
		if weights[id] > 0 {
			p.AvgDaysLate = weighted[id] / weights[id]
		}
		c := b.Promises[id]
		p.Broken, p.Kept = c.Broken, c.Kept
		p.trend(recent[id], before[id])
		p.grade()
		p.Reasons = append(p.Reasons, p.delayReasons()...)
	}
	return out
}

// daysLate is how late an invoice was paid (or is, unpaid past its due
// date), and whether it tells of the client's habits at all: an invoice
// not yet due, or settled by a credit note alone, does not.
func daysLate(inv *data.PayerInvoice, today data.Date) (int, bool) {
	switch {
	case !inv.SettledOn.IsZero():
		return max(inv.SettledOn.DaysSince(inv.DueDate), 0), true
	case inv.DueDate.Before(today):
		return today.DaysSince(inv.DueDate), true
	}
	return 0, false
}

// periodSum adds up the days late of one period's invoices.
type periodSum struct{ n, days int }

func (s *periodSum) add(late int) { s.n, s.days = s.n+1, s.days+late }

func (s *periodSum) avg() float64 { return float64(s.days) / float64(s.n) }

// trend compares the last six months with before, when each has at least
// two invoices.
func (p *Profile) trend(recent, before *periodSum) {
	if recent == nil || before == nil || recent.n < 2 || before.n < 2 {
		return
	}
	p.RecentLate, p.EarlierLate = recent.avg(), before.avg()
	switch d := p.RecentLate - p.EarlierLate; {
	case d <= -5:
		p.Trend = TrendBetter
	case d >= 5:
		p.Trend = TrendWorse
	default:
		p.Trend = TrendSteady
	}
}

// grade sets the grade and its reasons. The grade follows how late the
// client pays on average (weighted by amount) and how often it is on
// time; each promise broken beyond the first and each write-off lower it
// by one, and so do disputes on more than one invoice in ten (up to C); a
// better trend lifts it by one, a worse one lowers it.
func (p *Profile) grade() {
	if p.Counted < MinSettled {
		p.Reasons = []Reason{{Kind: ReasonNew, N: p.Counted}}
		return
	}
	onTime := float64(p.OnTime) / float64(p.Counted)
	level := 0 // A
	switch {
	case p.AvgDaysLate <= 3 && onTime >= 0.9:
	case p.AvgDaysLate <= 10 && onTime >= 0.6:
		level = 1
	case p.AvgDaysLate <= 30:
		level = 2
	case p.AvgDaysLate <= 60:
		level = 3
	default:
		level = 4
	}
	level += max(p.Broken-1, 0) + p.WrittenOff
	// A dispute now and then is business; one invoice in ten is a habit.
	if p.Disputes*10 > p.Counted && level < 2 {
		level++
	}
	if p.Trend == TrendBetter && level > 0 {
		level--
	}
	if p.Trend == TrendWorse && level < 4 {
		level++
	}
	p.Grade = []Grade{GradeA, GradeB, GradeC, GradeD, GradeE}[min(level, 4)]

	if p.Late == 0 {
		p.Reasons = append(p.Reasons, Reason{Kind: ReasonOnTime, N: p.OnTime, M: p.Counted})
	} else {
		p.Reasons = append(p.Reasons, Reason{Kind: ReasonLate, N: p.Late, M: p.Counted, Days: int(p.AvgDaysLate + 0.5)})
	}
	if p.LongestDelay >= 30 {
		p.Reasons = append(p.Reasons, Reason{Kind: ReasonLongest, N: p.LongestDelay})
	}
	for _, r := range []Reason{{Kind: ReasonBroken, N: p.Broken}, {Kind: ReasonWrittenOff, N: p.WrittenOff},
		{Kind: ReasonDisputes, N: p.Disputes}} {
		if r.N > 0 {
			p.Reasons = append(p.Reasons, r)
		}
	}
	switch p.Trend {
	case TrendBetter:
		p.Reasons = append(p.Reasons, Reason{Kind: ReasonBetter, N: int(p.RecentLate + 0.5), M: int(p.EarlierLate + 0.5)})
	case TrendWorse:
		p.Reasons = append(p.Reasons, Reason{Kind: ReasonWorse, N: int(p.RecentLate + 0.5), M: int(p.EarlierLate + 0.5)})
	}
}

// Of is a client's profile among profiles, or, for a client with no
// invoice yet (Make knows nothing of it), one that says it is too early.
func Of(profiles map[int64]*Profile, clientID int64) *Profile {
	if p := profiles[clientID]; p != nil {
		return p
	}
	return &Profile{ClientID: clientID, Reasons: []Reason{{Kind: ReasonNew}}}
}

// Sorted returns the profiles riskiest first: by grade (E first), then by
// the amount at stake.
func Sorted(profiles map[int64]*Profile) []*Profile {
	out := make([]*Profile, 0, len(profiles))
	for _, p := range profiles {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Grade != b.Grade {
			return rank(a.Grade) > rank(b.Grade)
		}
		if a.AtRisk != b.AtRisk {
			return a.AtRisk > b.AtRisk
		}
		return a.ClientID < b.ClientID
	})
	return out
}

// rank orders grades from no grade (0) to E (5).
func rank(g Grade) int {
	if g == "" {
		return 0
	}
	return int(g[0]-'A') + 1
}

// delayReasons says the reasons the client gave for its delays, the most
// given first (then in the order of data.DelayReasons). They do not move
// the grade: they tell how to answer, not how late.
func (p *Profile) delayReasons() []Reason {
	var out []Reason
	for _, r := range data.DelayReasons {
		if n := p.Delays[r]; n > 0 {
			out = append(out, Reason{Kind: ReasonDelay, N: n, Delay: r})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].N > out[j].N })
	return out
}
