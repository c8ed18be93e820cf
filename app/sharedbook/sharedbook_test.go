package sharedbook

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

func TestURLSaysTheConnection(t *testing.T) {
	c := Connection{Host: "srv.cabinet.lan", Port: 5433, Database: "relance", User: "marie", TLS: VerifyFull,
		CAFile: "/etc/ca.pem", Person: "Marie"}
	u, err := url.Parse(c.URL("p@ss:w/rd"))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Host != "srv.cabinet.lan:5433" || u.Path != "/relance" || q.Get("sslmode") != "verify-full" ||
		q.Get("sslrootcert") != "/etc/ca.pem" || q.Get("connect_timeout") != "10" {
		t.Fatalf("URL %s", u)
	}
	if p, _ := u.User.Password(); p != "p@ss:w/rd" || u.User.Username() != "marie" {
		t.Fatalf("credentials %v", u.User)
	}
	back, password, err := ParseURL("postgres://marie:secret@srv.cabinet.lan/relance?person=Marie")
	if err != nil || password != "secret" || back.Port != DefaultPort || back.TLS != VerifyFull || back.PersonName() != "Marie" {
		t.Fatalf("parsed %+v %q %v", back, password, err)
	}
	if c.Name() != "marie@srv.cabinet.lan:5433/relance" {
		t.Fatalf("name %s", c.Name())
	}
	for raw, want := range map[string]error{
		"mysql://a@b/c":                    ErrNotServer,
		"postgres://a@/c":                  ErrNoHost,
		"postgres://a@b/":                  ErrNoDatabase,
		"postgres://b/c":                   ErrNoUser,
		"postgres://a@b:99999/c":           ErrBadPort,
		"postgres://a@b/c?sslmode=prefer":  ErrBadTLS,
		"postgres://a@b/c?sslrootcert=/no": ErrNoCAFile,
	} {
		if _, _, err := ParseURL(raw); !errors.Is(err, want) {
			t.Errorf("%s: %v, want %v", raw, err, want)
		}
		if _, _, err := ParseURL(raw); TroubleOf(err) != TroubleSettings {
			t.Errorf("%s: trouble %s", raw, TroubleOf(err))
		}
	}
}

func TestTheFolderKeepsItsConnection(t *testing.T) {
	dir := t.TempDir()
	if _, ok, err := Load(dir); ok || err != nil {
		t.Fatalf("a folder of its own: %v %v", ok, err)
	}
	c := Connection{Host: "srv", Port: 5432, Database: "relance", User: "paul", TLS: Disable, Person: "Paul"}
	if err := Save(dir, c); err != nil {
		t.Fatal(err)
	}
	got, ok, err := Load(dir)
	if !ok || err != nil || got != c {
		t.Fatalf("loaded %+v %v %v", got, ok, err)
	}
	if err := Save(dir, Connection{Host: "srv"}); !errors.Is(err, ErrBadPort) {
		t.Fatalf("an incomplete connection saved: %v", err)
	}
	if err := os.WriteFile(dir+"/"+File, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Load(dir); err == nil {
		t.Fatal("a broken file was read")
	}
	if err := Forget(dir); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := Load(dir); ok {
		t.Fatal("forgotten, still connected")
	}
}

func TestPasswordsInTheKeychain(t *testing.T) {
	keyring.MockInit()
	p := NewPasswords(systemRing{})
	c := Connection{Host: "srv", Port: 5432, Database: "relance", User: "paul", TLS: Disable}
	if _, ok := p.Get(c); ok {
		t.Fatal("a password before any")
	}
	if !p.Set(c, "secret") {
		t.Fatal("the keychain refused")
	}
	if v, ok := NewPasswords(systemRing{}).Get(c); !ok || v != "secret" {
		t.Fatalf("another run reads %q %v", v, ok)
	}
	if err := p.Forget(c); err != nil {
		t.Fatal(err)
	}
	if _, ok := p.Get(c); ok {
		t.Fatal("forgotten, still there")
	}
	keyring.MockInitWithError(errors.New("no secret service"))
	p = NewPasswords(systemRing{})
	if p.Set(c, "typed") {
		t.Fatal("kept in a keychain that fails")
	}
	if v, ok := p.Get(c); !ok || v != "typed" {
		t.Fatalf("the run's memory: %q %v", v, ok)
	}
}

type systemRing struct{}

func (systemRing) Get(s, u string) (string, error) { return keyring.Get(s, u) }
func (systemRing) Set(s, u, v string) error        { return keyring.Set(s, u, v) }
func (systemRing) Delete(s, u string) error        { return keyring.Delete(s, u) }

// testServer is the throwaway cluster of .ci/pg.sh: a connection to a new
// database on it (TLS off), its superuser's password, and the CA file.
func testServer(t *testing.T) (Connection, string, string) {
	t.Helper()
	server := os.Getenv("RELANCE_TEST_PG")
	if server == "" {
		t.Skip("RELANCE_TEST_PG is not set: make test-pg runs this test beside a throwaway PostgreSQL")
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("relance_shared_%d", time.Now().UnixNano())
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if a, err := sql.Open("pgx", server); err == nil {
			_, _ = a.Exec(`DROP DATABASE ` + name + ` WITH (FORCE)`)
			a.Close()
		}
	})
	c, password, err := ParseURL(server)
	if err != nil && !errors.Is(err, ErrNoCAFile) {
		t.Fatal(err)
	}
	c.Database, c.TLS = name, Disable
	return c, password, os.Getenv("RELANCE_TEST_PG_CA")
}

// TestOpenChecksTheServersCertificate: verify-full, the default, opens the
// book when the server's certificate chains to the CA chosen and names the
// host (by name or address); without that CA it is refused as a
// certificate trouble, before any password is sent. "require" encrypts
// without checking.
func TestOpenChecksTheServersCertificate(t *testing.T) {
	c, password, ca := testServer(t)
	ctx := context.Background()
	for _, host := range []string{"localhost", "127.0.0.1"} {
		v := c
		v.Host, v.TLS, v.CAFile, v.Person = host, VerifyFull, ca, "Marie"
		s, err := Open(ctx, v, password)
		if err != nil {
			t.Fatalf("verify-full on %s with the CA: %v", host, err)
		}
		if s.Person() != "Marie" || !s.Shared() {
			t.Fatalf("opened %q shared=%v", s.Person(), s.Shared())
		}
		s.Close()
	}
	noCA := c
	noCA.TLS = VerifyFull
	if _, err := Open(ctx, noCA, password); TroubleOf(err) != TroubleCertificate {
		t.Fatalf("verify-full without the server's CA: %v (%s)", err, TroubleOf(err))
	}
	req := c
	req.TLS = Require
	s, err := Open(ctx, req, password)
	if err != nil {
		t.Fatalf("require: %v", err)
	}
	s.Close()
}

// TestOpenSaysWhatIsWrong: each usual mistake is sorted into the trouble
// the window says in words.
func TestOpenSaysWhatIsWrong(t *testing.T) {
	c, password, _ := testServer(t)
	ctx := context.Background()
	if _, err := Open(ctx, c, "wrong"); TroubleOf(err) != TroubleSignIn {
		t.Errorf("a wrong password: %v (%s)", err, TroubleOf(err))
	}
	noDB := c
	noDB.Database = "nothing_here"
	if _, err := Open(ctx, noDB, password); TroubleOf(err) != TroubleNoDatabase {
		t.Errorf("no such database: %v (%s)", err, TroubleOf(err))
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close() // nothing listens there now
	closed := c
	closed.Port = port
	if _, err := Open(ctx, closed, password); TroubleOf(err) != TroubleUnreachable {
		t.Errorf("no server on port %s: %v (%s)", strconv.Itoa(port), err, TroubleOf(err))
	}
	s, err := Open(ctx, c, password)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(ctx); err != nil || v == 0 {
		t.Fatalf("the book was not made: version %d, %v", v, err)
	}
}
