package dunning

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"relance/data"
)

// lastRunKey is where the day the owner's list was last planned is kept.
const lastRunKey = "planner.last_run"

// Service runs the dunning rules over the store: it reads a book, plans,
// and records what the owner does. The rules themselves are the pure
// functions of this package.
type Service struct {
	store *data.Store
	clock data.Clock
	cache *bookCache // nil in a transaction
}

// NewService returns a service over store, with today from clock.
func NewService(store *data.Store, clock data.Clock) *Service {
	return &Service{store: store, clock: clock, cache: &bookCache{}}
}

// In is the service working inside the transaction tx, with the same
// clock: for a use case that writes several things and plans on what it
// wrote before committing (an import, which plans tomorrow on the invoices
// it brings, and rolls back a trial run).
func (s *Service) In(tx *data.Store) *Service { return &Service{store: tx, clock: s.clock} }

// maxLeadDays bounds how early a step may come before the due date; only
// invoices due within that horizon can have a step today.
func maxLeadDays(scenarios []data.Scenario) int {
	lead := 0
	for _, sc := range scenarios {
		for _, st := range sc.Steps {
			lead = max(lead, -st.OffsetDays)
		}
	}
	return lead
}

// StartDay is the first step of the owner's day, run when the window opens
// and when the day changes while it is open: it plans the day, settles what
// the plan found (promises kept or broken, missed instalments, completed
// plans, each recorded on the timeline) and remembers today as the day
// Relance last ran. since is the day it ran before (zero when never): the
// day's plans (PlanDay) flag what fell due since then as caught up.
// Settling is idempotent, so starting a day twice is harmless.
func (s *Service) StartDay(ctx context.Context) (since data.Date, plan *Plan, err error) {
	today := s.clock.Today()
	if since, err = s.lastRun(ctx); err != nil {
		return since, nil, err
	}
	if plan, err = s.PlanDay(ctx, since); err != nil {
		return since, nil, err
	}
	before, err := s.store.LastEventID(ctx)
	if err != nil {
		return since, nil, err
	}
	if err := s.settle(ctx, plan); err != nil {
		return since, nil, err
	}
	after, err := s.store.LastEventID(ctx)
	if err != nil {
		return since, nil, err
	}
	// Every settlement writes an event, but for a completed plan. (The plan
	// may be shared with later callers: the flag goes on a copy.)
	settled := *plan
	settled.Settled = after != before || len(plan.CompletedPlans) > 0
	plan = &settled
	if err := s.store.SetState(ctx, lastRunKey, today.String()); err != nil {
		return since, nil, err
	}
	// Once a day, the change log goes: the book kept here has read it.
	return since, plan, s.pruneChanges(ctx)
}

// PlanDay plans today, writing nothing, for a session that started its day
// with StartDay: since is the day Relance ran before, which flags the steps
// missed while it was closed. The Today screen reads it on every load.
func (s *Service) PlanDay(ctx context.Context, since data.Date) (*Plan, error) {
	return s.plan(ctx, s.clock.Today(), since, false, nil)
}

// Warm reads Today's book and plans the day into the service's memory,
// writing nothing, so that the window's first StartDay finds them there:
// run beside the window's own start (which waits on the GL driver more
// than on the CPU), it takes the book's read off the cold start's path.
func (s *Service) Warm(ctx context.Context) error {
	since, err := s.lastRun(ctx)
	if err != nil {
		return err
	}
	_, err = s.PlanDay(ctx, since)
	return err
}

// PlanAsOf plans day without writing anything (for `relance due --as-of`).
func (s *Service) PlanAsOf(ctx context.Context, day data.Date) (*Plan, error) {
	lastRun, err := s.lastRun(ctx)
	if err != nil {
		return nil, err
	}
	return s.plan(ctx, day, lastRun, false, nil)
}

// NextSteps returns every open invoice's next step as of today, without
// writing. The map is shared: callers read it only.
func (s *Service) NextSteps(ctx context.Context) (map[int64]NextStep, error) {
	lastRun, err := s.lastRun(ctx)
	if err != nil {
		return nil, err
	}
	plan, err := s.plan(ctx, s.clock.Today(), lastRun, true, nil)
	if err != nil {
		return nil, err
	}
	return plan.Next, nil
}

// ViewDay is StartDay for a reader who may not write the book (the
// accountant's role on a shared book): the day's plan from the last day
// Relance ran, with nothing settled nor recorded. The PCs that write do
// that.
func (s *Service) ViewDay(ctx context.Context) (since data.Date, plan *Plan, err error) {
	if since, err = s.lastRun(ctx); err != nil {
		return since, nil, err
	}
	plan, err = s.PlanDay(ctx, since)
	return since, plan, err
}

func (s *Service) lastRun(ctx context.Context) (data.Date, error) {
	v, err := s.store.GetState(ctx, lastRunKey)
	if err != nil || v == "" {
		return data.Date{}, err
	}
	return data.ParseDate(v)
}

// settle records what the plan found. Each write is idempotent (a promise
// is settled once, an instalment flagged once), so planning twice a day is
// harmless.
func (s *Service) settle(ctx context.Context, plan *Plan) error {
	for _, o := range plan.Promises {
		if err := s.store.SettlePromise(ctx, o.Promise.ID, o.Status, plan.Today); err != nil {
			return err
		}
	}
	for _, m := range plan.Missed {
		if err := s.store.MarkInstalmentMissed(ctx, m.Instalment.ID, plan.Today); err != nil {
			return err
		}
	}
	for _, id := range plan.CompletedPlans {
		if err := s.store.SetPaymentPlanStatus(ctx, id, data.PlanCompleted); err != nil {
			return err
		}
	}
	return nil
}

// Complete records a group's action as done: each invoice's step, and the
// earlier steps a catch-up stood for as skipped, in one transaction. A step
// already recorded on an invoice makes the whole group fail with
// ErrAlreadyExists, so nothing is done twice.
func (s *Service) Complete(ctx context.Context, g Group, outcome, note string) error {
	return s.record(ctx, g, data.ActionDone, outcome, note)
}

// Skip records a group's steps as skipped, with the owner's reason.
func (s *Service) Skip(ctx context.Context, g Group, reason string) error {
	return s.record(ctx, g, data.ActionSkipped, "", reason)
}

func (s *Service) record(ctx context.Context, g Group, status data.ActionStatus, outcome, note string) error {
	today := s.clock.Today()
	return s.store.InTx(ctx, func(tx *data.Store) error {
		for _, d := range g.Items {
			for _, passed := range d.Passed {
				a := data.Action{InvoiceID: d.InvoiceID, StepID: passed.ID, InstalmentID: d.InstalmentID,
					PlannedOn: d.Planned, Status: data.ActionSkipped, Note: "catch_up", CatchUp: true, DoneOn: today}
				if err := tx.RecordAction(ctx, &a); err != nil {
					return err
				}
			}
			a := data.Action{InvoiceID: d.InvoiceID, StepID: d.Step.ID, InstalmentID: d.InstalmentID, PlannedOn: d.Planned,
				Status: status, Outcome: outcome, Note: note, CatchUp: d.CatchUp, DoneOn: today}
			if err := tx.RecordAction(ctx, &a); err != nil {
				return err
			}
		}
		return nil
	})
}

// CreateInvoice stores a new invoice. remindedOn (zero: none) is the day
// the owner already reminded the client about it, before entering it in
// Relance: it is recorded in the same transaction (see
// RecordEarlierReminder), so that the invoice never exists without it.
func (s *Service) CreateInvoice(ctx context.Context, inv *data.Invoice, remindedOn data.Date) error {
	return s.store.InTx(ctx, func(tx *data.Store) error {
		if err := tx.CreateInvoice(ctx, inv); err != nil {
			return err
		}
		if remindedOn.IsZero() {
			return nil
		}
		inner := s.In(tx)
		return inner.RecordEarlierReminder(ctx, inv.ID, remindedOn)
	})
}

// RecordEarlierReminder records that the owner reminded the client about an
// invoice on day, before it was entered in Relance: the scenario's first
// reminder counts as sent then, so the plan goes on from it (the second
// reminder, spaced from that day) instead of sending a first one again.
func (s *Service) RecordEarlierReminder(ctx context.Context, invoiceID int64, day data.Date) error {
	return s.store.InTx(ctx, func(tx *data.Store) error {
		inv, err := tx.GetInvoice(ctx, invoiceID)
		if err != nil {
			return err
		}
		if day.IsZero() || day.After(s.clock.Today()) || day.Before(inv.IssueDate) {
			return data.FieldErrors{{Field: "reminded_on", Reason: data.ReasonOutOfRange, Value: day.String()}}
		}
		step, err := firstReminder(ctx, tx, inv.ClientID)
		if err != nil {
			return err
		}
		a := data.Action{InvoiceID: inv.ID, StepID: step.ID, PlannedOn: day, DoneOn: day, Status: data.ActionDone,
			Outcome: data.OutcomeBeforeRelance}
		return tx.RecordAction(ctx, &a)
	})
}

// ErrNoReminderStep is returned when the client's scenario has no reminder to count an
// earlier one as.
var ErrNoReminderStep = errors.New("the scenario has no reminder step")

// firstReminder is the first reminder (a message after the due date) of the
// client's scenario.
func firstReminder(ctx context.Context, store *data.Store, clientID int64) (data.Step, error) {
	client, err := store.GetClient(ctx, clientID)
	if err != nil {
		return data.Step{}, err
	}
	scenarios, err := store.ListScenarios(ctx)
	if err != nil {
		return data.Step{}, err
	}
	categories, err := store.ListCategories(ctx)
	if err != nil {
		return data.Step{}, err
	}
	if sc := ScenarioFor(&client, scenarios, categories); sc != nil {
		for _, st := range timedSteps(sc) {
			if isReminder(st) {
				return st, nil
			}
		}
	}
	return data.Step{}, ErrNoReminderStep
}

// CallOutcome is what came of a phone call.
type CallOutcome struct {
	Kind        string     // data.OutcomePromise, OutcomeDispute, OutcomeNoAnswer, OutcomeWrongContact
	PromiseDate data.Date  // promise: the day the client will pay
	Amount      data.Money // promise: how much (zero: the whole balance)
	Note        string
	// Reason is why the client says it has not paid (DelayNone: not
	// said); it is recorded on each invoice with its answer
	// (RecordDelayReason).
	Reason data.DelayReason
}

// ErrOutcome is returned when a call outcome is missing what it needs.
var ErrOutcome = errors.New("incomplete call outcome")

// LogCall records a call about a group's invoices and acts on its outcome:
// a promise pauses the invoices until its date, a dispute pauses them until
// resolved, a wrong contact opens a task to fix the client's details, no
// answer lets the scenario move on.
func (s *Service) LogCall(ctx context.Context, g Group, out CallOutcome) error {
	today := s.clock.Today()
	if out.Kind == data.OutcomePromise && (out.PromiseDate.IsZero() || out.PromiseDate.Before(today)) {
		return fmt.Errorf("%w: %w", ErrOutcome, &data.FieldError{Field: "promised_on", Reason: data.ReasonRequired})
	}
	return s.store.InTx(ctx, func(tx *data.Store) error {
		inner := s.In(tx)
		if err := inner.record(ctx, g, data.ActionDone, out.Kind, out.Note); err != nil {
			return err
		}
		return inner.applyOutcome(ctx, g, out, today)
	})
}

// applyOutcome acts on a call's outcome for the group's invoices.
func (s *Service) applyOutcome(ctx context.Context, g Group, out CallOutcome, today data.Date) error {
	if out.Reason != data.DelayNone {
		ids := make([]int64, len(g.Items))
		for i, d := range g.Items {
			ids[i] = d.InvoiceID
		}
		if err := s.recordDelayReason(ctx, ids, out.Reason, out.Note); err != nil {
			return err
		}
	}
	switch out.Kind {
	case data.OutcomePromise:
		return s.recordPromises(ctx, g, out, today)
	case data.OutcomeDispute:
		for _, d := range g.Items {
			if err := s.store.SetInvoiceState(ctx, d.InvoiceID, data.StateDisputed, out.Note); err != nil {
				return err
			}
		}
	case data.OutcomeWrongContact:
		return s.store.CreateTask(ctx, &data.Task{ClientID: g.ClientID, Kind: "fix_contact", Note: out.Note, DueOn: today})
	}
	return nil
}

// recordPromises spreads a promised amount over the group's invoices, oldest
// due first; a promise of zero means the whole balance.
func (s *Service) recordPromises(ctx context.Context, g Group, out CallOutcome, today data.Date) error {
	left := out.Amount
	if left <= 0 {
		left = g.Total
	}
	items := slices.Clone(g.Items)
	slices.SortFunc(items, func(a, b Due) int { return a.Planned.Compare(b.Planned) })
	for _, d := range items {
		amount := min(left, d.Outstanding)
		if amount <= 0 {
			break
		}
		p := data.Promise{InvoiceID: d.InvoiceID, MadeOn: today, PromisedOn: out.PromiseDate, Amount: amount, Channel: data.ChannelPhoneCall}
		if err := s.store.CreatePromise(ctx, &p); err != nil {
			return err
		}
		left -= amount
	}
	return nil
}

// LogCallOn records a call about one invoice made outside the plan (the
// owner called on their own, or the client called). When the invoice's
// next step is a call due now, the call fulfils it; otherwise the call goes
// on the timeline only. Either way its outcome acts as in LogCall.
func (s *Service) LogCallOn(ctx context.Context, invoiceID int64, out CallOutcome) error {
	plan, err := s.PlanAsOf(ctx, s.clock.Today())
	if err != nil {
		return err
	}
	for _, g := range plan.Groups {
		for _, d := range g.Items {
			if d.InvoiceID == invoiceID && d.Step.Channel == data.ChannelPhoneCall {
				return s.LogCall(ctx, Group{ClientID: g.ClientID, Channel: g.Channel, Lead: d, Items: []Due{d}, Total: d.Outstanding}, out)
			}
		}
	}
	today := s.clock.Today()
	if out.Kind == data.OutcomePromise && (out.PromiseDate.IsZero() || out.PromiseDate.Before(today)) {
		return fmt.Errorf("%w: %w", ErrOutcome, &data.FieldError{Field: "promised_on", Reason: data.ReasonRequired})
	}
	return s.store.InTx(ctx, func(tx *data.Store) error {
		inv, err := tx.GetInvoice(ctx, invoiceID)
		if err != nil {
			return err
		}
		if err := tx.CreateEvent(ctx, &data.Event{InvoiceID: inv.ID, Kind: data.EventCallLogged,
			Params: map[string]string{"number": inv.Number, "outcome": out.Kind, "note": out.Note}}); err != nil {
			return err
		}
		payments, err := tx.ListPaymentsByInvoice(ctx, inv.ID)
		if err != nil {
			return err
		}
		left := inv.Owed()
		for _, p := range payments {
			left -= p.Amount
		}
		d := Due{InvoiceID: inv.ID, Number: inv.Number, ClientID: inv.ClientID, Outstanding: left, Planned: today}
		inner := s.In(tx)
		return inner.applyOutcome(ctx, Group{ClientID: inv.ClientID, Lead: d, Items: []Due{d}, Total: left}, out, today)
	})
}
