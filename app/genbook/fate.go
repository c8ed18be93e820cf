package genbook

// fateKind is how an invoice ends.
type fateKind int

const (
	paidOnTime  fateKind = iota // settled by its due date
	paidFewDays                 // 1 to 19 days late
	paidLate                    // the long tail: 20 to 120 days late
	badDebt                     // never paid in full
	disputed                    // disputed, then settled with or without a credit note
	cancelled                   // cancelled by a credit note
)

// fate is what the generator decided will become of an invoice, before
// writing what happened up to today.
type fate struct {
	kind   fateKind
	settle day // the last payment's day; never for a bad debt

	correction int64 // a credit note for a billing error, before any payment (cents)
	cancelOn   day   // cancelled: the credit note's day

	// A dispute: raised at the scenario's first call after the due date
	// (on disputeOn when the scenario has none), settled resolveAfter days
	// later with a credit note of resolveCredit (in %), or by cancelling the
	// invoice, or never; the rest is paid payAfter business days later.
	disputeOn     day
	resolveAfter  int
	resolveCredit int
	fullCredit    bool
	payAfter      int

	plan planFate
}

// planFate: a payment plan agreed after the formal notice, kept or broken.
type planFate int

const (
	noPlan planFate = iota
	planKept
	planBroken
)

// Shares of the invoices with a story of their own.
const (
	cancelShare     = 0.004
	disputeShare    = 0.015
	correctionShare = 0.008
)

// decideFate draws an invoice's fate from its client's habits. A client
// that will be archived leaves no debt behind: the owner archived it once
// everything was settled.
func (g *generator) decideFate(inv *invoice) fate {
	d := g.dice
	leaves := inv.client.archiveOn != 0
	switch u := d.r.Float64(); {
	case u < cancelShare:
		return fate{kind: cancelled, settle: never, cancelOn: g.cal.nextBD(inv.issue + day(d.between(1, 40)))}
	case u < cancelShare+disputeShare:
		return g.disputeFate(inv, leaves)
	}
	f := fate{kind: g.lateness(inv.client, leaves)}
	if d.chance(correctionShare) {
		f.correction = roundEuros(inv.amount * int64(d.between(5, 20)) / 100)
	}
	f.settle = g.settleDay(inv, f.kind)
	// A plan follows a formal notice: scenarios without one have none; nor
	// does a client about to leave (its last plan would outlive it).
	if leaves || !g.scenarioOf(inv.client).hasNotice {
		return f
	}
	switch {
	case f.kind == paidLate && d.chance(0.1):
		f.plan = planKept
	case f.kind == badDebt && d.chance(0.2):
		f.plan = planBroken
	}
	return f
}

// lateness draws when the client pays, from its category's habits.
func (g *generator) lateness(c *client, leaves bool) fateKind {
	h := habits[c.category]
	never := h.never
	if leaves {
		never = 0
	}
	return fateKind(g.dice.weighted([]float64{h.onTime, h.fewDays, h.tail, never}))
}

// settleDay is the day the last payment comes in: a few days before the
// due date for most, days or months after it for the others.
func (g *generator) settleDay(inv *invoice, kind fateKind) day {
	d := g.dice
	var s day
	switch kind {
	case paidOnTime:
		s = max(inv.due-day(d.expo(3)), inv.issue+day(min(2, int(inv.due-inv.issue))))
	case paidFewDays:
		s = inv.due + day(min(19, 1+d.expo(6)))
	case paidLate:
		s = inv.due + day(min(120, 20+d.expo(28)))
	default:
		return never
	}
	return g.cal.nextBD(s)
}

// disputeFate: the client disputes the invoice at the first call (or some
// days after the due date when its scenario has none); the owner settles
// it weeks later with a credit note, or cancels the invoice, or it is
// still disputed today.
func (g *generator) disputeFate(inv *invoice, leaves bool) fate {
	d := g.dice
	f := fate{kind: disputed, settle: never, disputeOn: g.cal.nextBD(inv.due + day(d.between(5, 12))),
		resolveAfter: d.between(10, 45), payAfter: d.between(2, 10)}
	switch {
	case !leaves && d.chance(0.15):
		f.resolveAfter = -1 // never resolved
	case d.chance(0.25):
		f.fullCredit = true
	case d.chance(0.7):
		f.resolveCredit = d.between(5, 30)
	}
	return f
}

func roundEuros(cents int64) int64 { return max(100, cents/100*100) }
