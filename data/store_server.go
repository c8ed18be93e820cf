package data

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// OpenServer opens a shared book on a PostgreSQL server (url:
// postgres://user@host/db?...) and brings its schema to the current
// version (data/migrations/postgres). The store's methods are the same as
// on a SQLite file: each query is said the PostgreSQL way (postgresSQL)
// as it goes out; the server takes concurrent writers itself.
func OpenServer(ctx context.Context, url string, opts ...Option) (*Store, error) {
	s := &Store{clock: SystemClock{}, server: true}
	for _, o := range opts {
		o(s)
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open the server book: %w", err)
	}
	// Each process names its connections apart: the change log's
	// notifications carry the writer's name, and a window skips its own
	// (WatchChanges).
	s.session = sessionName()
	cfg.RuntimeParams["application_name"] = s.session
	db := stdlib.OpenDB(*cfg)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open the server book: %w", err)
	}
	if err := migrateSet(ctx, db, migrationsFS, postgresMigrations); err != nil {
		db.Close()
		return nil, fmt.Errorf("open the server book: %w", err)
	}
	s.write, s.read, s.serverConfig = db, db, cfg
	return s, nil
}

// sessionName is a name for this process's connections, unique enough
// among the few PCs of an office.
func sessionName() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "Relance " + hex.EncodeToString(b[:])
}

// serverQuerier sends a query said the SQLite way to PostgreSQL.
type serverQuerier struct{ q querier }

func (p serverQuerier) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return p.q.ExecContext(ctx, postgresSQL(query), args...)
}

func (p serverQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return p.q.QueryContext(ctx, postgresSQL(query), args...)
}

func (p serverQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return p.q.QueryRowContext(ctx, postgresSQL(query), args...)
}

// lockForUpdate is the clause that locks the rows a query reads in a
// transaction, of the table aliased alias, until it ends: on a server,
// where other processes write at the same time, "FOR UPDATE OF alias".
// SQLite has no such clause nor needs it: its transactions write one at
// a time.
func (s *Store) lockForUpdate(alias string) string {
	if s.server && s.tx != nil {
		return " FOR UPDATE OF " + alias
	}
	return ""
}

// savepoint runs fn inside a savepoint of the transaction under way, and
// rolls back to it when fn fails: the transaction goes on without what fn
// wrote. PostgreSQL aborts a whole transaction at the first failed
// statement, so a write whose refusal is expected (a duplicate) needs one
// there; SQLite takes the same statements.
func (s *Store) savepoint(ctx context.Context, name string, fn func() error) error {
	if s.tx == nil {
		return fn()
	}
	if _, err := s.tx.ExecContext(ctx, "SAVEPOINT "+name); err != nil {
		return fmt.Errorf("savepoint: %w", translate(err))
	}
	if err := fn(); err != nil {
		if _, rerr := s.tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT "+name); rerr != nil {
			return fmt.Errorf("%w (and rolling back: %v)", err, rerr)
		}
		return err
	}
	if _, err := s.tx.ExecContext(ctx, "RELEASE SAVEPOINT "+name); err != nil {
		return fmt.Errorf("savepoint: %w", translate(err))
	}
	return nil
}

// Shared reports whether the book is on a server, shared by several
// people at once: other processes may be sending, printing or paying on
// it while this one runs.
func (s *Store) Shared() bool { return s.server }

// ErrReadOnly is a write refused because the role the shared book was
// opened with may only read it (the accountant's).
var ErrReadOnly = errors.New("this connection may only read the shared book")

// ReadOnly reports whether the book may only be read by this connection:
// a server role granted SELECT alone. A book file is never read-only
// here (its folder's lock says who writes).
func (s *Store) ReadOnly(ctx context.Context) (bool, error) {
	if !s.server {
		return false, nil
	}
	var mayWrite bool
	if err := s.reader().QueryRowContext(ctx, `SELECT has_table_privilege('payments', 'INSERT')`).Scan(&mayWrite); err != nil {
		return false, fmt.Errorf("read the role's rights: %w", err)
	}
	return !mayWrite, nil
}
