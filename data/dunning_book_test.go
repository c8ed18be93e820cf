package data

import (
	"context"
	"slices"
	"testing"
)

// bookFixture is a small book for LoadDunningBook, on testDay (2026-03-15):
//
//	A1  boulangerie  due 03-03  unpaid (200 € of 1000 € paid), reminded, promises, plans
//	A2  boulangerie  due 01-31  paid 02-05 after a reminder (long ago)
//	A3  boulangerie  due 02-28  paid 02-20 + 03-12 after a reminder (lately), plan completed
//	B1  atelier      due 03-10  paid 03-11, never reminded
//	B2  atelier      due 04-30  unpaid, due after the horizon
//	B3  atelier      due 03-20  unpaid, paused, signed plan
//	C1  carrosserie  due 02-28  paid 03-06 after an email on 03-05
type bookFixture struct {
	a, b, c                    Client
	a1, a2, a3, b1, b2, b3, c1 Invoice
	activeA1, activeB3         PaymentPlan
	openTaskA, openTaskC       Task
}

func makeInvoiceDue(t *testing.T, s *Store, clientID int64, number string, amount Money, due string) Invoice {
	t.Helper()
	inv := Invoice{Number: number, ClientID: clientID, IssueDate: MustDate(due).AddDays(-30), DueDate: MustDate(due), Amount: amount}
	if err := s.CreateInvoice(context.Background(), &inv); err != nil {
		t.Fatal(err)
	}
	return inv
}

func recordPaymentOn(t *testing.T, s *Store, invoiceID int64, day string, amount Money) {
	t.Helper()
	p := Payment{InvoiceID: invoiceID, Date: MustDate(day), Amount: amount}
	if err := s.CreatePayment(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
}

// recordStepOn records a step done (or skipped) on a day, with the clock on that day.
func recordStepOn(t *testing.T, s *Store, invoiceID int64, step Step, day string, status ActionStatus) {
	t.Helper()
	a := Action{InvoiceID: invoiceID, StepID: step.ID, DoneOn: MustDate(day), Status: status}
	if err := s.Using(ClockOn(MustDate(day))).RecordAction(context.Background(), &a); err != nil {
		t.Fatal(err)
	}
}

func makeBookFixture(t *testing.T, s *Store) bookFixture {
	t.Helper()
	var f bookFixture
	f.a, f.b, f.c = makeClient(t, s, "boulangerie"), makeClient(t, s, "atelier"), makeClient(t, s, "carrosserie")
	f.a1 = makeInvoiceDue(t, s, f.a.ID, "FA-A1", 100000, "2026-03-03")
	f.a2 = makeInvoiceDue(t, s, f.a.ID, "FA-A2", 50000, "2026-01-31")
	f.a3 = makeInvoiceDue(t, s, f.a.ID, "FA-A3", 30000, "2026-02-28")
	f.b1 = makeInvoiceDue(t, s, f.b.ID, "FA-B1", 40000, "2026-03-10")
	f.b2 = makeInvoiceDue(t, s, f.b.ID, "FA-B2", 70000, "2026-04-30")
	f.b3 = makeInvoiceDue(t, s, f.b.ID, "FA-B3", 25000, "2026-03-20")
	f.c1 = makeInvoiceDue(t, s, f.c.ID, "FA-C1", 10000, "2026-02-28")
	fixtureHistory(t, s, &f)
	fixturePromisesAndPlans(t, s, &f)
	return f
}

func fixtureHistory(t *testing.T, s *Store, f *bookFixture) {
	t.Helper()
	ctx := context.Background()
	preDue, email, call, second := stepAt(t, s, "standard", 1), stepAt(t, s, "standard", 2),
		stepAt(t, s, "standard", 3), stepAt(t, s, "standard", 4)
	review := stepAt(t, s, "key_account", 4)
	recordStepOn(t, s, f.a1.ID, email, "2026-03-06", ActionDone)
	recordStepOn(t, s, f.a1.ID, call, "2026-03-13", ActionDone)      // not a message
	recordStepOn(t, s, f.a1.ID, second, "2026-03-14", ActionSkipped) // not done
	recordStepOn(t, s, f.a2.ID, preDue, "2026-01-25", ActionDone)
	recordStepOn(t, s, f.a3.ID, email, "2026-03-02", ActionDone)
	recordStepOn(t, s, f.b3.ID, email, "2026-02-20", ActionDone) // before MessagesSince
	recordStepOn(t, s, f.b3.ID, review, "2026-03-10", ActionDone)
	recordStepOn(t, s, f.c1.ID, email, "2026-03-05", ActionDone)
	recordPaymentOn(t, s, f.a1.ID, "2026-03-10", 20000)
	recordPaymentOn(t, s, f.a2.ID, "2026-02-05", 50000)
	recordPaymentOn(t, s, f.a3.ID, "2026-03-12", 20000)
	recordPaymentOn(t, s, f.a3.ID, "2026-02-20", 10000)
	recordPaymentOn(t, s, f.b1.ID, "2026-03-11", 40000)
	recordPaymentOn(t, s, f.c1.ID, "2026-03-06", 10000)
	if err := s.PauseInvoice(ctx, f.b3.ID, MustDate("2026-03-25"), "litige"); err != nil {
		t.Fatal(err)
	}
	for _, ack := range []struct {
		id  int64
		day string
	}{{f.a1.ID, "2026-03-09"}, {f.a2.ID, "2026-02-01"}} {
		if err := s.RecordAcknowledgment(ctx, ack.id, MustDate(ack.day), ""); err != nil {
			t.Fatal(err)
		}
	}
	f.openTaskA = Task{ClientID: f.a.ID, InvoiceID: f.a1.ID, Kind: "review", DueOn: MustDate("2026-03-16")}
	f.openTaskC = Task{ClientID: f.c.ID, Kind: "fix_contact", DueOn: MustDate("2026-03-12")}
	done := Task{ClientID: f.b.ID, Kind: "custom"}
	for _, task := range []*Task{&f.openTaskA, &f.openTaskC, &done} {
		if err := s.CreateTask(ctx, task); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CompleteTask(ctx, done.ID); err != nil {
		t.Fatal(err)
	}
}

func fixturePromisesAndPlans(t *testing.T, s *Store, f *bookFixture) {
	t.Helper()
	ctx := context.Background()
	promises := []Promise{
		{InvoiceID: f.a1.ID, MadeOn: MustDate("2026-03-05"), PromisedOn: MustDate("2026-03-08"), Amount: 50000},
		{InvoiceID: f.a1.ID, MadeOn: MustDate("2026-03-13"), PromisedOn: MustDate("2026-03-20"), Amount: 80000},
		{InvoiceID: f.b3.ID, MadeOn: MustDate("2026-03-01"), PromisedOn: MustDate("2026-03-05"), Amount: 1000},
		{InvoiceID: f.a2.ID, MadeOn: MustDate("2026-02-01"), PromisedOn: MustDate("2026-02-05"), Amount: 50000},
	}
	for i := range promises {
		if err := s.CreatePromise(ctx, &promises[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SettlePromise(ctx, promises[0].ID, PromiseBroken, MustDate("2026-03-10")); err != nil {
		t.Fatal(err)
	}
	if err := s.SettlePromise(ctx, promises[2].ID, PromiseKept, MustDate("2026-03-05")); err != nil {
		t.Fatal(err)
	}
	cancelled := PaymentPlan{InvoiceID: f.a1.ID, AgreedOn: MustDate("2026-02-25"), SignedOn: MustDate("2026-03-01"),
		Instalments: []Instalment{{DueDate: MustDate("2026-03-15"), Amount: 100000}}}
	f.activeA1 = PaymentPlan{InvoiceID: f.a1.ID, AgreedOn: MustDate("2026-03-12"), Instalments: []Instalment{
		{DueDate: MustDate("2026-04-30"), Amount: 40000}, {DueDate: MustDate("2026-03-31"), Amount: 40000}}}
	f.activeB3 = PaymentPlan{InvoiceID: f.b3.ID, AgreedOn: MustDate("2026-03-09"),
		Instalments: []Instalment{{DueDate: MustDate("2026-04-10"), Amount: 25000}}}
	for _, p := range []*PaymentPlan{&cancelled, &f.activeA1, &f.activeB3} {
		if err := s.CreatePaymentPlan(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	// A3's plan, completed when it was paid, comes last: a closed plan must
	// not stand in for an invoice's active one.
	completed := PaymentPlan{InvoiceID: f.a3.ID, AgreedOn: MustDate("2026-02-10"), SignedOn: MustDate("2026-02-12"),
		Instalments: []Instalment{{DueDate: MustDate("2026-03-12"), Amount: 20000}}}
	if err := s.CreatePaymentPlan(ctx, &completed); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPaymentPlanStatus(ctx, cancelled.ID, PlanCancelled); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPaymentPlanStatus(ctx, completed.ID, PlanCompleted); err != nil {
		t.Fatal(err)
	}
	if err := s.SignPaymentPlan(ctx, f.activeB3.ID, MustDate("2026-03-11")); err != nil {
		t.Fatal(err)
	}
}

func bookNumbers(b *DunningBook) []string {
	var out []string
	for _, inv := range b.Invoices {
		out = append(out, inv.Number)
	}
	return out
}

func TestLoadDunningBookSelectsInvoices(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	makeBookFixture(t, s)
	horizon := MustDate("2026-03-31")
	cases := []struct {
		name string
		q    BookQuery
		want []string // by due date
	}{
		{"horizon and paid since", BookQuery{Horizon: horizon, PaidSince: MustDate("2026-03-08")},
			[]string{"FA-A3", "FA-A1", "FA-B3"}},
		{"no horizon", BookQuery{PaidSince: MustDate("2026-03-08")},
			[]string{"FA-A3", "FA-A1", "FA-B3", "FA-B2"}},
		{"no paid since", BookQuery{Horizon: horizon}, []string{"FA-A1", "FA-B3"}},
		{"paid since the last payment's day", BookQuery{Horizon: horizon, PaidSince: MustDate("2026-03-12")},
			[]string{"FA-A3", "FA-A1", "FA-B3"}},
		{"paid since the day after", BookQuery{Horizon: horizon, PaidSince: MustDate("2026-03-13")},
			[]string{"FA-A1", "FA-B3"}},
		{"horizon on a due date", BookQuery{Horizon: MustDate("2026-03-20")}, []string{"FA-A1", "FA-B3"}},
		{"horizon before a due date", BookQuery{Horizon: MustDate("2026-03-19")}, []string{"FA-A1"}},
		{"everything paid lately", BookQuery{PaidSince: MustDate("2026-01-01")},
			[]string{"FA-A2", "FA-A3", "FA-C1", "FA-A1", "FA-B3", "FA-B2"}}, // same due date: by id
	}
	for _, c := range cases {
		b, err := s.LoadDunningBook(ctx, c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := bookNumbers(b); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestLoadDunningBookContents(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	f := makeBookFixture(t, s)
	b, err := s.LoadDunningBook(ctx, BookQuery{Horizon: MustDate("2026-03-31"), PaidSince: MustDate("2026-03-08"),
		MessagesSince: MustDate("2026-03-01")})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(bookNumbers(b), []string{"FA-A3", "FA-A1", "FA-B3"}) {
		t.Fatalf("invoices: %v", bookNumbers(b))
	}
	checkBookRules(t, b)
	checkBookInvoices(t, b, f)
	checkBookHistory(t, b, f)
	checkBookPromisesAndPlans(t, b, f)
	checkBookMessagesAndTasks(t, b, f)
}

func checkBookRules(t *testing.T, b *DunningBook) {
	t.Helper()
	if b.Company.PaymentTermsDays != 30 || len(b.Scenarios) != 4 || len(b.Scenarios[0].Steps) != 7 ||
		len(b.Categories) != 4 || len(b.ECBRates) != 19 || len(b.LegalRates) != 7 {
		t.Errorf("rules: company %+v, %d scenarios, %d categories, %d ECB rates, %d legal rates",
			b.Company, len(b.Scenarios), len(b.Categories), len(b.ECBRates), len(b.LegalRates))
	}
}

func checkBookInvoices(t *testing.T, b *DunningBook, f bookFixture) {
	t.Helper()
	a3, a1, b3 := b.Invoices[0], b.Invoices[1], b.Invoices[2]
	if a1.ID != f.a1.ID || a1.ClientID != f.a.ID || a1.Amount != 100000 || a1.Paid != 20000 ||
		a1.DueDate != MustDate("2026-03-03") || a1.IssueDate != MustDate("2026-02-01") || a1.State != StateOpen || a1.Paused {
		t.Errorf("A1: %+v", a1)
	}
	if a3.ID != f.a3.ID || a3.Paid != 30000 || a3.Amount != 30000 {
		t.Errorf("A3 (paid lately): %+v", a3)
	}
	if b3.ID != f.b3.ID || b3.Paid != 0 || !b3.Paused || b3.PausedUntil != MustDate("2026-03-25") {
		t.Errorf("B3 (paused): %+v", b3)
	}
	if inv := b3.Invoice(); !inv.PausedOn(MustDate("2026-03-25")) || inv.PausedOn(MustDate("2026-03-26")) {
		t.Errorf("B3 as an invoice: %+v", inv)
	}
	for _, inv := range b.Invoices {
		var sum Money
		for _, p := range b.Payments[inv.ID] {
			sum += p.Amount
		}
		if sum != inv.Paid {
			t.Errorf("%s: Paid %d, payments sum to %d", inv.Number, inv.Paid, sum)
		}
	}
	if len(b.Clients) != 2 || b.Clients[f.a.ID] == nil || b.Clients[f.a.ID].Name != "boulangerie" ||
		b.Clients[f.b.ID] == nil || b.Clients[f.b.ID].Email != "compta@atelier.fr" {
		t.Errorf("clients: %v", b.Clients)
	}
}

func checkBookHistory(t *testing.T, b *DunningBook, f bookFixture) {
	t.Helper()
	if len(b.Actions) != 3 {
		t.Errorf("actions of %d invoices, want 3 (only the book's)", len(b.Actions))
	}
	a1 := b.Actions[f.a1.ID]
	if len(a1) != 3 || a1[0].DoneOn != MustDate("2026-03-06") || a1[1].DoneOn != MustDate("2026-03-13") ||
		a1[2].Status != ActionSkipped {
		t.Errorf("A1 actions: %+v", a1)
	}
	if b3 := b.Actions[f.b3.ID]; len(b3) != 2 || b3[0].DoneOn != MustDate("2026-02-20") || b3[1].DoneOn != MustDate("2026-03-10") {
		t.Errorf("B3 actions: %+v", b3)
	}
	if a3 := b.Actions[f.a3.ID]; len(a3) != 1 || a3[0].InvoiceID != f.a3.ID {
		t.Errorf("A3 actions: %+v", a3)
	}
	if len(b.Payments) != 2 {
		t.Errorf("payments of %d invoices, want 2", len(b.Payments))
	}
	if a3 := b.Payments[f.a3.ID]; len(a3) != 2 || a3[0].Date != MustDate("2026-02-20") || a3[1].Date != MustDate("2026-03-12") {
		t.Errorf("A3 payments, oldest first: %+v", a3)
	}
	if a1 := b.Payments[f.a1.ID]; len(a1) != 1 || a1[0].Amount != 20000 {
		t.Errorf("A1 payments: %+v", a1)
	}
	if len(b.Acknowledge) != 1 || len(b.Acknowledge[f.a1.ID]) != 1 || b.Acknowledge[f.a1.ID][0] != MustDate("2026-03-09") {
		t.Errorf("acknowledgments: %v", b.Acknowledge)
	}
}

func checkBookPromisesAndPlans(t *testing.T, b *DunningBook, f bookFixture) {
	t.Helper()
	// Every promise of the book's invoices, settled ones included: the
	// planner's rules look at the latest, which may be broken.
	a1 := b.Promises[f.a1.ID]
	if len(b.Promises) != 2 || len(a1) != 2 || a1[0].Status != PromiseBroken || a1[0].SettledOn != MustDate("2026-03-10") ||
		a1[1].Status != PromiseOpen || a1[1].Amount != 80000 {
		t.Errorf("promises: %+v", b.Promises)
	}
	if b3 := b.Promises[f.b3.ID]; len(b3) != 1 || b3[0].Status != PromiseKept {
		t.Errorf("B3 promises: %+v", b3)
	}
	if len(b.Plans) != 2 {
		t.Errorf("plans of %d invoices, want 2 (active only)", len(b.Plans))
	}
	p := b.Plans[f.a1.ID]
	if p == nil || p.ID != f.activeA1.ID || p.Status != PlanActive || !p.SignedOn.IsZero() || len(p.Instalments) != 2 ||
		p.Instalments[0].DueDate != MustDate("2026-03-31") || p.Instalments[1].DueDate != MustDate("2026-04-30") ||
		p.Instalments[0].Amount != 40000 || p.Instalments[0].PlanID != p.ID {
		t.Errorf("A1 active plan: %+v", p)
	}
	if p := b.Plans[f.b3.ID]; p == nil || p.ID != f.activeB3.ID || p.SignedOn != MustDate("2026-03-11") || len(p.Instalments) != 1 {
		t.Errorf("B3 active plan: %+v", p)
	}
	// A plan signed then cancelled still acknowledged the debt.
	if a1 := b.PlanSigned[f.a1.ID]; len(a1) != 1 || a1[0] != MustDate("2026-03-01") {
		t.Errorf("A1 plans signed: %v", a1)
	}
	if b3 := b.PlanSigned[f.b3.ID]; len(b3) != 1 || b3[0] != MustDate("2026-03-11") {
		t.Errorf("B3 plans signed: %v", b3)
	}
	if a3 := b.PlanSigned[f.a3.ID]; len(b.PlanSigned) != 3 || len(a3) != 1 || a3[0] != MustDate("2026-02-12") {
		t.Errorf("plans signed: %v", b.PlanSigned)
	}
}

func checkBookMessagesAndTasks(t *testing.T, b *DunningBook, f bookFixture) {
	t.Helper()
	// A: the email of 03-06 (the call of 03-13 is no message, the step of
	// 03-14 was skipped). B: only a task step since 03-01. C: not in the
	// book, but the throttle counts its email of 03-05 all the same.
	want := map[int64]Date{f.a.ID: MustDate("2026-03-06"), f.c.ID: MustDate("2026-03-05")}
	if len(b.LastMessage) != len(want) {
		t.Errorf("last messages: %v, want %v", b.LastMessage, want)
	}
	for id, day := range want {
		if got, ok := b.LastMessage[id]; !ok || got != day {
			t.Errorf("last message to client %d: %s, want %s", id, got, day)
		}
	}
	if len(b.Tasks) != 2 || b.Tasks[0].ID != f.openTaskC.ID || b.Tasks[1].ID != f.openTaskA.ID {
		t.Errorf("open tasks: %+v", b.Tasks)
	}
}

func TestLoadDunningBookMessagesSince(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	f := makeBookFixture(t, s)
	b, err := s.LoadDunningBook(ctx, BookQuery{MessagesSince: MustDate("2026-03-06")})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.LastMessage) != 1 || b.LastMessage[f.a.ID] != MustDate("2026-03-06") {
		t.Errorf("since 03-06: %v", b.LastMessage)
	}
	b, err = s.LoadDunningBook(ctx, BookQuery{MessagesSince: MustDate("2026-03-07")})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.LastMessage) != 0 {
		t.Errorf("since 03-07: %v", b.LastMessage)
	}
	b, err = s.LoadDunningBook(ctx, BookQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.LastMessage) != 3 || b.LastMessage[f.b.ID] != MustDate("2026-02-20") {
		t.Errorf("no limit: %v", b.LastMessage)
	}
}

func TestLoadDunningBookEmpty(t *testing.T) {
	s := newTestStore(t)
	b, err := s.LoadDunningBook(context.Background(), BookQuery{Horizon: testDay, PaidSince: testDay, MessagesSince: testDay})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Invoices) != 0 || len(b.Clients) != 0 || b.Actions == nil || b.Plans == nil || b.LastMessage == nil ||
		len(b.Scenarios) != 4 {
		t.Fatalf("empty book: %+v", b)
	}
}

func TestLoadDunningBookInsideTransaction(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	err := s.InTx(ctx, func(tx *Store) error {
		c := makeClient(t, tx, "dans-la-transaction")
		makeInvoice(t, tx, c.ID, "FA-TX", 1000)
		book, err := tx.LoadDunningBook(ctx, BookQuery{})
		if err != nil {
			return err
		}
		if len(book.Invoices) != 1 || book.Clients[c.ID] == nil {
			t.Errorf("the book read inside the transaction misses its writes: %d invoices", len(book.Invoices))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDunningBookReadsTheKeptGrades: the planner's book holds the kept
// grade of its clients; a grade that changes reaches a kept book at its
// next refresh, and a grading that changes nothing writes no change.
func TestDunningBookReadsTheKeptGrades(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	a, b := makeClient(t, s, "alpha"), makeClient(t, s, "beta")
	makeInvoiceDue(t, s, a.ID, "FA-1", 1000, "2026-11-30")
	makeInvoiceDue(t, s, b.ID, "FB-1", 1000, "2026-11-30")
	day := MustDate("2026-12-07")
	grade := func(g string) {
		t.Helper()
		if _, err := s.SaveGrades(ctx, day, []ClientGrade{{ClientID: a.ID, Grade: g, GradedOn: day}, {ClientID: b.ID, GradedOn: day}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	grade("D")
	book, err := s.LoadDunningBook(ctx, BookQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if book.Grades[a.ID] != "D" || book.Grades[b.ID] != "" {
		t.Fatalf("grades %v", book.Grades)
	}
	seq := book.Seq
	grade("D")
	if r, err := s.RefreshDunningBook(ctx, book); err != nil || r.Changed || book.Seq != seq {
		t.Errorf("the same grades again: %+v, %v, change log %d -> %d", r, err, seq, book.Seq)
	}
	grade("B")
	if _, err := s.RefreshDunningBook(ctx, book); err != nil {
		t.Fatal(err)
	}
	if book.Grades[a.ID] != "B" {
		t.Errorf("after a new grade: %q", book.Grades[a.ID])
	}
}
