package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"slices"
	"testing"
	"time"

	"relance/data"
)

func testAccount(srv *smtpServer) data.MailAccount {
	return data.MailAccount{FromName: "Atelier Dupont", FromAddress: "moi@atelier-dupont.fr", ReplyTo: "compta@atelier-dupont.fr",
		Host: "127.0.0.1", Port: srv.port, Security: data.SecurityStartTLS, Username: srv.user, Auth: data.AuthAuto}
}

func testTransport(t *testing.T) Transport {
	return Transport{TLSConfig: &tls.Config{RootCAs: newTestCert(t).pool}, Timeout: 2 * time.Second}
}

// causeOf runs a connection test and returns the classified error.
func testCause(t *testing.T, tr Transport, a data.MailAccount, creds Credentials) *Error {
	t.Helper()
	err := tr.Test(context.Background(), &a, creds)
	if err == nil {
		return nil
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("unclassified error %T: %v", err, err)
	}
	return e
}

func TestConnectionSucceedsWithStartTLSAndEachMechanism(t *testing.T) {
	srv := startSMTP(t, serverOptions{})
	tr := testTransport(t)
	for _, mech := range []string{data.AuthAuto, data.AuthPlain, data.AuthLogin} {
		a := testAccount(srv)
		a.Auth = mech
		if e := testCause(t, tr, a, Credentials{Password: srv.password}); e != nil {
			t.Fatalf("%s: %v", mech, e)
		}
	}
	if got := srv.authMech; !slices.Equal(got, []string{"PLAIN", "PLAIN", "LOGIN"}) {
		t.Fatalf("mechanisms used: %v (automatic must choose PLAIN over TLS)", got)
	}
}

func TestConnectionFailuresAreClassified(t *testing.T) {
	starttls := startSMTP(t, serverOptions{})
	implicit := startSMTP(t, serverOptions{implicitTLS: true})
	tr := testTransport(t)
	tr.Timeout = 700 * time.Millisecond
	good := Credentials{Password: starttls.password}
	cases := []struct {
		name  string
		edit  func(a *data.MailAccount)
		tr    Transport
		creds Credentials
		want  Cause
		code  int
	}{
		{"wrong password", func(*data.MailAccount) {}, tr, Credentials{Password: "faux"}, CauseAuth, 535},
		{"SSL on a STARTTLS port", func(a *data.MailAccount) { a.Security = data.SecuritySSL }, tr, good, CauseTLSMismatch, 0},
		{"STARTTLS on an SSL port", func(a *data.MailAccount) { a.Port = implicit.port }, tr, good, CauseTLSMismatch, 0},
		{"untrusted certificate", func(*data.MailAccount) {}, Transport{Timeout: tr.Timeout}, good, CauseCertificate, 0},
		{"no answer", func(a *data.MailAccount) { a.Port = silentServer(t) }, tr, good, CauseTimeout, 0},
		{"closed port", func(a *data.MailAccount) { a.Port = closedPort(t) }, tr, good, CauseRefused, 0},
		{"plaintext without consent", func(a *data.MailAccount) { a.Security = data.SecurityNone }, tr, good, CausePlaintext, 0},
		{"mechanism not offered", func(a *data.MailAccount) { a.Auth = data.AuthXOAUTH2 }, tr, Credentials{Token: "t"}, CauseAuthMechanism, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := testAccount(starttls)
			c.edit(&a)
			start := time.Now()
			e := testCause(t, c.tr, a, c.creds)
			if e == nil || e.Cause != c.want || e.Code != c.code {
				t.Fatalf("got %+v, want cause %s code %d", e, c.want, c.code)
			}
			if elapsed := time.Since(start); elapsed > 3*time.Second {
				t.Errorf("took %s: the timeout is not honoured", elapsed)
			}
		})
	}
}

func TestTemporaryCauses(t *testing.T) {
	for cause, temporary := range map[Cause]bool{CauseTemporary: true, CauseTimeout: true, CauseNetwork: true,
		CauseRefused: true, CauseAuth: false, CauseRejected: false, CauseCertificate: false, CauseUncertain: false} {
		if (&Error{Cause: cause}).Temporary() != temporary {
			t.Errorf("%s: temporary should be %v", cause, temporary)
		}
	}
	for code, want := range map[int]Cause{421: CauseTemporary, 451: CauseTemporary, 535: CauseAuth, 550: CauseRejected, 554: CauseRejected} {
		if got := replyCause(code); got != want {
			t.Errorf("%d: %s, want %s", code, got, want)
		}
	}
}

func TestPlaintextWithConsentAndCRAMMD5(t *testing.T) {
	srv := startSMTP(t, serverOptions{noTLS: true})
	a := testAccount(srv)
	a.Security, a.AllowPlaintext = data.SecurityNone, true
	if e := testCause(t, testTransport(t), a, Credentials{Password: srv.password}); e != nil {
		t.Fatalf("plaintext with consent: %v", e)
	}
	// CRAM-MD5 per RFC 2195's example.
	c := &cramMD5Client{user: "tim", password: "tanstaaftanstaaf"}
	resp, err := c.Next([]byte("<1896.697170952@postoffice.reston.mci.net>"))
	if err != nil || string(resp) != "tim b913a602c7eda7a495b4e6e7334d3890" {
		t.Fatalf("CRAM-MD5 response %q, %v", resp, err)
	}
	x := &xoauth2Client{user: "moi@gmail.com", token: "ya29.token"}
	if mech, ir, _ := x.Start(); mech != "XOAUTH2" || string(ir) != "user=moi@gmail.com\x01auth=Bearer ya29.token\x01\x01" {
		t.Fatalf("XOAUTH2 initial response %q %q", mech, ir)
	}
}
