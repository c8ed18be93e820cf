package data

import (
	"context"
	"testing"
)

// seedInvoiceLines makes a book of two invoices: FA-1, partly paid and
// paused for three days; FA-2, disputed, of a client whose reminders are
// paused.
func seedInvoiceLines(t *testing.T) (*Store, Invoice, Invoice, Client) {
	t.Helper()
	ctx := context.Background()
	s := newTestStore(t)
	shop := makeClient(t, s, "boulangerie")
	paused := makeClient(t, s, "cafe")
	paused.RemindersPaused = true
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.UpdateClient(ctx, &paused))
	first := makeInvoice(t, s, shop.ID, "FA-1", 100000)
	second := makeInvoice(t, s, paused.ID, "FA-2", 50000)
	must(s.CreatePayment(ctx, &Payment{InvoiceID: first.ID, Date: testDay, Amount: 40000}))
	must(s.SetInvoiceState(ctx, second.ID, StateDisputed, "livraison"))
	must(s.PauseInvoice(ctx, first.ID, testDay.AddDays(3), "avoir"))
	return s, first, second, paused
}

func TestListInvoiceLines(t *testing.T) {
	s, first, second, paused := seedInvoiceLines(t)
	lines, err := s.ListInvoiceLines(context.Background())
	if err != nil || len(lines) != 2 {
		t.Fatalf("lines %v, %v", lines, err)
	}
	want := []InvoiceLine{
		{ID: first.ID, Number: "FA-1", ClientID: first.ClientID, ClientName: "boulangerie", DueDate: first.DueDate,
			Amount: 100000, Paid: 40000, State: StateOpen, Paused: true, PausedUntil: testDay.AddDays(3)},
		{ID: second.ID, Number: "FA-2", ClientID: paused.ID, ClientName: "cafe", ClientPaused: true, DueDate: second.DueDate,
			Amount: 50000, State: StateDisputed},
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d = %+v, want %+v", i, lines[i], want[i])
		}
	}
}

func TestInvoiceLineStatusAndPause(t *testing.T) {
	s, first, _, _ := seedInvoiceLines(t)
	lines, err := s.ListInvoiceLines(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st := lines[0].Status(testDay, 7)
	want := Status{Kind: StatusOverdue, DaysLate: testDay.DaysSince(first.DueDate), Paid: 40000, Outstanding: 60000}
	if st != want {
		t.Errorf("status %+v, want %+v", st, want)
	}
	if !lines[0].RemindersPaused(testDay.AddDays(3)) || lines[0].RemindersPaused(testDay.AddDays(4)) {
		t.Error("an invoice paused until a day is paused up to that day included, not after")
	}
	if !lines[1].RemindersPaused(testDay.AddDays(400)) {
		t.Error("an invoice of a paused client is paused")
	}
}
