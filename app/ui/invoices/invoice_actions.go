package invoices

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/answers"
	"relance/app/ui/kit"
	"relance/data"
)

// invoiceActions are the buttons of an invoice's page and the dialogs
// they open. Each button shows only when its action applies.
type invoiceActions struct {
	d   *invoiceDetail
	bar *fyne.Container

	pay, call, promise, dispute, resolve, pause, resume, writeOff *widget.Button
	remind                                                        *widget.Button // Send reminder (mail_invoice.go)
	letters                                                       *widget.Button // the Letters menu (letters_invoice.go)
	edit, remove, credit                                          *widget.Button // corrections (invoice_corrections.go)
}

// newInvoiceActions builds the action buttons, hidden until an invoice loads.
func newInvoiceActions(d *invoiceDetail) *invoiceActions {
	a := &invoiceActions{d: d}
	button := func(key string, icon fyne.Resource, tapped func()) *widget.Button {
		return &widget.Button{Text: lang.L(key), Icon: icon, OnTapped: tapped}
	}
	a.pay = button("invoices.action.pay", theme.ConfirmIcon(), a.onPay)
	a.pay.Importance = widget.HighImportance
	a.remind = button("mail.invoice.remind", theme.MailSendIcon(), a.onRemind)
	a.letters = button("letters.invoice.menu", theme.DocumentPrintIcon(), a.onLetters)
	a.call = button("invoices.action.call", theme.MailReplyIcon(), a.onCall)
	a.promise = button("invoices.action.promise", theme.HistoryIcon(), a.onPromise)
	a.dispute = button("invoices.action.dispute", theme.WarningIcon(), a.onDispute)
	a.resolve = button("invoices.action.resolve", theme.ConfirmIcon(), a.onResolve)
	a.pause = button("invoices.action.pause", theme.MediaPauseIcon(), a.onPause)
	a.resume = button("invoices.action.resume", theme.MediaPlayIcon(), a.onResume)
	a.writeOff = button("invoices.action.write_off", theme.DeleteIcon(), a.onWriteOff)
	a.writeOff.Importance = widget.DangerImportance
	a.edit = button("invoices.action.edit", theme.DocumentCreateIcon(), a.onEdit)
	a.remove = button("invoices.action.delete", theme.DeleteIcon(), a.onDelete)
	a.credit = button("invoices.action.credit_note", theme.ContentUndoIcon(), a.onCreditNote)
	// The bar wraps onto a second row rather than widening the window: in
	// French the full set is wider than the default window.
	a.bar = container.New(kit.NewWrapLayout(), a.buttonObjects()...)
	a.hideAll()
	return a
}

// buttons lists every action button, in the bar's order.
func (a *invoiceActions) buttons() []*widget.Button {
	return []*widget.Button{a.pay, a.remind, a.letters, a.call, a.promise, a.dispute, a.resolve, a.pause, a.resume, a.writeOff,
		a.edit, a.credit, a.remove}
}

// buttonObjects is buttons as canvas objects, for the bar.
func (a *invoiceActions) buttonObjects() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, b := range a.buttons() {
		out = append(out, b)
	}
	return out
}

// hideAll hides every action, while an invoice loads.
func (a *invoiceActions) hideAll() {
	for _, b := range a.buttons() {
		b.Hide()
	}
}

// update shows the actions that apply to the invoice on show: nothing is
// paid on or chased on a closed invoice, a dispute is resolved only when
// there is one, reminders are resumed only when paused.
func (a *invoiceActions) update(dd detailData) {
	inv := &dd.report.Invoice
	open := dd.status.Open()
	disputed := inv.State == data.StateDisputed
	paused := inv.PausedOn(dd.today)
	kit.SetVisible(a.pay, open)
	kit.SetVisible(a.call, open)
	kit.SetVisible(a.letters, open)
	kit.SetVisible(a.remind, open && inv.State == data.StateOpen && !paused)
	kit.SetVisible(a.promise, open && !disputed)
	kit.SetVisible(a.dispute, open && inv.State == data.StateOpen)
	kit.SetVisible(a.resolve, open && disputed)
	kit.SetVisible(a.pause, open && !paused)
	kit.SetVisible(a.resume, open && inv.Paused)
	kit.SetVisible(a.writeOff, open)
	// A correction is always possible: delete while nothing happened on the
	// invoice, else cancel what is still owed with a credit note.
	kit.SetVisible(a.edit, true)
	kit.SetVisible(a.remove, !dd.history)
	kit.SetVisible(a.credit, dd.history && open && dd.status.Outstanding > 0)
}

// thenReload wraps a write so that, once it succeeds, the page reloads at
// once: the list's reload that follows every change takes a second or two
// on a large book.
func (a *invoiceActions) thenReload(write func(context.Context) error) func(context.Context) error {
	return func(ctx context.Context) error {
		if err := write(ctx); err != nil {
			return err
		}
		fyne.Do(func() {
			if id := a.d.invoiceID; id != 0 {
				a.d.show(id)
			}
		})
		return nil
	}
}

// invoiceMethodKeys name the payment methods (data.PaymentMethods).
var invoiceMethodKeys = map[string]string{
	"transfer": "invoices.method.transfer", "cheque": "invoices.method.cheque", "card": "invoices.method.card",
	"cash": "invoices.method.cash", "direct_debit": "invoices.method.direct_debit", "other": "invoices.method.other",
}

// showOverpayment warns, under the amount, when it exceeds what is owed.
func showOverpayment(l *widget.Label, text string, outstanding data.Money) {
	m, err := data.ParseMoney(text)
	if err != nil || m <= outstanding {
		l.Hide()
		return
	}
	l.SetText(lang.L("invoices.pay.overpaid", map[string]any{"Excess": kit.Money(m - outstanding)}))
	l.Show()
}

// onPromise records a promise to pay, made today by email or phone.
func (a *invoiceActions) onPromise() {
	h, dd := a.d.host, a.d.data
	invoiceID := dd.report.Invoice.ID
	date := kit.NewDateEntry(h.Window(), dd.today.AddDays(7))
	amount := kit.NewMoneyEntry(h.Window())
	amount.SetText(kit.InputMoney(dd.status.Outstanding))
	channels := []data.Channel{data.ChannelPhoneCall, data.ChannelEmail}
	channel := kit.NewSelect(h.Window(), []string{kit.ChannelName(channels[0]), kit.ChannelName(channels[1])}, nil)
	channel.SetSelectedIndex(0)
	f := kit.NewForm()
	f.Add("promised_on", true, date)
	f.Add("amount", true, amount)
	f.Add("channel", true, channel)
	fd := kit.NewFormDialog(h, "invoices.promise.title", f, fyne.NewSize(500, 280), func() (func(context.Context) error, error) {
		var errs data.FieldErrors
		p := data.Promise{InvoiceID: invoiceID, MadeOn: dd.today, Channel: channels[max(channel.SelectedIndex(), 0)]}
		p.PromisedOn = kit.ParseDate(date, "promised_on", &errs)
		kit.NotBeforeToday(p.PromisedOn, dd.today, "promised_on", &errs)
		p.Amount = kit.ParseMoney(amount, "amount", &errs)
		if err := kit.FieldErrorsOrNil(kit.MergeErrors(errs, p.Validate())); err != nil {
			return nil, err
		}
		return a.thenReload(func(ctx context.Context) error { return h.Store().CreatePromise(ctx, &p) }), nil
	}, nil)
	fd.Next = func() { h.Mailer().ConfirmPromise(fd, invoiceID) } // the promise confirmed in writing, in the same dialog
	fd.Show(date)
}

// onReason asks why the client has not paid, records it and carries its
// answer out (answers.Ask). Its button sits beside the reason, among the
// facts (reasonRow), not in the bar, which would wrap onto a third row.
func (a *invoiceActions) onReason() {
	answers.Ask(a.d.host, []int64{a.d.data.report.Invoice.ID}, a.reload)
}

// onDispute marks the invoice disputed, with the client's reason: the
// reminders stop until the dispute is resolved.
func (a *invoiceActions) onDispute() {
	id := a.d.data.report.Invoice.ID
	kit.AskReason(a.d.host, "invoices.dispute.title", "invoices.dispute.reason", true, func(ctx context.Context, reason string) error {
		return a.thenReload(func(ctx context.Context) error {
			return a.d.host.Store().SetInvoiceState(ctx, id, data.StateDisputed, strings.TrimSpace(reason))
		})(ctx)
	})
}

// onResolve ends a dispute: the invoice is open again and the reminders
// resume where the scenario is.
func (a *invoiceActions) onResolve() {
	id := a.d.data.report.Invoice.ID
	kit.AskReason(a.d.host, "invoices.resolve.title", "invoices.resolve.reason", false, func(ctx context.Context, reason string) error {
		return a.thenReload(func(ctx context.Context) error {
			return a.d.host.Store().SetInvoiceState(ctx, id, data.StateOpen, strings.TrimSpace(reason))
		})(ctx)
	})
}

// onResume lets the reminders run again.
func (a *invoiceActions) onResume() {
	inv := a.d.data.report.Invoice
	kit.Confirm(a.d.host, "invoices.resume.title", "invoices.resume.message", map[string]any{"Number": inv.Number},
		a.thenReload(func(ctx context.Context) error { return a.d.host.Store().ResumeInvoice(ctx, inv.ID) }))
}
