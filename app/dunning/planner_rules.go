package dunning

import (
	"cmp"
	"slices"

	"relance/data"
)

// thankYouWindowDays: a thank-you is proposed only for a payment this
// recent, so that an old book's history never floods the list.
const thankYouWindowDays = 7

// checkPromises applies the latest promise on an invoice. An open promise
// holds the steps until its date plus one business day; kept, the steps
// carry on as usual; broken (now, or earlier with no step taken since), the
// next step in order runs at once.
func (p *planner) checkPromises(inv *data.PlanInvoice) (resumed, waiting bool) {
	list := p.in.Book.Promises[inv.ID]
	if len(list) == 0 {
		return false, false
	}
	pr := list[len(list)-1]
	switch pr.Status {
	case data.PromiseOpen:
		return p.checkOpenPromise(inv, pr)
	case data.PromiseBroken:
		return !p.actedSince(inv.ID, pr.SettledOn), false
	}
	return false, false
}

func (p *planner) checkOpenPromise(inv *data.PlanInvoice, pr data.Promise) (resumed, waiting bool) {
	var paid data.Money
	for _, pay := range p.in.Book.Payments[inv.ID] {
		if !pay.Date.Before(pr.MadeOn) {
			paid += pay.Amount
		}
	}
	if paid >= pr.Amount {
		p.plan.Promises = append(p.plan.Promises, PromiseOutcome{Promise: pr, Status: data.PromiseKept})
		return false, false
	}
	grace := p.cal.AddBusinessDays(pr.PromisedOn, 1)
	if !p.in.Today.After(grace) {
		p.plan.Next[inv.ID] = NextStep{Date: p.cal.NextBusinessDay(grace.AddDays(1)), Wait: WaitPromise}
		return false, true
	}
	p.plan.Promises = append(p.plan.Promises, PromiseOutcome{Promise: pr, Status: data.PromiseBroken})
	return true, false
}

// actedSince reports whether a step was recorded on the invoice on or after day.
func (p *planner) actedSince(invoiceID int64, day data.Date) bool {
	for _, a := range p.in.Book.Actions[invoiceID] {
		if !a.DoneOn.Before(day) {
			return true
		}
	}
	return false
}

// planThankYou proposes the scenario's thank-you after a recent payment
// that settled an invoice the client had been reminded about.
func (p *planner) planThankYou(inv *data.PlanInvoice, sc *data.Scenario) {
	idx := slices.IndexFunc(sc.Steps, func(st data.Step) bool { return st.Channel == data.ChannelThankYou })
	if idx < 0 {
		return
	}
	thanks := sc.Steps[idx]
	reminded := false
	for _, a := range p.in.Book.Actions[inv.ID] {
		if a.StepID == thanks.ID {
			return
		}
		st := p.step(a.StepID)
		reminded = reminded || (a.Status == data.ActionDone && st != nil && st.Channel.IsMessage())
	}
	last := p.lastPayment(inv.ID)
	if !reminded || last.IsZero() || p.in.Today.DaysSince(last) > thankYouWindowDays {
		return
	}
	r := stepRun{inv: inv, base: last}
	planned := p.cal.NextBusinessDay(last)
	if planned.After(p.in.Today) {
		p.setNext(r, thanks, planned, WaitNone)
		return
	}
	p.due = append(p.due, Due{InvoiceID: inv.ID, Number: inv.Number, ClientID: inv.ClientID, Step: thanks, Planned: planned})
	p.setNext(r, thanks, planned, WaitNone)
}

func (p *planner) step(id int64) *data.Step { return p.steps[id] }

func (p *planner) lastPayment(invoiceID int64) data.Date {
	var last data.Date
	for _, pay := range p.in.Book.Payments[invoiceID] {
		last = data.LaterDate(last, pay.Date)
	}
	return last
}

// instalmentSteps are the friendly steps an instalment gets: the plan
// replaces the formal ones while it is kept.
func instalmentSteps(sc *data.Scenario) []data.Step {
	var out []data.Step
	for _, st := range timedSteps(sc) {
		switch st.Channel {
		case data.ChannelEmail, data.ChannelLetter, data.ChannelPhoneCall:
			out = append(out, st)
		}
	}
	return out
}

// planInstalments reminds the first unpaid instalment of a plan like an
// invoice and flags it once missed. Payments since the plan was agreed pay
// the instalments in due-date order.
func (p *planner) planInstalments(inv *data.PlanInvoice, sc *data.Scenario, plan *data.PaymentPlan) {
	var paid, cumulative data.Money
	for _, pay := range p.in.Book.Payments[inv.ID] {
		if !pay.Date.Before(plan.AgreedOn) {
			paid += pay.Amount
		}
	}
	for _, in := range plan.Instalments {
		cumulative += in.Amount
		if paid >= cumulative {
			continue
		}
		if p.in.Today.After(p.cal.AddBusinessDays(in.DueDate, 1)) {
			p.plan.Missed = append(p.plan.Missed, MissedInstalment{InvoiceID: inv.ID, Number: inv.Number, PlanID: plan.ID, Instalment: in})
		}
		p.planSteps(stepRun{inv: inv, instalmentID: in.ID, steps: p.friendly[sc.ID], base: in.DueDate,
			outstanding: min(in.Amount, cumulative-paid)})
		return
	}
	p.plan.CompletedPlans = append(p.plan.CompletedPlans, plan.ID)
}

// channelWeight orders message channels from the mildest to the strongest:
// a client's messages of one day fold into the strongest.
func channelWeight(st data.Step) int {
	switch st.Channel {
	case data.ChannelRegisteredLetter:
		return 4
	case data.ChannelLetter:
		return 3
	case data.ChannelEmail:
		if st.WithLetter {
			return 3
		}
		return 2
	case data.ChannelThankYou:
		return 1
	}
	return 0
}

// groupKey: all messages of a client form one group; calls, tasks and
// court files form one group per channel.
type groupKey struct {
	client int64
	class  data.Channel
}

func classOf(c data.Channel) data.Channel {
	if c.IsMessage() {
		return data.ChannelEmail
	}
	return c
}

// group applies the throttle to the due steps and folds them per client.
// Groups are built from indices into p.due, so that each Due is copied
// once, into its group.
func (p *planner) group() {
	throttle := p.in.Book.Company.ThrottleDays
	index := map[groupKey]int{}
	var members [][]int
	var keys []groupKey
	for i := range p.due {
		d := &p.due[i]
		if d.Step.Channel.IsMessage() && p.throttled(d.ClientID, throttle) {
			last := p.in.Book.LastMessage[d.ClientID]
			p.plan.Next[d.InvoiceID] = NextStep{Step: d.Step, Date: p.nextBusinessDay(last.AddDays(throttle)),
				InstalmentID: d.InstalmentID, Wait: WaitThrottle}
			p.plan.Throttled++
			continue
		}
		key := groupKey{d.ClientID, classOf(d.Step.Channel)}
		g, ok := index[key]
		if !ok {
			g = len(members)
			index[key] = g
			members, keys = append(members, nil), append(keys, key)
		}
		members[g] = append(members[g], i)
	}
	p.plan.Groups = make([]Group, 0, len(members))
	for g, idx := range members {
		if group := p.finishGroup(keys[g].client, idx); len(group.Items) > 0 {
			p.plan.Groups = append(p.plan.Groups, group)
		}
	}
	slices.SortStableFunc(p.plan.Groups, func(a, b Group) int {
		return cmp.Or(a.Lead.Planned.Compare(b.Lead.Planned), cmp.Compare(a.ClientID, b.ClientID))
	})
}

// limitMessages keeps the day's messages within the company's daily
// limit. The groups are in priority order (prioritise), so the most
// pressing go first; the others wait for the next business day, when
// they weigh more for having waited, so that an import of 300 late
// invoices drains over the following days instead of going out at once.
// Calls, tasks and court files are not messages and are never held.
func (p *planner) limitMessages() {
	limit := p.in.Book.Company.DailyMessageLimit
	if limit <= 0 {
		return
	}
	next := p.nextBusinessDay(p.in.Today.AddDays(1))
	kept, sent := p.plan.Groups[:0], 0
	for _, g := range p.plan.Groups {
		if g.Channel.IsMessage() {
			if sent >= limit {
				for _, d := range g.Items {
					p.plan.Next[d.InvoiceID] = NextStep{Step: d.Step, Date: next, InstalmentID: d.InstalmentID, Wait: WaitDailyLimit}
				}
				p.plan.Held++
				continue
			}
			sent++
		}
		kept = append(kept, g)
	}
	p.plan.Groups = kept
}

// throttled reports whether a client got a message too recently for
// another today. The hold ends on a business day, so that a held step never
// goes out on a weekend.
func (p *planner) throttled(clientID int64, throttle int) bool {
	last, ok := p.in.Book.LastMessage[clientID]
	return ok && throttle > 0 && p.in.Today.Before(p.nextBusinessDay(last.AddDays(throttle)))
}

// finishGroup builds a client's group from the indices of its due steps,
// picks the lead step and totals it. A thank-you does not ride along with
// a reminder: it waits for the next free day.
func (p *planner) finishGroup(clientID int64, idx []int) Group {
	hasReminder := false
	for _, i := range idx {
		c := p.due[i].Step.Channel
		hasReminder = hasReminder || (c.IsMessage() && c != data.ChannelThankYou)
	}
	out := Group{ClientID: clientID, Items: make([]Due, 0, len(idx))}
	lead := -1
	for _, i := range idx {
		d := &p.due[i]
		if hasReminder && d.Step.Channel == data.ChannelThankYou {
			p.plan.Next[d.InvoiceID] = NextStep{Step: d.Step, Wait: WaitThrottle,
				Date: p.nextBusinessDay(p.in.Today.AddDays(max(1, p.in.Book.Company.ThrottleDays)))}
			continue
		}
		if lead < 0 || leads(*d, p.due[lead]) {
			lead = i
		}
		out.Items = append(out.Items, *d)
		out.Total += d.Outstanding
		out.CatchUp = out.CatchUp || d.CatchUp
	}
	if lead >= 0 {
		out.Lead = p.due[lead]
		out.Channel = out.Lead.Step.Channel
	}
	return out
}

// leads reports whether d should set the group's channel and template
// rather than the current lead: the stronger channel, then the later step.
func leads(d, lead Due) bool {
	if w, lw := channelWeight(d.Step), channelWeight(lead.Step); w != lw {
		return w > lw
	}
	return d.Step.OffsetDays > lead.Step.OffsetDays
}
