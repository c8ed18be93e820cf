package data

import (
	"context"
	"errors"
	"testing"
)

// sendReminder queues and sends the first reminder of inv.
func sendReminder(t *testing.T, s *Store, inv Invoice, msgID string) OutboxMessage {
	t.Helper()
	ctx := context.Background()
	m, err := queueReminder(t, s, inv, msgID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimOutboxMessage(ctx, m.ID, "run"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkOutboxSent(ctx, m.ID, s.Now()); err != nil {
		t.Fatal(err)
	}
	m, err = s.GetOutboxMessage(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestBounceSentAgainOrDismissed records two bounces: they are listed
// until handled. Sending the first again takes its step back (the
// reminder can be queued anew, to the fixed address) and says so on the
// timeline; dismissing the second leaves its step done. Neither can be
// handled twice.
func TestBounceSentAgainOrDismissed(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	first, second := makeInvoice(t, s, c.ID, "FA-1", 100000), makeInvoice(t, s, c.ID, "FA-2", 50000)
	var sent []OutboxMessage
	for i, inv := range []Invoice{first, second} {
		m := sendReminder(t, s, inv, []string{"b1@relance", "b2@relance"}[i])
		e := SentEmail{OutboxID: m.ID, MessageID: m.MessageID, ClientID: c.ID, InvoiceIDs: []int64{inv.ID}}
		if ok, err := s.RecordBounce(ctx, e, BounceRecord{Reason: "no_such_address", Recipient: "compta@client.fr",
			Words: "550 5.1.1 unknown user"}); err != nil || !ok {
			t.Fatalf("bounce: %v %v", ok, err)
		}
		sent = append(sent, m)
	}
	open, err := s.ListOpenBounces(ctx)
	if err != nil || len(open) != 2 || open[0].Message.ID != sent[0].ID || open[0].Recipient != "compta@client.fr" ||
		open[0].Reason != "no_such_address" || open[0].BouncedAt.IsZero() || len(open[0].Message.Items) != 1 {
		t.Fatalf("open bounces: %+v, %v", open, err)
	}

	invoices, err := s.ReopenBounced(ctx, sent[0].ID)
	if err != nil || len(invoices) != 1 || invoices[0] != first.ID {
		t.Fatalf("reopen: %v, %v", invoices, err)
	}
	if actions, _ := s.ListActionsByInvoice(ctx, first.ID); len(actions) != 0 {
		t.Errorf("the bounced step is still done: %+v", actions)
	}
	if _, err := queueReminder(t, s, first, "b3@relance"); err != nil {
		t.Errorf("the reminder cannot be queued again: %v", err)
	}
	if e := lastEvent(t, s, first.ID, EventBounceReopened); e.Params["recipient"] != "compta@client.fr" {
		t.Errorf("timeline: %+v", e)
	}

	if err := s.DismissBounce(ctx, sent[1].ID); err != nil {
		t.Fatal(err)
	}
	if actions, _ := s.ListActionsByInvoice(ctx, second.ID); len(actions) != 1 {
		t.Errorf("a dismissed bounce took its step back: %+v", actions)
	}
	if e := lastEvent(t, s, second.ID, EventBounceDismissed); e.Kind != EventBounceDismissed {
		t.Errorf("timeline: %+v", e)
	}
	if open, err := s.ListOpenBounces(ctx); err != nil || len(open) != 0 {
		t.Fatalf("still open: %+v, %v", open, err)
	}
	for _, id := range []int64{sent[0].ID, sent[1].ID} {
		if _, err := s.ReopenBounced(ctx, id); !errors.Is(err, ErrOutboxState) {
			t.Errorf("email %d handled twice: %v", id, err)
		}
	}
}

// TestClientRepliesWaitForTheOwner: a reply about two invoices is one
// reply waiting, with both; resuming one leaves the other; the owner's
// own pause of an invoice is no reply.
func TestClientRepliesWaitForTheOwner(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	a, b, other := makeInvoice(t, s, c.ID, "FA-1", 100000), makeInvoice(t, s, c.ID, "FA-2", 50000),
		makeInvoice(t, s, c.ID, "FA-3", 9000)
	if err := s.PauseInvoice(ctx, other.ID, Date{}, "litige"); err != nil {
		t.Fatal(err)
	}
	e := SentEmail{OutboxID: 0, MessageID: "ours@relance", ClientID: c.ID, InvoiceIDs: []int64{a.ID, b.ID}}
	if ok, err := s.RecordReply(ctx, e, ReplyRecord{MessageID: "r1@client.fr", From: "compta@client.fr",
		Subject: "Re: relance"}); err != nil || !ok {
		t.Fatalf("reply: %v %v", ok, err)
	}
	replies, err := s.ListClientReplies(ctx)
	if err != nil || len(replies) != 1 || len(replies[0].InvoiceIDs) != 2 || replies[0].From != "compta@client.fr" ||
		replies[0].Subject != "Re: relance" || replies[0].At.IsZero() {
		t.Fatalf("replies: %+v, %v", replies, err)
	}
	if err := s.ResumeInvoice(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	replies, err = s.ListClientReplies(ctx)
	if err != nil || len(replies) != 1 || len(replies[0].Numbers) != 1 || replies[0].Numbers[0] != "FA-2" {
		t.Fatalf("after resuming FA-1: %+v, %v", replies, err)
	}
}
