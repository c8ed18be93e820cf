// Package oauthtest gives tests an OAuth 2.0 authorization server on
// 127.0.0.1 (tests, and the developers' mail lab, import it; the app does
// not): the provider app/oauth signs in to, with the checks the real ones
// make, and a browser that follows its sign-in page back to the app's
// loopback port.
package oauthtest

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"relance/app/oauth"
)

// Server is an OAuth 2.0 authorization server on 127.0.0.1, as strict
// as the real ones on what this package relies on: the redirect URI must be
// a loopback one, the PKCE challenge S256 and its verifier must match, a
// code works once, a refresh token works until revoked, and it may rotate.
type Server struct {
	srv      *httptest.Server
	clientID string
	rotate   bool // issue a new refresh token on each refresh

	mu        sync.Mutex
	codes     map[string]authCode // by code
	refreshes map[string]bool     // refresh token -> valid
	access    map[string]bool     // access token -> valid
	issued    int
	refreshed int
}

type authCode struct{ challenge, redirect string }

// ClientID is the one app registration the server knows.
const ClientID = "relance-test"

// URL is the server's base: its endpoints are URL/authorize and URL/token
// (what app/oauth's ServerVar takes).
func (a *Server) URL() string { return a.srv.URL }

// NewServer starts a server for the test, closed when it ends.
func NewServer(t testing.TB) *Server {
	a := Start()
	t.Cleanup(a.Close)
	return a
}

// Start starts a server on a free loopback port; Close stops it.
func Start() *Server {
	a := &Server{clientID: ClientID, codes: map[string]authCode{}, refreshes: map[string]bool{},
		access: map[string]bool{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/authorize", a.authorize)
	mux.HandleFunc("/token", a.token)
	a.srv = httptest.NewServer(mux)
	return a
}

// Close stops the server.
func (a *Server) Close() { a.srv.Close() }

// Provider is the server as app/oauth signs in to it.
func (a *Server) Provider() oauth.Provider {
	return oauth.Provider{Key: "test", AuthURL: a.srv.URL + "/authorize", TokenURL: a.srv.URL + "/token", ClientID: a.clientID,
		Scopes: []string{"mail.send", "offline_access"}}
}

// authorize is the sign-in page: here the owner always agrees, unless the
// request asks for a refusal (login_hint "refuse@...").
func (a *Server) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	redirect := q.Get("redirect_uri")
	u, err := url.Parse(redirect)
	switch {
	case err != nil || u.Scheme != "http" || !strings.HasPrefix(u.Host, "127.0.0.1:"):
		http.Error(w, "redirect_uri must be a loopback address", http.StatusBadRequest)
		return
	case q.Get("client_id") != a.clientID, q.Get("response_type") != "code":
		http.Error(w, "bad client or response type", http.StatusBadRequest)
		return
	case q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "":
		http.Error(w, "PKCE S256 required", http.StatusBadRequest)
		return
	}
	back := url.Values{"state": {q.Get("state")}}
	if strings.HasPrefix(q.Get("login_hint"), "refuse@") {
		back.Set("error", "access_denied")
		back.Set("error_description", "The user declined.")
	} else {
		code := fmt.Sprintf("code-%d", time.Now().UnixNano())
		a.mu.Lock()
		a.codes[code] = authCode{challenge: q.Get("code_challenge"), redirect: redirect}
		a.mu.Unlock()
		back.Set("code", code)
	}
	http.Redirect(w, r, redirect+"?"+back.Encode(), http.StatusFound)
}

func (a *Server) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.Form.Get("client_id") != a.clientID {
		a.fail(w, "invalid_client", "unknown client")
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	switch r.Form.Get("grant_type") {
	case "authorization_code":
		c, ok := a.codes[r.Form.Get("code")]
		delete(a.codes, r.Form.Get("code")) // a code works once
		sum := sha256.Sum256([]byte(r.Form.Get("code_verifier")))
		switch {
		case !ok:
			a.fail(w, "invalid_grant", "unknown or used code")
			return
		case base64.RawURLEncoding.EncodeToString(sum[:]) != c.challenge:
			a.fail(w, "invalid_grant", "PKCE verification failed")
			return
		case r.Form.Get("redirect_uri") != c.redirect:
			a.fail(w, "invalid_grant", "redirect_uri differs")
			return
		}
	case "refresh_token":
		if !a.refreshes[r.Form.Get("refresh_token")] {
			a.fail(w, "invalid_grant", "AADSTS70008: The refresh token has expired or was revoked.")
			return
		}
		a.refreshed++
		if !a.rotate {
			a.issued++
			a.write(w, fmt.Sprintf("access-%d", a.issued), "")
			return
		}
		delete(a.refreshes, r.Form.Get("refresh_token"))
	default:
		a.fail(w, "unsupported_grant_type", "")
		return
	}
	a.issued++
	refresh := fmt.Sprintf("refresh-%d", a.issued)
	a.refreshes[refresh] = true
	a.write(w, fmt.Sprintf("access-%d", a.issued), refresh)
}

func (a *Server) write(w http.ResponseWriter, access, refresh string) {
	a.access[access] = true
	body := map[string]any{"access_token": access, "token_type": "Bearer", "expires_in": 3600}
	if refresh != "" {
		body["refresh_token"] = refresh
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(body) //nolint:errcheck // test server
}

func (a *Server) fail(w http.ResponseWriter, code, description string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": description}) //nolint:errcheck // test server
}

// Revoke withdraws a refresh token (the administrator, a password change).
func (a *Server) Revoke(refresh string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.refreshes, refresh)
}

// SetRotate makes each refresh issue a new refresh token (as Microsoft's
// does), or keep the one used.
func (a *Server) SetRotate(rotate bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.rotate = rotate
}

// Refreshed is how many refreshes the server granted.
func (a *Server) Refreshed() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.refreshed
}

// AccessValid reports whether an access token is one the server issued
// and has not expired: what a mail server asks of a bearer token.
func (a *Server) AccessValid(token string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.access[token]
}

// ExpireAccessTokens makes every access token issued so far expired.
func (a *Server) ExpireAccessTokens() {
	a.mu.Lock()
	defer a.mu.Unlock()
	clear(a.access)
}

// Browser is the system browser: it follows the sign-in page's redirect
// to the loopback port, as a real one does, and keeps the page it showed.
type Browser struct {
	T      testing.TB
	mu     sync.Mutex
	shown  string
	status int
	err    error // why the page could not be loaded
	// Rewrite, when set, changes each redirect before the browser follows
	// it (a forged or stale answer).
	Rewrite func(*url.URL)
}

// Open opens the sign-in page (in the background, as a browser does).
func (b *Browser) Open(authURL string) error {
	client := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if b.Rewrite != nil {
			b.Rewrite(req.URL)
		}
		return nil
	}}
	go func() {
		resp, err := client.Get(authURL)
		if err != nil {
			// Kept, not reported: the test may be over by now. A test
			// that needs the page sees it missing in Page.
			b.mu.Lock()
			b.err = err
			b.mu.Unlock()
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		b.mu.Lock()
		b.shown, b.status = string(body), resp.StatusCode
		b.mu.Unlock()
	}()
	return nil
}

// Page is the last page the browser showed and its status, once it
// showed one (waiting a second at most); a page that could not be loaded
// is an empty page, with the error as the test's log.
func (b *Browser) Page() (string, int) {
	for range 100 {
		b.mu.Lock()
		shown, status, err := b.shown, b.status, b.err
		b.mu.Unlock()
		if shown != "" {
			return shown, status
		}
		if err != nil {
			b.T.Logf("browser: %v", err)
			return "", 0
		}
		time.Sleep(10 * time.Millisecond)
	}
	return "", 0
}
