package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"relance/app/drafting"
	"relance/app/dunning"
	"relance/data"
	"relance/documents"
)

// letterFlags are the options of `relance letter`.
type letterFlags struct {
	asOfFlags
	step, out string
}

func (o *letterFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&o.asOf, "as-of", "", "")
	fs.StringVar(&o.step, "step", "", "")
	fs.StringVar(&o.out, "o", "", "")
}

// runLetter writes the PDF of a step's letter (or a statement) about an
// invoice, as the window would print it, without recording anything.
func runLetter(env *cliEnv, args []string) int {
	var opts letterFlags
	rest, code := parseCommand(env, args, 1, opts.register)
	if code >= 0 {
		return code
	}
	if code := opts.check(env); code >= 0 {
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
	pdf, code := letterPDF(env, ctx, store, inv, opts.step, day)
	if code >= 0 {
		return code
	}
	if err := os.WriteFile(opts.out, pdf, 0o644); err != nil {
		return failed(env, err)
	}
	fmt.Fprintln(env.stdout, say.T.L("letters.cli.done", map[string]any{"File": opts.out}))
	return 0
}

// check refuses a missing output file or an unknown step.
func (o *letterFlags) check(env *cliEnv) int {
	if o.out == "" {
		fmt.Fprintln(env.stderr, say.T.L("letters.cli.no_output"))
		return 2
	}
	if !slices.Contains(documents.DocumentKeys(), o.step) {
		fmt.Fprintln(env.stderr, say.T.L("letters.cli.unknown_step", map[string]any{"Step": o.step,
			"Steps": strings.Join(documents.DocumentKeys(), ", ")}))
		return 2
	}
	return -1
}

// letterPDF prints the document; code is -1 on success, else the exit code.
func letterPDF(env *cliEnv, ctx context.Context, store *data.Store, inv data.Invoice, step string, day data.Date) ([]byte, int) {
	c, err := drafting.LetterContext(ctx, store, dunning.NewService(store, data.ClockOn(day)), inv.ID, step, day)
	if err == nil {
		var pdf []byte
		if pdf, err = documents.Document(step, documents.StoreSource(ctx, store), c); err == nil {
			return pdf, -1
		}
	}
	var pe *documents.PartError
	switch {
	case errors.As(err, &pe):
		fmt.Fprintln(env.stderr, say.T.L("letters.cli.template_error", map[string]any{"Step": step, "Line": pe.Err.Line,
			"Col": pe.Err.Col, "Detail": pe.Err.Error()}))
	case errors.Is(err, documents.ErrNoStatement):
		fmt.Fprintln(env.stderr, say.T.L("letters.cli.not_late", map[string]any{"Number": inv.Number}))
	case errors.Is(err, drafting.ErrNothingOwed):
		fmt.Fprintln(env.stderr, say.T.L("letters.cli.nothing_owed", map[string]any{"Number": inv.Number}))
	default:
		fmt.Fprintln(env.stderr, failedLine(err))
	}
	return nil, 1
}
