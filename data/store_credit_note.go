package data

import (
	"context"
	"fmt"
)

const creditNoteColumns = `id, invoice_id, issued_on, amount_cents, reason, created_at, early_payment`

func scanCreditNote(row rowScanner) (CreditNote, error) {
	var c CreditNote
	var amount int64
	var created string
	if err := row.Scan(&c.ID, &c.InvoiceID, &c.Date, &amount, &c.Reason, &created, &c.EarlyPayment); err != nil {
		return CreditNote{}, err
	}
	c.Amount = Money(amount)
	var err error
	c.CreatedAt, err = parseTimeText(created)
	return c, err
}

// CreateCreditNote issues a credit note on an invoice, in one transaction
// with the invoice's new balance and the timeline's line. It cannot credit
// more than is still owed (a FieldError on "amount", ReasonCreditTooLarge,
// whose Value is what is owed). A credit note that brings the balance to
// zero closes the invoice: it leaves the open set, is never reminded again
// and gets no thank-you.
func (s *Store) CreateCreditNote(ctx context.Context, c *CreditNote) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		inv, err := tx.GetInvoice(ctx, c.InvoiceID)
		if err != nil {
			return err
		}
		owed, err := tx.stillOwed(ctx, inv.ID)
		if err != nil {
			return err
		}
		if c.Amount > owed {
			return FieldErrors{{Field: "amount", Reason: ReasonCreditTooLarge, Value: max(owed, 0).Plain()}}
		}
		now := tx.Now()
		id, err := tx.insertID(ctx, `
			INSERT INTO credit_notes (invoice_id, issued_on, amount_cents, reason, created_at, early_payment)
			VALUES (?, ?, ?, ?, ?, ?)`,
			c.InvoiceID, c.Date, int64(c.Amount), c.Reason, timeText(now), c.EarlyPayment)
		if err != nil {
			return fmt.Errorf("credit note on invoice %s: %w", inv.Number, translate(err))
		}
		c.ID = id
		c.CreatedAt = now
		if err := tx.refreshSettled(ctx, inv.ID); err != nil {
			return err
		}
		params := map[string]string{"number": inv.Number, "amount": c.Amount.Plain(), "date": c.Date.String(),
			"reason": c.Reason}
		if c.Amount == owed && !c.EarlyPayment {
			params["closed"] = "1"
		}
		kind := EventCreditNote
		if c.EarlyPayment {
			kind = EventEarlyPayment
		}
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: kind, Params: params})
	})
}

// ListCreditNotesByInvoice returns an invoice's credit notes, oldest first.
func (s *Store) ListCreditNotesByInvoice(ctx context.Context, invoiceID int64) ([]CreditNote, error) {
	return listOf(ctx, s, "list credit notes", scanCreditNote,
		`SELECT `+creditNoteColumns+` FROM credit_notes WHERE invoice_id = ? ORDER BY issued_on, id`, invoiceID)
}

// stillOwed is the invoice's amount less its payments and credit notes
// (negative when overpaid).
func (s *Store) stillOwed(ctx context.Context, invoiceID int64) (Money, error) {
	var owed int64
	err := s.reader().QueryRowContext(ctx, `SELECT amount_cents - paid_cents FROM invoices WHERE id = ?`, invoiceID).Scan(&owed)
	if err != nil {
		return 0, fmt.Errorf("balance of invoice %d: %w", invoiceID, translate(err))
	}
	return Money(owed), nil
}

// refreshSettled recomputes what the invoice caches of its payments and
// credit notes (migration 0008): paid_cents, what is settled (payments
// plus credit notes, so that "paid_cents < amount_cents" is the open set
// for both); credited_cents; and credit_closed, set when a credit note
// rather than a payment settled it (a credit note dated on or after the
// last payment, with the payments alone short of the amount). An
// early-payment discount counts with the payments there: the client paid
// what the invoice's terms asked, the invoice is paid, not cancelled. Called in
// the transaction of every write of a payment, a credit note or an amount.
func (s *Store) refreshSettled(ctx context.Context, invoiceID int64) error {
	_, err := s.writer().ExecContext(ctx, `
		UPDATE invoices SET (paid_cents, credited_cents, credit_closed) = (
		       SELECT p.total + c.total, c.total,
		              CASE WHEN c.total > c.escompte AND p.total + c.escompte < invoices.amount_cents
		                        AND p.total + c.total >= invoices.amount_cents
		                        AND (p.last IS NULL OR c.last >= p.last) THEN TRUE ELSE FALSE END
		       FROM (SELECT COALESCE(SUM(amount_cents), 0) AS total, MAX(paid_on) AS last
		             FROM payments WHERE invoice_id = ?1) p,
		            (SELECT COALESCE(SUM(amount_cents), 0) AS total,
		                    COALESCE(SUM(CASE WHEN early_payment THEN amount_cents ELSE 0 END), 0) AS escompte,
		                    MAX(CASE WHEN early_payment THEN NULL ELSE issued_on END) AS last
		             FROM credit_notes WHERE invoice_id = ?1) c)
		WHERE id = ?1`, invoiceID)
	if err != nil {
		return fmt.Errorf("update the balance of invoice %d: %w", invoiceID, translate(err))
	}
	return nil
}
