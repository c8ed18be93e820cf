package sharedbook

import (
	"errors"
	"sync"

	"github.com/zalando/go-keyring"
)

// keyringService names the shared books' passwords in the OS keychain.
const keyringService = "Relance shared book"

// Keyring is the OS keychain as the passwords need it (mail.SystemKeyring).
type Keyring interface {
	Get(service, user string) (string, error)
	Set(service, user, secret string) error
	Delete(service, user string) error
}

// Passwords keeps the shared books' passwords in the keychain or, where
// none answers (a Linux without a Secret Service), in memory for the run:
// the person types it at each start then. Never in a file.
type Passwords struct {
	ring   Keyring
	mu     sync.Mutex
	memory map[string]string
}

// NewPasswords keeps passwords in ring.
func NewPasswords(ring Keyring) *Passwords {
	return &Passwords{ring: ring, memory: map[string]string{}}
}

// Get returns the password kept for c; ok is false when none is.
func (p *Passwords) Get(c Connection) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if v, ok := p.memory[c.Name()]; ok {
		return v, true
	}
	v, err := p.ring.Get(keyringService, c.Name())
	return v, err == nil
}

// Set keeps c's password; inKeychain is false when the keychain refused
// it and it is kept for this run only.
func (p *Passwords) Set(c Connection, password string) (inKeychain bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.ring.Set(keyringService, c.Name(), password); err != nil {
		p.memory[c.Name()] = password
		return false
	}
	delete(p.memory, c.Name())
	return true
}

// Forget removes c's password.
func (p *Passwords) Forget(c Connection) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.memory, c.Name())
	if err := p.ring.Delete(keyringService, c.Name()); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return err
	}
	return nil
}
