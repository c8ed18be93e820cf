package data

import (
	"context"
	"fmt"
)

const promiseColumns = `id, invoice_id, made_on, promised_on, amount_cents, channel, status, settled_on`

func scanPromise(row interface{ Scan(...any) error }) (Promise, error) {
	var p Promise
	var amount int64
	err := row.Scan(&p.ID, &p.InvoiceID, &p.MadeOn, &p.PromisedOn, &amount, &p.Channel, &p.Status, &p.SettledOn)
	p.Amount = Money(amount)
	return p, err
}

// CreatePromise records a client's promise to pay and puts it on the timeline.
func (s *Store) CreatePromise(ctx context.Context, p *Promise) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		inv, err := tx.GetInvoice(ctx, p.InvoiceID)
		if err != nil {
			return err
		}
		id, err := tx.insertID(ctx, `
			INSERT INTO promises (invoice_id, made_on, promised_on, amount_cents, channel, status, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			p.InvoiceID, p.MadeOn, p.PromisedOn, int64(p.Amount), p.Channel, p.Status, timeText(tx.Now()))
		if err != nil {
			return fmt.Errorf("create promise: %w", translate(err))
		}
		p.ID = id
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventPromiseMade,
			Params: map[string]string{"number": inv.Number, "amount": p.Amount.Plain(), "date": p.PromisedOn.String()}})
	})
}

// ListPromisesByInvoice returns an invoice's promises, oldest first.
func (s *Store) ListPromisesByInvoice(ctx context.Context, invoiceID int64) ([]Promise, error) {
	return s.listPromises(ctx, `WHERE invoice_id = ? ORDER BY made_on, id`, invoiceID)
}

func (s *Store) listPromises(ctx context.Context, tail string, args ...any) ([]Promise, error) {
	return listOf(ctx, s, "list promises", scanPromise, `SELECT `+promiseColumns+` FROM promises `+tail, args...)
}

// SettlePromise marks an open promise kept, broken or cancelled on day on,
// and records it on the timeline. Settling a promise that is no longer open
// does nothing, so two runs of the planner cannot record it twice.
func (s *Store) SettlePromise(ctx context.Context, id int64, status string, on Date) error {
	kind := map[string]EventKind{PromiseKept: EventPromiseKept, PromiseBroken: EventPromiseBroken, PromiseCancelled: EventNote}[status]
	if kind == "" {
		return invalid("status", ReasonUnknownChoice, status)
	}
	return s.InTx(ctx, func(tx *Store) error {
		res, err := tx.writer().ExecContext(ctx,
			`UPDATE promises SET status = ?, settled_on = ? WHERE id = ? AND status = 'open'`, status, on, id)
		if err != nil {
			return fmt.Errorf("settle promise %d: %w", id, translate(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		p, err := scanPromise(tx.reader().QueryRowContext(ctx, `SELECT `+promiseColumns+` FROM promises WHERE id = ?`, id))
		if err != nil {
			return err
		}
		inv, err := tx.GetInvoice(ctx, p.InvoiceID)
		if err != nil {
			return err
		}
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: kind,
			Params: map[string]string{"number": inv.Number, "amount": p.Amount.Plain(), "date": p.PromisedOn.String(), "status": status}})
	})
}
