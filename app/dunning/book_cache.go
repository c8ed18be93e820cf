package dunning

import (
	"context"
	"sync"

	"relance/data"
)

// bookCache keeps, between plans, the book of every open invoice the
// service read, and brings it up to date from the store's change log
// (data.Store.RefreshDunningBook) rather than reading it again: a plan
// after a payment reads that payment's invoice, not the book. One book
// serves Today (its invoices within the horizon) and the screens that show
// every open invoice's next step; each kind of plan keeps a memo of each
// invoice's part (planMemo), so that it plans again only the invoices that
// changed, and gives its last plan again while nothing did.
type bookCache struct {
	mu    sync.Mutex
	book  *data.DunningBook
	memos map[planKey]*planMemo
}

// planKey is what a plan was made for, besides the book.
type planKey struct {
	today, lastRun data.Date
	allOpen        bool
}

// bookQuery is the part of the book a plan for day reads: every open
// invoice, and the paid ones a thank-you may follow.
func bookQuery(day data.Date) data.BookQuery {
	return data.BookQuery{PaidSince: day.AddDays(-thankYouWindowDays), MessagesSince: day.AddDays(-60)}
}

// horizon is the last due date of an open invoice that can have a step on
// day: steps come at most maxLeadDays before the due date (and a week of
// weekends and holidays).
func horizon(day data.Date, scenarios []data.Scenario) data.Date {
	return day.AddDays(maxLeadDays(scenarios) + 7)
}

// plan makes (or gives again) the plan of the open invoices as of today,
// Today's (within its horizon) unless allOpen. use, when set, runs with
// the book the plan was made of, while nothing can change it. The plan may
// be given to later callers: it is read only.
func (s *Service) plan(ctx context.Context, today, lastRun data.Date, allOpen bool,
	use func(*data.DunningBook, *Plan) error) (*Plan, error) {
	if s.cache == nil { // in a transaction: read what it sees, keep nothing
		book, err := s.store.LoadDunningBook(ctx, bookQuery(today))
		if err != nil {
			return nil, err
		}
		p := MakePlan(input(book, today, lastRun, allOpen))
		return p, callWith(use, book, p)
	}
	c := s.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.ready(ctx, s.store, today, allOpen); err != nil {
		return nil, err
	}
	key := planKey{today: today, lastRun: lastRun, allOpen: allOpen}
	m := c.memos[key]
	if m == nil {
		m = newPlanMemo()
		c.memos[key] = m
	}
	if m.plan == nil {
		m.plan = makePlan(input(c.book, today, lastRun, allOpen), m)
	}
	return m.plan, callWith(use, c.book, m.plan)
}

// ready makes the kept book the one a plan as of today needs, up to date:
// read within Today's horizon when a session starts on Today (the open
// invoices due later are read when a screen first shows them all), widened
// to every open invoice when allOpen, read again on another day.
func (c *bookCache) ready(ctx context.Context, store *data.Store, today data.Date, allOpen bool) error {
	q := bookQuery(today)
	if c.book != nil {
		held := c.book.Query
		held.Horizon = data.Date{}
		if held != q {
			c.book = nil // another day
		}
	}
	if c.book == nil {
		if !allOpen {
			scenarios, err := store.ListScenarios(ctx)
			if err != nil {
				return err
			}
			q.Horizon = horizon(today, scenarios)
		}
		book, err := store.LoadDunningBook(ctx, q)
		if err != nil {
			return err
		}
		c.book, c.memos = book, map[planKey]*planMemo{}
		return nil
	}
	// Widened when a plan needs every open invoice, or when the rules moved
	// Today's horizon past the book's.
	if held := c.book.Query.Horizon; !held.IsZero() && (allOpen || held.Before(horizon(today, c.book.Scenarios))) {
		return c.update(store.WidenDunningBook(ctx, c.book))
	}
	return c.refresh(ctx, store)
}

// refresh brings the book up to date and tells the memos what changed.
func (c *bookCache) refresh(ctx context.Context, store *data.Store) error {
	return c.update(store.RefreshDunningBook(ctx, c.book))
}

// update tells the memos what a refresh changed.
func (c *bookCache) update(r data.BookRefresh, err error) error {
	switch {
	case err != nil:
		return err
	case r.Whole:
		c.memos = map[planKey]*planMemo{}
	case r.Changed:
		pend(c.memos, r.Invoices)
	}
	return nil
}

// input is what a plan of book as of today reads: Today's leaves out the
// open invoices due beyond its horizon.
func input(book *data.DunningBook, today, lastRun data.Date, allOpen bool) Input {
	in := Input{Book: book, Today: today, LastRun: lastRun}
	if !allOpen {
		in.DueBy = horizon(today, book.Scenarios)
	}
	return in
}

func callWith(use func(*data.DunningBook, *Plan) error, book *data.DunningBook, p *Plan) error {
	if use == nil {
		return nil
	}
	return use(book, p)
}

// pruneChanges deletes the change log up to what the kept book reflects,
// once it is up to date.
func (s *Service) pruneChanges(ctx context.Context) error {
	if s.cache == nil {
		return nil
	}
	c := s.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.book == nil {
		return nil
	}
	if err := c.refresh(ctx, s.store); err != nil {
		return err
	}
	return s.store.PruneBookChanges(ctx, c.book.Seq)
}
