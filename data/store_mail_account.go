package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Security is how a mail connection is protected.
type Security string

// The kinds of connection security.
const (
	SecuritySSL      Security = "ssl"      // TLS from the first byte (port 465, IMAP 993)
	SecurityStartTLS Security = "starttls" // plain, then STARTTLS (port 587, IMAP 143)
	SecurityNone     Security = "none"     // no encryption: only with AllowPlaintext
)

// Authentication mechanisms of the mail account.
const (
	AuthAuto        = "auto" // the best the server offers
	AuthPlain       = "PLAIN"
	AuthLogin       = "LOGIN"
	AuthCRAMMD5     = "CRAM-MD5"
	AuthXOAUTH2     = "XOAUTH2"
	AuthOAuthBearer = "OAUTHBEARER"
)

// AuthMechanisms lists the mechanisms in display order.
var AuthMechanisms = []string{AuthAuto, AuthPlain, AuthLogin, AuthCRAMMD5, AuthXOAUTH2, AuthOAuthBearer}

// MailAccount is the owner's mailbox that reminders are sent from. Its
// password or access token is not here: it lives in the OS keychain.
type MailAccount struct {
	FromName    string
	FromAddress string
	ReplyTo     string
	Host        string
	Port        int
	Security    Security
	// AllowPlaintext is the owner's explicit "I understand" to send the
	// password and the mails unencrypted (Security none).
	AllowPlaintext bool
	Username       string
	Auth           string // one of AuthMechanisms
	BCCSelf        bool   // send the owner a copy of every mail

	// SentCopy appends each mail sent to the mailbox's Sent folder over IMAP.
	SentCopy     bool
	IMAPHost     string
	IMAPPort     int
	IMAPSecurity Security
	IMAPFolder   string // empty: the folder the server marks as Sent

	Preset string // the provider preset last applied, for the settings' choice

	// OAuthProvider is the provider the account signs in to with OAuth
	// ("" for a password): then Auth is XOAUTH2 and the keychain holds a
	// refresh token. OAuthTenant is the Microsoft tenant ("" for any work
	// or school account); OAuthClientID the app registration chosen in
	// Settings ("" for the one Relance was built with), with, for Google,
	// its client secret (a desktop registration's, which is not secret).
	OAuthProvider     string
	OAuthTenant       string
	OAuthClientID     string
	OAuthClientSecret string
}

// The OAuth providers an account may sign in with.
const (
	OAuthMicrosoft = "microsoft"
	OAuthGoogle    = "google"
)

// Configured reports whether the account has what sending needs.
func (a *MailAccount) Configured() bool {
	return a.Host != "" && a.FromAddress != "" && a.Port > 0
}

// OAuth reports whether the account signs in with an access token rather
// than a password.
func (a *MailAccount) OAuth() bool {
	return a.Auth == AuthXOAUTH2 || a.Auth == AuthOAuthBearer
}

// Validate normalises and checks the account.
func (a *MailAccount) Validate() error {
	for _, s := range []*string{&a.FromName, &a.FromAddress, &a.ReplyTo, &a.Host, &a.Username, &a.IMAPHost, &a.IMAPFolder} {
		*s = strings.TrimSpace(*s)
	}
	if a.Auth == "" {
		a.Auth = AuthAuto
	}
	for _, f := range []*string{&a.OAuthTenant, &a.OAuthClientID, &a.OAuthClientSecret} {
		*f = strings.TrimSpace(*f)
	}
	if a.OAuthProvider != "" && !a.OAuth() {
		a.Auth = AuthXOAUTH2 // what both providers take over SMTP and IMAP
	}
	if a.IMAPSecurity == "" {
		a.IMAPSecurity = SecuritySSL
	}
	var es FieldErrors
	es.add(required("from_address", a.FromAddress))
	es.add(checkSingleEmail("from_address", a.FromAddress))
	es.add(checkSingleEmail("reply_to", a.ReplyTo))
	es.add(maxLen("from_name", a.FromName, 200))
	es.add(required("smtp_host", a.Host))
	es.add(checkHost("smtp_host", a.Host))
	es.add(checkPort("smtp_port", a.Port))
	es.add(checkSecurity("smtp_security", a.Security, a.AllowPlaintext))
	if !validAuth(a.Auth) {
		es.add(invalid("smtp_auth", ReasonUnknownChoice, a.Auth))
	}
	if a.OAuth() && a.Username == "" {
		es.add(invalid("smtp_username", ReasonRequired, ""))
	}
	if a.OAuthProvider != "" && a.OAuthProvider != OAuthMicrosoft && a.OAuthProvider != OAuthGoogle {
		es.add(invalid("oauth_provider", ReasonUnknownChoice, a.OAuthProvider))
	}
	es.add(maxLen("oauth_tenant", a.OAuthTenant, 200))
	es.add(maxLen("oauth_client_id", a.OAuthClientID, 200))
	es.add(maxLen("oauth_client_secret", a.OAuthClientSecret, 200))
	if a.SentCopy {
		es.add(required("imap_host", a.IMAPHost))
	}
	// The IMAP server serves the Sent copy and the inbox's reading (which
	// needs no copy): checked whenever it is given.
	if a.SentCopy || a.IMAPHost != "" {
		es.add(checkHost("imap_host", a.IMAPHost))
		es.add(checkPort("imap_port", a.IMAPPort))
		es.add(checkSecurity("imap_security", a.IMAPSecurity, a.AllowPlaintext))
	}
	return es.err()
}

func checkSingleEmail(field, value string) error {
	if value == "" {
		return nil
	}
	if len(SplitEmails(value)) != 1 {
		return invalid(field, ReasonEmailFormat, value)
	}
	return checkEmail(field, value)
}

func checkHost(field, host string) error {
	if strings.ContainsAny(host, " /:@") {
		return invalid(field, ReasonHostFormat, host)
	}
	return maxLen(field, host, 253)
}

func checkPort(field string, port int) error {
	if port < 1 || port > 65535 {
		return invalid(field, ReasonOutOfRange, fmt.Sprint(port))
	}
	return nil
}

// checkSecurity refuses an unknown security and plaintext without the
// owner's explicit consent.
func checkSecurity(field string, s Security, allowPlaintext bool) error {
	switch s {
	case SecuritySSL, SecurityStartTLS:
		return nil
	case SecurityNone:
		if allowPlaintext {
			return nil
		}
		return invalid(field, ReasonPlaintext, "")
	}
	return invalid(field, ReasonUnknownChoice, string(s))
}

// ReasonPlaintext refuses an unencrypted connection was chosen without the
// owner's "I understand".
const ReasonPlaintext Reason = "plaintext_refused"

// ReasonHostFormat refuses a server name with a scheme, a port or spaces in it.
const ReasonHostFormat Reason = "host_format"

func validAuth(m string) bool {
	for _, v := range AuthMechanisms {
		if m == v {
			return true
		}
	}
	return false
}

// GetMailAccount returns the mail account; a book where none was set up
// gives the defaults (Configured is false).
func (s *Store) GetMailAccount(ctx context.Context) (MailAccount, error) {
	var a MailAccount
	err := s.reader().QueryRowContext(ctx, `
		SELECT from_name, from_address, reply_to, host, port, security, allow_plaintext, username, auth,
		       bcc_self, sent_copy, imap_host, imap_port, imap_security, imap_folder, preset,
		       oauth_provider, oauth_tenant, oauth_client_id, oauth_client_secret
		FROM mail_account WHERE id = 1`).Scan(
		&a.FromName, &a.FromAddress, &a.ReplyTo, &a.Host, &a.Port, &a.Security, &a.AllowPlaintext, &a.Username, &a.Auth,
		&a.BCCSelf, &a.SentCopy, &a.IMAPHost, &a.IMAPPort, &a.IMAPSecurity, &a.IMAPFolder, &a.Preset,
		&a.OAuthProvider, &a.OAuthTenant, &a.OAuthClientID, &a.OAuthClientSecret)
	if errors.Is(err, sql.ErrNoRows) {
		return MailAccount{Port: 587, Security: SecurityStartTLS, Auth: AuthAuto, IMAPPort: 993, IMAPSecurity: SecuritySSL}, nil
	}
	if err != nil {
		return MailAccount{}, fmt.Errorf("get mail account: %w", translate(err))
	}
	return a, nil
}

// UpdateMailAccount validates and saves the mail account.
func (s *Store) UpdateMailAccount(ctx context.Context, a *MailAccount) error {
	if err := a.Validate(); err != nil {
		return err
	}
	_, err := s.writer().ExecContext(ctx, `
		INSERT INTO mail_account (id, from_name, from_address, reply_to, host, port, security, allow_plaintext,
		       username, auth, bcc_self, sent_copy, imap_host, imap_port, imap_security, imap_folder, preset,
		       oauth_provider, oauth_tenant, oauth_client_id, oauth_client_secret, updated_at)
		VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET from_name = excluded.from_name, from_address = excluded.from_address,
		       reply_to = excluded.reply_to, host = excluded.host, port = excluded.port, security = excluded.security,
		       allow_plaintext = excluded.allow_plaintext, username = excluded.username, auth = excluded.auth,
		       bcc_self = excluded.bcc_self, sent_copy = excluded.sent_copy, imap_host = excluded.imap_host,
		       imap_port = excluded.imap_port, imap_security = excluded.imap_security,
		       imap_folder = excluded.imap_folder, preset = excluded.preset, oauth_provider = excluded.oauth_provider,
		       oauth_tenant = excluded.oauth_tenant, oauth_client_id = excluded.oauth_client_id,
		       oauth_client_secret = excluded.oauth_client_secret, updated_at = excluded.updated_at`,
		a.FromName, a.FromAddress, a.ReplyTo, a.Host, a.Port, a.Security, a.AllowPlaintext,
		a.Username, a.Auth, a.BCCSelf, a.SentCopy, a.IMAPHost, a.IMAPPort, a.IMAPSecurity, a.IMAPFolder, a.Preset,
		a.OAuthProvider, a.OAuthTenant, a.OAuthClientID, a.OAuthClientSecret, timeText(s.Now()))
	if err != nil {
		return fmt.Errorf("update mail account: %w", translate(err))
	}
	return nil
}
