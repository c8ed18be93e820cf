package dunning

import (
	"slices"

	"relance/data"
)

// Input is what the planner works on: a consistent read of the book, the
// day, and the last day the owner's list was planned (for catch-up).
type Input struct {
	Book    *data.DunningBook
	Today   data.Date
	LastRun data.Date // zero when the app never planned before
}

// Due is one step due now on one invoice (or one plan instalment).
type Due struct {
	InvoiceID    int64
	Number       string
	ClientID     int64
	InstalmentID int64
	Step         data.Step
	Planned      data.Date  // the business day the step falls on
	Outstanding  data.Money // what is owed on the invoice (or the instalment)
	DaysLate     int
	// CatchUp: the step fell due while the app was not running, or it stands
	// for several missed steps (Passed): shown for review, never sent blindly.
	CatchUp bool
	Passed  []data.Step // earlier due steps this one replaces; recorded as skipped
	// Resumed: the first step after a broken promise.
	Resumed bool
}

// Group is the due steps of one client folded into one action: one email,
// one letter or one call about all the invoices concerned.
type Group struct {
	ClientID int64
	Channel  data.Channel
	Lead     Due   // the step whose template and options the action uses
	Items    []Due // every invoice step the action fulfils, Lead included
	Total    data.Money
	CatchUp  bool
}

// Wait reasons of a NextStep.
const (
	WaitNone     = ""
	WaitPromise  = "promise"    // a promise runs until Date
	WaitThrottle = "throttle"   // a message went to the client lately
	WaitPayment  = "paid_today" // a payment came in today
	WaitPaused   = "paused"     // reminders paused on the invoice or the client
	WaitDisputed = "disputed"   // until the dispute is resolved
)

// NextStep is an invoice's next step and the day it falls on.
type NextStep struct {
	Step         data.Step
	Date         data.Date
	InstalmentID int64
	Wait         string // why it waits, when it does
}

// PromiseOutcome is a promise found kept or broken today.
type PromiseOutcome struct {
	Promise data.Promise
	Status  string // data.PromiseKept or data.PromiseBroken
}

// MissedInstalment is a plan instalment past its due date (and the grace
// business day) without the money.
type MissedInstalment struct {
	InvoiceID  int64
	Number     string
	PlanID     int64
	Instalment data.Instalment
}

// Plan is the planner's answer for one day.
type Plan struct {
	Today          data.Date
	Groups         []Group            // due now
	Next           map[int64]NextStep // by invoice
	Promises       []PromiseOutcome   // to settle
	Missed         []MissedInstalment // to flag
	CompletedPlans []int64            // plans fully paid
	Throttled      int                // due message steps held back by the throttle
}

// planner holds one planning run's lookups.
type planner struct {
	in        Input
	cal       Calendar
	scenarios map[int64]*data.Scenario
	byKey     map[string]*data.Scenario
	category  map[string]int64
	timed     map[int64][]data.Step // by scenario: the steps that run on a date
	friendly  map[int64][]data.Step // by scenario: the steps of plan instalments
	business  []data.Date           // by day from businessBase: the next business day, once computed
	scratch   []data.Step
	plan      *Plan
	due       []Due
}

// MakePlan works out, for day in.Today, every step due now (grouped per
// client and throttled), each invoice's next step, and the promises and
// instalments to settle. It is pure: nothing is written.
func MakePlan(in Input) *Plan {
	p := newPlanner(in)
	for i := range in.Book.Invoices {
		p.planInvoice(&in.Book.Invoices[i])
	}
	p.group()
	return p.plan
}

func newPlanner(in Input) *planner {
	p := &planner{in: in, cal: Calendar{AlsaceMoselle: in.Book.Company.AlsaceMoselle},
		scenarios: map[int64]*data.Scenario{}, byKey: map[string]*data.Scenario{}, category: map[string]int64{},
		timed: map[int64][]data.Step{}, friendly: map[int64][]data.Step{}, business: make([]data.Date, 2*businessSpan),
		plan: &Plan{Today: in.Today, Next: make(map[int64]NextStep, len(in.Book.Invoices))},
		due:  make([]Due, 0, len(in.Book.Invoices))}
	for i := range in.Book.Scenarios {
		sc := &in.Book.Scenarios[i]
		p.scenarios[sc.ID], p.byKey[sc.Key] = sc, sc
		p.timed[sc.ID], p.friendly[sc.ID] = timedSteps(sc), instalmentSteps(sc)
	}
	for _, c := range in.Book.Categories {
		p.category[c.Key] = c.ScenarioID
	}
	return p
}

// ScenarioFor returns the scenario that applies to a client: its own
// override, else its category's, else the standard one.
func ScenarioFor(c *data.Client, scenarios []data.Scenario, categories []data.Category) *data.Scenario {
	p := newPlanner(Input{Book: &data.DunningBook{Scenarios: scenarios, Categories: categories}})
	return p.scenarioFor(c)
}

func (p *planner) scenarioFor(c *data.Client) *data.Scenario {
	if sc, ok := p.scenarios[c.ScenarioID]; ok {
		return sc
	}
	if sc, ok := p.scenarios[p.category[c.Category]]; ok {
		return sc
	}
	return p.byKey["standard"]
}

// timedSteps are a scenario's steps that run on a date, in order; the
// thank-you step runs on payment instead.
func timedSteps(sc *data.Scenario) []data.Step {
	var out []data.Step
	for _, st := range sc.Steps {
		if st.Channel != data.ChannelThankYou {
			out = append(out, st)
		}
	}
	return out
}

func (p *planner) planInvoice(inv *data.PlanInvoice) {
	client := p.in.Book.Clients[inv.ClientID]
	if client == nil {
		return
	}
	sc := p.scenarioFor(client)
	if sc == nil {
		return
	}
	if inv.Paid >= inv.Amount {
		p.settlePaid(inv)
		p.planThankYou(inv, sc)
		return
	}
	if wait := p.blocked(inv, client); wait != WaitNone {
		p.plan.Next[inv.ID] = NextStep{Wait: wait}
		return
	}
	if plan := p.in.Book.Plans[inv.ID]; plan != nil {
		p.planInstalments(inv, sc, plan)
		return
	}
	resumed, waiting := p.checkPromises(inv)
	if waiting {
		return
	}
	p.planSteps(stepRun{inv: inv, steps: p.timed[sc.ID], base: inv.DueDate,
		outstanding: inv.Amount - inv.Paid, resumed: resumed})
}

// blocked says why an unpaid invoice gets no step at all.
func (p *planner) blocked(inv *data.PlanInvoice, client *data.Client) string {
	switch {
	case inv.State == data.StateDisputed:
		return WaitDisputed
	case inv.State != data.StateOpen:
		return WaitPaused
	case client.RemindersPaused, inv.Paused && (inv.PausedUntil.IsZero() || !p.in.Today.After(inv.PausedUntil)):
		return WaitPaused
	}
	return WaitNone
}

// stepRun is one sequence of steps to plan: an invoice's, or one
// instalment's of its payment plan.
type stepRun struct {
	inv          *data.PlanInvoice
	instalmentID int64
	steps        []data.Step
	base         data.Date // the due date the offsets count from
	outstanding  data.Money
	resumed      bool      // after a broken promise: the next step in order, now
	notBefore    data.Date // the end of the deadline a formal notice gave
}

// remaining returns the steps after the last one taken on the run, and
// whether any was taken at all.
func (p *planner) remaining(r stepRun) []data.Step {
	actions := p.in.Book.Actions[r.inv.ID]
	last := -1
	for i, st := range r.steps {
		for _, a := range actions {
			if a.StepID == st.ID && a.InstalmentID == r.instalmentID {
				last = i
				break
			}
		}
	}
	return r.steps[last+1:]
}

func (p *planner) stepDate(r stepRun, st data.Step) data.Date {
	return p.nextBusinessDay(data.LaterDate(r.base.AddDays(st.OffsetDays), r.notBefore))
}

// postalDays is how long a registered letter is taken to need to arrive
// while its receipt date is not entered yet.
const postalDays = 3

// noticeDeadline is the day after the deadline a formal notice on the run
// gave the client (counted from its receipt): no later step comes before
// it, whatever its offset says.
func (p *planner) noticeDeadline(r stepRun) data.Date {
	var end data.Date
	for _, a := range p.in.Book.Actions[r.inv.ID] {
		if a.InstalmentID != r.instalmentID || a.Status != data.ActionDone {
			continue
		}
		st := p.step(a.StepID)
		if st == nil || st.Channel != data.ChannelRegisteredLetter || st.DeadlineDays <= 0 {
			continue
		}
		received := a.ReceivedOn
		if received.IsZero() {
			received = a.DoneOn.AddDays(postalDays)
		}
		end = data.LaterDate(end, received.AddDays(st.DeadlineDays+1))
	}
	return end
}

// businessSpan: the days around today whose next business day a run remembers.
const businessSpan = 1024

// nextBusinessDay is the calendar's, remembered: a run asks for the same
// few hundred days over and over.
func (p *planner) nextBusinessDay(d data.Date) data.Date {
	i := d.DaysSince(p.in.Today) + businessSpan
	if i < 0 || i >= len(p.business) {
		return p.cal.NextBusinessDay(d)
	}
	if p.business[i].IsZero() {
		p.business[i] = p.cal.NextBusinessDay(d)
	}
	return p.business[i]
}

func (p *planner) planSteps(r stepRun) {
	rest := p.remaining(r)
	if len(rest) == 0 {
		return
	}
	r.notBefore = p.noticeDeadline(r)
	today := p.in.Today
	if p.paidOn(r.inv.ID, today) {
		// A payment received today cancels today's reminder: tomorrow's
		// plan sees the new balance.
		p.setNext(r, rest[0], data.LaterDate(p.stepDate(r, rest[0]), p.cal.NextBusinessDay(today.AddDays(1))), WaitPayment)
		return
	}
	due := p.scratch[:0]
	defer func() { p.scratch = due[:0] }()
	for _, st := range rest {
		if !p.stepDate(r, st).After(today) {
			due = append(due, st)
		}
	}
	if r.resumed && len(due) > 0 {
		due = due[:1]
	}
	due = upToFormalNotice(due)
	if len(due) == 0 {
		p.setNext(r, rest[0], p.stepDate(r, rest[0]), WaitNone)
		return
	}
	lead := due[len(due)-1]
	planned := p.stepDate(r, lead)
	if r.resumed {
		if planned = p.cal.NextBusinessDay(today); planned.After(today) {
			p.setNext(r, lead, planned, WaitNone)
			return
		}
	}
	d := Due{InvoiceID: r.inv.ID, Number: r.inv.Number, ClientID: r.inv.ClientID, InstalmentID: r.instalmentID,
		Step: lead, Planned: planned, Outstanding: r.outstanding, DaysLate: max(0, today.DaysSince(r.base)),
		Resumed: r.resumed}
	if len(due) > 1 {
		d.Passed = slices.Clone(due[:len(due)-1])
	}
	d.CatchUp = len(d.Passed) > 0 || (!p.in.LastRun.IsZero() && planned.After(p.in.LastRun) && planned.Before(today))
	p.due = append(p.due, d)
	p.setNext(r, lead, planned, WaitNone)
}

func (p *planner) setNext(r stepRun, st data.Step, on data.Date, wait string) {
	p.plan.Next[r.inv.ID] = NextStep{Step: st, Date: on, InstalmentID: r.instalmentID, Wait: wait}
}

func (p *planner) paidOn(invoiceID int64, day data.Date) bool {
	for _, pay := range p.in.Book.Payments[invoiceID] {
		if pay.Date == day {
			return true
		}
	}
	return false
}

// upToFormalNotice cuts a catch-up at the first formal notice: the later
// steps (a court file) need the notice sent first, so a catch-up never
// passes over it.
func upToFormalNotice(due []data.Step) []data.Step {
	for i, st := range due {
		if st.Channel == data.ChannelRegisteredLetter {
			return due[:i+1]
		}
	}
	return due
}

// settlePaid closes what a paid invoice leaves open: its promise was kept,
// its payment plan is complete.
func (p *planner) settlePaid(inv *data.PlanInvoice) {
	for _, pr := range p.in.Book.Promises[inv.ID] {
		if pr.Status == data.PromiseOpen {
			p.plan.Promises = append(p.plan.Promises, PromiseOutcome{Promise: pr, Status: data.PromiseKept})
		}
	}
	if plan := p.in.Book.Plans[inv.ID]; plan != nil {
		p.plan.CompletedPlans = append(p.plan.CompletedPlans, plan.ID)
	}
}
