package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// BulkExec runs one statement of a bulk load (see BulkLoad).
type BulkExec func(query string, args ...any) error

// bulkCacheKiB is the page cache a bulk load works with (SQLite's default is
// 2 MiB): rebuilding the indexes of a large book sorts millions of keys, and
// the sorter spills to temporary files beyond the cache size. (Much larger
// is slower: filling the cache costs more than it saves.)
const bulkCacheKiB = 64 << 10

// bulkAnalysisLimit bounds the rows ANALYZE reads per index, as PRAGMA
// optimize does (it uses 400): statistics as good as a used book has, in a
// fraction of the time of a full pass.
const bulkAnalysisLimit = 1000

// BulkLoad is for generators and imports of generated books: it runs fn in
// one write transaction, and fn writes with raw SQL through exec. The caller
// is responsible for the consistency of what it writes: the caches the store
// methods keep in step (invoices.paid_cents, credited_cents, credit_closed),
// the timeline events they append, the foreign keys (a parent row must be
// written before its children: the checks are immediate). exec prepares each
// distinct query text once for the whole load, so that a multi-row INSERT
// run a thousand times is parsed once. It is not safe for concurrent use:
// fn may hand it to another goroutine, one at a time, and must wait for it
// before returning.
//
// It is made for filling an empty book with many rows: the explicit indexes
// are dropped before fn runs and built again after it, in the same
// transaction (building an index once over the loaded rows is several times
// faster than keeping it up to date row by row), so a unique index the rows
// break fails the whole load. The triggers too are dropped and made again:
// the change log (book_changes) gets one row saying the whole book changed,
// not one per row loaded, and each client's invoice count is counted once
// over the loaded rows. Then ANALYZE gives the query planner the
// statistics of the new book, as a book that ran PRAGMA optimize has.
// Nothing is written when fn or any of this fails. It cannot run inside
// InTx.
func (s *Store) BulkLoad(ctx context.Context, fn func(exec BulkExec) error) error {
	if s.tx != nil {
		return errors.New("bulk load: cannot run inside a transaction")
	}
	if s.server {
		return s.bulkLoadOnServer(ctx, fn)
	}
	restore, err := s.widenCache(ctx)
	if err != nil {
		return err
	}
	defer restore()
	return s.InTx(ctx, func(tx *Store) error {
		indexes, err := tx.dropSchema(ctx, "index")
		if err != nil {
			return fmt.Errorf("bulk load: %w", err)
		}
		// The change log's triggers would write a row per row loaded, for
		// no reader: a book loaded in bulk is read whole (the 'book' change
		// written after the load says so to any book read before).
		triggers, err := tx.dropSchema(ctx, "trigger")
		if err != nil {
			return fmt.Errorf("bulk load: %w", err)
		}
		l := &bulkLoader{ctx: ctx, tx: tx.tx, stmts: map[string]*sql.Stmt{}}
		err = fn(l.exec)
		if cerr := l.close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		for _, ddl := range append(indexes, triggers...) {
			if _, err := tx.tx.ExecContext(ctx, ddl); err != nil {
				return fmt.Errorf("bulk load: rebuild schema: %w", translate(err))
			}
		}
		if _, err := tx.tx.ExecContext(ctx, `INSERT INTO book_changes (part) VALUES ('book')`); err != nil {
			return fmt.Errorf("bulk load: %w", translate(err))
		}
		// The invoice counts the triggers keep, counted once over the rows loaded.
		if _, err := tx.tx.ExecContext(ctx, `DELETE FROM client_invoice_counts`); err != nil {
			return fmt.Errorf("bulk load: %w", translate(err))
		}
		if _, err := tx.tx.ExecContext(ctx, `INSERT INTO client_invoice_counts (client_id, invoices)
			SELECT client_id, COUNT(*) FROM invoices GROUP BY client_id`); err != nil {
			return fmt.Errorf("bulk load: count the invoices: %w", translate(err))
		}
		if _, err := tx.tx.ExecContext(ctx, `ANALYZE`); err != nil {
			return fmt.Errorf("bulk load: analyze: %w", translate(err))
		}
		return nil
	})
}

// widenCache gives the writer connection a large page cache and a bounded
// ANALYZE for the load, and returns the function that puts the previous
// settings back.
func (s *Store) widenCache(ctx context.Context) (restore func(), err error) {
	return s.setPragmas(ctx, "bulk load", []pragmaSetting{{"cache_size", -bulkCacheKiB}, {"analysis_limit", bulkAnalysisLimit}})
}

// pragmaSetting is a setting of SQLite's connection that a long write
// (BulkLoad, CopyBook) changes for its time.
type pragmaSetting struct {
	pragma string
	value  int64
}

// setPragmas gives the writer connection settings, and returns the
// function that puts the previous ones back; what names the work in
// errors. The write pool holds a single connection, so every statement
// reaches the one the work runs on.
func (s *Store) setPragmas(ctx context.Context, what string, settings []pragmaSetting) (restore func(), err error) {
	var undo []string
	restore = func() {
		for _, q := range undo {
			_, _ = s.write.ExecContext(context.WithoutCancel(ctx), q)
		}
	}
	for _, set := range settings {
		var previous int64
		if err := s.write.QueryRowContext(ctx, `PRAGMA `+set.pragma).Scan(&previous); err != nil {
			restore()
			return nil, fmt.Errorf("%s: read %s: %w", what, set.pragma, translate(err))
		}
		if _, err := s.write.ExecContext(ctx, `PRAGMA `+set.pragma+` = `+strconv.FormatInt(set.value, 10)); err != nil {
			restore()
			return nil, fmt.Errorf("%s: set %s: %w", what, set.pragma, translate(err))
		}
		undo = append(undo, `PRAGMA `+set.pragma+` = `+strconv.FormatInt(previous, 10))
	}
	return restore, nil
}

// dropSchema drops the indexes (kind "index") or the triggers (kind
// "trigger") created by a statement (the indexes of UNIQUE and PRIMARY KEY
// constraints have no SQL and stay) and returns their statements, to run
// again once the rows are in (BulkLoad, CopyBook).
func (s *Store) dropSchema(ctx context.Context, kind string) ([]string, error) {
	type item struct{ name, ddl string }
	list, err := listOf(ctx, s, "list "+kind+"s", func(r rowScanner) (item, error) {
		var it item
		err := r.Scan(&it.name, &it.ddl)
		return it, err
	}, `SELECT name, sql FROM sqlite_schema WHERE type = ? AND sql IS NOT NULL ORDER BY name`, kind)
	if err != nil {
		return nil, err
	}
	ddls := make([]string, 0, len(list))
	for _, it := range list {
		if _, err := s.tx.ExecContext(ctx, `DROP `+strings.ToUpper(kind)+` "`+it.name+`"`); err != nil {
			return nil, fmt.Errorf("drop %s %s: %w", kind, it.name, translate(err))
		}
		ddls = append(ddls, it.ddl)
	}
	return ddls, nil
}

// bulkLoader keeps the load's prepared statements, one per query text.
type bulkLoader struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func (l *bulkLoader) exec(query string, args ...any) error {
	st, ok := l.stmts[query]
	if !ok {
		var err error
		if st, err = l.tx.PrepareContext(l.ctx, query); err != nil {
			return fmt.Errorf("bulk load: prepare: %w", translate(err))
		}
		l.stmts[query] = st
	}
	if _, err := st.ExecContext(l.ctx, args...); err != nil {
		return fmt.Errorf("bulk load: %w", translate(err))
	}
	return nil
}

func (l *bulkLoader) close() error {
	var errs []error
	for _, st := range l.stmts {
		errs = append(errs, st.Close())
	}
	return errors.Join(errs...)
}

// bulkLoadOnServer is BulkLoad on a server book: the rows in one
// transaction, through the indexes and triggers as they are. The file's
// ways of going faster (indexes rebuilt after, a wider cache, the
// triggers' work done once) are SQLite's.
func (s *Store) bulkLoadOnServer(ctx context.Context, fn func(exec BulkExec) error) error {
	return s.InTx(ctx, func(tx *Store) error {
		return fn(func(query string, args ...any) error {
			if _, err := tx.writer().ExecContext(ctx, query, args...); err != nil {
				return fmt.Errorf("bulk load: %w", translate(err))
			}
			return nil
		})
	})
}
