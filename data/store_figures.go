package data

import (
	"context"
	"fmt"
)

// KeyFigures are the totals the owner reads first every morning.
type KeyFigures struct {
	Outstanding    Money // still owed on open invoices (not written off)
	Overdue        Money // of which past its due date
	OverdueCount   int
	DueSoon        Money // falling due from today to today + the due-soon window
	DueSoonCount   int
	CollectedMonth Money // payments received since the first of the month
	CollectedCount int
}

// GetKeyFigures computes the key figures as of day today, with dueSoonDays
// the window of "due soon".
func (s *Store) GetKeyFigures(ctx context.Context, today Date, dueSoonDays int) (KeyFigures, error) {
	var k KeyFigures
	var outstanding, overdue, dueSoon, collected int64
	err := s.reader().QueryRowContext(ctx, `
		SELECT COALESCE(SUM(amount_cents - paid_cents), 0),
		       COALESCE(SUM(CASE WHEN due_date < ?1 THEN amount_cents - paid_cents ELSE 0 END), 0),
		       COALESCE(SUM(CASE WHEN due_date < ?1 THEN 1 ELSE 0 END), 0),
		       COALESCE(SUM(CASE WHEN due_date BETWEEN ?1 AND ?2 THEN amount_cents - paid_cents ELSE 0 END), 0),
		       COALESCE(SUM(CASE WHEN due_date BETWEEN ?1 AND ?2 THEN 1 ELSE 0 END), 0)
		FROM invoices
		WHERE paid_cents < amount_cents AND state <> 'written_off'`,
		today, today.AddDays(dueSoonDays)).Scan(&outstanding, &overdue, &k.OverdueCount, &dueSoon, &k.DueSoonCount)
	if err != nil {
		return k, fmt.Errorf("key figures: %w", translate(err))
	}
	err = s.reader().QueryRowContext(ctx, `
		SELECT COALESCE(SUM(amount_cents), 0), COUNT(*) FROM payments WHERE paid_on BETWEEN ? AND ?`,
		today.FirstOfMonth(), today).Scan(&collected, &k.CollectedCount)
	if err != nil {
		return k, fmt.Errorf("key figures: %w", translate(err))
	}
	k.Outstanding, k.Overdue, k.DueSoon, k.CollectedMonth = Money(outstanding), Money(overdue), Money(dueSoon), Money(collected)
	return k, nil
}

// ClientSummary is what the client list shows of a client: who it is,
// where, and its totals.
type ClientSummary struct {
	ID              int64
	Name            string
	ContactName     string
	Email, EmailCC  string
	City            string
	Category        string
	RemindersPaused bool
	Archived        bool
	Invoices        int   // all the client's invoices
	Outstanding     Money // still owed (written-off invoices left out)
	Overdue         Money // of which past due
	OverdueCount    int
	// Grade is the payer grade kept by the last grading ("A" to "E"; ""
	// when never graded or too early to say): read, not computed, so that
	// the list costs no history.
	Grade string
}

// ListClientSummaries returns every client, in the order of their ids,
// with its totals as of today. The list sorts them itself (by name with
// accents folded, or by amount): an ORDER BY name here would sort them once
// more, through a temporary index, for nothing. ORDER BY id costs SQLite
// nothing (the table is in that order) and gives a server the same order.
//
// It reads the columns the list shows, not the whole client, and its
// totals from two small reads rather than one pass over every invoice: the
// number of invoices from the count the store keeps per client
// (client_invoice_counts), what is owed from the unpaid invoices' covering
// index (the settled ones, 92 % of a real book, owe nothing), the grade
// from the one kept per client (client_grades, by its primary key).
func (s *Store) ListClientSummaries(ctx context.Context, today Date) ([]ClientSummary, error) {
	query := `
		SELECT c.id, c.name, c.contact_name, c.email, c.email_cc, c.city, c.category, c.reminders_paused,
		       c.archived_at IS NOT NULL,
		       COALESCE(n.invoices, 0), COALESCE(o.outstanding, 0), COALESCE(o.overdue, 0), COALESCE(o.overdue_count, 0),
		       COALESCE(g.grade, '')
		FROM clients c
		LEFT JOIN client_invoice_counts n ON n.client_id = c.id
		LEFT JOIN client_grades g ON g.client_id = c.id
		LEFT JOIN (
			SELECT client_id,
			       SUM(CASE WHEN state <> 'written_off' THEN amount_cents - paid_cents ELSE 0 END) AS outstanding,
			       SUM(CASE WHEN state <> 'written_off' AND due_date < ? THEN amount_cents - paid_cents ELSE 0 END) AS overdue,
			       SUM(CASE WHEN state <> 'written_off' AND due_date < ? THEN 1 ELSE 0 END) AS overdue_count
			FROM invoices INDEXED BY invoices_open_plan WHERE paid_cents < amount_cents GROUP BY client_id
		) o ON o.client_id = c.id
		ORDER BY c.id`
	if s.observe != nil {
		s.observe(query, []any{today, today})
	}
	rows, err := s.reader().QueryContext(ctx, query, today, today)
	if err != nil {
		return nil, fmt.Errorf("list clients: %w", translate(err))
	}
	defer rows.Close()
	var out []ClientSummary
	for rows.Next() {
		var cs ClientSummary
		var outstanding, overdue int64
		err := rows.Scan(&cs.ID, &cs.Name, &cs.ContactName, &cs.Email, &cs.EmailCC, &cs.City, &cs.Category,
			&cs.RemindersPaused, &cs.Archived, &cs.Invoices, &outstanding, &overdue, &cs.OverdueCount, &cs.Grade)
		if err != nil {
			return nil, fmt.Errorf("list clients: %w", translate(err))
		}
		cs.Outstanding, cs.Overdue = Money(outstanding), Money(overdue)
		out = append(out, cs)
	}
	return out, rows.Err()
}
