// Package oauth signs the owner in to their mail provider with OAuth 2.0,
// for sending (SMTP) and reading (IMAP) with a token instead of a password:
// the authorization code flow with PKCE (RFC 7636) and a loopback redirect
// on 127.0.0.1 (RFC 8252, "OAuth 2.0 for Native Apps"), in the system
// browser; then fresh access tokens from the refresh token, which the
// caller keeps in the OS keychain. It knows Microsoft 365 and Google; their
// endpoints are fields, so that tests run the whole flow against a server
// on 127.0.0.1. It does not import Fyne: the window opens the browser and
// shows the errors.
package oauth

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// Provider is an OAuth 2.0 authorization server and the app's registration
// with it.
type Provider struct {
	Key      string // "microsoft" or "google": where the keychain files its refresh token
	AuthURL  string
	TokenURL string
	Scopes   []string
	// ClientID is the app's registration with the provider (a build
	// setting, or the owner's own in Settings). ClientSecret is empty but
	// for Google, whose desktop registrations carry one that is not a
	// secret (it ships in every copy of the app, as Google documents).
	ClientID     string
	ClientSecret string
	// Params are extra parameters of the authorization request (Google
	// gives a refresh token only with access_type=offline).
	Params map[string]string
}

// The providers' keys.
const (
	KeyMicrosoft = "microsoft"
	KeyGoogle    = "google"
)

// Microsoft is Microsoft 365 (Exchange Online) through the Microsoft
// identity platform: tenant is "organizations" (any work or school
// account) or the organisation's own tenant (its domain or ID). The scopes
// are those Exchange asks of SMTP AUTH and IMAP with OAuth, and
// offline_access for a refresh token.
func Microsoft(tenant, clientID string) Provider {
	if tenant = strings.TrimSpace(tenant); tenant == "" {
		tenant = "organizations"
	}
	base := "https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/"
	return Provider{Key: KeyMicrosoft, AuthURL: base + "authorize", TokenURL: base + "token", ClientID: clientID,
		Scopes: []string{"https://outlook.office.com/SMTP.Send", "https://outlook.office.com/IMAP.AccessAsUser.All",
			"offline_access"}}
}

// Google is Gmail and Google Workspace: the one scope that covers SMTP and
// IMAP, and an offline grant for a refresh token.
func Google(clientID, clientSecret string) Provider {
	return Provider{Key: KeyGoogle, AuthURL: "https://accounts.google.com/o/oauth2/v2/auth",
		TokenURL: "https://oauth2.googleapis.com/token", ClientID: clientID, ClientSecret: clientSecret,
		Scopes: []string{"https://mail.google.com/"}, Params: map[string]string{"access_type": "offline", "prompt": "consent"}}
}

// config is the provider as golang.org/x/oauth2 takes it.
func (p Provider) config(redirect string) *oauth2.Config {
	return &oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, RedirectURL: redirect, Scopes: p.Scopes,
		// A public client sends its id in the form: no HTTP Basic guess
		// (which would cost a failed round trip on some servers).
		Endpoint: oauth2.Endpoint{AuthURL: p.AuthURL, TokenURL: p.TokenURL, AuthStyle: oauth2.AuthStyleInParams}}
}

// requestTimeout bounds each call to the token endpoint.
const requestTimeout = 30 * time.Second

// withClient is ctx carrying the HTTP client the oauth2 package uses: one
// with a timeout, never the default client, which has none.
func withClient(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, &http.Client{Timeout: requestTimeout})
}

// Errors of a sign-in and of a refresh, for the window to explain.
var (
	// ErrDenied: the owner refused, or the provider refused the app
	// (the redirect came back with an error).
	ErrDenied = errors.New("sign-in refused")
	// ErrState: the redirect did not answer our request (another tab, a
	// forged request): its code is not used.
	ErrState = errors.New("the sign-in answer does not match the request")
	// ErrNoAnswer: the browser never came back (closed, or the owner
	// gave up) before the time allowed.
	ErrNoAnswer = errors.New("the browser did not come back from the sign-in")
	// ErrSignInAgain: the refresh token was revoked or expired (password
	// changed, access withdrawn by the administrator): only a new sign-in
	// gives one.
	ErrSignInAgain = errors.New("sign in again")
	// ErrNoRefresh: the provider gave no refresh token, so the sign-in
	// would last an hour.
	ErrNoRefresh = errors.New("the provider gave no refresh token")
)

// ProviderError is an error the authorization server answered with: its
// code ("access_denied", "invalid_grant", "invalid_client"...) and its
// description, for the log and the details.
type ProviderError struct {
	Code, Description string
	Err               error // ErrDenied, ErrSignInAgain, or nil
}

func (e *ProviderError) Error() string {
	if e.Description != "" {
		return e.Code + ": " + e.Description
	}
	return e.Code
}

func (e *ProviderError) Unwrap() error { return e.Err }

// fromRetrieve turns a token endpoint's refusal into a ProviderError.
func fromRetrieve(err error) error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		return err
	}
	pe := &ProviderError{Code: re.ErrorCode, Description: re.ErrorDescription}
	if pe.Code == "" {
		pe.Code = fmt.Sprintf("HTTP %d", re.Response.StatusCode)
	}
	if pe.Code == "invalid_grant" {
		pe.Err = ErrSignInAgain
	}
	return pe
}

// randomString is n random bytes, URL-safe.
func randomString(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// The app registrations Relance is built with: the publisher registers
// Relance with each provider (README, "Sign-in with Microsoft and Google")
// and sets them at build time:
//
//	go build -ldflags "-X relance/app/oauth.MicrosoftClientID=… -X relance/app/oauth.GoogleClientID=… -X relance/app/oauth.GoogleClientSecret=…"
//
// The owner may give their own in Settings instead.
var (
	MicrosoftClientID  string
	GoogleClientID     string
	GoogleClientSecret string
)

// ErrNoClientID is returned when neither Settings nor the build give an
// app registration for the provider, so no sign-in can start.
var ErrNoClientID = errors.New("no app registration for this provider")

// ServerVar names a variable pointing every provider at another
// authorization server (its /authorize and /token): a test server on
// 127.0.0.1 for a trial of the real app, never set in use.
const ServerVar = "RELANCE_OAUTH_SERVER"

// ForAccount is the provider an account signs in to: key (data.OAuthMicrosoft
// or data.OAuthGoogle), the Microsoft tenant, and the registration chosen
// in Settings, else the build's. getenv reads ServerVar.
func ForAccount(key, tenant, clientID, clientSecret string, getenv func(string) string) (Provider, error) {
	var p Provider
	switch key {
	case KeyMicrosoft:
		p = Microsoft(tenant, cmp.Or(clientID, MicrosoftClientID))
	case KeyGoogle:
		if clientID == "" {
			clientID, clientSecret = GoogleClientID, GoogleClientSecret
		}
		p = Google(clientID, clientSecret)
	default:
		return Provider{}, fmt.Errorf("sign in: no provider %q", key)
	}
	if p.ClientID == "" {
		return Provider{}, ErrNoClientID
	}
	if base := strings.TrimSuffix(getenv(ServerVar), "/"); base != "" {
		p.AuthURL, p.TokenURL = base+"/authorize", base+"/token"
	}
	return p, nil
}
