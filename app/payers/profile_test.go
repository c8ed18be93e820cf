package payers

import (
	"testing"

	"relance/data"
)

var today = data.MustDate("2026-12-07")

// history builds a client's invoices: one per month going back from
// today, each of amount, paid late by the given days (-1: not paid).
func history(client int64, amount data.Money, lates ...int) []data.PayerInvoice {
	var out []data.PayerInvoice
	for i, late := range lates {
		due := today.AddMonths(-(len(lates) - i))
		inv := data.PayerInvoice{ID: int64(i + 1), ClientID: client, Amount: amount, IssueDate: due.AddDays(-30),
			DueDate: due, State: data.StateOpen}
		if late >= 0 {
			inv.Paid, inv.SettledOn = amount, due.AddDays(late)
		}
		out = append(out, inv)
	}
	return out
}

func repeat(n, late int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = late
	}
	return out
}

func TestProfilesAndGrades(t *testing.T) {
	hugeLate := history(1, 50_000, repeat(10, 0)...)
	huge := history(1, 5_000_000, 90)[0]
	huge.DueDate, huge.SettledOn = today.AddMonths(-11), today.AddMonths(-11).AddDays(90)
	hugeLate = append(hugeLate, huge)

	cases := []struct {
		name     string
		invoices []data.PayerInvoice
		promises data.PromiseCounts
		grade    Grade
		trend    Trend
		reasons  []ReasonKind
		check    func(t *testing.T, p *Profile)
	}{
		{name: "always on time", invoices: history(1, 100_000, repeat(12, 0)...), grade: GradeA, trend: TrendSteady,
			reasons: []ReasonKind{ReasonOnTime}, check: func(t *testing.T, p *Profile) {
				if p.OnTime != 12 || p.AvgDaysLate != 0 || p.Reasons[0].N != 12 || p.Reasons[0].M != 12 {
					t.Errorf("%+v", p)
				}
			}},
		{name: "always 30 days late", invoices: history(1, 100_000, repeat(12, 30)...), grade: GradeC, trend: TrendSteady,
			reasons: []ReasonKind{ReasonLate, ReasonLongest}, check: func(t *testing.T, p *Profile) {
				if p.Late != 12 || p.AvgDaysLate != 30 || p.LongestDelay != 30 || p.Reasons[0].Days != 30 {
					t.Errorf("%+v", p)
				}
			}},
		{name: "a few days late now and then", invoices: history(1, 100_000, 0, 0, 5, 0, 0, 8, 0, 0, 0, 4), grade: GradeB,
			trend:   TrendSteady,
			reasons: []ReasonKind{ReasonLate}},
		{name: "improving: 40 days late, then on time", invoices: history(1, 100_000, 40, 40, 40, 40, 40, 40, 0, 0, 1, 0, 0, 0),
			grade: GradeB, trend: TrendBetter, reasons: []ReasonKind{ReasonLate, ReasonLongest, ReasonBetter},
			check: func(t *testing.T, p *Profile) {
				// 20 days on average: C, lifted to B by the trend.
				if p.AvgDaysLate < 19 || p.AvgDaysLate > 21 || p.RecentLate > 1 || p.EarlierLate != 40 {
					t.Errorf("%+v", p)
				}
			}},
		{name: "on time but three promises broken", invoices: history(1, 100_000, repeat(12, 0)...),
			promises: data.PromiseCounts{Broken: 3, Kept: 1}, grade: GradeC, trend: TrendSteady, reasons: []ReasonKind{ReasonOnTime, ReasonBroken}},
		// 82 days late weighted by amount (8 counted per invoice): E, lifted
		// to D by the months on time since.
		{name: "one huge invoice 90 days late among small ones on time", invoices: hugeLate, grade: GradeD,
			trend: TrendBetter, reasons: []ReasonKind{ReasonLate, ReasonLongest, ReasonBetter},
			check: func(t *testing.T, p *Profile) {
				// Weighted by amount: the huge one is nearly all of it.
				if p.AvgDaysLate < 80 || p.OnTime != 10 || p.Late != 1 || p.LongestDelay != 90 {
					t.Errorf("%+v", p)
				}
			}},
		{name: "two invoices: too early", invoices: history(1, 100_000, 0, 0), grade: "",
			reasons: []ReasonKind{ReasonNew}},
		{name: "unpaid for 95 days counts as late so far", invoices: func() []data.PayerInvoice {
			h := history(1, 100_000, 0, 0, 0)
			unpaid := history(1, 300_000, -1)[0]
			unpaid.ID, unpaid.DueDate = 9, today.AddDays(-95)
			return append(h, unpaid)
		}(), grade: GradeD, reasons: []ReasonKind{ReasonLate, ReasonLongest}, check: func(t *testing.T, p *Profile) {
			if p.LongestDelay != 95 || p.AtRisk != 300_000 || p.Outstanding != 300_000 {
				t.Errorf("%+v", p)
			}
		}},
		{name: "on time, one written off", invoices: func() []data.PayerInvoice {
			h := history(1, 100_000, repeat(6, 0)...)
			off := history(1, 100_000, -1)[0]
			off.ID, off.DueDate, off.State = 9, today.AddMonths(-24), data.StateWrittenOff
			return append(h, off)
		}(), grade: GradeE, reasons: []ReasonKind{ReasonLate, ReasonLongest, ReasonWrittenOff}},
		{name: "not yet due says nothing", invoices: func() []data.PayerInvoice {
			h := history(1, 100_000, repeat(4, 0)...)
			future := history(1, 100_000, -1)[0]
			future.ID, future.DueDate = 9, today.AddDays(10)
			return append(h, future)
		}(), grade: GradeA, reasons: []ReasonKind{ReasonOnTime}, check: func(t *testing.T, p *Profile) {
			if p.Counted != 4 || p.Outstanding != 100_000 || p.AtRisk != 0 {
				t.Errorf("%+v", p)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := data.PayerBook{Invoices: c.invoices, Promises: map[int64]data.PromiseCounts{1: c.promises}}
			p := Make(b, today)[1]
			if p == nil {
				t.Fatal("no profile")
			}
			if p.Grade != c.grade || p.Trend != c.trend {
				t.Errorf("grade %q trend %q, want %q %q (%+v)", p.Grade, p.Trend, c.grade, c.trend, p)
			}
			var kinds []ReasonKind
			for _, r := range p.Reasons {
				kinds = append(kinds, r.Kind)
			}
			if len(kinds) != len(c.reasons) {
				t.Fatalf("reasons %v, want %v", kinds, c.reasons)
			}
			for i := range kinds {
				if kinds[i] != c.reasons[i] {
					t.Errorf("reasons %v, want %v", kinds, c.reasons)
				}
			}
			if c.check != nil {
				c.check(t, p)
			}
		})
	}
}

// TestSortedRiskiestFirst: E before D before no grade, and among equals
// the larger amount at stake first.
func TestSortedRiskiestFirst(t *testing.T) {
	list := Sorted(map[int64]*Profile{
		1: {ClientID: 1, Grade: GradeA},
		2: {ClientID: 2, Grade: GradeE, AtRisk: 100},
		3: {ClientID: 3, Grade: ""},
		4: {ClientID: 4, Grade: GradeE, AtRisk: 900},
		5: {ClientID: 5, Grade: GradeD},
	})
	var got []int64
	for _, p := range list {
		got = append(got, p.ClientID)
	}
	want := []int64{4, 2, 5, 1, 3}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
}

// The reasons a client gave for its delays are counted and said, the
// most given first; they leave the grade alone.
func TestProfileCountsDelayReasons(t *testing.T) {
	d := data.MustDate
	today := d("2026-11-24") // shadows the file's day: the invoices are dated for this one
	inv := func(id int64, reason data.DelayReason) data.PayerInvoice {
		return data.PayerInvoice{ID: id, ClientID: 1, Amount: 1000, Paid: 1000, DueDate: d("2026-06-01"),
			SettledOn: d("2026-06-21"), State: data.StateOpen, DelayReason: reason}
	}
	b := data.PayerBook{Invoices: []data.PayerInvoice{inv(1, data.DelayForgotten), inv(2, data.DelayCashDifficulty),
		inv(3, data.DelayCashDifficulty), inv(4, data.DelayNone)}}
	p := Make(b, today)[1]
	if p.Delays[data.DelayCashDifficulty] != 2 || p.Delays[data.DelayForgotten] != 1 || len(p.Delays) != 2 {
		t.Fatalf("delays counted %v", p.Delays)
	}
	var said []Reason
	for _, r := range p.Reasons {
		if r.Kind == ReasonDelay {
			said = append(said, r)
		}
	}
	if len(said) != 2 || said[0].Delay != data.DelayCashDifficulty || said[0].N != 2 || said[1].Delay != data.DelayForgotten {
		t.Errorf("reasons said %+v", said)
	}
	for i := range b.Invoices {
		b.Invoices[i].DelayReason = data.DelayNone
	}
	if without := Make(b, today)[1]; without.Grade != p.Grade {
		t.Errorf("the reasons moved the grade from %s to %s", without.Grade, p.Grade)
	}
}
