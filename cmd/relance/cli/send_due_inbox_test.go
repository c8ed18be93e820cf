package cli

import (
	"context"
	"io"
	"log"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"relance/data"
)

// TestSendDueReadsTheInbox: after its run, send-due reads the inbox; a
// client's reply to the reminder it sent is recorded (the invoice paused)
// and said in one line.
func TestSendDueReadsTheInbox(t *testing.T) {
	srv := startSink(t)
	dir := autoBook(t, srv)
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("", "") // the account signs in with no user name, as autoBook's SMTP
	if err := user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(user)
	imapSrv := imapserver.New(&imapserver.Options{InsecureAuth: true, Logger: log.New(io.Discard, "", 0),
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		}, Caps: imap.CapSet{imap.CapIMAP4rev1: {}}})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go imapSrv.Serve(l)
	t.Cleanup(func() { imapSrv.Close() })
	editBook(t, dir, func(ctx context.Context, store *data.Store) {
		a, _ := store.GetMailAccount(ctx)
		a.IMAPHost, a.IMAPPort, a.IMAPSecurity = "127.0.0.1", l.Addr().(*net.TCPAddr).Port, data.SecurityNone
		if err := store.UpdateMailAccount(ctx, &a); err != nil {
			t.Fatal(err)
		}
	})
	if code, out, errOut := runCLI(t, "send-due", "--data", dir); code != 0 || srv.count() != 1 {
		t.Fatalf("send-due: %d %q %q", code, out, errOut)
	}
	var sent data.OutboxMessage
	editBook(t, dir, func(ctx context.Context, store *data.Store) {
		list, _ := store.ListOutbox(ctx, data.OutboxSent)
		if len(list) != 1 {
			t.Fatalf("%d emails sent", len(list))
		}
		sent = list[0]
	})
	c, err := imapclient.DialInsecure(l.Addr().String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login("", "").Wait(); err != nil {
		t.Fatal(err)
	}
	reply := []byte("From: compta@vernet.fr\r\nSubject: Re: " + sent.Subject + "\r\nMessage-ID: <r@vernet.fr>\r\nIn-Reply-To: <" +
		sent.MessageID + ">\r\n\r\nLe virement part demain.")
	cmd := c.Append("INBOX", int64(len(reply)), &imap.AppendOptions{Time: time.Now()})
	if _, err := cmd.Write(reply); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := runCLI(t, "send-due", "--data", dir)
	want := inboxLine(0, 1)
	if !strings.Contains(want, say.T.N("cli.send_due.inbox_replies", 1, map[string]any{"Count": 1})) {
		t.Fatalf("the line %q does not count one reply", want)
	}
	if code != 0 || !strings.Contains(out, want) || errOut != "" {
		t.Fatalf("second run: %d %q %q, want the line %q", code, out, errOut, want)
	}
	editBook(t, dir, func(ctx context.Context, store *data.Store) {
		inv, err := store.GetInvoiceByNumber(ctx, "FA-2026-0077")
		if err != nil || !inv.Paused || inv.PauseReason != data.PauseClientReplied {
			t.Errorf("the invoice replied about: %+v, %v", inv, err)
		}
	})
}
