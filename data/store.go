package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Store is the book kept in one SQLite file. It is safe for concurrent use.
// Writes go through a single connection (SQLite has one writer anyway; one
// connection makes writers queue in Go instead of failing with SQLITE_BUSY);
// reads use a small pool that WAL lets run beside the writer.
//
// Every method works the same inside or outside a transaction: within InTx
// the store passed to the function routes all statements through it.
type Store struct {
	write *sql.DB
	read  *sql.DB
	tx    *sql.Tx // set on the Store handed to an InTx function
	clock Clock
	// server: the book is on a PostgreSQL server (OpenServer), not a file.
	server bool
	// person is who this process records events for (WithPerson): on a
	// shared book, the timeline says who did what.
	person string
	// serverConfig and session: on a server, how to connect (the
	// listener of WatchChanges opens its own connection) and the name
	// this process's connections carry.
	serverConfig *pgx.ConnConfig
	session      string
	// observe, when set, is told every list query the store runs (each):
	// a test checks their query plans on a realistic book.
	observe func(query string, args []any)
}

// Option configures Open.
type Option func(*Store)

// WithClock sets the clock used for created/updated timestamps and events.
func WithClock(c Clock) Option { return func(s *Store) { s.clock = c } }

// WithPerson has the events the user records (actor "user") name person:
// on a shared book, several people write the one timeline.
func WithPerson(person string) Option { return func(s *Store) { s.person = person } }

// Person is who the events this store records are said to be done by
// (WithPerson), "" on a book one person keeps.
func (s *Store) Person() string { return s.person }

// WithQueryObserver has observe told every list query the store runs,
// with its arguments, before it runs: the query-plan test collects the
// queries the screens and the planner make, to EXPLAIN them.
func WithQueryObserver(observe func(query string, args []any)) Option {
	return func(s *Store) { s.observe = observe }
}

// dsn builds the connection string. busy_timeout comes first so that the
// pragmas after it already wait instead of failing when another connection
// holds a lock; _txlock=immediate takes the write lock at BEGIN, which avoids
// the deadlock of two readers upgrading to writers.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// ErrEmptyFile is returned when the book's file exists but holds nothing (0 bytes): a copy
// that did not finish, a disk that filled up, a sync tool that truncated
// it. SQLite would take it for a new, empty book and the owner would find
// their clients gone; it is refused instead, and the file left as it is.
var ErrEmptyFile = errors.New("the database file is empty (0 bytes)")

// Open opens (creating if needed) the database file at path and brings its
// schema to the current version. An existing file of 0 bytes is refused
// (ErrEmptyFile). The file, its WAL and shared-memory files and its copies
// (relance.db*) are made readable by the owner only (0600): they hold the
// clients' records.
func Open(path string, opts ...Option) (*Store, error) {
	if err := refuseEmptyFile(path); err != nil {
		return nil, err
	}
	s := &Store{clock: SystemClock{}}
	for _, o := range opts {
		o(s)
	}
	write, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	s.write = write
	ctx := context.Background()
	// Pinging the writer first creates the file and switches it to WAL before
	// any reader opens it.
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("open %s: %w", path, translate(err))
	}
	if err := restrictFiles(path); err != nil {
		write.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := migrate(ctx, write, migrationsFS); err != nil {
		write.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	read.SetMaxOpenConns(max(2, runtime.NumCPU()))
	s.read = read
	return s, nil
}

// refuseEmptyFile fails when path exists and is empty; a missing file is a
// new book.
func refuseEmptyFile(path string) error {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("open %s: %w", path, err)
	case info.Mode().IsRegular() && info.Size() == 0:
		return fmt.Errorf("open %s: %w", path, ErrEmptyFile)
	}
	return nil
}

// restrictFiles makes the database file and its companions (the -wal and
// -shm files SQLite keeps beside it, copies named relance.db.something)
// readable and writable by the owner only, when they are looser. SQLite
// creates its files 0644; the companions created later take the main
// file's mode. Windows has no such modes: the per-user folder's ACL holds.
func restrictFiles(path string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("restrict permissions: %w", err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), base) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile (a -shm file at checkpoint)
		}
		if info.Mode().Perm()&0o077 == 0 {
			continue
		}
		if err := os.Chmod(filepath.Join(dir, e.Name()), 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("restrict permissions of %s: %w", e.Name(), err)
		}
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	if s.read == s.write { // a server book: one pool
		return s.write.Close()
	}
	return errors.Join(s.read.Close(), s.write.Close())
}

// Now is the store's clock reading, in UTC.
func (s *Store) Now() time.Time { return s.clock.Now().UTC() }

// Today is the store's clock's calendar day.
func (s *Store) Today() Date { return s.clock.Today() }

type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// reader is where queries go: the transaction when inside one (to see its own
// writes), else the read pool.
func (s *Store) reader() querier {
	return s.said(s.readerOf())
}

func (s *Store) readerOf() querier {
	if s.tx != nil {
		return s.tx
	}
	return s.read
}

// prepare prepares a statement in the transaction, said the PostgreSQL way
// on a server book.
func (s *Store) prepare(ctx context.Context, query string) (*sql.Stmt, error) {
	if s.server {
		query = postgresSQL(query)
	}
	return s.tx.PrepareContext(ctx, query)
}

// said is q, saying each query the PostgreSQL way on a server book.
func (s *Store) said(q querier) querier {
	if s.server {
		return serverQuerier{q}
	}
	return q
}

func (s *Store) writer() querier {
	if s.tx != nil {
		return s.said(s.tx)
	}
	return s.said(s.write)
}

// InTx runs fn in one transaction: all of its writes land, or none. Called
// inside a transaction, it joins it, so store methods can use it freely.
func (s *Store) InTx(ctx context.Context, fn func(tx *Store) error) (err error) {
	if s.tx != nil {
		return fn(s)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", translate(err))
	}
	inner := *s
	inner.tx = tx
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(&inner); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", translate(err))
	}
	return nil
}

// translate turns driver errors into our sentinels where one applies. The
// caller adds which record and field it was about.
func translate(err error) error {
	if pgErr, ok := translatePostgres(err); ok {
		return pgErr
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return fmt.Errorf("%w: %s", ErrAlreadyExists, se.Error())
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return fmt.Errorf("%w: %s", errForeignKey, se.Error())
	case sqlite3.SQLITE_CONSTRAINT_TRIGGER:
		// ON DELETE RESTRICT is enforced by SQLite as a trigger, with this code.
		if strings.Contains(se.Error(), "FOREIGN KEY") {
			return fmt.Errorf("%w: %s", errForeignKey, se.Error())
		}
	case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return fmt.Errorf("%w: %s", ErrInvalid, se.Error())
	}
	return err
}

// errForeignKey marks a foreign-key refusal; store methods turn it into
// ErrInUse (delete) or a FieldError naming the missing reference (insert).
var errForeignKey = errors.New("foreign key constraint")

// timeText is how instants are stored: RFC 3339 in UTC, sortable as text.
func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func parseTimeText(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, ok := parseUTCText(s); ok {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

// checkAffected turns "no row changed" into ErrNotFound.
func checkAffected(res sql.Result, what string, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s %d: %w", what, id, ErrNotFound)
	}
	return nil
}

// nullString stores "" as NULL, for columns unique only when known.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Using returns the same store reading another clock: for writing history
// with its own dates (the demo book's past invoices and payments, imported
// records), so that timestamps and timeline events tell when things happened.
func (s *Store) Using(c Clock) *Store {
	view := *s
	view.clock = c
	return &view
}

// parseUTCText reads the form timeText writes, `2006-01-02T15:04:05.999999999Z`,
// without the generic layout machinery of time.Parse: timestamps are read
// with every row of several tables. ok is false for any other form.
func parseUTCText(s string) (time.Time, bool) {
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[len(s)-1] != 'Z' {
		return time.Time{}, false
	}
	num := func(part string) (int, bool) {
		n := 0
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, false
			}
			n = n*10 + int(part[i]-'0')
		}
		return n, true
	}
	var parts [6]int
	for i, span := range [6][2]int{{0, 4}, {5, 7}, {8, 10}, {11, 13}, {14, 16}, {17, 19}} {
		n, ok := num(s[span[0]:span[1]])
		if !ok {
			return time.Time{}, false
		}
		parts[i] = n
	}
	nanos := 0
	if frac := s[19 : len(s)-1]; frac != "" {
		digits, ok := num(strings.TrimPrefix(frac, "."))
		if !ok || frac[0] != '.' || len(frac) > 10 {
			return time.Time{}, false
		}
		for i := len(frac) - 1; i < 9; i++ {
			digits *= 10
		}
		nanos = digits
	}
	return time.Date(parts[0], time.Month(parts[1]), parts[2], parts[3], parts[4], parts[5], nanos, time.UTC), true
}

// insertID runs an INSERT and gives the new row's id, through RETURNING
// rather than the driver's LastInsertId: SQLite and PostgreSQL both say it
// this way (pgx has no LastInsertId). Errors, a refused constraint among
// them, come back as ExecContext's would.
func (s *Store) insertID(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := s.writer().QueryRowContext(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}
