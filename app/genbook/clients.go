package genbook

import (
	"math"

	"relance/data"
)

// Client categories (the categories table's keys) and how each pays: the
// shares of its invoices paid on time, a few days late, late (the long
// tail) and never.
const (
	catStandard   = "standard"
	catGoodPayer  = "good_payer"
	catRisky      = "risky"
	catKeyAccount = "key_account"
)

type payerHabits struct {
	onTime, fewDays, tail, never float64
}

var habits = map[string]payerHabits{
	catGoodPayer:  {onTime: 0.80, fewDays: 0.17, tail: 0.025, never: 0.005},
	catStandard:   {onTime: 0.50, fewDays: 0.33, tail: 0.13, never: 0.04},
	catRisky:      {onTime: 0.26, fewDays: 0.36, tail: 0.26, never: 0.12},
	catKeyAccount: {onTime: 0.38, fewDays: 0.48, tail: 0.125, never: 0.015},
}

// client is a generated client and what its invoices depend on.
type client struct {
	id       int64
	kind     data.ClientKind
	category string
	ident    identity
	english  bool

	weight  float64 // its share of the invoices while active
	typical float64 // median invoice, in cents
	regular int64   // an amount it is billed again and again (a contract); 0: none
	terms   terms

	created   stamp // when it was entered
	start     day   // first day it can be invoiced
	end       day   // last day it can be invoiced (0: never leaves)
	archiveOn day   // archived that day (0: never)
	pausedOn  day   // its reminders paused since that day (0: never)
}

// terms is a client's payment terms.
type terms struct {
	days       int
	endOfMonth bool // "45 jours fin de mois": the due date moves to the month's end
}

// due is the due date of an invoice issued on issue.
func (t terms) due(c *calendar, issue day) day {
	d := issue + day(t.days)
	if t.endOfMonth {
		d = c.endOfMonth(d)
	}
	return d
}

// newClients draws n clients. Some were clients before the book's first
// day; the others come over the five years, and about a third leave.
func (g *generator) newClients(n int) []*client {
	out := make([]*client, n)
	for i := range out {
		out[i] = g.newClient(int64(i + 1))
	}
	// The first client stays from start to end, so that any day has one to invoice.
	out[0].start, out[0].end, out[0].archiveOn = g.first-day(g.dice.between(30, 400)), 0, 0
	out[0].created = at(out[0].start, 9*3600)
	return out
}

func (g *generator) newClient(id int64) *client {
	d := g.dice
	c := &client{id: id, kind: d.debtorType()}
	c.category = d.category(c.kind)
	c.ident = d.identity(c.kind)
	c.english = d.chance(0.03)
	c.weight = d.logNormal(1, 1.1) * sizeFactor(c)
	c.typical = d.logNormal(typicalEuros(c.kind), 0.8) * 100
	if c.category == catKeyAccount {
		c.typical *= 2.5
	}
	if d.chance(0.4) {
		c.regular = price(d, c.typical)
	}
	c.terms = d.terms(c)
	g.placeInTime(c)
	return c
}

// placeInTime sets when the client came, when it left (if it did) and when
// the owner archived it.
func (g *generator) placeInTime(c *client) {
	d := g.dice
	span := int(g.today - g.first)
	if d.chance(0.3) {
		c.start = g.first - day(d.between(1, 400))
	} else {
		c.start = g.first + day(d.intn(max(1, span-20)))
	}
	c.created = at(c.start-day(d.intn(5)), d.between(9*3600, 17*3600))
	if d.chance(0.35) {
		if end := c.start + day(90+d.expo(700)); end < g.today-90 {
			c.end = end
		}
	}
	// A client gone for over a year is archived now and then; its invoices
	// are all settled by then (see fate: such clients never leave a debt).
	if c.end != 0 && d.chance(0.4) {
		if on := c.end + day(d.between(300, 700)); on < g.today {
			c.archiveOn = on
		}
	}
	// Now and then a client in a court-supervised procedure has its
	// reminders paused.
	if on := g.today - day(d.between(10, 200)); c.archiveOn == 0 && on > c.created.day() && d.chance(0.004) {
		c.pausedOn = on
	}
}

// sizeFactor: key accounts buy often, consumers rarely.
func sizeFactor(c *client) float64 {
	switch {
	case c.category == catKeyAccount:
		return 3
	case c.kind == data.Consumer:
		return 0.3
	case c.kind == data.PublicBuyer:
		return 1.5
	}
	return 1
}

func typicalEuros(kind data.ClientKind) float64 {
	switch kind {
	case data.Consumer:
		return 250
	case data.PublicBuyer:
		return 1800
	case data.Civil:
		return 700
	}
	return 900
}

func (d *dice) debtorType() data.ClientKind {
	kinds := []data.ClientKind{data.Commercial, data.Civil, data.PublicBuyer, data.Consumer}
	return kinds[d.weighted([]float64{0.66, 0.08, 0.04, 0.22})]
}

func (d *dice) category(kind data.ClientKind) string {
	if kind == data.Consumer || kind == data.PublicBuyer {
		return []string{catStandard, catGoodPayer, catRisky}[d.weighted([]float64{0.6, 0.25, 0.15})]
	}
	cats := []string{catStandard, catGoodPayer, catRisky, catKeyAccount}
	return cats[d.weighted([]float64{0.5, 0.3, 0.13, 0.07})]
}

func (d *dice) terms(c *client) terms {
	switch {
	case c.kind == data.Consumer:
		return terms{days: []int{0, 15, 30}[d.weighted([]float64{0.4, 0.3, 0.3})]}
	case c.kind == data.PublicBuyer:
		return terms{days: 30}
	case c.category == catKeyAccount:
		return []terms{{days: 60}, {days: 45, endOfMonth: true}}[d.intn(2)]
	}
	all := []terms{{days: 30}, {days: 45, endOfMonth: true}, {days: 30, endOfMonth: true}, {days: 60}, {days: 45}}
	return all[d.weighted([]float64{0.45, 0.15, 0.1, 0.15, 0.15})]
}

// activeSet draws the client of the next invoice among those active on the
// day, in proportion to their weight: a Fenwick tree of the weights, where
// a client that comes or leaves is one update.
type activeSet struct {
	tree    []float64
	weights []float64
}

func newActiveSet(n int) *activeSet {
	return &activeSet{tree: make([]float64, n+1), weights: make([]float64, n)}
}

// set gives client i (0-based) weight w.
func (a *activeSet) set(i int, w float64) {
	delta := w - a.weights[i]
	a.weights[i] = w
	for j := i + 1; j < len(a.tree); j += j & -j {
		a.tree[j] += delta
	}
}

func (a *activeSet) total() float64 {
	sum := 0.0
	for j := len(a.tree) - 1; j > 0; j -= j & -j {
		sum += a.tree[j]
	}
	return sum
}

// find returns the client whose weight interval holds u (0 <= u < total).
func (a *activeSet) find(u float64) int {
	pos := 0
	for step := 1 << int(math.Log2(float64(len(a.tree)))); step > 0; step >>= 1 {
		if next := pos + step; next < len(a.tree) && a.tree[next] <= u {
			pos = next
			u -= a.tree[next]
		}
	}
	// Rounding can leave u past the last weight: fall back to the last active client.
	for i := min(pos, len(a.weights)-1); i >= 0; i-- {
		if a.weights[i] > 0 {
			return i
		}
	}
	return 0
}
