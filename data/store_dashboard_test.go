package data

import (
	"context"
	"slices"
	"testing"
)

// TestLoadDashboardBook reads what the dashboard needs and no more: the
// unpaid invoices, the sales and payments from the day asked on, the
// latest open promise of an unpaid invoice, and an active plan with what
// was paid since it was agreed.
func TestLoadDashboardBook(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "alpha")
	old := makeInvoiceDue(t, s, c.ID, "FA-1", 100000, "2026-01-31") // issued 1 Jan, paid in full
	recordPaymentOn(t, s, old.ID, "2026-02-10", 100000)
	promised := makeInvoiceDue(t, s, c.ID, "FA-2", 50000, "2026-11-30")
	for i, day := range []string{"2026-12-01", "2026-12-03"} {
		p := Promise{InvoiceID: promised.ID, MadeOn: MustDate(day), PromisedOn: MustDate(day).AddDays(10 + i), Amount: 20000,
			Channel: ChannelPhoneCall}
		if err := s.CreatePromise(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	planned := makeInvoiceDue(t, s, c.ID, "FA-3", 90000, "2026-10-31")
	recordPaymentOn(t, s, planned.ID, "2026-11-02", 10000) // before the plan
	plan := PaymentPlan{InvoiceID: planned.ID, AgreedOn: MustDate("2026-11-05"), Instalments: []Instalment{
		{DueDate: MustDate("2026-12-05"), Amount: 40000}, {DueDate: MustDate("2027-01-05"), Amount: 40000}}}
	if err := s.CreatePaymentPlan(ctx, &plan); err != nil {
		t.Fatal(err)
	}
	recordPaymentOn(t, s, planned.ID, "2026-12-04", 40000)

	b, err := s.LoadDashboardBook(ctx, MustDate("2026-09-01"))
	if err != nil {
		t.Fatal(err)
	}
	// In the order of the unpaid invoices' index: by due date.
	if len(b.Open) != 2 || b.Open[0].ID != planned.ID || b.Open[1].ID != promised.ID || b.Open[0].Paid != 50000 {
		t.Errorf("open invoices %+v", b.Open)
	}
	var sales Money
	for _, d := range b.Sales {
		sales += d.Amount
	}
	if sales != 140000 || len(b.Sales) != 2 {
		t.Errorf("sales from September %v over %d days, want FA-2 and FA-3's 1,400.00", sales, len(b.Sales))
	}
	// FA-3 was due on 31 Oct: 100 € 2 days late, 400 € 34 days late.
	want := []PaidDay{{Day: MustDate("2026-11-02"), Amount: 10000, CentDaysLate: 10000 * 2},
		{Day: MustDate("2026-12-04"), Amount: 40000, CentDaysLate: 40000 * 34}}
	if !slices.Equal(b.Received, want) {
		t.Errorf("received from September %+v, want %+v", b.Received, want)
	}
	ids, err := s.ListInvoiceIDsPaidBetween(ctx, MustDate("2026-02-01"), MustDate("2026-11-30"))
	if err != nil || !slices.Equal(ids, []int64{old.ID, planned.ID}) {
		t.Errorf("invoices paid from February to November %v %v", ids, err)
	}
	if p := b.Promises[promised.ID]; len(b.Promises) != 1 || p.PromisedOn != MustDate("2026-12-14") {
		t.Errorf("promises %+v, want the latest, for 14 Dec", b.Promises)
	}
	if p := b.Plans[planned.ID]; len(p.Instalments) != 2 || p.PaidSince != 40000 || p.AgreedOn != MustDate("2026-11-05") {
		t.Errorf("plan %+v", p)
	}
}
