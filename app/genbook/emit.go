package genbook

import (
	"fmt"

	"relance/data"
)

// actor: everything in a generated book reads as done by its owner.
const actor = "user"

// writeClient writes a client and queues the events of its own timeline.
func (g *generator) writeClient(c *client) error {
	created := c.created
	updated, archived := created, any(nil)
	lang := "fr"
	if c.english {
		lang = "en"
	}
	fake := &invoice{client: c} // the client's own events have no invoice
	g.clientEvent(fake, created, data.EventClientCreated, "name", c.ident.name)
	if c.archiveOn != 0 {
		when := at(c.archiveOn, g.dice.between(9*3600, 17*3600))
		updated, archived = when, g.cal.stampText(when)
		g.clientEvent(fake, when, data.EventClientArchived, "name", c.ident.name, "reason", "Plus de commandes depuis un an.")
	}
	reason := ""
	if c.pausedOn != 0 {
		reason = "Procédure de sauvegarde ouverte : relances suspendues."
		when := at(c.pausedOn, g.dice.between(9*3600, 17*3600))
		updated = when
		g.clientEvent(fake, when, data.EventClientPaused, "reason", reason)
	}
	id := c.ident
	return g.w.clients.add(g.w.exec, c.id, id.name, legacyKind(c.kind), string(c.kind), id.siren, id.vat, id.civility,
		id.contact, id.email, id.cc, id.phone, id.street, id.postcode, id.city, c.category, lang, id.notes,
		c.pausedOn != 0, reason, archived, g.cal.stampText(created), g.cal.stampText(updated))
}

// legacyKind is the old business/consumer column (migration 0006).
func legacyKind(k data.ClientKind) string {
	if k == data.Consumer {
		return "consumer"
	}
	return "professional"
}

// writeInvoice writes an invoice and what happened to it; its events wait
// in the queue for their turn.
func (g *generator) writeInvoice(inv *invoice) error {
	w := g.w
	paid, credited, closed := inv.settled()
	err := w.invoices.add(w.exec, inv.id, inv.number, inv.client.id, g.cal.str(inv.issue), g.cal.opt(inv.deliver),
		g.cal.str(inv.due), inv.amount, inv.poRef, string(inv.state), paid+credited, credited, closed,
		inv.paused, g.cal.opt(inv.pausedUntil), inv.pauseReason, g.cal.stampText(inv.created), g.cal.stampText(inv.updated))
	if err != nil {
		return err
	}
	for _, write := range []func(*invoice) error{g.writePlan, g.writePayments, g.writeCredits, g.writeActions,
		g.writePromises, g.writeTasks} {
		if err := write(inv); err != nil {
			return err
		}
	}
	g.count(inv, paid+credited)
	return nil
}

// settled is what the store caches of the invoice's payments and credit
// notes (refreshSettled): the payments, the credit notes, and whether a
// credit note rather than a payment settled it.
func (inv *invoice) settled() (paid, credited int64, closed bool) {
	var lastPaid, lastCredit day
	for _, p := range inv.payments {
		paid += p.amount
		lastPaid = max(lastPaid, p.on)
	}
	for _, c := range inv.credits {
		credited += c.amount
		lastCredit = max(lastCredit, c.on)
	}
	closed = credited > 0 && paid < inv.amount && paid+credited >= inv.amount && (lastPaid == 0 || lastCredit >= lastPaid)
	return paid, credited, closed
}

func (g *generator) writePlan(inv *invoice) error {
	p := inv.plan
	if p == nil {
		return nil
	}
	w := g.w
	if err := w.plans.add(w.exec, p.id, inv.id, g.cal.str(p.agreed), g.cal.opt(p.signed), p.status,
		g.cal.stampText(p.created)); err != nil {
		return err
	}
	for _, in := range p.instalments {
		if err := w.instalments.add(w.exec, in.id, p.id, g.cal.str(in.due), in.amount, g.cal.opt(in.missed)); err != nil {
			return err
		}
	}
	g.sum.Plans++
	return nil
}

func (g *generator) writePayments(inv *invoice) error {
	w := g.w
	for _, p := range inv.payments {
		w.paymentCount++
		var ref any // a transfer's bank reference, when the owner typed it
		if p.method == "transfer" && w.paymentCount%3 == 0 {
			ref = fmt.Sprintf("VIR-%s-%08d", g.cal.str(p.on), w.paymentCount)
		}
		if err := w.payments.add(w.exec, inv.id, g.cal.str(p.on), p.amount, p.method, ref, g.cal.stampText(p.recorded)); err != nil {
			return err
		}
	}
	g.sum.Payments += len(inv.payments)
	return nil
}

func (g *generator) writeCredits(inv *invoice) error {
	w := g.w
	for _, c := range inv.credits {
		if err := w.creditNotes.add(w.exec, inv.id, g.cal.str(c.on), c.amount, c.reason, g.cal.stampText(c.issued)); err != nil {
			return err
		}
	}
	g.sum.CreditNotes += len(inv.credits)
	return nil
}

func (g *generator) writeActions(inv *invoice) error {
	w := g.w
	for _, a := range inv.actions {
		var instalment any
		if a.instalment != 0 {
			instalment = a.instalment
		}
		var sent any
		if a.sent != 0 {
			sent = g.cal.str(a.sent)
		}
		if err := w.actions.add(w.exec, inv.id, a.step.ID, instalment, g.cal.str(a.planned), string(data.ActionDone),
			a.outcome, a.note, g.cal.stampText(a.done), g.cal.str(a.done.day()), a.tracking, sent,
			g.cal.opt(a.received), g.cal.opt(a.presented)); err != nil {
			return err
		}
	}
	g.sum.Actions += len(inv.actions)
	return nil
}

func (g *generator) writePromises(inv *invoice) error {
	w := g.w
	for _, p := range inv.promises {
		if err := w.promises.add(w.exec, inv.id, g.cal.str(p.made), g.cal.str(p.promised), p.amount,
			string(data.ChannelPhoneCall), p.status, g.cal.opt(p.settled), g.cal.stampText(p.created)); err != nil {
			return err
		}
	}
	g.sum.Promises += len(inv.promises)
	return nil
}

func (g *generator) writeTasks(inv *invoice) error {
	w := g.w
	for _, t := range inv.tasks {
		var done any
		if t.done != 0 {
			done = g.cal.stampText(t.done)
		}
		if err := w.tasks.add(w.exec, t.id, inv.client.id, t.kind, t.note, g.cal.str(t.due), done,
			g.cal.stampText(t.created)); err != nil {
			return err
		}
	}
	g.sum.Tasks += len(inv.tasks)
	return nil
}

// count adds the invoice to the summary: settled, or open (and overdue)
// on today.
func (g *generator) count(inv *invoice, settled int64) {
	g.sum.Invoices++
	if settled >= inv.amount {
		g.sum.Paid++
		return
	}
	g.sum.Open++
	g.sum.ActionsOnOpen += len(inv.actions)
	if inv.due < g.today {
		g.sum.Overdue++
	}
}

// writeEvents writes the queued events that happened before the instant
// until, in time order.
func (g *generator) writeEvents(until stamp) error {
	w := g.w
	for len(g.events) > 0 && g.events[0].at < until {
		e := g.events.pop()
		var invoiceID any
		if e.invoice != 0 {
			invoiceID = e.invoice
		}
		if err := w.events.add(w.exec, g.cal.stampText(e.at), e.client, invoiceID, string(e.kind), e.params, actor); err != nil {
			return err
		}
		g.sum.Events++
	}
	return nil
}
