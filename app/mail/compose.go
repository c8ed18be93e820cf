package mail

import (
	"context"
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

// Unattended reports whether the unattended run may send a group without
// the owner reading it: its step says "send automatically", and it is not
// a catch-up (steps missed while nothing ran are reviewed, never sent
// blindly) nor the first reminder after a broken promise.
func Unattended(g dunning.Group) bool {
	if !Sendable(g) || !g.Lead.Step.AutoSend || g.CatchUp {
		return false
	}
	for _, d := range g.Items {
		if d.Resumed || d.CatchUp {
			return false
		}
	}
	return true
}

// DueOutcome is what the unattended run did with one group.
type DueOutcome struct {
	Group   dunning.Group
	Subject string
	To      string
	State   data.OutboxState // sent, queued (retry later), failed, cancelled; "" in a dry run
	Err     error
}

// SendDue queues and sends, through the outbox, the groups of plan whose
// step says "send automatically", then the queued messages due for a retry.
// With dryRun nothing is queued nor sent: the outcomes say what would go.
// It refuses the demo book.
func (s *Service) SendDue(ctx context.Context, plan *dunning.Plan, c Composer, dryRun bool) ([]DueOutcome, error) {
	demo, err := s.DemoBook(ctx)
	if err != nil {
		return nil, err
	}
	if demo {
		return nil, ErrDemoBook
	}
	var out []DueOutcome
	var queued []int64
	index := map[int64]int{} // outbox id -> position in out
	for _, g := range plan.Groups {
		if !Unattended(g) {
			continue
		}
		o := DueOutcome{Group: g}
		draft, err := c.Compose(ctx, g)
		if err == nil {
			o.Subject, o.To = draft.Subject, joinList(draft.To)
		}
		switch {
		case err != nil:
			o.State, o.Err = data.OutboxFailed, err
		case dryRun:
		default:
			m := MessageFor(g, draft)
			m.Auto = true
			om, qerr := s.Queue(ctx, m)
			o.State, o.Err = om.State, qerr
			if qerr == nil {
				index[om.ID] = len(out)
				queued = append(queued, om.ID)
			}
		}
		out = append(out, o)
	}
	if dryRun {
		return out, nil
	}
	return s.deliverDue(ctx, out, queued, index)
}

// deliverDue sends what SendDue queued and the retries due, and fills in
// the outcomes.
func (s *Service) deliverDue(ctx context.Context, out []DueOutcome, queued []int64, index map[int64]int) ([]DueOutcome, error) {
	retries, err := s.store.ListOutboxDue(ctx, s.store.Now())
	if err != nil {
		return out, err
	}
	for _, m := range retries {
		if _, ok := index[m.ID]; !ok {
			index[m.ID] = len(out)
			out = append(out, DueOutcome{Subject: m.Subject, To: m.To, State: m.State})
			queued = append(queued, m.ID)
		}
	}
	if len(queued) == 0 {
		return out, nil
	}
	results, err := s.Deliver(ctx, queued, nil)
	for _, r := range results {
		o := &out[index[r.ID]]
		o.State, o.Err = r.State, r.Err
	}
	return out, err
}

func joinList(list []string) string { return strings.Join(list, ", ") }
