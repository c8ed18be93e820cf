package mail

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"relance/data"
)

// inboxBook is a book of two invoices whose account sends through a local
// SMTP server and reads the inbox of a local IMAP server (at addr).
func inboxBook(t *testing.T) (srv *smtpServer, addr string, b *book, svc *Service) {
	t.Helper()
	srv = startSMTP(t, serverOptions{})
	addr, port := startIMAP(t, srv.user, srv.password)
	b = newBook(t, 2)
	a := testAccount(srv)
	a.IMAPHost, a.IMAPPort, a.IMAPSecurity = "127.0.0.1", port, data.SecuritySSL
	return srv, addr, b, b.service(t, a, srv.password)
}

// TestCheckInboxRecordsBouncesAndReplies sends two reminders, then finds
// in the IMAP inbox a bounce of the first, a reply to the second and an
// out-of-office: the first email is marked bounced and its invoice's
// timeline says so; the reply is on the second invoice's timeline and
// pauses it; the out-of-office pauses nothing; a second look records
// nothing again.
func TestCheckInboxRecordsBouncesAndReplies(t *testing.T) {
	ctx := context.Background()
	srv, addr, b, svc := inboxBook(t)
	var sent []data.OutboxMessage
	for i := range 2 {
		om, err := svc.Queue(ctx, b.message(i))
		if err != nil {
			t.Fatal(err)
		}
		if r, err := svc.Deliver(ctx, []int64{om.ID}, nil); err != nil || r[0].State != data.OutboxSent {
			t.Fatalf("send: %+v, %v", r, err)
		}
		sent = append(sent, om)
	}
	bounce, err := os.ReadFile(filepath.Join("testdata", "bounces", "postfix.eml"))
	if err != nil {
		t.Fatal(err)
	}
	bounce = bytes.ReplaceAll(bounce, []byte("relance.42.abc@atelier-dupont.fr"), []byte(sent[0].MessageID))
	reply := []byte("From: Boulangerie Vernet <compta@vernet.fr>\r\nSubject: Re: " + sent[1].Subject +
		"\r\nMessage-ID: <r1@vernet.fr>\r\nIn-Reply-To: <" + sent[1].MessageID + ">\r\n\r\nLe virement part demain.")
	away := []byte("From: gerant@vernet.fr\r\nSubject: Absence\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <a1@vernet.fr>" +
		"\r\nIn-Reply-To: <" + sent[1].MessageID + ">\r\n\r\nDe retour lundi.")
	deliverToInbox(t, addr, srv.user, srv.password, bounce, reply, away)

	report, err := svc.CheckInbox(ctx)
	if err != nil || report.Read != 3 || report.Bounces != 1 || report.Replies != 1 || report.AutoReplies != 1 {
		t.Fatalf("first look: %+v, %v", report, err)
	}
	events := func(invoice int64, kind data.EventKind) []data.Event {
		list, err := b.store.ListEventsByInvoice(ctx, invoice)
		if err != nil {
			t.Fatal(err)
		}
		var out []data.Event
		for _, e := range list {
			if e.Kind == kind {
				out = append(out, e)
			}
		}
		return out
	}
	if got := events(b.invoices[0].ID, data.EventEmailBounced); len(got) != 1 || got[0].Params["recipient"] != "compta@vernet.fr" ||
		got[0].Params["reason"] != string(BounceNoSuchAddress) {
		t.Errorf("bounce on the timeline: %+v", got)
	}
	if got := events(b.invoices[1].ID, data.EventClientReplied); len(got) != 1 || got[0].Params["from"] != "compta@vernet.fr" {
		t.Errorf("reply on the timeline: %+v", got)
	}
	inv, err := b.store.GetInvoice(ctx, b.invoices[1].ID)
	if err != nil || !inv.Paused || inv.PauseReason != data.PauseClientReplied {
		t.Errorf("the invoice replied about is not paused: %+v, %v", inv, err)
	}
	if inv, _ := b.store.GetInvoice(ctx, b.invoices[0].ID); inv.Paused {
		t.Error("the bounced invoice was paused")
	}

	again, err := svc.CheckInbox(ctx)
	if err != nil || again.Read != 0 || again.Bounces != 0 || again.Replies != 0 {
		t.Errorf("second look: %+v, %v", again, err)
	}
	if state, _ := b.store.GetState(ctx, InboxReportKey); state == "" {
		t.Error("no report kept for Settings")
	}
}

// TestCheckInboxFindsAReplyByInvoiceNumber reads messages that answer
// none of our emails: the client writing from its copy address about
// FA-2026-0002 by number is a reply that pauses that invoice alone;
// someone else naming the same number, and the client naming an invoice
// it does not have (FA-2026-00021), pause nothing.
func TestCheckInboxFindsAReplyByInvoiceNumber(t *testing.T) {
	ctx := context.Background()
	srv, addr, b, svc := inboxBook(t)
	fromClient := []byte("From: Gérant <Gerant@Vernet.fr>\r\nSubject: Facture FA-2026-0002 : une question\r\n" +
		"Message-ID: <q1@vernet.fr>\r\n\r\nLe montant ne correspond pas au devis.")
	fromStranger := []byte("From: autre@ailleurs.fr\r\nSubject: Re: FA-2026-0001\r\nMessage-ID: <q2@ailleurs.fr>\r\n\r\nBonjour")
	longer := []byte("From: compta@vernet.fr\r\nSubject: FA-2026-00021\r\nMessage-ID: <q3@vernet.fr>\r\n\r\nBonjour")
	deliverToInbox(t, addr, srv.user, srv.password, fromClient, fromStranger, longer)

	report, err := svc.CheckInbox(ctx)
	if err != nil || report.Read != 3 || report.Replies != 1 {
		t.Fatalf("look: %+v, %v", report, err)
	}
	for i, want := range []bool{false, true} {
		inv, err := b.store.GetInvoice(ctx, b.invoices[i].ID)
		if err != nil || inv.Paused != want {
			t.Errorf("%s paused %v, want %v (%v)", inv.Number, inv.Paused, want, err)
		}
	}
	replies, err := b.store.ListClientReplies(ctx)
	if err != nil || len(replies) != 1 || replies[0].From != "Gerant@Vernet.fr" || len(replies[0].Numbers) != 1 ||
		replies[0].Numbers[0] != "FA-2026-0002" || replies[0].Subject != "Facture FA-2026-0002 : une question" {
		t.Fatalf("replies waiting: %+v, %v", replies, err)
	}
}
