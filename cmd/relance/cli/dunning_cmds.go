package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"relance/app/datadir"
	"relance/app/drafting"
	"relance/app/dunning"
	"relance/data"
)

// asOfFlags are the options of the reporting commands.
type asOfFlags struct {
	asOf   string
	asJSON bool
}

func (o *asOfFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&o.asOf, "as-of", "", "")
	fs.BoolVar(&o.asJSON, "json", false, "")
}

// day is the --as-of date, today when not given.
func (o *asOfFlags) day(env *cliEnv) (data.Date, bool) {
	if o.asOf == "" {
		return data.SystemClock{}.Today(), true
	}
	d, err := data.ParseDate(o.asOf)
	if err != nil {
		fmt.Fprintln(env.stderr, say.T.L("cli.bad_date", map[string]any{"Value": o.asOf}))
		return data.Date{}, false
	}
	return d, true
}

// openReport reads a reporting command's options (positional arguments
// besides them), its day, and opens the book for reading. code is -1 to go
// on, else the exit code to return now; the caller closes the store.
func openReport(env *cliEnv, args []string, opts *asOfFlags) (*data.Store, data.Date, int) {
	if _, code := parseCommand(env, args, 0, opts.register); code >= 0 {
		return nil, data.Date{}, code
	}
	day, ok := opts.day(env)
	if !ok {
		return nil, day, 2
	}
	store, dir, err := openForReading(env)
	if err != nil {
		fmt.Fprintln(env.stderr, openError(dir, err))
		return nil, day, 1
	}
	return store, day, -1
}

// openForReading opens the book without the single-instance lock: reports
// only read, and may run while the window is open (SQLite's WAL lets them).
func openForReading(env *cliEnv) (*data.Store, string, error) {
	dir, err := datadir.Resolve(env.book.Data, env.getenv)
	if err != nil {
		return nil, dir, err
	}
	if err := datadir.Ensure(dir); err != nil {
		return nil, dir, err
	}
	store, err := openStore(dir, env.book.DB)
	return store, dir, err
}

// openInvoice opens the book for reading and finds the invoice numbered
// number. code is -1 on success; otherwise the message is printed, nothing
// is left open, and code is the exit status (2 for an unknown number).
func openInvoice(env *cliEnv, ctx context.Context, number string) (*data.Store, data.Invoice, int) {
	store, dir, err := openForReading(env)
	if err != nil {
		fmt.Fprintln(env.stderr, openError(dir, err))
		return nil, data.Invoice{}, 1
	}
	inv, err := store.GetInvoiceByNumber(ctx, number)
	if err == nil {
		return store, inv, -1
	}
	store.Close()
	if errors.Is(err, data.ErrNotFound) {
		fmt.Fprintln(env.stderr, say.T.L("cli.unknown_invoice", map[string]any{"Number": number}))
		return nil, inv, 2
	}
	return nil, inv, failed(env, err)
}

// failed prints that a command failed, with the cause, and returns the
// exit status 1.
func failed(env *cliEnv, err error) int {
	fmt.Fprintln(env.stderr, failedLine(err))
	return 1
}

// failedLine says why a command failed: in words for the causes the owner
// can fix (company details missing), else with the error's detail.
func failedLine(err error) string {
	var incomplete *data.CompanyIncompleteError
	if errors.As(err, &incomplete) {
		names := make([]string, len(incomplete.Missing))
		for i, f := range incomplete.Missing {
			names[i] = say.T.L("field." + f)
		}
		return say.T.L("cli.company_incomplete", map[string]any{"Fields": strings.Join(names, ", ")})
	}
	var noAddress *drafting.ClientAddressError
	if errors.As(err, &noAddress) {
		return say.T.L("error.client_address", map[string]any{"Client": noAddress.Client})
	}
	var noRate *drafting.NoRateError
	if errors.As(err, &noRate) {
		return say.NoRate(noRate)
	}
	return say.T.L("cli.failed", map[string]any{"Detail": err.Error()})
}

// dueLine is one invoice step of `relance due --json`.
type dueLine struct {
	Invoice     string `json:"invoice"`
	Client      string `json:"client"`
	Step        string `json:"step"`
	Channel     string `json:"channel"`
	Planned     string `json:"planned"`
	AmountCents int64  `json:"amount_cents"`
	CatchUp     bool   `json:"catch_up"`
}

func runDue(env *cliEnv, args []string) int {
	var opts asOfFlags
	store, day, code := openReport(env, args, &opts)
	if code >= 0 {
		return code
	}
	defer store.Close()
	ctx := context.Background()
	plan, err := dunning.NewService(store, data.ClockOn(day)).PlanAsOf(ctx, day)
	if err != nil {
		return failed(env, err)
	}
	lines, err := dueLines(ctx, store, plan)
	if err != nil {
		return failed(env, err)
	}
	if opts.asJSON {
		return writeJSON(env, lines)
	}
	printDue(env.stdout, plan, lines)
	return printPrescriptions(ctx, env.stdout, store, plan)
}

// printPrescriptions says which unpaid invoices are soon, or already,
// time-barred: a time-barred one gets no formal notice nor court file, and
// the owner must know why.
func printPrescriptions(ctx context.Context, w io.Writer, store *data.Store, plan *dunning.Plan) int {
	if len(plan.Prescriptions) == 0 {
		return 0
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, say.T.L("cli.due.prescriptions"))
	for _, a := range plan.Prescriptions {
		c, err := store.GetClient(ctx, a.ClientID)
		if err != nil {
			fmt.Fprintln(w, err)
			return 1
		}
		args := map[string]any{"Client": c.Name, "Number": a.Number, "Date": say.Date(a.Deadline), "Days": a.DaysLeft}
		if a.Expired {
			fmt.Fprintln(w, say.T.L("cli.due.time_barred", args))
		} else {
			fmt.Fprintln(w, say.T.N("cli.due.prescription_soon", a.DaysLeft, args))
		}
	}
	return 0
}

func dueLines(ctx context.Context, store *data.Store, plan *dunning.Plan) ([]dueLine, error) {
	names := map[int64]string{}
	lines := []dueLine{}
	for _, g := range plan.Groups {
		if _, ok := names[g.ClientID]; !ok {
			c, err := store.GetClient(ctx, g.ClientID)
			if err != nil {
				return nil, err
			}
			names[g.ClientID] = c.Name
		}
		for _, d := range g.Items {
			lines = append(lines, dueLine{Invoice: d.Number, Client: names[g.ClientID], Step: d.Step.TemplateKey,
				Channel: string(g.Channel), Planned: d.Planned.String(), AmountCents: int64(d.Outstanding), CatchUp: d.CatchUp})
		}
	}
	return lines, nil
}

func printDue(w io.Writer, plan *dunning.Plan, lines []dueLine) {
	if len(lines) == 0 {
		fmt.Fprintln(w, say.T.L("cli.due.none", map[string]any{"Date": say.Date(plan.Today)}))
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, say.T.L("cli.due.header"))
	for _, l := range lines {
		planned, _ := data.ParseDate(l.Planned)
		step := say.StepName(data.Step{TemplateKey: l.Step, Channel: data.Channel(l.Channel)})
		if l.CatchUp {
			step += " (" + say.T.L("cli.due.catch_up") + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", l.Client, l.Invoice, step,
			say.ChannelName(data.Channel(l.Channel)), say.Date(planned), say.Money(data.Money(l.AmountCents)))
	}
	tw.Flush()
}

// statementJSON is `relance statement --json`.
type statementJSON struct {
	Invoice          string      `json:"invoice"`
	ClientKind       string      `json:"client_kind"`
	Due              string      `json:"due"`
	AsOf             string      `json:"as_of"`
	Basis            string      `json:"basis"`
	DaysLate         int         `json:"days_late"`
	Slices           []sliceJSON `json:"slices"`
	OutstandingCents int64       `json:"outstanding_cents"`
	PenaltiesCents   int64       `json:"penalties_cents"`
	// InterestPaidCents is the part of the penalties the payments settled
	// (Code civil 1343-1): total = outstanding + penalties - interest paid + indemnity.
	InterestPaidCents int64    `json:"interest_paid_cents"`
	IndemnityCents    int64    `json:"indemnity_cents"`
	TotalCents        int64    `json:"total_cents"`
	Imputation        string   `json:"imputation,omitempty"`
	Warnings          []string `json:"warnings"`
}

type sliceJSON struct {
	From        string  `json:"from"`
	To          string  `json:"to"`
	Days        int     `json:"days"`
	BaseCents   int64   `json:"base_cents"`
	RatePercent float64 `json:"rate_percent"`
	AmountCents int64   `json:"amount_cents"`
}

func runStatement(env *cliEnv, args []string) int {
	var opts asOfFlags
	rest, code := parseCommand(env, args, 1, opts.register)
	if code >= 0 {
		return code
	}
	day, ok := opts.day(env)
	if !ok {
		return 2
	}
	ctx := context.Background()
	store, inv, code := openInvoice(env, ctx, rest[0])
	if code >= 0 {
		return code
	}
	defer store.Close()
	report, err := dunning.NewService(store, data.ClockOn(day)).Statement(ctx, inv.ID, day)
	if err != nil {
		return failed(env, err)
	}
	if opts.asJSON {
		return writeJSON(env, toStatementJSON(report))
	}
	say.PrintStatement(env.stdout, report)
	return 0
}

func toStatementJSON(r dunning.StatementReport) statementJSON {
	st := r.Statement
	out := statementJSON{Invoice: r.Invoice.Number, ClientKind: string(r.Client.Kind), Due: st.Due.String(),
		AsOf: st.AsOf.String(), Basis: st.Basis, DaysLate: st.DaysLate, Slices: []sliceJSON{},
		OutstandingCents: int64(st.Outstanding), PenaltiesCents: int64(st.Penalties), InterestPaidCents: int64(st.InterestPaid),
		IndemnityCents: int64(st.Indemnity), TotalCents: int64(st.Total), Imputation: st.Imputation, Warnings: []string{}}
	for _, s := range st.Slices {
		out.Slices = append(out.Slices, sliceJSON{From: s.From.String(), To: s.To.String(), Days: s.Days,
			BaseCents: int64(s.Base), RatePercent: float64(s.RateBP) / 100, AmountCents: int64(s.Amount)})
	}
	for _, w := range st.Warnings {
		out.Warnings = append(out.Warnings, say.Warning(w))
	}
	return out
}

func writeJSON(env *cliEnv, v any) int {
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintln(env.stderr, err)
		return 1
	}
	return 0
}
