package mail

import (
	"context"
	"errors"
	"testing"
	"time"

	"relance/app/dunning"
	"relance/data"
)

// fakeComposer writes every group's email the same way; it fails for the
// invoices in fail.
type fakeComposer struct {
	b    *book
	fail map[int64]bool
}

func (c fakeComposer) Compose(_ context.Context, g dunning.Group) (Draft, error) {
	if c.fail[g.Lead.InvoiceID] {
		return Draft{}, errors.New("template error")
	}
	return Draft{Lang: "fr", To: []string{"compta@vernet.fr"}, Subject: "Relance " + g.Lead.Number, Text: "Bonjour"}, nil
}

func TestSendDueSendsOnlyAutomaticSteps(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 4)
	svc := b.service(t, testAccount(srv), srv.password)
	auto := b.group(0)
	auto.Lead.Step.AutoSend, auto.Items[0].Step.AutoSend = true, true
	manual := b.group(1)
	catchUp := b.group(2)
	catchUp.Lead.Step.AutoSend, catchUp.CatchUp = true, true
	failing := b.group(3)
	failing.Lead.Step.AutoSend = true
	plan := &dunning.Plan{Today: testDay, Groups: []dunning.Group{auto, manual, catchUp, failing}}
	c := fakeComposer{b: b, fail: map[int64]bool{b.invoices[3].ID: true}}

	dry, err := svc.SendDue(ctx, plan, c, true)
	if err != nil || len(dry) != 3 || dry[0].State != "" || dry[0].Err != nil || !dry[1].Review() || len(srv.received()) != 0 {
		t.Fatalf("dry run: %+v %v (sent %d)", dry, err, len(srv.received()))
	}
	if q, _ := b.store.ListOutbox(ctx, data.OutboxQueued); len(q) != 0 {
		t.Fatal("a dry run queued mail")
	}
	out, err := svc.SendDue(ctx, plan, c, false)
	if err != nil || len(out) != 3 {
		t.Fatalf("send-due: %+v %v", out, err)
	}
	if out[0].State != data.OutboxSent || out[0].Group.Lead.InvoiceID != b.invoices[0].ID ||
		!errors.Is(out[1].Err, ErrCatchUp) || out[1].State != "" ||
		out[2].State != data.OutboxFailed || out[2].Err == nil {
		t.Fatalf("outcomes %+v", out)
	}
	if len(srv.received()) != 1 {
		t.Fatalf("server got %d", len(srv.received()))
	}
	unseen, _ := b.store.ListOutboxUnseen(ctx)
	if len(unseen) != 1 || !unseen[0].Auto {
		t.Fatalf("the window must report the unattended send: %+v", unseen)
	}
	if err := b.store.SetState(ctx, DemoStateKey, "1"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SendDue(ctx, plan, c, false); !errors.Is(err, ErrDemoBook) {
		t.Fatalf("send-due on the demo book: %v", err)
	}
}

// auto marks a group's steps "send automatically".
func auto(g dunning.Group) dunning.Group {
	g.Lead.Step.AutoSend = true
	for i := range g.Items {
		g.Items[i].Step.AutoSend = true
	}
	return g
}

// Without the account's password, the unattended run refuses before it
// queues anything: no email is left waiting in the outbox for a password
// nobody will type.
func TestSendDueRefusesWithoutPasswordBeforeQueuing(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 1)
	svc := b.service(t, testAccount(srv), "")
	plan := &dunning.Plan{Today: testDay, Groups: []dunning.Group{auto(b.group(0))}}
	for _, dry := range []bool{true, false} {
		if _, err := svc.SendDue(ctx, plan, fakeComposer{b: b}, dry); CauseOf(err) != CauseNoSecret {
			t.Fatalf("dry %v: %v, want no_secret", dry, err)
		}
	}
	if q, _ := b.store.ListOutbox(ctx, data.OutboxQueued, data.OutboxFailed); len(q) != 0 {
		t.Fatalf("%d emails queued without a password", len(q))
	}
	if v, _ := b.store.GetState(ctx, SendDueLastRunKey); v != "" {
		t.Fatalf("a refused run was recorded as run: %q", v)
	}
}

// Company details skipped at onboarding: send-due refuses before queuing
// anything, rather than send an email with no IBAN or signatory.
func TestSendDueRefusesWithoutCompanyDetails(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 1)
	co, _ := b.store.GetCompany(ctx)
	co.IBAN = ""
	if err := b.store.UpdateCompany(ctx, &co); err != nil {
		t.Fatal(err)
	}
	svc := b.service(t, testAccount(srv), srv.password)
	plan := &dunning.Plan{Today: testDay, Groups: []dunning.Group{auto(b.group(0))}}
	_, err := svc.SendDue(ctx, plan, fakeComposer{b: b}, false)
	var incomplete *data.CompanyIncompleteError
	if !errors.As(err, &incomplete) || len(incomplete.Missing) != 1 || incomplete.Missing[0] != "iban" {
		t.Fatalf("send-due without an IBAN: %v", err)
	}
	if q, _ := b.store.ListOutbox(ctx, data.OutboxQueued, data.OutboxFailed, data.OutboxSent); len(q) != 0 || len(srv.received()) != 0 {
		t.Fatalf("%d emails queued, %d sent without an IBAN", len(q), len(srv.received()))
	}
}

// After an incident (the server was down), the next run reports the email
// once, under its invoice, as sent: not once as "cannot be queued again"
// and once more, nameless, as a retry.
func TestSendDueReportsAnEmailOnceAfterAnIncident(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 1)
	a := testAccount(srv)
	a.Port = closedPort(t)
	svc := b.service(t, a, srv.password)
	plan := &dunning.Plan{Today: testDay, Groups: []dunning.Group{auto(b.group(0))}}
	out, err := svc.SendDue(ctx, plan, fakeComposer{b: b}, false)
	if err != nil || len(out) != 1 || out[0].State != data.OutboxQueued || CauseOf(out[0].Err) != CauseRefused {
		t.Fatalf("server down: %+v %v", out, err)
	}
	a.Port = srv.port
	if err := b.store.UpdateMailAccount(ctx, &a); err != nil {
		t.Fatal(err)
	}
	next := b.later(svc, 2*time.Minute)
	out, err = next.SendDue(ctx, plan, fakeComposer{b: b}, false)
	if err != nil || len(out) != 1 {
		t.Fatalf("next run: %d outcomes %+v %v", len(out), out, err)
	}
	if out[0].State != data.OutboxSent || out[0].Err != nil || out[0].Group.Lead.Number != b.invoices[0].Number ||
		out[0].Group.ClientID != b.client.ID {
		t.Fatalf("the retried email: %+v", out[0])
	}
	if len(srv.received()) != 1 {
		t.Fatalf("server got %d", len(srv.received()))
	}
}

// The unattended run remembers the day it ran: a step that fell due on a
// day it did not run (the computer was off) is left for review, and a
// pre-due notice whose due date has passed is never sent by itself.
func TestSendDueLeavesMissedStepsForReview(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 3)
	svc := b.service(t, testAccount(srv), srv.password)
	if err := b.store.SetState(ctx, SendDueLastRunKey, testDay.AddDays(-5).String()); err != nil {
		t.Fatal(err)
	}
	today := auto(b.group(0))
	missed := auto(b.group(1))
	missed.Lead.Planned, missed.Items[0].Planned = testDay.AddDays(-2), testDay.AddDays(-2)
	preDue := auto(b.group(2))
	for _, d := range []*dunning.Due{&preDue.Lead, &preDue.Items[0]} {
		d.Step.OffsetDays, d.Step.TemplateKey, d.DaysLate = -7, "pre_due", 2
	}
	plan := &dunning.Plan{Today: testDay, Groups: []dunning.Group{today, missed, preDue}}
	out, err := svc.SendDue(ctx, plan, fakeComposer{b: b}, false)
	if err != nil || len(out) != 3 {
		t.Fatalf("send-due: %+v %v", out, err)
	}
	if out[0].State != data.OutboxSent || !errors.Is(out[1].Err, ErrCatchUp) || !errors.Is(out[2].Err, ErrPreDuePassed) ||
		!out[1].Review() || !out[2].Review() {
		t.Fatalf("outcomes %+v", out)
	}
	if len(srv.received()) != 1 {
		t.Fatalf("server got %d emails, want only today's", len(srv.received()))
	}
	if v, _ := b.store.GetState(ctx, SendDueLastRunKey); v != testDay.String() {
		t.Fatalf("last run recorded %q", v)
	}
}

// While a task says the client's contact has left, the unattended run
// writes nothing to that client; once the owner closes it, it does.
func TestSendDueHoldsAClientWhoseContactLeft(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 1)
	svc := b.service(t, testAccount(srv), srv.password)
	task := data.Task{ClientID: b.client.ID, Kind: data.TaskFixContact, Note: "Mme Roy est partie"}
	if err := b.store.CreateTask(ctx, &task); err != nil {
		t.Fatal(err)
	}
	plan := &dunning.Plan{Today: testDay, Groups: []dunning.Group{auto(b.group(0))}}
	out, err := svc.SendDue(ctx, plan, fakeComposer{b: b}, false)
	if err != nil || len(out) != 1 || !errors.Is(out[0].Err, ErrContactToCheck) || !out[0].Review() || len(srv.received()) != 0 {
		t.Fatalf("with the contact to check: %+v %v, %d sent", out, err, len(srv.received()))
	}
	if err := b.store.CompleteTask(ctx, task.ID); err != nil {
		t.Fatal(err)
	}
	out, _ = svc.SendDue(ctx, plan, fakeComposer{b: b}, false)
	if len(out) != 1 || out[0].State != data.OutboxSent {
		t.Fatalf("after the contact was checked: %+v", out)
	}
}
