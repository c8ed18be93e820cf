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
	// DelayReason is why the client said it was late (DelayNone: it did
	// not say, or was not asked).
	DelayReason DelayReason
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
// in four reads merged here: the invoices, the day each was last paid (the
// payments' covering index), the invoices ever disputed (the state
// changes' own index) and the promises counted per client. Correlated
// subqueries per invoice took seconds on a book of 100,000 invoices.
func (s *Store) LoadPayerBook(ctx context.Context, clientID int64) (PayerBook, error) {
	b := PayerBook{Promises: map[int64]PromiseCounts{}}
	lastPaid := map[int64]Date{}
	disputed := map[int64]bool{}
	of := ` WHERE (?1 = 0 OR i.client_id = ?1)`
	args := []any{clientID}
	err := s.inSnapshot(ctx, func(tx *Store) error {
		err := tx.each(ctx, `SELECT p.invoice_id, MAX(p.paid_on) FROM payments p INDEXED BY payments_invoice_plan
			JOIN invoices i ON i.id = p.invoice_id`+of+` GROUP BY p.invoice_id`, args, func(rows *sql.Rows) error {
			var id int64
			var day Date
			if err := rows.Scan(&id, &day); err != nil {
				return err
			}
			lastPaid[id] = day
			return nil
		})
		if err != nil {
			return fmt.Errorf("payer history: payments: %w", err)
		}
		err = tx.each(ctx, `SELECT DISTINCT e.invoice_id FROM events e INDEXED BY events_state_changed
			JOIN invoices i ON i.id = e.invoice_id`+of+` AND e.kind = 'state_changed'
			  AND json_extract(e.params, '$.to') IN ('disputed', 'in_litigation')`, args, func(rows *sql.Rows) error {
			var id int64
			err := rows.Scan(&id)
			disputed[id] = true
			return err
		})
		if err != nil {
			return fmt.Errorf("payer history: disputes: %w", err)
		}
		err = tx.each(ctx, `SELECT i.id, i.client_id, i.amount_cents, i.paid_cents, i.issue_date, i.due_date, i.state,
			       i.delay_reason
			FROM invoices i`+of+` ORDER BY i.client_id, i.due_date, i.id`, args, func(rows *sql.Rows) error {
			var inv PayerInvoice
			if err := rows.Scan(&inv.ID, &inv.ClientID, &inv.Amount, &inv.Paid, &inv.IssueDate, &inv.DueDate,
				&inv.State, &inv.DelayReason); err != nil {
				return err
			}
			if inv.Paid >= inv.Amount {
				inv.SettledOn = lastPaid[inv.ID]
				if inv.SettledOn.IsZero() {
					inv.SettledOn = inv.DueDate // settled by a credit note alone: never late
				}
			}
			inv.Disputed = disputed[inv.ID] || inv.State == StateDisputed || inv.State == StateInLitigation
			b.Invoices = append(b.Invoices, inv)
			return nil
		})
		if err != nil {
			return fmt.Errorf("payer history: %w", err)
		}
		return tx.each(ctx, `SELECT i.client_id, SUM(CASE WHEN p.status = 'kept' THEN 1 ELSE 0 END), SUM(CASE WHEN p.status = 'broken' THEN 1 ELSE 0 END)
			FROM promises p JOIN invoices i ON i.id = p.invoice_id`+of+` GROUP BY i.client_id`, args, func(rows *sql.Rows) error {
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
