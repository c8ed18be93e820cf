package cli

import (
	"context"
	"flag"
	"fmt"
	"time"

	"relance/app/sharedbook"
)

// runMove moves the data folder's book to a shared book on a server
// (--to postgres://..., an empty database), or the shared book the folder
// is connected to back into a file (--to-file): what Settings > Shared
// book does, for an IT provider's script. The password comes from the URL
// (then kept in the keychain, when there is one), PGPASSWORD or .pgpass.
func runMove(env *cliEnv, args []string) int {
	var to string
	var toFile bool
	if _, code := parseCommand(env, args, 0, func(fs *flag.FlagSet) {
		fs.StringVar(&to, "to", "", "")
		fs.BoolVar(&toFile, "to-file", false, "")
	}); code >= 0 {
		return code
	}
	if (to == "") == !toFile {
		fmt.Fprintln(env.stderr, say.T.L("cli.move.which"))
		return 2
	}
	var conn sharedbook.Connection
	var password string
	if to != "" {
		var err error
		if conn, password, err = sharedbook.ParseURL(to); err != nil {
			fmt.Fprintln(env.stderr, say.T.L("cli.move.failed", map[string]any{"Detail": err.Error()}))
			return 2
		}
	}
	store, dir, release, err := openBook(env)
	if err != nil {
		fmt.Fprintln(env.stderr, openError(dir, err))
		return 1
	}
	defer release()
	ctx := context.Background()
	var moved sharedbook.Moved
	if toFile {
		moved, err = sharedbook.MoveToFile(ctx, store, dir, time.Now(), nil)
	} else {
		moved, err = sharedbook.MoveToServer(ctx, store, dir, conn, password, nil)
	}
	if err != nil {
		fmt.Fprintln(env.stderr, say.T.L("cli.move.failed", map[string]any{"Detail": err.Error()}))
		return 1
	}
	if to != "" && password != "" {
		passwords.Set(conn, password) // for the folder's next openings
	}
	invoices, _ := moved.Report.Table("invoices")
	payments, _ := moved.Report.Table("payments")
	fmt.Fprintln(env.stdout, say.T.L("cli.move.done", map[string]any{"Rows": moved.Report.Rows(),
		"Invoices": invoices.Rows, "Payments": payments.Rows, "Files": moved.Files}))
	if len(moved.Lost) > 0 {
		fmt.Fprintln(env.stdout, say.T.L("cli.move.lost", map[string]any{"Count": len(moved.Lost)}))
	}
	if moved.KeptAs != "" {
		fmt.Fprintln(env.stdout, say.T.L("cli.move.kept", map[string]any{"Path": moved.KeptAs}))
	}
	return 0
}
