package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// OutboxState is where an email stands.
type OutboxState string

// The states of an email of the outbox.
const (
	OutboxQueued    OutboxState = "queued"    // waiting to be sent (or to be retried)
	OutboxSending   OutboxState = "sending"   // handed to the server; interrupted if its process died
	OutboxSent      OutboxState = "sent"      // the server accepted it
	OutboxFailed    OutboxState = "failed"    // refused for good; the owner decides
	OutboxCancelled OutboxState = "cancelled" // discarded, or stopped because the invoice was paid
)

// OutboxMessage is one email of the outbox: who it goes to, the archived
// message, its state and what it fulfils.
type OutboxMessage struct {
	ID          int64
	ClientID    int64
	TemplateKey string
	State       OutboxState
	MessageID   string // without angle brackets
	From        string
	Recipients  []string // every RCPT TO: To, Cc and Bcc
	To, Cc      string   // as shown to the owner
	Subject     string
	EML         string // the archived message, relative to the data dir
	Auto        bool   // queued by the unattended run

	Attempts      int
	ErrorCause    string // the sender's classification of the last error
	ErrorCode     int    // the server's reply code, 0 when none
	LastError     string // the server's words, or the network error
	NextAttemptAt time.Time
	ClaimedBy     string // the run that queued it, then the one that moved it to sending

	QueuedAt  time.Time
	SendingAt time.Time
	SentAt    time.Time
	SentCopy  string // "" not tried, "done", or why the IMAP copy failed
	Note      string // why it was cancelled
	Seen      bool   // the window reported it (unattended sends)
	// Held: queued, but on hold until the owner fixes the account (the
	// server refused the sign-in, the certificate, the TLS setting): never
	// retried by itself. ErrorCause says why.
	Held bool

	Items []OutboxItem
}

// OutboxItem is one dunning step an email fulfils.
type OutboxItem struct {
	InvoiceID    int64
	StepID       int64
	InstalmentID int64
	Planned      Date
	CatchUp      bool
	Passed       []int64 // earlier steps it stands for, recorded skipped when sent
}

// Interrupted reports whether the email was being sent by a run that is
// not run: that process died between handing it over and hearing back.
func (m *OutboxMessage) Interrupted(run string) bool {
	return m.State == OutboxSending && m.ClaimedBy != run
}

// Why a step cannot be sent any more (NotSendableError.Reason).
const (
	NotSendablePaid     = "paid"
	NotSendableState    = "state" // disputed, written off or in litigation: see State
	NotSendablePaused   = "paused"
	NotSendableDone     = "done"   // the step was recorded meanwhile
	NotSendableQueued   = "queued" // another email already carries it
	NotSendableNotFound = "not_found"
)

// ErrNotSendable matches every NotSendableError.
var ErrNotSendable = errors.New("the reminder can no longer be sent")

// NotSendableError says why an email was refused or stopped: the invoice
// was paid, disputed, paused, or its step is done.
type NotSendableError struct {
	InvoiceID int64
	Number    string
	Reason    string
	State     InvoiceState // for NotSendableState
}

func (e *NotSendableError) Error() string {
	detail := e.Reason
	if e.Reason == NotSendableState {
		detail = string(e.State)
	}
	return fmt.Sprintf("invoice %s: %s: %s", e.Number, ErrNotSendable, detail)
}

// Is makes errors.Is(err, ErrNotSendable) true.
func (e *NotSendableError) Is(target error) bool { return target == ErrNotSendable }

// ErrOutboxState is returned when the email is not in the state the operation needs (it
// was sent, cancelled or claimed meanwhile).
var ErrOutboxState = errors.New("the email is no longer in that state")

const outboxColumns = `id, COALESCE(client_id, 0), template_key, state, message_id, mail_from, recipients, to_list, cc_list,
	subject, eml, auto, attempts, error_cause, error_code, last_error, next_attempt_at, claimed_by,
	queued_at, sending_at, sent_at, sent_copy, note, seen, held`

func scanOutbox(row interface{ Scan(...any) error }) (OutboxMessage, error) {
	var m OutboxMessage
	var recipients, next, queued string
	var sending, sent sql.NullString // NULL until then
	err := row.Scan(&m.ID, &m.ClientID, &m.TemplateKey, &m.State, &m.MessageID, &m.From, &recipients, &m.To, &m.Cc,
		&m.Subject, &m.EML, &m.Auto, &m.Attempts, &m.ErrorCause, &m.ErrorCode, &m.LastError, &next, &m.ClaimedBy,
		&queued, &sending, &sent, &m.SentCopy, &m.Note, &m.Seen, &m.Held)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal([]byte(recipients), &m.Recipients); err != nil {
		return m, fmt.Errorf("outbox %d recipients: %w", m.ID, err)
	}
	for _, t := range []struct {
		dst *time.Time
		src string
	}{{&m.NextAttemptAt, next}, {&m.QueuedAt, queued}, {&m.SendingAt, sending.String}, {&m.SentAt, sent.String}} {
		if *t.dst, err = parseTimeText(t.src); err != nil {
			return m, err
		}
	}
	return m, nil
}

// CreateOutboxMessage queues an email. In one transaction it checks that
// every step it fulfils can still be sent (the invoice unpaid, open, not
// paused, the step not done nor carried by another email) and claims
// them: the same step cannot be queued twice. The refusal is a
// NotSendableError. An email outside the scenario (a promise's
// confirmation) fulfils no step: it names its client and its template.
func (s *Store) CreateOutboxMessage(ctx context.Context, m *OutboxMessage) error {
	outside := len(m.Items) == 0 && m.ClientID != 0 && m.TemplateKey != ""
	if (len(m.Items) == 0 && !outside) || len(m.Recipients) == 0 || m.MessageID == "" {
		return fmt.Errorf("queue email: %w: no step, recipient or Message-ID", ErrInvalid)
	}
	return s.InTx(ctx, func(tx *Store) error {
		for _, it := range m.Items {
			if err := tx.checkSendable(ctx, it, 0); err != nil {
				return err
			}
		}
		now := tx.Now()
		m.State, m.QueuedAt, m.NextAttemptAt = OutboxQueued, now, now
		recipients, err := json.Marshal(m.Recipients)
		if err != nil {
			return err
		}
		id, err := tx.insertID(ctx, `
			INSERT INTO outbox (client_id, template_key, state, message_id, mail_from, recipients, to_list, cc_list,
			       subject, eml, auto, next_attempt_at, queued_at, claimed_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			nullID(m.ClientID), m.TemplateKey, m.State, m.MessageID, m.From, string(recipients), m.To, m.Cc,
			m.Subject, m.EML, m.Auto, timeText(now), timeText(now), m.ClaimedBy)
		if err != nil {
			return fmt.Errorf("queue email %s: %w", m.MessageID, translate(err))
		}
		m.ID = id
		return tx.insertOutboxItems(ctx, m)
	})
}

func (s *Store) insertOutboxItems(ctx context.Context, m *OutboxMessage) error {
	for _, it := range m.Items {
		passed, err := json.Marshal(append([]int64{}, it.Passed...))
		if err != nil {
			return err
		}
		_, err = s.writer().ExecContext(ctx, `
			INSERT INTO outbox_items (outbox_id, invoice_id, step_id, instalment_id, planned_on, catch_up, passed)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			m.ID, it.InvoiceID, it.StepID, nullID(it.InstalmentID), it.Planned, it.CatchUp, string(passed))
		if errors.Is(translate(err), ErrAlreadyExists) {
			return &NotSendableError{InvoiceID: it.InvoiceID, Number: s.invoiceNumber(ctx, it.InvoiceID), Reason: NotSendableQueued}
		}
		if err != nil {
			return fmt.Errorf("queue email %s: %w", m.MessageID, translate(err))
		}
	}
	return nil
}

func (s *Store) invoiceNumber(ctx context.Context, id int64) string {
	var n string
	_ = s.reader().QueryRowContext(ctx, `SELECT number FROM invoices WHERE id = ?`, id).Scan(&n)
	return n
}

// checkSendable says whether a step may still go out on its invoice.
// owner is the email that carries it (0 when queueing: then another live
// email carrying it refuses it too).
func (s *Store) checkSendable(ctx context.Context, it OutboxItem, owner int64) error {
	var number, channel string
	var state InvoiceState
	var amount, paid int64
	var invPaused, clientPaused bool
	var pausedUntil Date
	err := s.reader().QueryRowContext(ctx, `
		SELECT i.number, i.state, i.amount_cents, i.paid_cents, i.paused, i.paused_until,
		       c.reminders_paused OR c.archived_at IS NOT NULL, -- an archived client is never reminded
		       COALESCE((SELECT channel FROM steps WHERE id = ?), '')
		FROM invoices i JOIN clients c ON c.id = i.client_id WHERE i.id = ?`+s.lockForUpdate("i"), it.StepID, it.InvoiceID).Scan(
		&number, &state, &amount, &paid, &invPaused, &pausedUntil, &clientPaused, &channel)
	if errors.Is(err, sql.ErrNoRows) {
		return &NotSendableError{InvoiceID: it.InvoiceID, Reason: NotSendableNotFound}
	}
	if err != nil {
		return fmt.Errorf("check invoice %d: %w", it.InvoiceID, translate(err))
	}
	refuse := func(reason string) error {
		return &NotSendableError{InvoiceID: it.InvoiceID, Number: number, Reason: reason, State: state}
	}
	if Channel(channel) != ChannelThankYou {
		inv := Invoice{Paused: invPaused, PausedUntil: pausedUntil}
		switch {
		case paid >= amount:
			return refuse(NotSendablePaid)
		case state != StateOpen:
			return refuse(NotSendableState)
		case clientPaused || inv.PausedOn(s.Today()):
			return refuse(NotSendablePaused)
		}
	}
	var done, carried int
	err = s.reader().QueryRowContext(ctx, `
		SELECT (SELECT COUNT(*) FROM actions WHERE invoice_id = ?1 AND step_id = ?2 AND COALESCE(instalment_id, 0) = ?3),
		       (SELECT COUNT(*) FROM outbox_items WHERE invoice_id = ?1 AND step_id = ?2
		               AND COALESCE(instalment_id, 0) = ?3 AND live = 1 AND outbox_id <> ?4)`,
		it.InvoiceID, it.StepID, it.InstalmentID, owner).Scan(&done, &carried)
	if err != nil {
		return fmt.Errorf("check invoice %d: %w", it.InvoiceID, translate(err))
	}
	switch {
	case done > 0:
		return refuse(NotSendableDone)
	case carried > 0:
		return refuse(NotSendableQueued)
	}
	return nil
}

// GetOutboxMessage returns an email of the outbox with its steps.
func (s *Store) GetOutboxMessage(ctx context.Context, id int64) (OutboxMessage, error) {
	m, err := scanOutbox(s.reader().QueryRowContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("email %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("get email %d: %w", id, translate(err))
	}
	items, err := s.outboxItems(ctx, []int64{id})
	m.Items = items[id]
	return m, err
}

// outboxItems reads the steps of some emails, by email.
func (s *Store) outboxItems(ctx context.Context, ids []int64) (map[int64][]OutboxItem, error) {
	out := map[int64][]OutboxItem{}
	if len(ids) == 0 {
		return out, nil
	}
	set, arg, err := idList(ids)
	if err != nil {
		return nil, err
	}
	err = s.each(ctx, `SELECT outbox_id, invoice_id, step_id, COALESCE(instalment_id, 0), planned_on, catch_up, passed
		FROM outbox_items WHERE outbox_id IN `+set+` ORDER BY rowid`, []any{arg}, func(rows *sql.Rows) error {
		var id int64
		var it OutboxItem
		var passed string
		if err := rows.Scan(&id, &it.InvoiceID, &it.StepID, &it.InstalmentID, &it.Planned, &it.CatchUp, &passed); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(passed), &it.Passed); err != nil {
			return err
		}
		out[id] = append(out[id], it)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list email steps: %w", err)
	}
	return out, nil
}

// ListOutbox returns the emails in any of the states, oldest first, with
// their steps.
func (s *Store) ListOutbox(ctx context.Context, states ...OutboxState) ([]OutboxMessage, error) {
	// A few states: one placeholder each (json_each is for ids).
	args := make([]any, len(states))
	for i, st := range states {
		args[i] = st
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(states)), ", ")
	out, err := listOf(ctx, s, "list emails", scanOutbox,
		`SELECT `+outboxColumns+` FROM outbox WHERE state IN (`+marks+`) ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	return s.withItems(ctx, out)
}

func (s *Store) withItems(ctx context.Context, list []OutboxMessage) ([]OutboxMessage, error) {
	ids := make([]int64, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	items, err := s.outboxItems(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range list {
		list[i].Items = items[list[i].ID]
	}
	return list, nil
}

// ListOutboxDue returns the queued emails whose (next) attempt is due at
// now, oldest first. Emails on hold are not due: they wait for the owner.
func (s *Store) ListOutboxDue(ctx context.Context, now time.Time) ([]OutboxMessage, error) {
	list, err := s.ListOutbox(ctx, OutboxQueued)
	return slices.DeleteFunc(list, func(m OutboxMessage) bool { return m.Held || m.NextAttemptAt.After(now) }), err
}

// ListOutboxHeld returns the emails on hold until the account is fixed,
// oldest first.
func (s *Store) ListOutboxHeld(ctx context.Context) ([]OutboxMessage, error) {
	list, err := s.ListOutbox(ctx, OutboxQueued)
	return slices.DeleteFunc(list, func(m OutboxMessage) bool { return !m.Held }), err
}

// OutboxStepKey names an (invoice, step, instalment).
type OutboxStepKey struct{ InvoiceID, StepID, InstalmentID int64 }

// ListOutboxPending returns the steps carried by emails not sent yet
// (queued, sending or failed) with the state of their email: the Today
// list shows them there instead of as steps to do.
func (s *Store) ListOutboxPending(ctx context.Context) (map[OutboxStepKey]OutboxState, error) {
	out := map[OutboxStepKey]OutboxState{}
	err := s.each(ctx, `SELECT i.invoice_id, i.step_id, COALESCE(i.instalment_id, 0), o.state
		FROM outbox_items i JOIN outbox o ON o.id = i.outbox_id
		WHERE i.live = 1 AND o.state IN ('queued', 'sending', 'failed')`, nil, func(rows *sql.Rows) error {
		var k OutboxStepKey
		var st OutboxState
		err := rows.Scan(&k.InvoiceID, &k.StepID, &k.InstalmentID, &st)
		out[k] = st
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list pending emails: %w", err)
	}
	return out, nil
}

// ClaimOutboxMessage moves a queued email to sending for run, after
// checking again, in the same transaction, that each of its steps may
// still go out. When one may not (the invoice was paid meanwhile), the
// email is cancelled with the reason and the NotSendableError returned.
//
// The claim is a conditional update the database serialises: of two
// processes claiming the same email (two PCs on a shared book, two
// send-due runs), the second finds it no longer queued once the first
// commits, and gets ErrOutboxState. The invoices are read locked (FOR
// UPDATE on a server) so that a payment recorded meanwhile waits for the
// claim, and the claim never passes on a balance already settled.
func (s *Store) ClaimOutboxMessage(ctx context.Context, id int64, run string) (OutboxMessage, error) {
	var m OutboxMessage
	var refused error
	err := s.InTx(ctx, func(tx *Store) error {
		// An update that changes nothing but takes the email's row: the
		// second claimer waits here, then finds the email no longer queued.
		res, err := tx.writer().ExecContext(ctx, `UPDATE outbox SET state = state WHERE id = ? AND state = ?`, id, OutboxQueued)
		if err != nil {
			return translateOutbox(id, err)
		}
		claimed, err := res.RowsAffected()
		if err != nil {
			return translateOutbox(id, err)
		}
		if m, err = tx.GetOutboxMessage(ctx, id); err != nil {
			return err
		}
		if claimed == 0 {
			return fmt.Errorf("claim email %d (%s): %w", id, m.State, ErrOutboxState)
		}
		for _, it := range m.Items {
			if refused = tx.checkSendable(ctx, it, id); refused != nil {
				var ns *NotSendableError
				errors.As(refused, &ns)
				note := ""
				if ns != nil {
					note = ns.Reason
				}
				return tx.cancelOutbox(ctx, &m, note)
			}
		}
		m.State, m.SendingAt, m.ClaimedBy = OutboxSending, tx.Now(), run
		m.Attempts++
		_, err = tx.writer().ExecContext(ctx, `UPDATE outbox SET state = ?, sending_at = ?, claimed_by = ?, attempts = ? WHERE id = ?`,
			m.State, timeText(m.SendingAt), run, m.Attempts, id)
		return translateOutbox(id, err)
	})
	if err != nil {
		return m, err
	}
	return m, refused
}

func translateOutbox(id int64, err error) error {
	if err != nil {
		return fmt.Errorf("update email %d: %w", id, translate(err))
	}
	return nil
}

// cancelOutbox cancels an email and releases its steps.
func (s *Store) cancelOutbox(ctx context.Context, m *OutboxMessage, note string) error {
	m.State, m.Note = OutboxCancelled, note
	if _, err := s.writer().ExecContext(ctx, `UPDATE outbox SET state = ?, note = ? WHERE id = ?`, m.State, note, m.ID); err != nil {
		return translateOutbox(m.ID, err)
	}
	_, err := s.writer().ExecContext(ctx, `UPDATE outbox_items SET live = 0 WHERE outbox_id = ?`, m.ID)
	return translateOutbox(m.ID, err)
}

// MarkOutboxSent records that the server accepted an email at at: the
// email is sent, and each step it fulfils is recorded done with the
// archived message as its file (the steps it stood for, skipped), in one
// transaction. A step the owner recorded meanwhile is left as it is.
func (s *Store) MarkOutboxSent(ctx context.Context, id int64, at time.Time) error {
	return s.InTx(ctx, func(tx *Store) error {
		m, err := tx.GetOutboxMessage(ctx, id)
		if err != nil {
			return err
		}
		if m.State != OutboxSending {
			return fmt.Errorf("mark email %d sent (%s): %w", id, m.State, ErrOutboxState)
		}
		if _, err := tx.writer().ExecContext(ctx, `UPDATE outbox SET state = ?, sent_at = ?, error_cause = '', error_code = 0, last_error = '' WHERE id = ?`,
			OutboxSent, timeText(at), id); err != nil {
			return translateOutbox(id, err)
		}
		day := tx.Today()
		for _, it := range m.Items {
			for _, passed := range it.Passed {
				a := Action{InvoiceID: it.InvoiceID, StepID: passed, InstalmentID: it.InstalmentID, PlannedOn: it.Planned,
					Status: ActionSkipped, Note: "catch_up", CatchUp: true, DoneOn: day}
				if err := tx.recordOnce(ctx, &a); err != nil {
					return err
				}
			}
			a := Action{InvoiceID: it.InvoiceID, StepID: it.StepID, InstalmentID: it.InstalmentID, PlannedOn: it.Planned,
				Status: ActionDone, CatchUp: it.CatchUp, DoneOn: day, File: m.EML}
			if err := tx.recordOnce(ctx, &a); err != nil {
				return err
			}
		}
		return nil
	})
}

// recordOnce records an action unless that step is already recorded. The
// attempt runs under a savepoint: on a server, a refused insert aborts the
// transaction around it otherwise.
func (s *Store) recordOnce(ctx context.Context, a *Action) error {
	err := s.savepoint(ctx, "record_once", func() error { return s.RecordAction(ctx, a) })
	if errors.Is(err, ErrAlreadyExists) {
		return nil
	}
	return err
}

// OutboxFailure is what went wrong with an attempt.
type OutboxFailure struct {
	Cause string // the sender's classification
	Code  int    // the server's reply code
	Text  string // the server's words
}

// MarkOutboxRetry puts an email back in the queue after a temporary
// failure, to be tried again at next.
func (s *Store) MarkOutboxRetry(ctx context.Context, id int64, f OutboxFailure, next time.Time) error {
	return s.setOutboxFailure(ctx, id, OutboxQueued, f, next)
}

// MarkOutboxFailed records a permanent failure: the email waits for the
// owner's decision (retry or discard) and keeps its steps meanwhile.
func (s *Store) MarkOutboxFailed(ctx context.Context, id int64, f OutboxFailure) error {
	return s.setOutboxFailure(ctx, id, OutboxFailed, f, time.Time{})
}

// HoldOutboxMessage puts an email on hold after a failure of the account
// itself (f says which): it stays queued with its steps, is not retried by
// itself, and goes again when the owner releases the held emails.
func (s *Store) HoldOutboxMessage(ctx context.Context, id int64, f OutboxFailure) error {
	return s.InTx(ctx, func(tx *Store) error {
		if err := tx.setOutboxFailure(ctx, id, OutboxQueued, f, time.Time{}); err != nil {
			return err
		}
		_, err := tx.writer().ExecContext(ctx, `UPDATE outbox SET held = 1 WHERE id = ?`, id)
		return translateOutbox(id, err)
	})
}

// ReleaseHeldOutbox takes every email off hold, due now: the owner fixed
// the account. It returns their ids, oldest first, to be sent at once.
func (s *Store) ReleaseHeldOutbox(ctx context.Context) ([]int64, error) {
	var ids []int64
	err := s.InTx(ctx, func(tx *Store) error {
		held, err := tx.ListOutboxHeld(ctx)
		if err != nil || len(held) == 0 {
			return err
		}
		for _, m := range held {
			ids = append(ids, m.ID)
		}
		_, err = tx.writer().ExecContext(ctx, `UPDATE outbox SET held = 0, next_attempt_at = ?
			WHERE state = 'queued' AND held = 1`, timeText(tx.Now()))
		if err != nil {
			return fmt.Errorf("release held emails: %w", translate(err))
		}
		return nil
	})
	return ids, err
}

func (s *Store) setOutboxFailure(ctx context.Context, id int64, state OutboxState, f OutboxFailure, next time.Time) error {
	res, err := s.writer().ExecContext(ctx, `
		UPDATE outbox SET state = ?, error_cause = ?, error_code = ?, last_error = ?,
		       next_attempt_at = COALESCE(?, next_attempt_at), claimed_by = ''
		WHERE id = ? AND state IN ('sending', 'queued')`,
		state, f.Cause, f.Code, truncate(f.Text, 2000), timeOrNull(next), id)
	if err != nil {
		return translateOutbox(id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("email %d: %w", id, ErrOutboxState)
	}
	return nil
}

// timeOrNull is an instant to store, NULL for none.
func timeOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return timeText(t)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}

// CancelOutboxMessage discards an email not sent (queued, failed, or
// interrupted) and releases its steps, which the Today list then proposes
// again.
func (s *Store) CancelOutboxMessage(ctx context.Context, id int64, note string) error {
	return s.InTx(ctx, func(tx *Store) error {
		m, err := tx.GetOutboxMessage(ctx, id)
		if err != nil {
			return err
		}
		if m.State == OutboxSent || m.State == OutboxCancelled {
			return fmt.Errorf("cancel email %d (%s): %w", id, m.State, ErrOutboxState)
		}
		return tx.cancelOutbox(ctx, &m, note)
	})
}

// RequeueOutboxMessage puts a failed or interrupted email back in the
// queue, due now: the owner decided to send it again. It counts as queued
// now: the owner looked at it, so it is not "queued long ago" any more.
func (s *Store) RequeueOutboxMessage(ctx context.Context, id int64) error {
	now := timeText(s.Now())
	res, err := s.writer().ExecContext(ctx, `
		UPDATE outbox SET state = 'queued', next_attempt_at = ?, queued_at = ?, claimed_by = '', held = 0
		WHERE id = ? AND state IN ('failed', 'sending')`, now, now, id)
	if err != nil {
		return translateOutbox(id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("requeue email %d: %w", id, ErrOutboxState)
	}
	return nil
}

// SetOutboxSentCopy records how the copy to the Sent folder went: "done"
// or the error.
func (s *Store) SetOutboxSentCopy(ctx context.Context, id int64, result string) error {
	_, err := s.writer().ExecContext(ctx, `UPDATE outbox SET sent_copy = ? WHERE id = ?`, truncate(result, 2000), id)
	return translateOutbox(id, err)
}

// ListOutboxUnseen returns the emails sent by the unattended run that the
// window has not reported yet.
func (s *Store) ListOutboxUnseen(ctx context.Context) ([]OutboxMessage, error) {
	list, err := s.ListOutbox(ctx, OutboxSent, OutboxFailed)
	return slices.DeleteFunc(list, func(m OutboxMessage) bool { return !m.Auto || m.Seen }), err
}

// MarkOutboxSeen records that the window reported these emails.
func (s *Store) MarkOutboxSeen(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	set, arg, err := idList(ids)
	if err != nil {
		return err
	}
	_, err = s.writer().ExecContext(ctx, `UPDATE outbox SET seen = 1 WHERE id IN `+set, arg)
	if err != nil {
		return fmt.Errorf("mark emails seen: %w", translate(err))
	}
	return nil
}
