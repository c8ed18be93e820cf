package data

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestMigrateEmptyToHeadAndNoOp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "relance.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	head, _ := loadMigrations(migrationsFS)
	v, err := s.SchemaVersion(context.Background())
	if err != nil || v != len(head) || v == 0 {
		t.Fatalf("version %d, %v; want %d", v, err, len(head))
	}
	c := Client{Name: "survivant"}
	if err := s.CreateClient(context.Background(), &c); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(path) // head -> head
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var applied int
	if err := s.read.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&applied); err != nil || applied != len(head) {
		t.Fatalf("%d migration rows, %v", applied, err)
	}
	if _, err := s.GetClient(context.Background(), c.ID); err != nil {
		t.Fatalf("data lost on reopen: %v", err)
	}
}

func rawDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(filepath.Join(t.TempDir(), "m.db"), false))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func TestFailingMigrationLeavesPreviousVersion(t *testing.T) {
	ctx := context.Background()
	db := rawDB(t)
	good := fstest.MapFS{
		"migrations/0001_first.sql": {Data: []byte(`CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);`)},
	}
	if err := migrate(ctx, db, good); err != nil {
		t.Fatal(err)
	}
	bad := fstest.MapFS{
		"migrations/0001_first.sql":  good["migrations/0001_first.sql"],
		"migrations/0002_broken.sql": {Data: []byte(`CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (2); THIS IS NOT SQL;`)},
	}
	err := migrate(ctx, db, bad)
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
	fixed := fstest.MapFS{
		"migrations/0001_first.sql": good["migrations/0001_first.sql"],
		"migrations/0002_fixed.sql": {Data: []byte(`CREATE TABLE b (y INTEGER);`)},
	}
	if err := migrate(ctx, db, fixed); err != nil {
		t.Fatal(err)
	}
	if v, _ := schemaVersion(ctx, db); v != 2 {
		t.Fatalf("version %d after the fix", v)
	}
}

func TestMigrationNumbering(t *testing.T) {
	gap := fstest.MapFS{
		"migrations/0001_a.sql": {Data: []byte(`SELECT 1;`)},
		"migrations/0003_c.sql": {Data: []byte(`SELECT 1;`)},
	}
	if _, err := loadMigrations(gap); err == nil {
		t.Fatal("a gap in numbering must be refused")
	}
	badName := fstest.MapFS{"migrations/first.sql": {Data: []byte(`SELECT 1;`)}}
	if _, err := loadMigrations(badName); err == nil {
		t.Fatal("a file without a number must be refused")
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	db := rawDB(t)
	two := fstest.MapFS{
		"migrations/0001_a.sql": {Data: []byte(`SELECT 1;`)},
		"migrations/0002_b.sql": {Data: []byte(`SELECT 1;`)},
	}
	if err := migrate(ctx, db, two); err != nil {
		t.Fatal(err)
	}
	one := fstest.MapFS{"migrations/0001_a.sql": two["migrations/0001_a.sql"]}
	if err := migrate(ctx, db, one); !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("got %v", err)
	}
}

func TestOpenSetsPragmas(t *testing.T) {
	s := newFileTestStore(t)
	checks := map[string]string{"journal_mode": "wal", "foreign_keys": "1", "synchronous": "1", "busy_timeout": "10000"}
	for pragma, want := range checks {
		var got string
		if err := s.write.QueryRow(`PRAGMA ` + pragma).Scan(&got); err != nil || got != want {
			t.Errorf("PRAGMA %s = %q (%v), want %q", pragma, got, err, want)
		}
	}
	var qo string
	if err := s.read.QueryRow(`PRAGMA query_only`).Scan(&qo); err != nil || qo != "1" {
		t.Errorf("read pool query_only = %q (%v)", qo, err)
	}
}

// TestEveryMigrationHasItsPostgreSQLTwin: each SQLite migration has its
// PostgreSQL one, under the same number and name (make test-pg checks
// what they make against a server; this one needs none).
func TestEveryMigrationHasItsPostgreSQLTwin(t *testing.T) {
	lite, err := loadMigrations(migrationsFS)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := loadMigrationsIn(migrationsFS, postgresMigrations.dir)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range lite {
		if i >= len(pg) || pg[i].name != m.name {
			t.Errorf("%s has no PostgreSQL twin in %s", m.name, postgresMigrations.dir)
		}
	}
	if len(pg) != len(lite) {
		t.Errorf("%d PostgreSQL migrations for %d SQLite ones", len(pg), len(lite))
	}
}
