package answers

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/data"
)

// planCounts are the numbers of monthly instalments the plan dialog
// offers; planDefault is the one chosen first.
var planCounts = []int{2, 3, 4, 5, 6, 8, 10, 12}

const planDefault = 3

// PlanDialog is the payment plan's form: the amount spread (what the
// invoice still owes), the number of monthly instalments, the first due
// date, and the instalments it makes, shown as they are typed.
type PlanDialog struct {
	host    Host
	invoice data.Invoice
	Amount  *kit.Entry
	Count   *kit.Select
	First   *kit.Entry
	Preview *widget.Label
	Form    *kit.FormDialog
}

// OpenPlan opens the payment plan's dialog for an invoice, pre-filled:
// the balance, three monthly instalments, the first in a month. Saving
// records the plan (its instalments then are the scenario's dates). done
// (may be nil) runs once it is saved.
func OpenPlan(h Host, inv data.Invoice, outstanding data.Money, done func()) *PlanDialog {
	today := h.Today()
	p := &PlanDialog{host: h, invoice: inv, Amount: kit.NewMoneyEntry(h.Window()),
		First:   kit.NewDateEntry(h.Window(), today.AddMonths(1)),
		Preview: &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}}
	options := make([]string, len(planCounts))
	for i, n := range planCounts {
		options[i] = strconv.Itoa(n)
	}
	p.Count = kit.NewSelect(h.Window(), options, func(string) { p.refresh() })
	p.Count.SetSelected(strconv.Itoa(planDefault))
	p.Amount.SetText(kit.InputMoney(outstanding))
	p.Amount.OnChanged = func(string) { p.refresh() }
	p.First.OnChanged = func(string) { p.refresh() }
	intro := &widget.Label{Text: lang.L("plan.intro", map[string]any{"Number": inv.Number, "Outstanding": kit.Money(outstanding)}),
		Wrapping: fyne.TextWrapWord}
	f := kit.NewForm()
	f.Fields = append(f.Fields, &kit.FormField{Label: widget.NewLabel(""), Input: intro, Err: kit.NewErrorLabel()})
	f.Add("plan_amount", true, p.Amount)
	f.Add("plan_count", true, p.Count)
	f.Add("plan_first", true, p.First)
	f.Add("instalments", false, p.Preview)
	p.Form = kit.NewFormDialog(h, "plan.title", f, fyne.NewSize(560, 400), p.submit, done)
	p.Form.Save.SetText(lang.L("plan.save"))
	p.refresh()
	p.Form.Show(p.Amount)
	return p
}

// instalments reads the form into the plan's instalments.
func (p *PlanDialog) instalments() ([]data.Instalment, data.FieldErrors) {
	var errs data.FieldErrors
	amount := kit.ParseMoney(p.Amount, "plan_amount", &errs)
	first := kit.ParseDate(p.First, "plan_first", &errs)
	kit.NotBeforeToday(first, p.host.Today(), "plan_first", &errs)
	if len(errs) == 0 && amount <= 0 {
		errs = append(errs, &data.FieldError{Field: "plan_amount", Reason: data.ReasonNotPositive})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	n, _ := strconv.Atoi(p.Count.Selected)
	return dunning.SplitInstalments(amount, n, first), nil
}

// refresh shows the instalments the form makes.
func (p *PlanDialog) refresh() {
	list, errs := p.instalments()
	if len(errs) > 0 {
		p.Preview.SetText("")
		return
	}
	lines := make([]string, len(list))
	for i, in := range list {
		lines[i] = lang.L("plan.line", map[string]any{"N": i + 1, "Date": kit.Date(in.DueDate), "Amount": kit.Money(in.Amount)})
	}
	p.Preview.SetText(strings.Join(lines, "\n"))
}

// submit reads the form; the write records the plan.
func (p *PlanDialog) submit() (func(context.Context) error, error) {
	list, errs := p.instalments()
	plan := data.PaymentPlan{InvoiceID: p.invoice.ID, AgreedOn: p.host.Today(), Instalments: list}
	if err := kit.FieldErrorsOrNil(kit.MergeErrors(errs, plan.Validate())); err != nil {
		return nil, err
	}
	return func(ctx context.Context) error { return p.host.Store().CreatePaymentPlan(ctx, &plan) }, nil
}
