package data

import (
	"context"
	"database/sql"
	"fmt"
)

// PayerInvoice is what a payer profile reads of one invoice: what was owed,
// when, and when it was settled.
type PayerInvoice struct {
	ID       int64
	ClientID int64
	Amount   Money
	Paid     Money // settled: payments and credit notes
	IssueDate,
	DueDate Date
	State     InvoiceState
	SettledOn Date // the last payment's day once fully paid; zero while unpaid
	Disputed  bool // disputed or in litigation, now or once
}

// PayerBook is the history payer profiles are made from: every invoice,
// and each client's promises kept and broken.
type PayerBook struct {
	Invoices []PayerInvoice // by client, then by due date
	Promises map[int64]PromiseCounts
}

// PromiseCounts are a client's promises, by how they ended.
type PromiseCounts struct{ Kept, Broken int }

// LoadPayerBook reads the history of every client (clientID 0) or of one,
// in two reads: the invoices with the day each was settled, and the
// promises counted per client.
func (s *Store) LoadPayerBook(ctx context.Context, clientID int64) (PayerBook, error) {
	b := PayerBook{Promises: map[int64]PromiseCounts{}}
	err := s.inSnapshot(ctx, func(tx *Store) error {
		err := tx.each(ctx, `SELECT i.id, i.client_id, i.amount_cents, i.paid_cents, i.issue_date, i.due_date, i.state,
			       CASE WHEN i.paid_cents >= i.amount_cents THEN
			            (SELECT MAX(p.paid_on) FROM payments p WHERE p.invoice_id = i.id) END,
			       i.state IN ('disputed', 'in_litigation') OR EXISTS (SELECT 1 FROM events e
			            WHERE e.invoice_id = i.id AND e.kind = 'state_changed'
			              AND json_extract(e.params, '$.to') IN ('disputed', 'in_litigation'))
			FROM invoices i WHERE ?1 = 0 OR i.client_id = ?1
			ORDER BY i.client_id, i.due_date, i.id`, []any{clientID}, func(rows *sql.Rows) error {
			var inv PayerInvoice
			var settled sql.NullString
			if err := rows.Scan(&inv.ID, &inv.ClientID, &inv.Amount, &inv.Paid, &inv.IssueDate, &inv.DueDate, &inv.State,
				&settled, &inv.Disputed); err != nil {
				return err
			}
			if settled.Valid {
				d, err := ParseDate(settled.String)
				if err != nil {
					return err
				}
				inv.SettledOn = d
			} else if inv.Paid >= inv.Amount {
				inv.SettledOn = inv.DueDate // settled by a credit note alone: never late
			}
			b.Invoices = append(b.Invoices, inv)
			return nil
		})
		if err != nil {
			return fmt.Errorf("payer history: %w", err)
		}
		return tx.each(ctx, `SELECT i.client_id, SUM(p.status = 'kept'), SUM(p.status = 'broken')
			FROM promises p JOIN invoices i ON i.id = p.invoice_id
			WHERE ?1 = 0 OR i.client_id = ?1 GROUP BY i.client_id`, []any{clientID}, func(rows *sql.Rows) error {
			var id int64
			var c PromiseCounts
			if err := rows.Scan(&id, &c.Kept, &c.Broken); err != nil {
				return err
			}
			b.Promises[id] = c
			return nil
		})
	})
	return b, err
}
