package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

const paymentColumns = `id, invoice_id, paid_on, amount_cents, method, COALESCE(bank_ref, ''), created_at,
	COALESCE(bank_line_id, 0), fees_cents`

func scanPayment(row interface{ Scan(...any) error }) (Payment, error) {
	var p Payment
	var amount, fees int64
	var created string
	if err := row.Scan(&p.ID, &p.InvoiceID, &p.Date, &amount, &p.Method, &p.BankRef, &created, &p.BankLineID, &fees); err != nil {
		return Payment{}, err
	}
	p.Amount, p.Fees = Money(amount), Money(fees)
	var err error
	p.CreatedAt, err = parseTimeText(created)
	return p, err
}

func paymentWriteError(op string, p *Payment, err error) error {
	err = translate(err)
	switch {
	case errors.Is(err, ErrAlreadyExists):
		return FieldErrors{invalid("bank_ref", ReasonDuplicate, p.BankRef)}
	case errors.Is(err, errForeignKey):
		return fmt.Errorf("%s payment: invoice %d: %w", op, p.InvoiceID, ErrNotFound)
	}
	return fmt.Errorf("%s payment: %w", op, err)
}

// CreatePayment validates p, inserts it, sets p.ID and records the event on
// the invoice's timeline.
func (s *Store) CreatePayment(ctx context.Context, p *Payment) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		inv, err := tx.GetInvoice(ctx, p.InvoiceID)
		if err != nil {
			return err
		}
		now := tx.Now()
		id, err := tx.insertID(ctx, `
			INSERT INTO payments (invoice_id, paid_on, amount_cents, method, bank_ref, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`,
			p.InvoiceID, p.Date, int64(p.Amount), p.Method, nullString(p.BankRef), timeText(now))
		if err != nil {
			return paymentWriteError("create", p, err)
		}
		p.ID = id
		p.CreatedAt = now
		if err := tx.refreshSettled(ctx, p.InvoiceID); err != nil {
			return err
		}
		if err := tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventPaymentRecorded,
			Params: map[string]string{"number": inv.Number, "amount": p.Amount.Plain(), "date": p.Date.String(), "method": p.Method}}); err != nil {
			return err
		}
		return tx.reconcileEarlyPayment(ctx, &inv)
	})
}

// GetPayment returns the payment with that id, or ErrNotFound.
func (s *Store) GetPayment(ctx context.Context, id int64) (Payment, error) {
	p, err := scanPayment(s.reader().QueryRowContext(ctx, `SELECT `+paymentColumns+` FROM payments WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Payment{}, fmt.Errorf("payment %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Payment{}, fmt.Errorf("get payment %d: %w", id, translate(err))
	}
	return p, nil
}

// ListPaymentsByInvoice returns an invoice's payments, oldest first.
func (s *Store) ListPaymentsByInvoice(ctx context.Context, invoiceID int64) ([]Payment, error) {
	return listOf(ctx, s, "list payments", scanPayment,
		`SELECT `+paymentColumns+` FROM payments WHERE invoice_id = ? ORDER BY paid_on, id`, invoiceID)
}

// UpdatePayment validates and saves p (its invoice cannot change), and
// records on the invoice's timeline what was corrected, from what to what.
func (s *Store) UpdatePayment(ctx context.Context, p *Payment) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		before, err := tx.GetPayment(ctx, p.ID)
		if err != nil {
			return err
		}
		if before.InvoiceID != p.InvoiceID {
			return fmt.Errorf("payment %d is not on invoice %d: %w", p.ID, p.InvoiceID, ErrNotFound)
		}
		inv, err := tx.GetInvoice(ctx, p.InvoiceID)
		if err != nil {
			return err
		}
		_, err = tx.writer().ExecContext(ctx, `
			UPDATE payments SET paid_on = ?, amount_cents = ?, method = ?, bank_ref = ? WHERE id = ?`,
			p.Date, int64(p.Amount), p.Method, nullString(p.BankRef), p.ID)
		if err != nil {
			return paymentWriteError("update", p, err)
		}
		if err := tx.refreshSettled(ctx, p.InvoiceID); err != nil {
			return err
		}
		if err := tx.reconcileEarlyPayment(ctx, &inv); err != nil {
			return err
		}
		p.CreatedAt = before.CreatedAt
		params := changes{}
		params.add("date", before.Date.String(), p.Date.String())
		params.add("amount", before.Amount.Plain(), p.Amount.Plain())
		params.add("method", before.Method, p.Method)
		params.add("bank_ref", before.BankRef, p.BankRef)
		if params.none() {
			return nil
		}
		params["number"] = inv.Number
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventPaymentUpdated, Params: params})
	})
}

// DeletePayment removes a payment and records it on the timeline, since a
// removed payment changes what the client owes. A payment made of a bank
// credit gives the credit back to the Bank screen once none is left of it:
// a wrong match is corrected by deleting its payment.
func (s *Store) DeletePayment(ctx context.Context, id int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		p, err := tx.GetPayment(ctx, id)
		if err != nil {
			return err
		}
		inv, err := tx.GetInvoice(ctx, p.InvoiceID)
		if err != nil {
			return err
		}
		if _, err := tx.writer().ExecContext(ctx, `DELETE FROM payments WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete payment %d: %w", id, translate(err))
		}
		if err := tx.refreshSettled(ctx, p.InvoiceID); err != nil {
			return err
		}
		if err := tx.reopenEmptyLine(ctx, p.BankLineID); err != nil {
			return err
		}
		if err := tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventPaymentDeleted,
			Params: map[string]string{"number": inv.Number, "amount": p.Amount.Plain(), "date": p.Date.String()}}); err != nil {
			return err
		}
		return tx.reconcileEarlyPayment(ctx, &inv)
	})
}
