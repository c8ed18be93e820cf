// Package sharedbook owns how this PC reaches an office's shared book on a
// PostgreSQL server: the connection (server, database, role, TLS and the
// server's CA, the person's name on the timeline) kept in the data folder,
// its password kept in the OS keychain, and opening the book. A data
// folder without a connection file holds its own SQLite book, as before.
package sharedbook

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"relance/data"
)

// File is the connection file in the data folder: its presence makes the
// folder's book the shared one it names.
const File = "shared-book.json"

// TLS modes, libpq's names. VerifyFull is the default: the server's
// certificate must chain to the CA and name the host.
const (
	VerifyFull = "verify-full"
	Require    = "require" // encrypted, the server not checked
	Disable    = "disable" // in clear: a server on this machine or a trusted LAN
)

// DefaultPort is PostgreSQL's.
const DefaultPort = 5432

// connectTimeout bounds reaching the server: an address that does not
// answer is said after it rather than hanging the window.
const connectTimeout = 10 * time.Second

// Connection is how this PC reaches the shared book. The password is not
// part of it: it lives in the keychain (Password).
type Connection struct {
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Database string `json:"database"`
	User     string `json:"user"`
	TLS      string `json:"tls"`     // VerifyFull, Require or Disable
	CAFile   string `json:"ca_file"` // the server's CA (PEM), for VerifyFull; "" for the system's
	// Person is the name the timeline gives what this PC does ("Marie");
	// the role's name when empty.
	Person string `json:"person"`
}

// Errors a connection is refused with before any network call.
var (
	ErrNoHost     = errors.New("the server's address is empty")
	ErrNoDatabase = errors.New("the database name is empty")
	ErrNoUser     = errors.New("the user name is empty")
	ErrBadPort    = errors.New("the port is not a number between 1 and 65535")
	ErrBadTLS     = errors.New("the TLS mode is not verify-full, require or disable")
	ErrNoCAFile   = errors.New("the CA certificate file cannot be read")
	ErrNotServer  = errors.New("the address is not a postgres:// URL")
)

// Check says what is missing or wrong in c, naming the field.
func (c Connection) Check() error {
	switch {
	case strings.TrimSpace(c.Host) == "":
		return ErrNoHost
	case c.Port < 1 || c.Port > 65535:
		return ErrBadPort
	case strings.TrimSpace(c.Database) == "":
		return ErrNoDatabase
	case strings.TrimSpace(c.User) == "":
		return ErrNoUser
	case c.TLS != VerifyFull && c.TLS != Require && c.TLS != Disable:
		return ErrBadTLS
	}
	if c.TLS == VerifyFull && c.CAFile != "" {
		if _, err := os.Stat(c.CAFile); err != nil {
			return fmt.Errorf("%w: %s", ErrNoCAFile, c.CAFile)
		}
	}
	return nil
}

// Name is the book as people say it: user@host:port/database.
func (c Connection) Name() string {
	return fmt.Sprintf("%s@%s/%s", c.User, net.JoinHostPort(c.Host, strconv.Itoa(c.Port)), c.Database)
}

// PersonName is who the timeline says did what this PC does.
func (c Connection) PersonName() string {
	if p := strings.TrimSpace(c.Person); p != "" {
		return p
	}
	return c.User
}

// URL is the connection string pgx opens, with password.
func (c Connection) URL(password string) string {
	u := url.URL{Scheme: "postgres", Host: net.JoinHostPort(c.Host, strconv.Itoa(c.Port)), Path: "/" + c.Database}
	if password != "" {
		u.User = url.UserPassword(c.User, password)
	} else {
		u.User = url.User(c.User)
	}
	q := url.Values{}
	q.Set("sslmode", c.TLS)
	if c.TLS == VerifyFull && c.CAFile != "" {
		q.Set("sslrootcert", c.CAFile)
	}
	q.Set("connect_timeout", strconv.Itoa(int(connectTimeout/time.Second)))
	q.Set("application_name", "Relance")
	u.RawQuery = q.Encode()
	return u.String()
}

// ParseURL reads a postgres:// URL (relance --db): the connection and the
// password it holds, if any. Its sslmode is kept; none means verify-full.
func ParseURL(raw string) (Connection, string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return Connection{}, "", fmt.Errorf("%w: %s", ErrNotServer, redact(raw))
	}
	c := Connection{Host: u.Hostname(), Port: DefaultPort, Database: strings.TrimPrefix(u.Path, "/"),
		TLS: VerifyFull, CAFile: u.Query().Get("sslrootcert"), Person: u.Query().Get("person")}
	if p := u.Port(); p != "" {
		if c.Port, err = strconv.Atoi(p); err != nil {
			return c, "", ErrBadPort
		}
	}
	if m := u.Query().Get("sslmode"); m != "" {
		c.TLS = m
	}
	password := ""
	if u.User != nil {
		c.User = u.User.Username()
		password, _ = u.User.Password()
	}
	return c, password, c.Check()
}

// redact hides a password in a URL said back to the user.
func redact(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
			return u.String()
		}
	}
	return raw
}

// Load reads the connection file of the data folder dir. ok is false when
// there is none: the folder holds its own SQLite book.
func Load(dir string) (c Connection, ok bool, err error) {
	b, err := os.ReadFile(filepath.Join(dir, File))
	if errors.Is(err, os.ErrNotExist) {
		return c, false, nil
	}
	if err != nil {
		return c, false, fmt.Errorf("read %s: %w", File, err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, false, fmt.Errorf("read %s: %w", filepath.Join(dir, File), err)
	}
	return c, true, c.Check()
}

// Save writes c as the data folder's connection: from now on the folder
// opens the shared book. The file is replaced whole (written aside, then
// renamed), so that a crash leaves the old one or the new.
func Save(dir string, c Connection) error {
	if err := c.Check(); err != nil {
		return err
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, File+".tmp")
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("write %s: %w", File, err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, File)); err != nil {
		return fmt.Errorf("write %s: %w", File, err)
	}
	return nil
}

// Forget removes the connection file: the folder opens its own SQLite
// book again.
func Forget(dir string) error {
	if err := os.Remove(filepath.Join(dir, File)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", File, err)
	}
	return nil
}

// Open connects to the shared book c names with password, brings its
// schema to this version and tags what this PC records with c's person.
func Open(ctx context.Context, c Connection, password string, opts ...data.Option) (*data.Store, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*connectTimeout)
	defer cancel()
	opts = append([]data.Option{data.WithPerson(c.PersonName())}, opts...)
	return data.OpenServer(ctx, c.URL(password), opts...)
}
