package mail

import (
	"context"
	"errors"
	"testing"

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
	plan := &dunning.Plan{Groups: []dunning.Group{auto, manual, catchUp, failing}}
	c := fakeComposer{b: b, fail: map[int64]bool{b.invoices[3].ID: true}}

	dry, err := svc.SendDue(ctx, plan, c, true)
	if err != nil || len(dry) != 2 || dry[0].State != "" || len(srv.received()) != 0 {
		t.Fatalf("dry run: %+v %v (sent %d)", dry, err, len(srv.received()))
	}
	if q, _ := b.store.ListOutbox(ctx, data.OutboxQueued); len(q) != 0 {
		t.Fatal("a dry run queued mail")
	}
	out, err := svc.SendDue(ctx, plan, c, false)
	if err != nil || len(out) != 2 {
		t.Fatalf("send-due: %+v %v", out, err)
	}
	if out[0].State != data.OutboxSent || out[0].Group.Lead.InvoiceID != b.invoices[0].ID || out[1].State != data.OutboxFailed || out[1].Err == nil {
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
