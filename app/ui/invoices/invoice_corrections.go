package invoices

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/answers"
	"relance/app/ui/kit"
	"relance/data"
)

// Correcting mistakes on an invoice's page: edit the invoice, delete it
// while nothing happened on it, else cancel it with a credit note; edit or
// delete a payment. Every correction is on the timeline (the store records
// it in the same transaction).

// onEdit opens the invoice dialog on the invoice shown.
func (a *invoiceActions) onEdit() {
	inv := a.d.data.report.Invoice
	a.d.host.Async(func() {
		editInvoice(context.Background(), a.d.host, inv)
	})
}

// onDelete deletes an invoice typed by mistake, after confirmation, and
// goes back to the list. One with a history is cancelled instead (the
// button is then Cancel with a credit note; the store refuses it anyway).
func (a *invoiceActions) onDelete() {
	h, inv := a.d.host, a.d.data.report.Invoice
	d := dialog.NewConfirm(lang.L("invoices.delete.title"),
		lang.L("invoices.delete.question", map[string]any{"Number": inv.Number, "Amount": kit.Money(inv.Amount)}),
		func(ok bool) {
			if ok {
				a.deleteInvoice(inv.ID)
			}
		}, h.Window())
	h.Track(d)
	d.Show()
}

func (a *invoiceActions) deleteInvoice(id int64) {
	h := a.d.host
	h.Async(func() {
		err := h.Store().DeleteInvoice(context.Background(), id)
		fyne.Do(func() {
			switch {
			case errors.Is(err, data.ErrHasHistory):
				info := dialog.NewInformation(lang.L("invoices.delete.title"), lang.L("invoices.delete.has_history"), h.Window())
				h.Track(info)
				info.Show()
			case err != nil:
				h.ShowError(err)
			default:
				a.d.screen.closeDetail()
				h.Changed()
			}
		})
	})
}

// onCreditNote cancels all or part of the invoice with a credit note:
// prefilled with what is still owed (which cancels it), dated today, with
// the reason the letters and the timeline will give.
func (a *invoiceActions) onCreditNote() {
	dd := a.d.data
	answers.OpenCreditNote(a.d.host, dd.report.Invoice, dd.status.Outstanding, a.reload)
}

// reload shows the invoice on show again, once a dialog changed it.
func (a *invoiceActions) reload() {
	if id := a.d.invoiceID; id != 0 {
		a.d.show(id)
	}
}

// paymentDialog records a payment (p.ID 0: today, the outstanding amount
// and a transfer by default) or corrects one. An amount over what is owed
// is allowed (a client may pay penalties or pay twice) but said under the
// field, and confirmed before it is saved, with the credit the client
// will then have.
func (a *invoiceActions) paymentDialog(p data.Payment) {
	h, dd := a.d.host, a.d.data
	owed := dd.status.Outstanding - dd.status.Overpaid + p.Amount // what this payment may settle
	date := kit.NewDateEntry(h.Window(), p.Date)
	amount := kit.NewMoneyEntry(h.Window())
	amount.SetText(kit.InputMoney(max(owed, 0)))
	if p.ID != 0 {
		amount.SetText(kit.InputMoney(p.Amount))
	}
	over := &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	over.Hide()
	amount.OnChanged = func(text string) { showOverpayment(over, text, owed) }
	method := kit.NewSelect(h.Window(), nil, nil)
	for _, m := range data.PaymentMethods {
		method.Options = append(method.Options, lang.L(invoiceMethodKeys[m]))
	}
	method.SetSelectedIndex(max(invoicePaymentMethodIndex(p.Method), 0))
	ref := kit.NewEntry(h.Window())
	ref.SetText(p.BankRef)
	f := kit.NewForm()
	f.Add("date", true, date)
	f.Add("amount", true, container.NewVBox(amount, over))
	f.Add("method", true, method)
	f.Add("bank_ref", false, ref)
	read := func() (data.Payment, error) {
		var errs data.FieldErrors
		q := p
		q.BankRef = ref.Text
		q.Date = kit.ParseDate(date, "date", &errs)
		q.Amount = kit.ParseMoney(amount, "amount", &errs)
		q.Method = data.PaymentMethods[max(method.SelectedIndex(), 0)]
		return q, kit.FieldErrorsOrNil(kit.MergeErrors(errs, q.Validate()))
	}
	title := "invoices.pay.title"
	if p.ID != 0 {
		title = "invoices.pay.edit_title"
	}
	fd := kit.NewFormDialog(h, title, f, fyne.NewSize(520, 320), func() (func(context.Context) error, error) {
		q, err := read()
		if err != nil {
			return nil, err
		}
		if q.ID != 0 {
			return a.thenReload(func(ctx context.Context) error { return h.Store().UpdatePayment(ctx, &q) }), nil
		}
		return a.thenReload(func(ctx context.Context) error { return h.Store().CreatePayment(ctx, &q) }), nil
	}, nil)
	fd.Confirm = func() string {
		q, err := read()
		if err != nil || q.Amount <= owed {
			return ""
		}
		// The client's credit: its other invoices' overpayments and this one's once saved.
		credit := dd.clientCredit - dd.status.Overpaid + q.Amount - owed
		return lang.L("invoices.pay.confirm_overpaid", map[string]any{"Excess": kit.Money(q.Amount - max(owed, 0)),
			"Client": dd.report.Client.Name, "Credit": kit.Money(credit)})
	}
	fd.Show(amount)
}

// invoicePaymentMethodIndex is the place of method in data.PaymentMethods
// (-1 when unknown).
func invoicePaymentMethodIndex(method string) int {
	for i, m := range data.PaymentMethods {
		if m == method {
			return i
		}
	}
	return -1
}

// onPay records a payment received today.
func (a *invoiceActions) onPay() {
	a.paymentDialog(data.Payment{InvoiceID: a.d.data.report.Invoice.ID, Date: a.d.data.today})
}

// onDeletePayment removes a payment typed by mistake, after confirmation.
func (a *invoiceActions) onDeletePayment(p data.Payment) {
	h := a.d.host
	kit.Confirm(h, "invoices.payment.delete_title", "invoices.payment.delete_question",
		map[string]any{"Amount": kit.Money(p.Amount), "Date": kit.Date(p.Date)},
		a.thenReload(func(ctx context.Context) error { return h.Store().DeletePayment(ctx, p.ID) }))
}

// paymentRow is a payment of the page's list, with its two corrections.
func (a *invoiceActions) paymentRow(p data.Payment) fyne.CanvasObject {
	what := kit.Date(p.Date) + " · " + lang.L(invoiceMethodKeys[p.Method])
	if p.BankRef != "" {
		what += " · " + p.BankRef
	}
	edit := &widget.Button{Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance, OnTapped: func() { a.paymentDialog(p) }}
	remove := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { a.onDeletePayment(p) }}
	return container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel(kit.Money(p.Amount)), edit, remove),
		&widget.Label{Text: what, Truncation: fyne.TextTruncateEllipsis})
}

// creditNoteRow is a credit note of the page's list: they are never edited.
func creditNoteRow(c data.CreditNote) fyne.CanvasObject {
	what := lang.L("invoices.credit.row", map[string]any{"Date": kit.Date(c.Date), "Reason": c.Reason})
	return container.NewBorder(nil, nil, nil, widget.NewLabel("−"+kit.Money(c.Amount)),
		&widget.Label{Text: what, Truncation: fyne.TextTruncateEllipsis})
}
