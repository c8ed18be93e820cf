package data

import (
	"context"
	"database/sql"
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

// InvoiceLineSet says which invoices a list reads.
type InvoiceLineSet int

// The parts of the book the invoice list reads: the unpaid ones first
// (a few thousand on a book of 100,000, through the partial index on
// unpaid invoices: they are what the owner works on), then the settled
// ones, when the list needs them.
const (
	AllInvoiceLines     InvoiceLineSet = iota
	UnpaidInvoiceLines                 // something left to pay (written off and disputed ones included)
	SettledInvoiceLines                // paid, or cancelled by credit notes
)

// invoiceLineWhere is each set's condition; the unpaid one is the
// condition of the partial index invoices_open, word for word, so that
// SQLite reads through it.
var invoiceLineWhere = [...]string{AllInvoiceLines: "", UnpaidInvoiceLines: "WHERE i.paid_cents < i.amount_cents",
	SettledInvoiceLines: "WHERE i.paid_cents >= i.amount_cents"}

// invoiceLineFrom is where each set is read from: the unpaid lines from
// the covering index invoices_open_plan, without visiting the table.
var invoiceLineFrom = [...]string{AllInvoiceLines: "invoices i", UnpaidInvoiceLines: "invoices i INDEXED BY invoices_open_plan",
	SettledInvoiceLines: "invoices i"}

// ListInvoiceLines returns every invoice as a list line, in the order they
// were created (the list sorts them itself).
func (s *Store) ListInvoiceLines(ctx context.Context) ([]InvoiceLine, error) {
	return s.ListInvoiceLinesOf(ctx, AllInvoiceLines)
}

// ListInvoiceLinesOf returns the invoices of a set as list lines.
func (s *Store) ListInvoiceLinesOf(ctx context.Context, set InvoiceLineSet) ([]InvoiceLine, error) {
	where := invoiceLineWhere[set]
	// Sizing the slice first spares the copies of growing it row by row.
	var count int
	if err := s.reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM invoices i `+where).Scan(&count); err != nil {
		return nil, fmt.Errorf("count invoices: %w", translate(err))
	}
	query := `
		SELECT i.id, i.number, i.client_id, c.name, c.reminders_paused, i.due_date,
		       i.amount_cents, i.paid_cents - i.credited_cents, i.credited_cents, i.credit_closed,
		       i.state, i.paused, i.paused_until
		FROM ` + invoiceLineFrom[set] + `
		JOIN clients c ON c.id = i.client_id
		` + where + `
		ORDER BY i.id`
	out := make([]InvoiceLine, 0, count)
	err := s.each(ctx, query, nil, func(rows *sql.Rows) error {
		var l InvoiceLine
		var amount, paid, credited int64
		if err := rows.Scan(&l.ID, &l.Number, &l.ClientID, &l.ClientName, &l.ClientPaused, &l.DueDate,
			&amount, &paid, &credited, &l.CreditClosed, &l.State, &l.Paused, &l.PausedUntil); err != nil {
			return err
		}
		l.Amount, l.Paid, l.Credited = Money(amount), Money(paid), Money(credited)
		out = append(out, l)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list invoice lines: %w", err)
	}
	return out, nil
}
