package data

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// indexSQL lists the book's explicit indexes, as sqlite_schema keeps them.
func indexSQL(t *testing.T, s *Store) string {
	t.Helper()
	list, err := listOf(context.Background(), s, "indexes", func(r rowScanner) (string, error) {
		var ddl string
		err := r.Scan(&ddl)
		return ddl, err
	}, `SELECT sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(list, "\n")
}

func bulkClient(exec BulkExec, id int, name string) error {
	return exec(`INSERT INTO clients (id, name, kind, created_at, updated_at) VALUES (?, ?, 'professional', ?, ?)`,
		id, name, "2026-01-01T09:00:00Z", "2026-01-01T09:00:00Z")
}

func TestBulkLoadWritesAndRebuildsTheIndexes(t *testing.T) {
	ctx := context.Background()
	s := newFileTestStore(t)
	before := indexSQL(t, s)
	err := s.BulkLoad(ctx, func(exec BulkExec) error {
		for i := 1; i <= 50; i++ {
			if err := bulkClient(exec, i, "Client"); err != nil {
				return err
			}
		}
		return exec(`INSERT INTO invoices (number, client_id, issue_date, due_date, amount_cents, created_at, updated_at)
			VALUES ('FA-1', 7, '2026-01-02', '2026-02-01', 1000, '2026-01-02T09:00:00Z', '2026-01-02T09:00:00Z')`)
	})
	if err != nil {
		t.Fatal(err)
	}
	if after := indexSQL(t, s); after != before {
		t.Fatalf("indexes changed:\n%s\nthen\n%s", before, after)
	}
	list, err := s.ListInvoiceSummaries(ctx)
	if err != nil || len(list) != 1 || list[0].ClientID != 7 {
		t.Fatalf("invoices after the load: %+v %v", list, err)
	}
	var stats, cache int
	if err := s.write.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_stat1`).Scan(&stats); err != nil || stats == 0 {
		t.Errorf("statistics: %d rows, %v", stats, err)
	}
	if err := s.write.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil || cache == -bulkCacheKiB {
		t.Errorf("cache size left at %d (%v)", cache, err)
	}
}

func TestBulkLoadWritesNothingOnFailure(t *testing.T) {
	ctx := context.Background()
	s := newFileTestStore(t)
	before := indexSQL(t, s)
	stop := errors.New("stop")
	err := s.BulkLoad(ctx, func(exec BulkExec) error {
		if err := bulkClient(exec, 1, "Client"); err != nil {
			return err
		}
		return stop
	})
	if !errors.Is(err, stop) {
		t.Fatalf("load: %v", err)
	}
	// Two invoices with the same bank reference: the unique index, rebuilt
	// at the end, refuses the whole load.
	err = s.BulkLoad(ctx, func(exec BulkExec) error {
		if err := bulkClient(exec, 1, "Client"); err != nil {
			return err
		}
		if err := exec(`INSERT INTO invoices (id, number, client_id, issue_date, due_date, amount_cents, created_at, updated_at)
			VALUES (1, 'FA-1', 1, '2026-01-02', '2026-02-01', 1000, '', '')`); err != nil {
			return err
		}
		return exec(`INSERT INTO payments (invoice_id, paid_on, amount_cents, bank_ref, created_at)
			VALUES (1, '2026-01-05', 10, 'REF', ''), (1, '2026-01-06', 10, 'REF', '')`)
	})
	if !errors.Is(err, ErrAlreadyExists) {
		t.Fatalf("duplicate bank reference: %v", err)
	}
	if empty, _ := s.IsEmpty(ctx); !empty {
		t.Error("a failed load left rows")
	}
	if after := indexSQL(t, s); after != before {
		t.Errorf("a failed load changed the indexes:\n%s", after)
	}
	if err := s.InTx(ctx, func(tx *Store) error { return tx.BulkLoad(ctx, nil) }); err == nil {
		t.Error("a bulk load ran inside a transaction")
	}
}
