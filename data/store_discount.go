package data

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// grantEarlyDiscount copies onto a new invoice the company's early-payment
// discount when its issue date falls under the rule (EarlyDiscount), unless
// the caller gave the invoice its own terms. It reads the three columns
// only: imports create invoices by the thousand.
func (s *Store) grantEarlyDiscount(ctx context.Context, inv *Invoice) error {
	if inv.Discount.On() {
		return nil
	}
	var rule EarlyDiscount
	err := s.reader().QueryRowContext(ctx,
		`SELECT early_discount_bp, early_discount_days, early_discount_since FROM company WHERE id = 1`).
		Scan(&rule.Rate, &rule.Days, &rule.Since)
	if err != nil {
		return fmt.Errorf("read the early-payment discount: %w", translate(err))
	}
	if rule.CoversIssue(inv.IssueDate) {
		inv.Discount = EarlyDiscount{Rate: rule.Rate, Days: rule.Days}
	}
	return nil
}

// EarlyPaymentReason is the reason of the credit note an early-payment
// discount is recorded as (the book's accounting language is French).
const EarlyPaymentReason = "Escompte pour paiement anticipé"

// Events of the early-payment discount on an invoice's timeline.
const (
	// EventEarlyPayment: the discount was granted, as a credit note.
	EventEarlyPayment EventKind = "early_payment"
	// EventEarlyPaymentRevoked: a payment it was granted to was deleted
	// or reversed; the discount's credit note went with it.
	EventEarlyPaymentRevoked EventKind = "early_payment_revoked"
)

// reconcileEarlyPayment grants the invoice's early-payment discount once
// the payments dated on or before its deadline cover the amount less the
// discount: the rest of the balance (at most the discount) becomes a
// credit note marked EarlyPayment, in the transaction of the payment, so
// that the invoice closes as paid and the statement, the penalties and the
// reminders all see a settled invoice. When a payment it rested on goes
// (deleted, reversed by the bank, its statement import undone), the
// discount goes too: it was owed to that payment.
//
// Why a credit note: an escompte is accounted for as one (a "facture
// d'avoir" reduces the sale and its VAT), the balance and every reading of
// it (paid_cents) already count credit notes, and it stays on the
// timeline. After the deadline nothing is granted: the terms of the
// invoice (L441-9) said "paid before", and the balance stays owed.
// Called after every write of a payment: by hand, from a bank line, or by
// an import.
//
// inv is the invoice as read in the transaction (its terms do not change
// with a payment); without a discount it costs nothing.
func (s *Store) reconcileEarlyPayment(ctx context.Context, inv *Invoice) error {
	if !inv.Discount.On() {
		return nil
	}
	deadline := inv.DiscountDeadline()
	var inTime, paid, credited, granted int64
	err := s.reader().QueryRowContext(ctx, `
		SELECT (SELECT COALESCE(SUM(amount_cents), 0) FROM payments WHERE invoice_id = ?1 AND paid_on <= ?2),
		       (SELECT COALESCE(SUM(amount_cents), 0) FROM payments WHERE invoice_id = ?1),
		       (SELECT COALESCE(SUM(CASE WHEN early_payment THEN 0 ELSE amount_cents END), 0) FROM credit_notes WHERE invoice_id = ?1),
		       (SELECT COALESCE(SUM(CASE WHEN early_payment THEN amount_cents ELSE 0 END), 0) FROM credit_notes WHERE invoice_id = ?1)`,
		inv.ID, deadline).Scan(&inTime, &paid, &credited, &granted)
	if err != nil {
		return fmt.Errorf("payments in time of invoice %s: %w", inv.Number, translate(err))
	}
	base := inv.Amount - Money(credited)
	discount := inv.Discount.Of(base)
	earned := Money(inTime) >= base-discount
	switch left := base - Money(paid); {
	case granted > 0 && !earned:
		return s.revokeEarlyPayment(ctx, inv, Money(granted))
	case granted > 0 || !earned || left <= 0 || left > discount:
		return nil
	default:
		var last Date
		if err := s.reader().QueryRowContext(ctx,
			`SELECT MAX(paid_on) FROM payments WHERE invoice_id = ? AND paid_on <= ?`, inv.ID, deadline).Scan(&last); err != nil {
			return fmt.Errorf("payments in time of invoice %s: %w", inv.Number, translate(err))
		}
		return s.CreateCreditNote(ctx, &CreditNote{InvoiceID: inv.ID, Date: last, Amount: left, EarlyPayment: true,
			Reason: EarlyPaymentReason + " (" + ratePlain(inv.Discount.Rate) + " %)"})
	}
}

// revokeEarlyPayment removes the discount's credit note of an invoice
// whose payments in time no longer earn it. It is the one credit note
// Relance removes: it made none of it by hand, it followed a payment.
func (s *Store) revokeEarlyPayment(ctx context.Context, inv *Invoice, amount Money) error {
	if _, err := s.writer().ExecContext(ctx, `DELETE FROM credit_notes WHERE invoice_id = ? AND early_payment`, inv.ID); err != nil {
		return fmt.Errorf("revoke the discount of invoice %s: %w", inv.Number, translate(err))
	}
	if err := s.refreshSettled(ctx, inv.ID); err != nil {
		return err
	}
	return s.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventEarlyPaymentRevoked,
		Params: map[string]string{"number": inv.Number, "amount": amount.Plain()}})
}

// ratePlain writes basis points as a French percentage without the sign:
// 200 -> "2", 150 -> "1,5".
func ratePlain(bp int) string {
	s := strconv.FormatFloat(float64(bp)/100, 'f', -1, 64)
	return strings.Replace(s, ".", ",", 1)
}
