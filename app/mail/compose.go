package mail

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"relance/app/dunning"
	"relance/data"
)

// Draft is a reminder written out for a group: what the Send dialog shows
// and the owner may edit before it is queued.
type Draft struct {
	Lang        string // the client's language
	To, Cc      []string
	Subject     string
	Text        string
	HTML        string
	Attachments []Attachment
	// Rewrite, when set, writes the subject and text again for the files
	// the owner keeps: an email whose invoice PDF is left out must not say
	// "ci-joint". Nil when the words do not depend on the files.
	Rewrite func(kept []Attachment) (Body, error)
}

// Body is the words of an email: its subject, its text and its HTML.
type Body struct {
	Subject, Text, HTML string
}

// Composer writes the email of a group of due steps from the lead step's
// template, in the client's language, with the files the step asks for.
// The window's composer renders the owner's templates; tests use a double.
type Composer interface {
	Compose(ctx context.Context, g dunning.Group) (Draft, error)
}

// ItemsOf lists the steps a group's email fulfils.
func ItemsOf(g dunning.Group) []data.OutboxItem {
	out := make([]data.OutboxItem, 0, len(g.Items))
	for _, d := range g.Items {
		if d.Step.ID == 0 {
			continue // an email outside the scenario (a promise's confirmation) fulfils no step
		}
		it := data.OutboxItem{InvoiceID: d.InvoiceID, StepID: d.Step.ID, InstalmentID: d.InstalmentID, Planned: d.Planned,
			CatchUp: d.CatchUp}
		for _, p := range d.Passed {
			it.Passed = append(it.Passed, p.ID)
		}
		out = append(out, it)
	}
	return out
}

// MessageFor is the message of a group written as d.
func MessageFor(g dunning.Group, d Draft) Message {
	return Message{ClientID: g.ClientID, TemplateKey: g.Lead.Step.TemplateKey, Items: ItemsOf(g), To: d.To, Cc: d.Cc,
		Subject: d.Subject, Text: d.Text, HTML: d.HTML, Attachments: d.Attachments}
}

// Sendable reports whether Relance can send a group's action by email: an
// email step or a thank-you.
func Sendable(g dunning.Group) bool {
	return g.Channel == data.ChannelEmail || g.Channel == data.ChannelThankYou
}

// Why the unattended run leaves an automatic email for the owner to
// review in the window instead of sending it.
var (
	// ErrCatchUp: the step fell due on a day neither the window nor the
	// unattended run ran (the computer was off), or it stands for several
	// missed steps, or it is the first reminder after a broken promise.
	ErrCatchUp = errors.New("missed while Relance did not run: to review")
	// ErrPreDuePassed: a notice written for before the due date, which has
	// passed: its words no longer fit.
	ErrPreDuePassed = errors.New("a pre-due notice after the due date: to review")
	// ErrContactToCheck: a call found the client's contact gone (a task
	// is open): the owner checks or fixes the contact first.
	ErrContactToCheck = errors.New("the client's contact has left, says an open task: to check first")
)

// ReviewReason says why the unattended run, run on today after its last
// run on lastRun (zero: never), must not send g by itself, or nil. The
// planner flags what fell due since the window last planned; the
// unattended run adds what fell due since it last ran: a step planned on
// a day it did not run (the computer was off) is reviewed, not sent late.
func ReviewReason(g dunning.Group, lastRun, today data.Date) error {
	if g.CatchUp {
		return ErrCatchUp
	}
	for _, d := range g.Items {
		switch {
		case d.Resumed || d.CatchUp:
			return ErrCatchUp
		case d.Step.OffsetDays < 0 && d.DaysLate > 0:
			return ErrPreDuePassed
		case !lastRun.IsZero() && d.Planned.After(lastRun) && d.Planned.Before(today):
			return ErrCatchUp
		}
	}
	return nil
}

// SendDueLastRunKey is the app_state key of the day the unattended run
// last ran (YYYY-MM-DD).
const SendDueLastRunKey = "send_due.last_run"

// DueOutcome is what the unattended run did with one group, or with an
// email it retried.
type DueOutcome struct {
	Group   dunning.Group
	Subject string
	To      string
	State   data.OutboxState // sent, queued (retry later, or on hold), failed, cancelled; "" in a dry run or when left to review
	Held    bool             // queued on hold until the account is fixed
	Err     error            // why not sent; ErrCatchUp, ErrPreDuePassed, ErrContactToCheck: left for the owner to review
}

// Review reports whether the group was left for the owner to review in
// the window, not sent and not failed.
func (o *DueOutcome) Review() bool {
	return errors.Is(o.Err, ErrCatchUp) || errors.Is(o.Err, ErrPreDuePassed) || errors.Is(o.Err, ErrContactToCheck)
}

// dueRun is what one unattended run reads before deciding: its last run,
// the steps already in the outbox, the clients whose contact is to check.
type dueRun struct {
	today    data.Date
	lastRun  data.Date
	pending  map[data.OutboxStepKey]data.OutboxState
	contacts map[int64][]data.Task
}

// SendDue queues and sends, through the outbox, the groups of plan whose
// step says "send automatically", then the queued messages due for a retry.
// With dryRun nothing is queued nor sent: the outcomes say what would go.
// Before anything it refuses the demo book, an account not set up and an
// account without its password (ErrNoSecret): nothing is queued that could
// not be sent. A group whose email is already in the outbox is reported
// through its retry, once. A group missed while nothing ran, a pre-due
// notice after the due date, a client whose contact is to check are left
// for the owner (DueOutcome.Review). The day is recorded as the last run.
func (s *Service) SendDue(ctx context.Context, plan *dunning.Plan, c Composer, dryRun bool) ([]DueOutcome, error) {
	if err := s.readyToSend(ctx); err != nil {
		return nil, err
	}
	run, err := s.newDueRun(ctx, plan.Today)
	if err != nil {
		return nil, err
	}
	var out []DueOutcome
	var queued []int64
	index := map[int64]int{} // outbox id -> position in out
	for _, g := range plan.Groups {
		if !Sendable(g) || !g.Lead.Step.AutoSend || run.carried(g) {
			continue
		}
		o := s.dueOne(ctx, run, g, c, dryRun)
		var ns *data.NotSendableError
		if errors.As(o.Err, &ns) && ns.Reason == data.NotSendableQueued {
			continue // queued meanwhile by another PC of a shared book: as carried
		}
		if o.State == data.OutboxQueued {
			index[o.queuedID] = len(out)
			queued = append(queued, o.queuedID)
		}
		out = append(out, o.DueOutcome)
	}
	if dryRun {
		return out, nil
	}
	out, err = s.deliverDue(ctx, out, queued, index)
	if err != nil {
		return out, err
	}
	return out, s.store.SetState(ctx, SendDueLastRunKey, run.today.String())
}

// readyToSend refuses what would queue emails that cannot go: the demo
// book, company details an email needs left empty, no account, no
// password in the keychain.
func (s *Service) readyToSend(ctx context.Context) error {
	demo, err := s.DemoBook(ctx)
	if err != nil {
		return err
	}
	if demo {
		return ErrDemoBook
	}
	company, err := s.store.GetCompany(ctx)
	if err != nil {
		return err
	}
	if err := company.ReadyForLetters(); err != nil {
		return err
	}
	account, err := s.store.GetMailAccount(ctx)
	if err != nil {
		return err
	}
	if !account.Configured() {
		return ErrNotConfigured
	}
	return s.signedIn(&account)
}

func (s *Service) newDueRun(ctx context.Context, today data.Date) (*dueRun, error) {
	run := &dueRun{today: today}
	if run.today.IsZero() {
		run.today = s.store.Today()
	}
	last, err := s.store.GetState(ctx, SendDueLastRunKey)
	if err != nil {
		return nil, err
	}
	if last != "" {
		if run.lastRun, err = data.ParseDate(last); err != nil {
			return nil, fmt.Errorf("%s = %q: %w", SendDueLastRunKey, last, err)
		}
	}
	if run.pending, err = s.store.ListOutboxPending(ctx); err != nil {
		return nil, err
	}
	if run.contacts, err = s.store.ListOpenTasksByClient(ctx, data.TaskFixContact); err != nil {
		return nil, err
	}
	return run, nil
}

// carried reports whether an email in the outbox already carries one of
// the group's steps: its retry reports it.
func (r *dueRun) carried(g dunning.Group) bool {
	for _, d := range g.Items {
		if _, ok := r.pending[data.OutboxStepKey{InvoiceID: d.InvoiceID, StepID: d.Step.ID, InstalmentID: d.InstalmentID}]; ok {
			return true
		}
	}
	return false
}

// dueOutcome is an outcome with the outbox id of the email queued for it.
type dueOutcome struct {
	DueOutcome
	queuedID int64
}

// dueOne decides on one automatic group: left to review, or drafted and
// queued (unless dryRun) by queueOne.
func (s *Service) dueOne(ctx context.Context, run *dueRun, g dunning.Group, c Composer, dryRun bool) dueOutcome {
	if why := ReviewReason(g, run.lastRun, run.today); why != nil {
		return dueOutcome{DueOutcome: DueOutcome{Group: g, Err: why}}
	}
	q := s.queueOne(ctx, g, c, run.contacts, true, dryRun)
	o := dueOutcome{DueOutcome: DueOutcome{Group: g, Subject: q.Draft.Subject, To: joinList(q.Draft.To),
		State: q.Message.State, Err: q.Err}, queuedID: q.Message.ID}
	switch {
	case errors.Is(q.Err, data.ErrNotSendable):
		// Settled since the plan was made: paid, or the step queued or
		// done by another PC of a shared book. Stopped, not failed.
		o.State = data.OutboxCancelled
	case q.Err != nil && !errors.Is(q.Err, ErrContactToCheck):
		o.State = data.OutboxFailed
	}
	return o
}

// Queued is what became of one group handed to QueueGroups: its draft,
// and the email queued from it, or why there is none.
type Queued struct {
	Group   dunning.Group
	Draft   Draft
	Message data.OutboxMessage // ID 0 when nothing was queued
	Err     error
}

// QueueGroups drafts each group's email from its template and queues it,
// in order, stopping between two groups when ctx ends: the one
// draft-then-queue loop of the window's batch send and of send-due. A
// client whose contact a call said has left is not written to
// (ErrContactToCheck): the owner confirms the contact first.
func (s *Service) QueueGroups(ctx context.Context, groups []dunning.Group, c Composer) ([]Queued, error) {
	contacts, err := s.store.ListOpenTasksByClient(ctx, data.TaskFixContact)
	if err != nil {
		return nil, err
	}
	out := make([]Queued, 0, len(groups))
	for _, g := range groups {
		if ctx.Err() != nil {
			break
		}
		out = append(out, s.queueOne(ctx, g, c, contacts, false, false))
	}
	return out, nil
}

// queueOne drafts a group's email and queues it (auto: for send-due;
// dryRun: drafted only).
func (s *Service) queueOne(ctx context.Context, g dunning.Group, c Composer, contacts map[int64][]data.Task, auto, dryRun bool) Queued {
	q := Queued{Group: g}
	if tasks := contacts[g.ClientID]; len(tasks) > 0 {
		q.Err = fmt.Errorf("%w (%s)", ErrContactToCheck, tasks[0].Note)
		return q
	}
	if q.Draft, q.Err = c.Compose(ctx, g); q.Err != nil || dryRun {
		return q
	}
	m := MessageFor(g, q.Draft)
	m.Auto = auto
	q.Message, q.Err = s.Queue(ctx, m)
	return q
}

// deliverDue sends what SendDue queued and the retries due, and fills in
// the outcomes; a retry gets the group of its first invoice, so that the
// report names it.
func (s *Service) deliverDue(ctx context.Context, out []DueOutcome, queued []int64, index map[int64]int) ([]DueOutcome, error) {
	retries, err := s.store.ListOutboxDue(ctx, s.store.Now())
	if err != nil {
		return out, err
	}
	for _, m := range retries {
		if _, ok := index[m.ID]; !ok {
			index[m.ID] = len(out)
			out = append(out, DueOutcome{Group: s.groupOf(ctx, &m), Subject: m.Subject, To: m.To, State: m.State})
			queued = append(queued, m.ID)
		}
	}
	if len(queued) == 0 {
		return out, nil
	}
	results, err := s.Deliver(ctx, queued, nil)
	elsewhere := map[int]bool{}
	for _, r := range results {
		o := &out[index[r.ID]]
		o.State, o.Held, o.Err = r.State, r.Held, r.Err
		elsewhere[index[r.ID]] = r.Elsewhere
	}
	// What another PC of a shared book sends is its run's to report.
	kept := out[:0]
	for i, o := range out {
		if !elsewhere[i] {
			kept = append(kept, o)
		}
	}
	return kept, err
}

// groupOf is enough of a group to name a retried email: its client and
// its first invoice.
func (s *Service) groupOf(ctx context.Context, m *data.OutboxMessage) dunning.Group {
	g := dunning.Group{ClientID: m.ClientID}
	if len(m.Items) == 0 {
		return g
	}
	g.Lead.InvoiceID = m.Items[0].InvoiceID
	if inv, err := s.store.GetInvoice(ctx, g.Lead.InvoiceID); err == nil {
		g.Lead.Number = inv.Number
	}
	return g
}

func joinList(list []string) string { return strings.Join(list, ", ") }
