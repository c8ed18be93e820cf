package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	netmail "net/mail"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"relance/data"
)

// Message is an email about to be queued: its recipients, its text, its
// files, and the dunning steps it fulfils.
type Message struct {
	ClientID    int64
	TemplateKey string
	Items       []data.OutboxItem

	To, Cc      []string
	Subject     string
	Text        string // the plain-text body
	HTML        string // the HTML alternative, empty for text only
	Attachments []Attachment
	Auto        bool // queued by the unattended run

	// OwnAddress: on the demo book, the owner confirmed the only recipient
	// is their own mailbox (to try Relance without mailing a stranger).
	OwnAddress bool
}

// Attachment is a file sent with an email.
type Attachment struct {
	Name string // the file name the recipient sees
	Kind string // invoice, letter, statement
	// Invoice is the number of the invoice a Kind "invoice" file is.
	Invoice string
	Path    string // where it is, when Data is nil
	Data    []byte
}

// content returns the attachment's bytes.
func (a Attachment) content() ([]byte, error) {
	if a.Data != nil {
		return a.Data, nil
	}
	b, err := os.ReadFile(a.Path)
	if err != nil {
		return nil, fmt.Errorf("attachment %s: %w", a.Name, err)
	}
	return b, nil
}

// ErrNoRecipient is returned when the email has nobody to go to.
var ErrNoRecipient = errors.New("no recipient")

// newMessageID makes a unique Message-ID (without angle brackets) in the
// sender's domain.
func newMessageID(from string) string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	domain := "relance.local"
	if _, d, ok := strings.Cut(from, "@"); ok && d != "" {
		domain = d
	}
	return hex.EncodeToString(b[:]) + "@" + domain
}

// recipients lists every RCPT TO of m: To, Cc, and the owner's copy (Bcc,
// never written in the headers).
func recipients(a *data.MailAccount, m *Message) []string {
	out := append(append([]string{}, m.To...), m.Cc...)
	if a.BCCSelf && a.FromAddress != "" {
		out = append(out, a.FromAddress)
	}
	return out
}

// checkAddresses refuses an email without a recipient or with an address
// that is not one.
func checkAddresses(m *Message) error {
	if len(m.To) == 0 {
		return ErrNoRecipient
	}
	for _, list := range [][]string{m.To, m.Cc} {
		for _, addr := range list {
			if _, err := netmail.ParseAddress(addr); err != nil || strings.ContainsAny(addr, "<>") {
				return &data.FieldError{Field: "mail_to", Reason: data.ReasonEmailFormat, Value: addr}
			}
		}
	}
	return nil
}

// compose writes m as an RFC 5322 message: UTF-8, quoted-printable text
// and HTML alternatives, the files attached, the given Message-ID and date.
// These bytes are archived and sent as they are.
func compose(a *data.MailAccount, m *Message, id string, at time.Time) ([]byte, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.FromFormat(a.FromName, a.FromAddress); err != nil {
		return nil, fmt.Errorf("from %s: %w", a.FromAddress, err)
	}
	if err := msg.To(m.To...); err != nil {
		return nil, fmt.Errorf("to: %w", err)
	}
	if len(m.Cc) > 0 {
		if err := msg.Cc(m.Cc...); err != nil {
			return nil, fmt.Errorf("cc: %w", err)
		}
	}
	if a.ReplyTo != "" {
		if err := msg.ReplyTo(a.ReplyTo); err != nil {
			return nil, fmt.Errorf("reply-to: %w", err)
		}
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(id)
	msg.SetDateWithValue(at)
	msg.SetUserAgent("Relance")
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	for _, att := range m.Attachments {
		b, err := att.content()
		if err != nil {
			return nil, err
		}
		if err := msg.AttachReader(att.Name, bytes.NewReader(b), gomail.WithFileContentType(contentType(att.Name))); err != nil {
			return nil, fmt.Errorf("attachment %s: %w", att.Name, err)
		}
	}
	var buf bytes.Buffer
	if _, err := msg.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	return buf.Bytes(), nil
}

func contentType(name string) gomail.ContentType {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		return gomail.ContentType("application/pdf")
	case ".xml":
		return gomail.ContentType("application/xml")
	case ".xlsx":
		return gomail.ContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	case ".csv":
		return gomail.ContentType("text/csv")
	}
	return gomail.TypeAppOctetStream
}

// dateArchive gives the archived message of m the Date of the moment it
// is handed to the server (not of the moment it was queued, maybe days
// before a retry), rewrites the archive with it, so that the archive stays
// the exact bytes sent, and returns those bytes. On a shared book the
// archive is read from the book: another PC may have queued it.
func (s *Service) dateArchive(ctx context.Context, m *data.OutboxMessage, at time.Time) ([]byte, error) {
	raw, err := s.files.Read(ctx, m.EML)
	if err != nil {
		return nil, err
	}
	dated, ok := setDateHeader(raw, at)
	if !ok {
		return raw, nil // no Date header to set: sent as archived
	}
	if err := s.files.Replace(ctx, m.EML, dated); err != nil {
		return nil, err
	}
	return dated, nil
}

// setDateHeader replaces the value of the Date header of an RFC 5322
// message (in its header block only) with at. ok is false when the
// message has no Date header.
func setDateHeader(raw []byte, at time.Time) ([]byte, bool) {
	end := bytes.Index(raw, []byte("\r\n\r\n"))
	if end < 0 {
		return raw, false
	}
	head := raw[:end+2]
	for start := 0; start < len(head); {
		eol := bytes.Index(head[start:], []byte("\r\n"))
		line := head[start : start+eol]
		if len(line) > 5 && strings.EqualFold(string(line[:5]), "Date:") {
			out := make([]byte, 0, len(raw)+8)
			out = append(out, raw[:start]...)
			out = append(out, "Date: "+at.Format(time.RFC1123Z)...)
			return append(out, raw[start+eol:]...), true
		}
		start += eol + 2
	}
	return raw, false
}

// archivePath is where a message is kept: mail/<year>/<message-id>.eml,
// relative to the data folder, with forward slashes (as the timeline
// stores files).
func archivePath(id string, at time.Time) string {
	return path.Join("mail", fmt.Sprint(at.Year()), id+".eml")
}
