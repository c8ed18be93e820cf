package oauth_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"relance/app/oauth"
	"relance/app/oauth/oauthtest"
)

var testPage = oauth.Page{Title: "Relance", Done: "Connexion réussie : revenez à Relance.", Failed: "La connexion a échoué."}

func TestSignInWithPKCEThenRefresh(t *testing.T) {
	a := oauthtest.NewServer(t)
	b := &oauthtest.Browser{T: t}
	tok, err := oauth.SignIn(context.Background(), a.Provider(), "owner@example.fr", testPage, b.Open)
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken != "access-1" || tok.RefreshToken != "refresh-1" || time.Until(tok.Expiry) < 50*time.Minute {
		t.Errorf("token %+v", tok)
	}
	if shown, status := b.Page(); status != http.StatusOK || !strings.Contains(shown, "revenez à Relance") {
		t.Errorf("the browser shows %d %q", status, shown)
	}
	// A fresh access token from the refresh token, once the first lapses.
	var saved []string
	a.SetRotate(true)
	src := oauth.NewSource(a.Provider(), tok.RefreshToken, func(r string) error { saved = append(saved, r); return nil })
	access, err := src.AccessToken(context.Background())
	if err != nil || access != "access-2" {
		t.Fatalf("refresh: %q, %v", access, err)
	}
	if len(saved) != 1 || saved[0] != "refresh-2" || src.RefreshToken() != "refresh-2" {
		t.Errorf("the rotated refresh token is not kept: saved %v, held %q", saved, src.RefreshToken())
	}
	// Valid for an hour: given again without a call.
	again, err := src.AccessToken(context.Background())
	if refreshed := a.Refreshed(); err != nil || again != access || refreshed != 1 {
		t.Errorf("second use: %q, %v, %d refreshes", again, err, a.Refreshed())
	}
}

func TestRevokedRefreshTokenAsksToSignInAgain(t *testing.T) {
	a := oauthtest.NewServer(t)
	tok, err := oauth.SignIn(context.Background(), a.Provider(), "", testPage, (&oauthtest.Browser{T: t}).Open)
	if err != nil {
		t.Fatal(err)
	}
	a.Revoke(tok.RefreshToken)
	_, err = oauth.NewSource(a.Provider(), tok.RefreshToken, nil).AccessToken(context.Background())
	var pe *oauth.ProviderError
	if !errors.Is(err, oauth.ErrSignInAgain) || !errors.As(err, &pe) || pe.Code != "invalid_grant" ||
		!strings.Contains(pe.Description, "revoked") {
		t.Errorf("revoked: %v", err)
	}
}

func TestSignInRefused(t *testing.T) {
	a := oauthtest.NewServer(t)
	b := &oauthtest.Browser{T: t}
	_, err := oauth.SignIn(context.Background(), a.Provider(), "refuse@example.fr", testPage, b.Open)
	var pe *oauth.ProviderError
	if !errors.Is(err, oauth.ErrDenied) || !errors.As(err, &pe) || pe.Code != "access_denied" {
		t.Errorf("refused: %v", err)
	}
	if shown, status := b.Page(); status != http.StatusBadRequest || !strings.Contains(shown, "a échoué") {
		t.Errorf("the browser shows %d %q", status, shown)
	}
}

func TestSignInRefusesAWrongState(t *testing.T) {
	a := oauthtest.NewServer(t)
	b := &oauthtest.Browser{T: t, Rewrite: func(u *url.URL) {
		if strings.HasPrefix(u.Host, "127.0.0.1:") && u.Query().Get("code") != "" {
			q := u.Query()
			q.Set("state", "forged")
			u.RawQuery = q.Encode()
		}
	}}
	if _, err := oauth.SignIn(context.Background(), a.Provider(), "", testPage, b.Open); !errors.Is(err, oauth.ErrState) {
		t.Errorf("wrong state: %v", err)
	}
}

func TestSignInGivesUpWhenTheBrowserNeverComesBack(t *testing.T) {
	a := oauthtest.NewServer(t)
	// The owner closed the browser: nothing comes back; they cancel.
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := oauth.SignIn(ctx, a.Provider(), "", testPage, func(string) error { return nil })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("no answer: %v", err)
	}
}

func TestSignInWhenTheBrowserCannotOpen(t *testing.T) {
	a := oauthtest.NewServer(t)
	_, err := oauth.SignIn(context.Background(), a.Provider(), "", testPage, func(string) error { return errors.New("no browser") })
	if err == nil || !strings.Contains(err.Error(), "no browser") {
		t.Errorf("no browser: %v", err)
	}
}

func TestSignInWithAnUnknownClient(t *testing.T) {
	a := oauthtest.NewServer(t)
	p := a.Provider()
	p.ClientID = "someone-else"
	// The sign-in page refuses it: the browser shows the provider's error,
	// nothing comes back.
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	b := &oauthtest.Browser{T: t}
	if _, err := oauth.SignIn(ctx, p, "", testPage, b.Open); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("unknown client: %v", err)
	}
	if shown, status := b.Page(); status != http.StatusBadRequest || !strings.Contains(shown, "bad client") {
		t.Errorf("the browser shows %d %q", status, shown)
	}
}

func TestProvidersAskForMailScopesAndARefreshToken(t *testing.T) {
	m := oauth.Microsoft("", "id")
	if !strings.Contains(m.AuthURL, "/organizations/") || !strings.Contains(strings.Join(m.Scopes, " "), "SMTP.Send") ||
		!strings.Contains(strings.Join(m.Scopes, " "), "offline_access") {
		t.Errorf("Microsoft: %+v", m)
	}
	if m := oauth.Microsoft("contoso.onmicrosoft.com", "id"); !strings.Contains(m.TokenURL, "/contoso.onmicrosoft.com/") {
		t.Errorf("Microsoft tenant: %s", m.TokenURL)
	}
	g := oauth.Google("id", "secret")
	if g.Params["access_type"] != "offline" || g.Scopes[0] != "https://mail.google.com/" {
		t.Errorf("Google: %+v", g)
	}
}
