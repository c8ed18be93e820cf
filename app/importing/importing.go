// Package importing is the one import pipeline every reader of
// data/imports feeds: it checks a Batch against the book, then writes it
// in one transaction — clients matched or added, invoices added or
// updated by number, payments and credit notes, the invoice PDFs kept —
// so that an import that fails on its last line writes nothing. It says
// what it did (added, updated, unchanged, skipped) and what tomorrow's
// Today will hold of it, records the import so that it can be undone as a
// whole, and places each invoice in its scenario from the history the file
// gives (an earlier reminder), never as a step missed.
package importing

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"relance/app/archive"
	"relance/app/dunning"
	"relance/data"
	"relance/data/imports"
)

// Service imports batches into the book.
type Service struct {
	store   *data.Store
	dunning *dunning.Service
	clock   data.Clock
	files   *archive.Files // the invoice PDFs of Factur-X files are archived there
}

// New is the import pipeline over a book; cmd/relance builds it once.
func New(store *data.Store, planner *dunning.Service, clock data.Clock, files *archive.Files) *Service {
	return &Service{store: store, dunning: planner, clock: clock, files: files}
}

// Options are how a batch is imported.
type Options struct {
	// DryRun checks and counts everything, tomorrow's Today included,
	// then writes nothing: the summary before the owner confirms.
	DryRun bool
	// SkipProblems imports the good lines and leaves the lines in error
	// out (counted as skipped); without it, one bad line stops the import
	// before anything is written.
	SkipProblems bool
	// Progress, when set, is told how many invoices of total are written;
	// it is called from the goroutine that runs Run.
	Progress func(done, total int)
}

// Report says what an import did, or would do (DryRun, or stopped by
// problems).
type Report struct {
	ImportID int64 // 0 unless written
	Kind     imports.Kind
	Files    []string
	Rows     int
	Problems []imports.Problem // the reader's and the book's, in file order
	Written  bool

	ClientsAdded, ClientsUpdated int
	// Invoices: added, updated (a change or a payment since), found
	// unchanged, skipped (nothing owed, or a line left out).
	Added, Updated, Unchanged, Skipped int
	PaymentsAdded, CreditNotesAdded    int
	// LeftOut counts the lines of the files a reader could not read, left
	// out when the owner chose so (or counted out in a trial).
	LeftOut int

	Owed    data.Money // what the imported invoices still owe
	Overdue int        // of them, past their due date
	// Balance is what the file says its clients owe in all (a FEC's
	// receivable accounts); Owed equals it, less the clients in credit.
	Balance      data.Money
	BalanceKnown bool
	Clients      []ClientTotal // per client, by name
	// Tomorrow is what tomorrow's Today holds of the imported invoices,
	// after the grouping per client and the pause between messages.
	Tomorrow Tomorrow
}

// ClientTotal is one client's share of an import.
type ClientTotal struct {
	Name     string
	Invoices int
	Owed     data.Money
	// Balance is what the file says the client owes (a FEC's receivable
	// balance); Owed equals it unless the client is in credit.
	Balance      data.Money
	BalanceKnown bool
}

// Tomorrow counts tomorrow's actions on the imported invoices.
type Tomorrow struct {
	Actions  int // cards on Today: one per client and channel
	Messages int // of them, emails and letters
	Invoices int // imported invoices they cover
}

// errDryRun rolls a trial run back once counted.
var errDryRun = errors.New("dry run")

// errStopped rolls an import back when the book refused lines and the
// owner did not choose to leave them out.
var errStopped = errors.New("lines refused")

// Run imports b. An error is returned for what is not the file's fault
// (the disk, a cancelled context); the file's faults are in the report's
// Problems, and then nothing is written unless opts.SkipProblems.
func (s *Service) Run(ctx context.Context, b imports.Batch, opts Options) (Report, error) {
	rep := Report{Kind: b.Kind, Files: b.Files, Rows: b.Rows, Problems: append([]imports.Problem(nil), b.Problems...)}
	if len(rep.Problems) > 0 && !opts.SkipProblems && !opts.DryRun {
		return rep, nil // the file is refused before the book is even read
	}
	rep.LeftOut = linesInError(b.Problems) // a trial counts what would come in without them
	company, err := s.store.GetCompany(ctx)
	if err != nil {
		return rep, err
	}
	b = imports.Merge(b) // every record knows its file
	ctx = data.WithActor(ctx, "import")
	run := &run{svc: s, ctx: ctx, batch: b, opts: opts, rep: &rep, terms: company.PaymentTermsDays, today: s.clock.Today(),
		ownSIREN: sirenOf(company.SIREN), ownVAT: strings.ToUpper(strings.Join(strings.Fields(company.VATNumber), ""))}
	err = s.store.InTx(ctx, run.write)
	if err != nil {
		run.removeFiles(ctx)
	}
	switch {
	case errors.Is(err, errDryRun), errors.Is(err, errStopped):
		rep.ImportID = 0
		return rep, nil
	case err != nil:
		return rep, fmt.Errorf("import %v: %w", b.Files, err)
	}
	rep.Written = true
	return rep, nil
}

// linesInError counts the lines of a file that a reader could not read.
func linesInError(problems []imports.Problem) int {
	type where struct {
		file string
		line int
	}
	seen := map[where]bool{}
	for _, p := range problems {
		if p.Line > 0 {
			seen[where{p.File, p.Line}] = true
		}
	}
	return len(seen)
}

// Undo undoes an import as a whole (see data.Store.UndoImport) and removes
// the invoice PDFs it had archived.
func (s *Service) Undo(ctx context.Context, importID int64) error {
	files, err := s.store.UndoImport(data.WithActor(ctx, "import"), importID)
	if err != nil {
		return err
	}
	removeFiles(ctx, s.files, files)
	return nil
}
