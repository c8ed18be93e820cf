package data

import (
	"context"
	"errors"
	"testing"
)

// kindCount counts the events of a kind in the whole timeline.
func kindCount(t *testing.T, s *Store, kind EventKind) int {
	t.Helper()
	var n int
	if err := s.reader().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM events WHERE kind = ?`, kind).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// tableCount counts the rows of a table.
func tableCount(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.reader().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// lastEvent returns the invoice's last event of a kind.
func lastEvent(t *testing.T, s *Store, invoiceID int64, kind EventKind) Event {
	t.Helper()
	events, err := s.ListEventsByInvoice(context.Background(), invoiceID)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Kind == kind {
			return events[i]
		}
	}
	t.Fatalf("invoice %d has no %s event", invoiceID, kind)
	return Event{}
}

func TestRecordActionStoresFields(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	email := stepAt(t, s, "standard", 2)
	recorded := ClockOn(MustDate("2026-03-07"))
	a := Action{InvoiceID: inv.ID, StepID: email.ID, PlannedOn: MustDate("2026-03-06"), Note: "relance envoyée",
		CatchUp: true, DoneOn: MustDate("2026-03-07"), File: "archive/FA-1-relance.eml"}
	if err := s.Using(recorded).RecordAction(ctx, &a); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetAction(ctx, a.ID)
	if err != nil || got.InvoiceID != inv.ID || got.StepID != email.ID || got.InstalmentID != 0 ||
		got.PlannedOn != MustDate("2026-03-06") || got.Status != ActionDone || got.Note != "relance envoyée" ||
		!got.CatchUp || got.DoneOn != MustDate("2026-03-07") || !got.DoneAt.Equal(recorded.Now()) ||
		got.File != "archive/FA-1-relance.eml" || !got.SentOn.IsZero() || !got.ReceivedOn.IsZero() {
		t.Fatalf("stored action: %+v, %v", got, err)
	}
	ev := lastEvent(t, s, inv.ID, EventStepDone)
	if ev.ClientID != c.ID || ev.File != a.File || ev.Params["channel"] != "email" || ev.Params["template"] != "reminder_1" ||
		ev.Params["note"] != "relance envoyée" || ev.Params["number"] != "FA-1" {
		t.Fatalf("step_done event: %+v", ev)
	}

	call := stepAt(t, s, "standard", 3)
	skipped := Action{InvoiceID: inv.ID, StepID: call.ID, Status: ActionSkipped, Outcome: OutcomeNoAnswer}
	if err := s.RecordAction(ctx, &skipped); err != nil {
		t.Fatal(err)
	}
	got, _ = s.GetAction(ctx, skipped.ID)
	if got.Status != ActionSkipped || got.Outcome != OutcomeNoAnswer || got.DoneOn != testDay || got.PlannedOn != testDay || got.CatchUp {
		t.Fatalf("defaults of a skipped action: %+v", got)
	}
	if ev := lastEvent(t, s, inv.ID, EventStepSkipped); ev.Params["outcome"] != OutcomeNoAnswer || ev.Params["channel"] != "phone_call" {
		t.Fatalf("step_skipped event: %+v", ev)
	}
	if kindCount(t, s, EventStepDone) != 1 || kindCount(t, s, EventStepSkipped) != 1 {
		t.Fatal("one event per action expected")
	}
	list, _ := s.ListActionsByInvoice(ctx, inv.ID)
	if len(list) != 2 || list[0].ID != a.ID || list[1].ID != skipped.ID {
		t.Fatalf("actions oldest first: %+v", list)
	}
	if _, err := s.GetAction(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing action: %v", err)
	}
}

func TestRecordActionOncePerInvoiceStep(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	email := stepAt(t, s, "standard", 2)
	if err := s.RecordAction(ctx, &Action{InvoiceID: inv.ID, StepID: email.ID}); err != nil {
		t.Fatal(err)
	}
	twice := Action{InvoiceID: inv.ID, StepID: email.ID, Note: "encore"}
	if err := s.RecordAction(ctx, &twice); !errors.Is(err, ErrAlreadyExists) {
		t.Fatalf("same step twice: %v", err)
	}
	if n := tableCount(t, s, "actions"); n != 1 {
		t.Fatalf("%d actions after a refused duplicate", n)
	}
	if n := kindCount(t, s, EventStepDone); n != 1 {
		t.Fatalf("%d step_done events after a refused duplicate", n)
	}
	if err := s.RecordAction(ctx, &Action{InvoiceID: inv.ID, StepID: 9999}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing step: %v", err)
	}
	if err := s.RecordAction(ctx, &Action{InvoiceID: 9999, StepID: email.ID}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing invoice: %v", err)
	}
	other := makeInvoice(t, s, c.ID, "FA-2", 5000)
	if err := s.RecordAction(ctx, &Action{InvoiceID: other.ID, StepID: email.ID}); err != nil {
		t.Fatalf("same step on another invoice: %v", err)
	}
}

func TestRecordActionPerInstalment(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	plan := PaymentPlan{InvoiceID: inv.ID, AgreedOn: testDay, Instalments: []Instalment{
		{DueDate: MustDate("2026-04-15"), Amount: 50000}, {DueDate: MustDate("2026-05-15"), Amount: 50000}}}
	if err := s.CreatePaymentPlan(ctx, &plan); err != nil {
		t.Fatal(err)
	}
	email := stepAt(t, s, "standard", 2)
	first, second := plan.Instalments[0].ID, plan.Instalments[1].ID
	for _, a := range []Action{
		{InvoiceID: inv.ID, StepID: email.ID},
		{InvoiceID: inv.ID, StepID: email.ID, InstalmentID: first},
		{InvoiceID: inv.ID, StepID: email.ID, InstalmentID: second},
	} {
		if err := s.RecordAction(ctx, &a); err != nil {
			t.Fatalf("instalment %d: %v", a.InstalmentID, err)
		}
	}
	again := Action{InvoiceID: inv.ID, StepID: email.ID, InstalmentID: first}
	if err := s.RecordAction(ctx, &again); !errors.Is(err, ErrAlreadyExists) {
		t.Fatalf("same instalment twice: %v", err)
	}
	list, _ := s.ListActionsByInvoice(ctx, inv.ID)
	if len(list) != 3 || list[0].InstalmentID != 0 || list[1].InstalmentID != first || list[2].InstalmentID != second {
		t.Fatalf("actions: %+v", list)
	}
	if n := kindCount(t, s, EventStepDone); n != 3 {
		t.Fatalf("%d step_done events", n)
	}
}

func TestUpdateLetterTracking(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	a := Action{InvoiceID: inv.ID, StepID: stepAt(t, s, "standard", 5).ID}
	if err := s.RecordAction(ctx, &a); err != nil {
		t.Fatal(err)
	}
	sent, received := MustDate("2026-03-10"), MustDate("2026-03-12")
	if err := s.UpdateLetterTracking(ctx, a.ID, LetterTracking{Number: "1A 234 567 8901 2", SentOn: sent}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetAction(ctx, a.ID)
	if got.TrackingNumber != "1A 234 567 8901 2" || got.SentOn != sent || !got.ReceivedOn.IsZero() {
		t.Fatalf("sent: %+v", got)
	}
	if n := kindCount(t, s, EventNoticeReceived); n != 0 {
		t.Fatalf("%d notice_received events before receipt", n)
	}
	err := s.UpdateLetterTracking(ctx, a.ID, LetterTracking{Number: "changed", SentOn: sent, ReceivedOn: sent.AddDays(-1)})
	if !errors.Is(err, ErrInvalid) || !hasFieldError(err, "received_on") {
		t.Fatalf("received before sent: %v", err)
	}
	if again, _ := s.GetAction(ctx, a.ID); again.TrackingNumber != "1A 234 567 8901 2" || !again.ReceivedOn.IsZero() {
		t.Fatalf("a refused tracking was written: %+v", again)
	}
	for range 2 {
		if err := s.UpdateLetterTracking(ctx, a.ID, LetterTracking{Number: "1A 234 567 8901 2", SentOn: sent, ReceivedOn: received}); err != nil {
			t.Fatal(err)
		}
	}
	got, _ = s.GetAction(ctx, a.ID)
	if got.SentOn != sent || got.ReceivedOn != received {
		t.Fatalf("received: %+v", got)
	}
	if n := kindCount(t, s, EventNoticeReceived); n != 1 {
		t.Fatalf("%d notice_received events, want 1", n)
	}
	if ev := lastEvent(t, s, inv.ID, EventNoticeReceived); ev.Params["received_on"] != "2026-03-12" ||
		ev.Params["tracking"] != "1A 234 567 8901 2" || ev.ClientID != c.ID {
		t.Fatalf("notice_received event: %+v", ev)
	}
	if err := s.UpdateLetterTracking(ctx, 9999, LetterTracking{Number: "x", SentOn: sent}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing action: %v", err)
	}
}

// A letter the client did not collect: the day of the avis de passage is
// kept and recorded in the timeline; one before the sending is refused.
func TestLetterPresentedNotCollected(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	a := Action{InvoiceID: inv.ID, StepID: stepAt(t, s, "standard", 5).ID}
	if err := s.RecordAction(ctx, &a); err != nil {
		t.Fatal(err)
	}
	sent, presented := MustDate("2026-03-10"), MustDate("2026-03-12")
	err := s.UpdateLetterTracking(ctx, a.ID, LetterTracking{SentOn: sent, PresentedOn: sent.AddDays(-2)})
	if !hasFieldError(err, "presented_on") {
		t.Fatalf("presented before sent: %v", err)
	}
	if err := s.UpdateLetterTracking(ctx, a.ID, LetterTracking{SentOn: sent, PresentedOn: presented}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetAction(ctx, a.ID)
	if got.PresentedOn != presented || !got.ReceivedOn.IsZero() {
		t.Fatalf("presented: %+v", got)
	}
	if ev := lastEvent(t, s, inv.ID, EventNoticePresented); ev.Params["date"] != "2026-03-12" {
		t.Fatalf("notice event: %+v", ev)
	}
}

func TestPauseAndResumeInvoice(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	until := MustDate("2026-03-20")
	if err := s.PauseInvoice(ctx, inv.ID, until, "litige sur la livraison"); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetInvoice(ctx, inv.ID)
	if !got.Paused || got.PausedUntil != until || got.PauseReason != "litige sur la livraison" {
		t.Fatalf("paused: %+v", got)
	}
	if !got.PausedOn(testDay) || !got.PausedOn(until) || got.PausedOn(until.AddDays(1)) {
		t.Fatal("a pause runs to the end of its last day, inclusive")
	}
	if ev := lastEvent(t, s, inv.ID, EventInvoicePaused); ev.Params["until"] != "2026-03-20" || ev.Params["reason"] != "litige sur la livraison" {
		t.Fatalf("pause event: %+v", ev)
	}
	if err := s.PauseInvoice(ctx, inv.ID, Date{}, "client en redressement"); err != nil {
		t.Fatal(err)
	}
	got, _ = s.GetInvoice(ctx, inv.ID)
	if !got.Paused || !got.PausedUntil.IsZero() || !got.PausedOn(MustDate("2030-01-01")) {
		t.Fatalf("indefinite pause: %+v", got)
	}
	if err := s.ResumeInvoice(ctx, inv.ID); err != nil {
		t.Fatal(err)
	}
	got, _ = s.GetInvoice(ctx, inv.ID)
	if got.Paused || !got.PausedUntil.IsZero() || got.PauseReason != "" || got.PausedOn(testDay) {
		t.Fatalf("resumed: %+v", got)
	}
	if kindCount(t, s, EventInvoicePaused) != 2 || kindCount(t, s, EventInvoiceResumed) != 1 {
		t.Fatal("want two pause events and one resume event")
	}
	if err := s.PauseInvoice(ctx, 9999, until, ""); !errors.Is(err, ErrNotFound) {
		t.Fatalf("pause missing: %v", err)
	}
	if err := s.ResumeInvoice(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("resume missing: %v", err)
	}
}

func TestInvoicePausedOn(t *testing.T) {
	day := MustDate("2026-03-20")
	cases := []struct {
		inv  Invoice
		on   Date
		want bool
	}{
		{Invoice{}, day, false},
		{Invoice{PausedUntil: day}, day, false}, // a date left without the flag is no pause
		{Invoice{Paused: true}, day.AddDays(9999), true},
		{Invoice{Paused: true, PausedUntil: day}, day.AddDays(-1), true},
		{Invoice{Paused: true, PausedUntil: day}, day, true},
		{Invoice{Paused: true, PausedUntil: day}, day.AddDays(1), false},
	}
	for i, c := range cases {
		if got := c.inv.PausedOn(c.on); got != c.want {
			t.Errorf("case %d: PausedOn(%s) = %v", i, c.on, got)
		}
	}
}

func TestRecordAcknowledgment(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	if err := s.RecordAcknowledgment(ctx, inv.ID, Date{}, "x"); !errors.Is(err, ErrInvalid) || !hasFieldError(err, "date") {
		t.Fatalf("no date: %v", err)
	}
	if n := kindCount(t, s, EventDebtAcknowledged); n != 0 {
		t.Fatalf("%d events after a refused acknowledgment", n)
	}
	if err := s.RecordAcknowledgment(ctx, inv.ID, MustDate("2026-03-09"), "lettre signée"); err != nil {
		t.Fatal(err)
	}
	ev := lastEvent(t, s, inv.ID, EventDebtAcknowledged)
	if ev.ClientID != c.ID || ev.Params["date"] != "2026-03-09" || ev.Params["note"] != "lettre signée" {
		t.Fatalf("acknowledgment event: %+v", ev)
	}
	if err := s.RecordAcknowledgment(ctx, 9999, testDay, ""); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing invoice: %v", err)
	}
}

func TestPromiseValidation(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	for field, p := range map[string]Promise{
		"promised_on": {InvoiceID: inv.ID, MadeOn: testDay, PromisedOn: testDay.AddDays(-1), Amount: 1000},
		"amount":      {InvoiceID: inv.ID, MadeOn: testDay, PromisedOn: testDay.AddDays(5)},
		"made_on":     {InvoiceID: inv.ID, PromisedOn: testDay, Amount: 1000},
		"invoice":     {MadeOn: testDay, PromisedOn: testDay, Amount: 1000},
	} {
		if err := s.CreatePromise(ctx, &p); !errors.Is(err, ErrInvalid) || !hasFieldError(err, field) {
			t.Errorf("%s: %v", field, err)
		}
	}
	missing := Promise{InvoiceID: 9999, MadeOn: testDay, PromisedOn: testDay, Amount: 1000}
	if err := s.CreatePromise(ctx, &missing); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing invoice: %v", err)
	}
	if n := tableCount(t, s, "promises"); n != 0 {
		t.Fatalf("%d promises after refused ones", n)
	}
	if n := kindCount(t, s, EventPromiseMade); n != 0 {
		t.Fatalf("%d promise_made events after refused ones", n)
	}
	sameDay := Promise{InvoiceID: inv.ID, MadeOn: testDay, PromisedOn: testDay, Amount: 1}
	if err := s.CreatePromise(ctx, &sameDay); err != nil {
		t.Fatalf("a promise for today: %v", err)
	}
}

func TestSettlePromise(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	promise := func(made string) Promise {
		p := Promise{InvoiceID: inv.ID, MadeOn: MustDate(made), PromisedOn: MustDate(made).AddDays(7), Amount: 60000}
		if err := s.CreatePromise(ctx, &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	kept, broken, cancelled := promise("2026-03-01"), promise("2026-03-02"), promise("2026-03-03")
	list, err := s.ListPromisesByInvoice(ctx, inv.ID)
	if err != nil || len(list) != 3 || list[0].ID != kept.ID || list[0].Channel != ChannelPhoneCall ||
		list[0].Status != PromiseOpen || list[0].Amount != 60000 || list[0].PromisedOn != MustDate("2026-03-08") ||
		!list[0].SettledOn.IsZero() {
		t.Fatalf("promises: %+v, %v", list, err)
	}
	if ev := lastEvent(t, s, inv.ID, EventPromiseMade); ev.Params["amount"] != "600,00" || ev.Params["date"] != "2026-03-10" {
		t.Fatalf("promise_made event: %+v", ev)
	}
	for _, status := range []string{"done", PromiseOpen, ""} {
		if err := s.SettlePromise(ctx, kept.ID, status, testDay); !errors.Is(err, ErrInvalid) {
			t.Errorf("status %q: %v", status, err)
		}
	}
	settle := func(id int64, status string, on Date) {
		t.Helper()
		if err := s.SettlePromise(ctx, id, status, on); err != nil {
			t.Fatal(err)
		}
	}
	settle(kept.ID, PromiseKept, MustDate("2026-03-08"))
	settle(kept.ID, PromiseBroken, testDay) // no longer open: nothing happens
	settle(kept.ID, PromiseKept, testDay)
	settle(broken.ID, PromiseBroken, MustDate("2026-03-12"))
	settle(cancelled.ID, PromiseCancelled, testDay)
	list, _ = s.ListPromisesByInvoice(ctx, inv.ID)
	if list[0].Status != PromiseKept || list[0].SettledOn != MustDate("2026-03-08") ||
		list[1].Status != PromiseBroken || list[1].SettledOn != MustDate("2026-03-12") || list[2].Status != PromiseCancelled {
		t.Fatalf("settled: %+v", list)
	}
	if kindCount(t, s, EventPromiseKept) != 1 || kindCount(t, s, EventPromiseBroken) != 1 {
		t.Fatalf("want one kept and one broken event, got %d and %d",
			kindCount(t, s, EventPromiseKept), kindCount(t, s, EventPromiseBroken))
	}
	if ev := lastEvent(t, s, inv.ID, EventPromiseBroken); ev.Params["status"] != PromiseBroken || ev.Params["amount"] != "600,00" {
		t.Fatalf("promise_broken event: %+v", ev)
	}
}

func TestCreatePaymentPlan(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	for name, p := range map[string]PaymentPlan{
		"zero amount": {InvoiceID: inv.ID, AgreedOn: testDay, Instalments: []Instalment{
			{DueDate: MustDate("2026-04-15"), Amount: 50000}, {DueDate: MustDate("2026-05-15")}}},
		"no date": {InvoiceID: inv.ID, AgreedOn: testDay, Instalments: []Instalment{{Amount: 50000}}},
		"none":    {InvoiceID: inv.ID, AgreedOn: testDay},
	} {
		if err := s.CreatePaymentPlan(ctx, &p); !errors.Is(err, ErrInvalid) || !hasFieldError(err, "instalments") {
			t.Errorf("%s: %v", name, err)
		}
	}
	orphan := PaymentPlan{InvoiceID: 9999, AgreedOn: testDay, Instalments: []Instalment{{DueDate: testDay, Amount: 1}}}
	if err := s.CreatePaymentPlan(ctx, &orphan); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing invoice: %v", err)
	}
	if tableCount(t, s, "payment_plans") != 0 || tableCount(t, s, "instalments") != 0 || kindCount(t, s, EventPlanAgreed) != 0 {
		t.Fatal("a refused plan wrote something")
	}
	plan := PaymentPlan{InvoiceID: inv.ID, AgreedOn: testDay, Instalments: []Instalment{
		{DueDate: MustDate("2026-05-15"), Amount: 30000},
		{DueDate: MustDate("2026-04-15"), Amount: 40000},
		{DueDate: MustDate("2026-06-15"), Amount: 30000}}}
	if err := s.CreatePaymentPlan(ctx, &plan); err != nil {
		t.Fatal(err)
	}
	if plan.ID == 0 || plan.Status != PlanActive || plan.Instalments[0].DueDate != MustDate("2026-04-15") {
		t.Fatalf("created: %+v", plan)
	}
	plans, err := s.ListPaymentPlansByInvoice(ctx, inv.ID)
	if err != nil || len(plans) != 1 || plans[0].Status != PlanActive || !plans[0].SignedOn.IsZero() ||
		plans[0].AgreedOn != testDay || len(plans[0].Instalments) != 3 {
		t.Fatalf("listed: %+v, %v", plans, err)
	}
	wantDue := []string{"2026-04-15", "2026-05-15", "2026-06-15"}
	wantAmount := []Money{40000, 30000, 30000}
	for i, in := range plans[0].Instalments {
		if in.ID != plan.Instalments[i].ID || in.PlanID != plan.ID || in.DueDate.String() != wantDue[i] || in.Amount != wantAmount[i] {
			t.Errorf("instalment %d: %+v", i, in)
		}
	}
	if ev := lastEvent(t, s, inv.ID, EventPlanAgreed); ev.Params["count"] != "3" || ev.Params["amount"] != "1000,00" {
		t.Fatalf("plan_agreed event: %+v", ev)
	}
	if n := kindCount(t, s, EventPlanSigned); n != 0 {
		t.Fatalf("%d plan_signed events for an unsigned plan", n)
	}
	signed := PaymentPlan{InvoiceID: inv.ID, AgreedOn: testDay, SignedOn: testDay,
		Instalments: []Instalment{{DueDate: MustDate("2026-04-01"), Amount: 100000}}}
	if err := s.CreatePaymentPlan(ctx, &signed); err != nil {
		t.Fatal(err)
	}
	if n := kindCount(t, s, EventPlanSigned); n != 1 {
		t.Fatalf("%d plan_signed events for a plan created signed", n)
	}
}

func TestCreatePaymentPlanIsOneTransaction(t *testing.T) {
	ctx := context.Background()
	s := newFileTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	// Make the third instalment's insert fail in the database, after the
	// plan and the first two were written.
	if _, err := s.write.Exec(`CREATE TRIGGER refuse_june BEFORE INSERT ON instalments
		WHEN NEW.due_date = '2026-06-15' BEGIN SELECT RAISE(ABORT, 'refused'); END`); err != nil {
		t.Fatal(err)
	}
	plan := PaymentPlan{InvoiceID: inv.ID, AgreedOn: testDay, Instalments: []Instalment{
		{DueDate: MustDate("2026-04-15"), Amount: 40000},
		{DueDate: MustDate("2026-05-15"), Amount: 30000},
		{DueDate: MustDate("2026-06-15"), Amount: 30000}}}
	if err := s.CreatePaymentPlan(ctx, &plan); err == nil {
		t.Fatal("the refused instalment went through")
	}
	if tableCount(t, s, "payment_plans") != 0 || tableCount(t, s, "instalments") != 0 || kindCount(t, s, EventPlanAgreed) != 0 {
		t.Fatal("a plan whose instalment failed was partly written")
	}
}

func TestPaymentPlanLifecycle(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	plan := PaymentPlan{InvoiceID: inv.ID, AgreedOn: testDay, Instalments: []Instalment{
		{DueDate: MustDate("2026-04-15"), Amount: 50000}, {DueDate: MustDate("2026-05-15"), Amount: 50000}}}
	if err := s.CreatePaymentPlan(ctx, &plan); err != nil {
		t.Fatal(err)
	}
	if err := s.SignPaymentPlan(ctx, plan.ID, MustDate("2026-03-18")); err != nil {
		t.Fatal(err)
	}
	if plans, _ := s.ListPaymentPlansByInvoice(ctx, inv.ID); plans[0].SignedOn != MustDate("2026-03-18") {
		t.Fatalf("signed: %+v", plans[0])
	}
	if ev := lastEvent(t, s, inv.ID, EventPlanSigned); ev.Params["date"] != "2026-03-18" || kindCount(t, s, EventPlanSigned) != 1 {
		t.Fatalf("plan_signed event: %+v", ev)
	}
	if err := s.SignPaymentPlan(ctx, 9999, testDay); !errors.Is(err, ErrNotFound) {
		t.Fatalf("sign missing: %v", err)
	}
	if err := s.SetPaymentPlanStatus(ctx, plan.ID, "paused"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("unknown status: %v", err)
	}
	if err := s.SetPaymentPlanStatus(ctx, 9999, PlanBroken); !errors.Is(err, ErrNotFound) {
		t.Fatalf("status of a missing plan: %v", err)
	}
	if err := s.SetPaymentPlanStatus(ctx, plan.ID, PlanBroken); err != nil {
		t.Fatal(err)
	}
	if plans, _ := s.ListPaymentPlansByInvoice(ctx, inv.ID); plans[0].Status != PlanBroken {
		t.Fatalf("status: %+v", plans[0])
	}
	missedOn := MustDate("2026-04-20")
	for _, on := range []Date{missedOn, missedOn.AddDays(5)} {
		if err := s.MarkInstalmentMissed(ctx, plan.Instalments[0].ID, on); err != nil {
			t.Fatal(err)
		}
	}
	if n := kindCount(t, s, EventInstalmentMissed); n != 1 {
		t.Fatalf("%d instalment_missed events, want 1", n)
	}
	if ev := lastEvent(t, s, inv.ID, EventInstalmentMissed); ev.Params["date"] != "2026-04-15" || ev.Params["amount"] != "500,00" {
		t.Fatalf("instalment_missed event: %+v", ev)
	}
	var stored Date
	if err := s.reader().QueryRowContext(context.Background(), `SELECT missed_on FROM instalments WHERE id = ?`, plan.Instalments[0].ID).Scan(&stored); err != nil || stored != missedOn {
		t.Fatalf("missed_on %s, %v; want the first flag's day", stored, err)
	}
}

func TestTasks(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	if err := s.CreateTask(ctx, &Task{ClientID: c.ID}); !errors.Is(err, ErrInvalid) || !hasFieldError(err, "kind") {
		t.Fatalf("no kind: %v", err)
	}
	fix := Task{ClientID: c.ID, InvoiceID: inv.ID, Kind: "fix_contact", Note: "email rejeté", DueOn: MustDate("2026-03-20")}
	review := Task{ClientID: c.ID, Kind: "review"}
	custom := Task{Kind: "custom", Note: "appeler l'expert-comptable", DueOn: MustDate("2026-03-10")}
	for _, task := range []*Task{&fix, &review, &custom} {
		if err := s.CreateTask(ctx, task); err != nil {
			t.Fatal(err)
		}
	}
	if review.DueOn != testDay {
		t.Fatalf("default due day: %s", review.DueOn)
	}
	open, err := s.ListOpenTasks(ctx)
	if err != nil || len(open) != 3 || open[0].ID != custom.ID || open[1].ID != review.ID || open[2].ID != fix.ID {
		t.Fatalf("open tasks: %+v, %v", open, err)
	}
	if got := open[2]; got.ClientID != c.ID || got.InvoiceID != inv.ID || got.Kind != "fix_contact" ||
		got.Note != "email rejeté" || got.DueOn != MustDate("2026-03-20") || !got.DoneAt.IsZero() {
		t.Fatalf("stored task: %+v", got)
	}
	if open[0].ClientID != 0 || open[0].InvoiceID != 0 {
		t.Fatalf("a task about nobody: %+v", open[0])
	}
	if n := kindCount(t, s, EventTaskCreated); n != 3 {
		t.Fatalf("%d task_created events", n)
	}
	if ev := lastEvent(t, s, inv.ID, EventTaskCreated); ev.Params["kind"] != "fix_contact" || ev.ClientID != c.ID {
		t.Fatalf("task_created event: %+v", ev)
	}
	if err := s.CompleteTask(ctx, review.ID); err != nil {
		t.Fatal(err)
	}
	open, _ = s.ListOpenTasks(ctx)
	if len(open) != 2 || open[0].ID != custom.ID || open[1].ID != fix.ID {
		t.Fatalf("open after completing one: %+v", open)
	}
	if n := kindCount(t, s, EventTaskDone); n != 1 {
		t.Fatalf("%d task_done events", n)
	}
	if err := s.CompleteTask(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("complete missing: %v", err)
	}
}

func TestCompleteTaskTwiceRecordsOneEvent(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	task := Task{ClientID: c.ID, Kind: "review"}
	if err := s.CreateTask(ctx, &task); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := s.CompleteTask(ctx, task.ID); err != nil {
			t.Fatal(err)
		}
	}
	if n := kindCount(t, s, EventTaskDone); n != 1 {
		t.Fatalf("%d task_done events for one task", n)
	}
}

func TestECBRates(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	rates, err := s.ListECBRates(ctx)
	// 0002 seeded 2022-12-21 to 2025-06-11; 0006 added the history from 2016.
	if err != nil || len(rates) != 19 {
		t.Fatalf("seeded: %d rates, %v", len(rates), err)
	}
	if rates[0] != (ECBRate{MustDate("2016-03-16"), 0}) || rates[4] != (ECBRate{MustDate("2022-12-21"), 250}) ||
		rates[18] != (ECBRate{MustDate("2025-06-11"), 215}) || rates[11] != (ECBRate{MustDate("2024-06-12"), 425}) {
		t.Fatalf("seeded: first %+v, 5th %+v, 12th %+v, last %+v", rates[0], rates[4], rates[11], rates[18])
	}
	for i := 1; i < len(rates); i++ {
		if !rates[i-1].EffectiveOn.Before(rates[i].EffectiveOn) {
			t.Fatalf("not oldest first at %d: %+v", i, rates)
		}
	}
	put := func(r ECBRate) {
		t.Helper()
		if err := s.PutECBRate(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	put(ECBRate{MustDate("2026-02-04"), 200})
	put(ECBRate{MustDate("2026-02-04"), 190})
	put(ECBRate{MustDate("2025-06-11"), 210})
	rates, _ = s.ListECBRates(ctx)
	if len(rates) != 20 || rates[19] != (ECBRate{MustDate("2026-02-04"), 190}) || rates[18].RateBP != 210 {
		t.Fatalf("after puts: %+v", rates)
	}
	for field, r := range map[string]ECBRate{
		"effective_on": {RateBP: 200},
		"rate":         {MustDate("2026-03-01"), 5001},
	} {
		if err := s.PutECBRate(ctx, r); !errors.Is(err, ErrInvalid) || !hasFieldError(err, field) {
			t.Errorf("%s: %v", field, err)
		}
	}
	if err := s.PutECBRate(ctx, ECBRate{MustDate("2026-03-02"), -1001}); !hasFieldError(err, "rate") {
		t.Errorf("too negative: %v", err)
	}
	put(ECBRate{MustDate("2026-03-03"), -50}) // negative rates happened
	if err := s.DeleteECBRate(ctx, MustDate("2026-03-03")); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteECBRate(ctx, MustDate("2026-02-04")); err != nil {
		t.Fatal(err)
	}
	if rates, _ = s.ListECBRates(ctx); len(rates) != 19 || rates[18].EffectiveOn != MustDate("2025-06-11") {
		t.Fatalf("after deletes: %+v", rates)
	}
	if err := s.DeleteECBRate(ctx, MustDate("2026-02-04")); !errors.Is(err, ErrNotFound) {
		t.Fatalf("delete absent: %v", err)
	}
}

func TestLegalRates(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	rates, err := s.ListLegalRates(ctx)
	want := []LegalRate{{2023, 1, 206, 0}, {2023, 2, 422, 0}, {2024, 1, 507, 0}, {2024, 2, 492, 0},
		{2025, 1, 371, 0}, {2025, 2, 276, 0}, {2026, 1, 262, 667}}
	if err != nil || len(rates) != len(want) {
		t.Fatalf("seeded: %+v, %v", rates, err)
	}
	for i := range want {
		if rates[i] != want[i] {
			t.Errorf("seeded %d: %+v, want %+v", i, rates[i], want[i])
		}
	}
	for _, r := range []LegalRate{{2026, 2, 300, 700}, {2026, 2, 310, 720}, {2023, 1, 206, 300}} {
		if err := s.PutLegalRate(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	rates, _ = s.ListLegalRates(ctx)
	if len(rates) != 8 || rates[7] != (LegalRate{2026, 2, 310, 720}) || rates[0] != (LegalRate{2023, 1, 206, 300}) {
		t.Fatalf("after puts: %+v", rates)
	}
	for field, r := range map[string]LegalRate{
		"half_year": {2026, 3, 300, 0},
		"rate":      {2027, 1, -1, 0},
	} {
		if err := s.PutLegalRate(ctx, r); !errors.Is(err, ErrInvalid) || !hasFieldError(err, field) {
			t.Errorf("%s: %v", field, err)
		}
	}
	if err := s.PutLegalRate(ctx, LegalRate{1999, 1, 300, 0}); !hasFieldError(err, "half_year") {
		t.Errorf("year 1999: %v", err)
	}
	if err := s.PutLegalRate(ctx, LegalRate{2027, 1, 300, 5001}); !hasFieldError(err, "rate") {
		t.Errorf("consumer rate too high: %v", err)
	}
	if err := s.DeleteLegalRate(ctx, 2026, 2); err != nil {
		t.Fatal(err)
	}
	if rates, _ = s.ListLegalRates(ctx); len(rates) != 7 {
		t.Fatalf("after delete: %+v", rates)
	}
	if err := s.DeleteLegalRate(ctx, 2026, 2); !errors.Is(err, ErrNotFound) {
		t.Fatalf("delete absent: %v", err)
	}
}

func TestAppState(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if v, err := s.GetState(ctx, "last_run"); err != nil || v != "" {
		t.Fatalf("missing key: %q, %v", v, err)
	}
	for _, v := range []string{"2026-03-14", "2026-03-15"} {
		if err := s.SetState(ctx, "last_run", v); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetState(ctx, "other", "x"); err != nil {
		t.Fatal(err)
	}
	if v, err := s.GetState(ctx, "last_run"); err != nil || v != "2026-03-15" {
		t.Fatalf("after upsert: %q, %v", v, err)
	}
	if n := tableCount(t, s, "app_state"); n != 2 {
		t.Fatalf("%d state rows", n)
	}
}
