// Package banking brings a bank statement into the book and records what
// the owner confirms of it: each movement is kept once (a statement read
// twice, or two that overlap, add nothing the second time), returns of
// direct debits and transfers re-open the payment they give back, and
// each credit gets the proposals of app/matching; a confirmed proposal
// becomes payments on its invoices, which stops their scenario (and lets
// the planner offer the thank-you when the scenario has one), and teaches
// the book the payer's IBAN and name. A statement import is undone as a
// whole while nothing happened since on the invoices it paid.
package banking

import (
	"context"
	"errors"
	"fmt"

	"relance/app/matching"
	"relance/data"
	"relance/data/imports"
	"relance/data/imports/bank"
)

// Service imports statements and records the owner's decisions.
type Service struct {
	store *data.Store
	clock data.Clock
}

// New is the statement service over a book; cmd/relance builds it once.
func New(store *data.Store, clock data.Clock) *Service {
	return &Service{store: store, clock: clock}
}

// Options are how a statement is imported.
type Options struct {
	// DryRun reads, checks and matches everything, then writes nothing.
	DryRun bool
	// SkipProblems imports the lines read well and leaves the others out;
	// without it, one unreadable line stops the import before anything
	// is written.
	SkipProblems bool
	// ConfirmAbove, when over 0, records at once the proposals scoring at
	// least this much (0 to 100) that are not ambiguous.
	ConfirmAbove int
}

// Report says what a statement import did, or would do.
type Report struct {
	ImportID int64 // 0 unless written
	File     string
	Format   bank.Format
	Problems []imports.Problem
	Written  bool

	Lines   int // movements read
	New     int // of them, not yet in the book
	Known   int // already in the book (the same statement, or an overlapping one)
	Credits int // new credits
	Debits  int // new debits that are not returns

	Returns   []Return // new returns, with the payment each re-opened
	Proposals []Item   // the new credits, each with what the matcher proposes
	Confirmed int      // proposals recorded (ConfirmAbove)
}

// Item is a credit waiting for the owner, with its proposal.
type Item struct {
	Line     data.BankLine
	Proposal matching.Proposal
}

// Return is a return of money received earlier, and the payment it
// re-opened when one was found.
type Return struct {
	Line    data.BankLine
	Payment data.Payment // zero when not found: the line waits for the owner
	Number  string       // the invoice of the payment
}

// Found reports whether the payment the return gives back was found.
func (r Return) Found() bool { return r.Payment.ID != 0 }

// errDryRun and errNothingNew roll an import back once reported.
var (
	errDryRun     = errors.New("dry run")
	errNothingNew = errors.New("nothing new")
)

// Import brings a statement into the book. An error is returned for what
// is not the file's fault (the disk, a cancelled context); the file's
// faults are in the report's Problems, and then nothing is written unless
// opts.SkipProblems. A statement whose every line is already in the book
// writes nothing, not even a record of the import.
func (s *Service) Import(ctx context.Context, st bank.Statement, opts Options) (Report, error) {
	rep := Report{File: st.File, Format: st.Format, Problems: st.Problems, Lines: len(st.Lines)}
	if len(st.Problems) > 0 && !opts.SkipProblems && !opts.DryRun {
		return rep, nil
	}
	ctx = data.WithActor(ctx, "import")
	err := s.store.InTx(ctx, func(tx *data.Store) error {
		return s.write(ctx, tx, st, opts, &rep)
	})
	switch {
	case errors.Is(err, errDryRun), errors.Is(err, errNothingNew):
		rep.ImportID = 0
		return rep, nil
	case err != nil:
		return rep, fmt.Errorf("import statement %s: %w", st.File, err)
	}
	rep.Written = true
	return rep, nil
}

// write does the import inside its transaction.
func (s *Service) write(ctx context.Context, tx *data.Store, st bank.Statement, opts Options, rep *Report) error {
	im := data.Import{Kind: data.ImportKindBank, Files: []string{st.File}}
	if err := tx.CreateImport(ctx, &im); err != nil {
		return err
	}
	rep.ImportID = im.ID
	added, err := s.addLines(ctx, tx, im.ID, st.Lines, rep)
	if err != nil {
		return err
	}
	if len(added) == 0 && !opts.DryRun {
		return errNothingNew
	}
	if err := s.reverseReturns(ctx, tx, added, rep); err != nil {
		return err
	}
	if err := s.propose(ctx, tx, added, rep); err != nil {
		return err
	}
	if opts.ConfirmAbove > 0 {
		if rep.Confirmed, err = confirmAbove(ctx, tx, rep.Proposals, opts.ConfirmAbove); err != nil {
			return err
		}
	}
	im.Added, im.Unchanged = rep.New, rep.Known
	if err := tx.FinishImport(ctx, &im); err != nil {
		return err
	}
	if opts.DryRun {
		return errDryRun
	}
	return nil
}

// addLines records the statement's lines the book does not have yet.
func (s *Service) addLines(ctx context.Context, tx *data.Store, importID int64, lines []bank.Line, rep *Report) ([]data.BankLine, error) {
	var added []data.BankLine
	for _, l := range lines {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		bl := lineOf(l, importID)
		ok, err := tx.AddBankLine(ctx, &bl)
		if err != nil {
			return nil, err
		}
		if !ok {
			rep.Known++
			continue
		}
		rep.New++
		switch {
		case bl.Return:
		case bl.Credit():
			rep.Credits++
		default:
			rep.Debits++
		}
		added = append(added, bl)
	}
	return added, nil
}

// lineOf is a statement's line as the book keeps it. Only a debit gives
// back a customer's payment: money returned to the owner (a transfer to a
// supplier that bounced) is a credit for the owner to decide.
func lineOf(l bank.Line, importID int64) data.BankLine {
	l.Return = l.Return && l.Amount < 0
	return data.BankLine{ImportID: importID, Identity: l.ID, FileLine: l.FileLine, Account: l.Account,
		Booked: l.Booked, Value: l.Value, Amount: l.Amount, Currency: l.Currency, Name: l.Name, IBAN: l.IBAN,
		Label: l.Label, Reference: l.Reference, EndToEnd: l.EndToEnd,
		Return: l.Return, ReturnReason: l.ReturnReason, ReturnOf: l.ReturnOf}
}

// asBankLine is a kept line as the matcher reads it.
func asBankLine(l data.BankLine) bank.Line {
	return bank.Line{ID: l.Identity, FileLine: l.FileLine, Account: l.Account, Booked: l.Booked, Value: l.Value,
		Amount: l.Amount, Currency: l.Currency, Name: l.Name, IBAN: l.IBAN, Label: l.Label, Reference: l.Reference,
		EndToEnd: l.EndToEnd, Return: l.Return, ReturnReason: l.ReturnReason, ReturnOf: l.ReturnOf}
}

// reverseReturns re-opens the payment each new return gives back; a return
// whose payment is not in the book waits for the owner.
func (s *Service) reverseReturns(ctx context.Context, tx *data.Store, added []data.BankLine, rep *Report) error {
	for _, l := range added {
		if !l.Return {
			continue
		}
		ret := Return{Line: l}
		p, found, err := tx.ReturnedPayment(ctx, l)
		if err != nil {
			return err
		}
		if found {
			if err := tx.ReverseWithBankLine(ctx, l.ID, p.ID); err != nil {
				return err
			}
			inv, err := tx.GetInvoice(ctx, p.InvoiceID)
			if err != nil {
				return err
			}
			ret.Payment, ret.Number = p, inv.Number
		}
		rep.Returns = append(rep.Returns, ret)
	}
	return nil
}

// propose matches the new credits against the book as it stands.
func (s *Service) propose(ctx context.Context, tx *data.Store, added []data.BankLine, rep *Report) error {
	var credits []data.BankLine
	for _, l := range added {
		if l.Credit() && !l.Return {
			credits = append(credits, l)
		}
	}
	if len(credits) == 0 {
		return nil
	}
	ix, opts, err := s.index(ctx, tx)
	if err != nil {
		return err
	}
	for _, l := range credits {
		rep.Proposals = append(rep.Proposals, Item{Line: l, Proposal: propose(ix, l, opts)})
	}
	return nil
}

// propose matches a credit, unless it is in another currency than the
// invoices': its amount says nothing of their balances, the owner decides.
func propose(ix *matching.Index, l data.BankLine, opts matching.Options) matching.Proposal {
	if l.Currency != "" && l.Currency != "EUR" {
		return matching.Proposal{Line: asBankLine(l)}
	}
	return ix.Match(asBankLine(l), opts)
}

// index reads what the matcher needs of the book: open invoices, clients
// and the payers learnt, and the owner's fee tolerance.
func (s *Service) index(ctx context.Context, st *data.Store) (*matching.Index, matching.Options, error) {
	company, err := st.GetCompany(ctx)
	if err != nil {
		return nil, matching.Options{}, err
	}
	open, err := st.ListOpenBalances(ctx)
	if err != nil {
		return nil, matching.Options{}, err
	}
	clients, err := st.ListClients(ctx)
	if err != nil {
		return nil, matching.Options{}, err
	}
	payers, err := st.ListPayers(ctx)
	if err != nil {
		return nil, matching.Options{}, err
	}
	return matching.NewIndex(bookOf(open, clients, payers)), matching.Options{FeeTolerance: company.BankFeeTolerance}, nil
}

// bookOf puts the book's records in the matcher's terms.
func bookOf(open []data.OpenBalance, clients []data.Client, payers []data.Payer) matching.Book {
	var b matching.Book
	b.Invoices = make([]matching.Invoice, 0, len(open))
	for _, o := range open {
		b.Invoices = append(b.Invoices, matching.Invoice{ID: o.InvoiceID, Number: o.Number, ClientID: o.ClientID,
			Outstanding: o.Outstanding, Issued: o.Issued, Due: o.Due})
	}
	byClient := map[int64]int{}
	b.Clients = make([]matching.Client, 0, len(clients))
	for _, c := range clients {
		byClient[c.ID] = len(b.Clients)
		b.Clients = append(b.Clients, matching.Client{ID: c.ID, Name: c.Name})
	}
	for _, p := range payers {
		i, ok := byClient[p.ClientID]
		if !ok {
			continue
		}
		if p.IBAN != "" {
			b.Clients[i].IBANs = append(b.Clients[i].IBANs, p.IBAN)
		}
		if p.Name != "" {
			b.Clients[i].PayerNames = append(b.Clients[i].PayerNames, p.Name)
		}
	}
	return b
}

// confirmAbove records the proposals scoring at least threshold.
func confirmAbove(ctx context.Context, tx *data.Store, items []Item, threshold int) (int, error) {
	n := 0
	for _, it := range items {
		best, ok := it.Proposal.Best()
		if !ok || best.Score < threshold {
			continue
		}
		if err := tx.PayFromBankLine(ctx, it.Line.ID, Parts(best)); err != nil {
			return n, fmt.Errorf("confirm line %d: %w", it.Line.FileLine, err)
		}
		n++
	}
	return n, nil
}

// Parts turns a candidate into the payments it makes: each allocation on
// its invoice, and the fees the evidence found on top of the invoice's.
func Parts(c matching.Candidate) []data.BankPayment {
	fees := map[string]data.Money{}
	for _, e := range c.Evidence {
		if e.Kind == matching.EvidenceFees {
			fees[e.Number] = e.Amount
		}
	}
	parts := make([]data.BankPayment, 0, len(c.Allocations))
	for _, a := range c.Allocations {
		parts = append(parts, data.BankPayment{InvoiceID: a.InvoiceID, Amount: a.Amount, Fees: fees[a.Number]})
	}
	return parts
}
