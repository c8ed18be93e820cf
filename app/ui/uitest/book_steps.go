package uitest

import (
	"context"
	"strings"
	"testing"

	"relance/data"
)

// Book is a book a test fills as it goes: clients in Lyon, invoices, the
// standard scenario's steps taken, payments.
type Book struct {
	T     testing.TB
	Ctx   context.Context
	Store *data.Store
	Steps map[string]data.Step // the standard scenario's steps, by template
}

// NewBook is a Book over store, with the standard scenario's steps read.
func NewBook(t testing.TB, store *data.Store) *Book {
	t.Helper()
	b := &Book{T: t, Ctx: context.Background(), Store: store, Steps: map[string]data.Step{}}
	scenarios, err := store.ListScenarios(b.Ctx)
	Must(t, err)
	for _, sc := range scenarios {
		if sc.Key == "standard" {
			for _, st := range sc.Steps {
				b.Steps[st.TemplateKey] = st
			}
		}
	}
	return b
}

// Client records a client of that name in Lyon, its email made of its
// name (compta@boulangerie-martin.fr), with phone (may be "").
func (b *Book) Client(name, phone string) data.Client {
	b.T.Helper()
	return Client(b.T, b.Store, data.Client{Name: name, Phone: phone,
		Email:   "compta@" + strings.ToLower(strings.ReplaceAll(name, " ", "-")) + ".fr",
		Address: data.Address{Street: "8 rue de la Poste", PostalCode: "69001", City: "Lyon"}})
}

// Invoice records an invoice of c due on due (issued 30 days before).
func (b *Book) Invoice(c data.Client, number, due string, amount data.Money) data.Invoice {
	b.T.Helper()
	return Invoice(b.T, b.Store, c.ID, number, due, amount)
}

// Done records steps as taken on an invoice, on the day they fell due.
func (b *Book) Done(inv data.Invoice, templates ...string) {
	b.T.Helper()
	for _, key := range templates {
		st := b.Steps[key]
		Must(b.T, b.Store.RecordAction(b.Ctx, &data.Action{InvoiceID: inv.ID, StepID: st.ID, DoneOn: inv.DueDate.AddDays(st.OffsetDays)}))
	}
}

// Pay records a payment of amount on an invoice.
func (b *Book) Pay(inv data.Invoice, on string, amount data.Money) {
	b.T.Helper()
	Must(b.T, b.Store.CreatePayment(b.Ctx, &data.Payment{InvoiceID: inv.ID, Date: data.MustDate(on), Amount: amount}))
}

// Actions are the steps recorded on an invoice.
func (b *Book) Actions(inv data.Invoice) []data.Action {
	b.T.Helper()
	list, err := b.Store.ListActionsByInvoice(b.Ctx, inv.ID)
	Must(b.T, err)
	return list
}
