package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"relance/app/archive"
	"relance/app/banking"
	"relance/app/dunning"
	"relance/app/importing"
	"relance/data"
	"relance/data/imports"
)

// importFlags are the options of `relance import`.
type importFlags struct {
	kind, preset         string
	dryRun, asJSON, skip bool
	confirmAbove         int // bank statements: record the proposals scoring at least this much
}

func (o *importFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&o.kind, "kind", "", "")
	fs.StringVar(&o.preset, "preset", "", "")
	fs.BoolVar(&o.dryRun, "dry-run", false, "")
	fs.BoolVar(&o.asJSON, "json", false, "")
	fs.BoolVar(&o.skip, "skip-errors", false, "")
	fs.IntVar(&o.confirmAbove, "confirm-above", 0, "")
}

// runImport imports files (a CSV, an XLSX, a FEC, or Factur-X files) into
// the book, all or nothing, and prints what it did — or, with --dry-run,
// what it would do. Its exit status is 1 when a line of the files is wrong
// (then nothing is written, unless --skip-errors leaves those lines out).
func runImport(env *cliEnv, args []string) int {
	var opts importFlags
	paths, code := parseFiles(env, args, opts.register)
	if code >= 0 {
		return code
	}
	if opts.kind != "" && !knownKind(opts.kind) {
		fmt.Fprintln(env.stderr, say.T.L("cli.import.bad_kind", map[string]any{"Kind": opts.kind}))
		return 2
	}
	if opts.kind == kindBank || (opts.kind == "" && banking.AllStatements(paths)) {
		return runBankImport(env, paths, opts)
	}
	store, dir, release, err := openBook(env)
	if err != nil {
		fmt.Fprintln(env.stderr, openError(dir, err))
		return 1
	}
	defer release()
	defer logToBook(dir, "import")()
	clock := data.SystemClock{}
	svc := importing.New(store, dunning.NewService(store, clock), clock, &archive.Files{Dir: dir, Store: store})
	ctx := context.Background()
	batch, err := svc.ReadFiles(ctx, paths, imports.Kind(opts.kind), opts.preset)
	if err != nil {
		return importFailed(env, err)
	}
	rep, err := svc.Run(ctx, batch, importing.Options{DryRun: opts.dryRun, SkipProblems: opts.skip})
	if err != nil {
		return importFailed(env, err)
	}
	if opts.asJSON {
		if code := writeJSON(env, toImportJSON(rep)); code != 0 {
			return code
		}
	} else {
		printImport(env.stdout, rep, opts.dryRun)
	}
	if len(rep.Problems) > 0 {
		return 1
	}
	return 0
}

// parseFiles reads the command's options and its one or more file names.
func parseFiles(env *cliEnv, args []string, setup func(*flag.FlagSet)) ([]string, int) {
	fs := flag.NewFlagSet("relance", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	env.book.flags(fs)
	setup(fs)
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printUsage(env.stdout)
				return nil, 0
			}
			fmt.Fprintln(env.stderr, say.T.L("cli.bad_option", map[string]any{"Detail": err.Error()}))
			return nil, 2
		}
		if fs.NArg() == 0 {
			break
		}
		files, args = append(files, fs.Arg(0)), fs.Args()[1:]
	}
	if len(files) == 0 {
		fmt.Fprintln(env.stderr, say.T.L("cli.import.no_file"))
		return nil, 2
	}
	return files, -1
}

// kindBank is --kind's name for bank statements.
const kindBank = "bank"

func knownKind(k string) bool {
	if k == kindBank {
		return true
	}
	switch imports.Kind(k) {
	case imports.KindCSV, imports.KindXLSX, imports.KindFEC, imports.KindFacturX:
		return true
	}
	return false
}

// importFailed says why the files could not be imported at all (a file
// missing, unreadable, a preset unknown), the details going to the log.
func importFailed(env *cliEnv, err error) int {
	slog.Error("import", "err", err)
	if text, ok := say.Refusal(err); ok {
		fmt.Fprintln(env.stderr, text)
	} else {
		fmt.Fprintln(env.stderr, say.T.L("cli.import.failed", map[string]any{"Detail": err.Error()}))
	}
	return 1
}

// printImport writes the report: the files' faults first, then what was
// (or would be) imported, per client, and tomorrow's Today.
func printImport(w io.Writer, rep importing.Report, dryRun bool) {
	for _, p := range rep.Problems {
		fmt.Fprintln(w, say.Problem(p))
	}
	switch {
	case len(rep.Problems) > 0 && !rep.Written && !dryRun:
		fmt.Fprintln(w, say.T.N("cli.import.refused", len(rep.Problems), map[string]any{"Count": len(rep.Problems)}))
		return
	case dryRun && len(rep.Problems) > 0:
		fmt.Fprintln(w, say.T.N("cli.import.dry_run_problems", len(rep.Problems), map[string]any{"Count": len(rep.Problems)}))
	case dryRun:
		fmt.Fprintln(w, say.T.L("cli.import.dry_run"))
	}
	fmt.Fprintln(w, say.ImportCounts(rep))
	fmt.Fprintln(w, say.ImportOwed(rep))
	if rep.BalanceKnown {
		fmt.Fprintln(w, say.T.L("cli.import.balance", map[string]any{"Balance": say.Money(rep.Balance)}))
	}
	for _, c := range rep.Clients {
		line := fmt.Sprintf("  %-40s %3d  %14s", truncate(c.Name, 40), c.Invoices, say.Money(c.Owed))
		if b := say.ImportBalance(c); b != "" {
			line += "  " + b
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w, say.ImportTomorrow(rep))
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// importJSON is the report of `relance import --json`: amounts in cents,
// each problem with its sentence in the system's language.
type importJSON struct {
	Written        bool                `json:"written"`
	Kind           string              `json:"kind"`
	Files          []string            `json:"files"`
	Rows           int                 `json:"rows"`
	ImportID       int64               `json:"import_id,omitempty"`
	ClientsAdded   int                 `json:"clients_added"`
	ClientsUpdated int                 `json:"clients_updated"`
	Added          int                 `json:"added"`
	Updated        int                 `json:"updated"`
	Unchanged      int                 `json:"unchanged"`
	Skipped        int                 `json:"skipped"`
	OwedCents      int64               `json:"owed_cents"`
	Overdue        int                 `json:"overdue"`
	BalanceCents   *int64              `json:"balance_cents,omitempty"`
	Clients        []importClientJSON  `json:"clients"`
	Tomorrow       importing.Tomorrow  `json:"tomorrow"`
	Problems       []importProblemJSON `json:"problems"`
}

type importClientJSON struct {
	Name         string `json:"name"`
	Invoices     int    `json:"invoices"`
	OwedCents    int64  `json:"owed_cents"`
	BalanceCents *int64 `json:"balance_cents,omitempty"`
}

type importProblemJSON struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  string `json:"column,omitempty"`
	Field   string `json:"field"`
	Reason  string `json:"reason"`
	Value   string `json:"value,omitempty"`
	Message string `json:"message"`
}

func toImportJSON(r importing.Report) importJSON {
	out := importJSON{Written: r.Written, Kind: string(r.Kind), Files: r.Files, Rows: r.Rows, ImportID: r.ImportID,
		ClientsAdded: r.ClientsAdded, ClientsUpdated: r.ClientsUpdated, Added: r.Added, Updated: r.Updated,
		Unchanged: r.Unchanged, Skipped: r.Skipped, OwedCents: int64(r.Owed), Overdue: r.Overdue, Tomorrow: r.Tomorrow,
		Clients: []importClientJSON{}, Problems: []importProblemJSON{}}
	if r.BalanceKnown {
		b := int64(r.Balance)
		out.BalanceCents = &b
	}
	for _, c := range r.Clients {
		cj := importClientJSON{Name: c.Name, Invoices: c.Invoices, OwedCents: int64(c.Owed)}
		if c.BalanceKnown {
			b := int64(c.Balance)
			cj.BalanceCents = &b
		}
		out.Clients = append(out.Clients, cj)
	}
	for _, p := range r.Problems {
		out.Problems = append(out.Problems, problemJSON(p))
	}
	return out
}

func problemJSON(p imports.Problem) importProblemJSON {
	return importProblemJSON{File: p.File, Line: p.Line, Column: p.Column, Field: p.Field, Reason: string(p.Reason),
		Value: p.Value, Message: say.Problem(p)}
}
