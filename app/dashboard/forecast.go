package dashboard

import "relance/data"

// forecast spreads what is left to pay on open invoices over the weeks
// ahead, on the day each amount is expected:
//   - an active payment plan: its unpaid instalments on their due dates
//     (payments since the plan was agreed pay them in due-date order);
//   - an open promise not yet past: the amount promised on its day, the
//     rest as though there were no promise;
//   - otherwise the due date, when it is today or later.
//
// What is past due with no plan or promise ahead is Undated. Disputed
// invoices, and those in court, are expected on no day: they wait on a
// decision, not on a date.
func (f *Figures) forecast(b *data.DashboardBook) {
	for i := range b.Open {
		l := &b.Open[i]
		if !Counts(l) || l.State != data.StateOpen {
			continue
		}
		left := Left(l)
		if plan, ok := b.Plans[l.ID]; ok {
			f.expectPlan(l.ID, &plan, left)
			continue
		}
		if p, ok := b.Promises[l.ID]; ok && !p.PromisedOn.Before(f.Today) {
			promised := min(p.Amount, left)
			f.expect(l.ID, p.PromisedOn, promised)
			left -= promised
		}
		if left > 0 {
			f.expect(l.ID, l.DueDate, left)
		}
	}
}

// expectPlan puts a plan's unpaid instalments on their days, within what
// is left to pay on the invoice.
func (f *Figures) expectPlan(invoiceID int64, plan *data.PlanAhead, left data.Money) {
	var cumulative data.Money
	for _, in := range plan.Instalments {
		cumulative += in.Amount
		due := min(in.Amount, cumulative-plan.PaidSince, left)
		if due <= 0 {
			continue
		}
		f.expect(invoiceID, in.DueDate, due)
		left -= due
	}
	if left > 0 { // the plan covers less than is owed: the rest has no day
		f.Undated += left
		f.UndatedItems = appendOnce(f.UndatedItems, invoiceID)
	}
}

// expect adds an amount expected on day to its week ahead, or to Undated
// when the day is past.
func (f *Figures) expect(invoiceID int64, day data.Date, amount data.Money) {
	if day.Before(f.Today) {
		f.Undated += amount
		f.UndatedItems = appendOnce(f.UndatedItems, invoiceID)
		return
	}
	if k := weekOf(&f.Ahead, day); k >= 0 {
		f.Ahead[k].Amount += amount
		f.Ahead[k].Items = appendOnce(f.Ahead[k].Items, invoiceID)
	}
}

// DSOOf is the days sales outstanding by the countback method: starting
// from the outstanding amount, take away each month's sales going back
// from today (months ending today, a month ago, two months ago), counting
// the days of each month wholly covered, then the covered share of the
// first month that is not. Past CountbackMonths months, what is left
// counts at those months' average daily sales. No sales over the months:
// not known.
func DSOOf(outstanding data.Money, sales []data.DaySum, today data.Date) (float64, bool) {
	var dso float64
	var totalSales data.Money
	var totalDays int
	left := outstanding
	end := today
	for range CountbackMonths {
		start := end.AddMonths(-1) // the month is (start, end]
		days := end.DaysSince(start)
		month := salesBetween(sales, start.AddDays(1), end)
		totalSales += month
		totalDays += days
		if left <= 0 {
			end = start
			continue
		}
		if left >= month {
			dso += float64(days)
			left -= month
		} else {
			dso += float64(days) * float64(left) / float64(month)
			left = 0
		}
		end = start
	}
	if totalSales <= 0 {
		return 0, false
	}
	if left > 0 {
		dso += float64(left) / (float64(totalSales) / float64(totalDays))
	}
	return dso, true
}

// salesBetween adds up the sales from first to last, both included.
func salesBetween(sales []data.DaySum, first, last data.Date) data.Money {
	var sum data.Money
	for _, s := range sales {
		if !s.Day.Before(first) && !s.Day.After(last) {
			sum += s.Amount
		}
	}
	return sum
}
