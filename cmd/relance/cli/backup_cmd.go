package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"relance/app/backup"
	"relance/data"
)

// runBackup writes a backup of the book now: in the data folder's
// backups/ (pruned as the daily ones are), or in the folder --to names.
func runBackup(env *cliEnv, args []string) int {
	var to string
	if _, code := parseCommand(env, args, 0, func(fs *flag.FlagSet) { fs.StringVar(&to, "to", "", "") }); code >= 0 {
		return code
	}
	store, dir, release, err := openBook(env)
	if err != nil {
		fmt.Fprintln(env.stderr, openError(dir, err))
		return 1
	}
	defer release()
	k := &backup.Keeper{Store: store, DataDir: dir}
	res, err := k.Now(context.Background(), to)
	if err != nil {
		fmt.Fprintln(env.stderr, say.T.L("cli.backup.failed", map[string]any{"Detail": err.Error()}))
		return 1
	}
	fmt.Fprintln(env.stdout, say.T.L("cli.backup.done", map[string]any{"Path": res.Path}))
	return 0
}

// runRestore puts a backup (a .db file, or the zip of a whole book) in
// place of the book, once checked; the current book is kept aside.
func runRestore(env *cliEnv, args []string) int {
	rest, code := parseCommand(env, args, 1, nil)
	if code >= 0 {
		return code
	}
	file := rest[0]
	dir, lock, err := lockDataDir(env.book.Data, env.getenv) // the window must not hold the book meanwhile
	if err != nil {
		fmt.Fprintln(env.stderr, openError(dir, err))
		return 1
	}
	defer lock.Release()
	ctx := context.Background()
	restore := backup.Restore
	if strings.EqualFold(filepath.Ext(file), ".zip") {
		restore = backup.Import
	}
	info, keptAs, err := restore(ctx, dir, file, time.Now())
	if err != nil {
		fmt.Fprintln(env.stderr, restoreError(file, err))
		return 1
	}
	fmt.Fprintln(env.stdout, say.T.L("cli.restore.done", map[string]any{"File": file, "Clients": info.Clients,
		"Invoices": info.Invoices}))
	if keptAs != "" {
		fmt.Fprintln(env.stdout, say.T.L("cli.restore.kept", map[string]any{"Path": keptAs}))
	}
	return 0
}

// restoreError says why a file cannot be restored.
func restoreError(file string, err error) string {
	var be *data.BackupError
	if errors.As(err, &be) {
		return say.T.L("cli.restore.refused."+be.Reason, map[string]any{"File": file})
	}
	if errors.Is(err, backup.ErrNoBookInZip) {
		return say.T.L("cli.restore.refused.not_a_book", map[string]any{"File": file})
	}
	return say.T.L("cli.restore.failed", map[string]any{"File": file, "Detail": err.Error()})
}
