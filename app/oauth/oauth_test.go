package oauth

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// authServer is an OAuth 2.0 authorization server on 127.0.0.1, as strict
// as the real ones on what this package relies on: the redirect URI must be
// a loopback one, the PKCE challenge S256 and its verifier must match, a
// code works once, a refresh token works until revoked, and it may rotate.
type authServer struct {
	t        *testing.T
	srv      *httptest.Server
	clientID string
	rotate   bool // issue a new refresh token on each refresh

	mu        sync.Mutex
	codes     map[string]authCode // by code
	refreshes map[string]bool     // refresh token -> valid
	issued    int
	refreshed int
}

type authCode struct{ challenge, redirect string }

func newAuthServer(t *testing.T) *authServer {
	a := &authServer{t: t, clientID: "relance-test", codes: map[string]authCode{}, refreshes: map[string]bool{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/authorize", a.authorize)
	mux.HandleFunc("/token", a.token)
	a.srv = httptest.NewServer(mux)
	t.Cleanup(a.srv.Close)
	return a
}

func (a *authServer) provider() Provider {
	return Provider{Key: "test", AuthURL: a.srv.URL + "/authorize", TokenURL: a.srv.URL + "/token", ClientID: a.clientID,
		Scopes: []string{"mail.send", "offline_access"}}
}

// authorize is the sign-in page: here the owner always agrees, unless the
// request asks for a refusal (login_hint "refuse@...").
func (a *authServer) authorize(w http.ResponseWriter, r *http.Request) {
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

func (a *authServer) token(w http.ResponseWriter, r *http.Request) {
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

func (a *authServer) write(w http.ResponseWriter, access, refresh string) {
	body := map[string]any{"access_token": access, "token_type": "Bearer", "expires_in": 3600}
	if refresh != "" {
		body["refresh_token"] = refresh
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(body) //nolint:errcheck // test server
}

func (a *authServer) fail(w http.ResponseWriter, code, description string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": description}) //nolint:errcheck // test server
}

func (a *authServer) revoke(refresh string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.refreshes, refresh)
}

// browser is the system browser: it follows the sign-in page's redirect
// to the loopback port, as a real one does, and keeps the page it showed.
type browser struct {
	t      *testing.T
	mu     sync.Mutex
	shown  string
	status int
	// rewrite, when set, changes the redirect before the browser follows
	// it (a forged or stale answer).
	rewrite func(*url.URL)
}

func (b *browser) open(authURL string) error {
	client := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if b.rewrite != nil {
			b.rewrite(req.URL)
		}
		return nil
	}}
	go func() {
		resp, err := client.Get(authURL)
		if err != nil {
			b.t.Errorf("browser: %v", err)
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

func (b *browser) page() (string, int) {
	for range 100 {
		b.mu.Lock()
		shown, status := b.shown, b.status
		b.mu.Unlock()
		if shown != "" {
			return shown, status
		}
		time.Sleep(10 * time.Millisecond)
	}
	return "", 0
}

var testPage = Page{Title: "Relance", Done: "Connexion réussie : revenez à Relance.", Failed: "La connexion a échoué."}

func TestSignInWithPKCEThenRefresh(t *testing.T) {
	a := newAuthServer(t)
	b := &browser{t: t}
	tok, err := SignIn(context.Background(), a.provider(), "owner@example.fr", testPage, b.open)
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken != "access-1" || tok.RefreshToken != "refresh-1" || time.Until(tok.Expiry) < 50*time.Minute {
		t.Errorf("token %+v", tok)
	}
	if shown, status := b.page(); status != http.StatusOK || !strings.Contains(shown, "revenez à Relance") {
		t.Errorf("the browser shows %d %q", status, shown)
	}
	// A fresh access token from the refresh token, once the first lapses.
	var saved []string
	a.mu.Lock()
	a.rotate = true
	a.mu.Unlock()
	src := NewSource(a.provider(), tok.RefreshToken, func(r string) error { saved = append(saved, r); return nil })
	access, err := src.AccessToken(context.Background())
	if err != nil || access != "access-2" {
		t.Fatalf("refresh: %q, %v", access, err)
	}
	if len(saved) != 1 || saved[0] != "refresh-2" || src.RefreshToken() != "refresh-2" {
		t.Errorf("the rotated refresh token is not kept: saved %v, held %q", saved, src.RefreshToken())
	}
	// Valid for an hour: given again without a call.
	again, err := src.AccessToken(context.Background())
	a.mu.Lock()
	refreshed := a.refreshed
	a.mu.Unlock()
	if err != nil || again != access || refreshed != 1 {
		t.Errorf("second use: %q, %v, %d refreshes", again, err, refreshed)
	}
}

func TestRevokedRefreshTokenAsksToSignInAgain(t *testing.T) {
	a := newAuthServer(t)
	tok, err := SignIn(context.Background(), a.provider(), "", testPage, (&browser{t: t}).open)
	if err != nil {
		t.Fatal(err)
	}
	a.revoke(tok.RefreshToken)
	_, err = NewSource(a.provider(), tok.RefreshToken, nil).AccessToken(context.Background())
	var pe *ProviderError
	if !errors.Is(err, ErrSignInAgain) || !errors.As(err, &pe) || pe.Code != "invalid_grant" ||
		!strings.Contains(pe.Description, "revoked") {
		t.Errorf("revoked: %v", err)
	}
}

func TestSignInRefused(t *testing.T) {
	a := newAuthServer(t)
	b := &browser{t: t}
	_, err := SignIn(context.Background(), a.provider(), "refuse@example.fr", testPage, b.open)
	var pe *ProviderError
	if !errors.Is(err, ErrDenied) || !errors.As(err, &pe) || pe.Code != "access_denied" {
		t.Errorf("refused: %v", err)
	}
	if shown, status := b.page(); status != http.StatusBadRequest || !strings.Contains(shown, "a échoué") {
		t.Errorf("the browser shows %d %q", status, shown)
	}
}

func TestSignInRefusesAWrongState(t *testing.T) {
	a := newAuthServer(t)
	b := &browser{t: t, rewrite: func(u *url.URL) {
		if strings.HasPrefix(u.Host, "127.0.0.1:") && u.Query().Get("code") != "" {
			q := u.Query()
			q.Set("state", "forged")
			u.RawQuery = q.Encode()
		}
	}}
	if _, err := SignIn(context.Background(), a.provider(), "", testPage, b.open); !errors.Is(err, ErrState) {
		t.Errorf("wrong state: %v", err)
	}
}

func TestSignInGivesUpWhenTheBrowserNeverComesBack(t *testing.T) {
	a := newAuthServer(t)
	// The owner closed the browser: nothing comes back; they cancel.
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := SignIn(ctx, a.provider(), "", testPage, func(string) error { return nil })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("no answer: %v", err)
	}
}

func TestSignInWhenTheBrowserCannotOpen(t *testing.T) {
	a := newAuthServer(t)
	_, err := SignIn(context.Background(), a.provider(), "", testPage, func(string) error { return errors.New("no browser") })
	if err == nil || !strings.Contains(err.Error(), "no browser") {
		t.Errorf("no browser: %v", err)
	}
}

func TestSignInWithAnUnknownClient(t *testing.T) {
	a := newAuthServer(t)
	p := a.provider()
	p.ClientID = "someone-else"
	// The sign-in page refuses it: the browser shows the provider's error,
	// nothing comes back.
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	b := &browser{t: t}
	if _, err := SignIn(ctx, p, "", testPage, b.open); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("unknown client: %v", err)
	}
	if shown, status := b.page(); status != http.StatusBadRequest || !strings.Contains(shown, "bad client") {
		t.Errorf("the browser shows %d %q", status, shown)
	}
}

func TestProvidersAskForMailScopesAndARefreshToken(t *testing.T) {
	m := Microsoft("", "id")
	if !strings.Contains(m.AuthURL, "/organizations/") || !strings.Contains(strings.Join(m.Scopes, " "), "SMTP.Send") ||
		!strings.Contains(strings.Join(m.Scopes, " "), "offline_access") {
		t.Errorf("Microsoft: %+v", m)
	}
	if m := Microsoft("contoso.onmicrosoft.com", "id"); !strings.Contains(m.TokenURL, "/contoso.onmicrosoft.com/") {
		t.Errorf("Microsoft tenant: %s", m.TokenURL)
	}
	g := Google("id", "secret")
	if g.Params["access_type"] != "offline" || g.Scopes[0] != "https://mail.google.com/" {
		t.Errorf("Google: %+v", g)
	}
}
