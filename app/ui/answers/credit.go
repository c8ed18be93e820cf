package answers

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
)

// OpenCreditNote opens the credit note's dialog for an invoice: the
// amount (what is still owed, no more), the day, the reason. done (may be
// nil) runs once the credit note is recorded. The invoice's page and an
// invoice error's answer open it.
func OpenCreditNote(h kit.Host, inv data.Invoice, outstanding data.Money, done func()) {
	date := kit.NewDateEntry(h.Window(), h.Today())
	amount := kit.NewMoneyEntry(h.Window())
	amount.SetText(kit.InputMoney(outstanding))
	reason := kit.NewMultiLineEntry(h.Window(), 2)
	hint := &widget.Label{Text: lang.L("invoices.credit.hint", map[string]any{"Outstanding": kit.Money(outstanding)}),
		Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	f := kit.NewForm()
	f.Add("amount", true, container.NewVBox(amount, hint))
	f.Add("date", true, date)
	f.Add("reason", true, reason)
	fd := kit.NewFormDialog(h, "invoices.credit.title", f, fyne.NewSize(520, 330), func() (func(context.Context) error, error) {
		var errs data.FieldErrors
		c := data.CreditNote{InvoiceID: inv.ID, Reason: strings.TrimSpace(reason.Text)}
		c.Date = kit.ParseDate(date, "date", &errs)
		c.Amount = kit.ParseMoney(amount, "amount", &errs)
		if c.Amount > outstanding {
			errs = append(errs, &data.FieldError{Field: "amount", Reason: data.ReasonCreditTooLarge,
				Value: outstanding.Plain()})
		}
		if err := kit.FieldErrorsOrNil(kit.MergeErrors(errs, c.Validate())); err != nil {
			return nil, err
		}
		return func(ctx context.Context) error { return h.Store().CreateCreditNote(ctx, &c) }, nil
	}, done)
	fd.Save.SetText(lang.L("invoices.credit.save"))
	fd.Show(reason)
}
