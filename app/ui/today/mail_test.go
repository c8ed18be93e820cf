package today

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/mail"
	"relance/app/ui/kit"
	"relance/app/ui/mailui"
	"relance/app/ui/uitest"
	"relance/data"
)

// useMailServer sets up the book's mail account on srv (unencrypted, with
// the owner's consent), its password in the mock keychain, and a mail
// service with a short timeout.
func useMailServer(t *testing.T, u *todayUI, srv *uitest.MailServer) data.MailAccount {
	t.Helper()
	svc, a := srv.MailService(t, u.Store(), u.DataDir())
	useMailService(u, svc)
	return a
}

// useMailService makes svc the outbox of the window and of its mailer.
func useMailService(u *todayUI, svc *mail.Service) {
	u.mail.Stop()
	u.Services.Mail = svc
	u.mail = mailui.New(u, svc, u.Services.Composer)
}

// mailBook is a Today book whose client has an overdue invoice with its
// PDF, and a mail account on a local server.
func mailBook(t *testing.T) (*todayBook, *uitest.MailServer, data.Invoice) {
	t.Helper()
	b := newTodayBook(t)
	srv := uitest.StartMailServer(t)
	useMailServer(t, b.u, srv)
	c := b.Client("Boulangerie Vernet", "")
	inv := b.Invoice(c, "FA-2026-042", "2026-11-20", 125050)
	b.Done(inv, "pre_due")
	rel := "attachments/FA-2026-042.pdf"
	full := filepath.Join(b.u.DataDir(), filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte("%PDF-1.4 facture\n%%EOF\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	inv.Attachment = rel
	if err := b.Store.UpdateInvoice(b.Ctx, &inv); err != nil {
		t.Fatal(err)
	}
	b.refresh()
	return b, srv, inv
}

func TestSendReminderFromToday(t *testing.T) {
	b, srv, inv := mailBook(t)
	card := b.mustCard(inv.Number)
	test.Tap(uitest.FindButton(t, card, lang.L("mail.today.send")))
	dlg := top(b.u)
	to, _ := uitest.FormRow(t, dlg, "mail_to")
	subject, _ := uitest.FormRow(t, dlg, "mail_subject")
	if uitest.EntryOf(t, to).Text != "compta@boulangerie-vernet.fr" || !strings.Contains(uitest.EntryOf(t, subject).Text, inv.Number) {
		t.Fatalf("dialog drafted to %q subject %q", uitest.EntryOf(t, to).Text, uitest.EntryOf(t, subject).Text)
	}
	var attach *widget.Check
	uitest.Walk(dlg, nil, func(o, _ fyne.CanvasObject) {
		if c, ok := uitest.AsCheck(o); ok && strings.Contains(c.Text, "FA-2026-042.pdf") {
			attach = c
		}
	})
	if attach == nil || !attach.Checked {
		t.Fatal("the invoice PDF is not offered as an attachment")
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("mail.send.send")))
	got := srv.Received()
	if len(got) != 1 || !strings.Contains(got[0], `filename="FA-2026-042.pdf"`) || !strings.Contains(got[0], "compta@boulangerie-vernet.fr") {
		t.Fatalf("the server received %d messages", len(got))
	}
	if top(b.u) == dlg {
		t.Error("the dialog stayed open after sending")
	}
	actions := b.Actions(inv)
	last := actions[len(actions)-1]
	if last.StepID != b.Steps["reminder_1"].ID || !strings.HasPrefix(last.File, "mail/2026/") || !strings.HasSuffix(last.File, ".eml") {
		t.Fatalf("the step was recorded as %+v", last)
	}
	if _, err := os.Stat(filepath.Join(b.u.DataDir(), filepath.FromSlash(last.File))); err != nil {
		t.Fatalf("the archived message is missing: %v", err)
	}
	if b.card(inv.Number) != nil {
		t.Error("the reminder sent is still on Today")
	}
}

func TestRefusedMailShowsOnTodayAndCanBeDiscarded(t *testing.T) {
	b, srv, inv := mailBook(t)
	srv.SetRefuse(true)
	g := b.u.home.rows[1].group
	b.u.mail.SendBatch([]dunning.Group{g})
	var card *todayItem
	uitest.Walk(b.u.Win.Content(), nil, func(o, _ fyne.CanvasObject) {
		if it, ok := o.(*todayItem); ok && card == nil && it.card.Visible() && it.primary.Text == lang.L("mail.today.review") {
			card = it
		}
	})
	if card == nil {
		t.Fatalf("no failure card on Today; sections %q", b.headers())
	}
	if got := b.headers(); got[0] != lang.L("mail.today.section.failures") {
		t.Errorf("sections %q: failures come first", got)
	}
	if !strings.Contains(card.warning.Text, "550") || !strings.Contains(card.warning.Text, "Adresse inconnue") {
		t.Errorf("the card does not give the server's words: %q", card.warning.Text)
	}
	if b.card(inv.Number) != nil && b.card(inv.Number) != card {
		t.Error("the step whose email failed is also proposed as a step to do")
	}
	test.Tap(card.primary)
	test.Tap(uitest.FindButton(t, top(b.u), lang.L("mail.review.discard")))
	if c := b.mustCard(inv.Number); c.primary.Text != lang.L("today.action.sent_myself") {
		t.Errorf("after discarding, the reminder is back as a step to do: %q", c.primary.Text)
	}
}

func TestInterruptedMailIsShownNotResent(t *testing.T) {
	b, srv, inv := mailBook(t)
	g := b.u.home.rows[1].group
	om, err := b.u.mail.Service().Queue(b.Ctx, mail.MessageFor(g, mail.Draft{To: []string{"compta@vernet.fr"}, Subject: "Relance", Text: "Bonjour"}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Store.ClaimOutboxMessage(b.Ctx, om.ID, "a-run-that-died"); err != nil {
		t.Fatal(err)
	}
	b.refresh()
	if len(srv.Received()) != 0 {
		t.Fatal("an interrupted message was resent")
	}
	var card *todayItem
	uitest.Walk(b.u.Win.Content(), nil, func(o, _ fyne.CanvasObject) {
		if it, ok := o.(*todayItem); ok && card == nil && it.card.Visible() &&
			strings.HasPrefix(it.invoices.Text, strings.Split(lang.L("mail.today.interrupted", map[string]any{"When": ""}), " ")[0]) {
			card = it
		}
	})
	if card == nil {
		t.Fatalf("no interrupted card; rows %+v", b.u.home.rows)
	}
	test.Tap(card.primary)
	test.Tap(uitest.FindButton(t, top(b.u), lang.L("mail.review.was_sent")))
	var done bool
	for _, a := range b.Actions(inv) {
		done = done || (a.StepID == b.Steps["reminder_1"].ID && a.File == om.EML)
	}
	if !done || len(srv.Received()) != 0 {
		t.Fatalf("confirming: recorded %v, server got %d", done, len(srv.Received()))
	}
}

func TestDemoBookSendsOnlyToTheOwner(t *testing.T) {
	b, srv, _ := mailBook(t)
	if err := b.Store.SetState(b.Ctx, mail.DemoStateKey, "1"); err != nil {
		t.Fatal(err)
	}
	test.Tap(uitest.FindButton(t, b.mustCard("FA-2026-042"), lang.L("mail.today.send")))
	dlg := top(b.u)
	uitest.Fill(t, dlg, "mail_own", "moi@atelier-dupont.fr")
	test.Tap(uitest.FindButton(t, dlg, lang.L("mail.send.send")))
	if got := uitest.FieldError(t, dlg, "mail_own"); got != lang.L("error.mail_own") || len(srv.Received()) != 0 {
		t.Fatalf("sent without the owner's confirmation: error %q, %d received", got, len(srv.Received()))
	}
	var confirm *widget.Check
	uitest.Walk(dlg, nil, func(o, _ fyne.CanvasObject) {
		if c, ok := uitest.AsCheck(o); ok && c.Text == lang.L("mail.send.demo_confirm") {
			confirm = c
		}
	})
	test.Tap(confirm)
	test.Tap(uitest.FindButton(t, dlg, lang.L("mail.send.send")))
	got := srv.Received()
	if len(got) != 1 || !strings.Contains(got[0], "To: <moi@atelier-dupont.fr>") || strings.Contains(got[0], "compta@boulangerie-vernet.fr") {
		t.Fatalf("the demo mail went to %d messages: %.300s", len(got), strings.Join(got, ""))
	}
}

func TestMailCausesAreExplained(t *testing.T) {
	uitest.LoadTranslations(t)
	for _, c := range mail.Causes {
		key := "mail.cause." + string(c)
		if lang.L(key) == key {
			t.Errorf("no sentence for %s", key)
		}
	}
	for _, k := range mail.KeychainTroubles {
		if key := "mail.keychain." + string(k); lang.L(key) == key {
			t.Errorf("no sentence for %s", key)
		}
	}
	for _, k := range []string{"mail.kind.invoice", "mail.kind.letter", "mail.kind.statement"} {
		if lang.L(k) == k {
			t.Errorf("missing %s", k)
		}
	}
}

// noKeychain is a machine where no keychain answers (a headless Linux):
// go-keyring fails with a D-Bus message.
type noKeychain struct{}

// errNoDBus is go-keyring's error, capitalised as D-Bus words it.
//
//lint:ignore ST1005 the words of D-Bus, as go-keyring returns them
var errNoDBus = errors.New("The name org.freedesktop.secrets was not provided by any .service files")

func (noKeychain) Get(string, string) (string, error) { return "", errNoDBus }
func (noKeychain) Set(string, string, string) error   { return errNoDBus }
func (noKeychain) Delete(string, string) error        { return errNoDBus }

// Without a keychain, sending asks for the password, says why in a
// sentence (not the D-Bus message), and Enter in the password field goes
// on with the sending.
func TestPasswordAskedWhenNoKeychainAndEnterSends(t *testing.T) {
	b, srv, inv := mailBook(t)
	useMailService(b.u, mail.NewService(b.Store, b.u.Archive(), mail.NewSecrets(noKeychain{}), mail.Transport{Timeout: 2 * time.Second}))
	test.Tap(uitest.FindButton(t, b.mustCard(inv.Number), lang.L("mail.today.send")))
	test.Tap(uitest.FindButton(t, top(b.u), lang.L("mail.send.send")))
	prompt := top(b.u)
	var secret *kit.Entry
	var why string
	uitest.Walk(prompt, nil, func(o, _ fyne.CanvasObject) {
		switch w := o.(type) {
		case *kit.Entry:
			if w.Password {
				secret = w
			}
		case *widget.Label:
			why += w.Text
		}
	})
	if secret == nil || !strings.Contains(why, lang.L("mail.keychain.missing")) {
		t.Fatalf("no password prompt saying why (%q)", why)
	}
	if strings.Contains(why, "freedesktop") || strings.Contains(why, ".service") {
		t.Fatalf("the keychain's raw error is shown: %q", why)
	}
	test.Type(secret, uitest.MailPassword)
	secret.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := srv.Received(); len(got) != 1 {
		t.Fatalf("after Enter the server received %d messages", len(got))
	}
	if b.card(inv.Number) != nil {
		t.Error("the reminder sent is still on Today")
	}
}
