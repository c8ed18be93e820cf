package today

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

// A call that says "cash difficulty" opens the payment plan's dialog at
// once, pre-filled with the balance over three months; saving it records
// the plan, and the reason is on the invoice and its timeline.
func TestCallWithCashDifficultyOpensPlanPrefilled(t *testing.T) {
	b, inv := callFixture(t)
	test.Tap(uitest.FindButton(t, b.mustCard("FA-2026-020"), lang.L("today.action.log_call")))
	dlg := top(b.u)
	todayRadio(t, dlg).SetSelected(lang.L("today.call.no_answer"))
	uitest.SelectIn(t, dlg, "delay_reason", lang.L("delay.reason.cash_difficulty"))
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))

	plan := top(b.u)
	if plan == dlg || plan == nil {
		t.Fatal("no payment plan dialog after a call that said cash difficulty")
	}
	amount, _ := uitest.FormRow(t, plan, "plan_amount")
	if got := uitest.EntryOf(t, amount).Text; got != kit.InputMoney(80000) {
		t.Errorf("plan amount pre-filled with %q, want the balance", got)
	}
	first, _ := uitest.FormRow(t, plan, "plan_first")
	if got := uitest.EntryOf(t, first).Text; got != kit.InputDate(testDay.AddMonths(1)) {
		t.Errorf("first instalment pre-filled with %q", got)
	}
	if !uitest.LabelContains(plan, "3. "+kit.Date(testDay.AddMonths(3))) {
		t.Error("the dialog does not show the three instalments")
	}
	test.Tap(uitest.FindButton(t, plan, lang.L("plan.save")))
	plans, err := b.Store.ListPaymentPlansByInvoice(b.Ctx, inv.ID)
	if err != nil || len(plans) != 1 || len(plans[0].Instalments) != 3 {
		t.Fatalf("plans stored: %+v, %v", plans, err)
	}
	var total data.Money
	for _, in := range plans[0].Instalments {
		total += in.Amount
	}
	if total != 80000 {
		t.Errorf("the plan spreads %d cents, not the balance", total)
	}
	got, err := b.Store.GetInvoice(b.Ctx, inv.ID)
	if err != nil || got.DelayReason != data.DelayCashDifficulty {
		t.Fatalf("reason stored on the invoice: %q, %v", got.DelayReason, err)
	}
	if !hasEvent(t, b, inv.ID, data.EventDelayReason) {
		t.Error("the reason is not on the invoice's timeline")
	}
}

// A promise recorded by phone shows, in the same dialog, the email that
// confirms it, drafted from its own template; Send mails it to the local
// server, and the timeline keeps it with the archived message.
func TestCallPromiseShowsItsConfirmationAndSendsIt(t *testing.T) {
	b, inv := callFixture(t)
	srv := uitest.StartMailServer(t)
	useMailServer(t, b.u, srv)
	test.Tap(uitest.FindButton(t, b.mustCard("FA-2026-020"), lang.L("today.action.log_call")))
	dlg := top(b.u)
	todayRadio(t, dlg).SetSelected(lang.L("today.call.promise"))
	uitest.Fill(t, dlg, "promised_on", "01/12/2026")
	uitest.Fill(t, dlg, "promise_amount", "500")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))

	if top(b.u) != dlg {
		t.Fatal("the call dialog closed instead of showing the promise's confirmation")
	}
	if !uitest.LabelContains(dlg, lang.L("promise.confirm.saved")) {
		t.Error("the dialog does not say the promise was saved")
	}
	subject, _ := uitest.FormRow(t, dlg, "mail_subject")
	if got := uitest.EntryOf(t, subject).Text; !strings.Contains(got, "Confirmation de votre engagement de paiement") {
		t.Errorf("subject %q", got)
	}
	var body string
	uitest.Walk(dlg, nil, func(o, _ fyne.CanvasObject) {
		if e, ok := o.(*kit.Entry); ok && e.MultiLine && strings.Contains(e.Text, "Comme convenu") {
			body = e.Text
		}
	})
	for _, want := range []string{"échange téléphonique du 24 novembre 2026", "500,00", "le 1er décembre 2026", "FA-2026-020"} {
		if !strings.Contains(body, want) {
			t.Errorf("the confirmation lacks %q:\n%s", want, body)
		}
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("mail.send.send")))
	got := srv.Received()
	if len(got) != 1 || !strings.Contains(got[0], "compta@h=C3=B4tels-belv=C3=A9d=C3=A8re.fr") && !strings.Contains(got[0], "belv") {
		ob, _ := b.Store.ListOutbox(b.Ctx, data.OutboxFailed)
		var labels []string
		uitest.Walk(dlg, nil, func(o, _ fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text != "" {
				labels = append(labels, l.Text)
			}
		})
		t.Fatalf("the server received %d messages; errors %v; outbox failed %+v; dialog open %v; %q", len(got), b.u.Errors, ob, top(b.u) == dlg, labels)
	}
	if !strings.Contains(got[0], "Subject: ") || !strings.Contains(got[0], "FA-2026-020") {
		t.Errorf("the message sent does not name the invoice:\n%s", got[0])
	}
	if top(b.u) == dlg {
		t.Error("the dialog stayed open after sending")
	}
	events, err := b.Store.ListEventsByInvoice(b.Ctx, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	var confirmed data.Event
	for _, e := range events {
		if e.Kind == data.EventPromiseConfirmed {
			confirmed = e
		}
	}
	if confirmed.File == "" || confirmed.Params["amount"] != data.Money(50000).Plain() {
		t.Fatalf("the confirmation is not on the timeline with its email: %+v", confirmed)
	}
	if text := kit.EventText(confirmed); !strings.Contains(text, kit.Money(50000)) || text == lang.L("event.unknown") {
		t.Errorf("the timeline reads %q", text)
	}
	if n := len(b.Actions(inv)); n != 3 { // pre_due, reminder_1, the call: the email fulfils no step
		t.Errorf("%d actions recorded", n)
	}
}

// A client with a mobile number and a LinkedIn profile: the call line
// shows both, and "Copy message" puts the step's short text on the
// clipboard, then says so.
func TestCallLineShowsOtherChannelsAndCopiesTheMessage(t *testing.T) {
	b, inv := callFixture(t)
	c, err := b.Store.GetClient(b.Ctx, inv.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	c.ContactName, c.Mobile, c.LinkedIn = "Claire Morel", "06 12 34 56 78", "https://www.linkedin.com/in/claire-morel"
	uitest.Must(t, b.Store.UpdateClient(b.Ctx, &c))
	b.refresh()
	card := b.mustCard("FA-2026-020")
	for _, want := range []string{"04 72 60 14 90", "06 12 34 56 78", "linkedin.com/in/claire-morel"} {
		if !strings.Contains(card.contact.Text, want) {
			t.Errorf("the call line %q lacks %q", card.contact.Text, want)
		}
	}
	test.Tap(uitest.FindButton(t, card, lang.L("contact.copy")))
	text := fyne.CurrentApp().Clipboard().Content()
	for _, want := range []string{"Bonjour Claire Morel,", "FA-2026-020", "800,00", "13 novembre 2026", "rappeler"} {
		if !strings.Contains(text, want) {
			t.Errorf("the message copied lacks %q:\n%s", want, text)
		}
	}
	if !uitest.LabelContains(top(b.u), "FA-2026-020") {
		t.Error("no confirmation shows the message copied")
	}
}

func hasEvent(t *testing.T, b *todayBook, invoiceID int64, kind data.EventKind) bool {
	t.Helper()
	events, err := b.Store.ListEventsByInvoice(b.Ctx, invoiceID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if e.Kind == kind {
			return true
		}
	}
	return false
}

// A client's reply says the invoice was forgotten: "Reason for the delay"
// on its card records it, ends the reply's pause and opens the send
// dialog with the invoice's PDF attached.
func TestReplyForgottenResendsWithTheInvoice(t *testing.T) {
	b, srv, inv := mailBook(t)
	e := data.SentEmail{MessageID: "ours", ClientID: inv.ClientID, InvoiceIDs: []int64{inv.ID}}
	if _, err := b.Store.RecordReply(b.Ctx, e, data.ReplyRecord{MessageID: "r1@vernet", From: "compta@boulangerie-vernet.fr",
		Subject: "Re: " + inv.Number}); err != nil {
		t.Fatal(err)
	}
	b.refresh()
	prefix, _, _ := strings.Cut(lang.L("mail.today.replied", map[string]any{"Subject": "\x00"}), "\x00")
	card := b.inboundCard(prefix)
	if card == nil || !card.reason.Visible() {
		t.Fatal("no reply card with its reason button")
	}
	test.Tap(card.reason)
	dlg := top(b.u)
	uitest.SelectIn(t, dlg, "delay_reason", lang.L("delay.reason.forgotten"))
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	send := top(b.u)
	var attached bool
	uitest.Walk(send, nil, func(o, _ fyne.CanvasObject) {
		if c, ok := uitest.AsCheck(o); ok && strings.Contains(c.Text, "FA-2026-042.pdf") && c.Checked {
			attached = true
		}
	})
	if send == dlg || !attached {
		t.Fatal("the send dialog does not offer the invoice attached")
	}
	test.Tap(uitest.FindButton(t, send, lang.L("mail.send.send")))
	if got := srv.Received(); len(got) != 1 || !strings.Contains(got[0], `filename="FA-2026-042.pdf"`) {
		t.Fatalf("the server received %d messages", len(got))
	}
	got, err := b.Store.GetInvoice(b.Ctx, inv.ID)
	if err != nil || got.DelayReason != data.DelayForgotten || got.Paused {
		t.Errorf("invoice after the reason: %q paused %v, %v", got.DelayReason, got.Paused, err)
	}
}

// A missing purchase order on a reply: the task to obtain it is on
// Today and the invoice waits, its pause saying why.
func TestReplyMissingPOOpensTaskAndPauses(t *testing.T) {
	b, _, inv := mailBook(t)
	e := data.SentEmail{MessageID: "ours", ClientID: inv.ClientID, InvoiceIDs: []int64{inv.ID}}
	if _, err := b.Store.RecordReply(b.Ctx, e, data.ReplyRecord{MessageID: "r1@vernet", From: "compta@boulangerie-vernet.fr",
		Subject: "Re: " + inv.Number}); err != nil {
		t.Fatal(err)
	}
	b.refresh()
	prefix, _, _ := strings.Cut(lang.L("mail.today.replied", map[string]any{"Subject": "\x00"}), "\x00")
	test.Tap(b.inboundCard(prefix).reason)
	dlg := top(b.u)
	uitest.SelectIn(t, dlg, "delay_reason", lang.L("delay.reason.missing_po"))
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if !uitest.LabelContains(top(b.u), lang.L("delay.answer.task")) {
		t.Error("the owner is not told of the task")
	}
	got, err := b.Store.GetInvoice(b.Ctx, inv.ID)
	if err != nil || !got.PausedOn(testDay) || got.PauseReason != data.PauseForDelay(data.DelayMissingPO) {
		t.Errorf("invoice after the reason: paused %v %q, %v", got.Paused, got.PauseReason, err)
	}
	b.refresh()
	if b.inboundCard(lang.L("today.task.obtain_po")) == nil {
		t.Errorf("no task to obtain the purchase order on Today: %+v", b.u.home.rows)
	}
}
