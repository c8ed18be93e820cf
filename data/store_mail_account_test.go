package data

import (
	"context"
	"testing"
)

func TestMailAccountDefaultsAndSave(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	a, err := s.GetMailAccount(ctx)
	if err != nil || a.Configured() || a.Port != 587 || a.Security != SecurityStartTLS || a.Auth != AuthAuto {
		t.Fatalf("defaults: %+v, %v", a, err)
	}
	a = MailAccount{FromName: " Atelier Dupont ", FromAddress: "contact@atelier-dupont.fr", Host: "ssl0.ovh.net", Port: 465,
		Security: SecuritySSL, Username: "contact@atelier-dupont.fr", Auth: AuthPlain, BCCSelf: true,
		SentCopy: true, IMAPHost: "ssl0.ovh.net", IMAPPort: 993, IMAPFolder: "INBOX.Sent", Preset: "ovh"}
	if err := s.UpdateMailAccount(ctx, &a); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetMailAccount(ctx)
	if err != nil || got != a || got.FromName != "Atelier Dupont" || got.IMAPSecurity != SecuritySSL || !got.Configured() {
		t.Fatalf("saved %+v, read %+v, %v", a, got, err)
	}
	a.Port = 2525
	if err := s.UpdateMailAccount(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetMailAccount(ctx); got.Port != 2525 {
		t.Fatal("a second save did not replace the first")
	}
}

func TestMailAccountValidation(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	a := MailAccount{FromAddress: "pas-une-adresse", ReplyTo: "a@b.fr, c@d.fr", Host: "smtp://mail.example.fr", Port: 0,
		Security: SecurityNone, Auth: "GSSAPI", SentCopy: true}
	err := s.UpdateMailAccount(ctx, &a)
	want := map[string]Reason{"from_address": ReasonEmailFormat, "reply_to": ReasonEmailFormat, "smtp_host": ReasonHostFormat,
		"smtp_port": ReasonOutOfRange, "smtp_security": ReasonPlaintext, "smtp_auth": ReasonUnknownChoice, "imap_host": ReasonRequired}
	got := map[string]Reason{}
	for _, fe := range FieldErrorsOf(err) {
		if _, seen := got[fe.Field]; !seen {
			got[fe.Field] = fe.Reason
		}
	}
	for field, reason := range want {
		if got[field] != reason {
			t.Errorf("%s: %q, want %q (all: %v)", field, got[field], reason, got)
		}
	}
	if stored, _ := s.GetMailAccount(ctx); stored.Configured() {
		t.Fatal("an invalid account was saved")
	}
	// Plaintext passes once the owner said "I understand".
	ok := MailAccount{FromAddress: "moi@atelier.fr", Host: "localhost", Port: 25, Security: SecurityNone, AllowPlaintext: true}
	if err := s.UpdateMailAccount(ctx, &ok); err != nil {
		t.Fatalf("plaintext with consent: %v", err)
	}
	oauth := MailAccount{FromAddress: "moi@atelier.fr", Host: "smtp.gmail.com", Port: 587, Security: SecurityStartTLS, Auth: AuthXOAUTH2}
	if fes := FieldErrorsOf(s.UpdateMailAccount(ctx, &oauth)); len(fes) != 1 || fes[0].Field != "smtp_username" {
		t.Fatalf("an OAuth account without a user name: %v", fes)
	}
	// An IMAP server for the inbox alone (no Sent copy) is checked too.
	inbox := ok
	inbox.IMAPHost, inbox.IMAPPort, inbox.IMAPSecurity = "imap.atelier.fr", 0, SecuritySSL
	if fes := FieldErrorsOf(s.UpdateMailAccount(ctx, &inbox)); len(fes) != 1 || fes[0].Field != "imap_port" {
		t.Fatalf("an IMAP server with no port: %v", fes)
	}
	inbox.IMAPPort = 993
	if err := s.UpdateMailAccount(ctx, &inbox); err != nil {
		t.Fatalf("an IMAP server for the inbox alone: %v", err)
	}
}
