package demo

import (
	"fmt"

	"relance/data"
)

// outcome is what happened to a scripted invoice.
type outcome int

const (
	unpaid      outcome = iota // nothing received
	unreachable                // nothing received, and the call finds the contact gone
	partlyPaid                 // a payment plan in three: the first 40 % paid, the second missed
	paidInTwo                  // two instalments, the second one late
	disputed                   // the client contests it, on the phone
	writtenOff                 // given up
)

// scriptedInvoice is an invoice the demo needs whatever the random history
// draws, so that every screen and every status has something to show on any day.
type scriptedInvoice struct {
	client string // clientRow.key
	// dueIn is the days from today to the due date, negative when late. The
	// invoice is issued on the working day on or before the due date less
	// the client's terms, which then run a day or two longer: the due date
	// stays put, so that the steps the table aims at today fall today.
	dueIn   int
	ht      int // euros before VAT
	outcome outcome
}

// scriptedInvoices: late ones at every age (from a few days to more than six
// months, some owed by private persons), ones falling due this week and later,
// and one of each special case. Every payment they imply lies before today.
// Some are placed so that a step of their scenario falls today (on a
// business day): pre-due notices (standard, good-payer and risky clients
// due in 7 and 10 days), a first reminder (D+3), calls (D+10, and D+5 for a
// key account); the rest of the day's list comes from the history.
var scriptedInvoices = []scriptedInvoice{
	{"dubreuil", -330, 80, writtenOff},
	{"margaux", -190, 1045, unpaid},
	{"dubreuil", -150, 405, unpaid},
	{"garage", -120, 2700, unpaid},
	{"tirebouchon", -95, 799, unpaid},
	{"vernet", -70, 6000, paidInTwo},
	{"coiffure", -62, 350, unpaid},
	{"oxymore", -40, 4500, disputed},
	{"dunmore", -34, 3950, unpaid},
	{"orage", -25, 1200, partlyPaid},
	{"optique", -21, 719, unpaid},
	{"mairie", -18, 1565, unreachable},
	{"garnier", -12, 299, unpaid},
	{"berthier", -10, 470, unpaid},
	{"belvedere", -5, 7300, unpaid},
	{"rousseau", -3, 1650, unpaid},
	{"kaleido", 3, 2450, unpaid},
	{"mairie", 4, 620, unpaid},
	{"tilleuls", 7, 1080, unpaid},
	{"comptoir", 7, 350, unpaid}, // the same 420 € TTC as the hair salon's: a credit of 420 € from nobody named is ambiguous
	{"garage", 10, 950, unpaid},
	{"harper", 12, 4200, unpaid},
	{"vernet", 20, 5400, unpaid},
	{"belvedere", 40, 9600, unpaid},
}

const (
	disputeReason = "Le client conteste la facture : deux des six suspensions livrées ne sont pas " +
		"dans la finition du devis (laiton au lieu de noir mat)."
	writeOffReason = "Créance abandonnée : montant inférieur aux frais de recouvrement, " +
		"débiteur injoignable depuis plusieurs mois."
)

func (g *generator) scripted() []plannedInvoice {
	plans := make([]plannedInvoice, 0, len(scriptedInvoices))
	for _, s := range scriptedInvoices {
		client := clientIndex(s.client)
		due := g.today.AddDays(s.dueIn)
		issue := workingDayOnOrBefore(due.AddDays(-demoClients[client].terms))
		p := g.invoice(client, issue, int64(s.ht)*100)
		p.invoice.DueDate = due
		g.apply(&p, s.outcome)
		plans = append(plans, p)
	}
	return plans
}

func (g *generator) apply(p *plannedInvoice, o outcome) {
	row := demoClients[p.client]
	inv := &p.invoice
	switch o {
	case unreachable:
		p.call = data.OutcomeWrongContact
	case partlyPaid:
		p.payments = []data.Payment{g.payment(row, inv.DueDate.AddDays(5), inv.Amount*40/100)}
		p.plan = true
	case paidInTwo:
		first := inv.Amount / 2
		p.payments = []data.Payment{
			g.payment(row, inv.DueDate.AddDays(-3), first),
			g.payment(row, inv.DueDate.AddDays(27), inv.Amount-first),
		}
	case disputed:
		p.state, p.reason = data.StateDisputed, disputeReason
		p.call = data.OutcomeDispute
	case writtenOff:
		p.state, p.reason = data.StateWrittenOff, writeOffReason
	}
}

// clientIndex finds a client of the table by key; a wrong key is a typo in the
// tables above, which the tests catch.
func clientIndex(key string) int {
	for i, row := range demoClients {
		if row.key == key {
			return i
		}
	}
	panic(fmt.Sprintf("demo: no client %q", key))
}
