package mail

import (
	"context"
	"errors"
	"fmt"
	"net"
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
	client *imapclient.Client
	folder string
}

// dialIMAP connects to the account's IMAP server, signs in with the same
// mechanisms as SMTP and finds the Sent folder.
func (t Transport) dialIMAP(a *data.MailAccount, creds Credentials) (*imapSession, error) {
	addr := net.JoinHostPort(a.IMAPHost, strconv.Itoa(a.IMAPPort))
	opts := &imapclient.Options{TLSConfig: t.tlsConfig(a.IMAPHost), Dialer: &net.Dialer{Timeout: t.timeout()}}
	var c *imapclient.Client
	var err error
	switch a.IMAPSecurity {
	case data.SecuritySSL:
		c, err = imapclient.DialTLS(addr, opts)
	case data.SecurityStartTLS:
		c, err = imapclient.DialStartTLS(addr, opts)
	default:
		if !a.AllowPlaintext {
			return nil, errPlaintext
		}
		c, err = imapclient.DialInsecure(addr, opts)
	}
	if err != nil {
		return nil, imapError(err, a)
	}
	// Commands wait for the server; a server that stops answering is cut
	// off after the timeout, which fails the pending command.
	stop := time.AfterFunc(t.timeout(), func() { c.Close() })
	s := &imapSession{client: c}
	if err := s.signIn(a, creds); err != nil {
		stop.Stop()
		c.Close()
		return nil, imapError(err, a)
	}
	stop.Stop()
	if s.folder, err = sentFolder(c, a.IMAPFolder); err != nil {
		c.Close()
		return nil, imapError(err, a)
	}
	return s, nil
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

// appendSent puts a message sent at at in the Sent folder, marked read.
func (s *imapSession) appendSent(raw []byte, at time.Time) error {
	cmd := s.client.Append(s.folder, int64(len(raw)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagSeen}, Time: at})
	if _, err := cmd.Write(raw); err != nil {
		cmd.Close()
		return fmt.Errorf("append to %s: %w", s.folder, err)
	}
	if err := cmd.Close(); err != nil {
		return fmt.Errorf("append to %s: %w", s.folder, err)
	}
	if _, err := cmd.Wait(); err != nil {
		return fmt.Errorf("append to %s: %w", s.folder, err)
	}
	return nil
}

func (s *imapSession) close() {
	if s == nil {
		return
	}
	_ = s.client.Logout().Wait()
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
	s, err := t.dialIMAP(a, creds)
	if err != nil {
		return "", err
	}
	stop := context.AfterFunc(ctx, func() { s.client.Close() })
	defer stop()
	defer s.close()
	return s.folder, nil
}
