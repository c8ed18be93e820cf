package data

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// paidOf returns an invoice's paid amount as ListInvoiceSummaries shows it
// (the paid_cents cache), and the sum of its payments.
func paidOf(t *testing.T, s *Store, invoiceID int64) (cached, summed Money) {
	t.Helper()
	ctx := context.Background()
	list, err := s.ListInvoiceSummaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, sum := range list {
		if sum.ID == invoiceID {
			cached, found = sum.Paid, true
		}
	}
	if !found {
		t.Fatalf("invoice %d not listed", invoiceID)
	}
	payments, err := s.ListPaymentsByInvoice(ctx, invoiceID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range payments {
		summed += p.Amount
	}
	return cached, summed
}

func TestPaidCacheFollowsPayments(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	other := makeInvoice(t, s, c.ID, "FA-2", 50000)
	check := func(step string, invoiceID int64, want Money) {
		t.Helper()
		cached, summed := paidOf(t, s, invoiceID)
		if cached != summed || cached != want {
			t.Fatalf("%s: cached %d, payments sum to %d, want %d", step, cached, summed, want)
		}
	}
	check("no payment", inv.ID, 0)
	p1 := Payment{InvoiceID: inv.ID, Date: MustDate("2026-03-05"), Amount: 40000}
	p2 := Payment{InvoiceID: inv.ID, Date: MustDate("2026-03-06"), Amount: 25000}
	p3 := Payment{InvoiceID: other.ID, Date: MustDate("2026-03-06"), Amount: 7000}
	for _, p := range []*Payment{&p1, &p2, &p3} {
		if err := s.CreatePayment(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	check("after creates", inv.ID, 65000)
	check("other invoice", other.ID, 7000)
	p2.Amount = 60000
	if err := s.UpdatePayment(ctx, &p2); err != nil {
		t.Fatal(err)
	}
	check("after update", inv.ID, 100000)
	moved := p1
	moved.InvoiceID, moved.Amount = other.ID, 1
	if err := s.UpdatePayment(ctx, &moved); err == nil {
		t.Fatal("a payment moved to another invoice")
	}
	check("after a refused update", inv.ID, 100000)
	check("other after a refused update", other.ID, 7000)
	if err := s.DeletePayment(ctx, p1.ID); err != nil {
		t.Fatal(err)
	}
	check("after delete", inv.ID, 60000)
	check("other after delete", other.ID, 7000)
	if err := s.DeletePayment(ctx, p2.ID); err != nil {
		t.Fatal(err)
	}
	check("after deleting the last", inv.ID, 0)
	// A refused payment (duplicate bank reference) leaves the cache alone.
	ref := Payment{InvoiceID: other.ID, Date: testDay, Amount: 100, BankRef: "VIR-1"}
	if err := s.CreatePayment(ctx, &ref); err != nil {
		t.Fatal(err)
	}
	dup := Payment{InvoiceID: inv.ID, Date: testDay, Amount: 500, BankRef: "VIR-1"}
	if err := s.CreatePayment(ctx, &dup); err == nil {
		t.Fatal("duplicate bank reference accepted")
	}
	check("after a refused payment", inv.ID, 0)
	check("other with a referenced payment", other.ID, 7100)
}

// migrationsUpTo returns the embedded migrations numbered 1 to last, to
// build a database as an older Relance left it.
func migrationsUpTo(t *testing.T, last int) fstest.MapFS {
	t.Helper()
	all, err := loadMigrations(migrationsFS)
	if err != nil || len(all) < last {
		t.Fatalf("%d migrations, %v", len(all), err)
	}
	out := fstest.MapFS{}
	for _, m := range all[:last] {
		body, err := fs.ReadFile(migrationsFS, "migrations/"+m.name)
		if err != nil {
			t.Fatal(err)
		}
		out["migrations/"+m.name] = &fstest.MapFile{Data: body}
	}
	return out
}

func checkPaidCents(t *testing.T, db *sql.DB, want map[int64]int64) {
	t.Helper()
	for id, paid := range want {
		var got int64
		if err := db.QueryRow(`SELECT paid_cents FROM invoices WHERE id = ?`, id).Scan(&got); err != nil || got != paid {
			t.Errorf("invoice %d: paid_cents %d (%v), want %d", id, got, err, paid)
		}
	}
}

// openRaw opens a database file without migrating it.
func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return db
}

func TestMigrationBackfillsPaidCents(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	db := openRaw(t, path)
	defer db.Close()
	if err := migrate(ctx, db, migrationsUpTo(t, 1)); err != nil {
		t.Fatal(err)
	}
	if v, err := schemaVersion(ctx, db); err != nil || v != 1 {
		t.Fatalf("version %d, %v; want 1", v, err)
	}
	const now = "2026-01-10T09:00:00Z"
	for _, stmt := range []string{
		`INSERT INTO clients (id, name, kind, created_at, updated_at) VALUES (1, 'boulangerie', 'professional', '` + now + `', '` + now + `')`,
		`INSERT INTO invoices (id, number, client_id, issue_date, due_date, amount_cents, created_at, updated_at)
		 VALUES (1, 'FA-1', 1, '2026-01-10', '2026-02-09', 100000, '` + now + `', '` + now + `')`,
		`INSERT INTO invoices (id, number, client_id, issue_date, due_date, amount_cents, created_at, updated_at)
		 VALUES (2, 'FA-2', 1, '2026-01-10', '2026-02-09', 50000, '` + now + `', '` + now + `')`,
		`INSERT INTO payments (invoice_id, paid_on, amount_cents, created_at) VALUES (1, '2026-02-01', 30000, '` + now + `')`,
		`INSERT INTO payments (invoice_id, paid_on, amount_cents, created_at) VALUES (1, '2026-02-08', 45000, '` + now + `')`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	// 0002 adds and back-fills the cache; later migrations must keep it.
	if err := migrate(ctx, db, migrationsUpTo(t, 2)); err != nil {
		t.Fatal(err)
	}
	if v, err := schemaVersion(ctx, db); err != nil || v != 2 {
		t.Fatalf("version %d, %v; want 2", v, err)
	}
	want := map[int64]int64{1: 75000, 2: 0}
	checkPaidCents(t, db, want)
	if err := migrate(ctx, db, migrationsFS); err != nil {
		t.Fatal(err)
	}
	head, _ := loadMigrations(migrationsFS)
	if v, err := schemaVersion(ctx, db); err != nil || v != len(head) {
		t.Fatalf("version %d, %v; want %d", v, err, len(head))
	}
	checkPaidCents(t, db, want)
	db.Close()

	// The store opens the migrated file as it is and reads the cache.
	s, err := Open(path, WithClock(ClockOn(testDay)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(ctx); v != len(head) {
		t.Fatalf("store sees version %d", v)
	}
	for id, paid := range want {
		if cached, summed := paidOf(t, s, id); int64(cached) != paid || cached != summed {
			t.Errorf("invoice %d through the store: cached %d, summed %d, want %d", id, cached, summed, paid)
		}
	}
	if n := tableCount(t, s, "scenarios"); n != 4 {
		t.Errorf("%d scenarios seeded by the migration", n)
	}
}
