package genbook

import "relance/data"

// How an invoice is paid: at once, a deposit then the balance, in equal
// parts ("en trois fois"), in irregular parts, or in a long series of small
// transfers. Large invoices are more often paid in parts.
const (
	paySingle = iota
	payDeposit
	paySplit
	paySpread
	paySeries
)

// minGapDays: two payments of one invoice are at least this far apart.
const minGapDays = 3

// schedulePayments draws the payments that pay total, the last of them on
// last; the first may come as early as from.
func (g *generator) schedulePayments(inv *invoice, from, last day, total int64) []payment {
	d := g.dice
	pattern, parts := g.paymentPattern(total)
	if room := int(last-from) / minGapDays; parts > room+1 {
		parts = room + 1
	}
	if parts <= 1 {
		return []payment{g.payment(inv.client, last, total)}
	}
	switch pattern {
	case payDeposit:
		deposit := roundEuros(total * int64(d.between(3, 5)) / 10)
		first := g.cal.nextBD(inv.issue + day(d.intn(5)))
		if deposit >= total || first >= last {
			break
		}
		return []payment{g.payment(inv.client, first, deposit), g.payment(inv.client, last, total-deposit)}
	case paySpread:
		return g.spreadPayments(inv.client, from, last, total, parts)
	}
	return g.evenPayments(inv.client, from, last, total, parts)
}

// paymentPattern draws how an invoice of total cents is paid, and in how
// many payments.
func (g *generator) paymentPattern(total int64) (pattern, parts int) {
	d := g.dice
	switch {
	case total < 300_00:
		if d.chance(0.4) {
			return paySplit, 2
		}
		return paySingle, 1
	case total < 2000_00:
		pattern = d.weighted([]float64{0.24, 0.2, 0.22, 0.22, 0.12})
	default:
		pattern = d.weighted([]float64{0.2, 0.2, 0.2, 0.22, 0.18})
	}
	switch pattern {
	case payDeposit:
		return pattern, 2
	case paySplit:
		return pattern, d.between(2, 4)
	case paySpread:
		return pattern, d.between(3, 7)
	case paySeries:
		return pattern, d.between(6, 12)
	}
	return paySingle, 1
}

// evenPayments pays total in equal parts at even intervals from first to
// last (the last part takes the cents left over).
func (g *generator) evenPayments(c *client, first, last day, total int64, parts int) []payment {
	out := make([]payment, 0, parts)
	part := total / int64(parts)
	if part >= 1000 {
		part = part / 100 * 100
	}
	for i := range parts - 1 {
		on := g.cal.nextBD(first + day(int(last-first)*i/(parts-1)))
		out = append(out, g.payment(c, on, part))
	}
	return append(out, g.payment(c, last, total-part*int64(parts-1)))
}

// spreadPayments pays total in parts of different sizes on irregular days.
func (g *generator) spreadPayments(c *client, first, last day, total int64, parts int) []payment {
	d := g.dice
	out := make([]payment, 0, parts)
	left, on := total, first
	for i := range parts - 1 {
		share := roundEuros(left * int64(d.between(50, 150)) / 100 / int64(parts-i))
		room := int(last-on) - minGapDays*(parts-1-i)
		if share >= left || room < 0 {
			break
		}
		on = g.cal.nextBD(on + day(d.intn(room+1)))
		if on >= last {
			break
		}
		out = append(out, g.payment(c, on, share))
		left -= share
		on += minGapDays
	}
	return append(out, g.payment(c, last, left))
}

// methods a business pays by, and how often; consumers pay by card and
// cheque more.
var (
	methods         = []string{"transfer", "cheque", "card", "direct_debit", "cash", "other"}
	businessMethods = []float64{0.78, 0.1, 0.03, 0.07, 0.005, 0.015}
	consumerMethods = []float64{0.35, 0.25, 0.3, 0.05, 0.04, 0.01}
)

func (g *generator) payment(c *client, on day, amount int64) payment {
	weights := businessMethods
	if c.kind == data.Consumer {
		weights = consumerMethods
	}
	return payment{on: on, amount: amount, method: methods[g.dice.weighted(weights)]}
}
