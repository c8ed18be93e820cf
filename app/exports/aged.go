package exports

import (
	"context"
	"fmt"
	"io"

	"relance/app/dashboard"
	"relance/app/words"
	"relance/data"
)

// Aged writes the aged balance of the book on day today: what each client
// owes, not yet due and by how late, the most owed first.
func Aged(ctx context.Context, store *data.Store, out io.Writer, format Format, w words.Words, today data.Date) error {
	rows, err := agedRows(ctx, store, today)
	if err == nil {
		err = writeAged(out, format, w, rows)
	}
	if err != nil {
		return fmt.Errorf("export aged balance: %w", err)
	}
	return nil
}

// agedRows works out each client's aged balance from the unpaid invoices.
func agedRows(ctx context.Context, store *data.Store, today data.Date) ([]dashboard.ClientAged, error) {
	lines, err := store.ListInvoiceLinesOf(ctx, data.UnpaidInvoiceLines)
	if err != nil {
		return nil, err
	}
	return dashboard.AgedByClient(lines, today), nil
}

// writeAged writes an aged balance (dashboard.AgedByClient) as one table:
// a line per client with its buckets and total, and the total line.
func writeAged(out io.Writer, format Format, w words.Words, rows []dashboard.ClientAged) error {
	return writeTables(out, format, w, agedTable(w, rows))
}

// agedTable is the aged balance as a table.
func agedTable(w words.Words, rows []dashboard.ClientAged) table {
	t := table{name: w.T.L("export.sheet.aged"), columns: []column{col(w, "client", textCol, 32)}}
	for _, b := range dashboard.Buckets {
		t.columns = append(t.columns, column{header: w.T.L("export.aged." + b.Key()), kind: moneyCol, width: 14})
	}
	t.columns = append(t.columns, col(w, "total", moneyCol, 15))
	var sum dashboard.Aged
	for _, r := range rows {
		line := []any{r.ClientName}
		for _, b := range dashboard.Buckets {
			line = append(line, r.Aged[b])
			sum[b] += r.Aged[b]
		}
		t.rows = append(t.rows, append(line, r.Aged.Total()))
	}
	t.total = []any{w.T.L("export.total")}
	for _, b := range dashboard.Buckets {
		t.total = append(t.total, sum[b])
	}
	t.total = append(t.total, sum.Total())
	return t
}
