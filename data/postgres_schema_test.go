package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the PostgreSQL driver, as "pgx"
)

// newPostgresDB is an empty database of its own on the throwaway server of
// RELANCE_TEST_PG (make test-pg starts one, .ci/pg.sh), dropped when the
// test ends; without the variable the test is skipped.
func newPostgresDB(t *testing.T) *sql.DB {
	t.Helper()
	server := os.Getenv("RELANCE_TEST_PG")
	if server == "" {
		t.Skip("RELANCE_TEST_PG is not set: make test-pg runs this test beside a throwaway PostgreSQL")
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	name := fmt.Sprintf("relance_test_%d", time.Now().UnixNano())
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatalf("create the test database: %v", err)
	}
	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		if _, err := admin.Exec(`DROP DATABASE ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop the test database: %v", err)
		}
	})
	return db
}

// newServerTestStore is a test store on a database of its own on the
// throwaway server (newPostgresDB): with RELANCE_TEST_STORE=postgres,
// newTestStore gives one, and the store's tests run on PostgreSQL.
func newServerTestStore(t *testing.T) *Store {
	t.Helper()
	return openServerTestStore(t, newServerTestURL(t))
}

// newServerTestURL makes a throwaway database and returns its URL, for
// tests that open it more than once (two PCs on one shared book).
func newServerTestURL(t *testing.T) string {
	t.Helper()
	db := newPostgresDB(t)
	var name string
	if err := db.QueryRow(`SELECT current_database()`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(os.Getenv("RELANCE_TEST_PG"))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// openServerTestStore opens the book at url, closed when the test ends.
func openServerTestStore(t *testing.T, url string, opts ...Option) *Store {
	t.Helper()
	s, err := OpenServer(context.Background(), url, append([]Option{WithClock(ClockOn(testDay))}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// column is what the schemas' comparison reads of a column.
type column struct {
	family  string // "integer", "text" or "bytes": what the value is, whatever the type's name
	notNull bool
}

// TestPostgresSchemaMatchesSQLite: PostgreSQL's migrations, numbered as
// SQLite's, make at head the same tables with the same columns (each of
// the same kind of value, and NOT NULL alike), the same indexes and the
// same triggers; run again, they do nothing.
func TestPostgresSchemaMatchesSQLite(t *testing.T) {
	ctx := context.Background()
	pg := newPostgresDB(t)
	if err := migrateSet(ctx, pg, migrationsFS, postgresMigrations); err != nil {
		t.Fatal(err)
	}
	if err := migrateSet(ctx, pg, migrationsFS, postgresMigrations); err != nil {
		t.Fatalf("head again: %v", err)
	}
	lite, err := loadMigrations(migrationsFS)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := schemaVersion(ctx, pg); err != nil || v != len(lite) {
		t.Fatalf("PostgreSQL at version %d (%v), SQLite's head is %d", v, err, len(lite))
	}
	s, err := Open(t.TempDir() + "/relance.db") // SQLite's, whatever store the other tests run on
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want, got := sqliteColumns(t, s), postgresColumns(t, pg)
	if w, g := slices.Sorted(maps.Keys(want)), slices.Sorted(maps.Keys(got)); !slices.Equal(w, g) {
		t.Fatalf("tables differ:\nSQLite     %v\nPostgreSQL %v", w, g)
	}
	for table, cols := range want {
		if !maps.Equal(cols, got[table]) {
			t.Errorf("%s: SQLite %v, PostgreSQL %v", table, cols, got[table])
		}
	}
	for what, queries := range map[string][2]string{
		"indexes": {`SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL`,
			`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'
			   AND indexname NOT LIKE '%\_pkey' AND indexname NOT LIKE '%\_key'`},
		"triggers": {`SELECT name FROM sqlite_schema WHERE type = 'trigger'`,
			// notify_*: the server's own, telling the other windows (0028).
			`SELECT DISTINCT trigger_name FROM information_schema.triggers WHERE trigger_schema = 'public'
			   AND trigger_name NOT LIKE 'notify\_%'`},
	} {
		w, g := names(t, s.read, queries[0]), names(t, pg, queries[1])
		if !slices.Equal(w, g) {
			t.Errorf("%s differ:\nSQLite     %v\nPostgreSQL %v", what, w, g)
		}
	}
}

// sqliteColumns reads every table's columns from a SQLite book.
func sqliteColumns(t *testing.T, s *Store) map[string]map[string]column {
	t.Helper()
	out := map[string]map[string]column{}
	for _, table := range names(t, s.read, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'`) {
		out[table] = map[string]column{}
		rows, err := s.read.Query(`SELECT name, type, "notnull", pk FROM pragma_table_info(?)`, table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var name, typ string
			var notNull bool
			var pk int // the column's place in the primary key, 0 when none: PostgreSQL's keys are NOT NULL
			if err := rows.Scan(&name, &typ, &notNull, &pk); err != nil {
				t.Fatal(err)
			}
			family := map[string]string{"INTEGER": "integer", "TEXT": "text", "BLOB": "bytes"}[strings.ToUpper(typ)]
			out[table][name] = column{family: family, notNull: notNull || pk > 0}
		}
		rows.Close()
	}
	return out
}

// postgresColumns reads every table's columns from a PostgreSQL book:
// days and instants are kept as text by SQLite, flags as integers.
func postgresColumns(t *testing.T, db *sql.DB) map[string]map[string]column {
	t.Helper()
	families := map[string]string{"bigint": "integer", "integer": "integer", "boolean": "integer", "text": "text",
		"date": "text", "timestamp with time zone": "text", "bytea": "bytes"}
	rows, err := db.Query(`SELECT table_name, column_name, data_type, is_nullable = 'NO'
		FROM information_schema.columns WHERE table_schema = 'public'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]map[string]column{}
	for rows.Next() {
		var table, name, typ string
		var notNull bool
		if err := rows.Scan(&table, &name, &typ, &notNull); err != nil {
			t.Fatal(err)
		}
		if out[table] == nil {
			out[table] = map[string]column{}
		}
		if name == "rowid" { // SQLite's implicit column, made explicit where the store reads it
			continue
		}
		out[table][name] = column{family: families[typ], notNull: notNull}
	}
	return out
}

// names runs a query of one text column and gives its values, sorted.
func names(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// TestPostgresFailingMigrationLeavesPreviousVersion: on PostgreSQL too, a
// migration that fails half-way leaves the schema and the version as they
// were.
func TestPostgresFailingMigrationLeavesPreviousVersion(t *testing.T) {
	ctx := context.Background()
	db := newPostgresDB(t)
	dir := postgresMigrations.dir
	bad := fstest.MapFS{
		dir + "/0001_first.sql":  {Data: []byte(`CREATE TABLE a (x BIGINT); INSERT INTO a VALUES (1);`)},
		dir + "/0002_broken.sql": {Data: []byte(`CREATE TABLE b (y BIGINT); INSERT INTO a VALUES (2); THIS IS NOT SQL;`)},
	}
	err := migrateSet(ctx, db, bad, postgresMigrations)
	if err == nil || !strings.Contains(err.Error(), "0002_broken.sql") {
		t.Fatalf("want an error naming the migration, got %v", err)
	}
	if v, _ := schemaVersion(ctx, db); v != 1 {
		t.Fatalf("version %d after a failed migration", v)
	}
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM a`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("table a has %d rows (%v): the failed migration's insert leaked", n, err)
	}
	if err := db.QueryRow(`SELECT COUNT(*) FROM b`).Scan(&n); err == nil {
		t.Fatal("table b exists: the failed migration was not rolled back")
	}
}

// TestPostgresTriggersKeepTheChangeLog: PostgreSQL's triggers write the
// change log and keep the invoice counts as SQLite's do: a client, an
// invoice moved to another client, a payment, a plan's instalment, a task,
// and a grade only when it changes.
func TestPostgresTriggersKeepTheChangeLog(t *testing.T) {
	ctx := context.Background()
	db := newPostgresDB(t)
	if err := migrateSet(ctx, db, migrationsFS, postgresMigrations); err != nil {
		t.Fatal(err)
	}
	exec := func(query string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	var seq int64
	changes := func() []string {
		t.Helper()
		rows, err := db.QueryContext(ctx, `SELECT seq, part, COALESCE(invoice_id, 0), COALESCE(client_id, 0)
			FROM book_changes WHERE seq > $1 ORDER BY seq`, seq)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var part string
			var invoice, client int64
			if err := rows.Scan(&seq, &part, &invoice, &client); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%s %d/%d", part, invoice, client))
		}
		return out
	}
	count := func(client int) int {
		var n int
		_ = db.QueryRowContext(ctx, `SELECT COALESCE(SUM(invoices), 0) FROM client_invoice_counts WHERE client_id = $1`, client).Scan(&n)
		return n
	}
	now := time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC)
	exec(`INSERT INTO clients (id, name, kind, created_at, updated_at) VALUES (1, 'Alpha', 'professional', $1, $1),
		(2, 'Beta', 'professional', $1, $1)`, now)
	exec(`INSERT INTO invoices (id, number, client_id, issue_date, due_date, amount_cents, created_at, updated_at)
		VALUES (10, 'FA-1', 1, '2026-11-01', '2026-12-01', 10000, $1, $1)`, now)
	changes() // the clients' and the invoice's own
	for _, step := range []struct {
		what  string
		write func()
		want  []string
	}{
		{"an invoice moved", func() { exec(`UPDATE invoices SET client_id = 2 WHERE id = 10`) },
			[]string{"invoice 10/2", "invoice 10/1"}},
		{"a payment", func() {
			exec(`INSERT INTO payments (invoice_id, paid_on, amount_cents, created_at) VALUES (10, '2026-12-05', 5000, $1)`, now)
		}, []string{"invoice 10/0"}},
		{"an instalment", func() {
			exec(`INSERT INTO payment_plans (id, invoice_id, agreed_on, created_at) VALUES (5, 10, '2026-12-06', $1)`, now)
			exec(`INSERT INTO instalments (plan_id, due_date, amount_cents) VALUES (5, '2027-01-06', 5000)`)
		}, []string{"invoice 10/0", "invoice 10/0"}},
		{"a task", func() { exec(`INSERT INTO tasks (kind, due_on, created_at) VALUES ('review', '2026-12-09', $1)`, now) },
			[]string{"tasks 0/0"}},
		{"a first grade, then the same, then another", func() {
			for _, g := range []string{"B", "B", "D"} {
				exec(`INSERT INTO client_grades (client_id, grade, graded_on) VALUES (2, $1, '2026-12-08')
					ON CONFLICT (client_id) DO UPDATE SET grade = excluded.grade`, g)
			}
		}, []string{"client 0/2", "client 0/2"}},
	} {
		step.write()
		if got := changes(); !slices.Equal(got, step.want) {
			t.Errorf("%s: change log %v, want %v", step.what, got, step.want)
		}
	}
	if count(1) != 0 || count(2) != 1 {
		t.Errorf("invoice counts: Alpha %d, Beta %d, want 0 and 1", count(1), count(2))
	}
}

// TestPostgresStoreQueries: every list query the store runs while
// the screens and the planner read a book (WithQueryObserver), said the
// PostgreSQL way (postgresSQL), is one PostgreSQL prepares against the
// schema its migrations make: its syntax, its tables and columns, and
// the types of what it compares.
func TestPostgresStoreQueries(t *testing.T) {
	ctx := context.Background()
	pg := newPostgresDB(t)
	if err := migrateSet(ctx, pg, migrationsFS, postgresMigrations); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	s, err := Open(t.TempDir()+"/relance.db", WithClock(ClockOn(testDay)),
		WithQueryObserver(func(query string, _ []any) { seen[query] = true }))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := makeClient(t, s, "alpha")
	inv := makeInvoiceDue(t, s, c.ID, "FA-1", 100000, "2026-10-31")
	recordPaymentOn(t, s, inv.ID, "2026-11-02", 10000)
	makeInvoiceDue(t, s, c.ID, "FA-2", 50000, "2026-12-31")
	reads := []func() error{
		func() error { _, err := s.LoadDunningBook(ctx, BookQuery{}); return err },
		func() error { _, err := s.ListClientSummaries(ctx, testDay); return err },
		func() error { _, err := s.ListInvoiceLinesOf(ctx, UnpaidInvoiceLines); return err },
		func() error { _, err := s.ListInvoiceLinesOf(ctx, SettledInvoiceLines); return err },
		func() error { _, err := s.LoadDashboardBook(ctx, testDay.AddMonths(-3)); return err },
		func() error { _, err := s.LoadPayerBook(ctx, 0); return err },
		func() error { _, err := s.ListClientsByIDs(ctx, []int64{c.ID}); return err },
		func() error { _, err := s.ListLastPromisesByInvoices(ctx, []int64{inv.ID}); return err },
		func() error { _, err := s.ListInvoiceIDsPaidBetween(ctx, testDay.AddDays(-60), testDay); return err },
		func() error { _, err := s.ClientNames(ctx, []int64{c.ID}); return err },
	}
	for f := range unpaidFilterCount {
		reads = append(reads, func() error { _, err := s.ListUnpaidInvoiceLines(ctx, f, testDay, 7); return err })
	}
	for _, read := range reads {
		if err := read(); err != nil {
			t.Fatal(err)
		}
	}
	if len(seen) < 15 {
		t.Fatalf("only %d queries seen", len(seen))
	}
	for _, query := range slices.Sorted(maps.Keys(seen)) {
		stmt, err := pg.PrepareContext(ctx, postgresSQL(query))
		if err != nil {
			t.Errorf("%v\nSQLite:     %s\nPostgreSQL: %s", err, query, postgresSQL(query))
			continue
		}
		stmt.Close()
	}
}

// TestPostgresRefusalsTranslated: PostgreSQL's refusals come out of the
// store as SQLite's do: a number taken, a client still referred to, a
// check failed.
func TestPostgresRefusalsTranslated(t *testing.T) {
	ctx := context.Background()
	db := newPostgresDB(t)
	if err := migrateSet(ctx, db, migrationsFS, postgresMigrations); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC)
	if _, err := db.ExecContext(ctx, `INSERT INTO clients (id, name, kind, created_at, updated_at) VALUES (1, 'Alpha', 'professional', $1, $1)`, now); err != nil {
		t.Fatal(err)
	}
	invoice := postgresSQL(`INSERT INTO invoices (number, client_id, issue_date, due_date, amount_cents, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if _, err := db.ExecContext(ctx, invoice, "FA-1", 1, MustDate("2026-11-01"), MustDate("2026-12-01"), 100, now, now); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		run  func() error
		want error
	}{
		"number taken": {func() error {
			_, err := db.ExecContext(ctx, invoice, "FA-1", 1, MustDate("2026-11-01"), MustDate("2026-12-01"), 100, now, now)
			return err
		}, ErrAlreadyExists},
		"client referred to": {func() error { _, err := db.ExecContext(ctx, `DELETE FROM clients WHERE id = 1`); return err }, errForeignKey},
		"amount not positive": {func() error {
			_, err := db.ExecContext(ctx, invoice, "FA-2", 1, MustDate("2026-11-01"), MustDate("2026-12-01"), -5, now, now)
			return err
		}, ErrInvalid},
	} {
		if err := translate(c.run()); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
}

// TestPostgresSQL: the rewrites, on the store's own kinds of query.
func TestPostgresSQL(t *testing.T) {
	for _, c := range []struct{ sqlite, postgres string }{
		{`SELECT x FROM invoices i INDEXED BY invoices_open_plan WHERE a = ? AND b = ?`,
			`SELECT x FROM invoices i WHERE a = $1 AND b = $2`},
		{`WHERE due_date BETWEEN ?1 AND ?2 OR due_date < ?1`, `WHERE due_date BETWEEN $1 AND $2 OR due_date < $1`},
		{`WHERE id IN (SELECT value FROM json_each(?))`, `WHERE id IN (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb))`},
		{`SUM(p.amount_cents * MAX(0, CAST(julianday(p.paid_on) - julianday(i.due_date) AS INTEGER)))`,
			`SUM(p.amount_cents * GREATEST(0, (p.paid_on - i.due_date)))`},
		{`AND json_extract(e.params, '$.to') IN ('disputed', 'in_litigation')`,
			`AND (e.params::jsonb->>'to') IN ('disputed', 'in_litigation')`},
		{`WHERE paused = 1 AND reminders_paused = 0 AND live=1`, `WHERE paused = TRUE AND reminders_paused = FALSE AND live=TRUE`},
		{`WHERE instr(lower(c.email_cc), ?1) > 0 AND note = 'why?'`, `WHERE strpos(lower(c.email_cc), $1) > 0 AND note = 'why?'`},
		{`ORDER BY name COLLATE NOCASE, id`, `ORDER BY lower(name), id`},
		{`WHERE client_id = ?1 AND kind NOT IN (?, ?)`, `WHERE client_id = $1 AND kind NOT IN ($2, $3)`},
	} {
		if got := postgresSQL(c.sqlite); got != c.postgres {
			t.Errorf("%s\n got %s\nwant %s", c.sqlite, got, c.postgres)
		}
	}
}
