package data

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// bookHas reports whether the planner's book holds the invoice, and its
// planner view when it does.
func bookHas(t *testing.T, s *Store, q BookQuery, invoiceID int64) (PlanInvoice, bool) {
	t.Helper()
	b, err := s.LoadDunningBook(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range b.Invoices {
		if p.ID == invoiceID {
			return p, true
		}
	}
	return PlanInvoice{}, false
}

// firstStep is the first step of the seeded standard scenario.
func firstStep(t *testing.T, s *Store) Step {
	t.Helper()
	scenarios, err := s.ListScenarios(context.Background())
	if err != nil || len(scenarios) == 0 || len(scenarios[0].Steps) == 0 {
		t.Fatalf("scenarios: %v %v", scenarios, err)
	}
	return scenarios[0].Steps[0]
}

func endOfTimeline(t *testing.T, s *Store, invoiceID int64) Event {
	t.Helper()
	events, err := s.ListEventsByInvoice(context.Background(), invoiceID)
	if err != nil || len(events) == 0 {
		t.Fatalf("events: %v %v", events, err)
	}
	return events[len(events)-1]
}

func TestDeleteInvoiceOnlyWithoutHistory(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "traiteur")
	typo := makeInvoice(t, s, c.ID, "FA-1", 50000)
	typo.Amount = 5000 // corrected: still no history
	if err := s.UpdateInvoice(ctx, &typo); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteInvoice(ctx, typo.ID); err != nil {
		t.Fatalf("an invoice only typed and corrected: %v", err)
	}
	events, _ := s.ListEventsByClient(ctx, c.ID)
	if e := events[len(events)-1]; e.Kind != EventInvoiceDeleted || e.Params["number"] != "FA-1" || e.InvoiceID != 0 {
		t.Fatalf("the client's timeline ends with %+v", e)
	}

	histories := map[string]func(inv Invoice) error{
		"payment": func(inv Invoice) error {
			return s.CreatePayment(ctx, &Payment{InvoiceID: inv.ID, Date: testDay, Amount: 100})
		},
		"promise": func(inv Invoice) error {
			return s.CreatePromise(ctx, &Promise{InvoiceID: inv.ID, MadeOn: testDay, PromisedOn: testDay.AddDays(5), Amount: 100})
		},
		"dispute": func(inv Invoice) error { return s.SetInvoiceState(ctx, inv.ID, StateDisputed, "non livré") },
		"step": func(inv Invoice) error {
			return s.RecordAction(ctx, &Action{InvoiceID: inv.ID, StepID: firstStep(t, s).ID})
		},
		"credit": func(inv Invoice) error {
			return s.CreateCreditNote(ctx, &CreditNote{InvoiceID: inv.ID, Date: testDay, Amount: 100, Reason: "remise"})
		},
	}
	n := 2
	for name, happen := range histories {
		inv := makeInvoice(t, s, c.ID, "FA-"+strings.Repeat("9", n), 50000)
		n++
		if history, err := s.InvoiceHasHistory(ctx, inv.ID); err != nil || history {
			t.Fatalf("%s: a new invoice has a history (%v)", name, err)
		}
		if err := happen(inv); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := s.DeleteInvoice(ctx, inv.ID); !errors.Is(err, ErrHasHistory) {
			t.Errorf("%s: delete = %v, want ErrHasHistory", name, err)
		}
		if _, err := s.GetInvoice(ctx, inv.ID); err != nil {
			t.Errorf("%s: the invoice is gone: %v", name, err)
		}
	}
}

// TestCreditNotesReduceWhatIsOwed: a partial credit note lowers the
// balance everywhere (status, lists, key figures, the planner's net
// amount); the credit note that settles the rest closes the invoice,
// which leaves the planner's book for good, thank-you included.
func TestCreditNotesReduceWhatIsOwed(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "imprimerie")
	inv := makeInvoice(t, s, c.ID, "FA-10", 100000) // due 2026-03-03, past on testDay
	if err := s.RecordAction(ctx, &Action{InvoiceID: inv.ID, StepID: firstStep(t, s).ID}); err != nil {
		t.Fatal(err)
	}
	credit := CreditNote{InvoiceID: inv.ID, Date: MustDate("2026-03-05"), Amount: 20000, Reason: "Remise pour retard de livraison"}
	if err := s.CreateCreditNote(ctx, &credit); err != nil {
		t.Fatal(err)
	}
	if err := s.CreatePayment(ctx, &Payment{InvoiceID: inv.ID, Date: MustDate("2026-03-10"), Amount: 30000}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetInvoice(ctx, inv.ID)
	if st := DeriveStatus(&got, 30000, testDay, 7); got.Credited != 20000 || st.Outstanding != 50000 || st.Kind != StatusOverdue {
		t.Fatalf("after a partial credit note: credited %v, status %+v", got.Credited, st)
	}
	plan, ok := bookHas(t, s, BookQuery{}, inv.ID)
	if !ok || plan.Amount != 80000 || plan.Paid != 30000 {
		t.Fatalf("the planner reads %+v (in book: %v), want amount net of credit 800,00 and paid 300,00", plan, ok)
	}
	k, _ := s.GetKeyFigures(ctx, testDay, 7)
	if k.Outstanding != 50000 || k.OverdueCount != 1 {
		t.Fatalf("key figures %+v", k)
	}

	tooMuch := CreditNote{InvoiceID: inv.ID, Date: testDay, Amount: 50001, Reason: "annulation"}
	err := s.CreateCreditNote(ctx, &tooMuch)
	if fes := FieldErrorsOf(err); len(fes) != 1 || fes[0].Reason != ReasonCreditTooLarge || fes[0].Value != "500,00" {
		t.Fatalf("credit beyond the balance: %v", err)
	}
	rest := CreditNote{InvoiceID: inv.ID, Date: testDay, Amount: 50000, Reason: "Annulation du solde"}
	if err := s.CreateCreditNote(ctx, &rest); err != nil {
		t.Fatal(err)
	}
	got, _ = s.GetInvoice(ctx, inv.ID)
	if st := DeriveStatus(&got, 30000, testDay, 7); st.Kind != StatusCancelled || st.Open() || st.Overdue() || !got.CreditClosed {
		t.Fatalf("after the closing credit note: %+v, closed %v", st, got.CreditClosed)
	}
	if _, ok := bookHas(t, s, BookQuery{PaidSince: MustDate("2026-01-01")}, inv.ID); ok {
		t.Fatal("a cancelled invoice is still in the planner's book (a reminder or a thank-you)")
	}
	if k, _ := s.GetKeyFigures(ctx, testDay, 7); k.Outstanding != 0 || k.OverdueCount != 0 {
		t.Fatalf("key figures after cancelling %+v", k)
	}
	lines, _ := s.ListInvoiceLines(ctx)
	if len(lines) != 1 || lines[0].Status(testDay, 7).Kind != StatusCancelled || lines[0].Paid != 30000 {
		t.Fatalf("list line %+v", lines)
	}
	e := endOfTimeline(t, s, inv.ID)
	if e.Kind != EventCreditNote || e.Params["amount"] != "500,00" || e.Params["reason"] != "Annulation du solde" || e.Params["closed"] != "1" {
		t.Fatalf("timeline ends with %+v", e)
	}
	notes, _ := s.ListCreditNotesByInvoice(ctx, inv.ID)
	if len(notes) != 2 || notes[0].Reason != credit.Reason || notes[1].Amount != 50000 {
		t.Fatalf("credit notes %+v", notes)
	}
	if err := s.DeleteInvoice(ctx, inv.ID); !errors.Is(err, ErrHasHistory) {
		t.Fatalf("a credited invoice was deleted: %v", err)
	}
}

// TestPaidAfterACreditNoteIsPaid: when the client pays what a partial
// credit note left, the payment settled it: paid, thanked.
func TestPaidAfterACreditNoteIsPaid(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "garage")
	inv := makeInvoice(t, s, c.ID, "FA-20", 100000)
	if err := s.RecordAction(ctx, &Action{InvoiceID: inv.ID, StepID: firstStep(t, s).ID}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateCreditNote(ctx, &CreditNote{InvoiceID: inv.ID, Date: MustDate("2026-03-05"), Amount: 10000,
		Reason: "geste commercial"}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreatePayment(ctx, &Payment{InvoiceID: inv.ID, Date: MustDate("2026-03-12"), Amount: 90000}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetInvoice(ctx, inv.ID)
	if st := DeriveStatus(&got, 90000, testDay, 7); st.Kind != StatusPaid || got.CreditClosed {
		t.Fatalf("status %+v, closed by credit %v", st, got.CreditClosed)
	}
	if p, ok := bookHas(t, s, BookQuery{PaidSince: MustDate("2026-03-10")}, inv.ID); !ok || p.Amount != 90000 || p.Paid != 90000 {
		t.Fatalf("paid lately after a reminder, it is offered a thank-you: %+v %v", p, ok)
	}
}

func TestEditInvoiceRecordsWhatChanged(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "menuiserie")
	other := makeClient(t, s, "plomberie")
	inv := makeInvoice(t, s, c.ID, "FA-30", 100000)
	inv.Amount, inv.DueDate = 120000, MustDate("2026-03-15")
	if err := s.UpdateInvoice(ctx, &inv); err != nil {
		t.Fatal(err)
	}
	e := endOfTimeline(t, s, inv.ID)
	if e.Kind != EventInvoiceUpdated || e.Params[ChangedParam] != "due_date,amount" ||
		e.Params["amount.from"] != "1000,00" || e.Params["amount.to"] != "1200,00" || e.Params["due_date.to"] != "2026-03-15" {
		t.Fatalf("edit event %+v", e)
	}
	if err := s.UpdateInvoice(ctx, &inv); err != nil {
		t.Fatal(err)
	}
	if again := endOfTimeline(t, s, inv.ID); again.ID != e.ID {
		t.Fatalf("a save that changed nothing recorded %+v", again)
	}
	if err := s.CreateCreditNote(ctx, &CreditNote{InvoiceID: inv.ID, Date: testDay, Amount: 50000, Reason: "retour"}); err != nil {
		t.Fatal(err)
	}
	edit := inv
	edit.Amount, edit.ClientID = 40000, other.ID
	err := s.UpdateInvoice(ctx, &edit)
	reasons := map[string]Reason{}
	for _, fe := range FieldErrorsOf(err) {
		reasons[fe.Field] = fe.Reason
	}
	if reasons["amount"] != ReasonBelowCredited || reasons["client"] != ReasonLockedByHistory {
		t.Fatalf("an amount below the credit notes and a new client on an invoice with a history: %v", err)
	}
	if got, _ := s.GetInvoice(ctx, inv.ID); got.Amount != 120000 || got.ClientID != c.ID {
		t.Fatalf("a refused edit was stored: %+v", got)
	}
	fresh := makeInvoice(t, s, c.ID, "FA-31", 1000)
	fresh.ClientID = other.ID
	if err := s.UpdateInvoice(ctx, &fresh); err != nil {
		t.Fatalf("moving an invoice without a history to its right client: %v", err)
	}
}

func TestEditPaymentRecordsWhatChanged(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "librairie")
	inv := makeInvoice(t, s, c.ID, "FA-40", 100000)
	p := Payment{InvoiceID: inv.ID, Date: testDay, Amount: 10000}
	if err := s.CreatePayment(ctx, &p); err != nil {
		t.Fatal(err)
	}
	p.Amount, p.Method = 100000, "cheque"
	if err := s.UpdatePayment(ctx, &p); err != nil {
		t.Fatal(err)
	}
	e := endOfTimeline(t, s, inv.ID)
	if e.Kind != EventPaymentUpdated || e.Params[ChangedParam] != "amount,method" || e.Params["amount.from"] != "100,00" ||
		e.Params["method.to"] != "cheque" {
		t.Fatalf("edit event %+v", e)
	}
	if got, _ := s.GetInvoice(ctx, inv.ID); DeriveStatus(&got, 100000, testDay, 7).Kind != StatusPaid {
		t.Fatal("the corrected payment does not settle the invoice")
	}
}

func TestDeleteOrArchiveClient(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	typo := makeClient(t, s, "doublon")
	typo.Phone = "01 02 03 04 05"
	if err := s.EditClient(ctx, &typo); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteClient(ctx, typo.ID); err != nil {
		t.Fatalf("a client only typed and corrected: %v", err)
	}

	c := makeClient(t, s, "ancien-client")
	inv := makeInvoice(t, s, c.ID, "FA-50", 100000)
	if err := s.DeleteClient(ctx, c.ID); !errors.Is(err, ErrHasHistory) || !errors.Is(err, ErrInUse) {
		t.Fatalf("delete a client with an invoice: %v", err)
	}
	if _, ok := bookHas(t, s, BookQuery{}, inv.ID); !ok {
		t.Fatal("the open invoice is not in the book before archiving")
	}
	if err := s.ArchiveClient(ctx, c.ID, "cessation d'activité"); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetClient(ctx, c.ID)
	if !got.Archived() {
		t.Fatal("the client is not archived")
	}
	if _, ok := bookHas(t, s, BookQuery{}, inv.ID); ok {
		t.Fatal("an archived client's invoice is still planned for reminders")
	}
	step := firstStep(t, s)
	var refused *NotSendableError
	if err := s.checkSendable(ctx, OutboxItem{InvoiceID: inv.ID, StepID: step.ID}, 0); !errors.As(err, &refused) {
		t.Fatalf("an email to an archived client may still go: %v", err)
	}
	events, _ := s.ListEventsByClient(ctx, c.ID)
	if e := events[len(events)-1]; e.Kind != EventClientArchived || e.Params["reason"] != "cessation d'activité" {
		t.Fatalf("timeline ends with %+v", e)
	}
	if err := s.RestoreClient(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetClient(ctx, c.ID); got.Archived() {
		t.Fatal("the client is still archived after restoring")
	}
	if _, ok := bookHas(t, s, BookQuery{}, inv.ID); !ok {
		t.Fatal("a restored client's invoice is not reminded again")
	}
}

func TestTooLongSaysTheLimit(t *testing.T) {
	inv := Invoice{Number: strings.Repeat("7", 61), ClientID: 1, IssueDate: testDay, DueDate: testDay, Amount: 1}
	fes := FieldErrorsOf(inv.Validate())
	if len(fes) != 1 || fes[0].Reason != ReasonTooLong || fes[0].Limit != 60 {
		t.Fatalf("errors %v", fes)
	}
}
