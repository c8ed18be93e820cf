package dashboard

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"relance/data"
)

// Weeks is how many weeks the cash chart shows on each side of today.
const Weeks = 8

// CountbackMonths is how many months of sales the DSO counts back over.
const CountbackMonths = 3

// TopLate is how many of the most late clients the dashboard lists.
const TopLate = 10

// Figures is the dashboard as of a day.
type Figures struct {
	Today       data.Date
	Outstanding data.Money // left to pay on open invoices, disputed ones included
	Overdue     data.Money // of which past due
	// DSO is the days of sales the outstanding amount stands for, by the
	// countback method (DSOOf); DSOKnown is false with no sales to count
	// back over.
	DSO      float64
	DSOKnown bool
	// AvgDaysLate is how late the payments of the last CountbackMonths
	// months came, in days past the due date, weighted by amount (on time
	// counts 0); AvgKnown is false with no payment.
	AvgDaysLate float64
	AvgKnown    bool
	// Collected this month so far, and over the whole of last month.
	CollectedMonth, CollectedLastMonth data.Money

	Aged      Aged
	AgedItems [BucketCount][]int64 // the invoices behind each bucket

	// Past are the last Weeks weeks, the oldest first, each ending on a
	// day before the next starts; the last ends today. Ahead are the next
	// Weeks weeks, from today on.
	Past, Ahead [Weeks]Week
	// Undated is what is past due with nothing promised: it may come any
	// day, or never, and no week shows it.
	Undated      data.Money
	UndatedItems []int64

	Late []ClientAged // the clients most late, the most overdue first (at most TopLate)
}

// Week is one bar of the cash chart: seven days from First, with the money
// received (past) or expected (ahead) and, ahead, the invoices behind it
// (the past weeks' are read when asked for: data.ListInvoiceIDsPaidBetween).
type Week struct {
	First, Last data.Date
	Amount      data.Money
	Items       []int64
}

// Compute works out the dashboard from the book read as of today
// (data.Store.LoadDashboardBook with Since(today)).
func Compute(b *data.DashboardBook, today data.Date) *Figures {
	f := &Figures{Today: today}
	f.openBalance(b.Open)
	f.weeks()
	f.forecast(b)
	f.collected(b.Received)
	f.DSO, f.DSOKnown = DSOOf(f.Outstanding, b.Sales, today)
	return f
}

// Since is the first day the dashboard reads sales and payments from: the
// countback's months and the past weeks, whichever reaches further.
func Since(today data.Date) data.Date {
	since := today.AddDays(-7*Weeks + 1)
	for _, d := range []data.Date{today.AddMonths(-CountbackMonths), today.AddMonths(-1).FirstOfMonth()} {
		if d.Before(since) {
			since = d
		}
	}
	return since
}

// openBalance adds up the open invoices: outstanding, overdue, the aged
// balance and the clients most late.
func (f *Figures) openBalance(open []data.InvoiceLine) {
	for i := range open {
		l := &open[i]
		if !Counts(l) {
			continue
		}
		left, b := Left(l), BucketOf(l.DueDate, f.Today)
		f.Outstanding += left
		if b != NotDue {
			f.Overdue += left
		}
		f.Aged[b] += left
		f.AgedItems[b] = append(f.AgedItems[b], l.ID)
	}
	f.Late = mostLate(AgedByClient(open, f.Today))
}

// mostLate keeps the clients with something overdue, the most overdue
// first, at most TopLate.
func mostLate(all []ClientAged) []ClientAged {
	var late []ClientAged
	for _, c := range all {
		if c.Overdue() > 0 {
			late = append(late, c)
		}
	}
	slices.SortStableFunc(late, func(a, b ClientAged) int { return cmp.Compare(b.Overdue(), a.Overdue()) })
	return late[:min(len(late), TopLate)]
}

// Overdue is what the client owes past its due dates.
func (c *ClientAged) Overdue() data.Money { return c.Aged.Total() - c.Aged[NotDue] }

// weeks sets the days of the chart's bars.
func (f *Figures) weeks() {
	for k := range Weeks {
		last := f.Today.AddDays(-7 * (Weeks - 1 - k))
		f.Past[k] = Week{First: last.AddDays(-6), Last: last}
		first := f.Today.AddDays(7 * k)
		f.Ahead[k] = Week{First: first, Last: first.AddDays(6)}
	}
}

// collected adds up what was received: the past weeks, this month and
// last, and how late it came.
func (f *Figures) collected(received []data.PaidDay) {
	monthStart, lastMonthStart := f.Today.FirstOfMonth(), f.Today.AddMonths(-1).FirstOfMonth()
	countbackStart := f.Today.AddMonths(-CountbackMonths)
	var centDays int64
	var amount data.Money
	for _, d := range received {
		if d.Day.After(f.Today) {
			continue
		}
		if k := weekOf(&f.Past, d.Day); k >= 0 {
			f.Past[k].Amount += d.Amount
		}
		switch {
		case !d.Day.Before(monthStart):
			f.CollectedMonth += d.Amount
		case !d.Day.Before(lastMonthStart):
			f.CollectedLastMonth += d.Amount
		}
		if d.Day.After(countbackStart) {
			centDays += d.CentDaysLate
			amount += d.Amount
		}
	}
	if amount > 0 {
		f.AvgDaysLate, f.AvgKnown = float64(centDays)/float64(amount), true
	}
}

// weekOf is the index of the week holding day d, or -1.
func weekOf(weeks *[Weeks]Week, d data.Date) int {
	for k := range weeks {
		if !d.Before(weeks[k].First) && !d.After(weeks[k].Last) {
			return k
		}
	}
	return -1
}

// appendOnce appends id unless it is the last one there: the forecast
// goes through the invoices one by one, so that an invoice that adds to a
// list twice (a promise and the rest of its balance in one week) does so
// in a row.
func appendOnce(ids []int64, id int64) []int64 {
	if len(ids) > 0 && ids[len(ids)-1] == id {
		return ids
	}
	return append(ids, id)
}

// Reader is what the dashboard reads of the store.
type Reader interface {
	LoadDashboardBook(ctx context.Context, since data.Date) (data.DashboardBook, error)
	ClientNames(ctx context.Context, ids []int64) (map[int64]string, error)
}

// Load reads the book and works out its dashboard as of today, the most
// late clients named.
func Load(ctx context.Context, r Reader, today data.Date) (*Figures, error) {
	b, err := r.LoadDashboardBook(ctx, Since(today))
	if err != nil {
		return nil, err
	}
	f := Compute(&b, today)
	ids := make([]int64, len(f.Late))
	for i, c := range f.Late {
		ids[i] = c.ClientID
	}
	names, err := r.ClientNames(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("dashboard: %w", err)
	}
	for i := range f.Late {
		f.Late[i].ClientName = names[f.Late[i].ClientID]
	}
	return f, nil
}
