package genbook

import (
	"fmt"
	"strconv"

	"relance/data"
)

// The history of reminders is written as Relance's planner would have made
// it, had the owner done every step it proposed on the day it proposed it:
// a step falls on its offset from the due date (the next business day),
// later by as many days as the previous step was late, never while a
// promise runs, never before a formal notice's deadline; a pre-due notice
// is dropped once the due date has passed; a payment stops the run. What
// falls on today is left to the owner, as in the demo book.

// scenario is what a client category's scenario gives the generator.
type scenario struct {
	timed     []data.Step // the steps that run on a date, in order
	friendly  []data.Step // those a payment plan's instalment gets
	thanks    *data.Step  // the thank-you after payment; nil: none
	hasCall   bool        // a phone call after the due date (where a client disputes)
	hasNotice bool        // a formal notice (after which a client may ask for a plan)
}

func newScenario(sc data.Scenario) *scenario {
	out := &scenario{}
	for _, st := range sc.Steps {
		switch {
		case st.Channel == data.ChannelThankYou:
			out.thanks = &st
			continue
		case st.Channel == data.ChannelEmail, st.Channel == data.ChannelLetter, st.Channel == data.ChannelPhoneCall:
			out.friendly = append(out.friendly, st)
		}
		out.hasCall = out.hasCall || (st.Channel == data.ChannelPhoneCall && st.OffsetDays >= 0)
		out.hasNotice = out.hasNotice || st.Channel == data.ChannelRegisteredLetter
		out.timed = append(out.timed, st)
	}
	return out
}

func (g *generator) scenarioOf(c *client) *scenario {
	if sc := g.scenarios[c.category]; sc != nil {
		return sc
	}
	return g.scenarios[catStandard]
}

// action is a step done on an invoice.
type action struct {
	step       *data.Step
	instalment int64
	planned    day
	done       stamp
	outcome    string
	note       string
	tracking   string
	sent       day
	received   day
	presented  day
}

// run is one sequence of steps: an invoice's, or one instalment's of its
// payment plan.
type run struct {
	inv        *invoice
	steps      []data.Step
	base       day   // the due date the offsets count from
	entered    day   // the invoice's (or the plan's) day: no step before it
	instalment int64 // the instalment reminded; 0 for the invoice itself
	next       int   // the next step to take

	anchor    *data.Step // the last step taken, and its day
	anchorDay day
	noticeEnd day // no step before: a formal notice's deadline
	holdEnd   day // no step before: a promise's grace day, a broken plan

	end       day          // no step on or after this day
	stopAfter data.Channel // stop once a step of this channel is done ("": never)
	dispute   bool         // the client disputes at the first call after the due date
	disputed  day          // the day it did
	stopped   bool         // stopAfter or a dispute stopped the run
}

func (g *generator) newRun(inv *invoice, steps []data.Step, base, end day) *run {
	return &run{inv: inv, steps: steps, base: base, entered: inv.issue, end: g.runEnd(inv, end)}
}

// runEnd is the day a run stops at, when it would go on until end: today
// (today's steps are the owner's), or the day the client's reminders were
// paused.
func (g *generator) runEnd(inv *invoice, end day) day {
	end = min(end, g.today)
	if paused := inv.client.pausedOn; paused != 0 {
		end = min(end, paused)
	}
	return end
}

// advance takes the run's steps that fall before its end, in order.
func (g *generator) advance(r *run) {
	r.stopped = false
	for r.next < len(r.steps) && !r.stopped {
		st := &r.steps[r.next]
		planned, done, ok := g.stepDays(r, st)
		if !ok {
			r.next++
			continue
		}
		if done >= r.end {
			return
		}
		r.next++
		g.takeStep(r, st, planned, done)
	}
}

// stepDays is the day the planner would propose the step for, and the day
// it is done (later while a promise holds); ok is false for a pre-due
// notice whose due date has passed.
func (g *generator) stepDays(r *run, st *data.Step) (planned, done day, ok bool) {
	lateness := 0
	if r.anchor != nil {
		lateness = max(0, int(r.anchorDay-g.cal.nextBD(r.base+day(r.anchor.OffsetDays))))
	}
	planned = g.cal.nextBD(max(r.base+day(st.OffsetDays+lateness), r.noticeEnd))
	done = g.cal.nextBD(max(planned, r.holdEnd, r.entered))
	if st.OffsetDays < 0 && done > r.base {
		return 0, 0, false
	}
	return planned, done, true
}

// takeStep records a step done on day done, and what came of it.
func (g *generator) takeStep(r *run, st *data.Step, planned, done day) {
	a := &action{step: st, instalment: r.instalment, planned: planned,
		done: g.after(r.inv.created, at(done, g.dice.between(8*3600, 12*3600)))}
	r.anchor, r.anchorDay = st, done
	switch st.Channel {
	case data.ChannelPhoneCall:
		g.call(r, a)
	case data.ChannelRegisteredLetter:
		g.letter(r, a)
	}
	if st.Channel.IsMessage() {
		r.inv.reminded = true
	}
	r.inv.actions = append(r.inv.actions, a)
	g.stepEvent(r.inv, a)
	if r.stopAfter != "" && st.Channel == r.stopAfter {
		r.stopped = true
	}
}

// stepEvent is the timeline's line of an action, as RecordAction writes it.
func (g *generator) stepEvent(inv *invoice, a *action) {
	g.event(inv, a.done, data.EventStepDone, "number", inv.number, "channel", string(a.step.Channel),
		"template", a.step.TemplateKey, "outcome", a.outcome, "note", a.note, "step", strconv.FormatInt(a.step.ID, 10),
		"date", g.cal.str(a.done.day()))
}

// Call notes, as an owner types them.
var (
	voicemails    = []string{"Messagerie ; message laissé.", "Pas de réponse.", "Standard : rappeler en fin de matinée.", "Absent, rappeler demain."}
	disputeNotes  = []string{"Conteste la facture : prestation incomplète.", "Conteste les quantités livrées.", "Conteste le prix : différent du devis.", "Signale un défaut sur la livraison."}
	promiseFormat = "Promet un virement pour le %s."
)

// comingDays: money paid within this time after a call was promised on it.
const comingDays = 14

// call decides a call's outcome from what the invoice's payments (those
// still to come included) say: money on its way was promised, a promise
// with nothing coming is broken; a client may also dispute, or the number
// be wrong.
func (g *generator) call(r *run, a *action) {
	c := a.done.day()
	if r.dispute && a.step.OffsetDays >= 0 {
		a.outcome, a.note = data.OutcomeDispute, g.dice.pick(disputeNotes)
		r.disputed, r.stopped = c, true
		return
	}
	coming, last, balance := g.coming(r, c)
	switch {
	case coming > 0 && !r.dispute && r.instalment == 0 && g.dice.chance(0.75):
		g.promise(r, a, min(coming, balance), last)
	case coming > 0 || r.dispute || r.instalment != 0:
		// While a plan runs, the planner follows its instalments, not
		// promises: a call about one finds voicemail.
		a.outcome, a.note = data.OutcomeNoAnswer, g.dice.pick(voicemails)
	default:
		g.callWithNothingComing(r, a, balance)
	}
}

func (g *generator) callWithNothingComing(r *run, a *action, balance int64) {
	c := a.done.day()
	switch g.dice.weighted([]float64{0.5, 0.4, 0.1}) {
	case 1:
		g.promise(r, a, balance, g.cal.addBD(c, g.dice.between(2, 6)))
	case 2:
		g.wrongContact(r.inv, a)
	default:
		a.outcome, a.note = data.OutcomeNoAnswer, g.dice.pick(voicemails)
	}
}

// coming sums the payments due within comingDays after day c (planned
// ones after today included: they were promised) and the last day among
// them, and says what was still owed on c.
func (g *generator) coming(r *run, c day) (coming int64, last day, balance int64) {
	inv := r.inv
	balance = inv.amount
	for _, cr := range inv.credits {
		if cr.on <= c {
			balance -= cr.amount
		}
	}
	for _, p := range inv.schedule {
		switch {
		case p.on <= c:
			balance -= p.amount
		case p.on <= c+comingDays:
			coming += p.amount
			last = max(last, p.on)
		}
	}
	return coming, last, max(balance, 100)
}

// promise records a promise made on a call, to pay amount by the day on,
// and settles it as the planner would: kept on the day the money is in,
// broken the business day after its grace day. It is still open today when
// that day has not come.
func (g *generator) promise(r *run, a *action, amount int64, on day) {
	c := a.done.day()
	on = max(on, c+1)
	a.outcome, a.note = data.OutcomePromise, fmt.Sprintf(promiseFormat, g.cal.date(on).FormatFR())
	p := &promise{made: c, promised: on, amount: amount, status: data.PromiseOpen, created: a.done + 1}
	r.inv.promises = append(r.inv.promises, p)
	g.event(r.inv, p.created, data.EventPromiseMade, "number", r.inv.number, "amount", money(amount), "date", g.cal.str(on))
	settled, status, kind := g.cal.nextBD(g.cal.addBD(on, 1)+1), data.PromiseBroken, data.EventPromiseBroken
	if paidBy(r.inv.schedule, c, on) >= amount {
		// Found kept the morning after the money came in, when the planner
		// starts the owner's day.
		settled, status, kind = g.cal.nextBD(lastPaymentBy(r.inv.schedule, c, amount)+1), data.PromiseKept, data.EventPromiseKept
	}
	if settled >= g.today {
		r.holdEnd = never
		return
	}
	p.status, p.settled = status, settled
	r.holdEnd = settled
	g.event(r.inv, at(settled, g.dice.between(7*3600, 8*3600)), kind, "number", r.inv.number, "amount", money(amount),
		"date", g.cal.str(on), "status", status)
}

// paidBy sums the payments after day made up to the day by.
func paidBy(list []payment, made, by day) int64 {
	var sum int64
	for _, p := range list {
		if p.on >= made && p.on <= by {
			sum += p.amount
		}
	}
	return sum
}

// lastPaymentBy is the day the payments since made reach amount.
func lastPaymentBy(list []payment, made day, amount int64) day {
	var sum int64
	for _, p := range list {
		if p.on < made {
			continue
		}
		if sum += p.amount; sum >= amount {
			return p.on
		}
	}
	return never
}

// wrongContact: the number or the person is no longer the client's; the
// call opens a task to fix the contact, done some days later.
func (g *generator) wrongContact(inv *invoice, a *action) {
	a.outcome = data.OutcomeWrongContact
	a.note = "Numéro non attribué ; retrouver le bon numéro de téléphone."
	if inv.client.ident.contact != "" {
		a.note = inv.client.ident.contact + " n'est plus en poste ; demander le nouvel interlocuteur et son e-mail."
	}
	g.nextTaskID++
	t := &task{id: g.nextTaskID, kind: data.TaskFixContact, note: a.note, due: a.done.day(), created: a.done + 1}
	id := strconv.FormatInt(t.id, 10)
	g.clientEvent(inv, t.created, data.EventTaskCreated, "kind", t.kind, "note", t.note, "task", id)
	if done := g.cal.addBD(t.due, g.dice.between(2, 5)); done < g.today {
		t.done = at(done, g.dice.between(9*3600, 17*3600))
		g.clientEvent(inv, t.done, data.EventTaskDone, "kind", t.kind, "task", id)
	}
	inv.tasks = append(inv.tasks, t)
}

// letter posts a formal notice by registered letter: La Poste's number,
// then the day the client signed for it (or was presented it and did not
// collect it); the deadline it gives runs from then.
func (g *generator) letter(r *run, a *action) {
	c := a.done.day()
	a.tracking, a.sent = g.trackingNumber(), c
	switch g.dice.weighted([]float64{0.85, 0.08, 0.07}) {
	case 0:
		if on := g.cal.addBD(c, g.dice.between(1, 3)); on < g.today {
			a.received = on
			g.event(r.inv, at(on, g.dice.between(13*3600, 17*3600)), data.EventNoticeReceived, "number", r.inv.number,
				"tracking", a.tracking, "received_on", g.cal.str(on))
		}
	case 1:
		if on := g.cal.addBD(c, g.dice.between(1, 2)); on < g.today {
			a.presented = on
			g.event(r.inv, at(on, g.dice.between(13*3600, 17*3600)), data.EventNoticePresented, "number", r.inv.number,
				"tracking", a.tracking, "date", g.cal.str(on))
		}
	}
	from := c + laPosteHoldDays
	if a.received != 0 || a.presented != 0 {
		from = max(a.received, a.presented)
	}
	r.noticeEnd = from + day(a.step.DeadlineDays+1)
}

// laPosteHoldDays is how long La Poste keeps a registered letter: without
// news of it, a notice's deadline counts from then (as the planner does).
const laPosteHoldDays = 15

// trackingNumber makes up a number in La Poste's registered-letter style,
// "1A 123 456 7890 1", the last digit a Luhn key.
func (g *generator) trackingNumber() string {
	n := withLuhnKey(fmt.Sprintf("%010d", g.dice.r.Int64N(10_000_000_000)))
	return fmt.Sprintf("1A %s %s %s %s", n[:3], n[3:6], n[6:10], n[10:])
}
