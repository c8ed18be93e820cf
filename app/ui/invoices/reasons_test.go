package invoices

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/app/ui/mailui"
	"relance/app/ui/uitest"
	"relance/data"
)

// A promise recorded by hand on the invoice's page shows its confirmation
// email in the same dialog; Send mails it to the local server.
func TestPromiseByHandShowsItsConfirmationAndSendsIt(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	srv := uitest.StartMailServer(t)
	svc, _ := srv.MailService(t, u.Store(), u.DataDir())
	u.mailer.Stop()
	u.mailer = mailui.New(u, svc, u.Services.Composer)

	d := b.openDetail(t, "FA-2026-0001")
	test.Tap(uitest.FindButton(t, d.content, lang.L("invoices.action.promise")))
	dlg := top(u)
	uitest.FillIn(t, dlg, "promised_on", "04/12/2026")
	uitest.FillIn(t, dlg, "amount", "600")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if top(u) != dlg || !uitest.LabelContains(dlg, lang.L("promise.confirm.saved")) {
		t.Fatal("the promise's confirmation does not show in the dialog")
	}
	subject, _ := uitest.FormRow(t, dlg, "mail_subject")
	if got := uitest.EntryOf(t, subject).Text; !strings.Contains(got, "FA-2026-0001") {
		t.Errorf("subject %q", got)
	}
	uitest.Fill(t, dlg, "mail_to", "compta@client.fr") // the book's client has no address yet
	test.Tap(uitest.FindButton(t, dlg, lang.L("mail.send.send")))
	got := srv.Received()
	if len(got) != 1 || !strings.Contains(got[0], "FA-2026-0001") {
		var labels []string
		uitest.Walk(dlg, nil, func(o, _ fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text != "" {
				labels = append(labels, l.Text)
			}
		})
		t.Fatalf("the server received %d messages: %q %v", len(got), labels, u.Errors)
	}
	events, err := b.store.ListEventsByInvoice(context.Background(), b.ids["FA-2026-0001"])
	if err != nil {
		t.Fatal(err)
	}
	if last := events[len(events)-1]; last.Kind != data.EventPromiseConfirmed || last.File == "" {
		t.Errorf("last event %+v", last)
	}
}

// "Reason for the delay" on the page: an invoice error pauses the
// reminders, offers the credit note, and the reason shows on the page and
// on its timeline.
func TestInvoiceErrorReasonPausesAndOffersCreditNote(t *testing.T) {
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0001")
	test.Tap(uitest.FindButton(t, d.content, lang.L("delay.action_short")))
	dlg := top(b.u)
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if got := uitest.FieldError(t, dlg, "delay_reason"); got != lang.L("error.required") {
		t.Fatalf("no reason chosen: error %q", got)
	}
	uitest.SelectIn(t, dlg, "delay_reason", lang.L("delay.reason.invoice_error"))
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	offer := top(b.u)
	if offer == dlg || !uitest.TextOnScreen(offer, lang.L("delay.answer.credit", map[string]any{"Number": "FA-2026-0001"})) {
		t.Fatal("the credit note is not offered")
	}
	test.Tap(uitest.FindButton(t, offer, lang.L("invoices.credit.save")))
	credit := top(b.u)
	amount, _ := uitest.FormRow(t, credit, "amount")
	if uitest.EntryOf(t, amount).Text == "" {
		t.Error("the credit note's amount is not pre-filled")
	}
	test.Tap(uitest.FindButton(t, credit, lang.L("button.cancel")))

	inv, err := b.store.GetInvoice(context.Background(), b.ids["FA-2026-0001"])
	if err != nil || inv.DelayReason != data.DelayInvoiceError || !inv.PausedOn(testDay) {
		t.Fatalf("invoice after the reason: %q paused %v, %v", inv.DelayReason, inv.PausedOn(testDay), err)
	}
	d = b.openDetail(t, "FA-2026-0001")
	if !uitest.LabelContains(d.content, lang.L("delay.reason.invoice_error")) {
		t.Error("the page does not show the reason")
	}
	if !strings.Contains(d.pause.Text, kit.PauseReasonText(data.PauseForDelay(data.DelayInvoiceError))) {
		t.Errorf("the pause reads %q", d.pause.Text)
	}
}
