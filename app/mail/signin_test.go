package mail

import (
	"context"
	"errors"
	"slices"
	"testing"

	"relance/app/oauth"
	"relance/app/oauth/oauthtest"
	"relance/data"
)

// TestSignInWithTheProviderThenSend runs the whole OAuth path against
// servers on 127.0.0.1: the owner signs in with Microsoft in the browser,
// the refresh token goes to the keychain, a reminder goes out over SMTP
// with XOAUTH2 and the access token the mail server checks; a later run
// (a new service) gets a fresh access token from the keychain's refresh
// token; once the refresh token is revoked, the emails wait on hold, saying
// to sign in again.
func TestSignInWithTheProviderThenSend(t *testing.T) {
	ctx := context.Background()
	auth := oauthtest.NewServer(t)
	t.Setenv(oauth.ServerVar, auth.URL())
	srv := startSMTP(t, serverOptions{})
	srv.bearer = auth.AccessValid
	b := newBook(t, 3)
	a := testAccount(srv)
	a.OAuthProvider, a.OAuthClientID = data.OAuthMicrosoft, oauthtest.ClientID
	svc := b.service(t, a, "")
	if err := svc.signedIn(&a); !isCause(err, CauseSignIn) {
		t.Fatalf("before signing in: %v", err)
	}

	browser := &oauthtest.Browser{T: t}
	inKeychain, err := svc.SignIn(ctx, &a, oauth.Page{Title: "Relance", Done: "ok", Failed: "ko"}, browser.Open)
	if err != nil || !inKeychain {
		t.Fatalf("sign in: %v (in the keychain: %v)", err, inKeychain)
	}
	if refresh, err := svc.Secrets().Get(SecretRefresh, &a); err != nil || refresh == "" {
		t.Fatalf("the refresh token is not in the keychain: %q, %v", refresh, err)
	}
	// The settings' connection test signs in with the access token, not
	// the refresh token the keychain holds.
	if creds, err := svc.Credentials(ctx, &a); err != nil || !auth.AccessValid(creds.Token) {
		t.Fatalf("credentials for the connection test: %+v, %v", creds, err)
	}
	send := func(svc *Service, i int) ([]Result, error) {
		om, err := svc.Queue(ctx, b.message(i))
		if err != nil {
			t.Fatal(err)
		}
		return svc.Deliver(ctx, []int64{om.ID}, nil)
	}
	if results, err := send(svc, 0); err != nil || results[0].State != data.OutboxSent {
		t.Fatalf("send with the sign-in's token: %+v, %v", results, err)
	}
	if got := srv.authMech; len(got) != 1 || got[0] != "XOAUTH2" {
		t.Errorf("signed in to SMTP with %v", got)
	}
	if auth.Refreshed() != 0 {
		t.Errorf("the sign-in's access token was refreshed before use")
	}

	// Another run: the access token comes from the keychain's refresh token.
	auth.ExpireAccessTokens()
	later := NewService(b.store, b.files(), svc.Secrets(), testTransport(t))
	if results, err := send(later, 1); err != nil || results[0].State != data.OutboxSent {
		t.Fatalf("send after a refresh: %+v, %v", results, err)
	}
	if auth.Refreshed() != 1 || len(srv.received()) != 2 {
		t.Errorf("%d refreshes, %d messages received", auth.Refreshed(), len(srv.received()))
	}

	// Revoked: on hold, "sign in again", nothing sent.
	refresh, _ := later.Secrets().Get(SecretRefresh, &a)
	auth.Revoke(refresh)
	auth.ExpireAccessTokens()
	revoked := NewService(b.store, b.files(), later.Secrets(), testTransport(t))
	results, err := send(revoked, 2)
	if !isCause(err, CauseSignIn) || len(results) != 1 || !results[0].Held {
		t.Fatalf("send after the sign-in was revoked: %+v, %v", results, err)
	}
	held, err := b.store.ListOutboxHeld(ctx)
	if err != nil || !slices.ContainsFunc(held, func(m data.OutboxMessage) bool { return m.ID == results[0].ID }) {
		t.Errorf("the email is not on hold: %v, %v", held, err)
	}
	if len(srv.received()) != 2 {
		t.Errorf("%d messages received, want 2", len(srv.received()))
	}
}

func isCause(err error, c Cause) bool {
	var e *Error
	return errors.As(err, &e) && e.Cause == c
}
