package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"log"
	"net"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"relance/data"
)

// startIMAP runs go-imap's in-memory server on 127.0.0.1 with TLS from the
// first byte, with one user who has a Sent folder.
func startIMAP(t *testing.T, user, password string) (addr string, port int) {
	t.Helper()
	mem := imapmemserver.New()
	u := imapmemserver.NewUser(user, password)
	for _, name := range []string{"INBOX", "Sent"} {
		if err := u.Create(name, nil); err != nil {
			t.Fatal(err)
		}
	}
	mem.AddUser(u)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:   imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		Logger: log.New(io.Discard, "", 0),
	})
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{newTestCert(t).cert}})
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l.Addr().String(), l.Addr().(*net.TCPAddr).Port
}

func TestSentCopyGoesToTheIMAPSentFolder(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	addr, port := startIMAP(t, srv.user, srv.password)
	b := newBook(t, 1)
	a := testAccount(srv)
	a.SentCopy, a.IMAPHost, a.IMAPPort, a.IMAPSecurity = true, "127.0.0.1", port, data.SecuritySSL
	svc := b.service(t, a, srv.password)
	if err := svc.TestAccount(ctx, &a, Credentials{Password: srv.password}); err != nil {
		t.Fatalf("test connection with the Sent copy: %v", err)
	}
	om, err := svc.Queue(ctx, b.message(0))
	if err != nil {
		t.Fatal(err)
	}
	if res, err := svc.Deliver(ctx, []int64{om.ID}, nil); err != nil || res[0].State != data.OutboxSent {
		t.Fatalf("deliver %+v %v", res, err)
	}
	got, _ := b.store.GetOutboxMessage(ctx, om.ID)
	if got.SentCopy != "done" {
		t.Fatalf("sent copy: %q", got.SentCopy)
	}
	body := fetchSent(t, addr, srv.user, srv.password)
	if !bytes.Contains(body, []byte("Message-Id: <"+om.MessageID+">")) && !bytes.Contains(body, []byte("Message-ID: <"+om.MessageID+">")) {
		t.Fatalf("the Sent folder holds another message:\n%.400s", body)
	}

	// A wrong IMAP password fails the copy, never the send.
	b2 := newBook(t, 1)
	svc2 := b2.service(t, a, srv.password)
	if err := svc2.TestAccount(ctx, &a, Credentials{Password: "faux"}); CauseOf(err) != CauseAuth {
		t.Fatalf("wrong password: %v", err)
	}
	a.IMAPFolder = "Nowhere"
	if err := b2.store.UpdateMailAccount(ctx, &a); err != nil {
		t.Fatal(err)
	}
	om2, _ := svc2.Queue(ctx, b2.message(0))
	if res, _ := svc2.Deliver(ctx, []int64{om2.ID}, nil); res[0].State != data.OutboxSent {
		t.Fatalf("a failed Sent copy failed the send: %+v", res)
	}
	if got, _ := b2.store.GetOutboxMessage(ctx, om2.ID); got.SentCopy == "done" || !strings.Contains(got.SentCopy, "Nowhere") {
		t.Fatalf("a copy to a missing folder: %q", got.SentCopy)
	}
}

// fetchSent reads the first message of the Sent folder.
func fetchSent(t *testing.T, addr, user, password string) []byte {
	t.Helper()
	c, err := imapclient.DialTLS(addr, &imapclient.Options{TLSConfig: &tls.Config{RootCAs: newTestCert(t).pool}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(user, password).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Select("Sent", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	section := &imap.FetchItemBodySection{}
	msgs, err := c.Fetch(imap.SeqSetNum(1), &imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil || len(msgs) != 1 {
		t.Fatalf("fetch: %d messages, %v", len(msgs), err)
	}
	return msgs[0].FindBodySection(section)
}

// TestSendNowCopiesToSent: an email sent at once (the open items to the
// accountant) lands in the Sent folder as a reminder does.
func TestSendNowCopiesToSent(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	addr, port := startIMAP(t, srv.user, srv.password)
	b := newBook(t, 0)
	a := testAccount(srv)
	a.SentCopy, a.IMAPHost, a.IMAPPort, a.IMAPSecurity = true, "127.0.0.1", port, data.SecuritySSL
	svc := b.service(t, a, srv.password)
	if _, err := svc.SendNow(ctx, Message{To: []string{"cabinet@exemple.fr"}, Subject: "Encours au 7 décembre", Text: "Ci-joint."}); err != nil {
		t.Fatal(err)
	}
	if body := fetchSent(t, addr, srv.user, srv.password); !bytes.Contains(body, []byte("cabinet@exemple.fr")) {
		t.Fatalf("the Sent folder holds another message:\n%.400s", body)
	}
}
