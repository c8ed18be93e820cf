package mail

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/zalando/go-keyring"

	"relance/data"
)

// KeyringService is the name Relance's secrets are filed under in the OS
// keychain (Windows Credential Manager, macOS Keychain, Secret Service).
const KeyringService = "Relance"

// Keyring is the OS keychain as the secrets need it; go-keyring's
// functions in the app, a fake in tests.
type Keyring interface {
	Get(service, user string) (string, error)
	Set(service, user, secret string) error
	Delete(service, user string) error
}

// SystemKeyring is the OS keychain through go-keyring.
type SystemKeyring struct{}

// keyringTimeout bounds a keychain call: a Secret Service that never
// answers (a D-Bus session without one) must not freeze the window.
const keyringTimeout = 5 * time.Second

// Get reads a secret.
func (SystemKeyring) Get(service, user string) (string, error) {
	var v string
	err := withTimeout(func() error {
		var err error
		v, err = keyring.Get(service, user)
		return err
	})
	return v, err
}

// Set stores a secret.
func (SystemKeyring) Set(service, user, secret string) error {
	return withTimeout(func() error { return keyring.Set(service, user, secret) })
}

// Delete removes a secret.
func (SystemKeyring) Delete(service, user string) error {
	return withTimeout(func() error { return keyring.Delete(service, user) })
}

var errKeyringTimeout = errors.New("the keychain did not answer")

// KeychainTrouble is why the keychain could not be used, in a few kinds
// the window explains in the owner's words (key "mail.keychain.<kind>").
// The keychain's own error (on Linux a D-Bus message such as
// "org.freedesktop.secrets was not provided by any .service files") is for
// the log only.
type KeychainTrouble string

// The kinds of keychain trouble.
const (
	KeychainMissing KeychainTrouble = "missing" // no keychain service (a Linux without a Secret Service, no D-Bus session)
	KeychainTimeout KeychainTrouble = "timeout" // the keychain did not answer in time
	KeychainRefused KeychainTrouble = "refused" // it answered, and refused (locked, access denied, ...)
)

// KeychainTroubles lists every kind, so that a test can check each is
// explained in every language.
var KeychainTroubles = []KeychainTrouble{KeychainMissing, KeychainTimeout, KeychainRefused}

// TroubleOf classifies a keychain error.
func TroubleOf(err error) KeychainTrouble {
	text := strings.ToLower(err.Error())
	switch {
	case errors.Is(err, errKeyringTimeout):
		return KeychainTimeout
	case strings.Contains(text, "dbus"), strings.Contains(text, "d-bus"), strings.Contains(text, "org.freedesktop"),
		strings.Contains(text, "secret service"), strings.Contains(text, "secretservice"),
		strings.Contains(text, "executable file not found"):
		return KeychainMissing
	}
	return KeychainRefused
}

func withTimeout(f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(keyringTimeout):
		return errKeyringTimeout
	}
}

// The kinds of secret of an account.
const (
	SecretPassword = "password"
	SecretToken    = "token" // an OAuth access token (XOAUTH2, OAUTHBEARER)
)

// ErrNoSecret is returned when no password (or token) is known for the account; the window
// asks for it.
var ErrNoSecret = &Error{Cause: CauseNoSecret, Err: errors.New("no password for the mail account")}

// Secrets keeps the account's password and token: in the OS keychain, or,
// where no keychain answers (a Linux without a Secret Service), in memory
// for the run only, so that the owner types it once per run. Secrets are
// never written to the database, the preferences, the log or a mail.
type Secrets struct {
	mu     sync.Mutex
	ring   Keyring
	memory map[string]string
	// unavailable is why the keychain could not be used, nil while it works.
	unavailable error
}

// NewSecrets keeps secrets in ring.
func NewSecrets(ring Keyring) *Secrets {
	return &Secrets{ring: ring, memory: map[string]string{}}
}

// secretUser names an account's secret in the keychain: the kind, the
// user name (or the address) and the server, so that two accounts on two
// servers do not share one.
func secretUser(kind string, a *data.MailAccount) string {
	user := a.Username
	if user == "" {
		user = a.FromAddress
	}
	return fmt.Sprintf("%s:%s@%s", kind, user, a.Host)
}

// Get returns the account's secret of kind. A secret typed this run wins
// over the keychain's; ErrNoSecret when neither has one.
func (s *Secrets) Get(kind string, a *data.MailAccount) (string, error) {
	key := secretUser(kind, a)
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.memory[key]; ok {
		return v, nil
	}
	v, err := s.ring.Get(KeyringService, key)
	switch {
	case err == nil:
		s.unavailable = nil
		return v, nil
	case errors.Is(err, keyring.ErrNotFound):
		return "", ErrNoSecret
	}
	s.setUnavailable(err)
	return "", ErrNoSecret
}

// setUnavailable remembers why the keychain failed and logs its own words
// once: the window shows a sentence (TroubleOf), the log the detail.
// Called with s.mu held.
func (s *Secrets) setUnavailable(err error) {
	if s.unavailable == nil || s.unavailable.Error() != err.Error() {
		slog.Warn("keychain unavailable", "trouble", TroubleOf(err), "err", err)
	}
	s.unavailable = err
}

// Set keeps the account's secret of kind: in the keychain when it
// answers, else in memory for this run. kept says where: false when only
// in memory, with why the keychain could not take it.
func (s *Secrets) Set(kind string, a *data.MailAccount, secret string) (inKeychain bool, why error) {
	key := secretUser(kind, a)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ring.Set(KeyringService, key, secret); err != nil {
		s.setUnavailable(err)
		s.memory[key] = secret
		return false, err
	}
	s.unavailable = nil
	delete(s.memory, key)
	return true, nil
}

// Remember keeps a secret in memory for this run only (the owner typed it
// when asked, and the keychain is not available).
func (s *Secrets) Remember(kind string, a *data.MailAccount, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.memory[secretUser(kind, a)] = secret
}

// Forget removes the account's secret of kind from the keychain and memory.
func (s *Secrets) Forget(kind string, a *data.MailAccount) error {
	key := secretUser(kind, a)
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.memory, key)
	if err := s.ring.Delete(KeyringService, key); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return err
	}
	return nil
}

// Unavailable says why the keychain could not be used at the last try,
// nil when it worked (or was not tried).
func (s *Secrets) Unavailable() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.unavailable
}

// Credentials are what signing in needs: the password or the token.
type Credentials struct {
	Password string
	Token    string
}

// credentials reads the secret the account's mechanism needs.
func (s *Secrets) credentials(a *data.MailAccount) (Credentials, error) {
	if a.OAuth() {
		t, err := s.Get(SecretToken, a)
		return Credentials{Token: t}, err
	}
	if a.Username == "" {
		return Credentials{}, nil // a server that takes mail without signing in
	}
	p, err := s.Get(SecretPassword, a)
	return Credentials{Password: p}, err
}
