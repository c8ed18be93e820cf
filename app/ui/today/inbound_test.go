package today

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

// inboundCard is the card on screen whose step line starts as prefix
// does, nil when none.
func (b *todayBook) inboundCard(prefix string) *todayItem {
	var found *todayItem
	uitest.Walk(b.u.Win.Content(), nil, func(o, _ fyne.CanvasObject) {
		if it, ok := o.(*todayItem); ok && found == nil && it.card.Visible() && strings.HasPrefix(it.step.Text, prefix) {
			found = it
		}
	})
	return found
}

// sendFromToday sends the reminder of the card naming number, through the
// Send dialog, and returns the email as the outbox keeps it.
func (b *todayBook) sendFromToday(number string) data.OutboxMessage {
	b.T.Helper()
	test.Tap(uitest.FindButton(b.T, b.mustCard(number), lang.L("mail.today.send")))
	test.Tap(uitest.FindButton(b.T, top(b.u), lang.L("mail.send.send")))
	sent, err := b.Store.ListOutbox(b.Ctx, data.OutboxSent)
	if err != nil || len(sent) == 0 {
		b.T.Fatalf("nothing sent: %v", err)
	}
	return sent[len(sent)-1]
}

// TestBouncedReminderIsFixedAndSentAgain: a reminder came back (the
// address does not exist). Today says so in words, with the address; "Fix
// and send again" opens the client's form, and once the address is saved
// the Send dialog drafts the same reminder to the new one, which the
// server receives; the card then leaves Today.
func TestBouncedReminderIsFixedAndSentAgain(t *testing.T) {
	b, srv, inv := mailBook(t)
	om := b.sendFromToday(inv.Number)
	e := data.SentEmail{OutboxID: om.ID, MessageID: om.MessageID, ClientID: inv.ClientID, InvoiceIDs: []int64{inv.ID}}
	if _, err := b.Store.RecordBounce(b.Ctx, e, data.BounceRecord{Reason: "no_such_address",
		Recipient: "compta@boulangerie-vernet.fr", Words: "550 5.1.1 user unknown"}); err != nil {
		t.Fatal(err)
	}
	b.refresh()
	prefix, _, _ := strings.Cut(lang.L("mail.today.bounced", map[string]any{"Subject": "\x00"}), "\x00")
	card := b.inboundCard(prefix)
	if card == nil {
		t.Fatalf("no bounce on Today; sections %q", b.headers())
	}
	if got := b.headers(); got[0] != lang.L("mail.today.section.inbound") {
		t.Errorf("sections %q: what came back comes first", got)
	}
	words := kit.BounceText("no_such_address", "compta@boulangerie-vernet.fr")
	if !strings.Contains(card.invoices.Text, words) || card.warning.Text != lang.L("mail.today.bounced_hint") ||
		card.primary.Text != lang.L("mail.today.bounce_fix") || !card.skip.Visible() ||
		card.skip.Text != lang.L("mail.today.bounce_dismiss") {
		t.Fatalf("card reads %q / %q, buttons %q %q", card.invoices.Text, card.warning.Text, card.primary.Text, card.skip.Text)
	}
	if b.card(inv.Number) != nil {
		t.Error("the bounced reminder is also offered as a step to do before the address is fixed")
	}

	var edited string
	b.u.editClient = func(c data.Client, saved func(data.Client)) {
		edited = c.Name
		c.Email = "paiements@boulangerie-vernet.fr"
		uitest.Must(t, b.Store.UpdateClient(b.Ctx, &c))
		saved(c)
	}
	test.Tap(card.primary)
	if edited != "Boulangerie Vernet" {
		t.Fatalf("the client's form was not opened (%q)", edited)
	}
	dlg := top(b.u)
	to, _ := uitest.FormRow(t, dlg, "mail_to")
	if got := uitest.EntryOf(t, to).Text; got != "paiements@boulangerie-vernet.fr" {
		t.Fatalf("sent again to %q", got)
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("mail.send.send")))
	got := srv.Received()
	if len(got) != 2 || !strings.Contains(got[1], "paiements@boulangerie-vernet.fr") {
		t.Fatalf("the server received %d messages", len(got))
	}
	if b.inboundCard(prefix) != nil {
		t.Error("the bounce is still on Today after sending again")
	}
	if len(b.u.Errors) > 0 {
		t.Errorf("errors: %v", b.u.Errors)
	}
}

// TestClientReplyResumedOrKeptPaused: two replies pause their invoices;
// Today shows each with its invoice and sender. "Read: resume" lets the
// reminders run again; "Keep paused" keeps the pause, saying the reply
// was read; both cards leave Today.
func TestClientReplyResumedOrKeptPaused(t *testing.T) {
	b := newTodayBook(t)
	vernet := b.Client("Boulangerie Vernet", "")
	first := b.Invoice(vernet, "FA-2026-101", "2026-11-20", 50000)
	second := b.Invoice(vernet, "FA-2026-102", "2026-11-20", 70000)
	for i, inv := range []data.Invoice{first, second} {
		e := data.SentEmail{MessageID: "ours", ClientID: vernet.ID, InvoiceIDs: []int64{inv.ID}}
		if _, err := b.Store.RecordReply(b.Ctx, e, data.ReplyRecord{MessageID: []string{"r1@vernet", "r2@vernet"}[i],
			From: "compta@boulangerie-vernet.fr", Subject: "Re: " + inv.Number}); err != nil {
			t.Fatal(err)
		}
	}
	b.refresh()
	prefix, _, _ := strings.Cut(lang.L("mail.today.replied", map[string]any{"Subject": "\x00"}), "\x00")
	var cards []*todayItem
	uitest.Walk(b.u.Win.Content(), nil, func(o, _ fyne.CanvasObject) {
		if it, ok := o.(*todayItem); ok && it.card.Visible() && strings.HasPrefix(it.step.Text, prefix) {
			cards = append(cards, it)
		}
	})
	if len(cards) != 2 || !strings.Contains(cards[0].invoices.Text, "FA-2026-101") ||
		cards[0].contact.Text != "compta@boulangerie-vernet.fr" || cards[0].primary.Text != lang.L("mail.today.reply_resume") ||
		cards[0].skip.Text != lang.L("mail.today.reply_keep") {
		t.Fatalf("%d reply cards; rows %+v", len(cards), b.u.home.rows)
	}
	test.Tap(cards[0].primary)
	if inv, err := b.Store.GetInvoice(b.Ctx, first.ID); err != nil || inv.Paused {
		t.Errorf("FA-2026-101 still paused after \"read: resume\": %+v %v", inv.Paused, err)
	}
	card := b.inboundCard(prefix)
	if card == nil || !strings.Contains(card.invoices.Text, "FA-2026-102") {
		t.Fatalf("the other reply left Today")
	}
	test.Tap(card.skip)
	inv, err := b.Store.GetInvoice(b.Ctx, second.ID)
	if err != nil || !inv.Paused || inv.PauseReason != lang.L("mail.today.reply_kept", map[string]any{"Date": kit.Date(testDay)}) {
		t.Errorf("kept paused: %v %q %v", inv.Paused, inv.PauseReason, err)
	}
	if b.inboundCard(prefix) != nil {
		t.Error("a reply read is still on Today")
	}
}
