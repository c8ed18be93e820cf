package mail

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"relance/data"
)

// App state keys of the inbox's reading.
const (
	inboxMarkKey = "mail.inbox.mark" // where the last look stopped (InboxMark, JSON)
	// InboxReportKey holds the last look's InboxReport (JSON), for Settings.
	InboxReportKey = "mail.inbox.report"
)

// ErrNoInbox is returned when the account has no IMAP server to read the
// inbox from.
var ErrNoInbox = &Error{Cause: CauseNotConfigured, Err: errors.New("no IMAP server for the inbox")}

// InboxReport is what one look at the inbox found.
type InboxReport struct {
	At          time.Time
	Read        int // messages read
	Bounces     int // of our emails, newly recorded
	Replies     int // clients' answers to our emails, newly recorded
	AutoReplies int // automatic answers to our emails (recorded nowhere: they pause nothing)
}

// CheckInbox reads the inbox's messages that came since the last look
// (ReadInbox) and records what concerns our emails: a bounce marks the
// email bounced and goes on its invoices' timelines; a reply goes there
// too and pauses their reminders until the owner has read it; an
// automatic answer is only counted. A message that refers to none of our
// emails but comes from a client's address with one of its unpaid
// invoices' numbers in the subject is a reply too. It remembers where it stopped and what
// it found (InboxReportKey). Each record is idempotent, so a look cut off
// before its mark was saved is harmless.
func (s *Service) CheckInbox(ctx context.Context) (InboxReport, error) {
	a, err := s.store.GetMailAccount(ctx)
	if err != nil {
		return InboxReport{}, err
	}
	if a.IMAPHost == "" || a.IMAPPort == 0 {
		return InboxReport{}, ErrNoInbox
	}
	creds, err := s.credentials(ctx, &a)
	if err != nil {
		return InboxReport{}, err
	}
	var mark InboxMark
	if v, err := s.store.GetState(ctx, inboxMarkKey); err != nil {
		return InboxReport{}, err
	} else if v != "" {
		_ = json.Unmarshal([]byte(v), &mark) // a mark that does not read starts again from the newest
	}
	found, next, err := s.transport.ReadInbox(ctx, &a, creds, mark)
	if err != nil {
		return InboxReport{}, err
	}
	report := InboxReport{At: s.store.Now(), Read: len(found)}
	for _, in := range found {
		if err := s.record(ctx, in, &report); err != nil {
			return report, err
		}
	}
	for key, v := range map[string]any{inboxMarkKey: next, InboxReportKey: report} {
		b, err := json.Marshal(v)
		if err != nil {
			return report, err
		}
		if err := s.store.SetState(ctx, key, string(b)); err != nil {
			return report, err
		}
	}
	return report, nil
}

// record writes what one message of the inbox says about our emails.
func (s *Service) record(ctx context.Context, in Inbound, report *InboxReport) error {
	ids := in.RefersTo
	if in.Kind == InboundBounce {
		ids = []string{in.Bounce.MessageID}
	}
	sent, err := s.store.FindSentEmails(ctx, ids)
	if err != nil {
		return err
	}
	if len(sent) == 0 && (in.Kind == InboundReply || in.Kind == InboundOther) {
		// Written from the client's own address about one of its invoices,
		// by number in the subject, without answering one of our emails
		// (a new message, or a mail client that drops the references).
		e, ok, err := s.store.FindRepliedInvoices(ctx, in.From, in.Subject)
		if err != nil {
			return err
		}
		if ok {
			sent, in.Kind = []data.SentEmail{e}, InboundReply
		}
	}
	if len(sent) == 0 {
		return nil
	}
	var recorded bool
	switch in.Kind {
	case InboundBounce:
		recorded, err = s.store.RecordBounce(ctx, sent[0], data.BounceRecord{Reason: string(in.Bounce.Reason),
			Recipient: in.Bounce.Recipient, Words: in.Bounce.Diagnostic})
		if recorded {
			report.Bounces++
		}
	case InboundReply:
		recorded, err = s.store.RecordReply(ctx, sent[0], data.ReplyRecord{MessageID: in.MessageID, From: in.From,
			Subject: in.Subject})
		if recorded {
			report.Replies++
		}
	case InboundAutoReply:
		report.AutoReplies++
	}
	if err != nil {
		return fmt.Errorf("inbox: %w", err)
	}
	return nil
}
