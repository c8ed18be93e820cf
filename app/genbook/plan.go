package genbook

import (
	"strconv"

	"relance/data"
)

// planStory: reminded up to the formal notice, the client asks to pay in
// instalments; the plan is kept to the end, or broken after some
// instalments (the scenario then resumes, and the debt goes bad).
func (g *generator) planStory(inv *invoice, f fate) {
	sc := g.scenarioOf(inv.client)
	r := g.newRun(inv, sc.timed, inv.due, never)
	r.stopAfter = data.ChannelRegisteredLetter
	g.advance(r)
	agreed := g.cal.addBD(r.anchorDay, g.dice.between(3, 10))
	if !r.stopped || agreed >= g.today {
		r.stopAfter = ""
		g.advance(r) // no plan (yet): the scenario runs on
		if f.kind == badDebt {
			g.decideBadDebt(inv, r)
		}
		return
	}
	p := g.newPlan(inv, agreed)
	if f.plan == planKept {
		g.keepPlan(inv, p)
		return
	}
	g.breakPlan(inv, p, r)
}

// newPlan agrees a plan of three to six monthly instalments of the balance,
// the signed agreement coming back a few days later (most of the time).
func (g *generator) newPlan(inv *invoice, agreed day) *plan {
	d := g.dice
	g.nextPlanID++
	p := &plan{id: g.nextPlanID, agreed: agreed, status: data.PlanActive, created: at(agreed, d.between(9*3600, 17*3600))}
	n, left := d.between(3, 6), inv.balance()
	part := roundEuros(left / int64(n))
	due := g.cal.nextBD(agreed + day(d.between(7, 14)))
	for i := range n {
		amount := part
		if i == n-1 {
			amount = left - part*int64(n-1)
		}
		g.nextInstalmentID++
		p.instalments = append(p.instalments, instalment{id: g.nextInstalmentID, due: due, amount: amount})
		due = g.cal.nextBD(due + 30)
	}
	inv.plan = p
	g.event(inv, p.created, data.EventPlanAgreed, "number", inv.number, "count", strconv.Itoa(n), "amount", money(left))
	if signed := g.cal.addBD(agreed, d.between(2, 8)); d.chance(0.7) && signed < g.today {
		p.signed = signed
		g.event(inv, at(signed, d.between(9*3600, 17*3600)), data.EventPlanSigned, "number", inv.number, "date", g.cal.str(signed))
	}
	return p
}

// keepPlan: every instalment is paid on its due date, each reminded before
// it like an invoice; the plan is completed with the last.
func (g *generator) keepPlan(inv *invoice, p *plan) {
	for _, in := range p.instalments {
		g.payInstalment(inv, p, in)
	}
	last := p.instalments[len(p.instalments)-1].due
	if last < g.today {
		p.status = data.PlanCompleted
	}
	g.thank(inv, last)
}

// payInstalment pays an instalment on its due date, after the friendly
// steps the planner proposes for it until then.
func (g *generator) payInstalment(inv *invoice, p *plan, in instalment) {
	g.remindInstalment(inv, p, in, in.due)
	g.pay(inv, []payment{g.payment(inv.client, in.due, in.amount)})
}

// remindInstalment takes the friendly steps of an instalment that fall
// before the day until.
func (g *generator) remindInstalment(inv *invoice, p *plan, in instalment, until day) {
	r := g.newRun(inv, g.scenarioOf(inv.client).friendly, in.due, until)
	r.entered, r.instalment = p.agreed, in.id
	g.advance(r)
}

// breakPlan: some instalments are paid, the next is missed and reminded;
// the owner then calls the plan broken and the scenario resumes where it
// stood.
func (g *generator) breakPlan(inv *invoice, p *plan, r *run) {
	kept := g.dice.between(1, len(p.instalments)-1)
	for _, in := range p.instalments[:kept] {
		g.payInstalment(inv, p, in)
	}
	missed := &p.instalments[kept]
	flagged := g.cal.nextBD(g.cal.addBD(missed.due, 1) + 1)
	if flagged >= g.today {
		g.remindInstalment(inv, p, *missed, never) // its reminders, up to today
		return
	}
	missed.missed = flagged
	g.event(inv, at(flagged, g.dice.between(7*3600, 8*3600)), data.EventInstalmentMissed, "number", inv.number,
		"amount", money(missed.amount), "date", g.cal.str(missed.due))
	broken := g.cal.nextBD(flagged + day(g.dice.between(10, 20)))
	g.remindInstalment(inv, p, *missed, broken)
	if broken >= g.today {
		return
	}
	p.status = data.PlanBroken
	r.holdEnd, r.end, r.stopAfter = broken, g.runEnd(inv, never), ""
	g.advance(r)
	g.decideBadDebt(inv, r)
}
