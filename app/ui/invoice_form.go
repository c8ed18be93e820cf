package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/data"
)

// invoiceForm is the "New invoice" dialog. It stays open until the invoice
// is saved or the user cancels; refused fields show why under them.
type invoiceForm struct {
	ui      *UI
	form    *form
	dlg     *formDialog
	clients *clientPicker

	number, poRef                *entry
	issue, due, delivery, amount *widget.Entry
	termsDays                    int
	dueEdited                    bool
}

// openInvoiceForm loads what the form needs (clients, settings, the next
// number) and then shows it. Called off the UI goroutine.
func (u *UI) openInvoiceForm(ctx context.Context) {
	clients, err := u.store.ListClients(ctx)
	var company data.Company
	var next string
	if err == nil {
		company, err = u.store.GetCompany(ctx)
	}
	if err == nil {
		next, err = u.store.NextInvoiceNumber(ctx, u.today().Year())
	}
	fyne.Do(func() {
		if err != nil {
			u.showError(err)
			return
		}
		f := newInvoiceForm(u, clients, company.PaymentTermsDays, next)
		f.dlg.show(f.number)
	})
}

func newInvoiceForm(u *UI, clients []data.Client, termsDays int, nextNumber string) *invoiceForm {
	today := u.today()
	f := &invoiceForm{ui: u, form: newForm(), termsDays: termsDays, clients: newClientPicker(u, clients)}
	f.number = newEntry(u)
	f.number.SetText(nextNumber)
	f.issue = newDateEntry(u.win, today)
	f.issue.OnChanged = f.onIssueChanged
	f.due = newDateEntry(u.win, today.AddDays(termsDays))
	f.due.OnChanged = func(string) { f.dueEdited = true }
	f.delivery = newDateEntry(u.win, data.Date{})
	f.amount = newMoneyEntry()
	f.poRef = newEntry(u)

	newClient := &widget.Button{Icon: theme.ContentAddIcon(), Importance: widget.LowImportance, OnTapped: func() {
		u.openClientForm(func(c data.Client) { f.clients.add(c) })
	}}
	f.form.add("number", true, f.number)
	f.form.add("client", true, container.NewBorder(nil, nil, nil, newClient, f.clients.entry))
	f.form.add("issue_date", true, f.issue)
	f.form.add("due_date", true, f.due)
	f.form.add("amount", true, f.amount)
	f.form.add("delivery_date", false, f.delivery)
	f.form.add("po_ref", false, f.poRef)

	f.dlg = u.newFormDialog("invoice_form.title", f.form, fyne.NewSize(560, 500), f.submit, nil)
	f.amount.OnSubmitted = func(string) { f.dlg.onSave() }
	return f
}

// onIssueChanged keeps the due date at issue + payment terms until the user
// sets the due date by hand.
func (f *invoiceForm) onIssueChanged(text string) {
	if f.dueEdited {
		return
	}
	if d, err := data.ParseDate(text); err == nil {
		f.due.SetText(inputDate(d.AddDays(f.termsDays)))
		f.dueEdited = false // SetText above fired the due field's OnChanged
	}
}

// read builds the invoice from the fields, collecting every parse error.
func (f *invoiceForm) read() (data.Invoice, data.FieldErrors) {
	var errs data.FieldErrors
	inv := data.Invoice{Number: f.number.Text, PORef: strings.TrimSpace(f.poRef.Text)}
	var err error
	if inv.ClientID, err = f.clients.selected(); err != nil {
		errs = append(errs, data.FieldErrorsOf(err)...)
	}
	parse := func(e *widget.Entry, key string, optional bool) data.Date {
		if optional && strings.TrimSpace(e.Text) == "" {
			return data.Date{}
		}
		d, err := data.ParseDate(e.Text)
		errs = append(errs, data.FieldErrorsOf(asField(err, key))...)
		return d
	}
	inv.IssueDate = parse(f.issue, "issue_date", false)
	inv.DueDate = parse(f.due, "due_date", false)
	inv.DeliveryDate = parse(f.delivery, "delivery_date", true)
	if inv.Amount, err = data.ParseMoney(f.amount.Text); err != nil {
		errs = append(errs, data.FieldErrorsOf(asField(err, "amount"))...)
	}
	return inv, errs
}

// submit checks every field (parse errors first, then the invoice's own
// rules) and returns the write, or all the errors at once.
func (f *invoiceForm) submit() (func(context.Context) error, error) {
	inv, errs := f.read()
	if err := inv.Validate(); err != nil {
		for _, fe := range data.FieldErrorsOf(err) {
			if !slices.ContainsFunc(errs, func(e *data.FieldError) bool { return e.Field == fe.Field }) {
				errs = append(errs, fe)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return func(ctx context.Context) error { return f.ui.store.CreateInvoice(ctx, &inv) }, nil
}

// clientPicker is a client field: type to filter, pick from the list.
type clientPicker struct {
	entry   *selectEntry
	clients []data.Client
}

func newClientPicker(u *UI, clients []data.Client) *clientPicker {
	p := &clientPicker{clients: clients, entry: newSelectEntry(u, nil)}
	p.entry.PlaceHolder = lang.L("placeholder.client")
	p.entry.SetOptions(p.matching(""))
	p.entry.OnChanged = func(text string) { p.entry.SetOptions(p.matching(text)) }
	return p
}

// maxClientOptions bounds the drop-down: typing narrows it.
const maxClientOptions = 50

func clientLabel(c data.Client) string {
	if c.Address.City == "" {
		return c.Name
	}
	return fmt.Sprintf("%s (%s)", c.Name, c.Address.City)
}

func (p *clientPicker) matching(text string) []string {
	needle := strings.ToLower(strings.TrimSpace(text))
	var out []string
	for _, c := range p.clients {
		if needle == "" || strings.Contains(strings.ToLower(clientLabel(c)), needle) {
			out = append(out, clientLabel(c))
			if len(out) == maxClientOptions {
				break
			}
		}
	}
	return out
}

// selected resolves the typed text to one client: its exact label, or the
// only client whose label contains it.
func (p *clientPicker) selected() (int64, error) {
	text := strings.TrimSpace(p.entry.Text)
	if text == "" {
		return 0, &data.FieldError{Field: "client", Reason: data.ReasonRequired}
	}
	var found []int64
	for _, c := range p.clients {
		label := clientLabel(c)
		if label == text || c.Name == text {
			return c.ID, nil
		}
		if strings.Contains(strings.ToLower(label), strings.ToLower(text)) {
			found = append(found, c.ID)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	return 0, &data.FieldError{Field: "client", Reason: data.ReasonUnknownClient, Value: text}
}

// add makes a client created from the form available and selects it.
func (p *clientPicker) add(c data.Client) {
	p.clients = append(p.clients, c)
	p.entry.SetText(clientLabel(c))
}
