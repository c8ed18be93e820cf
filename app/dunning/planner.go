package dunning

import (
	"cmp"
	"slices"

	"relance/data"
)

// Input is what the planner works on: a consistent read of the book, the
// day, and the last day the owner's list was planned (for catch-up).
type Input struct {
	Book    *data.DunningBook
	Today   data.Date
	LastRun data.Date // zero when the app never planned before
	// DueBy, when set, leaves out the open invoices due after it: none can
	// have a step today (Today's horizon, see horizon).
	DueBy data.Date
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
	Priority Priority // why it comes where it does among the day's actions
}

// Wait reasons of a NextStep.
const (
	WaitNone     = ""
	WaitPromise  = "promise"    // a promise runs until Date
	WaitThrottle = "throttle"   // a message went to the client lately
	WaitPayment  = "paid_today" // a payment came in today
	WaitPaused   = "paused"     // reminders paused on the invoice or the client
	WaitDisputed = "disputed"   // until the dispute is resolved
	// WaitTimeBarred: the limitation period has passed; no formal notice
	// or court file is proposed any more (Date is the last day it ran).
	WaitTimeBarred = "time_barred"
	// WaitDailyLimit: the day's messages reached the company's limit; the
	// step goes on the next business day (Date), before that day's own.
	WaitDailyLimit = "daily_limit"
	// WaitImported: an import brought the invoice in today; its steps
	// start the next business day (Date), once the owner has seen the
	// import's summary and could undo it, and never by an automatic send
	// the same morning.
	WaitImported = "imported"
)

// WaitReasons lists every Wait reason, for the callers' catalogue tests.
var WaitReasons = []string{WaitPromise, WaitThrottle, WaitPayment, WaitPaused, WaitDisputed, WaitTimeBarred, WaitDailyLimit,
	WaitImported}

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

// PrescriptionAlert is an unpaid invoice whose limitation period ends
// soon (within PrescriptionAlertDays) or has ended.
type PrescriptionAlert struct {
	InvoiceID   int64
	Number      string
	ClientID    int64
	Deadline    data.Date // the last day the claim can be taken to court
	DaysLeft    int       // from today to Deadline; negative once passed
	Expired     bool
	Outstanding data.Money
}

// PrescriptionAlertDays: Today warns this many days before an unpaid
// invoice's claim is time-barred, and again at PrescriptionUrgentDays.
const (
	PrescriptionAlertDays  = 60
	PrescriptionUrgentDays = 15
)

// AwaitingReceipt is a formal notice sent by registered letter whose
// receipt (or first presentation) date is not entered: its deadline, and
// so the court file, wait for the longest La Poste may take.
type AwaitingReceipt struct {
	InvoiceID int64
	Number    string
	ClientID  int64
	ActionID  int64
	SentOn    data.Date
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
	Held           int                // message groups held for the next days by the daily limit
	Prescriptions  []PrescriptionAlert
	Receipts       []AwaitingReceipt
	// Settled is set by StartDay when starting the day wrote what the plan
	// found (a promise settled, an instalment missed, a plan completed):
	// the book changed since the plan was made.
	Settled bool
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
	kept      []data.Step          // current's result, reused from invoice to invoice
	steps     map[int64]*data.Step // every scenario step by id
	// registered are the registered-letter steps' ids: a handful, looked
	// up for every action of the book.
	registered []int64
	plan       *Plan
	due        []Due
}

// MakePlan works out, for day in.Today, every step due now (grouped per
// client and throttled), each invoice's next step, and the promises and
// instalments to settle. It is pure: nothing is written.
func MakePlan(in Input) *Plan { return makePlan(in, nil) }

// makePlan is MakePlan; with a memo, it plans again only the invoices the
// memo has pending (every one when the memo is new) and takes the others'
// part of the plan from the memo, then groups and limits as MakePlan does.
func makePlan(in Input, m *planMemo) *Plan {
	size := len(in.Book.Invoices)
	if m != nil && m.next != nil {
		size = len(m.pending) // the rest comes from the memo
	}
	p := newPlanner(in, size)
	if m == nil {
		for i := range in.Book.Invoices {
			if inv := &in.Book.Invoices[i]; p.inView(inv) {
				p.planInvoice(inv)
			}
		}
	} else {
		p.planPending(m)
	}
	p.group()
	p.prioritise()
	p.limitMessages()
	return p.plan
}

// inView reports whether the plan covers the invoice (Input.DueBy).
func (p *planner) inView(inv *data.PlanInvoice) bool {
	return p.in.DueBy.IsZero() || inv.Paid >= inv.Amount || !inv.DueDate.After(p.in.DueBy)
}

// newPlanner readies a run over the book; size is how many invoices it
// will plan (to size the lists).
func newPlanner(in Input, size int) *planner {
	p := &planner{in: in, cal: Calendar{AlsaceMoselle: in.Book.Company.AlsaceMoselle},
		scenarios: map[int64]*data.Scenario{}, byKey: map[string]*data.Scenario{}, category: map[string]int64{},
		timed: map[int64][]data.Step{}, friendly: map[int64][]data.Step{}, business: make([]data.Date, 2*businessSpan),
		plan: &Plan{Today: in.Today, Next: make(map[int64]NextStep, size)},
		due:  make([]Due, 0, min(size, 64))}
	p.steps = map[int64]*data.Step{}
	for i := range in.Book.Scenarios {
		sc := &in.Book.Scenarios[i]
		p.scenarios[sc.ID], p.byKey[sc.Key] = sc, sc
		for j := range sc.Steps {
			p.steps[sc.Steps[j].ID] = &sc.Steps[j]
			if sc.Steps[j].Channel == data.ChannelRegisteredLetter {
				p.registered = append(p.registered, sc.Steps[j].ID)
			}
		}
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
	p := newPlanner(Input{Book: &data.DunningBook{Scenarios: scenarios, Categories: categories}}, 0)
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
	if inv.State == data.StateWrittenOff {
		p.plan.Next[inv.ID] = NextStep{Wait: WaitPaused}
		return
	}
	barred := p.checkPrescription(inv, client)
	p.checkReceipts(inv)
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
		outstanding: inv.Amount - inv.Paid, resumed: resumed, timeBarred: barred})
}

// checkPrescription flags an unpaid invoice whose limitation period ends
// within PrescriptionAlertDays or has ended, and reports whether it has.
func (p *planner) checkPrescription(inv *data.PlanInvoice, client *data.Client) (expired bool) {
	// An invoice younger than the shortest period less the alert days
	// cannot be near its limit, which spares most of the book the
	// computation.
	if p.in.Today.Before(limitationFloor(inv, PrescriptionAlertDays)) {
		return false
	}
	pr := PrescriptionOf(inv, client.Kind, p.in.Book)
	if pr.Deadline.IsZero() {
		return false
	}
	left := pr.Deadline.DaysSince(p.in.Today)
	if left > PrescriptionAlertDays {
		return false
	}
	p.plan.Prescriptions = append(p.plan.Prescriptions, PrescriptionAlert{InvoiceID: inv.ID, Number: inv.Number,
		ClientID: inv.ClientID, Deadline: pr.Deadline, DaysLeft: left, Expired: left < 0, Outstanding: inv.Amount - inv.Paid})
	return left < 0
}

// minPrescriptionDays is a lower bound of the shortest limitation period,
// two years (730 or 731 days) less the deadline's day.
const minPrescriptionDays = 2*365 - 1

// limitationFloor is the earliest day a date lead days before the
// invoice's limitation deadline can fall: the shortest period is two years
// (a consumer's) from delivery (issue, when no delivery is known), and
// every restart comes later.
func limitationFloor(inv *data.PlanInvoice, lead int) data.Date {
	start := inv.DeliveryDate
	if start.IsZero() {
		start = inv.IssueDate
	}
	return start.AddDays(minPrescriptionDays - lead)
}

// checkReceipts lists the invoice's registered letters whose receipt is
// not entered yet, so that Today asks for it.
func (p *planner) checkReceipts(inv *data.PlanInvoice) {
	for _, a := range p.in.Book.Actions[inv.ID] {
		if a.Status != data.ActionDone || !a.ReceivedOn.IsZero() || !a.PresentedOn.IsZero() {
			continue
		}
		if slices.Contains(p.registered, a.StepID) {
			p.plan.Receipts = append(p.plan.Receipts, AwaitingReceipt{InvoiceID: inv.ID, Number: inv.Number,
				ClientID: inv.ClientID, ActionID: a.ID, SentOn: cmp.Or(a.SentOn, a.DoneOn)})
		}
	}
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
	timeBarred   bool      // the limitation period has passed

	// anchor is the last step taken on the run and the day it was taken:
	// when it was taken after its date, the later steps move by as many
	// days, so that a step taken late (an invoice entered late, a reminder
	// sent a week after its date) does not bring the next one the day after.
	anchor    *data.Step
	anchorDay data.Date
	reminded  int // reminders (messages after the due date) sent on the run
}

// lateness is how many days after its own date the anchor step was taken.
func (p *planner) lateness(r stepRun) int {
	if r.anchor == nil {
		return 0
	}
	return max(0, r.anchorDay.DaysSince(p.nextBusinessDay(r.base.AddDays(r.anchor.OffsetDays))))
}

// remaining returns the steps after the last one taken on the run, and
// records in r the anchor of their dates and the reminders already sent.
func (p *planner) remaining(r *stepRun) []data.Step {
	actions := p.in.Book.Actions[r.inv.ID]
	last := -1
	for i, st := range r.steps {
		for _, a := range actions {
			if a.StepID != st.ID || a.InstalmentID != r.instalmentID {
				continue
			}
			last, r.anchor, r.anchorDay = i, &r.steps[i], a.DoneOn
			if a.Status == data.ActionDone && isReminder(st) {
				r.reminded++
			}
			break
		}
	}
	return r.steps[last+1:]
}

// isReminder: a message asking for payment once it is due (a pre-due
// notice comes before the due date, a thank-you after payment).
func isReminder(st data.Step) bool {
	return st.Channel.IsMessage() && st.Channel != data.ChannelThankYou && st.OffsetDays >= 0
}

func (p *planner) stepDate(r stepRun, st data.Step) data.Date {
	day := r.base.AddDays(st.OffsetDays + p.lateness(r))
	return p.nextBusinessDay(data.LaterDate(day, r.notBefore))
}

// laPosteHoldDays is how long La Poste keeps a registered letter the
// addressee was out for: while neither its receipt nor its first
// presentation is entered, a notice's deadline counts from then.
const laPosteHoldDays = 15

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
		received := cmp.Or(a.ReceivedOn, a.PresentedOn)
		if received.IsZero() {
			received = cmp.Or(a.SentOn, a.DoneOn).AddDays(laPosteHoldDays)
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
	rest := p.current(&r)
	if len(rest) == 0 {
		if r.timeBarred {
			p.setNext(r, data.Step{}, data.Date{}, WaitTimeBarred)
		}
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
	lead := p.pickLead(r, due)
	switch {
	case lead < 0:
		p.setNext(r, rest[0], p.stepDate(r, rest[0]), WaitNone)
	case !p.cal.IsBusinessDay(today):
		// Steps never fire on a weekend or a holiday: one that became due
		// meanwhile (a payment plan's next instalment once the previous one
		// was paid on a Saturday) waits for the next business day.
		p.setNext(r, due[lead], p.cal.NextBusinessDay(today), WaitNone)
	default:
		p.addDue(r, due[lead], due[:lead])
	}
}

// current is what is left to plan on the run: the steps after the last one
// taken, less those that no longer make sense — a step meant for before the
// due date once it has passed (a pre-due notice), and, once the claim is
// time-barred, the formal notice and the court file.
func (p *planner) current(r *stepRun) []data.Step {
	rest := p.remaining(r)
	pastDue := p.in.Today.After(r.base)
	keep := func(st data.Step) bool {
		if pastDue && st.OffsetDays < 0 {
			return false
		}
		return !r.timeBarred || (st.Channel != data.ChannelRegisteredLetter && st.Channel != data.ChannelLegalFile)
	}
	if !slices.ContainsFunc(rest, func(st data.Step) bool { return !keep(st) }) {
		return rest
	}
	// The result lives until the next invoice is planned: one buffer
	// serves the whole run.
	p.kept = p.kept[:0]
	for _, st := range rest {
		if keep(st) {
			p.kept = append(p.kept, st)
		}
	}
	return p.kept
}

// pickLead chooses, among the due steps (in order), the one to take now;
// the steps before it are passed over. It is the latest whose words fit
// what was really sent: a reminder after the first of the run ("Malgré
// notre précédente relance") only once a reminder went out, so an invoice
// entered late gets the first reminder, not the second. A message that
// fits is preferred to a call or a task. -1 when none fits.
func (p *planner) pickLead(r stepRun, due []data.Step) int {
	lastMessage, lastOther := -1, -1
	for i, st := range due {
		if !p.fits(r, st) {
			continue
		}
		if st.Channel.IsMessage() {
			lastMessage = i
		} else {
			lastOther = i
		}
	}
	if lastMessage >= 0 {
		return lastMessage
	}
	return lastOther
}

// fits reports whether a step's words fit the run's history: a reminder
// that is not the run's first needs an earlier reminder sent.
func (p *planner) fits(r stepRun, st data.Step) bool {
	if !isReminder(st) || r.reminded > 0 {
		return true
	}
	for _, earlier := range r.steps {
		if earlier.ID == st.ID {
			return true // no reminder before it in the scenario: it is the first
		}
		if isReminder(earlier) {
			return false
		}
	}
	return true
}

// addDue records the lead step due now, with the due steps it passes over.
func (p *planner) addDue(r stepRun, lead data.Step, passed []data.Step) {
	today := p.in.Today
	planned := p.stepDate(r, lead)
	if r.inv.Imported && !r.inv.EnteredOn.Before(today) {
		p.setNext(r, lead, p.cal.NextBusinessDay(today.AddDays(1)), WaitImported)
		return
	}
	if r.resumed {
		if planned = p.cal.NextBusinessDay(today); planned.After(today) {
			p.setNext(r, lead, planned, WaitNone)
			return
		}
	}
	d := Due{InvoiceID: r.inv.ID, Number: r.inv.Number, ClientID: r.inv.ClientID, InstalmentID: r.instalmentID,
		Step: lead, Planned: planned, Outstanding: r.outstanding, DaysLate: max(0, today.DaysSince(r.base)),
		Resumed: r.resumed}
	if len(passed) > 0 {
		d.Passed = slices.Clone(passed)
	}
	d.CatchUp = p.missed(r, passed, planned)
	p.due = append(p.due, d)
	p.setNext(r, lead, planned, WaitNone)
}

// missed reports whether the step due now stands for days Relance did not
// run: a step passed over, or the lead itself, fell due after the invoice
// was entered and before today (the lead: also after the last run). Steps
// that fell due before the invoice was entered were never missed: the
// invoice predates its entry.
func (p *planner) missed(r stepRun, passed []data.Step, planned data.Date) bool {
	entered := r.inv.EnteredOn
	if r.inv.Imported {
		entered = entered.AddDays(1) // the import day's steps were held for the next day, not missed
	}
	known := func(day data.Date) bool { return !day.Before(entered) && day.Before(p.in.Today) }
	for _, st := range passed {
		if known(p.stepDate(r, st)) {
			return true
		}
	}
	return !p.in.LastRun.IsZero() && planned.After(p.in.LastRun) && known(planned)
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
