package data

import (
	"context"
	"fmt"
)

// InvoiceLine is one line of the invoice list: what the list shows, filters
// and sorts on, and nothing more. Reading only these columns (no notes, no
// timestamps to parse) keeps a book of 100,000 invoices quick to load.
type InvoiceLine struct {
	ID           int64
	Number       string
	ClientID     int64
	ClientName   string
	ClientPaused bool // the client's reminders are paused as a whole
	DueDate      Date
	Amount       Money
	Paid         Money // the payments
	Credited     Money // the credit notes
	CreditClosed bool  // cancelled by a credit note
	State        InvoiceState
	Paused       bool
	PausedUntil  Date
}

// Status derives the line's status on day today.
func (l *InvoiceLine) Status(today Date, dueSoonDays int) Status {
	inv := Invoice{DueDate: l.DueDate, Amount: l.Amount, State: l.State, Credited: l.Credited, CreditClosed: l.CreditClosed}
	return DeriveStatus(&inv, l.Paid, today, dueSoonDays)
}

// RemindersPaused reports whether reminders on the invoice are paused on day
// d, by the invoice's own pause or by its client's.
func (l *InvoiceLine) RemindersPaused(d Date) bool {
	inv := Invoice{Paused: l.Paused, PausedUntil: l.PausedUntil}
	return l.ClientPaused || inv.PausedOn(d)
}

// ListInvoiceLines returns every invoice as a list line, in the order they
// were created (the list sorts them itself).
func (s *Store) ListInvoiceLines(ctx context.Context) ([]InvoiceLine, error) {
	// Sizing the slice first spares the copies of growing it row by row.
	var count int
	if err := s.reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM invoices`).Scan(&count); err != nil {
		return nil, fmt.Errorf("count invoices: %w", translate(err))
	}
	rows, err := s.reader().QueryContext(ctx, `
		SELECT i.id, i.number, i.client_id, c.name, c.reminders_paused, i.due_date,
		       i.amount_cents, i.paid_cents - i.credited_cents, i.credited_cents, i.credit_closed,
		       i.state, i.paused, i.paused_until
		FROM invoices i
		JOIN clients c ON c.id = i.client_id
		ORDER BY i.id`)
	if err != nil {
		return nil, fmt.Errorf("list invoice lines: %w", translate(err))
	}
	defer rows.Close()
	out := make([]InvoiceLine, 0, count)
	for rows.Next() {
		var l InvoiceLine
		var amount, paid, credited int64
		if err := rows.Scan(&l.ID, &l.Number, &l.ClientID, &l.ClientName, &l.ClientPaused, &l.DueDate,
			&amount, &paid, &credited, &l.CreditClosed, &l.State, &l.Paused, &l.PausedUntil); err != nil {
			return nil, fmt.Errorf("list invoice lines: %w", err)
		}
		l.Amount, l.Paid, l.Credited = Money(amount), Money(paid), Money(credited)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list invoice lines: %w", translate(err))
	}
	return out, nil
}
