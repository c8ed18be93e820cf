package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	netmail "net/mail"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
	gosmtp "github.com/wneessen/go-mail/smtp"

	"relance/data"
)

// Transport are the connection settings that do not belong to the account:
// the TLS configuration (tests trust their own certificate through its
// RootCAs) and how long to wait for a server.
type Transport struct {
	TLSConfig *tls.Config   // nil: the system's roots
	Timeout   time.Duration // 0: DefaultTimeout
}

// DefaultTimeout is how long a connection waits for the server at each step.
const DefaultTimeout = 30 * time.Second

func (t Transport) timeout() time.Duration {
	if t.Timeout > 0 {
		return t.Timeout
	}
	return DefaultTimeout
}

// tlsConfig is the TLS configuration for host: the server's name checked
// against its certificate, TLS 1.2 at least.
func (t Transport) tlsConfig(host string) *tls.Config {
	cfg := &tls.Config{}
	if t.TLSConfig != nil {
		cfg = t.TLSConfig.Clone()
	}
	cfg.ServerName = host
	cfg.MinVersion = max(cfg.MinVersion, tls.VersionTLS12)
	return cfg
}

// smtpSession is one SMTP connection, signed in, that sends messages one
// after another. Every exchange with the server gets its own deadline,
// timeout from when it starts: the one go-mail sets when connecting would
// otherwise run out in the middle of a batch, and a server that stops
// answering would be waited for as long as the connection lives.
type smtpSession struct {
	account *data.MailAccount
	client  *gosmtp.Client
	timeout time.Duration
}

// dialSMTP connects to the account's server, negotiates TLS as the account
// says and signs in. Errors are classified (*Error).
func (t Transport) dialSMTP(ctx context.Context, a *data.MailAccount, creds Credentials) (*smtpSession, error) {
	if !a.Configured() {
		return nil, ErrNotConfigured
	}
	opts := []gomail.Option{gomail.WithTimeout(t.timeout()), gomail.WithTLSConfig(t.tlsConfig(a.Host))}
	switch a.Security {
	case data.SecuritySSL:
		opts = append(opts, gomail.WithSSL())
	case data.SecurityStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	default:
		if !a.AllowPlaintext {
			return nil, errPlaintext
		}
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	opts = append(opts, gomail.WithPort(a.Port))
	if a.Username != "" {
		opts = append(opts, gomail.WithSMTPAuthCustom(&smtpAuth{signIn: signIn{account: a, creds: creds}}))
	}
	c, err := gomail.NewClient(a.Host, opts...)
	if err != nil {
		return nil, classify(err, a.Security, a.Port)
	}
	sc, err := c.DialToSMTPClientWithContext(ctx)
	if err != nil {
		e := classify(err, a.Security, a.Port)
		if a.Security != data.SecuritySSL && (e.Cause == CauseTimeout || e.Cause == CauseNetwork) && t.speaksTLS(ctx, a) {
			e.Cause = CauseTLSMismatch
		}
		return nil, e
	}
	return &smtpSession{account: a, client: sc, timeout: t.timeout()}, nil
}

// Test connects to the account's server, negotiates TLS, signs in and
// quits: nil when all went well, else a classified *Error.
func (t Transport) Test(ctx context.Context, a *data.MailAccount, creds Credentials) error {
	s, err := t.dialSMTP(ctx, a, creds)
	if err != nil {
		return err
	}
	return s.close()
}

// send hands one message to the server: MAIL FROM, RCPT TO each recipient,
// DATA with the exact bytes archived. The server's refusal is classified.
// When the connection fails after the whole message was written but
// before the server's answer, nobody knows whether it was accepted: the
// error's cause is CauseUncertain, and it must not be resent blindly.
func (s *smtpSession) send(from string, recipients []string, raw []byte) error {
	written, err := s.transact(from, recipients, raw)
	if err == nil {
		return nil
	}
	e := classify(err, s.account.Security, s.account.Port)
	if written && e.Code == 0 {
		e.Cause = CauseUncertain
	}
	return e
}

// transact runs one mail transaction; written says the whole message went
// out before the error. After a success the next MAIL FROM may follow at
// once (RFC 5321 4.1.1.4): no RSET, whose failure would wrongly make an
// accepted message look failed.
func (s *smtpSession) transact(from string, recipients []string, raw []byte) (written bool, err error) {
	if err := s.step(func() error { return s.client.Mail(angle(from)) }); err != nil {
		s.reset()
		return false, err
	}
	for _, r := range recipients {
		if err := s.step(func() error { return s.client.Rcpt(angle(r)) }); err != nil {
			s.reset()
			return false, fmt.Errorf("recipient %s: %w", r, err)
		}
	}
	var w io.WriteCloser
	if err := s.step(func() (err error) { w, err = s.client.Data(); return err }); err != nil {
		return false, err
	}
	if err := s.writeBody(w, raw); err != nil {
		return false, errors.Join(err, w.Close())
	}
	return true, s.step(w.Close)
}

// bodyChunk is how much of a message is written under one deadline: a
// large attachment on a slow line takes as long as it takes, as long as
// the server keeps reading.
const bodyChunk = 64 << 10

// writeBody writes the message's bytes, each chunk under a fresh deadline.
func (s *smtpSession) writeBody(w io.Writer, raw []byte) error {
	for len(raw) > 0 {
		n := min(len(raw), bodyChunk)
		if err := s.step(func() error { _, err := w.Write(raw[:n]); return err }); err != nil {
			return err
		}
		raw = raw[n:]
	}
	return nil
}

// step runs one exchange with the server under a deadline timeout from now.
func (s *smtpSession) step(f func() error) error {
	if err := s.client.UpdateDeadline(s.timeout); err != nil {
		return err
	}
	return f()
}

// reset abandons a refused transaction, under a deadline.
func (s *smtpSession) reset() { _ = s.step(s.client.Reset) }

func angle(addr string) string { return (&netmail.Address{Address: addr}).String() }

// close says goodbye to the server.
func (s *smtpSession) close() error {
	if s == nil || s.client == nil || !s.client.HasConnection() {
		return nil
	}
	if err := s.step(s.client.Quit); err != nil {
		_ = s.client.Close()
		return classify(err, s.account.Security, s.account.Port)
	}
	return nil
}

// speaksTLS tells whether the account's port answers a TLS handshake: a
// plain connection that got no greeting there was waiting on a port that
// wants TLS from the first byte (465), the settings' classic mix-up. The
// probe sends no data and checks no certificate: it only asks which
// protocol the port speaks.
func (t Transport) speaksTLS(ctx context.Context, a *data.MailAccount) bool {
	d := tls.Dialer{NetDialer: &net.Dialer{Timeout: t.timeout()},
		Config: &tls.Config{InsecureSkipVerify: true, ServerName: a.Host}} //nolint:gosec // a probe, no data
	ctx, cancel := context.WithTimeout(ctx, t.timeout())
	defer cancel()
	conn, err := d.DialContext(ctx, "tcp", net.JoinHostPort(a.Host, strconv.Itoa(a.Port)))
	if err != nil {
		return false
	}
	conn.Close()
	return true
}
