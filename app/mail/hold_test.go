package mail

import (
	"bytes"
	"context"
	"net/mail"
	"os"
	"path/filepath"
	"testing"
	"time"

	"relance/data"
)

// later is the service as it runs d after the book's day, on the same
// book, keychain and connection settings.
func (b *book) later(svc *Service, d time.Duration) *Service {
	at := b.store.Now().Add(d)
	return NewService(b.store.Using(data.FixedClock{At: at}), b.files(), svc.Secrets(), svc.Transport())
}

// A failure of the account (a refused sign-in, an untrusted certificate)
// puts the whole batch on hold, with one connection tried, none marked
// failed; once the account is fixed, releasing them sends them all.
func TestAccountFailureHoldsTheBatch(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	cases := []struct {
		name  string
		setup func(svc *Service)
		fix   func(svc *Service, a *data.MailAccount)
		cause Cause
	}{
		{"wrong password", func(*Service) {}, func(svc *Service, a *data.MailAccount) {
			svc.Secrets().Set(SecretPassword, a, srv.password)
		}, CauseAuth},
		{"untrusted certificate", func(svc *Service) { svc.transport.TLSConfig = nil }, func(svc *Service, _ *data.MailAccount) {
			svc.transport = testTransport(t)
		}, CauseCertificate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := newBook(t, 3)
			a := testAccount(srv)
			password := "faux"
			if c.cause != CauseAuth {
				password = srv.password
			}
			svc := b.service(t, a, password)
			c.setup(svc)
			before := len(srv.authMech)
			res, err := svc.Deliver(ctx, queueAll(t, b, svc, 3), nil)
			if err != nil || len(res) != 3 {
				t.Fatalf("deliver: %+v %v", res, err)
			}
			for i, r := range res {
				if r.State != data.OutboxQueued || !r.Held || CauseOf(r.Err) != c.cause {
					t.Errorf("email %d: %+v", i, r)
				}
			}
			if c.cause == CauseAuth && len(srv.authMech)-before != 1 {
				t.Errorf("%d sign-ins tried for one wrong password", len(srv.authMech)-before)
			}
			if attention, _ := svc.Attention(ctx); len(attention) != 0 {
				t.Errorf("held emails listed one by one as failures: %+v", attention)
			}
			if failed, _ := b.store.ListOutbox(ctx, data.OutboxFailed); len(failed) != 0 {
				t.Errorf("%d emails marked failed for an account error", len(failed))
			}
			held, _ := svc.Held(ctx)
			if len(held) != 3 || held[0].ErrorCause != string(c.cause) {
				t.Fatalf("held: %+v", held)
			}
			if due, _ := svc.RetryDue(ctx, nil); len(due) != 0 {
				t.Fatalf("held emails were retried by themselves: %+v", due)
			}
			c.fix(svc, &a)
			ids, err := svc.ReleaseHeld(ctx)
			if err != nil || len(ids) != 3 {
				t.Fatalf("release: %v %v", ids, err)
			}
			res, err = svc.Deliver(ctx, ids, nil)
			for i, r := range res {
				if r.State != data.OutboxSent {
					t.Errorf("after the fix, email %d: %+v %v", i, r, err)
				}
			}
		})
	}
}

// An email queued more than the "check after" days ago is not sent: it
// goes to the emails to check, until the owner sends it again.
func TestEmailQueuedLongAgoIsPutToCheck(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 2)
	svc := b.service(t, testAccount(srv), srv.password)
	ids := queueAll(t, b, svc, 2)
	late := b.later(svc, 3*24*time.Hour)
	res, err := late.Deliver(ctx, ids[:1], nil)
	if err != nil || res[0].State != data.OutboxFailed || CauseOf(res[0].Err) != CauseStale {
		t.Fatalf("an email queued 3 days ago: %+v %v", res, err)
	}
	if len(srv.received()) != 0 {
		t.Fatal("an email queued 3 days ago was sent blindly")
	}
	attention, _ := late.Attention(ctx)
	if len(attention) == 0 || attention[0].ID != ids[0] || attention[0].ErrorCause != string(CauseStale) {
		t.Fatalf("not listed to check: %+v", attention)
	}
	if r, err := late.Resend(ctx, ids[0]); err != nil || r.State != data.OutboxSent {
		t.Fatalf("sent again by the owner: %+v %v", r, err)
	}
	// The owner may allow more days.
	if err := b.store.SetMailCheckAfterDays(ctx, 5); err != nil {
		t.Fatal(err)
	}
	if res, _ := late.Deliver(ctx, ids[1:], nil); res[0].State != data.OutboxSent {
		t.Fatalf("within 5 days: %+v", res)
	}
}

// The Date header is the moment the email is handed to the server, not
// the moment it was queued; the archive holds those same bytes.
func TestDateHeaderIsTheMomentOfSending(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 1)
	svc := b.service(t, testAccount(srv), srv.password)
	ids := queueAll(t, b, svc, 1)
	late := b.later(svc, 26*time.Hour)
	if res, err := late.Deliver(ctx, ids, nil); err != nil || res[0].State != data.OutboxSent {
		t.Fatalf("deliver: %+v %v", res, err)
	}
	got := srv.received()
	msg, err := mail.ReadMessage(bytes.NewReader(got[0].data))
	if err != nil {
		t.Fatal(err)
	}
	date, err := msg.Header.Date()
	if err != nil || !date.Equal(late.store.Now().Truncate(time.Second)) {
		t.Fatalf("Date %s (%v), want the moment of sending %s", date, err, late.store.Now())
	}
	om, _ := b.store.GetOutboxMessage(ctx, ids[0])
	archived, err := os.ReadFile(filepath.Join(b.dir, filepath.FromSlash(om.EML)))
	if err != nil || !bytes.Equal(normalise(archived), normalise(got[0].data)) {
		t.Fatalf("the archive is not what was sent (%v)", err)
	}
}
