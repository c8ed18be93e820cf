package mail

import (
	"context"
	"testing"

	"relance/app/mail/maillab"
	"relance/app/oauth"
	"relance/app/oauth/oauthtest"
	"relance/data"
)

// TestMailLabRoundTrip runs the whole provider side against the
// developers' mail lab: sign in with "Microsoft" in the browser, send a
// reminder over SMTP with the token, then read the inbox over IMAP with
// the token (XOAUTH2 on both): the bounce and the reply the lab dropped are
// recorded, the reply pausing its invoice.
func TestMailLabRoundTrip(t *testing.T) {
	ctx := context.Background()
	lab, err := maillab.Start("moi@atelier-dupont.fr")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(lab.Close)
	t.Setenv(oauth.ServerVar, lab.OAuth.URL())
	b := newBook(t, 2)
	a := data.MailAccount{FromName: "Atelier Dupont", FromAddress: lab.User, Username: lab.User, Host: "127.0.0.1",
		Port: lab.SMTPPort, Security: data.SecurityNone, AllowPlaintext: true, IMAPHost: "127.0.0.1", IMAPPort: lab.IMAPPort,
		IMAPSecurity: data.SecurityNone, OAuthProvider: data.OAuthMicrosoft, OAuthClientID: oauthtest.ClientID}
	svc := b.service(t, a, "")
	browser := &oauthtest.Browser{T: t}
	if _, err := svc.SignIn(ctx, &a, oauth.Page{Title: "Relance", Done: "ok", Failed: "ko"}, browser.Open); err != nil {
		t.Fatalf("sign in: %v", err)
	}
	for i := range 2 {
		om, err := svc.Queue(ctx, b.message(i))
		if err != nil {
			t.Fatal(err)
		}
		if r, err := svc.Deliver(ctx, []int64{om.ID}, nil); err != nil || r[0].State != data.OutboxSent {
			t.Fatalf("send %d: %+v, %v", i, r, err)
		}
		// The first email bounces, the second is answered.
		if i == 0 {
			if _, err := lab.DropBounce(); err != nil {
				t.Fatal(err)
			}
		} else if _, err := lab.DropReply("Le virement part demain."); err != nil {
			t.Fatal(err)
		}
	}
	if got := lab.Sent(); len(got) != 2 {
		t.Fatalf("the lab received %d emails", len(got))
	}
	report, err := svc.CheckInbox(ctx)
	if err != nil || report.Read != 2 || report.Bounces != 1 || report.Replies != 1 {
		t.Fatalf("inbox: %+v, %v", report, err)
	}
	bounces, err := b.store.ListOpenBounces(ctx)
	if err != nil || len(bounces) != 1 || bounces[0].Reason != string(BounceNoSuchAddress) ||
		bounces[0].Recipient != b.client.Email {
		t.Fatalf("bounces: %+v, %v", bounces, err)
	}
	inv, err := b.store.GetInvoice(ctx, b.invoices[1].ID)
	if err != nil || !inv.Paused || inv.PauseReason != data.PauseClientReplied {
		t.Fatalf("the invoice answered about: %+v, %v", inv, err)
	}
}
