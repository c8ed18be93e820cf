// Package sharedbooktest gives tests a shared book of their own on the
// throwaway PostgreSQL server .ci/pg.sh starts (make test-pg): a new,
// empty database, dropped when the test ends. Without that server the
// test is skipped.
package sharedbooktest

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver

	"relance/app/sharedbook"
)

// ServerVar names the test server's URL (a superuser's, sslmode=disable).
const ServerVar = "RELANCE_TEST_PG"

// CAVar names the file of the test server's CA certificate.
const CAVar = "RELANCE_TEST_PG_CA"

var made atomic.Int64

// NewDatabase makes an empty database on the test server and returns the
// connection to it (TLS off), the password and the URL that says both.
func NewDatabase(t testing.TB) (sharedbook.Connection, string, string) {
	t.Helper()
	server := os.Getenv(ServerVar)
	if server == "" {
		t.Skip(ServerVar + " is not set: make test-pg runs this test beside a throwaway PostgreSQL")
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("relance_t%d_%d", time.Now().UnixNano(), made.Add(1))
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatalf("create the test database: %v", err)
	}
	t.Cleanup(func() {
		if a, err := sql.Open("pgx", server); err == nil {
			_, _ = a.Exec(`DROP DATABASE ` + name + ` WITH (FORCE)`)
			a.Close()
		}
	})
	c, password, err := sharedbook.ParseURL(server)
	if err != nil && !errors.Is(err, sharedbook.ErrNoCAFile) {
		t.Fatal(err)
	}
	c.Database, c.TLS = name, sharedbook.Disable
	return c, password, c.URL(password)
}
