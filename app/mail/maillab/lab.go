// Package maillab is a mail provider on 127.0.0.1 for developers: an
// OAuth 2.0 authorization server (app/oauth/oauthtest), an SMTP server and
// an IMAP server that take only its access tokens (XOAUTH2, OAUTHBEARER),
// and the hands to drop a bounce or a client's reply to the last email
// sent into the IMAP inbox. With it the real app signs in with
// "Microsoft", sends a reminder and reads what comes back without an
// account at a real provider (cmd/maillab runs it). The app does not
// import it.
package maillab

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/mail"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"relance/app/oauth/oauthtest"
)

// Lab is the provider: its three servers and the messages sent through it.
type Lab struct {
	OAuth    *oauthtest.Server
	User     string // the mailbox's address, the one user of both servers
	SMTPPort int
	IMAPPort int

	smtp  *smtp.Server
	imap  *imapserver.Server
	inbox *imapmemserver.User

	mu   sync.Mutex
	sent []Sent
}

// Sent is a message the SMTP server accepted.
type Sent struct {
	From string
	To   []string
	Data []byte
}

// password is the mailbox's password inside the lab: never asked of the
// app, which signs in with tokens only.
const password = "lab"

// Start runs the three servers on free loopback ports, for the mailbox
// user. Close stops them.
func Start(user string) (*Lab, error) {
	l := &Lab{OAuth: oauthtest.Start(), User: user}
	mem := imapmemserver.New()
	l.inbox = imapmemserver.NewUser(user, password)
	for _, name := range []string{"INBOX", "Sent"} {
		if err := l.inbox.Create(name, nil); err != nil {
			l.OAuth.Close()
			return nil, err
		}
	}
	mem.AddUser(l.inbox)
	l.imap = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return &imapSession{Session: mem.NewSession(), lab: l}, nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}}, // rev2 would need the wrapped session's NAMESPACE
		InsecureAuth: true,                               // loopback only, no TLS: the app asks the owner's consent for it
		Logger:       log.New(io.Discard, "", 0),
	})
	imapListener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		l.OAuth.Close()
		return nil, err
	}
	l.IMAPPort = imapListener.Addr().(*net.TCPAddr).Port
	go l.imap.Serve(imapListener)

	l.smtp = smtp.NewServer(smtpBackend{l})
	l.smtp.Domain, l.smtp.AllowInsecureAuth = "localhost", true
	l.smtp.ReadTimeout, l.smtp.WriteTimeout = 30*time.Second, 30*time.Second
	l.smtp.ErrorLog = log.New(io.Discard, "", 0)
	smtpListener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		l.Close()
		return nil, err
	}
	l.SMTPPort = smtpListener.Addr().(*net.TCPAddr).Port
	go l.smtp.Serve(smtpListener)
	return l, nil
}

// Close stops the servers.
func (l *Lab) Close() {
	if l.smtp != nil {
		l.smtp.Close()
	}
	l.imap.Close()
	l.OAuth.Close()
}

// Sent returns the messages the SMTP server accepted, in order.
func (l *Lab) Sent() []Sent {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Sent(nil), l.sent...)
}

// checkToken accepts the lab's user with a valid access token.
func (l *Lab) checkToken(user, token string) error {
	if !strings.EqualFold(user, l.User) || !l.OAuth.AccessValid(token) {
		return errors.New("invalid or expired access token")
	}
	return nil
}

// DropBounce puts in the inbox the delivery status notification a
// server sends when the last email's recipient does not exist.
func (l *Lab) DropBounce() (string, error) {
	last, h, err := l.last()
	if err != nil {
		return "", err
	}
	to := last.To[0]
	id := h.Get("Message-Id")
	boundary := "lab-dsn-boundary"
	var b strings.Builder
	fmt.Fprintf(&b, "From: Mail Delivery System <MAILER-DAEMON@localhost>\r\nTo: %s\r\n", l.User)
	fmt.Fprintf(&b, "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn.%d@localhost>\r\n", time.Now().UnixNano())
	b.WriteString("Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n")
	fmt.Fprintf(&b, "Content-Type: multipart/report; report-type=delivery-status; boundary=%q\r\n\r\n", boundary)
	fmt.Fprintf(&b, "--%s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n", boundary)
	fmt.Fprintf(&b, "Your message could not be delivered to %s: the mailbox does not exist.\r\n\r\n", to)
	fmt.Fprintf(&b, "--%s\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; localhost\r\n\r\n", boundary)
	fmt.Fprintf(&b, "Final-Recipient: rfc822; %s\r\nAction: failed\r\nStatus: 5.1.1\r\n", to)
	fmt.Fprintf(&b, "Diagnostic-Code: smtp; 550 5.1.1 <%s>: Recipient address rejected: User unknown\r\n\r\n", to)
	fmt.Fprintf(&b, "--%s\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: %s\r\nSubject: %s\r\nTo: %s\r\n\r\n",
		boundary, id, h.Get("Subject"), h.Get("To"))
	fmt.Fprintf(&b, "--%s--\r\n", boundary)
	return to, l.deliver([]byte(b.String()))
}

// DropReply puts in the inbox the client's answer to the last email,
// from its first recipient, referring to it as mail clients do.
func (l *Lab) DropReply(text string) (string, error) {
	last, h, err := l.last()
	if err != nil {
		return "", err
	}
	from := last.To[0]
	subject := "Re: " + h.Get("Subject")
	var b strings.Builder
	fmt.Fprintf(&b, "From: <%s>\r\nTo: %s\r\nSubject: %s\r\n", from, l.User, mimeWord(subject))
	fmt.Fprintf(&b, "Message-ID: <reply.%d@client.example>\r\nIn-Reply-To: %s\r\nReferences: %s\r\n", time.Now().UnixNano(),
		h.Get("Message-Id"), h.Get("Message-Id"))
	fmt.Fprintf(&b, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n", text)
	return from, l.deliver([]byte(b.String()))
}

// last is the last message sent and its headers.
func (l *Lab) last() (Sent, mail.Header, error) {
	sent := l.Sent()
	if len(sent) == 0 {
		return Sent{}, nil, errors.New("no email sent through the lab yet")
	}
	last := sent[len(sent)-1]
	msg, err := mail.ReadMessage(bytes.NewReader(last.Data))
	if err != nil {
		return last, nil, fmt.Errorf("the last email does not read: %w", err)
	}
	if len(last.To) == 0 {
		return last, nil, errors.New("the last email had no recipient")
	}
	return last, msg.Header, nil
}

// deliver appends a message to the inbox.
func (l *Lab) deliver(raw []byte) error {
	_, err := l.inbox.Append("INBOX", literal{bytes.NewReader(raw)}, &imap.AppendOptions{Time: time.Now()})
	return err
}

// mimeWord encodes a header's text when it is not ASCII.
func mimeWord(s string) string {
	for _, r := range s {
		if r > 127 {
			return "=?UTF-8?B?" + base64Std(s) + "?="
		}
	}
	return s
}

// literal is an IMAP literal over a byte reader.
type literal struct{ *bytes.Reader }

func (l literal) Size() int64 { return l.Reader.Size() }

// imapSession is a session of the in-memory server that signs in with an
// access token instead of the password.
type imapSession struct {
	imapserver.Session
	lab *Lab
}

func (s *imapSession) AuthenticateMechanisms() []string { return []string{"XOAUTH2", sasl.OAuthBearer} }

func (s *imapSession) Authenticate(mech string) (sasl.Server, error) {
	srv := BearerServer(mech, func(user, token string) error {
		if err := s.lab.checkToken(user, token); err != nil {
			return err
		}
		return s.Session.Login(s.lab.User, password)
	})
	if srv == nil {
		return nil, fmt.Errorf("mechanism %s not supported", mech)
	}
	return srv, nil
}

// Login refuses passwords: the lab's provider takes tokens only.
func (s *imapSession) Login(string, string) error {
	return imapserver.ErrAuthFailed
}

type smtpBackend struct{ lab *Lab }

func (b smtpBackend) NewSession(*smtp.Conn) (smtp.Session, error) {
	return &smtpSession{lab: b.lab}, nil
}

// smtpSession takes tokens only, and keeps what it is given.
type smtpSession struct {
	lab    *Lab
	signed bool
	from   string
	to     []string
}

func (s *smtpSession) AuthMechanisms() []string { return []string{"XOAUTH2", sasl.OAuthBearer} }

func (s *smtpSession) Auth(mech string) (sasl.Server, error) {
	srv := BearerServer(mech, func(user, token string) error {
		if err := s.lab.checkToken(user, token); err != nil {
			return smtp.ErrAuthFailed
		}
		s.signed = true
		return nil
	})
	if srv == nil {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return srv, nil
}

func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if !s.signed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}

func (s *smtpSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.lab.mu.Lock()
	s.lab.sent = append(s.lab.sent, Sent{From: s.from, To: s.to, Data: data})
	s.lab.mu.Unlock()
	return nil
}

func (s *smtpSession) Reset()        { s.from, s.to = "", nil }
func (s *smtpSession) Logout() error { return nil }

func base64Std(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
