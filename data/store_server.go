package data

import (
	"context"
	"database/sql"
	"fmt"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
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
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open the server book: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open the server book: %w", err)
	}
	if err := migrateSet(ctx, db, migrationsFS, postgresMigrations); err != nil {
		db.Close()
		return nil, fmt.Errorf("open the server book: %w", err)
	}
	s.write, s.read = db, db
	return s, nil
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
