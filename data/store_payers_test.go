package data

import (
	"context"
	"testing"
)

// TestLoadPayerBook reads back a client's history as the profiles need
// it: the day an invoice paid in two goes was settled, nothing for one
// unpaid, an invoice once disputed (now open again) marked so, the
// promises counted by how they ended, and another client's left out when
// one is asked for.
func TestLoadPayerBook(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	a, b := makeClient(t, s, "alpha"), makeClient(t, s, "beta")
	paid := makeInvoiceDue(t, s, a.ID, "FA-1", 100000, "2026-01-31")
	recordPaymentOn(t, s, paid.ID, "2026-02-10", 40000)
	recordPaymentOn(t, s, paid.ID, "2026-02-20", 60000)
	unpaid := makeInvoiceDue(t, s, a.ID, "FA-2", 50000, "2026-02-28")
	if err := s.SetInvoiceState(ctx, unpaid.ID, StateDisputed, "prix"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetInvoiceState(ctx, unpaid.ID, StateOpen, "accord"); err != nil {
		t.Fatal(err)
	}
	for _, status := range []string{"broken", "broken", "kept"} {
		p := Promise{InvoiceID: unpaid.ID, MadeOn: MustDate("2026-03-01"), PromisedOn: MustDate("2026-03-05"), Amount: 100,
			Channel: ChannelPhoneCall}
		if err := s.CreatePromise(ctx, &p); err != nil {
			t.Fatal(err)
		}
		if err := s.SettlePromise(ctx, p.ID, status, MustDate("2026-03-06")); err != nil {
			t.Fatal(err)
		}
	}
	makeInvoiceDue(t, s, b.ID, "FB-1", 70000, "2026-02-15")

	book, err := s.LoadPayerBook(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(book.Invoices) != 2 {
		t.Fatalf("%d invoices, want alpha's 2: %+v", len(book.Invoices), book.Invoices)
	}
	first, second := book.Invoices[0], book.Invoices[1]
	if first.ID != paid.ID || first.SettledOn != MustDate("2026-02-20") || first.Paid != 100000 || first.Disputed {
		t.Errorf("the invoice paid in two goes: %+v", first)
	}
	if second.ID != unpaid.ID || !second.SettledOn.IsZero() || !second.Disputed || second.State != StateOpen {
		t.Errorf("the unpaid one, disputed once: %+v", second)
	}
	if c := book.Promises[a.ID]; c.Broken != 2 || c.Kept != 1 {
		t.Errorf("promises %+v", c)
	}
	all, err := s.LoadPayerBook(ctx, 0)
	if err != nil || len(all.Invoices) != 3 {
		t.Fatalf("every client: %d invoices, %v", len(all.Invoices), err)
	}
}
