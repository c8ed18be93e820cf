// Package genbook generates realistic books, for benchmarks and for trying
// the app at scale: five years of a small business's invoices ending on a
// given day, most paid on time or a few days late, a long tail paid late,
// some paid in parts, under a payment plan, disputed, cancelled or never
// paid, with the dunning history Relance's planner would have made of it
// (reminders, calls and the promises they brought, formal notices) and
// the timeline events the store writes for each of these. The same seed
// gives the same book.
//
// For 100,000 invoices it holds DESIGN.md's benchmark book: 10,000
// clients, about 293,000 payments, 8 % of the invoices open and 4 %
// overdue, 23,000 steps done on the open ones. It has about 700,000 events
// rather than DESIGN.md's round million: the store writes one per record
// (an invoice, a payment, a step, a promise...), and a book mostly paid on
// time has about three payments and two or three steps per invoice.
//
// The book is written with raw SQL through data.Store.BulkLoad, not the
// store's methods (which validate and append events one row at a time): a
// million invoices take minutes rather than hours. The generator therefore
// writes itself what those methods keep in step (invoices.paid_cents and
// credited_cents, credit_closed, the events and their parameters): a change
// to what the store caches or records must be made here too.
package genbook

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"relance/data"
)

// Version names the generator's output: it changes whenever the same
// options start giving another book, so that cached books are rebuilt.
const Version = 1

// ErrNotEmpty is returned when the store already holds clients or
// invoices: a generated book never mixes with a real one.
var ErrNotEmpty = errors.New("the book is not empty")

// Options says what book to generate.
type Options struct {
	// Clients is the number of clients; 0 gives one for ten invoices.
	Clients int
	// Invoices is the number of invoices, over the five years before Today.
	Invoices int
	// Today is the book's last day: steps due on it are left to the owner
	// (zero: the store's today).
	Today data.Date
	// Seed chooses the book: the same seed and options give the same book.
	Seed uint64
	// Progress, when set, is called now and then with the invoices written.
	Progress func(done, total int)
}

// Summary counts what Write wrote and the state of the book on Today.
type Summary struct {
	Clients, Invoices, Payments, CreditNotes int
	Actions, Promises, Plans, Tasks, Events  int
	// Paid invoices are settled (by payments or credit notes); Open ones
	// are not, Overdue ones are open and were due before Today.
	Paid, Open, Overdue int
	// ActionsOnOpen are the steps done on the invoices open on Today.
	ActionsOnOpen int
}

// Write fills an empty store with a generated book. It refuses a store
// that holds clients or invoices (ErrNotEmpty). The book is written in one
// transaction: on failure, no client or invoice is left (the company
// settings, written first, may stay).
func Write(ctx context.Context, store *data.Store, opts Options) (Summary, error) {
	if opts.Invoices <= 0 {
		return Summary{}, fmt.Errorf("generate a book: %d invoices", opts.Invoices)
	}
	if opts.Clients <= 0 {
		opts.Clients = max(1, opts.Invoices/10)
	}
	if opts.Today.IsZero() {
		opts.Today = store.Today()
	}
	empty, err := store.IsEmpty(ctx)
	if err != nil {
		return Summary{}, err
	}
	if !empty {
		return Summary{}, ErrNotEmpty
	}
	g, err := newGenerator(ctx, store, opts)
	if err != nil {
		return Summary{}, err
	}
	if err := setUpCompany(ctx, store); err != nil {
		return Summary{}, err
	}
	if err := store.BulkLoad(ctx, g.run); err != nil {
		return Summary{}, fmt.Errorf("generate a book: %w", err)
	}
	return g.sum, nil
}

// generator is one book being generated.
type generator struct {
	opts      Options
	dice      *dice
	cal       *calendar
	first     day // the first day invoices are issued
	today     day
	scenarios map[string]*scenario // by client category

	clients          []*client
	byStart, byEnd   []*client // when clients come and leave, in order
	started, ended   int
	active           *activeSet
	nextInvoiceID    int64
	nextPlanID       int64
	nextInstalmentID int64
	nextTaskID       int64
	numberYear       int
	numberInYear     int

	events eventQueue
	seq    uint64
	w      *writer
	sum    Summary
}

// bookYears: the book holds five years of invoices.
const bookYears = 5

func newGenerator(ctx context.Context, store *data.Store, opts Options) (*generator, error) {
	scenarios, err := loadScenarios(ctx, store)
	if err != nil {
		return nil, err
	}
	y, m, d := opts.Today.YMD()
	first := data.NewDate(y-bookYears, m, d).AddDays(1)
	// The tables reach back to the clients entered before the first
	// invoice and forward to the last instalments and promised days.
	cal := newCalendar(first.AddDays(-500), opts.Today.AddDays(1100))
	g := &generator{opts: opts, dice: newDice(opts.Seed), cal: cal, first: cal.dayOf(first),
		today: cal.dayOf(opts.Today), scenarios: scenarios, active: newActiveSet(opts.Clients)}
	g.clients = g.newClients(opts.Clients)
	g.byStart = slices.Clone(g.clients)
	slices.SortStableFunc(g.byStart, func(a, b *client) int { return cmp.Compare(a.start, b.start) })
	for _, c := range g.clients {
		if c.end != 0 {
			g.byEnd = append(g.byEnd, c)
		}
	}
	slices.SortStableFunc(g.byEnd, func(a, b *client) int { return cmp.Compare(a.end, b.end) })
	return g, nil
}

// loadScenarios reads the book's scenarios (those the migrations seeded)
// by the client category that uses each.
func loadScenarios(ctx context.Context, store *data.Store) (map[string]*scenario, error) {
	list, err := store.ListScenarios(ctx)
	if err != nil {
		return nil, err
	}
	categories, err := store.ListCategories(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]*scenario{}
	for _, cat := range categories {
		for _, sc := range list {
			if sc.ID == cat.ScenarioID {
				out[cat.Key] = newScenario(sc)
			}
		}
	}
	if out[catStandard] == nil {
		return nil, errors.New("generate a book: no standard scenario")
	}
	return out, nil
}

// run writes the book: the clients, then day after day the invoices issued
// that day with their whole story, and the events whose time has come.
func (g *generator) run(exec data.BulkExec) (err error) {
	p := startPipe(exec)
	defer func() { err = errors.Join(err, p.close()) }()
	g.w = newWriter(p.exec)
	for _, c := range g.clients {
		if err := g.writeClient(c); err != nil {
			return err
		}
	}
	g.sum.Clients = len(g.clients)
	step := max(1, g.opts.Invoices/200)
	for i, n := range g.dailyCounts(g.opts.Invoices) {
		d := g.first + day(i)
		if err := g.writeEvents(at(d, 0)); err != nil {
			return err
		}
		g.activate(d)
		for range n {
			inv := g.newInvoice(d, g.pickClient())
			g.live(inv)
			if err := g.writeInvoice(inv); err != nil {
				return err
			}
			if g.opts.Progress != nil && g.sum.Invoices%step == 0 {
				g.opts.Progress(g.sum.Invoices, g.opts.Invoices)
			}
		}
	}
	if err := g.writeEvents(at(never, 0)); err != nil {
		return err
	}
	return g.w.flush()
}

// activate brings in the clients that come on day d and takes out those
// that left before it.
func (g *generator) activate(d day) {
	for ; g.started < len(g.byStart) && g.byStart[g.started].start <= d; g.started++ {
		c := g.byStart[g.started]
		g.active.set(int(c.id-1), c.weight)
	}
	for ; g.ended < len(g.byEnd) && g.byEnd[g.ended].end < d; g.ended++ {
		g.active.set(int(g.byEnd[g.ended].id-1), 0)
	}
}

// pickClient draws the client of the next invoice among the active ones.
func (g *generator) pickClient() *client {
	total := g.active.total()
	if total <= 0 {
		return g.clients[0]
	}
	return g.clients[g.active.find(g.dice.r.Float64()*total)]
}

// setUpCompany gives the book a company (unless one was typed already), so
// that letters can be printed, with no daily limit on messages (the
// history sends more than the default a day). The generated clients are
// invented but their addresses could be someone's: the book is marked as
// the demo book is, and app/mail refuses to mail them (mail.DemoStateKey).
func setUpCompany(ctx context.Context, store *data.Store) error {
	return store.InTx(ctx, func(tx *data.Store) error {
		current, err := tx.GetCompany(ctx)
		if err != nil {
			return err
		}
		if current.LegalName == "" {
			c := generatedCompany()
			if err := tx.UpdateCompany(ctx, &c); err != nil {
				return err
			}
		}
		if err := tx.MarkOnboarded(ctx); err != nil {
			return err
		}
		return tx.SetState(ctx, "demo_book", "1")
	})
}

// generatedCompany is a fictional joinery in Nantes; its SIREN and VAT
// number pass the checks a real one would, its IBAN is the textbook example.
func generatedCompany() data.Company {
	siren := withLuhnKey("81234567")
	c := data.DefaultCompany()
	c.LegalName, c.LegalForm, c.Capital = "Menuiserie Delorme", "SAS", data.Euros(50_000, 0)
	c.SIREN, c.RCSCity, c.VATNumber = siren, "Nantes", frenchVATNumber(siren)
	c.Address = data.Address{Street: "14 rue des Olivettes", PostalCode: "44000", City: "Nantes", Country: "FR"}
	c.Email, c.Phone = "contact@menuiserie-delorme.fr", "02 61 91 40 12"
	c.IBAN, c.BIC = "FR7630006000011234567890189", "AGRIFRPP"
	c.SignatoryName, c.SignatoryRole = "Claire Delorme", "Présidente"
	c.DailyMessageLimit = 0
	return c
}
