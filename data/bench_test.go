package data

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// benchBook sizes: DESIGN.md's performance targets.
const (
	benchClients  = 10_000
	benchInvoices = 100_000
)

var benchToday = MustDate("2026-06-01")

// seedBook writes clients, invoices, payments and dunning actions straight
// through SQL (the store API would also write one event per record, which
// only slows the set-up). Invoices are issued over the 600 days before
// benchToday and paid in three instalments 20 to 22 days after issue,
// except those not paid yet and one in twenty of the last 90 days, which
// stay partly unpaid (older ones were paid or written off, as in a real
// book) with two dunning steps done.
func seedBook(b *testing.B, s *Store) {
	b.Helper()
	ctx := context.Background()
	err := s.InTx(ctx, func(tx *Store) error {
		now := timeText(tx.Now())
		w := tx.writer()
		for c := 1; c <= benchClients; c++ {
			if _, err := w.ExecContext(ctx, `INSERT INTO clients (id, name, kind, created_at, updated_at)
				VALUES (?, ?, 'professional', ?, ?)`, c, fmt.Sprintf("Client %05d", c), now, now); err != nil {
				return err
			}
		}
		first := benchToday.AddDays(-600)
		for i := 1; i <= benchInvoices; i++ {
			issue := first.AddDays(i % 600)
			amount := 10000 + i%500000
			if _, err := w.ExecContext(ctx, `INSERT INTO invoices (id, number, client_id, issue_date, due_date,
				amount_cents, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				i, fmt.Sprintf("FA-%07d", i), 1+i%benchClients, issue, issue.AddDays(30), amount, now, now); err != nil {
				return err
			}
			if err := seedHistory(ctx, w, i, issue, amount, now); err != nil {
				return err
			}
		}
		_, err := w.ExecContext(ctx, `UPDATE invoices SET paid_cents =
			(SELECT COALESCE(SUM(amount_cents), 0) FROM payments WHERE invoice_id = invoices.id)`)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
}

func seedHistory(ctx context.Context, w querier, i int, issue Date, amount int, now string) error {
	open := i%20 == 0 && issue.After(benchToday.AddDays(-90))
	for p := 0; p < 3; p++ {
		part := amount / 3
		if p == 2 {
			part = amount - 2*(amount/3)
		}
		if open {
			part /= 4
		}
		paidOn := issue.AddDays(20 + p)
		if paidOn.After(benchToday) {
			break // not paid yet
		}
		if _, err := w.ExecContext(ctx, `INSERT INTO payments (invoice_id, paid_on, amount_cents, created_at)
			VALUES (?, ?, ?, ?)`, i, paidOn, part, now); err != nil {
			return err
		}
	}
	if !open {
		return nil
	}
	for step := 1; step <= 2; step++ {
		if _, err := w.ExecContext(ctx, `INSERT INTO actions (invoice_id, step_id, planned_on, status, done_at, done_on)
			VALUES (?, ?, ?, 'done', ?, ?)`, i, step, issue.AddDays(23+step), now, issue.AddDays(23+step)); err != nil {
			return err
		}
	}
	return nil
}

func openBenchStore(b *testing.B) *Store {
	b.Helper()
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"), WithClock(ClockOn(benchToday)))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	seedBook(b, s)
	return s
}

// BenchmarkListInvoiceSummaries reads every invoice with its client name and
// paid amount, and derives each status: what the invoice list does.
func BenchmarkListInvoiceSummaries(b *testing.B) {
	s := openBenchStore(b)
	ctx := context.Background()
	for b.Loop() {
		list, err := s.ListInvoiceSummaries(ctx)
		if err != nil || len(list) != benchInvoices {
			b.Fatalf("%d rows, %v", len(list), err)
		}
		overdue := 0
		for i := range list {
			if list[i].Status(benchToday, 7).Kind == StatusOverdue {
				overdue++
			}
		}
		if overdue == 0 {
			b.Fatal("no overdue invoice in the benchmark book")
		}
	}
}

// BenchmarkLoadDunningBook is the "due today" read: the open invoices that
// can have a step by today, with everything the planner needs about them.
// BenchmarkRawDueQuery reads the same tables' rows for the unpaid invoices
// with bare queries, scanning every column as text: the floor to compare
// it with.
func BenchmarkLoadDunningBook(b *testing.B) {
	s := openBenchStore(b)
	ctx := context.Background()
	q := BookQuery{Horizon: benchToday.AddDays(17), PaidSince: benchToday.AddDays(-7), MessagesSince: benchToday.AddDays(-60)}
	for b.Loop() {
		book, err := s.LoadDunningBook(ctx, q)
		if err != nil || len(book.Invoices) == 0 {
			b.Fatalf("%d invoices, %v", len(book.Invoices), err)
		}
	}
}

func BenchmarkRawDueQuery(b *testing.B) {
	s := openBenchStore(b)
	ctx := context.Background()
	horizon := benchToday.AddDays(17).String()
	open := `(SELECT id FROM invoices WHERE paid_cents < amount_cents AND due_date <= ?1)`
	queries := []string{
		`SELECT id, client_id, number, issue_date, delivery_date, due_date, amount_cents, paid_cents, state, paused, paused_until
			FROM invoices WHERE paid_cents < amount_cents AND due_date <= ?1`,
		`SELECT * FROM clients WHERE id IN (SELECT client_id FROM invoices WHERE id IN ` + open + `)`,
		`SELECT * FROM payments WHERE invoice_id IN ` + open,
		`SELECT * FROM actions WHERE invoice_id IN ` + open,
		`SELECT * FROM promises WHERE invoice_id IN ` + open,
		`SELECT * FROM payment_plans WHERE invoice_id IN ` + open,
		`SELECT invoice_id, params FROM events WHERE kind = 'debt_acknowledged' AND invoice_id IN ` + open,
		`SELECT i.client_id, MAX(a.done_on) FROM actions a JOIN invoices i ON i.id = a.invoice_id
			JOIN steps st ON st.id = a.step_id WHERE a.status = 'done' AND a.done_on >= ?2
			AND st.channel IN ('email', 'letter', 'registered_letter', 'thank_you') GROUP BY i.client_id`,
		`SELECT * FROM steps`, `SELECT * FROM scenarios`, `SELECT * FROM categories`, `SELECT * FROM company`,
		`SELECT * FROM ecb_rates`, `SELECT * FROM legal_rates`, `SELECT * FROM tasks WHERE done_at IS NULL`,
	}
	for b.Loop() {
		n := 0
		for _, q := range queries {
			n += countRows(b, s, ctx, q, horizon, benchToday.AddDays(-60).String())
		}
		if n == 0 {
			b.Fatal("no row")
		}
	}
}

// countRows runs a query and scans every column of every row as text.
func countRows(b *testing.B, s *Store, ctx context.Context, query string, args ...any) int {
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	dest := make([]any, len(cols))
	for i := range dest {
		dest[i] = new(any)
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			b.Fatal(err)
		}
		n++
	}
	return n
}

func BenchmarkParseMoney(b *testing.B) {
	for b.Loop() {
		if _, err := ParseMoney("1 250 000,50 €"); err != nil {
			b.Fatal(err)
		}
	}
}
