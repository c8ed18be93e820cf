package mail

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	"relance/app/oauth"
	"relance/data"
)

// SecretRefresh is the kind of secret of an account signed in with its
// provider (OAuth): the refresh token, from which each session gets an
// access token. It is kept like a password: in the OS keychain, never in
// the database or the log.
const SecretRefresh = "refresh"

// errSignIn: the account signs in with its provider and has no valid
// sign-in (never done, revoked, expired): every email waits on hold until
// the owner signs in again.
func errSignIn(err error) *Error { return &Error{Cause: CauseSignIn, Err: err} }

// tokens keeps, per signed-in account, the source of its access tokens:
// an access token lasts an hour, so a session of sends refreshes it once.
type tokens struct {
	mu      sync.Mutex
	sources map[string]*oauth.Source // by the account's refresh-token key
}

// provider is the OAuth provider an account signs in to.
func provider(a *data.MailAccount) (oauth.Provider, error) {
	p, err := oauth.ForAccount(a.OAuthProvider, a.OAuthTenant, a.OAuthClientID, a.OAuthClientSecret, os.Getenv)
	if errors.Is(err, oauth.ErrNoClientID) {
		return p, &Error{Cause: CauseNotConfigured, Err: err}
	}
	return p, err
}

// credentials reads what signing in needs: the password, or for an account
// signed in with its provider an access token (refreshed when near its end).
func (s *Service) credentials(ctx context.Context, a *data.MailAccount) (Credentials, error) {
	if a.OAuthProvider == "" {
		return s.secrets.credentials(a)
	}
	src, err := s.tokenSource(a)
	if err != nil {
		return Credentials{}, err
	}
	token, err := src.AccessToken(ctx)
	switch {
	case errors.Is(err, oauth.ErrSignInAgain):
		s.forgetSource(a)
		return Credentials{}, errSignIn(err)
	case err != nil:
		// The token endpoint did not answer: like a mail server that
		// does not, try later.
		return Credentials{}, &Error{Cause: CauseNetwork, Server: err.Error(), Err: err}
	}
	return Credentials{Token: token}, nil
}

// Credentials are what the account signs in with now: its password, or an
// access token of its provider (for the settings' connection test).
func (s *Service) Credentials(ctx context.Context, a *data.MailAccount) (Credentials, error) {
	return s.credentials(ctx, a)
}

// signedIn reports whether the account can sign in without the owner: a
// password, or a refresh token, is known (no network).
func (s *Service) signedIn(a *data.MailAccount) error {
	if a.OAuthProvider == "" {
		_, err := s.secrets.credentials(a)
		return err
	}
	if _, err := s.secrets.Get(SecretRefresh, a); err != nil {
		return errSignIn(err)
	}
	return nil
}

// tokenSource is the account's source of access tokens, made from the
// refresh token in the keychain the first time.
func (s *Service) tokenSource(a *data.MailAccount) (*oauth.Source, error) {
	key := secretUser(SecretRefresh, a)
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	if src := s.tokens.sources[key]; src != nil {
		return src, nil
	}
	refresh, err := s.secrets.Get(SecretRefresh, a)
	if err != nil {
		return nil, errSignIn(err)
	}
	p, err := provider(a)
	if err != nil {
		return nil, err
	}
	src := oauth.NewSource(p, refresh, s.keepRefresh(*a))
	s.tokens.sources[key] = src
	return src, nil
}

// keepRefresh keeps a new refresh token of the account where the last one
// was.
func (s *Service) keepRefresh(a data.MailAccount) func(string) error {
	return func(refresh string) error {
		// Where the keychain refuses it, Set keeps it in memory for the
		// run (and logs why): the owner signs in again next run.
		_, _ = s.secrets.Set(SecretRefresh, &a, refresh)
		return nil
	}
}

func (s *Service) forgetSource(a *data.MailAccount) {
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	delete(s.tokens.sources, secretUser(SecretRefresh, a))
}

// SignIn signs the account in with its provider: the provider's page in
// the system browser (open), then its refresh token kept in the keychain
// (inKeychain false: in memory for this run only, the keychain being
// unavailable), and the access token ready for the next send. The account
// must name its provider (OAuthProvider) and its address (Username).
func (s *Service) SignIn(ctx context.Context, a *data.MailAccount, page oauth.Page,
	open func(url string) error) (inKeychain bool, err error) {
	p, err := provider(a)
	if err != nil {
		return false, err
	}
	tok, err := oauth.SignIn(ctx, p, a.Username, page, open)
	if err != nil {
		return false, fmt.Errorf("sign in with %s: %w", a.OAuthProvider, err)
	}
	inKeychain, _ = s.secrets.Set(SecretRefresh, a, tok.RefreshToken)
	s.tokens.mu.Lock()
	s.tokens.sources[secretUser(SecretRefresh, a)] = oauth.NewSourceFrom(p, tok, s.keepRefresh(*a))
	s.tokens.mu.Unlock()
	return inKeychain, nil
}

// SignOut forgets the account's sign-in: the refresh token in the
// keychain and the access token in memory.
func (s *Service) SignOut(a *data.MailAccount) error {
	s.forgetSource(a)
	return s.secrets.Forget(SecretRefresh, a)
}
