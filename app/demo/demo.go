// Package demo owns the demo book: the fictional company, clients, invoices and
// payments that "Load demo data" and `relance demo` put into an empty database so
// that every screen has something realistic to show (paid, late, due soon,
// disputed, partly paid, written off), with the dunning history of an owner who
// has used Relance for a year (reminders, calls, promises, a payment plan,
// formal notices), replayed with the dunning planner. The book is generated
// from a fixed seed and dated relative to the day it is loaded, so the same day
// always gives the same book.
package demo

import (
	"context"
	"errors"
	"fmt"

	"relance/data"
)

// ErrNotEmpty is returned when Load is asked to fill a store that already holds
// clients or invoices: demo data must never mix with a real book.
var ErrNotEmpty = errors.New("the book is not empty")

// Summary counts what Load wrote.
type Summary struct{ Clients, Invoices, Payments int }

// actor tags the timeline events of the demo book, so that they read as loaded,
// not typed by the user.
const actor = "demo"

// stateDelayDays is how long after the due date (or the last payment) the
// demo's disputes and write-offs were decided.
const stateDelayDays = 12

// Load fills an empty store with the demo book as seen on day today: every
// dunning step that fell due before today was done, today's are left to the
// user. It refuses a non-empty store (returns an error wrapping ErrNotEmpty)
// and writes everything in one transaction, so a failure leaves the store
// empty. The company settings are replaced by the demo company's, except
// Onboarded, which stays as the caller left it.
func Load(ctx context.Context, store *data.Store, today data.Date) (Summary, error) {
	return loadBook(ctx, store, build(today))
}

func loadBook(ctx context.Context, store *data.Store, b book) (Summary, error) {
	ctx = data.WithActor(ctx, actor)
	var sum Summary
	err := store.InTx(ctx, func(tx *data.Store) error {
		// Checked inside the transaction: its write lock keeps anyone from adding a
		// client between the check and the load.
		empty, err := tx.IsEmpty(ctx)
		if err != nil {
			return err
		}
		if !empty {
			return ErrNotEmpty
		}
		if sum, err = writeBook(ctx, tx, b); err != nil {
			return err
		}
		// The demo's clients are invented but their addresses could be
		// someone's: app/mail refuses to mail them (mail.DemoStateKey).
		return tx.SetState(ctx, "demo_book", "1")
	})
	if err != nil {
		return Summary{}, fmt.Errorf("load demo data: %w", err)
	}
	return sum, nil
}

// writeBook writes the company and the clients, then replays the book's
// history day by day (see history.go): invoices, payments and dunning, each
// on its own date.
func writeBook(ctx context.Context, tx *data.Store, b book) (Summary, error) {
	r, err := startBook(ctx, tx, b)
	if err != nil {
		return Summary{}, err
	}
	return r.run(ctx)
}

// startBook writes the company and the clients and readies the replay of
// the rest.
func startBook(ctx context.Context, tx *data.Store, b book) (*replay, error) {
	if err := writeCompany(ctx, tx, b.company); err != nil {
		return nil, err
	}
	// Clients are dated the day before the first invoice of the book, so the
	// timeline starts where the history does.
	clock := &replayClock{day: firstIssue(b).AddDays(-1)}
	store := tx.Using(clock)
	clientIDs := make([]int64, len(b.clients))
	for i := range b.clients {
		c := b.clients[i]
		if err := store.CreateClient(ctx, &c); err != nil {
			return nil, err
		}
		clientIDs[i] = c.ID
	}
	return newReplay(ctx, store, clock, b, clientIDs)
}

func firstIssue(b book) data.Date {
	first := b.invoices[0].invoice.IssueDate
	for _, p := range b.invoices {
		if p.invoice.IssueDate.Before(first) {
			first = p.invoice.IssueDate
		}
	}
	return first
}

// writeCompany puts the demo company in place unless the user already typed
// their own (onboarding may ask for it before offering the demo). It keeps
// the stored Onboarded flag: whether the first-start choice was made is the
// caller's business, not the demo's.
func writeCompany(ctx context.Context, tx *data.Store, c data.Company) error {
	current, err := tx.GetCompany(ctx)
	if err != nil {
		return err
	}
	if current.LegalName != "" {
		return nil
	}
	c.Onboarded = current.Onboarded
	return tx.UpdateCompany(ctx, &c)
}
