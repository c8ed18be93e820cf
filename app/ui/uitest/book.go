package uitest

import (
	"context"
	"testing"

	"relance/data"
)

// InvoiceBookRow is one invoice of InvoiceBook: its number, its client
// (an index into InvoiceBookClients), the days from Day to its due date,
// its amount in euros.
type InvoiceBookRow struct {
	Number string
	Client int
	Due    int
	Amount int64
}

// InvoiceBookClients are InvoiceBook's clients, all in Lyon; the third has
// its reminders paused.
var InvoiceBookClients = []string{"Électricité Berthier EURL", "Boulangerie Martin", "Café Durand"}

// InvoiceBookRows are InvoiceBook's invoices, each in a known state on Day
// (due soon means within 7 days).
var InvoiceBookRows = []InvoiceBookRow{
	{"FA-2026-0001", 0, -30, 1000}, // overdue 30 days
	{"FA-2026-0002", 1, -5, 5000},  // overdue 5 days
	{"FA-2026-0003", 1, 3, 200},    // due soon
	{"FA-2026-0004", 0, 40, 300},   // not due
	{"FA-2026-0005", 1, -60, 800},  // paid
	{"FA-2026-0006", 0, -20, 600},  // disputed
	{"FA-2026-0007", 1, -10, 400},  // overdue, paused until 10 December
	{"FA-2026-0008", 2, -2, 700},   // overdue, its client paused
	{"FA-2026-0009", 2, -100, 900}, // written off
}

// InvoiceBook fills an empty book with InvoiceBookClients and
// InvoiceBookRows, in their states, and the company details letters need;
// it returns the invoices' ids by number.
func InvoiceBook(t testing.TB, store *data.Store) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	CompleteCompany(t, store)
	var clients []int64
	lyon := data.Address{Street: "8 rue de la Poste", PostalCode: "69001", City: "Lyon"}
	for i, name := range InvoiceBookClients {
		c := data.Client{Name: name, Address: lyon}
		if i == 2 {
			c.RemindersPaused, c.PausedReason = true, "redressement judiciaire"
		}
		clients = append(clients, Client(t, store, c).ID)
	}
	ids := map[string]int64{}
	for _, r := range InvoiceBookRows {
		due := Day.AddDays(r.Due)
		inv := data.Invoice{Number: r.Number, ClientID: clients[r.Client], IssueDate: due.AddDays(-30), DueDate: due,
			Amount: data.Money(r.Amount * 100)}
		Must(t, store.CreateInvoice(ctx, &inv))
		ids[r.Number] = inv.ID
	}
	Must(t, store.CreatePayment(ctx, &data.Payment{InvoiceID: ids["FA-2026-0005"], Date: Day.AddDays(-50), Amount: 80000}))
	Must(t, store.SetInvoiceState(ctx, ids["FA-2026-0006"], data.StateDisputed, "livraison incomplète"))
	Must(t, store.PauseInvoice(ctx, ids["FA-2026-0007"], Day.AddDays(16), "attente d'un avoir"))
	Must(t, store.SetInvoiceState(ctx, ids["FA-2026-0009"], data.StateWrittenOff, "liquidation"))
	return ids
}
