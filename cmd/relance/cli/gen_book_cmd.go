package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"

	"relance/app/genbook"
)

// hiddenCommands are verbs --help leaves out: developers' tools, not the
// owner's.
func hiddenCommands() []command {
	return []command{
		{"gen-book", "--clients N --invoices N [--seed S] [--today DATE]", "", runGenBook},
	}
}

// allCommands are the verbs the command line answers to.
func allCommands() []command { return append(commands(), hiddenCommands()...) }

// genBookFlags are gen-book's options.
type genBookFlags struct {
	clients, invoices int
	seed              uint64
	today             asOfFlags // --today, read as --as-of is
}

func (o *genBookFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&o.clients, "clients", 0, "")
	fs.IntVar(&o.invoices, "invoices", 0, "")
	fs.Uint64Var(&o.seed, "seed", 1, "")
	fs.StringVar(&o.today.asOf, "today", "", "")
}

// runGenBook fills an empty data folder with a generated book of the size
// asked (see package genbook): the realistic books benchmarks run on.
func runGenBook(env *cliEnv, args []string) int {
	var o genBookFlags
	if _, code := parseCommand(env, args, 0, o.register); code >= 0 {
		return code
	}
	if o.invoices <= 0 || o.clients < 0 {
		fmt.Fprintln(env.stderr, say.T.L("cli.bad_option", map[string]any{"Detail": "--invoices N (N > 0) --clients N (N >= 0)"}))
		return 2
	}
	today, ok := o.today.day(env)
	if !ok {
		return 2
	}
	store, dir, release, err := openBook(env)
	if err != nil {
		fmt.Fprintln(env.stderr, openError(dir, err))
		return 1
	}
	defer release()
	sum, err := genbook.Write(context.Background(), store, genbook.Options{Clients: o.clients, Invoices: o.invoices, Today: today, Seed: o.seed})
	switch {
	case errors.Is(err, genbook.ErrNotEmpty):
		fmt.Fprintln(env.stderr, say.T.L("cli.gen_book.not_empty", map[string]any{"Dir": dir}))
		return 1
	case err != nil:
		slog.Error("gen-book", "err", err)
		fmt.Fprintln(env.stderr, say.T.L("cli.failed", map[string]any{"Detail": err.Error()}))
		return 1
	}
	fmt.Fprintln(env.stdout, say.T.L("cli.gen_book.done", map[string]any{"Dir": dir, "Clients": sum.Clients,
		"Invoices": sum.Invoices, "Open": sum.Open, "Overdue": sum.Overdue, "Payments": sum.Payments, "Events": sum.Events}))
	return 0
}
