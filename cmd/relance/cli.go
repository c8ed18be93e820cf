package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"fyne.io/fyne/v2/lang"

	"relance/app/datadir"
	"relance/app/demo"
	"relance/app/ui"
	"relance/data"
)

// command is one verb of the command line.
type command struct {
	name    string
	usage   string // its arguments, as --help shows them
	helpKey string // translation key of its one-line description
	run     func(env *cliEnv, args []string) int
}

// commands lists the verbs in the order --help shows them. (A function, not
// a variable: help refers back to the list.)
func commands() []command {
	return []command{
		{"version", "", "cli.cmd.version", runVersion},
		{"demo", "", "cli.cmd.demo", runDemo},
		{"due", "[--as-of DATE] [--json]", "cli.cmd.due", runDue},
		{"statement", "INVOICE [--as-of DATE] [--json]", "cli.cmd.statement", runStatement},
		{"letter", "INVOICE --step STEP [--as-of DATE] -o FILE.pdf", "cli.cmd.letter", runLetter},
		{"send-due", "[--dry-run]", "cli.cmd.send_due", runSendDue},
		{"help", "", "cli.cmd.help", runHelp},
	}
}

// cliEnv is what a command gets: the resolved options and where to write.
type cliEnv struct {
	dataFlag       string
	stdout, stderr io.Writer
	getenv         func(string) string
}

// run parses the command line and dispatches; it returns the exit code.
// Global options may come before or after the verb: `relance --data D demo`
// and `relance demo --data D` mean the same.
func run(args []string, stdout, stderr io.Writer) int {
	dropCLocale()
	if err := ui.LoadTranslations(); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	env := &cliEnv{stdout: stdout, stderr: stderr, getenv: osGetenv}
	verb, rest, code := parseGlobal(env, args)
	if code >= 0 {
		return code
	}
	if verb == "" {
		return runGUI(env)
	}
	attachParentConsole()
	for _, c := range commands() {
		if c.name == verb {
			return c.run(env, rest)
		}
	}
	fmt.Fprintln(stderr, lang.L("cli.unknown_command", map[string]any{"Name": verb}))
	printUsage(stderr)
	return 2
}

// parseGlobal reads the global options up to the first verb. code is -1 to
// go on, else the exit code to return now (help asked, bad option).
func parseGlobal(env *cliEnv, args []string) (verb string, rest []string, code int) {
	fs := flag.NewFlagSet("relance", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&env.dataFlag, "data", env.dataFlag, "")
	if err := fs.Parse(args); err != nil {
		attachParentConsole()
		if errors.Is(err, flag.ErrHelp) {
			printUsage(env.stdout)
			return "", nil, 0
		}
		fmt.Fprintln(env.stderr, lang.L("cli.bad_option", map[string]any{"Detail": err.Error()}))
		printUsage(env.stderr)
		return "", nil, 2
	}
	if fs.NArg() == 0 {
		return "", nil, -1
	}
	return fs.Arg(0), fs.Args()[1:], -1
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, lang.L("cli.usage"))
	fmt.Fprintln(w)
	fmt.Fprintln(w, lang.L("cli.commands"))
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, lang.L(c.helpKey))
		if c.usage != "" {
			fmt.Fprintf(w, "  %-10s   relance %s %s\n", "", c.name, c.usage)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, lang.L("cli.options"))
	fmt.Fprintf(w, "  %-10s %s\n", "--data DIR", lang.L("cli.opt.data"))
	fmt.Fprintf(w, "  %-10s %s\n", "--help", lang.L("cli.opt.help"))
}

func runHelp(env *cliEnv, _ []string) int {
	printUsage(env.stdout)
	return 0
}

func runVersion(env *cliEnv, args []string) int {
	if _, code := parseCommand(env, args, 0, nil); code >= 0 {
		return code
	}
	fmt.Fprintf(env.stdout, "Relance %s\n", version)
	return 0
}

// parseCommand reads a command's options (--data and its own, declared by
// setup) wherever they stand among its arguments, and checks it got
// exactly `positional` other arguments. code is -1 to go on, else the exit
// code to return now.
func parseCommand(env *cliEnv, args []string, positional int, setup func(*flag.FlagSet)) ([]string, int) {
	fs := flag.NewFlagSet("relance", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&env.dataFlag, "data", env.dataFlag, "")
	if setup != nil {
		setup(fs)
	}
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printUsage(env.stdout)
				return nil, 0
			}
			fmt.Fprintln(env.stderr, lang.L("cli.bad_option", map[string]any{"Detail": err.Error()}))
			return nil, 2
		}
		if fs.NArg() == 0 {
			break
		}
		rest, args = append(rest, fs.Arg(0)), fs.Args()[1:]
	}
	if len(rest) != positional {
		fmt.Fprintln(env.stderr, lang.L("cli.bad_arguments", map[string]any{"Want": positional, "Got": len(rest)}))
		return nil, 2
	}
	return rest, -1
}

// openBook resolves the data folder, takes the single-instance lock and
// opens the store. The caller releases both with the returned function.
func openBook(env *cliEnv) (*data.Store, string, func(), error) {
	dir, err := datadir.Resolve(env.dataFlag, env.getenv)
	if err == nil {
		err = datadir.Ensure(dir)
	}
	if err != nil {
		return nil, dir, nil, err
	}
	lock, err := datadir.Lock(dir)
	if err != nil {
		return nil, dir, nil, err
	}
	store, err := data.Open(datadir.DBPath(dir))
	if err != nil {
		lock.Release()
		return nil, dir, nil, err
	}
	return store, dir, func() { store.Close(); lock.Release() }, nil
}

// openError says in the user's language why the book could not be opened.
func openError(dir string, err error) string {
	switch {
	case errors.Is(err, datadir.ErrLocked):
		return lang.L("cli.locked", map[string]any{"Dir": dir})
	case errors.Is(err, data.ErrNewerSchema):
		return lang.L("cli.newer_schema", map[string]any{"Dir": dir})
	case errors.Is(err, data.ErrEmptyFile):
		return lang.L("cli.empty_book", map[string]any{"Dir": dir})
	}
	return lang.L("cli.open_failed", map[string]any{"Dir": dir, "Detail": err.Error()})
}

func runDemo(env *cliEnv, args []string) int {
	if _, code := parseCommand(env, args, 0, nil); code >= 0 {
		return code
	}
	store, dir, release, err := openBook(env)
	if err != nil {
		fmt.Fprintln(env.stderr, openError(dir, err))
		return 1
	}
	defer release()
	ctx := context.Background()
	sum, err := demo.Load(ctx, store, data.SystemClock{}.Today())
	if err == nil {
		err = store.MarkOnboarded(ctx)
	}
	if errors.Is(err, demo.ErrNotEmpty) {
		fmt.Fprintln(env.stderr, lang.L("cli.demo.not_empty", map[string]any{"Dir": dir}))
		return 1
	}
	if err != nil {
		slog.Error("demo", "err", err)
		fmt.Fprintln(env.stderr, lang.L("cli.demo.failed", map[string]any{"Detail": err.Error()}))
		return 1
	}
	fmt.Fprintln(env.stdout, lang.L("cli.demo.done", map[string]any{
		"Clients": sum.Clients, "Invoices": sum.Invoices, "Payments": sum.Payments, "Dir": dir}))
	return 0
}

// dropCLocale removes locale variables set to the C/POSIX locale (the
// default of cron and containers): they name no language, and Fyne's locale
// lookup complains about them on every translation load. Without them it
// falls back to English, which is what C means.
func dropCLocale() {
	for _, key := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		base, _, _ := strings.Cut(os.Getenv(key), ".")
		if base == "C" || base == "POSIX" {
			os.Unsetenv(key)
		}
	}
}
