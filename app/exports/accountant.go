package exports

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"

	"relance/app/dashboard"
	"relance/app/words"
	"relance/data"
)

// OpenItem is one invoice with something left to pay on a day, as the
// owner's accountant reads it beside the receivables account (411).
type OpenItem struct {
	Number    string
	Client    string
	SIREN     string
	IssueDate data.Date
	DueDate   data.Date
	Amount    data.Money // including VAT
	Left      data.Money
	DaysLate  int
	Status    data.StatusKind
	LastStep  data.Step // the last dunning step taken; zero: none
	LastOn    data.Date // the day it was taken
}

// Accountant writes the open items on day asOf for the owner's
// accountant: a sheet of every invoice with something left to pay and a
// sheet of the aged balance, whose totals agree.
func Accountant(ctx context.Context, store *data.Store, out io.Writer, format Format, w words.Words, asOf data.Date) error {
	items, aged, err := accountantRows(ctx, store, asOf)
	if err == nil {
		err = WriteAccountant(out, format, w, items, aged)
	}
	if err != nil {
		return fmt.Errorf("export open items: %w", err)
	}
	return nil
}

// accountantRows reads the unpaid invoices (those the aged balance counts:
// not written off, not cancelled by a credit note) with what the dunning
// book knows of them: the issue day, the client's SIREN, the steps taken.
func accountantRows(ctx context.Context, store *data.Store, asOf data.Date) ([]OpenItem, []dashboard.ClientAged, error) {
	lines, err := store.ListInvoiceLinesOf(ctx, data.UnpaidInvoiceLines)
	if err != nil {
		return nil, nil, err
	}
	book, err := store.LoadDunningBook(ctx, data.BookQuery{})
	if err != nil {
		return nil, nil, err
	}
	return OpenItems(lines, book, asOf), dashboard.AgedByClient(lines, asOf), nil
}

// OpenItems makes the open items of the unpaid lines on day asOf, the
// earliest due first, from the book read with them.
func OpenItems(lines []data.InvoiceLine, book *data.DunningBook, asOf data.Date) []OpenItem {
	issued := make(map[int64]data.Date, len(book.Invoices))
	for _, inv := range book.Invoices {
		issued[inv.ID] = inv.IssueDate
	}
	steps := map[int64]data.Step{}
	for _, sc := range book.Scenarios {
		for _, st := range sc.Steps {
			steps[st.ID] = st
		}
	}
	var items []OpenItem
	for i := range lines {
		l := &lines[i]
		if !dashboard.Counts(l) {
			continue
		}
		it := OpenItem{Number: l.Number, Client: l.ClientName, IssueDate: issued[l.ID], DueDate: l.DueDate,
			Amount: l.Amount, Left: dashboard.Left(l), DaysLate: max(asOf.DaysSince(l.DueDate), 0),
			Status: l.Status(asOf, book.Company.DueSoonDays).Kind}
		if c := book.Clients[l.ClientID]; c != nil {
			it.SIREN = c.SIREN
		}
		it.LastStep, it.LastOn = lastStep(book.Actions[l.ID], steps)
		items = append(items, it)
	}
	sortOpenItems(items)
	return items
}

// lastStep is the last step done among an invoice's actions (oldest
// first), and its day.
func lastStep(actions []data.Action, steps map[int64]data.Step) (data.Step, data.Date) {
	for i := len(actions) - 1; i >= 0; i-- {
		a := actions[i]
		if st, ok := steps[a.StepID]; ok && a.Status == data.ActionDone && st.Channel != data.ChannelThankYou {
			return st, a.DoneOn
		}
	}
	return data.Step{}, data.Date{}
}

// WriteAccountant writes the open items and the aged balance: two sheets
// of one XLSX workbook, or two tables one after the other in a CSV.
func WriteAccountant(out io.Writer, format Format, w words.Words, items []OpenItem, aged []dashboard.ClientAged) error {
	return writeTables(out, format, w, openItemsTable(w, items), agedTable(w, aged))
}

func openItemsTable(w words.Words, items []OpenItem) table {
	t := table{name: w.T.L("export.sheet.open_items"), columns: []column{
		col(w, "number", textCol, 16), col(w, "client", textCol, 32), col(w, "siren", textCol, 12),
		col(w, "issue_date", dateCol, 12), col(w, "due_date", dateCol, 12), col(w, "amount", moneyCol, 14),
		col(w, "left", moneyCol, 14), col(w, "days_late", countCol, 10), col(w, "status", textCol, 16),
		col(w, "last_step", textCol, 24), col(w, "last_step_on", dateCol, 12),
	}}
	var amount, left data.Money
	for _, it := range items {
		step := ""
		if it.LastStep.ID != 0 {
			step = w.StepName(it.LastStep)
		}
		t.rows = append(t.rows, []any{it.Number, it.Client, it.SIREN, it.IssueDate, it.DueDate, it.Amount, it.Left,
			it.DaysLate, statusName(w, it.Status), step, it.LastOn})
		amount += it.Amount
		left += it.Left
	}
	t.total = []any{w.T.L("export.total"), "", "", nil, nil, amount, left, nil, "", "", nil}
	return t
}

// sortOpenItems puts the earliest due first, then by number.
func sortOpenItems(items []OpenItem) {
	slices.SortFunc(items, func(a, b OpenItem) int {
		return cmp.Or(a.DueDate.Compare(b.DueDate), cmp.Compare(a.Number, b.Number))
	})
}
