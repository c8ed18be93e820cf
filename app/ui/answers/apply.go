package answers

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/data"
)

// Apply carries out, for the owner, the answer to the reason given for
// the invoices' delay, once the reason is recorded (the pause and the
// task are done by then): the send dialog with the invoice attached, the
// payment plan's dialog pre-filled, the offer of a credit note, the word
// that a task was opened, the dispute's dialog. It works on the first
// invoice; a reason with nothing to do does nothing.
func Apply(h Host, invoiceIDs []int64, r data.DelayReason) {
	if len(invoiceIDs) == 0 {
		return
	}
	id := invoiceIDs[0]
	switch dunning.AnswerTo(r).Action {
	case dunning.AnswerResend:
		resend(h, id)
	case dunning.AnswerPlan:
		withInvoice(h, id, func(inv data.Invoice, outstanding data.Money) { OpenPlan(h, inv, outstanding, nil) })
	case dunning.AnswerCorrect:
		withInvoice(h, id, func(inv data.Invoice, outstanding data.Money) { offerCreditNote(h, inv, outstanding) })
	case dunning.AnswerTask:
		tell(h, "delay.answer.task_title", lang.L("delay.answer.task"))
	case dunning.AnswerDispute:
		withInvoice(h, id, func(inv data.Invoice, _ data.Money) { dispute(h, inv) })
	}
}

// withInvoice reads an invoice and what is still owed on it, then runs
// show on the UI goroutine.
func withInvoice(h Host, id int64, show func(data.Invoice, data.Money)) {
	h.Async(func() {
		ctx := context.Background()
		inv, err := h.Store().GetInvoice(ctx, id)
		var payments []data.Payment
		if err == nil {
			payments, err = h.Store().ListPaymentsByInvoice(ctx, id)
		}
		outstanding := inv.Owed()
		for _, p := range payments {
			outstanding -= p.Amount
		}
		fyne.Do(func() {
			if err != nil {
				h.ShowError(err)
				return
			}
			show(inv, max(outstanding, 0))
		})
	})
}

// resend opens the send dialog of the invoice's next email with its PDF
// attached; with no email ahead in the scenario, a first reminder that
// fulfils no step.
func resend(h Host, id int64) {
	h.Async(func() {
		ctx := context.Background()
		g, ok, err := h.Mailer().GroupFor(ctx, id)
		if err == nil && !ok {
			g, err = h.Mailer().InvoiceGroup(ctx, id, data.Step{TemplateKey: "reminder_1", Channel: data.ChannelEmail}, 0)
		}
		fyne.Do(func() {
			if err != nil {
				h.ShowError(err)
				return
			}
			g.Lead.Step.AttachInvoice = true
			h.Mailer().OpenSendDialog(g)
		})
	})
}

// offerCreditNote says the reminders wait while the invoice is corrected,
// and offers the credit note at once.
func offerCreditNote(h Host, inv data.Invoice, outstanding data.Money) {
	d := dialog.NewConfirm(lang.L("delay.answer.credit_title"),
		lang.L("delay.answer.credit", map[string]any{"Number": inv.Number}), func(ok bool) {
			if ok {
				OpenCreditNote(h, inv, outstanding, nil)
			}
		}, h.Window())
	d.SetConfirmText(lang.L("invoices.credit.save"))
	d.SetDismissText(lang.L("delay.answer.later"))
	h.Track(d)
	d.Show()
}

// dispute opens the dispute's dialog, unless the invoice is disputed
// already (the call said so).
func dispute(h Host, inv data.Invoice) {
	if inv.State != data.StateOpen {
		return
	}
	kit.AskReason(h, "invoices.dispute.title", "invoices.dispute.reason", true, func(ctx context.Context, reason string) error {
		return h.Store().SetInvoiceState(ctx, inv.ID, data.StateDisputed, strings.TrimSpace(reason))
	})
}

// tell is an information dialog.
func tell(h Host, titleKey, text string) {
	d := dialog.NewInformation(lang.L(titleKey), text, h.Window())
	h.Track(d)
	d.Show()
}
