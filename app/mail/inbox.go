package mail

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"relance/data"
)

// InboxMark is where the last look at the inbox stopped: the mailbox's
// UIDVALIDITY and the highest UID read. A mark of another validity (the
// mailbox was rebuilt) starts again from the newest messages.
type InboxMark struct {
	Validity uint32
	LastUID  uint32
}

// maxInboxMessages bounds one look at the inbox: a mailbox of years of
// mail is not read whole the first time, only its newest messages.
const maxInboxMessages = 200

// ReadInbox reads the inbox's messages that came after mark, at most
// maxInboxMessages of the oldest of them, and classifies each
// (ClassifyInbound). The mailbox is opened read-only (EXAMINE) and the
// messages fetched with BODY.PEEK: nothing is marked read, moved or
// deleted. Each exchange is bounded by the transport's timeout. It returns
// the mark to give next time.
func (t Transport) ReadInbox(ctx context.Context, a *data.MailAccount, creds Credentials, mark InboxMark) ([]Inbound,
	InboxMark, error) {
	s, err := t.dialIMAP(ctx, a, creds)
	if err != nil {
		return nil, mark, err
	}
	stop := context.AfterFunc(ctx, func() { s.conn.Close() })
	defer stop()
	defer s.close()
	return s.readInbox(mark)
}

func (s *imapSession) readInbox(mark InboxMark) ([]Inbound, InboxMark, error) {
	var sel *imap.SelectData
	err := s.bounded(s.timeout, func() (err error) {
		sel, err = s.client.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait()
		return err
	})
	if err != nil {
		return nil, mark, fmt.Errorf("open the inbox: %w", err)
	}
	next := uint32(sel.UIDNext)
	first := mark.LastUID + 1
	if mark.Validity != sel.UIDValidity { // first look, or a rebuilt mailbox: the newest only
		first = max(1, next-min(next, maxInboxMessages))
	}
	out := InboxMark{Validity: sel.UIDValidity, LastUID: first - 1}
	if sel.NumMessages == 0 || first >= next {
		return nil, out, nil
	}
	last := min(next-1, first+maxInboxMessages-1)
	var uids imap.UIDSet
	uids.AddRange(imap.UID(first), imap.UID(last))
	section := &imap.FetchItemBodySection{Peek: true}
	var found []Inbound
	err = s.bounded(s.timeout, func() error {
		msgs, err := s.client.Fetch(uids, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
		if err != nil {
			return err
		}
		for _, m := range msgs {
			out.LastUID = max(out.LastUID, uint32(m.UID))
			if in, ok := ClassifyInbound(m.FindBodySection(section)); ok {
				found = append(found, in)
			}
		}
		return nil
	})
	if err != nil {
		return nil, mark, fmt.Errorf("read the inbox: %w", err)
	}
	return found, out, nil
}
