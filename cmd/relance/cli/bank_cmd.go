package cli

import (
	"context"
	"fmt"
	"io"

	"relance/app/banking"
	"relance/app/matching"
	"relance/data"
)

// runBankImport imports bank statements, one import each, and prints for
// every new credit what the app proposes; with --confirm-above, the
// proposals scoring at least that much are recorded as payments. A
// statement already imported adds nothing.
func runBankImport(env *cliEnv, paths []string, opts importFlags) int {
	if opts.confirmAbove < 0 || opts.confirmAbove > 100 {
		fmt.Fprintln(env.stderr, say.T.L("cli.bank.bad_score", map[string]any{"Score": opts.confirmAbove}))
		return 2
	}
	store, dir, release, err := openBook(env)
	if err != nil {
		fmt.Fprintln(env.stderr, openError(dir, err))
		return 1
	}
	defer release()
	defer logToBook(dir, "import")()
	svc := banking.New(store, data.SystemClock{})
	code := 0
	var reports []bankJSON
	for _, path := range paths {
		st, err := banking.ReadFile(path)
		if err != nil {
			return importFailed(env, err)
		}
		rep, err := svc.Import(context.Background(), st, banking.Options{DryRun: opts.dryRun, SkipProblems: opts.skip,
			ConfirmAbove: opts.confirmAbove})
		if err != nil {
			return importFailed(env, err)
		}
		if len(rep.Problems) > 0 {
			code = 1
		}
		if opts.asJSON {
			reports = append(reports, toBankJSON(rep))
			continue
		}
		printStatement(env.stdout, rep, opts)
	}
	if opts.asJSON {
		if c := writeJSON(env, reports); c != 0 {
			return c
		}
	}
	return code
}

// printStatement writes a statement's report: its faults, what it held,
// the returns, then each new credit with its proposal.
func printStatement(w io.Writer, rep banking.Report, opts importFlags) {
	for _, p := range rep.Problems {
		fmt.Fprintln(w, say.Problem(p))
	}
	if len(rep.Problems) > 0 && !rep.Written && !opts.dryRun {
		fmt.Fprintln(w, say.T.N("cli.import.refused", len(rep.Problems), map[string]any{"Count": len(rep.Problems)}))
		return
	}
	if opts.dryRun {
		fmt.Fprintln(w, say.T.L("cli.import.dry_run"))
	}
	fmt.Fprintln(w, say.StatementCounts(rep))
	for _, r := range rep.Returns {
		fmt.Fprintln(w, "  "+say.ReturnDone(r))
	}
	for _, it := range rep.Proposals {
		l := it.Line
		fmt.Fprintf(w, "  %s  %14s  %-28s  %s\n", say.Date(l.Booked), say.Money(l.Amount), truncate(l.Name, 28),
			truncate(l.Label, 40))
		fmt.Fprintln(w, "      "+say.Proposal(it.Proposal))
	}
	if opts.confirmAbove > 0 {
		fmt.Fprintln(w, say.T.N("cli.bank.confirmed", rep.Confirmed, map[string]any{"Count": rep.Confirmed,
			"Score": opts.confirmAbove}))
	}
}

// bankJSON is a statement's report in `relance import --kind bank --json`:
// amounts in cents, each proposal with its words in the system's language.
type bankJSON struct {
	File      string              `json:"file"`
	Format    string              `json:"format"`
	Written   bool                `json:"written"`
	ImportID  int64               `json:"import_id,omitempty"`
	Lines     int                 `json:"lines"`
	New       int                 `json:"new"`
	Known     int                 `json:"known"`
	Credits   int                 `json:"credits"`
	Debits    int                 `json:"debits"`
	Confirmed int                 `json:"confirmed"`
	Returns   []bankReturnJSON    `json:"returns"`
	Proposals []bankProposalJSON  `json:"proposals"`
	Problems  []importProblemJSON `json:"problems"`
}

type bankReturnJSON struct {
	Booked      string `json:"booked"`
	AmountCents int64  `json:"amount_cents"`
	Reason      string `json:"reason,omitempty"`
	Invoice     string `json:"invoice,omitempty"` // the invoice re-opened; empty when no payment was found
	Message     string `json:"message"`
}

type bankProposalJSON struct {
	Line        int                 `json:"line"`
	Booked      string              `json:"booked"`
	AmountCents int64               `json:"amount_cents"`
	Name        string              `json:"name,omitempty"`
	Label       string              `json:"label,omitempty"`
	Ambiguous   bool                `json:"ambiguous"`
	Candidates  []bankCandidateJSON `json:"candidates"`
	Message     string              `json:"message"`
}

type bankCandidateJSON struct {
	Score       int                  `json:"score"`
	ClientID    int64                `json:"client_id"`
	Allocations []bankAllocationJSON `json:"allocations"`
	Evidence    []string             `json:"evidence"`
}

type bankAllocationJSON struct {
	Invoice     string `json:"invoice"`
	AmountCents int64  `json:"amount_cents"`
}

func toBankJSON(r banking.Report) bankJSON {
	out := bankJSON{File: r.File, Format: string(r.Format), Written: r.Written, ImportID: r.ImportID, Lines: r.Lines,
		New: r.New, Known: r.Known, Credits: r.Credits, Debits: r.Debits, Confirmed: r.Confirmed,
		Returns: []bankReturnJSON{}, Proposals: []bankProposalJSON{}, Problems: []importProblemJSON{}}
	for _, ret := range r.Returns {
		out.Returns = append(out.Returns, bankReturnJSON{Booked: ret.Line.Booked.String(), AmountCents: int64(ret.Line.Amount),
			Reason: ret.Line.ReturnReason, Invoice: ret.Number, Message: say.ReturnDone(ret)})
	}
	for _, it := range r.Proposals {
		pj := bankProposalJSON{Line: it.Line.FileLine, Booked: it.Line.Booked.String(), AmountCents: int64(it.Line.Amount),
			Name: it.Line.Name, Label: it.Line.Label, Ambiguous: it.Proposal.Ambiguous,
			Candidates: []bankCandidateJSON{}, Message: say.Proposal(it.Proposal)}
		for _, c := range it.Proposal.Candidates {
			pj.Candidates = append(pj.Candidates, candidateJSON(c))
		}
		out.Proposals = append(out.Proposals, pj)
	}
	for _, p := range r.Problems {
		out.Problems = append(out.Problems, problemJSON(p))
	}
	return out
}

func candidateJSON(c matching.Candidate) bankCandidateJSON {
	cj := bankCandidateJSON{Score: c.Score, ClientID: c.ClientID, Allocations: []bankAllocationJSON{}, Evidence: []string{}}
	for _, a := range c.Allocations {
		cj.Allocations = append(cj.Allocations, bankAllocationJSON{Invoice: a.Number, AmountCents: int64(a.Amount)})
	}
	for _, e := range c.Evidence {
		cj.Evidence = append(cj.Evidence, say.Evidence(e))
	}
	return cj
}
