package exports

import (
	"context"
	"fmt"
	"io"

	"relance/app/words"
	"relance/data"
)

// Invoices writes every invoice of the book as it stands on day today:
// number, client, days, amounts, status and days late, the latest due
// first, with a total line.
func Invoices(ctx context.Context, store *data.Store, out io.Writer, format Format, w words.Words, today data.Date) error {
	company, err := store.GetCompany(ctx)
	if err != nil {
		return fmt.Errorf("export invoices: %w", err)
	}
	invoices, err := store.ListInvoiceSummaries(ctx)
	if err != nil {
		return fmt.Errorf("export invoices: %w", err)
	}
	if err := WriteInvoices(out, format, w, invoices, today, company.DueSoonDays); err != nil {
		return fmt.Errorf("export invoices: %w", err)
	}
	return nil
}

// WriteInvoices writes invoices as one table, their status derived on day
// today (dueSoonDays: the window of "due soon").
func WriteInvoices(out io.Writer, format Format, w words.Words, invoices []data.InvoiceSummary, today data.Date, dueSoonDays int) error {
	t := table{name: w.T.L("export.sheet.invoices"), columns: []column{
		col(w, "number", textCol, 16), col(w, "client", textCol, 32), col(w, "issue_date", dateCol, 12),
		col(w, "due_date", dateCol, 12), col(w, "amount", moneyCol, 14), col(w, "paid", moneyCol, 14),
		col(w, "credited", moneyCol, 14), col(w, "left", moneyCol, 14), col(w, "status", textCol, 18),
		col(w, "days_late", countCol, 10),
	}}
	var sum [4]data.Money // amount, paid, credited, left
	for i := range invoices {
		inv := &invoices[i]
		st := inv.Status(today, dueSoonDays)
		t.rows = append(t.rows, []any{inv.Number, inv.ClientName, inv.IssueDate, inv.DueDate, inv.Amount,
			st.Paid, st.Credited, st.Outstanding, statusName(w, st.Kind), st.DaysLate})
		for j, m := range []data.Money{inv.Amount, st.Paid, st.Credited, st.Outstanding} {
			sum[j] += m
		}
	}
	t.total = []any{w.T.L("export.total"), "", nil, nil, sum[0], sum[1], sum[2], sum[3], "", nil}
	return writeTables(out, format, w, t)
}

// statusName names a status kind in a cell: "Overdue", "Paid" (the days
// late have their own column).
func statusName(w words.Words, k data.StatusKind) string { return w.T.L("export.status." + k.Key()) }
