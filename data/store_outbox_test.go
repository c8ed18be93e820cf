package data

import (
	"context"
	"errors"
	"testing"
	"time"
)

// queueReminder queues an email for the first reminder of inv.
func queueReminder(t *testing.T, s *Store, inv Invoice, msgID string) (OutboxMessage, error) {
	t.Helper()
	st := stepAt(t, s, "standard", 2)
	m := OutboxMessage{ClientID: inv.ClientID, TemplateKey: st.TemplateKey, MessageID: msgID, From: "moi@atelier.fr",
		Recipients: []string{"compta@client.fr"}, To: "compta@client.fr", Subject: "Relance " + inv.Number,
		EML: "mail/2026/" + msgID + ".eml", Items: []OutboxItem{{InvoiceID: inv.ID, StepID: st.ID, Planned: testDay}}}
	err := s.CreateOutboxMessage(context.Background(), &m)
	return m, err
}

func notSendable(err error) string {
	var ns *NotSendableError
	if errors.As(err, &ns) {
		return ns.Reason
	}
	return ""
}

func TestOutboxQueueClaimSend(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	m, err := queueReminder(t, s, inv, "a1@relance")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := queueReminder(t, s, inv, "a2@relance"); notSendable(err) != NotSendableQueued {
		t.Fatalf("the same step queued twice: %v", err)
	}
	pending, err := s.ListOutboxPending(ctx)
	st := stepAt(t, s, "standard", 2)
	if err != nil || pending[OutboxStepKey{inv.ID, st.ID, 0}] != OutboxQueued || len(pending) != 1 {
		t.Fatalf("pending = %v, %v", pending, err)
	}
	due, _ := s.ListOutboxDue(ctx, s.Now())
	if len(due) != 1 || due[0].ID != m.ID || len(due[0].Items) != 1 || due[0].Recipients[0] != "compta@client.fr" {
		t.Fatalf("due = %+v", due)
	}
	claimed, err := s.ClaimOutboxMessage(ctx, m.ID, "run-1")
	if err != nil || claimed.State != OutboxSending || claimed.Attempts != 1 || claimed.ClaimedBy != "run-1" {
		t.Fatalf("claim: %+v, %v", claimed, err)
	}
	if _, err := s.ClaimOutboxMessage(ctx, m.ID, "run-2"); !errors.Is(err, ErrOutboxState) {
		t.Fatalf("a claimed email was claimed again: %v", err)
	}
	if !claimed.Interrupted("run-2") || claimed.Interrupted("run-1") {
		t.Error("interrupted must mean: sending, claimed by another run")
	}
	sentAt := time.Date(2026, 3, 15, 9, 30, 0, 0, time.UTC)
	if err := s.MarkOutboxSent(ctx, m.ID, sentAt); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetOutboxMessage(ctx, m.ID)
	if got.State != OutboxSent || !got.SentAt.Equal(sentAt) {
		t.Fatalf("after sent: %+v", got)
	}
	actions, _ := s.ListActionsByInvoice(ctx, inv.ID)
	if len(actions) != 1 || actions[0].StepID != st.ID || actions[0].Status != ActionDone || actions[0].File != m.EML {
		t.Fatalf("actions = %+v", actions)
	}
	if e := lastEvent(t, s, inv.ID, EventStepDone); e.File != m.EML {
		t.Fatalf("timeline event file = %q", e.File)
	}
	if _, err := queueReminder(t, s, inv, "a3@relance"); notSendable(err) != NotSendableDone {
		t.Fatalf("a step done was queued again: %v", err)
	}
	if err := s.MarkOutboxSent(ctx, m.ID, sentAt); !errors.Is(err, ErrOutboxState) {
		t.Fatalf("marked sent twice: %v", err)
	}
}

func TestOutboxRefusesWhatCannotBeSent(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	paid := makeInvoice(t, s, c.ID, "FA-PAID", 100000)
	if err := s.CreatePayment(ctx, &Payment{InvoiceID: paid.ID, Date: testDay, Amount: 100000}); err != nil {
		t.Fatal(err)
	}
	disputed := makeInvoice(t, s, c.ID, "FA-DISP", 100000)
	if err := s.SetInvoiceState(ctx, disputed.ID, StateDisputed, "livraison"); err != nil {
		t.Fatal(err)
	}
	paused := makeInvoice(t, s, c.ID, "FA-PAUSE", 100000)
	if err := s.PauseInvoice(ctx, paused.ID, Date{}, "accord"); err != nil {
		t.Fatal(err)
	}
	off := makeInvoice(t, s, c.ID, "FA-OFF", 100000)
	if err := s.SetInvoiceState(ctx, off.ID, StateWrittenOff, ""); err != nil {
		t.Fatal(err)
	}
	for inv, want := range map[*Invoice]string{&paid: NotSendablePaid, &disputed: NotSendableState,
		&paused: NotSendablePaused, &off: NotSendableState} {
		_, err := queueReminder(t, s, *inv, "x-"+inv.Number)
		if notSendable(err) != want || !errors.Is(err, ErrNotSendable) {
			t.Errorf("%s: err = %v, want %s", inv.Number, err, want)
		}
	}
	if n := tableCount(t, s, "outbox"); n != 0 {
		t.Fatalf("%d refused emails were written", n)
	}
}

func TestOutboxPaymentBetweenQueueAndSendStopsIt(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	m, err := queueReminder(t, s, inv, "p1@relance")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreatePayment(ctx, &Payment{InvoiceID: inv.ID, Date: testDay, Amount: 100000}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimOutboxMessage(ctx, m.ID, "run"); notSendable(err) != NotSendablePaid {
		t.Fatalf("claim after payment: %v", err)
	}
	got, _ := s.GetOutboxMessage(ctx, m.ID)
	if got.State != OutboxCancelled || got.Note != NotSendablePaid || got.Attempts != 0 {
		t.Fatalf("email after payment: %+v", got)
	}
	if pending, _ := s.ListOutboxPending(ctx); len(pending) != 0 {
		t.Fatalf("a cancelled email still holds its step: %v", pending)
	}
	if actions, _ := s.ListActionsByInvoice(ctx, inv.ID); len(actions) != 0 {
		t.Fatalf("a stopped email recorded %d actions", len(actions))
	}
}

func TestOutboxFailuresRetryCancelRequeue(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	m, _ := queueReminder(t, s, inv, "f1@relance")
	if _, err := s.ClaimOutboxMessage(ctx, m.ID, "run"); err != nil {
		t.Fatal(err)
	}
	next := s.Now().Add(5 * time.Minute)
	if err := s.MarkOutboxRetry(ctx, m.ID, OutboxFailure{Cause: "temporary", Code: 451, Text: "4.3.0 try later"}, next); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetOutboxMessage(ctx, m.ID)
	if got.State != OutboxQueued || got.ErrorCode != 451 || got.LastError != "4.3.0 try later" || !got.NextAttemptAt.Equal(next) {
		t.Fatalf("after a temporary failure: %+v", got)
	}
	if due, _ := s.ListOutboxDue(ctx, s.Now()); len(due) != 0 {
		t.Fatal("an email due in 5 minutes is due now")
	}
	if due, _ := s.ListOutboxDue(ctx, next); len(due) != 1 {
		t.Fatal("an email is not due at its next attempt")
	}
	if _, err := s.ClaimOutboxMessage(ctx, m.ID, "run"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkOutboxFailed(ctx, m.ID, OutboxFailure{Cause: "rejected", Code: 550, Text: "5.1.1 no such user"}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.GetOutboxMessage(ctx, m.ID)
	if got.State != OutboxFailed || got.Attempts != 2 || got.LastError != "5.1.1 no such user" {
		t.Fatalf("after a permanent failure: %+v", got)
	}
	if pending, _ := s.ListOutboxPending(ctx); len(pending) != 1 {
		t.Fatal("a failed email must keep its step until the owner decides")
	}
	if err := s.RequeueOutboxMessage(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ = s.GetOutboxMessage(ctx, m.ID); got.State != OutboxQueued {
		t.Fatalf("requeued: %s", got.State)
	}
	if err := s.CancelOutboxMessage(ctx, m.ID, "owner"); err != nil {
		t.Fatal(err)
	}
	if err := s.CancelOutboxMessage(ctx, m.ID, "owner"); !errors.Is(err, ErrOutboxState) {
		t.Fatalf("cancelled twice: %v", err)
	}
	if _, err := queueReminder(t, s, inv, "f2@relance"); err != nil {
		t.Fatalf("a discarded email did not release its step: %v", err)
	}
}

func TestOutboxCatchUpAndUnseen(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	pre, second := stepAt(t, s, "standard", 1), stepAt(t, s, "standard", 4)
	m := OutboxMessage{ClientID: c.ID, MessageID: "c1@relance", From: "moi@atelier.fr", Recipients: []string{"a@b.fr"},
		Auto: true, EML: "mail/2026/c1.eml",
		Items: []OutboxItem{{InvoiceID: inv.ID, StepID: second.ID, Planned: testDay, CatchUp: true, Passed: []int64{pre.ID}}}}
	if err := s.CreateOutboxMessage(ctx, &m); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimOutboxMessage(ctx, m.ID, "run"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkOutboxSent(ctx, m.ID, s.Now()); err != nil {
		t.Fatal(err)
	}
	actions, _ := s.ListActionsByInvoice(ctx, inv.ID)
	if len(actions) != 2 || actions[0].StepID != pre.ID || actions[0].Status != ActionSkipped ||
		actions[1].StepID != second.ID || actions[1].Status != ActionDone || !actions[1].CatchUp {
		t.Fatalf("catch-up actions = %+v", actions)
	}
	unseen, _ := s.ListOutboxUnseen(ctx)
	if len(unseen) != 1 || unseen[0].ID != m.ID {
		t.Fatalf("unseen = %+v", unseen)
	}
	if err := s.MarkOutboxSeen(ctx, []int64{m.ID}); err != nil {
		t.Fatal(err)
	}
	if unseen, _ = s.ListOutboxUnseen(ctx); len(unseen) != 0 {
		t.Fatal("seen emails are still reported")
	}
	if err := s.SetOutboxSentCopy(ctx, m.ID, "done"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetOutboxMessage(ctx, m.ID); got.SentCopy != "done" {
		t.Fatalf("sent copy = %q", got.SentCopy)
	}
}

// An email on hold after an account failure keeps its step, is not due
// for a retry, and goes back to the queue, due now, when released.
func TestOutboxHoldAndRelease(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	m, err := queueReminder(t, s, inv, "h1@relance")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimOutboxMessage(ctx, m.ID, "run-1"); err != nil {
		t.Fatal(err)
	}
	if err := s.HoldOutboxMessage(ctx, m.ID, OutboxFailure{Cause: "auth", Code: 535, Text: "Authentication failed"}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetOutboxMessage(ctx, m.ID)
	if got.State != OutboxQueued || !got.Held || got.ErrorCause != "auth" || got.ErrorCode != 535 {
		t.Fatalf("held email %+v", got)
	}
	if due, _ := s.ListOutboxDue(ctx, s.Now().Add(24*time.Hour)); len(due) != 0 {
		t.Fatalf("an email on hold is due for a retry: %+v", due)
	}
	if pending, _ := s.ListOutboxPending(ctx); len(pending) != 1 {
		t.Fatalf("an email on hold released its step: %v", pending)
	}
	if held, _ := s.ListOutboxHeld(ctx); len(held) != 1 || held[0].ID != m.ID {
		t.Fatalf("held list %+v", held)
	}
	ids, err := s.ReleaseHeldOutbox(ctx)
	if err != nil || len(ids) != 1 || ids[0] != m.ID {
		t.Fatalf("release: %v %v", ids, err)
	}
	if due, _ := s.ListOutboxDue(ctx, s.Now()); len(due) != 1 || due[0].Held {
		t.Fatalf("a released email is not due now: %+v", due)
	}
	if ids, _ := s.ReleaseHeldOutbox(ctx); len(ids) != 0 {
		t.Fatalf("released twice: %v", ids)
	}
}

// The owner sending a failed email again restarts its time in the queue:
// it is not "queued long ago" any more.
func TestOutboxRequeueRestartsQueuedAt(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	m, err := queueReminder(t, s, inv, "r1@relance")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MarkOutboxFailed(ctx, m.ID, OutboxFailure{Cause: "stale"}); err != nil {
		t.Fatal(err)
	}
	later := s.Using(FixedClock{At: s.Now().Add(72 * time.Hour)})
	if err := later.RequeueOutboxMessage(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetOutboxMessage(ctx, m.ID)
	if got.State != OutboxQueued || !got.QueuedAt.Equal(later.Now()) {
		t.Fatalf("requeued: state %s, queued at %s, want %s", got.State, got.QueuedAt, later.Now())
	}
}

func TestMailCheckAfterDaysSetting(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if n, err := s.GetMailCheckAfterDays(ctx); n != DefaultMailCheckAfterDays || err != nil {
		t.Fatalf("default %d, %v", n, err)
	}
	if err := s.SetMailCheckAfterDays(ctx, 0); FieldErrorsOf(err) == nil {
		t.Fatalf("0 days accepted: %v", err)
	}
	if err := s.SetMailCheckAfterDays(ctx, 5); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.GetMailCheckAfterDays(ctx); n != 5 {
		t.Fatalf("saved 5, read %d", n)
	}
}
