package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Event kinds of what comes back from the inbox.
const (
	// EventEmailBounced: a reminder could not be delivered (params:
	// message_id, recipient, reason, words).
	EventEmailBounced EventKind = "email_bounced"
	// EventClientReplied: the client answered a reminder (params:
	// message_id of the reply, from, subject); the invoice's reminders
	// pause until the owner has read it.
	EventClientReplied EventKind = "client_replied"
)

// PauseClientReplied is the reason of a pause a client's reply set.
const PauseClientReplied = "client_replied"

// SentEmail is an email of ours, as the inbox's messages refer to it.
type SentEmail struct {
	OutboxID   int64
	MessageID  string
	ClientID   int64
	InvoiceIDs []int64 // the invoices its reminder steps were about
}

// FindSentEmails returns the sent emails among Message-IDs (without angle
// brackets), in no order; unknown ids are left out.
func (s *Store) FindSentEmails(ctx context.Context, messageIDs []string) ([]SentEmail, error) {
	if len(messageIDs) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(messageIDs)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*SentEmail{}
	var order []int64
	err = s.each(ctx, `SELECT o.id, o.message_id, COALESCE(o.client_id, 0), COALESCE(i.invoice_id, 0)
		FROM outbox o LEFT JOIN outbox_items i ON i.outbox_id = o.id
		WHERE o.message_id IN (SELECT value FROM json_each(?)) AND o.state = 'sent'
		ORDER BY o.id, i.invoice_id`, []any{string(list)}, func(rows *sql.Rows) error {
		var e SentEmail
		var invoice int64
		if err := rows.Scan(&e.OutboxID, &e.MessageID, &e.ClientID, &invoice); err != nil {
			return err
		}
		got := byID[e.OutboxID]
		if got == nil {
			got = &e
			byID[e.OutboxID] = got
			order = append(order, e.OutboxID)
		}
		if invoice != 0 && (len(got.InvoiceIDs) == 0 || got.InvoiceIDs[len(got.InvoiceIDs)-1] != invoice) {
			got.InvoiceIDs = append(got.InvoiceIDs, invoice)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find sent emails: %w", err)
	}
	out := make([]SentEmail, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	return out, nil
}

// BounceRecord is why an email came back.
type BounceRecord struct {
	Reason, Recipient, Words string
}

// RecordBounce marks a sent email as bounced and writes it on the
// timeline of each of its invoices (of its client, when it was about
// none), in one transaction. Recording the same bounce again changes
// nothing: recorded reports whether this call did.
func (s *Store) RecordBounce(ctx context.Context, e SentEmail, b BounceRecord) (recorded bool, err error) {
	err = s.InTx(ctx, func(tx *Store) error {
		res, err := tx.writer().ExecContext(ctx, `UPDATE outbox SET bounced_at = ?, bounce_reason = ?, bounce_recipient = ?,
			bounce_words = ? WHERE id = ? AND bounced_at IS NULL`, timeText(tx.Now()), b.Reason, b.Recipient, b.Words, e.OutboxID)
		if err != nil {
			return fmt.Errorf("record bounce: %w", translate(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // recorded before
		}
		recorded = true
		params := map[string]string{"message_id": e.MessageID, "recipient": b.Recipient, "reason": b.Reason, "words": b.Words}
		return tx.appendToInvoices(ctx, e, EventEmailBounced, params)
	})
	return recorded, err
}

// ReplyRecord is a client's answer to one of our emails.
type ReplyRecord struct {
	MessageID, From, Subject string
}

// RecordReply writes a client's reply on the timeline of each invoice of
// the email it answers and pauses their reminders until the owner has
// read it, in one transaction. The same reply recorded again changes
// nothing: recorded reports whether this call did.
func (s *Store) RecordReply(ctx context.Context, e SentEmail, r ReplyRecord) (recorded bool, err error) {
	err = s.InTx(ctx, func(tx *Store) error {
		// On a shared book every PC reads the inbox: the email's row is
		// taken first, so that two PCs reading the same reply at once
		// record it once (the second waits, then finds it recorded).
		var id int64
		err := tx.writer().QueryRowContext(ctx, `SELECT id FROM outbox WHERE id = ?`+tx.lockForUpdate("outbox"), e.OutboxID).Scan(&id)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("record reply: %w", translate(err))
		}
		invoices, args, err := jsonIDs(e.InvoiceIDs)
		if err != nil {
			return err
		}
		var seen int
		err = tx.writer().QueryRowContext(ctx, `SELECT COUNT(*) FROM events WHERE kind = ? AND json_extract(params, '$.message_id') = ?
			AND (client_id = ? OR invoice_id IN `+invoices+`)`,
			append([]any{EventClientReplied, r.MessageID, e.ClientID}, args...)...).Scan(&seen)
		if err != nil {
			return fmt.Errorf("record reply: %w", translate(err))
		}
		if seen > 0 {
			return nil
		}
		recorded = true
		params := map[string]string{"message_id": r.MessageID, "from": r.From, "subject": r.Subject}
		if err := tx.appendToInvoices(ctx, e, EventClientReplied, params); err != nil {
			return err
		}
		for _, id := range e.InvoiceIDs {
			if err := tx.PauseInvoice(ctx, id, Date{}, PauseClientReplied); err != nil {
				return err
			}
		}
		return nil
	})
	return recorded, err
}

// appendToInvoices writes one event per invoice of the email, or one on
// its client's timeline when it was about none.
func (s *Store) appendToInvoices(ctx context.Context, e SentEmail, kind EventKind, params map[string]string) error {
	if len(e.InvoiceIDs) == 0 {
		return s.appendEvent(ctx, &Event{ClientID: e.ClientID, Kind: kind, Params: params})
	}
	for _, id := range e.InvoiceIDs {
		if err := s.appendEvent(ctx, &Event{ClientID: e.ClientID, InvoiceID: id, Kind: kind, Params: params}); err != nil {
			return err
		}
	}
	return nil
}

// Event kinds of what the owner did with a bounce.
const (
	// EventBounceReopened: the owner fixed the address of a bounced email
	// and its steps are to be sent again (params: recipient, subject).
	EventBounceReopened EventKind = "email_bounce_reopened"
	// EventBounceDismissed: the owner put a bounce aside (params:
	// recipient, subject).
	EventBounceDismissed EventKind = "email_bounce_dismissed"
)

// BouncedEmail is a sent email a mail server returned, not yet handled.
type BouncedEmail struct {
	Message   OutboxMessage
	BouncedAt time.Time
	BounceRecord
}

// ListOpenBounces returns the bounced emails the owner has neither sent
// again nor dismissed, oldest first.
func (s *Store) ListOpenBounces(ctx context.Context) ([]BouncedEmail, error) {
	type row struct {
		m      OutboxMessage
		at     string
		record BounceRecord
	}
	rows, err := listOf(ctx, s, "list bounced emails", func(r rowScanner) (row, error) {
		var out row
		var err error
		out.m, err = scanOutbox(scanPrefix{r, []any{&out.at, &out.record.Reason, &out.record.Recipient, &out.record.Words}})
		return out, err
	}, `SELECT bounced_at, bounce_reason, bounce_recipient, bounce_words, `+outboxColumns+`
		FROM outbox INDEXED BY outbox_bounced_open WHERE bounced_at IS NOT NULL AND bounce_handled_at IS NULL ORDER BY id`)
	if err != nil {
		return nil, err
	}
	list := make([]OutboxMessage, len(rows))
	for i := range rows {
		list[i] = rows[i].m
	}
	if list, err = s.withItems(ctx, list); err != nil {
		return nil, err
	}
	out := make([]BouncedEmail, len(rows))
	for i := range rows {
		at, err := parseTimeText(rows[i].at)
		if err != nil {
			return nil, err
		}
		out[i] = BouncedEmail{Message: list[i], BouncedAt: at, BounceRecord: rows[i].record}
	}
	return out, nil
}

// scanPrefix scans leading columns into prefix, then the rest as the
// wrapped scanner's caller asks.
type scanPrefix struct {
	r      rowScanner
	prefix []any
}

func (p scanPrefix) Scan(dest ...any) error { return p.r.Scan(append(p.prefix, dest...)...) }

// ReopenBounced undoes what a bounced email did, so that its steps can go
// out again to a fixed address: the steps it recorded done are taken back
// (the client never received them), the email releases them, and the
// bounce is handled. It returns the invoices concerned. All in one
// transaction; an email that did not bounce, or was handled, is refused
// with ErrOutboxState.
func (s *Store) ReopenBounced(ctx context.Context, id int64) (invoices []int64, err error) {
	err = s.InTx(ctx, func(tx *Store) error {
		m, err := tx.openBounce(ctx, id)
		if err != nil {
			return err
		}
		for _, it := range m.Items {
			if _, err := tx.writer().ExecContext(ctx, `DELETE FROM actions WHERE invoice_id = ? AND step_id = ?
				AND COALESCE(instalment_id, 0) = ? AND status = 'done' AND file = ?`,
				it.InvoiceID, it.StepID, it.InstalmentID, m.EML); err != nil {
				return fmt.Errorf("send bounced email %d again: %w", id, translate(err))
			}
			if !slices.Contains(invoices, it.InvoiceID) {
				invoices = append(invoices, it.InvoiceID)
			}
		}
		if _, err := tx.writer().ExecContext(ctx, `UPDATE outbox_items SET live = 0 WHERE outbox_id = ?`, id); err != nil {
			return fmt.Errorf("send bounced email %d again: %w", id, translate(err))
		}
		return tx.handleBounce(ctx, m, EventBounceReopened)
	})
	return invoices, err
}

// DismissBounce puts a bounce aside: the owner reached the client another
// way, or the address is right after all. The steps stay done.
func (s *Store) DismissBounce(ctx context.Context, id int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		m, err := tx.openBounce(ctx, id)
		if err != nil {
			return err
		}
		return tx.handleBounce(ctx, m, EventBounceDismissed)
	})
}

// openBounce reads a bounced email not handled yet.
func (s *Store) openBounce(ctx context.Context, id int64) (OutboxMessage, error) {
	var open bool
	err := s.reader().QueryRowContext(ctx, `SELECT bounced_at IS NOT NULL AND bounce_handled_at IS NULL FROM outbox WHERE id = ?`,
		id).Scan(&open)
	if errors.Is(err, sql.ErrNoRows) {
		return OutboxMessage{}, fmt.Errorf("email %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return OutboxMessage{}, translateOutbox(id, err)
	}
	if !open {
		return OutboxMessage{}, fmt.Errorf("email %d has no bounce to handle: %w", id, ErrOutboxState)
	}
	return s.GetOutboxMessage(ctx, id)
}

// handleBounce marks a bounce handled and says how on the timeline.
func (s *Store) handleBounce(ctx context.Context, m OutboxMessage, how EventKind) error {
	var recipient string
	err := s.writer().QueryRowContext(ctx, `UPDATE outbox SET bounce_handled_at = ? WHERE id = ? RETURNING bounce_recipient`,
		timeText(s.Now()), m.ID).Scan(&recipient)
	if err != nil {
		return translateOutbox(m.ID, err)
	}
	e := SentEmail{OutboxID: m.ID, MessageID: m.MessageID, ClientID: m.ClientID}
	for _, it := range m.Items {
		if !slices.Contains(e.InvoiceIDs, it.InvoiceID) {
			e.InvoiceIDs = append(e.InvoiceIDs, it.InvoiceID)
		}
	}
	return s.appendToInvoices(ctx, e, how, map[string]string{"recipient": recipient, "subject": m.Subject})
}

// ClientReply is a client's reply that paused reminders, waiting for the
// owner to read it: one per reply, with the invoices it paused.
type ClientReply struct {
	ClientID   int64
	From       string
	Subject    string
	At         time.Time
	InvoiceIDs []int64
	Numbers    []string
}

// ListClientReplies returns the replies whose invoices are still paused
// for the owner to read them, oldest first: the invoices a reply paused,
// grouped by the reply (the last one recorded on each invoice).
func (s *Store) ListClientReplies(ctx context.Context) ([]ClientReply, error) {
	type row struct {
		invoice, client int64
		number, params  string
		at              sql.NullString // NULL when no reply was recorded
	}
	rows, err := listOf(ctx, s, "list client replies", func(r rowScanner) (row, error) {
		var out row
		return out, r.Scan(&out.invoice, &out.client, &out.number, &out.params, &out.at)
	}, `SELECT i.id, i.client_id, i.number, COALESCE(e.params, '{}'), e.at
		FROM invoices i INDEXED BY invoices_replied
		LEFT JOIN events e ON e.id = (SELECT id FROM events WHERE invoice_id = i.id AND kind = ? ORDER BY at DESC, id DESC LIMIT 1)
		WHERE i.paused = 1 AND i.pause_reason = '`+PauseClientReplied+`' -- the partial index's own terms
		ORDER BY e.at, i.id`, EventClientReplied)
	if err != nil {
		return nil, err
	}
	var out []ClientReply
	index := map[string]int{}
	for _, r := range rows {
		var p map[string]string
		if err := json.Unmarshal([]byte(r.params), &p); err != nil {
			return nil, fmt.Errorf("reply on invoice %s: %w", r.number, err)
		}
		key := strconv.FormatInt(r.client, 10) + "\x00" + p["message_id"]
		i, ok := index[key]
		if !ok {
			at, err := parseTimeText(r.at.String)
			if err != nil {
				return nil, err
			}
			i = len(out)
			index[key] = i
			out = append(out, ClientReply{ClientID: r.client, From: p["from"], Subject: p["subject"], At: at})
		}
		out[i].InvoiceIDs = append(out[i].InvoiceIDs, r.invoice)
		out[i].Numbers = append(out[i].Numbers, r.number)
	}
	return out, nil
}

// FindRepliedInvoices finds what a message that refers to none of our
// emails may answer by its subject: the unpaid invoices, of the client
// whose email address sent it, whose number the subject holds as a word
// ("Re: facture FA-2026-014"). ok is false when the sender is no client's
// address or the subject names none of its unpaid invoices.
func (s *Store) FindRepliedInvoices(ctx context.Context, from, subject string) (e SentEmail, ok bool, err error) {
	from = strings.ToLower(strings.TrimSpace(from))
	if from == "" || strings.TrimSpace(subject) == "" {
		return e, false, nil
	}
	type row struct {
		client, invoice int64
		number          string
		email, cc       string
	}
	rows, err := listOf(ctx, s, "find replied invoices", func(r rowScanner) (row, error) {
		var out row
		return out, r.Scan(&out.client, &out.invoice, &out.number, &out.email, &out.cc)
	}, `SELECT c.id, i.id, i.number, c.email, c.email_cc
		FROM clients c JOIN invoices i ON i.client_id = c.id
		WHERE (lower(c.email) = ?1 OR instr(lower(c.email_cc), ?1) > 0) AND i.paid_cents < i.amount_cents
		ORDER BY c.id, i.id`, from)
	if err != nil {
		return e, false, err
	}
	upper := strings.ToUpper(subject)
	for _, r := range rows {
		if r.client != e.ClientID && e.ClientID != 0 {
			break // the sender's first client only: an address shared by two is not guessed between
		}
		if !addressIn(from, r.email, r.cc) || !wordIn(upper, strings.ToUpper(r.number)) {
			continue
		}
		e.ClientID = r.client
		e.InvoiceIDs = append(e.InvoiceIDs, r.invoice)
	}
	return e, len(e.InvoiceIDs) > 0, nil
}

// addressIn reports whether address is the client's email or one of its
// copies (a list separated by commas or semicolons).
func addressIn(address, email, cc string) bool {
	if strings.EqualFold(strings.TrimSpace(email), address) {
		return true
	}
	for _, a := range strings.FieldsFunc(cc, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		if strings.EqualFold(strings.Trim(a, "<>"), address) {
			return true
		}
	}
	return false
}

// wordIn reports whether word stands in text with no letter or digit
// against either end: "FA-12" is in "Re: FA-12 impayée", not in "FA-123".
func wordIn(text, word string) bool {
	for from := 0; word != ""; {
		i := strings.Index(text[from:], word)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(word)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (start == 0 || !isWordRune(before)) && (end == len(text) || !isWordRune(after)) {
			return true
		}
		from = start + 1
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
