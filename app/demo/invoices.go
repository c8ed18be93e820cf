package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"relance/data"
)

const (
	// seed only has to stay the same: the same day must give the same book, so
	// that a screenshot or a bug report on demo data can be reproduced.
	seed = 20_260_124
	// historyDays is how far back the book goes: about fourteen months, so that
	// last year's invoices and a full year of payment habits are there.
	historyDays   = 425
	totalInvoices = 150
)

// book is everything Load writes, built before the transaction opens.
type book struct {
	today    data.Date // the day the book is seen from
	company  data.Company
	clients  []data.Client
	invoices []plannedInvoice // in number order
}

// plannedInvoice is an invoice with what happens to it after it is created.
type plannedInvoice struct {
	invoice  data.Invoice // ClientID is set once the client exists
	client   int          // index in demoClients
	payments []data.Payment
	state    data.InvoiceState
	reason   string // why the state changed, for the timeline
	// call is what the first phone call about the invoice finds (a
	// data.Outcome*), when the script decides it; "" leaves it to the replay.
	call string
	// plan: the first payment is the first instalment of a payment plan
	// agreed that day (see history.go).
	plan bool
}

// build makes the demo book as seen on day today.
func build(today data.Date) book {
	g := &generator{rng: rand.New(rand.NewPCG(seed, seed)), today: today}
	plans := append(g.history(totalInvoices-len(scriptedInvoices)), g.scripted()...)
	slices.SortStableFunc(plans, func(a, b plannedInvoice) int {
		return a.invoice.IssueDate.Compare(b.invoice.IssueDate)
	})
	numberByYear(plans)
	assignBankRefs(plans)
	clients := make([]data.Client, len(demoClients))
	for i, row := range demoClients {
		clients[i] = row.client()
	}
	return book{today: today, company: demoCompany(), clients: clients, invoices: plans}
}

// generator draws the random parts of the book from one seeded source, in a
// fixed order, which is what makes the book reproducible.
type generator struct {
	rng   *rand.Rand
	today data.Date
}

// history is the everyday flow of invoices: spread evenly over the period, each
// paid the way its client's category pays, unless that day is still to come.
func (g *generator) history(n int) []plannedInvoice {
	plans := make([]plannedInvoice, 0, n)
	for i := range n {
		issue := g.today.AddDays(-historyDays + i*historyDays/n + g.rng.IntN(3))
		issue = workingDayOnOrBefore(data.EarlierDate(issue, g.today))
		client := g.pickClient()
		p := g.invoice(client, issue, g.randomHT(demoClients[client].ht))
		g.payAsUsual(&p)
		plans = append(plans, p)
	}
	return plans
}

// pickClient draws a client in proportion to its weight: regular customers get
// more invoices than a private person who had one job done.
func (g *generator) pickClient() int {
	total := 0
	for _, row := range demoClients {
		total += row.weight
	}
	r := g.rng.IntN(total)
	for i, row := range demoClients {
		if r < row.weight {
			return i
		}
		r -= row.weight
	}
	return len(demoClients) - 1
}

// invoice drafts an open invoice to a client, issued on issue, for ht cents
// before VAT.
func (g *generator) invoice(client int, issue data.Date, ht int64) plannedInvoice {
	row := demoClients[client]
	amount := withVAT(ht, row.noVAT)
	inv := data.Invoice{
		IssueDate:    issue,
		DeliveryDate: issue.AddDays(-g.deliveryLead()),
		DueDate:      issue.AddDays(row.terms),
		Amount:       amount,
		Currency:     "EUR",
		State:        data.StateOpen,
		Notes:        g.jobLabel(amount),
	}
	if row.po != "" {
		inv.PORef = fmt.Sprintf(row.po, issue.Year(), 1+g.rng.IntN(999))
	}
	return plannedInvoice{invoice: inv, client: client, state: data.StateOpen}
}

// deliveryLead is how many days before the invoice the work was finished:
// often the same day, sometimes the invoice waits a few days.
func (g *generator) deliveryLead() int {
	if g.rng.IntN(2) == 0 {
		return 0
	}
	return 1 + g.rng.IntN(6)
}

// randomHT draws a price before VAT, in cents, rounded the way quotes are:
// mostly to ten euros, sometimes to the euro, now and then with cents. Cents
// stay a multiple of 5 so that 20 % VAT lands on a whole cent.
func (g *generator) randomHT(s span) int64 {
	euros := s.lo + g.rng.IntN(s.hi-s.lo+1)
	switch r := g.rng.IntN(10); {
	case r < 6:
		return int64(max(s.lo, euros/10*10)) * 100
	case r < 9:
		return int64(euros) * 100
	default:
		return int64(euros)*100 + 5*int64(1+g.rng.IntN(19))
	}
}

// withVAT adds French VAT at the standard 20 % rate; clients abroad are
// invoiced without it (reverse charge in the EU, export of services outside).
func withVAT(ht int64, noVAT bool) data.Money {
	if noVAT {
		return data.Money(ht)
	}
	return data.Money(ht * 6 / 5)
}

// jobs are what the workshop bills, by size of invoice.
var jobs = [...][]string{
	{"Dépannage et remplacement de sources LED", "Visite de maintenance", "Fourniture de lampes et variateurs"},
	{"Fourniture et pose de suspensions", "Éclairage de l'accueil et des vitrines", "Étude d'éclairage et plan de feux",
		"Remplacement des spots par des encastrés LED"},
	{"Rénovation de l'éclairage des locaux", "Conception et pose de luminaires sur mesure",
		"Mise en lumière de la façade et de l'enseigne", "Installation d'un éclairage LED pilotable"},
}

func (g *generator) jobLabel(amount data.Money) string {
	size := 0
	if amount >= data.Euros(500, 0) {
		size = 1
	}
	if amount >= data.Euros(3000, 0) {
		size = 2
	}
	return jobs[size][g.rng.IntN(len(jobs[size]))]
}

// payAsUsual records the payment the client's category would make, unless
// that day has not come yet: then the invoice stays open, due or late.
func (g *generator) payAsUsual(p *plannedInvoice) {
	row := demoClients[p.client]
	// Money sent over a weekend is credited on the Friday before or the Monday after.
	paidOn := workingDayOnOrBefore(p.invoice.DueDate.AddDays(g.payDelay(row.category)))
	if paidOn.After(g.today) || !paidOn.After(p.invoice.IssueDate) {
		return
	}
	p.payments = []data.Payment{g.payment(row, paidOn, p.invoice.Amount)}
}

// payDelay is how many days after the due date a client of that category
// pays; negative is early. Terms are 30 days or more and no delay is below
// -10, so nobody pays before receiving the invoice.
func (g *generator) payDelay(category string) int {
	onTime := g.rng.IntN(10) < 4
	switch {
	case category == goodPayer:
		return -g.rng.IntN(11)
	case category == risky:
		return 20 + g.rng.IntN(71)
	case onTime:
		return -g.rng.IntN(4)
	case category == keyAccount:
		// Large accounts pay in their monthly payment run, a little after the due date.
		return 1 + g.rng.IntN(12)
	default:
		return 1 + g.rng.IntN(20)
	}
}

func (g *generator) payment(row clientRow, on data.Date, amount data.Money) data.Payment {
	return data.Payment{Date: workingDayOnOrBefore(on), Amount: amount, Method: g.method(row, amount)}
}

// method is how the client pays: organisations with purchase orders and
// clients abroad always by transfer, other businesses mostly (a cheque now and
// then, a card for a small repair), private persons often by cheque or card.
func (g *generator) method(row clientRow, amount data.Money) string {
	r := g.rng.IntN(10)
	switch {
	case row.po != "" || row.noVAT:
		return "transfer"
	case row.consumer && r < 4:
		return "cheque"
	case row.consumer && r < 8:
		return "card"
	case !row.consumer && r == 0:
		return "cheque"
	case !row.consumer && r == 1 && amount < data.Euros(600, 0):
		return "card"
	}
	return "transfer"
}

// numberByYear numbers the invoices FA-YYYY-NNNN in issue order, restarting
// each year, as French invoicing rules ask for an unbroken sequence.
func numberByYear(plans []plannedInvoice) {
	next := map[int]int{}
	for i := range plans {
		year := plans[i].invoice.IssueDate.Year()
		next[year]++
		plans[i].invoice.Number = fmt.Sprintf("FA-%d-%04d", year, next[year])
	}
}

// assignBankRefs gives every transfer the unique reference a bank statement
// shows, numbered in the order the money arrived.
func assignBankRefs(plans []plannedInvoice) {
	var transfers []*data.Payment
	for i := range plans {
		for j := range plans[i].payments {
			if p := &plans[i].payments[j]; p.Method == "transfer" {
				transfers = append(transfers, p)
			}
		}
	}
	slices.SortStableFunc(transfers, func(a, b *data.Payment) int { return a.Date.Compare(b.Date) })
	for n, p := range transfers {
		p.BankRef = fmt.Sprintf("VIR%s-%05d", strings.ReplaceAll(p.Date.String(), "-", ""), 10_000+n)
	}
}

// workingDayOnOrBefore moves a weekend day back to Friday: invoices go out and
// banks credit money on working days.
func workingDayOnOrBefore(d data.Date) data.Date {
	switch d.Weekday() {
	case time.Saturday:
		return d.AddDays(-1)
	case time.Sunday:
		return d.AddDays(-2)
	}
	return d
}
