package data

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql migrations/postgres/*.sql
var migrationsFS embed.FS

// migrationSet is one kind of database's migrations: the folder they are
// in (under the embedded files) and how the database records one applied,
// in its own placeholders. PostgreSQL's (a shared book) make, number for
// number, what SQLite's make, in PostgreSQL's types.
type migrationSet struct {
	dir    string
	record string
	// serialise, when set, is run first in each migration's transaction:
	// on a server, several PCs may open an old book at once, and only
	// one may bring it up (the others then find the migration done).
	serialise string
}

var (
	sqliteMigrations = migrationSet{dir: "migrations",
		record: `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`}
	postgresMigrations = migrationSet{dir: "migrations/postgres",
		record:    `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`,
		serialise: `SELECT pg_advisory_xact_lock(7242001)`} // a number of our own
)

// migration is one numbered schema change, from a file named NNNN_name.sql.
type migration struct {
	version int
	name    string
	sql     string
}

// ErrNewerSchema is returned when the file was written by a newer Relance than this one.
var ErrNewerSchema = fmt.Errorf("the database was created by a newer version of Relance")

// loadMigrations reads and orders the SQLite migrations found in fsys
// under migrations/.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	return loadMigrationsIn(fsys, sqliteMigrations.dir)
}

// loadMigrationsIn reads and orders the migrations found in fsys under dir.
func loadMigrationsIn(fsys fs.FS, dir string) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".sql" {
			continue
		}
		num, _, ok := strings.Cut(e.Name(), "_")
		version, err := strconv.Atoi(num)
		if !ok || err != nil || version <= 0 {
			return nil, fmt.Errorf("migration file %q: name must be NNNN_name.sql", e.Name())
		}
		body, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: version, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i := range out {
		if out[i].version != i+1 {
			return nil, fmt.Errorf("migration %q: expected number %d (numbers are consecutive)", out[i].name, i+1)
		}
	}
	return out, nil
}

// migrate applies the SQLite migrations of fsys (migrateSet).
func migrate(ctx context.Context, db *sql.DB, fsys fs.FS) error {
	return migrateSet(ctx, db, fsys, sqliteMigrations)
}

// migrateSet applies the migrations of set newer than the database's
// version, each in its own transaction together with its version bump, so
// that a failure leaves the database at the previous version, intact
// (PostgreSQL's DDL is transactional as SQLite's is).
func migrateSet(ctx context.Context, db *sql.DB, fsys fs.FS, set migrationSet) error {
	list, err := loadMigrationsIn(fsys, set.dir)
	if err != nil {
		return err
	}
	// The version is read before anything is created: a role that may
	// only read a shared book (the accountant's) opens it when it is at
	// this version, and PostgreSQL refuses it even a CREATE TABLE IF NOT
	// EXISTS.
	current, err := schemaVersion(ctx, db)
	if err != nil {
		if cerr := createSchemaTable(ctx, db, set); cerr != nil {
			return fmt.Errorf("create schema_migrations: %w", translate(cerr))
		}
		if current, err = schemaVersion(ctx, db); err != nil {
			return err
		}
	}
	if current > len(list) {
		return fmt.Errorf("%w (schema %d, this version knows %d)", ErrNewerSchema, current, len(list))
	}
	for _, m := range list[current:] {
		if err := applyMigration(ctx, db, m, set); err != nil {
			return err
		}
	}
	return nil
}

// createSchemaTable makes the table of the versions applied, under the
// set's lock: two PCs making a new shared book at once would otherwise
// both create it.
func createSchemaTable(ctx context.Context, db *sql.DB, set migrationSet) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if set.serialise != "" {
		if _, err := tx.ExecContext(ctx, set.serialise); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)`); err != nil {
		return err
	}
	return tx.Commit()
}

func applyMigration(ctx context.Context, db *sql.DB, m migration, set migrationSet) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if set.serialise != "" {
		if _, err := tx.ExecContext(ctx, set.serialise); err != nil {
			return fmt.Errorf("migration %s: wait for another PC's: %w", m.name, err)
		}
		// Another PC may have applied it while this one waited.
		done, err := schemaVersion(ctx, tx)
		if err != nil {
			return err
		}
		if done >= m.version {
			return nil
		}
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, set.record, m.version, m.name); err != nil {
		return fmt.Errorf("migration %s: record version: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: commit: %w", m.name, err)
	}
	return nil
}

func schemaVersion(ctx context.Context, db interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return int(v.Int64), nil
}

// SchemaVersion returns the version the database is at.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	return schemaVersion(ctx, s.reader())
}
