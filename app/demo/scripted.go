package demo

import (
	"fmt"

	"relance/data"
)

// outcome is what happened to a scripted invoice.
type outcome int

const (
	unpaid     outcome = iota // nothing received
	partlyPaid                // 40 % received after the due date
	paidInTwo                 // two instalments, the second one late
	disputed                  // the client contests it
	writtenOff                // given up
)

// scriptedInvoice is an invoice the demo needs whatever the random history
// draws, so that every screen and every status has something to show on any day.
type scriptedInvoice struct {
	client string // clientRow.key
	// dueIn is the days from today to the due date, negative when late; a day
	// or two less when the issue date would fall on a weekend.
	dueIn   int
	ht      int // euros before VAT
	outcome outcome
}

// scriptedInvoices: late ones at every age (from a few days to more than six
// months, some owed by private persons), ones falling due this week and later,
// and one of each special case. Every payment they imply lies before today, and
// the ones due this week stay due after a weekend shift of their issue date.
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
	{"mairie", -18, 1565, unpaid},
	{"garnier", -12, 299, unpaid},
	{"berthier", -8, 470, unpaid},
	{"rousseau", -5, 1650, unpaid},
	{"belvedere", -3, 7300, unpaid},
	{"kaleido", 3, 2450, unpaid},
	{"mairie", 4, 620, unpaid},
	{"tilleuls", 5, 1080, unpaid},
	{"comptoir", 6, 440, unpaid},
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
		g.apply(&p, s.outcome)
		plans = append(plans, p)
	}
	return plans
}

func (g *generator) apply(p *plannedInvoice, o outcome) {
	row := demoClients[p.client]
	inv := &p.invoice
	switch o {
	case partlyPaid:
		p.payments = []data.Payment{g.payment(row, inv.DueDate.AddDays(5), inv.Amount*40/100)}
	case paidInTwo:
		first := inv.Amount / 2
		p.payments = []data.Payment{
			g.payment(row, inv.DueDate.AddDays(-3), first),
			g.payment(row, inv.DueDate.AddDays(27), inv.Amount-first),
		}
	case disputed:
		p.state, p.reason = data.StateDisputed, disputeReason
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
