package dashboard

import (
	"math"
	"slices"
	"testing"

	"relance/data"
)

var today = data.MustDate("2026-12-07")

// line is an open invoice line due on due, of amount cents with paid cents
// received.
func line(id int64, client int64, due string, amount, paid data.Money) data.InvoiceLine {
	return data.InvoiceLine{ID: id, ClientID: client, ClientName: string(rune('A' + client - 1)), DueDate: data.MustDate(due),
		Amount: amount, Paid: paid, State: data.StateOpen}
}

// handBook is a book whose figures were worked out by hand (see each
// line's comment) on 7 December 2026.
func handBook() *data.DashboardBook {
	disputed := line(4, 3, "2026-09-07", 20000, 0) // 91 days late: over 90
	disputed.State = data.StateDisputed
	writtenOff := line(5, 3, "2026-01-10", 99900, 0)
	writtenOff.State = data.StateWrittenOff
	cancelled := line(7, 3, "2026-11-01", 50000, 0)
	cancelled.Credited, cancelled.CreditClosed = 50000, true
	return &data.DashboardBook{
		Open: []data.InvoiceLine{
			line(1, 1, "2026-12-20", 100000, 0),    // not due: expected in the week from 14 Dec
			line(2, 1, "2026-11-27", 50000, 20000), // 10 days late, 300 € left, nothing promised
			line(3, 2, "2026-10-08", 80000, 0),     // 60 days late: 300 € promised for 10 Dec
			disputed,
			writtenOff,
			line(6, 2, "2026-09-08", 40000, 15000), // 90 days late, on a plan
			cancelled,
		},
		Promises: map[int64]data.Promise{3: {InvoiceID: 3, PromisedOn: data.MustDate("2026-12-10"), Amount: 30000}},
		Plans: map[int64]data.PlanAhead{6: {AgreedOn: data.MustDate("2026-11-01"), PaidSince: 15000, Instalments: []data.Instalment{
			{DueDate: data.MustDate("2026-11-30"), Amount: 15000}, // paid
			{DueDate: data.MustDate("2026-12-30"), Amount: 15000}, // the week from 28 Dec
			{DueDate: data.MustDate("2027-01-29"), Amount: 10000}, // the week from 25 Jan
		}}},
		Sales: []data.DaySum{
			{Day: data.MustDate("2026-09-08"), Amount: 200000}, // (7 Sep, 7 Oct]: 30 days
			{Day: data.MustDate("2026-11-07"), Amount: 100000}, // (7 Oct, 7 Nov]: 31 days
			{Day: data.MustDate("2026-11-08"), Amount: 150000}, // (7 Nov, 7 Dec]: 30 days
		},
		Received: []data.PaidDay{
			{Day: data.MustDate("2026-08-01"), Amount: 70000, CentDaysLate: 70000 * 92}, // before the countback
			{Day: data.MustDate("2026-10-20"), Amount: 20000, CentDaysLate: 20000 * 30},
			{Day: data.MustDate("2026-11-15"), Amount: 30000},                          // on time
			{Day: data.MustDate("2026-12-02"), Amount: 10000, CentDaysLate: 10000 * 5}, // invoice 2, 5 days late
		},
	}
}

func TestAgedBalanceByHand(t *testing.T) {
	f := Compute(handBook(), today)
	want := Aged{NotDue: 100000, Late1to30: 30000, Late31to60: 80000, Late61to90: 25000, LateOver90: 20000}
	if f.Aged != want {
		t.Errorf("aged %v, want %v", f.Aged, want)
	}
	if f.Outstanding != 255000 || f.Overdue != 155000 {
		t.Errorf("outstanding %v overdue %v, want 2550.00 and 1550.00", f.Outstanding, f.Overdue)
	}
	wantItems := [BucketCount][]int64{{1}, {2}, {3}, {6}, {4}}
	for b := range BucketCount {
		if !slices.Equal(f.AgedItems[b], wantItems[b]) {
			t.Errorf("bucket %s: invoices %v, want %v", b.Key(), f.AgedItems[b], wantItems[b])
		}
	}
	// B owes 1,050 € overdue, A 300 € (and 1,000 € not yet due), C 200 €
	// disputed.
	if len(f.Late) != 3 || f.Late[0].ClientID != 2 || f.Late[0].Overdue() != 105000 || f.Late[1].Overdue() != 30000 ||
		f.Late[2].ClientID != 3 {
		t.Errorf("most late %+v", f.Late)
	}
}

func TestCashExpectedAndCollectedByHand(t *testing.T) {
	f := Compute(handBook(), today)
	ahead := map[int]data.Money{0: 30000, 1: 100000, 3: 15000, 7: 10000}
	for k, w := range f.Ahead {
		if w.Amount != ahead[k] {
			t.Errorf("week ahead %d (%s to %s): %v, want %v", k, w.First, w.Last, w.Amount, ahead[k])
		}
	}
	if f.Ahead[0].First != today || f.Ahead[7].Last != data.MustDate("2027-01-31") {
		t.Errorf("weeks ahead from %s to %s", f.Ahead[0].First, f.Ahead[7].Last)
	}
	if f.Undated != 80000 || !slices.Equal(f.UndatedItems, []int64{2, 3}) {
		t.Errorf("undated %v %v, want 800.00 on invoices 2 and 3", f.Undated, f.UndatedItems)
	}
	past := map[int]data.Money{1: 20000, 4: 30000, 7: 10000}
	for k, w := range f.Past {
		if w.Amount != past[k] {
			t.Errorf("past week %d (%s to %s): %v, want %v", k, w.First, w.Last, w.Amount, past[k])
		}
	}
	if f.Past[7].Last != today || f.Past[0].First != data.MustDate("2026-10-13") {
		t.Errorf("last week %+v", f.Past[7])
	}
	if f.CollectedMonth != 10000 || f.CollectedLastMonth != 30000 {
		t.Errorf("collected %v this month, %v last", f.CollectedMonth, f.CollectedLastMonth)
	}
	// (100 € × 5 days + 300 € × 0 + 200 € × 30 days) / 600 €
	if !f.AvgKnown || math.Abs(f.AvgDaysLate-650.0/60) > 1e-9 {
		t.Errorf("average days late %v", f.AvgDaysLate)
	}
}

func TestDSOCountback(t *testing.T) {
	f := Compute(handBook(), today)
	// 2,550 €: 1,500 € of the month to 7 Dec (30 days), 1,000 € of the
	// month to 7 Nov (31 days), then 50 € of 2,000 € over 30 days.
	if !f.DSOKnown || math.Abs(f.DSO-(30+31+0.75)) > 1e-9 {
		t.Errorf("DSO %v, want 61.75", f.DSO)
	}
	monthly := []data.DaySum{{Day: data.MustDate("2026-09-20"), Amount: 100000}, {Day: data.MustDate("2026-10-20"), Amount: 100000},
		{Day: data.MustDate("2026-11-20"), Amount: 100000}}
	// 10,000 € against 3,000 € of sales over 91 days: the 91 days, then
	// 7,000 € at 3,000 € / 91 a day.
	if dso, ok := DSOOf(1000000, monthly, today); !ok || math.Abs(dso-(91+7000.0/(3000.0/91))) > 1e-9 {
		t.Errorf("DSO past the countback %v", dso)
	}
	if dso, ok := DSOOf(50000, monthly, today); !ok || math.Abs(dso-15) > 1e-9 {
		t.Errorf("DSO within the first month %v, want 500/1000 of 30 days", dso)
	}
	if _, ok := DSOOf(50000, nil, today); ok {
		t.Error("a DSO with no sales")
	}
}

func TestBucketEdges(t *testing.T) {
	for due, want := range map[string]Bucket{"2026-12-07": NotDue, "2026-12-06": Late1to30, "2026-11-07": Late1to30,
		"2026-11-06": Late31to60, "2026-10-08": Late31to60, "2026-10-07": Late61to90, "2026-09-08": Late61to90,
		"2026-09-07": LateOver90, "2027-03-01": NotDue} {
		if got := BucketOf(data.MustDate(due), today); got != want {
			t.Errorf("due %s: %s, want %s", due, got.Key(), want.Key())
		}
	}
}
