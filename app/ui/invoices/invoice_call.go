package invoices

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/ui/calls"
	"relance/app/ui/kit"
	"relance/data"
)

// onCall logs a call made or received about the invoice, with the dialog
// of the Today screen; its outcome acts as in the plan (a promise pauses the
// reminders until its date, a dispute until resolved, a wrong contact opens
// a task).
func (a *invoiceActions) onCall() {
	dd := a.d.data
	inv := dd.report.Invoice
	item := dunning.Due{InvoiceID: inv.ID, Number: inv.Number, ClientID: inv.ClientID,
		Outstanding: dd.status.Outstanding, DaysLate: dd.status.DaysLate, Planned: dd.today}
	g := dunning.Group{ClientID: inv.ClientID, Channel: data.ChannelPhoneCall, Lead: item, Items: []dunning.Due{item}, Total: item.Outstanding}
	calls.Open(a.d.host, g, func() {
		if id := a.d.invoiceID; id != 0 {
			a.d.show(id)
		}
	})
}

// invoicePauseDialog is the "Pause reminders" form: until a day, or until
// resumed by hand, and why.
type invoicePauseDialog struct {
	mode   *widget.RadioGroup
	until  *kit.Entry
	reason *kit.Entry
}

// onPause stops the reminders on the invoice.
func (a *invoiceActions) onPause() {
	h, dd := a.d.host, a.d.data
	invoiceID := dd.report.Invoice.ID
	p := &invoicePauseDialog{until: kit.NewDateEntry(h.Window(), dd.today.AddDays(14)), reason: kit.NewEntry(h.Window())}
	untilLabel, foreverLabel := lang.L("invoices.pause.until_date"), lang.L("invoices.pause.indefinitely")
	p.mode = kit.NewRadio(h.Window(), []string{untilLabel, foreverLabel}, true, func(choice string) {
		if choice == foreverLabel {
			p.until.Disable()
		} else {
			p.until.Enable()
		}
	})
	p.mode.SetSelected(untilLabel)
	p.reason.MultiLine = true
	p.reason.SetMinRowsVisible(2)
	f := kit.NewForm()
	f.Add("pause_until", true, container.NewVBox(p.mode, p.until))
	f.Add("reason", false, p.reason)
	fd := kit.NewFormDialog(h, "invoices.pause.title", f, fyne.NewSize(500, 330), func() (func(context.Context) error, error) {
		var errs data.FieldErrors
		var until data.Date
		if p.mode.Selected != foreverLabel {
			until = kit.ParseDate(p.until, "pause_until", &errs)
			kit.NotBeforeToday(until, dd.today, "pause_until", &errs)
		}
		if err := kit.FieldErrorsOrNil(errs); err != nil {
			return nil, err
		}
		reason := strings.TrimSpace(p.reason.Text)
		return a.thenReload(func(ctx context.Context) error { return h.Store().PauseInvoice(ctx, invoiceID, until, reason) }), nil
	}, nil)
	fd.Show(p.until)
}

// onWriteOff gives up on the invoice's balance, with a reason, after saying
// what it means: the reminders stop and the balance no longer counts as
// expected money.
func (a *invoiceActions) onWriteOff() {
	h, dd := a.d.host, a.d.data
	inv := dd.report.Invoice
	message := &widget.Label{Text: lang.L("invoices.write_off.message", map[string]any{"Number": inv.Number,
		"Outstanding": kit.Money(dd.status.Outstanding)}), Wrapping: fyne.TextWrapWord}
	reason := kit.NewEntry(h.Window())
	reason.MultiLine = true
	reason.SetMinRowsVisible(3)
	f := kit.NewForm()
	f.Fields = append(f.Fields, &kit.FormField{Label: widget.NewLabel(""), Input: message, Err: kit.NewErrorLabel()})
	f.Add("reason", true, reason)
	fd := kit.NewFormDialog(h, "invoices.write_off.title", f, fyne.NewSize(520, 330), func() (func(context.Context) error, error) {
		text := strings.TrimSpace(reason.Text)
		if text == "" {
			return nil, kit.RequiredError("reason")
		}
		return a.thenReload(func(ctx context.Context) error {
			return h.Store().SetInvoiceState(ctx, inv.ID, data.StateWrittenOff, text)
		}), nil
	}, nil)
	fd.Save.SetText(lang.L("invoices.action.write_off"))
	fd.Save.Importance = widget.DangerImportance
	fd.Save.Icon = nil
	fd.Show(reason)
}
