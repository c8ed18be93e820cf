package mail

import (
	"context"
	"crypto/tls"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"relance/data"
)

// dialInbox signs in to the test IMAP server as the user.
func dialInbox(t *testing.T, addr, user, password string) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialTLS(addr, &imapclient.Options{TLSConfig: &tls.Config{RootCAs: newTestCert(t).pool,
		ServerName: "127.0.0.1"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Login(user, password).Wait(); err != nil {
		c.Close()
		t.Fatal(err)
	}
	return c
}

// deliverToInbox puts messages in the user's inbox, as their provider
// does when mail comes in.
func deliverToInbox(t *testing.T, addr, user, password string, messages ...[]byte) {
	t.Helper()
	c := dialInbox(t, addr, user, password)
	defer c.Close()
	for _, raw := range messages {
		cmd := c.Append("INBOX", int64(len(raw)), &imap.AppendOptions{Time: time.Now()})
		if _, err := cmd.Write(raw); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := cmd.Wait(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReadInboxFindsBouncesAndRepliesOnce reads an IMAP inbox holding a
// bounce, a reply and an advert, then, from the mark it gave, only what
// came after; the messages stay unread.
func TestReadInboxFindsBouncesAndRepliesOnce(t *testing.T) {
	ctx := context.Background()
	const user, password = "moi@atelier-dupont.fr", "mot de passe"
	addr, port := startIMAP(t, user, password)
	read := func(name string) []byte {
		raw, err := os.ReadFile(filepath.Join("testdata", "bounces", name))
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	deliverToInbox(t, addr, user, password, read("postfix.eml"), read("reply.eml"),
		[]byte("From: promo@shop.example\r\nSubject: Soldes\r\nMessage-ID: <p1@shop.example>\r\n\r\n-50 %"))
	a := data.MailAccount{FromAddress: user, Username: user, Auth: data.AuthAuto, IMAPHost: "127.0.0.1", IMAPPort: port,
		IMAPSecurity: data.SecuritySSL}
	tr := testTransport(t)
	creds := Credentials{Password: password}

	found, mark, err := tr.ReadInbox(ctx, &a, creds, InboxMark{})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 3 || found[0].Kind != InboundBounce || found[1].Kind != InboundReply || found[2].Kind != InboundOther {
		t.Fatalf("first look: %+v", found)
	}
	if found[0].Bounce.MessageID != "relance.42.abc@atelier-dupont.fr" || mark.LastUID != 3 || mark.Validity == 0 {
		t.Errorf("bounce %+v, mark %+v", found[0].Bounce, mark)
	}

	again, mark2, err := tr.ReadInbox(ctx, &a, creds, mark)
	if err != nil || len(again) != 0 || mark2 != mark {
		t.Fatalf("second look with nothing new: %+v, %+v, %v", again, mark2, err)
	}
	deliverToInbox(t, addr, user, password, read("exchange.eml"))
	later, mark3, err := tr.ReadInbox(ctx, &a, creds, mark2)
	if err != nil || len(later) != 1 || later[0].Bounce.Reason != BounceMailboxFull || mark3.LastUID != 4 {
		t.Fatalf("after a new bounce: %+v, %+v, %v", later, mark3, err)
	}
	// Nothing was marked read.
	c := dialInbox(t, addr, user, password)
	defer c.Close()
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	unseen, err := c.UIDSearch(&imap.SearchCriteria{NotFlag: []imap.Flag{imap.FlagSeen}}, nil).Wait()
	if err != nil || len(unseen.AllUIDs()) != 4 {
		t.Errorf("unread after reading: %v, %v", unseen, err)
	}
}

// TestReadInboxFirstLookIsBounded: a mailbox of years of mail is read, the
// first time, from its newest maxInboxMessages only.
func TestReadInboxFirstLookIsBounded(t *testing.T) {
	const user, password = "moi@atelier-dupont.fr", "mot de passe"
	addr, port := startIMAP(t, user, password)
	var many [][]byte
	for i := range maxInboxMessages + 5 {
		many = append(many, []byte(fmt.Sprintf("From: a@example.fr\r\nSubject: n%d\r\nMessage-ID: <n%d@example.fr>\r\n\r\nx", i, i)))
	}
	deliverToInbox(t, addr, user, password, many...)
	a := data.MailAccount{FromAddress: user, Username: user, Auth: data.AuthAuto, IMAPHost: "127.0.0.1", IMAPPort: port,
		IMAPSecurity: data.SecuritySSL}
	found, mark, err := testTransport(t).ReadInbox(context.Background(), &a, Credentials{Password: password}, InboxMark{})
	if err != nil || len(found) != maxInboxMessages || found[0].Subject != "n5" || mark.LastUID != maxInboxMessages+5 {
		t.Fatalf("%d read, the first %q, mark %+v, %v", len(found), found[0].Subject, mark, err)
	}
}
