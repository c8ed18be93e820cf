package today

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/dunning"
	"relance/app/mail"
	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

// cardWith is the first visible Today card whose primary button reads text.
func cardWith(b *todayBook, text string) *todayItem {
	var card *todayItem
	uitest.Walk(b.u.Win.Content(), nil, func(o, _ fyne.CanvasObject) {
		if it, ok := o.(*todayItem); ok && card == nil && it.card.Visible() && it.primary.Text == text {
			card = it
		}
	})
	return card
}

// sendableGroups are the groups Today offers to send.
func sendableGroups(b *todayBook) []dunning.Group {
	var out []dunning.Group
	for _, r := range b.u.home.rows {
		if r.sendable {
			out = append(out, r.group)
		}
	}
	return out
}

// A refused sign-in puts the batch on hold: one card for all the emails,
// not a failure card each; its one action fixes the account and sends
// them again.
func TestHeldMailsShowOnceWithOneAction(t *testing.T) {
	b, srv, inv := mailBook(t)
	other := b.Invoice(b.Client("Garage Martin", ""), "FA-2026-043", "2026-11-20", 54000)
	b.Done(other, "pre_due")
	b.refresh()
	a, _ := b.Store.GetMailAccount(b.Ctx)
	secrets := b.u.mail.Service().Secrets()
	secrets.Set(mail.SecretPassword, &a, "ancien mot de passe")
	b.u.mail.SendBatch(sendableGroups(b))
	if len(srv.Received()) != 0 {
		t.Fatal("sent with a wrong password")
	}
	b.refresh()
	card := cardWith(b, lang.L("mail.held.action"))
	if card == nil {
		t.Fatalf("no card for the emails on hold; sections %q", b.headers())
	}
	if want := lang.N("mail.held.title", 2, map[string]any{"Count": 2}); card.name.Text != want && card.link.Text != want {
		t.Errorf("held card title %q / %q, want %q", card.name.Text, card.link.Text, want)
	}
	if !strings.Contains(card.warning.Text, "535") {
		t.Errorf("the card does not say why: %q", card.warning.Text)
	}
	if c := cardWith(b, lang.L("mail.today.review")); c != nil {
		t.Errorf("a held email also has its own failure card: %q", c.step.Text)
	}
	if failed, _ := b.Store.ListOutbox(b.Ctx, data.OutboxFailed); len(failed) != 0 {
		t.Errorf("%d emails marked failed for a wrong password", len(failed))
	}
	test.Tap(card.primary)
	dlg := top(b.u)
	secrets.Set(mail.SecretPassword, &a, uitest.MailPassword) // the owner fixes the account
	test.Tap(uitest.FindButton(t, dlg, lang.L("mail.held.send_again")))
	if got := len(srv.Received()); got != 2 {
		t.Fatalf("after the fix the server received %d emails, want 2", got)
	}
	if cardWith(b, lang.L("mail.held.action")) != nil || b.card(inv.Number) != nil {
		t.Error("the emails sent are still on Today")
	}
}

// The held card's other way out opens the account's settings.
func TestHeldMailsOpenTheAccountSettings(t *testing.T) {
	b, _, _ := mailBook(t)
	a, _ := b.Store.GetMailAccount(b.Ctx)
	b.u.mail.Service().Secrets().Set(mail.SecretPassword, &a, "faux")
	b.u.mail.SendBatch(sendableGroups(b))
	b.refresh()
	card := cardWith(b, lang.L("mail.held.action"))
	if card == nil {
		t.Fatal("no held card")
	}
	test.Tap(card.primary)
	test.Tap(uitest.FindButton(t, top(b.u), lang.L("mail.held.settings")))
	if b.u.mailSettings != 1 {
		t.Fatalf("the Email settings were asked for %d times", b.u.mailSettings)
	}
}

// An email left in the outbox for longer than the setting is put to check
// on Today, saying since when, instead of going out.
func TestStaleMailIsShownToCheck(t *testing.T) {
	b, srv, _ := mailBook(t)
	g := sendableGroups(b)[0]
	svc := b.u.mail.Service()
	om, err := svc.Queue(b.Ctx, mail.MessageFor(g, mail.Draft{To: []string{"compta@vernet.fr"}, Subject: "Relance", Text: "Bonjour"}))
	if err != nil {
		t.Fatal(err)
	}
	later := mail.NewService(b.Store.Using(data.FixedClock{At: b.Store.Now().Add(3 * 24 * time.Hour)}), b.u.Archive(),
		svc.Secrets(), svc.Transport())
	if res, _ := later.Deliver(b.Ctx, []int64{om.ID}, nil); len(res) != 1 || res[0].State != data.OutboxFailed {
		t.Fatalf("deliver three days later: %+v", res)
	}
	if len(srv.Received()) != 0 {
		t.Fatal("an email queued three days ago was sent")
	}
	b.refresh()
	card := cardWith(b, lang.L("mail.today.review"))
	want := lang.L("mail.today.stale", map[string]any{"When": kit.MailWhen(om.QueuedAt)})
	if card == nil || card.invoices.Text != want || card.warning.Text != lang.L("mail.cause.stale") {
		t.Fatalf("no card to check saying since when (want %q); sections %q", want, b.headers())
	}
}

// While a call's task says the client's contact has left, Send waits for
// the owner to say the contact is right (or to fix it).
func TestSendWaitsWhenTheContactLeft(t *testing.T) {
	b, srv, inv := mailBook(t)
	task := data.Task{ClientID: inv.ClientID, Kind: data.TaskFixContact, Note: "Mme Roy est partie"}
	if err := b.Store.CreateTask(b.Ctx, &task); err != nil {
		t.Fatal(err)
	}
	test.Tap(uitest.FindButton(t, b.mustCard(inv.Number), lang.L("mail.today.send")))
	dlg := top(b.u)
	if !uitest.LabelContains(dlg, "Mme Roy est partie") {
		t.Fatal("the send dialog does not say the contact left")
	}
	send := uitest.FindButton(t, dlg, lang.L("mail.send.send"))
	if !send.Disabled() {
		t.Fatal("Send is enabled while the contact is to check")
	}
	test.Tap(send)
	if len(srv.Received()) != 0 {
		t.Fatal("sent to a contact who left")
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("mail.contact.right")))
	if send.Disabled() {
		t.Fatal("Send still disabled after the owner confirmed the contact")
	}
	if open, _ := b.Store.ListOpenTasks(b.Ctx); len(open) != 0 {
		t.Errorf("the contact task is still open: %+v", open)
	}
	test.Tap(send)
	if len(srv.Received()) != 1 {
		t.Fatalf("after confirming, the server received %d", len(srv.Received()))
	}
}

// Fixing the contact from the send dialog redrafts the email to the new
// address.
func TestSendAfterFixingTheContact(t *testing.T) {
	b, srv, inv := mailBook(t)
	task := data.Task{ClientID: inv.ClientID, Kind: data.TaskFixContact}
	if err := b.Store.CreateTask(b.Ctx, &task); err != nil {
		t.Fatal(err)
	}
	test.Tap(uitest.FindButton(t, b.mustCard(inv.Number), lang.L("mail.today.send")))
	// The window's client form, played: the owner types the new address
	// and saves.
	b.u.editClient = func(c data.Client, saved func(data.Client)) {
		c.Email = "nouvelle.compta@vernet.fr"
		uitest.Must(t, b.Store.UpdateClient(b.Ctx, &c))
		saved(c)
	}
	test.Tap(uitest.FindButton(t, top(b.u), lang.L("mail.contact.edit")))
	dlg := top(b.u)
	to, _ := uitest.FormRow(t, dlg, "mail_to")
	if got := uitest.EntryOf(t, to).Text; got != "nouvelle.compta@vernet.fr" {
		t.Fatalf("redrafted to %q", got)
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("mail.send.send")))
	if got := srv.Received(); len(got) != 1 || !strings.Contains(got[0], "nouvelle.compta@vernet.fr") {
		t.Fatalf("the server received %d", len(got))
	}
}

// A batch leaves out the client whose contact is to check, and says why.
func TestBatchSkipsAClientWhoseContactLeft(t *testing.T) {
	b, srv, inv := mailBook(t)
	if err := b.Store.CreateTask(b.Ctx, &data.Task{ClientID: inv.ClientID, Kind: data.TaskFixContact}); err != nil {
		t.Fatal(err)
	}
	b.u.mail.SendBatch(sendableGroups(b))
	if len(srv.Received()) != 0 {
		t.Fatal("the batch wrote to a contact who left")
	}
	if !uitest.LabelContains(top(b.u), lang.L("mail.contact.batch")) {
		t.Error("the batch does not say why it left the email out")
	}
}
