package oauth

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// refreshMargin: an access token this close to its expiry is refreshed
// before use, so that a long send never starts with one about to lapse.
const refreshMargin = 5 * time.Minute

// Source gives the access token of a signed-in account, refreshing it from
// the refresh token when it is missing or near its expiry. Providers may
// issue a new refresh token with each refresh (Microsoft does): save
// receives it, to keep it where the last one was (the keychain). It is safe
// for concurrent use.
type Source struct {
	p    Provider
	save func(refresh string) error

	mu  sync.Mutex
	tok *oauth2.Token
}

// NewSource starts from a refresh token (and no access token yet).
func NewSource(p Provider, refresh string, save func(refresh string) error) *Source {
	return &Source{p: p, save: save, tok: &oauth2.Token{RefreshToken: refresh}}
}

// NewSourceFrom starts from the token a sign-in gave.
func NewSourceFrom(p Provider, tok *oauth2.Token, save func(refresh string) error) *Source {
	return &Source{p: p, save: save, tok: tok}
}

// AccessToken returns a token valid for refreshMargin at least. A refused
// refresh (revoked, expired) is ErrSignInAgain.
func (s *Source) AccessToken(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok.AccessToken != "" && time.Until(s.tok.Expiry) > refreshMargin {
		return s.tok.AccessToken, nil
	}
	// The redirect URL plays no part in a refresh.
	fresh, err := s.p.config("").TokenSource(withClient(ctx), &oauth2.Token{RefreshToken: s.tok.RefreshToken}).Token()
	if err != nil {
		return "", fmt.Errorf("refresh the sign-in: %w", fromRetrieve(err))
	}
	if fresh.RefreshToken == "" { // kept: the provider did not rotate it
		fresh.RefreshToken = s.tok.RefreshToken
	}
	if fresh.RefreshToken != s.tok.RefreshToken && s.save != nil {
		if err := s.save(fresh.RefreshToken); err != nil {
			return "", fmt.Errorf("keep the new sign-in: %w", err)
		}
	}
	s.tok = fresh
	return fresh.AccessToken, nil
}

// RefreshToken is the refresh token the source holds now.
func (s *Source) RefreshToken() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tok.RefreshToken
}
