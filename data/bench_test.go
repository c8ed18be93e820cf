package data

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// seedBook writes clients, invoices and payments straight through SQL (the
// store API would also write one event per record, which only slows the
// set-up): the sizes of DESIGN.md's performance targets.
func seedBook(b *testing.B, s *Store, clients, invoices, paymentsPerInvoice int) {
	b.Helper()
	ctx := context.Background()
	err := s.InTx(ctx, func(tx *Store) error {
		now := timeText(tx.Now())
		for c := 1; c <= clients; c++ {
			if _, err := tx.writer().ExecContext(ctx, `INSERT INTO clients (id, name, kind, created_at, updated_at)
				VALUES (?, ?, 'professional', ?, ?)`, c, fmt.Sprintf("Client %05d", c), now, now); err != nil {
				return err
			}
		}
		day := MustDate("2025-01-01")
		for i := 1; i <= invoices; i++ {
			issue := day.AddDays(i % 600)
			if _, err := tx.writer().ExecContext(ctx, `INSERT INTO invoices (id, number, client_id, issue_date, due_date,
				amount_cents, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				i, fmt.Sprintf("FA-%07d", i), 1+i%clients, issue, issue.AddDays(30), 10000+i%500000, now, now); err != nil {
				return err
			}
			for p := 0; p < paymentsPerInvoice; p++ {
				if _, err := tx.writer().ExecContext(ctx, `INSERT INTO payments (invoice_id, paid_on, amount_cents, created_at)
					VALUES (?, ?, ?, ?)`, i, issue.AddDays(20+p), 1000, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkListInvoiceSummaries reads every invoice with its client name and
// paid amount, and derives each status: what the invoice list does on a book
// of 10,000 clients, 100,000 invoices and 300,000 payments.
func BenchmarkListInvoiceSummaries(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"), WithClock(ClockOn(MustDate("2026-06-01"))))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	seedBook(b, s, 10_000, 100_000, 3)
	ctx := context.Background()
	today := s.Today()
	b.ResetTimer()
	for b.Loop() {
		list, err := s.ListInvoiceSummaries(ctx)
		if err != nil || len(list) != 100_000 {
			b.Fatalf("%d rows, %v", len(list), err)
		}
		overdue := 0
		for i := range list {
			if list[i].Status(today, 7).Kind == StatusOverdue {
				overdue++
			}
		}
		if overdue == 0 {
			b.Fatal("no overdue invoice in the benchmark book")
		}
	}
}

func BenchmarkParseMoney(b *testing.B) {
	for b.Loop() {
		if _, err := ParseMoney("1 250 000,50 €"); err != nil {
			b.Fatal(err)
		}
	}
}
