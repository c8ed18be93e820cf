package mail

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"relance/app/archive"
	"relance/app/oauth"
	"relance/data"
)

// DemoStateKey is the app_state key the demo loader sets: a demo book
// holds invented clients whose addresses may be real, and must not mail
// them.
const DemoStateKey = "demo_book"

// ErrDemoBook is returned when the book is the demo, and its clients must not be mailed;
// only an address the owner confirmed as their own may be.
var ErrDemoBook = errors.New("the demo book does not send mail to its clients")

// Service sends the owner's mail through the outbox: it queues messages
// (archived first), delivers them one at a time, retries temporary
// failures and copies what it sent to the Sent folder.
type Service struct {
	store     *data.Store
	files     *archive.Files // where the archived messages are kept
	secrets   *Secrets
	transport Transport
	// run identifies this process: an email found "sending" under
	// another run was interrupted by a process that died.
	run string
	// sending serialises deliveries: one SMTP conversation at a time.
	sending sync.Mutex
	tokens  tokens // the access tokens of an account signed in with its provider
}

// NewService returns the mail service over store; archived messages are
// kept in files.
func NewService(store *data.Store, files *archive.Files, secrets *Secrets, t Transport) *Service {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return &Service{store: store, files: files, secrets: secrets, transport: t, run: hex.EncodeToString(b[:]),
		tokens: tokens{sources: map[string]*oauth.Source{}}}
}

// Secrets returns where the service keeps the account's secrets.
func (s *Service) Secrets() *Secrets { return s.secrets }

// Transport returns the service's connection settings.
func (s *Service) Transport() Transport { return s.transport }

// Run is this process's run token (see data.OutboxMessage.Interrupted).
func (s *Service) Run() string { return s.run }

// sendingElsewhere is how long an email may stay "sending" under another
// process of a shared book before it counts as interrupted: a delivery
// takes at most a few of the transport's steps, each bounded by its
// timeout, so one older than this was abandoned by a process that died.
const sendingElsewhere = 10 * DefaultTimeout

// Interrupted reports whether m was being sent by a process that died
// between handing it over and hearing back, and needs the owner's word.
// On a shared book another PC may be sending it right now: it counts as
// interrupted only once that has taken far longer than a delivery can.
func (s *Service) Interrupted(m data.OutboxMessage) bool {
	if !m.Interrupted(s.run) {
		return false
	}
	return !s.store.Shared() || s.store.Now().Sub(m.SendingAt) > sendingElsewhere
}

// DemoBook reports whether the book is the demo book.
func (s *Service) DemoBook(ctx context.Context) (bool, error) {
	v, err := s.store.GetState(ctx, DemoStateKey)
	return v == "1", err
}

// Queue archives m and puts it in the outbox. It refuses a message when
// the mail account is not set up, on the demo book (unless the owner
// confirmed the recipient is theirs), and when a step it fulfils can no
// longer be sent (data.NotSendableError).
func (s *Service) Queue(ctx context.Context, m Message) (data.OutboxMessage, error) {
	account, err := s.store.GetMailAccount(ctx)
	if err != nil {
		return data.OutboxMessage{}, err
	}
	if !account.Configured() {
		return data.OutboxMessage{}, ErrNotConfigured
	}
	if err := s.checkDemo(ctx, &m); err != nil {
		return data.OutboxMessage{}, err
	}
	if err := checkAddresses(&m); err != nil {
		return data.OutboxMessage{}, err
	}
	at := s.store.Now()
	id := newMessageID(account.FromAddress)
	raw, err := compose(&account, &m, id, at)
	if err != nil {
		return data.OutboxMessage{}, err
	}
	om := data.OutboxMessage{ClientID: m.ClientID, TemplateKey: m.TemplateKey, MessageID: id, From: account.FromAddress,
		Recipients: recipients(&account, &m), To: strings.Join(m.To, ", "), Cc: strings.Join(m.Cc, ", "),
		Subject: m.Subject, EML: archivePath(id, at), Auto: m.Auto, Items: m.Items, ClaimedBy: s.run}
	if err := s.files.Write(ctx, om.EML, raw); err != nil {
		return om, err
	}
	if err := s.store.CreateOutboxMessage(ctx, &om); err != nil {
		if rmErr := s.files.Remove(ctx, om.EML); rmErr != nil {
			slog.Warn("remove the archive of an email not queued", "file", om.EML, "err", rmErr)
		}
		return om, err
	}
	return om, nil
}

// checkDemo refuses to mail the demo book's clients: only one address the
// owner confirmed as theirs, without copies, may receive its mail.
func (s *Service) checkDemo(ctx context.Context, m *Message) error {
	demo, err := s.DemoBook(ctx)
	if err != nil || !demo {
		return err
	}
	if !m.OwnAddress || len(m.To) != 1 || len(m.Cc) != 0 || m.Auto {
		return ErrDemoBook
	}
	return nil
}

// Progress is where a delivery stands, for a progress bar.
type Progress struct {
	Done, Total int
	Last        Result // the message just handled
}

// Result is what became of one message of a delivery.
type Result struct {
	ID      int64
	Subject string
	To      string
	State   data.OutboxState // sent, queued (will retry, or on hold), failed, cancelled
	Held    bool             // queued on hold until the account is fixed
	// Elsewhere: another process of a shared book claimed it first, and
	// sends it (or sent it); this one left it alone.
	Elsewhere bool
	Err       error // why, when not sent
}

// maxAttempts: a message still failing temporarily after so many tries is
// marked failed for the owner to look at.
const maxAttempts = 5

// backoff is how long to wait before the next try after attempts tries.
func backoff(attempts int) time.Duration {
	steps := []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour}
	return steps[min(max(attempts-1, 0), len(steps)-1)]
}

// delivery is one run of Deliver: the account, its credentials, and the
// connections opened lazily and kept for the next message.
type delivery struct {
	s       *Service
	account data.MailAccount
	creds   Credentials
	// checkAfter: an email queued longer ago than that is put to check,
	// not sent.
	checkAfter time.Duration
	smtp       *smtpSession
	// stop is the failure that ended the batch: the server could not be
	// reached, stopped answering, or refused the account. The emails not
	// tried yet wait (for a retry, or on hold) without a connection each.
	stop    *Error
	imap    *imapSession
	imapErr *Error
}

// Deliver sends the queued messages ids, one at a time: for each, claim it
// (re-checking in one transaction that its invoices may still be
// reminded), date its archived bytes now, send them, mark it sent and
// record its steps, then copy it to the Sent folder when the account says
// so. A message queued more than the "check after" days ago is not sent:
// it is put to check (failed, cause CauseStale). When the server cannot
// be reached or refuses the account, the rest of the batch is not tried:
// those messages wait for a retry, or on hold until the account is fixed.
// progress (optional) hears after each message. When ctx is cancelled,
// the messages not yet started are cancelled (their steps go back to the
// Today list); the one under way finishes.
func (s *Service) Deliver(ctx context.Context, ids []int64, progress func(Progress)) ([]Result, error) {
	s.sending.Lock()
	defer s.sending.Unlock()
	d, err := s.newDelivery(ctx)
	var signIn *Error
	if errors.As(err, &signIn) && signIn.Cause == CauseSignIn {
		// A sign-in revoked or expired: every email waits on hold,
		// saying so, until the owner signs in again.
		return s.holdAll(ids, signIn), err
	}
	if err != nil {
		return nil, err
	}
	defer d.close()
	results := make([]Result, 0, len(ids))
	for i, id := range ids {
		var r Result
		if ctx.Err() != nil {
			r = d.cancel(id)
		} else {
			r = d.next(id)
		}
		results = append(results, r)
		if progress != nil {
			progress(Progress{Done: i + 1, Total: len(ids), Last: r})
		}
	}
	return results, nil
}

// newDelivery reads the account, its secret and the settings a delivery
// needs: ErrNotConfigured or ErrNoSecret before anything is touched.
func (s *Service) newDelivery(ctx context.Context) (*delivery, error) {
	d := &delivery{s: s}
	var err error
	if d.account, err = s.store.GetMailAccount(ctx); err != nil {
		return nil, err
	}
	if !d.account.Configured() {
		return nil, ErrNotConfigured
	}
	if d.creds, err = s.credentials(ctx, &d.account); err != nil {
		return nil, err
	}
	days, err := s.store.GetMailCheckAfterDays(ctx)
	if err != nil {
		slog.Warn("mail check-after setting", "err", err)
	}
	d.checkAfter = time.Duration(days) * 24 * time.Hour
	return d, nil
}

// next handles one message: put to check when it waited too long, left
// waiting when the batch stopped, else sent.
func (d *delivery) next(id int64) Result {
	if r, stale := d.checkStale(id); stale {
		return r
	}
	if d.stop != nil {
		return d.postpone(id)
	}
	return d.one(id)
}

// checkStale puts a message queued more than checkAfter ago to check
// instead of sending it: a reminder written days ago may no longer be
// right (the client paid by cheque, called, the owner changed their mind).
func (d *delivery) checkStale(id int64) (Result, bool) {
	ctx := context.Background()
	st := d.s.store
	m, err := st.GetOutboxMessage(ctx, id)
	if err != nil || m.State != data.OutboxQueued || d.checkAfter <= 0 || st.Now().Sub(m.QueuedAt) <= d.checkAfter {
		return Result{}, false
	}
	e := &Error{Cause: CauseStale, Err: fmt.Errorf("queued on %s, more than %s ago", m.QueuedAt.Format(time.RFC3339), d.checkAfter)}
	if err := st.MarkOutboxFailed(ctx, id, e.Failure()); err != nil {
		slog.Error("put email to check", "id", id, "err", err)
	}
	slog.Warn("email queued long ago put to check", "id", id, "queued_at", m.QueuedAt)
	return Result{ID: id, Subject: m.Subject, To: m.To, State: data.OutboxFailed, Err: e}, true
}

// postpone leaves a message the batch did not try (the server or the
// account failed on an earlier one): on hold with the account's failure,
// or queued for a retry; its attempts are not counted.
func (d *delivery) postpone(id int64) Result {
	ctx := context.Background()
	st := d.s.store
	m, err := st.GetOutboxMessage(ctx, id)
	r := Result{ID: id, Subject: m.Subject, To: m.To, State: m.State, Err: d.stop}
	if err != nil || m.State != data.OutboxQueued {
		if err != nil {
			r.Err = err
		}
		return r
	}
	if d.stop.OnHold() {
		r.Held = true
		err = st.HoldOutboxMessage(ctx, id, d.stop.Failure())
	} else {
		err = st.MarkOutboxRetry(ctx, id, d.stop.Failure(), st.Now().Add(backoff(1)))
	}
	if err != nil {
		slog.Error("postpone email", "id", id, "err", err)
	}
	return r
}

// RetryDue delivers the queued messages whose attempt is due now.
func (s *Service) RetryDue(ctx context.Context, progress func(Progress)) ([]Result, error) {
	due, err := s.store.ListOutboxDue(ctx, s.store.Now())
	if err != nil || len(due) == 0 {
		return nil, err
	}
	ids := make([]int64, len(due))
	for i, m := range due {
		ids[i] = m.ID
	}
	return s.Deliver(ctx, ids, progress)
}

// cancel withdraws a message the owner stopped before it was sent.
func (d *delivery) cancel(id int64) Result {
	r := Result{ID: id, State: data.OutboxCancelled, Err: context.Canceled}
	if m, err := d.s.store.GetOutboxMessage(context.Background(), id); err == nil {
		r.Subject, r.To = m.Subject, m.To
		if m.State != data.OutboxQueued {
			r.State = m.State
			return r
		}
	}
	if err := d.s.store.CancelOutboxMessage(context.Background(), id, "cancelled"); err != nil {
		r.Err = err
	}
	return r
}

// one sends one message. Its store writes use their own context: once
// claimed, a message is marked whatever happens to the caller's.
func (d *delivery) one(id int64) Result {
	ctx := context.Background()
	st := d.s.store
	m, err := st.ClaimOutboxMessage(ctx, id, d.s.run)
	r := Result{ID: id, Subject: m.Subject, To: m.To, State: m.State, Err: err}
	if errors.Is(err, data.ErrOutboxState) && m.State != data.OutboxQueued {
		// Another PC of a shared book claimed it first: it sends it.
		r.Err, r.Elsewhere = nil, true
		return r
	}
	if err != nil {
		return r
	}
	at := st.Now()
	raw, err := d.s.dateArchive(ctx, &m, at)
	if err != nil {
		return d.failed(r, &m, &Error{Cause: CauseUnknown, Server: err.Error(), Err: err})
	}
	if err := d.send(&m, raw); err != nil {
		return d.failed(r, &m, err)
	}
	if err := st.MarkOutboxSent(ctx, id, st.Now()); err != nil {
		// Sent but not recorded: it stays "sending" and shows as
		// interrupted at the next start, for the owner to confirm.
		r.Err = err
		slog.Error("mark email sent", "id", id, "err", err)
		return r
	}
	r.State = data.OutboxSent
	slog.Info("email sent", "id", id, "message_id", m.MessageID, "to", m.To)
	d.copyToSent(&m, raw, at)
	return r
}

// send hands the message to the SMTP server, connecting first if needed.
// A connection that fails ends the batch.
func (d *delivery) send(m *data.OutboxMessage, raw []byte) error {
	if d.smtp == nil {
		s, err := d.s.transport.dialSMTP(context.Background(), &d.account, d.creds)
		if err != nil {
			d.stop = classify(err, d.account.Security, d.account.Port)
			return d.stop
		}
		d.smtp = s
	}
	err := d.smtp.send(m.From, m.Recipients, raw)
	if err != nil {
		// The conversation may be broken (421, a reset): the next message
		// starts a new one.
		_ = d.smtp.close()
		d.smtp = nil
	}
	return err
}

// holdAll puts the emails on hold with the account's failure.
func (s *Service) holdAll(ids []int64, e *Error) []Result {
	results := make([]Result, 0, len(ids))
	for _, id := range ids {
		r := Result{ID: id, State: data.OutboxQueued, Held: true, Err: e}
		if err := s.store.HoldOutboxMessage(context.Background(), id, e.Failure()); err != nil {
			slog.Error("hold email", "id", id, "err", err)
			r.Held = false
		}
		results = append(results, r)
	}
	return results
}

// failed records a failure: one of the account goes on hold, a temporary
// one back to the queue with a delay (and stays visible), a permanent or
// uncertain one waits for the owner. A failure of the server or the
// account ends the batch.
func (d *delivery) failed(r Result, m *data.OutboxMessage, err error) Result {
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{Cause: CauseUnknown, Server: err.Error(), Err: err}
	}
	r.Err = e
	if e.endsBatch() {
		d.stop = e
	}
	st := d.s.store
	ctx := context.Background()
	var werr error
	switch {
	case e.OnHold():
		r.State, r.Held = data.OutboxQueued, true
		werr = st.HoldOutboxMessage(ctx, m.ID, e.Failure())
	case e.Temporary() && m.Attempts < maxAttempts:
		r.State = data.OutboxQueued
		werr = st.MarkOutboxRetry(ctx, m.ID, e.Failure(), st.Now().Add(backoff(m.Attempts)))
	default:
		r.State = data.OutboxFailed
		werr = st.MarkOutboxFailed(ctx, m.ID, e.Failure())
	}
	if werr != nil {
		slog.Error("record email failure", "id", m.ID, "err", werr)
	}
	slog.Warn("email not sent", "id", m.ID, "cause", e.Cause, "code", e.Code, "server", e.Server)
	return r
}

// copyToSent appends the message to the Sent folder when the account
// asks for it; a failure is recorded on the message, never a send failure.
func (d *delivery) copyToSent(m *data.OutboxMessage, raw []byte, at time.Time) {
	if !d.account.SentCopy {
		return
	}
	if d.imap != nil && d.imap.closed() {
		d.imap = nil // closed while the next message was sent: connect again
	}
	var err error
	switch {
	case d.imapErr != nil:
		err = d.imapErr
	case d.imap == nil:
		s, derr := d.s.transport.dialIMAP(context.Background(), &d.account, d.creds)
		if derr != nil {
			d.imapErr = imapError(derr, &d.account)
			err = d.imapErr
		}
		d.imap = s
	}
	if err == nil {
		err = d.imap.appendSent(raw, at)
		if errors.Is(err, os.ErrDeadlineExceeded) {
			// A server silent at APPEND would be as silent for the next
			// message: the rest of the batch skips the copy rather than
			// wait the timeout once per email.
			d.imapErr = &Error{Cause: CauseSentCopy, Err: err}
		}
	}
	result := "done"
	if err != nil {
		result = err.Error()
		slog.Warn("copy to Sent folder", "id", m.ID, "err", err)
	}
	if werr := d.s.store.SetOutboxSentCopy(context.Background(), m.ID, result); werr != nil {
		slog.Error("record Sent copy", "id", m.ID, "err", werr)
	}
}

func (d *delivery) close() {
	if d.smtp != nil {
		_ = d.smtp.close()
	}
	d.imap.close()
}

// ConfirmSent records an interrupted message as sent: the owner found it
// in their Sent folder (or the client got it).
func (s *Service) ConfirmSent(ctx context.Context, id int64) error {
	return s.store.MarkOutboxSent(ctx, id, s.store.Now())
}

// Resend puts a failed or interrupted message back in the queue and
// delivers it now: the owner decided.
func (s *Service) Resend(ctx context.Context, id int64) (Result, error) {
	if err := s.store.RequeueOutboxMessage(ctx, id); err != nil {
		return Result{}, err
	}
	res, err := s.Deliver(ctx, []int64{id}, nil)
	if err != nil || len(res) == 0 {
		return Result{}, err
	}
	return res[0], nil
}

// Discard withdraws a message that was not sent; its steps go back to the
// Today list.
func (s *Service) Discard(ctx context.Context, id int64) error {
	return s.store.CancelOutboxMessage(ctx, id, "discarded")
}

// stuckAfter: a message queued that long without a try is shown to the owner.
const stuckAfter = 2 * time.Minute

// Attention lists what the owner must look at: messages refused for good,
// messages interrupted by a process that died, messages waiting for a
// retry after a temporary failure, and messages queued but never tried.
func (s *Service) Attention(ctx context.Context) ([]data.OutboxMessage, error) {
	list, err := s.store.ListOutbox(ctx, data.OutboxFailed, data.OutboxSending, data.OutboxQueued)
	if err != nil {
		return nil, err
	}
	now := s.store.Now()
	out := list[:0]
	for _, m := range list {
		switch {
		case m.Held:
			// Shown together, with one action: see Held.
		case m.State == data.OutboxFailed, s.Interrupted(m), m.State == data.OutboxQueued && m.Attempts > 0,
			// Queued but never tried, by an earlier run (the window was
			// closed while asking for the password, or the process died
			// before sending) or for a while now.
			m.State == data.OutboxQueued && (m.ClaimedBy != s.run || now.Sub(m.QueuedAt) > stuckAfter):
			out = append(out, m)
		}
	}
	return out, nil
}

// Held lists the emails on hold until the account is fixed, oldest first.
func (s *Service) Held(ctx context.Context) ([]data.OutboxMessage, error) {
	return s.store.ListOutboxHeld(ctx)
}

// ReleaseHeld takes the emails on hold off it, due now, and returns their
// ids for Deliver: the owner fixed the account and sends them again.
func (s *Service) ReleaseHeld(ctx context.Context) ([]int64, error) {
	return s.store.ReleaseHeldOutbox(ctx)
}

// TestAccount connects to the account's SMTP server (and its IMAP server
// when the Sent copy is on), signs in and quits. creds are the secrets
// typed in the settings (not yet saved).
func (s *Service) TestAccount(ctx context.Context, a *data.MailAccount, creds Credentials) error {
	if err := s.transport.Test(ctx, a, creds); err != nil {
		return err
	}
	if !a.SentCopy {
		return nil
	}
	if _, err := s.transport.TestIMAP(ctx, a, creds); err != nil {
		var e *Error
		if errors.As(err, &e) {
			return &Error{Cause: CauseSentCopy, Code: e.Code, Server: fmt.Sprintf("%s: %s", e.Cause, e.Server), Err: e}
		}
		return err
	}
	return nil
}
