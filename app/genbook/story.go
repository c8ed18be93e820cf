package genbook

import "relance/data"

// promise is a client's promise made on a call.
type promise struct {
	made, promised day
	amount         int64
	status         string
	settled        day
	created        stamp
}

// task is an owner's task opened by a call.
type task struct {
	id      int64
	kind    string
	note    string
	due     day
	created stamp
	done    stamp // 0: still open
}

// plan is a payment plan and its instalments.
type plan struct {
	id          int64
	agreed      day
	signed      day
	status      string
	created     stamp
	instalments []instalment
}

type instalment struct {
	id     int64
	due    day
	amount int64
	missed day
}

// live writes an invoice's story, from its issue to today.
func (g *generator) live(inv *invoice) {
	f := g.decideFate(inv)
	switch {
	case f.kind == cancelled:
		g.cancelStory(inv, f)
	case f.kind == disputed:
		g.disputeStory(inv, f)
	case f.plan != noPlan:
		g.planStory(inv, f)
	case f.kind == badDebt:
		g.badDebtStory(inv)
	default:
		g.paidStory(inv, f)
	}
}

// pay sets the invoice's payments: all of them for the calls to know what
// is coming, those received by today for the book.
func (g *generator) pay(inv *invoice, list []payment) {
	inv.schedule = append(inv.schedule, list...)
	for _, p := range list {
		if p.on <= g.today {
			p.recorded = g.after(inv.created, at(p.on, g.dice.between(8*3600, 18*3600)))
			inv.payments = append(inv.payments, p)
			g.event(inv, p.recorded, data.EventPaymentRecorded, "number", inv.number,
				"amount", money(p.amount), "date", g.cal.str(p.on), "method", p.method)
		}
	}
}

// paidStory: the invoice is paid, on time or late, at once or in parts,
// reminded until the last payment, thanked after it.
func (g *generator) paidStory(inv *invoice, f fate) {
	payable := inv.amount
	if f.correction > 0 {
		if on := g.cal.nextBD(inv.issue + day(g.dice.between(1, 10))); on < f.settle && on <= g.today {
			g.creditNote(inv, on, f.correction, g.dice.pick(correctionReasons))
			payable -= f.correction
		}
	}
	first := min(inv.issue+day(g.dice.between(1, 10)), f.settle)
	g.pay(inv, g.schedulePayments(inv, first, f.settle, payable))
	g.advance(g.newRun(inv, g.scenarioOf(inv.client).timed, inv.due, f.settle))
	g.thank(inv, f.settle)
}

var correctionReasons = []string{"Erreur de quantité facturée", "Remise oubliée sur la facture", "Erreur de prix unitaire",
	"Frais de port facturés à tort"}

// thank does the scenario's thank-you after the last payment when the
// client was reminded, on the next business day; one in seven is never
// sent once the few days it is proposed have passed.
func (g *generator) thank(inv *invoice, settled day) {
	thanks := g.scenarioOf(inv.client).thanks
	if thanks == nil || !inv.reminded || settled >= g.today {
		return
	}
	on := g.cal.nextBD(settled)
	if on >= g.today || (g.today-settled > 7 && g.dice.chance(1.0/7)) {
		return
	}
	done := at(on, g.dice.between(8*3600, 12*3600))
	for _, p := range inv.payments {
		done = g.after(p.recorded, done)
	}
	a := &action{step: thanks, planned: on, done: done}
	inv.actions = append(inv.actions, a)
	g.stepEvent(inv, a)
}

// badDebtStory: the invoice is never paid in full, now and then in part;
// it goes through the whole scenario, then the owner decides.
func (g *generator) badDebtStory(inv *invoice) {
	if g.dice.chance(0.35) {
		part := roundEuros(inv.amount * int64(g.dice.between(10, 60)) / 100)
		last := g.cal.nextBD(max(inv.due+day(g.dice.between(-10, 40)), inv.issue+1))
		first := min(inv.issue+day(g.dice.between(1, 20)), last)
		g.pay(inv, g.schedulePayments(inv, first, last, part))
	}
	r := g.newRun(inv, g.scenarioOf(inv.client).timed, inv.due, never)
	g.advance(r)
	g.decideBadDebt(inv, r)
}

// Why an owner writes a debt off.
var writeOffReasons = []string{"Client en liquidation judiciaire.", "Montant trop faible pour une procédure.",
	"Client injoignable, adresse inconnue.", "Créance prescrite."}

// decideBadDebt: once the scenario is done, the owner writes the debt off
// (sometimes with a credit note, to get the VAT back), goes to court,
// pauses the reminders while a collective procedure runs, or keeps it.
func (g *generator) decideBadDebt(inv *invoice, r *run) {
	if r.next < len(r.steps) {
		return // still running
	}
	d := g.dice
	last := r.anchorDay
	switch d.weighted([]float64{0.35, 0.25, 0.15, 0.25}) {
	case 0:
		if on := g.cal.nextBD(last + day(d.between(60, 300))); on < g.today {
			g.setState(inv, on, data.StateWrittenOff, d.pick(writeOffReasons))
			if d.chance(0.25) {
				g.creditNote(inv, on, inv.balance(), "Créance irrécouvrable : régularisation de la TVA")
			}
		}
	case 1:
		if on := g.cal.nextBD(last + day(d.between(5, 40))); on < g.today {
			g.setState(inv, on, data.StateInLitigation, "Requête en injonction de payer déposée au greffe.")
		}
	case 2:
		if on := g.cal.nextBD(last + day(d.between(3, 30))); on < g.today {
			g.pause(inv, on, 0, "Procédure collective : créance déclarée au mandataire judiciaire.")
		}
	}
	if d.chance(0.1) {
		if on := g.cal.addBD(last, d.between(2, 10)); on < g.today {
			g.event(inv, at(on, d.between(9*3600, 17*3600)), data.EventDebtAcknowledged, "number", inv.number,
				"date", g.cal.str(on), "note", "Reconnaissance de dette signée par le client.")
		}
	}
}

// cancelStory: the invoice is cancelled by a credit note weeks after its
// issue (an order called off, an invoice sent twice), reminded until then.
func (g *generator) cancelStory(inv *invoice, f fate) {
	g.advance(g.newRun(inv, g.scenarioOf(inv.client).timed, inv.due, f.cancelOn))
	if f.cancelOn <= g.today {
		g.creditNote(inv, f.cancelOn, inv.amount, g.dice.pick(cancelReasons))
	}
}

var cancelReasons = []string{"Annulation de la commande", "Facture émise en double", "Erreur de destinataire"}

// disputeStory: reminded until the client disputes the invoice; the dispute
// ends weeks later, the owner granting a credit note (or cancelling the
// invoice) and pausing reminders while the client pays the rest.
func (g *generator) disputeStory(inv *invoice, f fate) {
	sc := g.scenarioOf(inv.client)
	end := never
	if !sc.hasCall {
		end = f.disputeOn
	}
	r := g.newRun(inv, sc.timed, inv.due, end)
	r.dispute = true
	g.advance(r)
	on := r.disputed
	if on == 0 {
		if sc.hasCall || f.disputeOn >= g.today {
			return // not disputed yet
		}
		on = f.disputeOn
	}
	note := g.dice.pick(disputeNotes)
	g.setState(inv, on, data.StateDisputed, note)
	if f.resolveAfter < 0 {
		return
	}
	g.resolve(inv, f, g.cal.nextBD(on+day(f.resolveAfter)))
}

// resolve ends a dispute on day on (when it has come).
func (g *generator) resolve(inv *invoice, f fate, on day) {
	if on >= g.today {
		return
	}
	if f.fullCredit {
		g.creditNote(inv, on, inv.amount, "Litige : annulation de la facture")
		g.setState(inv, on, data.StateOpen, "Litige clos : facture annulée par avoir.")
		return
	}
	reason := "Litige levé : le client reconnaît la facture."
	if f.resolveCredit > 0 {
		credit := roundEuros(inv.amount * int64(f.resolveCredit) / 100)
		g.creditNote(inv, on, credit, "Geste commercial suite à litige")
		reason = "Litige réglé : avoir de " + money(credit) + " € accordé."
	}
	g.setState(inv, on, data.StateOpen, reason)
	settle := g.cal.addBD(on, f.payAfter)
	g.pause(inv, on, settle+5, "Litige réglé : le client règle le solde sous quinze jours.")
	g.pay(inv, g.schedulePayments(inv, on, settle, inv.balance()))
	g.thank(inv, settle)
}

// creditNote issues a credit note, as CreateCreditNote records it.
func (g *generator) creditNote(inv *invoice, on day, amount int64, reason string) {
	amount = min(amount, inv.balance())
	if amount <= 0 {
		return
	}
	c := credit{on: on, amount: amount, reason: reason, issued: at(on, g.dice.between(9*3600, 17*3600))}
	inv.credits = append(inv.credits, c)
	params := []string{"number", inv.number, "amount", money(amount), "date", g.cal.str(on), "reason", reason}
	if inv.balance() == 0 {
		params = append(params, "closed", "1")
	}
	g.event(inv, c.issued, data.EventCreditNote, params...)
}

// setState changes the invoice's state, as SetInvoiceState records it.
func (g *generator) setState(inv *invoice, on day, state data.InvoiceState, reason string) {
	when := at(on, g.dice.between(9*3600, 17*3600))
	g.event(inv, when, data.EventStateChanged, "number", inv.number, "from", string(inv.state), "to", string(state),
		"reason", reason)
	inv.state, inv.updated = state, when
}

// pause stops reminders on the invoice until the day until (0: until
// resumed), as PauseInvoice records it.
func (g *generator) pause(inv *invoice, on, until day, reason string) {
	when := at(on, g.dice.between(9*3600, 17*3600))
	untilText := ""
	if until != 0 {
		untilText = g.cal.str(until)
	}
	g.event(inv, when, data.EventInvoicePaused, "number", inv.number, "until", untilText, "reason", reason)
	inv.paused, inv.pausedUntil, inv.pauseReason, inv.updated = true, until, reason, when
}

// after keeps an instant that falls on the day of an earlier one from
// coming before it: a step taken on the day an invoice was entered comes
// after its entry.
func (g *generator) after(earlier, s stamp) stamp {
	if s > earlier {
		return s
	}
	return earlier + stamp(g.dice.between(60, 3600))
}

// balance is what is still owed today: the amount less the payments and
// credit notes written so far.
func (inv *invoice) balance() int64 {
	left := inv.amount
	for _, p := range inv.payments {
		left -= p.amount
	}
	for _, c := range inv.credits {
		left -= c.amount
	}
	return left
}
