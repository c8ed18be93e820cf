package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"relance/data"
)

// defaultSentFolder is used when the server marks no folder as \Sent.
const defaultSentFolder = "Sent"

// imapSession is a signed-in IMAP connection to the account's mailbox.
type imapSession struct {
	conn    net.Conn // the TCP connection under the client: closing it ends any wait
	client  *imapclient.Client
	folder  string
	timeout time.Duration
}

// dialIMAP connects to the account's IMAP server, signs in with the same
// mechanisms as SMTP and finds the Sent folder. The whole setup (greeting,
// STARTTLS, sign-in, folder) must end within the timeout: a server that
// accepts the connection and never answers is cut off, instead of being
// waited for as long as the client library likes (30 s per reply, or for
// ever for some).
func (t Transport) dialIMAP(ctx context.Context, a *data.MailAccount, creds Credentials) (*imapSession, error) {
	if a.IMAPSecurity != data.SecuritySSL && a.IMAPSecurity != data.SecurityStartTLS && !a.AllowPlaintext {
		return nil, errPlaintext
	}
	addr := net.JoinHostPort(a.IMAPHost, strconv.Itoa(a.IMAPPort))
	conn, err := (&net.Dialer{Timeout: t.timeout()}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, imapError(err, a)
	}
	s := &imapSession{conn: conn, timeout: t.timeout()}
	err = s.bounded(s.timeout, func() error { return s.open(a, creds, t.tlsConfig(a.IMAPHost)) })
	if err != nil {
		conn.Close()
		if s.client != nil {
			s.client.Close()
		}
		return nil, imapError(err, a)
	}
	return s, nil
}

// open speaks IMAP over the connection as the account says (TLS from the
// first byte, STARTTLS, or plain), signs in and finds the Sent folder.
func (s *imapSession) open(a *data.MailAccount, creds Credentials, cfg *tls.Config) error {
	opts := &imapclient.Options{TLSConfig: cfg}
	switch a.IMAPSecurity {
	case data.SecuritySSL:
		if cfg.NextProtos == nil {
			cfg.NextProtos = []string{"imap"}
		}
		tc := tls.Client(s.conn, cfg)
		if err := tc.Handshake(); err != nil {
			return err
		}
		s.client = imapclient.New(tc, opts)
	case data.SecurityStartTLS:
		c, err := imapclient.NewStartTLS(s.conn, opts)
		if err != nil {
			return err
		}
		s.client = c
	default:
		s.client = imapclient.New(s.conn, opts)
	}
	if err := s.signIn(a, creds); err != nil {
		return err
	}
	var err error
	s.folder, err = sentFolder(s.client, a.IMAPFolder)
	return err
}

// bounded runs one exchange with the server and cuts the connection when
// it takes longer than limit: the pending command then fails, and the
// error says the server did not answer in time.
func (s *imapSession) bounded(limit time.Duration, f func() error) error {
	timer := time.AfterFunc(limit, func() { s.conn.Close() })
	err := f()
	if !timer.Stop() {
		return fmt.Errorf("IMAP: no answer within %s: %w", limit, os.ErrDeadlineExceeded)
	}
	return err
}

// closed reports whether the connection was closed (by the server, or by
// the client library after a long silence between two messages).
func (s *imapSession) closed() bool {
	select {
	case <-s.client.Closed():
		return true
	default:
		return false
	}
}

func (s *imapSession) signIn(a *data.MailAccount, creds Credentials) error {
	if err := s.client.WaitGreeting(); err != nil {
		return err
	}
	in := signIn{account: a, creds: creds}
	offered := s.client.Caps().AuthMechanisms()
	if len(offered) == 0 && !a.OAuth() && (a.Auth == data.AuthAuto || a.Auth == data.AuthLogin || a.Auth == data.AuthPlain) {
		// A server offering no SASL mechanism still takes LOGIN (the
		// IMAP command, not the mechanism).
		return s.client.Login(a.Username, creds.Password).Wait()
	}
	client, err := in.client(offered, true)
	if err != nil {
		return err
	}
	return s.client.Authenticate(client)
}

// sentFolder is the folder the owner named, else the one the server marks
// \Sent (RFC 6154), else "Sent".
func sentFolder(c *imapclient.Client, named string) (string, error) {
	if named != "" {
		return named, nil
	}
	list, err := c.List("", "*", nil).Collect()
	if err != nil {
		return "", err
	}
	for _, mb := range list {
		for _, attr := range mb.Attrs {
			if attr == imap.MailboxAttrSent {
				return mb.Mailbox, nil
			}
		}
	}
	return defaultSentFolder, nil
}

// minUpload is the slowest upload a Sent copy is given time for, on top
// of the timeout: a large attachment on a slow line is not a dead server.
const minUpload = 32 << 10 // bytes per second

// appendSent puts a message sent at at in the Sent folder, marked read,
// within the timeout plus the time to upload it.
func (s *imapSession) appendSent(raw []byte, at time.Time) error {
	limit := s.timeout + time.Duration(len(raw)/minUpload)*time.Second
	err := s.bounded(limit, func() error {
		cmd := s.client.Append(s.folder, int64(len(raw)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagSeen}, Time: at})
		if _, err := cmd.Write(raw); err != nil {
			cmd.Close()
			return err
		}
		if err := cmd.Close(); err != nil {
			return err
		}
		_, err := cmd.Wait()
		return err
	})
	if err != nil {
		return fmt.Errorf("append to %s: %w", s.folder, err)
	}
	return nil
}

// close logs out, waiting no longer than the timeout for the server.
func (s *imapSession) close() {
	if s == nil {
		return
	}
	_ = s.bounded(s.timeout, func() error { return s.client.Logout().Wait() })
	_ = s.client.Close()
}

// imapError classifies an IMAP failure: a NO to the sign-in is a wrong
// password; the rest as for SMTP.
func imapError(err error, a *data.MailAccount) *Error {
	var ie *imap.Error
	if errors.As(err, &ie) {
		cause := CauseSentCopy
		if ie.Code == imap.ResponseCodeAuthenticationFailed || ie.Code == imap.ResponseCodeAuthorizationFailed {
			cause = CauseAuth
		}
		return &Error{Cause: cause, Server: ie.Text, Err: err}
	}
	return classify(err, a.IMAPSecurity, a.IMAPPort)
}

// TestIMAP connects to the account's IMAP server, signs in, finds the Sent
// folder and logs out: the folder's name, or a classified *Error.
func (t Transport) TestIMAP(ctx context.Context, a *data.MailAccount, creds Credentials) (string, error) {
	s, err := t.dialIMAP(ctx, a, creds)
	if err != nil {
		return "", err
	}
	stop := context.AfterFunc(ctx, func() { s.conn.Close() })
	defer stop()
	defer s.close()
	return s.folder, nil
}
