package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"relance/app/datadir"
	"relance/app/demo"
	"relance/app/mail"
	"relance/app/sharedbook"
	"relance/app/words"
	"relance/data"
)

// command is one verb of the command line.
type command struct {
	name    string
	usage   string // its arguments, as --help shows them
	helpKey string // translation key of its one-line description
	run     func(env *cliEnv, args []string) int
}

// commands lists the verbs in the order --help shows them (hiddenCommands
// are the others). (A function, not a variable: help refers back to the
// list.)
func commands() []command {
	return []command{
		{"version", "", "cli.cmd.version", runVersion},
		{"demo", "", "cli.cmd.demo", runDemo},
		{"due", "[--as-of DATE] [--json]", "cli.cmd.due", runDue},
		{"statement", "INVOICE [--as-of DATE] [--json]", "cli.cmd.statement", runStatement},
		{"profiles", "[--as-of DATE] [--json]", "cli.cmd.profiles", runProfiles},
		{"export", "invoices|aged|profiles|accountant [--format xlsx|csv] [--out FILE|-] [--as-of DATE]", "cli.cmd.export", runExport},
		{"calendar", "--ics [--out FILE|-] [--from DATE] [--to DATE | --days N] [--as-of DATE]", "cli.cmd.calendar", runCalendar},
		{"letter", "INVOICE --step STEP [--as-of DATE] -o FILE.pdf", "cli.cmd.letter", runLetter},
		{"send-due", "[--dry-run]", "cli.cmd.send_due", runSendDue},
		{"backup", "[--to DIR]", "cli.cmd.backup", runBackup},
		{"restore", "FILE.db|FILE.zip", "cli.cmd.restore", runRestore},
		{"move", "--to postgres://USER@HOST/DB | --to-file", "cli.cmd.move", runMove},
		{"import", "FILE... [--kind csv|xlsx|fec|facturx|bank] [--preset NAME] [--dry-run] [--skip-errors] [--confirm-above SCORE] [--json]", "cli.cmd.import", runImport},
		{"help", "", "cli.cmd.help", runHelp},
	}
}

// cliEnv is what a command gets: the resolved options and where to write.
type cliEnv struct {
	book           Book
	stdout, stderr io.Writer
	getenv         func(string) string
}

// Book names the book to open: the data folder (--data, "" for the
// default one) and, for a shared book, its server (--db postgres://...).
// Without --db, a data folder that was connected to a shared book
// (sharedbook.File) opens that book.
type Book struct {
	Data string
	DB   string
}

// flags registers the options naming the book on fs.
func (b *Book) flags(fs *flag.FlagSet) {
	fs.StringVar(&b.Data, "data", b.Data, "")
	fs.StringVar(&b.DB, "db", b.DB, "")
}

// Window opens the app's window over the book the options named, with
// the import wizard on files when some are given (the system's "Open with
// Relance"): cmd/relance gives it, so that this package links no GUI
// code. It returns the exit code.
type Window func(book Book, importFiles []string) int

// say is what the command line says, in the system's language. One
// process speaks one language: Run sets it before anything is said.
var say words.Words

// Run parses the command line and dispatches; it returns the exit code.
// Global options may come before or after the verb: `relance --data D demo`
// and `relance demo --data D` mean the same. Without a verb it opens the
// window.
func Run(args []string, stdout, stderr io.Writer, window Window) int {
	catalogue, err := words.Load(words.SystemLanguage())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	say = words.Words{T: catalogue}
	env := &cliEnv{stdout: stdout, stderr: stderr, getenv: os.Getenv}
	verb, rest, code := parseGlobal(env, args)
	if code >= 0 {
		return code
	}
	if verb == "" {
		return window(env.book, nil)
	}
	if files, ok := existingFiles(verb, rest); ok {
		return window(env.book, files)
	}
	attachParentConsole()
	for _, c := range allCommands() {
		if c.name == verb {
			return c.run(env, rest)
		}
	}
	fmt.Fprintln(stderr, say.T.L("cli.unknown_command", map[string]any{"Name": verb}))
	printUsage(stderr)
	return 2
}

// existingFiles reports whether the command line names files rather than
// a verb ("Open with Relance" on an export or an invoice): every argument
// is a file that exists. The verbs are no file names, so a verb always wins.
func existingFiles(first string, rest []string) ([]string, bool) {
	for _, c := range allCommands() {
		if c.name == first {
			return nil, false
		}
	}
	files := append([]string{first}, rest...)
	for _, f := range files {
		if info, err := os.Stat(f); err != nil || info.IsDir() {
			return nil, false
		}
	}
	return files, true
}

// parseGlobal reads the global options up to the first verb. code is -1 to
// go on, else the exit code to return now (help asked, bad option).
func parseGlobal(env *cliEnv, args []string) (verb string, rest []string, code int) {
	fs := flag.NewFlagSet("relance", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	env.book.flags(fs)
	if err := fs.Parse(args); err != nil {
		attachParentConsole()
		if errors.Is(err, flag.ErrHelp) {
			printUsage(env.stdout)
			return "", nil, 0
		}
		fmt.Fprintln(env.stderr, say.T.L("cli.bad_option", map[string]any{"Detail": err.Error()}))
		printUsage(env.stderr)
		return "", nil, 2
	}
	if fs.NArg() == 0 {
		return "", nil, -1
	}
	return fs.Arg(0), fs.Args()[1:], -1
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, say.T.L("cli.usage"))
	fmt.Fprintln(w)
	fmt.Fprintln(w, say.T.L("cli.commands"))
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, say.T.L(c.helpKey))
		if c.usage != "" {
			fmt.Fprintf(w, "  %-10s   relance %s %s\n", "", c.name, c.usage)
		}
	}
	fmt.Fprintf(w, "  %-10s %s\n", "FILE...", say.T.L("cli.open_files"))
	fmt.Fprintln(w)
	fmt.Fprintln(w, say.T.L("cli.options"))
	fmt.Fprintf(w, "  %-10s %s\n", "--data DIR", say.T.L("cli.opt.data"))
	fmt.Fprintf(w, "  %-10s %s\n", "--db URL", say.T.L("cli.opt.db"))
	fmt.Fprintf(w, "  %-10s %s\n", "--help", say.T.L("cli.opt.help"))
}

func runHelp(env *cliEnv, _ []string) int {
	printUsage(env.stdout)
	return 0
}

func runVersion(env *cliEnv, args []string) int {
	if _, code := parseCommand(env, args, 0, nil); code >= 0 {
		return code
	}
	fmt.Fprintf(env.stdout, "Relance %s\n", Version())
	return 0
}

// parseCommand reads a command's options (--data and its own, declared by
// setup) wherever they stand among its arguments, and checks it got
// exactly `positional` other arguments. code is -1 to go on, else the exit
// code to return now.
func parseCommand(env *cliEnv, args []string, positional int, setup func(*flag.FlagSet)) ([]string, int) {
	fs := flag.NewFlagSet("relance", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	env.book.flags(fs)
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
			fmt.Fprintln(env.stderr, say.T.L("cli.bad_option", map[string]any{"Detail": err.Error()}))
			return nil, 2
		}
		if fs.NArg() == 0 {
			break
		}
		rest, args = append(rest, fs.Arg(0)), fs.Args()[1:]
	}
	if len(rest) != positional {
		fmt.Fprintln(env.stderr, say.T.L("cli.bad_arguments", map[string]any{"Want": positional, "Got": len(rest)}))
		return nil, 2
	}
	return rest, -1
}

// openBook is OpenBook for a command.
func openBook(env *cliEnv) (*data.Store, string, func(), error) {
	return OpenBook(env.book, env.getenv)
}

// OpenBook resolves the data folder (the --data option, else
// RELANCE_DATA, else the user's data folder), takes the single-instance
// lock and opens the book: the shared one --db names or the folder is
// connected to (its password from the URL, the keychain, or PostgreSQL's
// own PGPASSWORD and .pgpass), else the folder's file. The caller
// releases both with the returned function.
func OpenBook(book Book, getenv func(string) string) (*data.Store, string, func(), error) {
	dir, lock, err := lockDataDir(book.Data, getenv)
	if err != nil {
		return nil, dir, nil, err
	}
	store, err := openStore(dir, book.DB)
	if err != nil {
		lock.Release()
		return nil, dir, nil, err
	}
	return store, dir, func() { store.Close(); lock.Release() }, nil
}

// openStore opens the book of dir, or the shared one db names; a shared
// book's password is the URL's, else the keychain's, else "" (PostgreSQL's
// PGPASSWORD or .pgpass may still give one).
func openStore(dir, db string) (*data.Store, error) {
	conn, password, shared, err := SharedBook(dir, db)
	if err != nil || !shared {
		if err == nil {
			return data.Open(datadir.DBPath(dir))
		}
		return nil, err
	}
	if password == "" {
		password, _ = passwords.Get(conn)
	}
	return sharedbook.Open(context.Background(), conn, password)
}

// SharedBook says which shared book dir opens: the one db names (a
// postgres:// URL, with the password it may hold) or the one the folder
// is connected to; shared is false for the folder's own file. It reads no
// keychain: the window asks it which book it is on at each start.
func SharedBook(dir, db string) (conn sharedbook.Connection, urlPassword string, shared bool, err error) {
	if db != "" {
		conn, urlPassword, err = sharedbook.ParseURL(db)
		return conn, urlPassword, err == nil, err
	}
	conn, shared, err = sharedbook.Load(dir)
	return conn, "", shared && err == nil, err
}

// lockDataDir resolves the data folder, creates it when missing and takes
// its single-instance lock.
func lockDataDir(dataFlag string, getenv func(string) string) (string, *datadir.InstanceLock, error) {
	dir, err := datadir.Resolve(dataFlag, getenv)
	if err == nil {
		err = datadir.Ensure(dir)
	}
	if err != nil {
		return dir, nil, err
	}
	lock, err := datadir.Lock(dir)
	return dir, lock, err
}

// openError says in the user's language why the book could not be opened.
func openError(dir string, err error) string { return OpenError(dir, err) }

// OpenError says in the system's language why the book in dir could not
// be opened: another window holds it, a newer Relance wrote it, ...
func OpenError(dir string, err error) string {
	switch {
	case errors.Is(err, datadir.ErrLocked):
		return say.T.L("cli.locked", map[string]any{"Dir": dir})
	case errors.Is(err, data.ErrNewerSchema):
		return say.T.L("cli.newer_schema", map[string]any{"Dir": dir})
	case errors.Is(err, data.ErrEmptyFile):
		return say.T.L("cli.empty_book", map[string]any{"Dir": dir})
	}
	return say.T.L("cli.open_failed", map[string]any{"Dir": dir, "Detail": err.Error()})
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
		fmt.Fprintln(env.stderr, say.T.L("cli.demo.not_empty", map[string]any{"Dir": dir}))
		return 1
	}
	if err != nil {
		slog.Error("demo", "err", err)
		fmt.Fprintln(env.stderr, say.T.L("cli.demo.failed", map[string]any{"Detail": err.Error()}))
		return 1
	}
	fmt.Fprintln(env.stdout, say.T.L("cli.demo.done", map[string]any{
		"Clients": sum.Clients, "Invoices": sum.Invoices, "Payments": sum.Payments, "Dir": dir}))
	return 0
}

// passwords are the shared books' passwords for this process: the
// keychain's, or those typed this run when no keychain answers.
var passwords = sharedbook.NewPasswords(mail.SystemKeyring{})

// RememberPassword keeps the password typed for c (the window's sign-in
// at start) for this run and, when it answers, in the keychain.
func RememberPassword(c sharedbook.Connection, password string) { passwords.Set(c, password) }
