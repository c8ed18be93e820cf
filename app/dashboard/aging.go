package dashboard

import (
	"cmp"
	"slices"

	"relance/data"
)

// Bucket is a slice of the aged balance: not yet due, or past due by a
// range of days.
type Bucket int

// The aged balance's buckets, in the order they are shown.
const (
	NotDue     Bucket = iota // due today or later
	Late1to30                // 1 to 30 days past due
	Late31to60               // 31 to 60
	Late61to90               // 61 to 90
	LateOver90               // more than 90
	BucketCount
)

// Buckets are the buckets in order, for ranging over.
var Buckets = [BucketCount]Bucket{NotDue, Late1to30, Late31to60, Late61to90, LateOver90}

// Key names the bucket for translations ("dashboard.aged.<key>") and for
// exports' column headers.
func (b Bucket) Key() string {
	return [...]string{"not_due", "1_30", "31_60", "61_90", "over_90"}[b]
}

// BucketOf says which bucket an amount due on day due falls in on day
// today.
func BucketOf(due, today data.Date) Bucket {
	late := today.DaysSince(due)
	switch {
	case late <= 0:
		return NotDue
	case late <= 30:
		return Late1to30
	case late <= 60:
		return Late31to60
	case late <= 90:
		return Late61to90
	default:
		return LateOver90
	}
}

// Aged is an aged balance: what is left to pay in each bucket.
type Aged [BucketCount]data.Money

// Total is the sum of the buckets.
func (a *Aged) Total() data.Money {
	var t data.Money
	for _, m := range a {
		t += m
	}
	return t
}

// Counts the balance counts: an open invoice (something left to pay, not
// written off, not cancelled by a credit note) adds what is left of it to
// its bucket. Disputed invoices count: they are owed until settled.
func Counts(l *data.InvoiceLine) bool {
	return l.State != data.StateWrittenOff && !l.CreditClosed && Left(l) > 0
}

// Left is what is left to pay on an invoice line.
func Left(l *data.InvoiceLine) data.Money { return l.Amount - l.Paid - l.Credited }

// ClientAged is one client's aged balance.
type ClientAged struct {
	ClientID   int64
	ClientName string
	Aged       Aged
}

// AgedByClient works out the aged balance of each client with something
// owed, from the unpaid invoice lines (data.UnpaidInvoiceLines), the most
// owed first.
func AgedByClient(lines []data.InvoiceLine, today data.Date) []ClientAged {
	byClient := map[int64]*ClientAged{}
	var order []*ClientAged
	for i := range lines {
		l := &lines[i]
		if !Counts(l) {
			continue
		}
		c := byClient[l.ClientID]
		if c == nil {
			c = &ClientAged{ClientID: l.ClientID, ClientName: l.ClientName}
			byClient[l.ClientID] = c
			order = append(order, c)
		}
		c.Aged[BucketOf(l.DueDate, today)] += Left(l)
	}
	out := make([]ClientAged, len(order))
	for i, c := range order {
		out[i] = *c
	}
	sortByOwed(out)
	return out
}

// sortByOwed puts the most owed first, then by name, then by id, so that
// equal balances keep one order.
func sortByOwed(cs []ClientAged) {
	slices.SortFunc(cs, func(a, b ClientAged) int {
		if c := cmp.Compare(b.Aged.Total(), a.Aged.Total()); c != 0 {
			return c
		}
		if c := cmp.Compare(a.ClientName, b.ClientName); c != 0 {
			return c
		}
		return cmp.Compare(a.ClientID, b.ClientID)
	})
}
