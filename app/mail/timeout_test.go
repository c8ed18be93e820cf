package mail

import (
	"context"
	"crypto/tls"
	"io"
	"log"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"relance/data"
)

// queueAll queues the reminders of the book's first n invoices.
func queueAll(t *testing.T, b *book, svc *Service, n int) []int64 {
	t.Helper()
	var ids []int64
	for i := range n {
		om, err := svc.Queue(context.Background(), b.message(i))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, om.ID)
	}
	return ids
}

// A server that greets, signs in, then stops answering: the first email
// times out, and the rest of the batch is not tried one timeout apiece;
// those wait for a retry without an attempt counted.
func TestDeadServerEndsTheBatchFast(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	release := make(chan struct{})
	var tries atomic.Int32
	srv.setHooks(func(string) error { tries.Add(1); <-release; return nil }, nil)
	t.Cleanup(func() { close(release) })
	b := newBook(t, 3)
	svc := b.service(t, testAccount(srv), srv.password)
	svc.transport.Timeout = 300 * time.Millisecond
	ids := queueAll(t, b, svc, 3)
	start := time.Now()
	res, err := svc.Deliver(ctx, ids, nil)
	elapsed := time.Since(start)
	if err != nil || len(res) != 3 {
		t.Fatalf("deliver: %+v %v", res, err)
	}
	if n := tries.Load(); n != 1 {
		t.Errorf("%d emails tried against a server that stopped answering, want 1", n)
	}
	if elapsed > 4*svc.transport.Timeout {
		t.Errorf("the batch took %s against a dead server (timeout %s)", elapsed, svc.transport.Timeout)
	}
	for i, r := range res {
		got, _ := b.store.GetOutboxMessage(ctx, r.ID)
		wantAttempts := 0
		if i == 0 {
			wantAttempts = 1
		}
		if r.State != data.OutboxQueued || CauseOf(r.Err) != CauseTimeout || got.Attempts != wantAttempts ||
			!got.NextAttemptAt.After(b.store.Now()) {
			t.Errorf("email %d: result %+v, row attempts %d next %s", i, r, got.Attempts, got.NextAttemptAt)
		}
	}
}

// A server slower than the timeout over the whole batch, but answering
// each step in time, gets every email: each exchange has its own deadline,
// not one set when connecting.
func TestSlowServerGetsTheWholeBatch(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	srv.setHooks(nil, func(int, []byte) error { time.Sleep(150 * time.Millisecond); return nil })
	b := newBook(t, 5)
	svc := b.service(t, testAccount(srv), srv.password)
	svc.transport.Timeout = 400 * time.Millisecond
	res, err := svc.Deliver(ctx, queueAll(t, b, svc, 5), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.State != data.OutboxSent {
			t.Errorf("email %d: %s, %v", i, r.State, r.Err)
		}
	}
	if len(srv.received()) != 5 {
		t.Fatalf("the server got %d of 5", len(srv.received()))
	}
}

// An IMAP server that accepts the connection and never says a word fails
// the Sent copy within the timeout, whatever the security, and never the
// send: the data folder's lock is not held for ever.
func TestSilentIMAPServerDoesNotHoldTheSend(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	for _, sec := range []data.Security{data.SecuritySSL, data.SecurityStartTLS, data.SecurityNone} {
		t.Run(string(sec), func(t *testing.T) {
			b := newBook(t, 1)
			a := testAccount(srv)
			a.SentCopy, a.IMAPHost, a.IMAPPort, a.IMAPSecurity, a.AllowPlaintext = true, "127.0.0.1", silentServer(t), sec, true
			svc := b.service(t, a, srv.password)
			svc.transport.Timeout = 300 * time.Millisecond
			start := time.Now()
			res, err := svc.Deliver(ctx, queueAll(t, b, svc, 1), nil)
			if elapsed := time.Since(start); elapsed > 2*time.Second {
				t.Errorf("the send waited %s for a silent IMAP server (timeout %s)", elapsed, svc.transport.Timeout)
			}
			if err != nil || res[0].State != data.OutboxSent {
				t.Fatalf("a silent IMAP server failed the send: %+v %v", res, err)
			}
			got, _ := b.store.GetOutboxMessage(ctx, res[0].ID)
			if got.SentCopy == "" || got.SentCopy == "done" {
				t.Errorf("the failed copy is not recorded: %q", got.SentCopy)
			}
		})
	}
}

// stuckAppend is an IMAP session that signs in and lists like the memory
// server, but never answers APPEND.
type stuckAppend struct {
	imapserver.Session
	release chan struct{}
}

func (s stuckAppend) Append(string, imap.LiteralReader, *imap.AppendOptions) (*imap.AppendData, error) {
	<-s.release
	return nil, io.EOF
}

// startStuckIMAP runs an IMAP server (TLS from the first byte) that stops
// answering at APPEND.
func startStuckIMAP(t *testing.T, user, password string) int {
	t.Helper()
	mem := imapmemserver.New()
	u := imapmemserver.NewUser(user, password)
	if err := u.Create("Sent", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(u)
	release := make(chan struct{})
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return stuckAppend{Session: mem.NewSession(), release: release}, nil, nil
		},
		Caps:   imap.CapSet{imap.CapIMAP4rev1: {}},
		Logger: log.New(io.Discard, "", 0),
	})
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{newTestCert(t).cert}})
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { close(release); srv.Close() })
	return l.Addr().(*net.TCPAddr).Port
}

// An IMAP server that signs in and then never answers the APPEND of the
// Sent copy is cut off after the timeout; the email is sent.
func TestIMAPServerSilentAtAppend(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 5)
	a := testAccount(srv)
	a.SentCopy, a.IMAPHost, a.IMAPPort, a.IMAPSecurity = true, "127.0.0.1", startStuckIMAP(t, srv.user, srv.password), data.SecuritySSL
	svc := b.service(t, a, srv.password)
	svc.transport.Timeout = 300 * time.Millisecond
	start := time.Now()
	res, err := svc.Deliver(ctx, queueAll(t, b, svc, 5), nil)
	// One timeout for the batch, not one per email (5 x 300 ms).
	if elapsed := time.Since(start); elapsed > 1200*time.Millisecond {
		t.Errorf("the send of 5 emails waited %s for an APPEND never answered (timeout %s)", elapsed, svc.transport.Timeout)
	}
	if err != nil || len(res) != 5 || res[4].State != data.OutboxSent {
		t.Fatalf("deliver: %+v %v", res, err)
	}
	for _, r := range res {
		got, _ := b.store.GetOutboxMessage(ctx, r.ID)
		if !strings.Contains(got.SentCopy, "append to Sent") {
			t.Errorf("message %d sent copy: %q", r.ID, got.SentCopy)
		}
	}
}
