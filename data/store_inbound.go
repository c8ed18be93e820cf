package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
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
		res, err := tx.tx.ExecContext(ctx, `UPDATE outbox SET bounced_at = ?, bounce_reason = ?, bounce_recipient = ?,
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
		invoices, args, err := jsonIDs(e.InvoiceIDs)
		if err != nil {
			return err
		}
		var seen int
		err = tx.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM events WHERE kind = ? AND json_extract(params, '$.message_id') = ?
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
