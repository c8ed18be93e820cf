package genbook

import (
	"fmt"
	"math"
	"time"

	"relance/data"
)

// Amounts, in cents: 50 € to 20,000 € including VAT.
const (
	minAmount = 50_00
	maxAmount = 20_000_00
)

// roundPrices are the prices a small business quotes again and again, in
// euros including VAT: many invoices repeat them.
var roundPrices = []int64{
	50, 60, 75, 80, 90, 100, 120, 150, 180, 200, 240, 250, 300, 350, 360, 400, 450, 480, 500, 600,
	720, 750, 800, 900, 960, 1000, 1200, 1500, 1800, 2000, 2400, 2500, 3000, 3600, 4000, 4800, 5000,
	6000, 7200, 7500, 9000, 10000, 12000, 15000, 18000, 20000,
}

// price draws an amount around typical (cents): a round price, a round
// price before VAT, or an exact one.
func price(d *dice, typical float64) int64 {
	raw := math.Min(math.Max(d.logNormal(typical, 0.55), minAmount), maxAmount)
	switch d.weighted([]float64{0.35, 0.25, 0.4}) {
	case 0:
		return nearestRound(raw) * 100
	case 1: // a round price before VAT, 20 % added
		return clampAmount(int64(math.Round(raw/1.2/1000)) * 1000 * 12 / 10)
	}
	return clampAmount(int64(math.Round(raw/1.2)) * 12 / 10)
}

func nearestRound(cents float64) int64 {
	best := roundPrices[0]
	for _, p := range roundPrices {
		if math.Abs(float64(p*100)-cents) < math.Abs(float64(best*100)-cents) {
			best = p
		}
	}
	return best
}

func clampAmount(c int64) int64 { return min(max(c, minAmount), maxAmount) }

// invoiceAmount draws what a client is billed: its regular amount a third
// of the time when it has one, else a price around its typical invoice.
func (g *generator) invoiceAmount(c *client) int64 {
	if c.regular > 0 && g.dice.chance(0.35) {
		return c.regular
	}
	return price(g.dice, c.typical)
}

// seasons weighs the months: quiet August, busy autumn and December.
var seasons = [13]float64{0, 0.95, 1.0, 1.1, 1.05, 0.95, 1.1, 0.9, 0.5, 1.05, 1.1, 1.05, 1.2}

// yearlyGrowth: the business grows a quarter a year, so that recent years
// hold more invoices than old ones.
const yearlyGrowth = 1.25

// dailyCounts spreads n invoices over the days from first to today: none
// on Sundays and holidays, few on Saturdays, more in busy months and on the
// last business days of a month (when many businesses invoice), and more
// every year.
func (g *generator) dailyCounts(n int) []int {
	days := int(g.today-g.first) + 1
	weights := make([]float64, days)
	total := 0.0
	for i := range weights {
		weights[i] = g.dayWeight(g.first + day(i))
		total += weights[i]
	}
	counts := make([]int, days)
	cum, given := 0.0, 0
	for i, w := range weights {
		cum += w
		upto := int(math.Round(cum / total * float64(n)))
		counts[i] = upto - given
		given = upto
	}
	return counts
}

func (g *generator) dayWeight(d day) float64 {
	date := g.cal.date(d)
	wd := date.Weekday()
	switch {
	case wd == time.Sunday:
		return 0
	case wd == time.Saturday:
		return 0.1
	case !g.cal.isBusiness(d):
		return 0
	}
	w := seasons[date.Month()] * math.Pow(yearlyGrowth, float64(d-g.first)/365.25)
	if next := g.cal.addBD(d, 2); g.cal.date(next).Month() != date.Month() {
		w *= 1.8 // the last two business days of the month
	}
	return w
}

// invoice is one generated invoice with everything that happened to it.
type invoice struct {
	id      int64
	client  *client
	number  string
	issue   day
	deliver day // 0: not given
	due     day
	amount  int64
	poRef   string
	created stamp
	updated stamp

	state       data.InvoiceState
	paused      bool
	pausedUntil day
	pauseReason string

	schedule []payment // every payment, those after today included (a call knows they are coming)
	payments []payment // those received by today
	credits  []credit
	reminded bool // a message asked for payment: a thank-you follows it
	actions  []*action
	promises []*promise
	plan     *plan
	tasks    []*task
}

type payment struct {
	on       day
	amount   int64
	method   string
	recorded stamp // when the owner entered it (its event's instant)
}

type credit struct {
	on     day
	amount int64
	reason string
	issued stamp
}

// newInvoice draws an invoice issued on day d for client c; numbers run
// per year, FA-2026-00001 onwards.
func (g *generator) newInvoice(d day, c *client) *invoice {
	g.nextInvoiceID++
	year := g.cal.date(d).Year()
	if year != g.numberYear {
		g.numberYear, g.numberInYear = year, 0
	}
	g.numberInYear++
	inv := &invoice{id: g.nextInvoiceID, client: c, number: fmt.Sprintf("FA-%d-%05d", year, g.numberInYear),
		issue: d, due: c.terms.due(g.cal, d), amount: g.invoiceAmount(c), state: data.StateOpen}
	inv.created = g.after(c.created, at(d, g.dice.between(7*3600, 17*3600)))
	inv.updated = inv.created
	if g.dice.chance(0.7) {
		inv.deliver = d - day(g.dice.intn(10))
	}
	inv.poRef = g.poRef(c, year)
	g.event(inv, inv.created, data.EventInvoiceCreated, "number", inv.number, "amount", money(inv.amount),
		"due_date", g.cal.str(inv.due))
	return inv
}

// poRef is the client's purchase-order reference: key accounts and public
// buyers send one with most orders, others rarely.
func (g *generator) poRef(c *client, year int) string {
	p := 0.05
	if c.category == catKeyAccount || c.kind == data.PublicBuyer {
		p = 0.8
	}
	if !g.dice.chance(p) {
		return ""
	}
	if c.kind == data.PublicBuyer {
		return fmt.Sprintf("BC %d/%04d", year, g.dice.intn(10000))
	}
	return fmt.Sprintf("PO-%06d", g.dice.intn(1_000_000))
}

// money is an amount as the timeline's parameters hold it (1250,00).
func money(cents int64) string { return data.Money(cents).Plain() }
