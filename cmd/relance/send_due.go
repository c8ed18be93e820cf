package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2/lang"

	"relance/app/compose"
	"relance/app/datadir"
	"relance/app/dunning"
	"relance/app/mail"
	"relance/data"
)

// runSendDue sends the emails whose step says "send automatically" and
// that are due today, through the outbox, then exits: for Windows Task
// Scheduler or cron. It takes the data folder's lock, so it does not run
// while the window is open (the next scheduled run will). The exit status
// is 1 when any message failed or waits for a retry.
func runSendDue(env *cliEnv, args []string) int {
	var dryRun bool
	if _, code := parseCommand(env, args, 0, func(fs *flag.FlagSet) { fs.BoolVar(&dryRun, "dry-run", false, "") }); code >= 0 {
		return code
	}
	store, dir, release, err := openBook(env)
	if errors.Is(err, datadir.ErrLocked) {
		fmt.Fprintln(env.stderr, lang.L("cli.send_due.locked", map[string]any{"Dir": dir}))
		return 1
	}
	if err != nil {
		fmt.Fprintln(env.stderr, openError(dir, err))
		return 1
	}
	defer release()
	clock := data.SystemClock{}
	svc := dunning.NewService(store, clock)
	ctx := context.Background()
	plan, err := svc.PlanAsOf(ctx, clock.Today())
	if err != nil {
		return failed(env, err)
	}
	sender := mail.NewService(store, dir, mail.NewSecrets(mail.SystemKeyring{}), mail.Transport{})
	outcomes, err := sender.SendDue(ctx, plan, compose.NewMailComposer(store, svc, dir, clock), dryRun)
	if err != nil {
		fmt.Fprintln(env.stderr, sendDueError(err))
		return 1
	}
	names, err := clientNames(ctx, store, outcomes)
	if err != nil {
		return failed(env, err)
	}
	return printSendDue(env.stdout, outcomes, names, dryRun)
}

// sendDueError says why nothing could be sent.
func sendDueError(err error) string {
	switch {
	case errors.Is(err, mail.ErrDemoBook):
		return lang.L("cli.send_due.demo")
	case mail.CauseOf(err) == mail.CauseNotConfigured:
		return lang.L("cli.send_due.not_configured")
	case mail.CauseOf(err) == mail.CauseNoSecret:
		return lang.L("cli.send_due.no_secret")
	}
	return lang.L("cli.failed", map[string]any{"Detail": err.Error()})
}

func clientNames(ctx context.Context, store *data.Store, outcomes []mail.DueOutcome) (map[int64]data.Client, error) {
	var ids []int64
	for _, o := range outcomes {
		ids = append(ids, o.Group.ClientID)
	}
	return store.ListClientsByIDs(ctx, ids)
}

// printSendDue writes one line per message and a summary; it returns the
// exit status.
func printSendDue(w io.Writer, outcomes []mail.DueOutcome, clients map[int64]data.Client, dryRun bool) int {
	if len(outcomes) == 0 {
		fmt.Fprintln(w, lang.L("cli.send_due.none"))
		return 0
	}
	sent, failed := 0, 0
	for _, o := range outcomes {
		args := map[string]any{"Number": o.Group.Lead.Number, "Client": clients[o.Group.ClientID].Name, "To": o.To,
			"Subject": o.Subject, "Reason": sendDueReason(o.Err)}
		key := "cli.send_due.stopped"
		switch {
		case dryRun:
			key = "cli.send_due.would"
		case o.State == data.OutboxSent:
			key = "cli.send_due.sent"
			sent++
		case o.State == data.OutboxQueued:
			key = "cli.send_due.later"
			failed++
		case o.State == data.OutboxFailed || o.Err != nil && o.State != data.OutboxCancelled:
			key = "cli.send_due.failed"
			failed++
		}
		fmt.Fprintln(w, strings.TrimSpace(lang.L(key, args)))
	}
	if !dryRun {
		fmt.Fprintln(w, lang.L("cli.send_due.summary", map[string]any{"Sent": sent, "Failed": failed}))
	}
	if failed > 0 {
		return 1
	}
	return 0
}

// sendDueReason is why a message did not go, in one sentence.
func sendDueReason(err error) string {
	if err == nil {
		return ""
	}
	var e *mail.Error
	if errors.As(err, &e) {
		text := lang.L("mail.cause." + string(e.Cause))
		if e.Server != "" {
			text += " (" + strings.TrimSpace(fmt.Sprintf("%d %s", e.Code, e.Server)) + ")"
		}
		return text
	}
	var ns *data.NotSendableError
	if errors.As(err, &ns) {
		return lang.L("cli.send_due.not_sendable", map[string]any{"Number": ns.Number, "Reason": ns.Reason})
	}
	return err.Error()
}
