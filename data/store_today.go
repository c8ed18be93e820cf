package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// idList is an IN-list subquery over ids, passed as one JSON array
// parameter: one prepared statement whatever their number.
func idList(ids []int64) (string, any, error) {
	list, err := json.Marshal(ids)
	if err != nil {
		return "", nil, err
	}
	return `(SELECT value FROM json_each(?))`, string(list), nil
}

// ListClientsByIDs returns the clients with those ids, by id. An id that
// matches no client is left out.
func (s *Store) ListClientsByIDs(ctx context.Context, ids []int64) (map[int64]Client, error) {
	out := make(map[int64]Client, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	set, arg, err := idList(ids)
	if err != nil {
		return nil, err
	}
	err = s.each(ctx, `SELECT `+clientColumns+` FROM clients WHERE id IN `+set, []any{arg}, func(rows *sql.Rows) error {
		c, err := scanClient(rows)
		out[c.ID] = c
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list clients by id: %w", err)
	}
	return out, nil
}

// ListLastPromisesByInvoices returns the latest promise made on each of
// those invoices (the one the planner acts on), by invoice id. Invoices
// without a promise are left out.
func (s *Store) ListLastPromisesByInvoices(ctx context.Context, invoiceIDs []int64) (map[int64]Promise, error) {
	out := make(map[int64]Promise, len(invoiceIDs))
	if len(invoiceIDs) == 0 {
		return out, nil
	}
	set, arg, err := idList(invoiceIDs)
	if err != nil {
		return nil, err
	}
	// Rows come oldest first, so the last one kept per invoice is its latest.
	err = s.each(ctx, `SELECT `+promiseColumns+` FROM promises WHERE invoice_id IN `+set+` ORDER BY made_on, id`,
		[]any{arg}, func(rows *sql.Rows) error {
			p, err := scanPromise(rows)
			out[p.InvoiceID] = p
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("list last promises: %w", err)
	}
	return out, nil
}
