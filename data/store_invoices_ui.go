package data

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
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

// invoiceLineColumns are a list line's, of invoice i and client c
// (scanInvoiceLine reads them).
const invoiceLineColumns = `i.id, i.number, i.client_id, c.name, c.reminders_paused, i.due_date,
	i.amount_cents, i.paid_cents - i.credited_cents, i.credited_cents, i.credit_closed,
	i.state, i.paused, i.paused_until`

func scanInvoiceLine(rows *sql.Rows) (InvoiceLine, error) {
	var l InvoiceLine
	var amount, paid, credited int64
	err := rows.Scan(&l.ID, &l.Number, &l.ClientID, &l.ClientName, &l.ClientPaused, &l.DueDate,
		&amount, &paid, &credited, &l.CreditClosed, &l.State, &l.Paused, &l.PausedUntil)
	l.Amount, l.Paid, l.Credited = Money(amount), Money(paid), Money(credited)
	return l, err
}

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
		SELECT ` + invoiceLineColumns + `
		FROM ` + invoiceLineFrom[set] + `
		JOIN clients c ON c.id = i.client_id
		` + where + `
		ORDER BY i.id`
	out := make([]InvoiceLine, 0, count)
	err := s.each(ctx, query, nil, func(rows *sql.Rows) error {
		l, err := scanInvoiceLine(rows)
		out = append(out, l)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list invoice lines: %w", err)
	}
	return out, nil
}

// UnpaidFilter is one of the invoice list's filters that only unpaid
// invoices pass: the list reads its rows alone first, so that "overdue"
// on a book of 100,000 reads the few thousand overdue invoices, not the
// book. Each is the data.Status definition, as SQL over the unpaid
// invoices' covering index (unpaid: something left to pay).
type UnpaidFilter int

// The unpaid filters, as the invoice list names them.
const (
	OpenLines     UnpaidFilter = iota // Status.Open: not written off
	DueSoonLines                      // StatusDueSoon or StatusDueToday
	OverdueLines                      // Status.Overdue
	DisputedLines                     // StatusDisputed
	PausedLines                       // open, reminders paused on the invoice or its client (InvoiceLine.RemindersPaused)
	unpaidFilterCount
)

// unpaidFilterSQL is each filter's condition on an unpaid invoice i, with ?1 today and ?2 the last day of "due soon"; the counts
// of UnpaidCounts add them up in the same order.
var unpaidFilterSQL = [unpaidFilterCount]string{
	OpenLines:     `i.state <> 'written_off'`,
	DueSoonLines:  `i.state = 'open' AND i.due_date BETWEEN ?1 AND ?2`,
	OverdueLines:  `i.state <> 'written_off' AND i.due_date < ?1`,
	DisputedLines: `i.state = 'disputed'`,
	PausedLines: `i.state <> 'written_off' AND (i.client_id IN ` + pausedClients + `
		OR (i.paused AND (i.paused_until IS NULL OR i.paused_until >= ?1)))`,
}

// pausedClients is the subquery of the clients whose reminders are paused
// (a few: through the partial index clients_paused), so that counting the
// filters needs no client row per invoice.
const pausedClients = `(SELECT id FROM clients WHERE reminders_paused = 1)`

// ListUnpaidInvoiceLines returns the lines of the unpaid invoices that
// pass filter on day today, with dueSoonDays the window of "due soon".
func (s *Store) ListUnpaidInvoiceLines(ctx context.Context, filter UnpaidFilter, today Date, dueSoonDays int) ([]InvoiceLine, error) {
	if filter < 0 || filter >= unpaidFilterCount {
		return nil, fmt.Errorf("list invoice lines: no filter %d", filter)
	}
	query := `SELECT ` + invoiceLineColumns + `
		FROM invoices i INDEXED BY invoices_open_plan
		JOIN clients c ON c.id = i.client_id
		WHERE i.paid_cents < i.amount_cents AND ` + unpaidFilterSQL[filter]
	var out []InvoiceLine
	err := s.each(ctx, query, []any{today, today.AddDays(dueSoonDays)}, func(rows *sql.Rows) error {
		l, err := scanInvoiceLine(rows)
		out = append(out, l)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list invoice lines: %w", err)
	}
	// In the order they were created, as ListInvoiceLinesOf gives them
	// (the index gives them by due date).
	slices.SortFunc(out, func(a, b InvoiceLine) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// UnpaidCounts is how many invoices pass each unpaid filter, by UnpaidFilter.
type UnpaidCounts [unpaidFilterCount]int

// CountUnpaidInvoices counts the invoices of each unpaid filter on day
// today, in one pass over the unpaid invoices' covering index.
func (s *Store) CountUnpaidInvoices(ctx context.Context, today Date, dueSoonDays int) (UnpaidCounts, error) {
	var c UnpaidCounts
	sums := make([]string, unpaidFilterCount)
	dest := make([]any, unpaidFilterCount)
	for f := range unpaidFilterCount {
		sums[f] = `COALESCE(SUM(` + unpaidFilterSQL[f] + `), 0)`
		dest[f] = &c[f]
	}
	query := `SELECT ` + strings.Join(sums, ", ") + `
		FROM invoices i INDEXED BY invoices_open_plan WHERE i.paid_cents < i.amount_cents`
	if s.observe != nil {
		s.observe(query, []any{today, today.AddDays(dueSoonDays)})
	}
	if err := s.reader().QueryRowContext(ctx, query, today, today.AddDays(dueSoonDays)).Scan(dest...); err != nil {
		return c, fmt.Errorf("count invoices: %w", translate(err))
	}
	return c, nil
}
