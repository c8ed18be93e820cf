package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"relance/app/archive"
	"relance/app/datadir"
	"relance/app/drafting"
	"relance/app/dunning"
	"relance/app/mail"
	"relance/app/payers"
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
		fmt.Fprintln(env.stderr, say.T.L("cli.send_due.locked", map[string]any{"Dir": dir}))
		return 1
	}
	if err != nil {
		fmt.Fprintln(env.stderr, openError(dir, err))
		return 1
	}
	defer release()
	defer logToBook(dir, "send-due")()
	clock := data.SystemClock{}
	svc := dunning.NewService(store, clock)
	ctx := context.Background()
	if !dryRun {
		gradeBeforeSending(ctx, store, clock.Today())
	}
	plan, err := svc.PlanAsOf(ctx, clock.Today())
	if err != nil {
		return failed(env, err)
	}
	files := &archive.Files{Dir: dir, Store: store}
	sender := mail.NewService(store, files, mail.NewSecrets(mail.SystemKeyring{}), mail.Transport{})
	outcomes, err := sender.SendDue(ctx, plan, drafting.NewMailComposer(store, svc, files, clock), dryRun)
	if err != nil {
		fmt.Fprintln(env.stderr, sendDueError(err))
		return 1
	}
	names, err := clientNames(ctx, store, outcomes)
	if err != nil {
		return failed(env, err)
	}
	code := printSendDue(env.stdout, outcomes, names, dryRun)
	if !dryRun {
		checkInbox(ctx, env.stdout, sender)
	}
	return code
}

// gradeBeforeSending is the day's payer grading (payers.Daily) when the
// window has not done it today, so that the categories the scenarios are
// chosen by are the day's before the run plans. A failure is logged, not
// fatal: the reminders go by the categories as they were.
func gradeBeforeSending(ctx context.Context, store *data.Store, today data.Date) {
	g, err := payers.Daily(ctx, store, today)
	if err != nil {
		slog.Error("send-due: payer grades", "err", err)
		return
	}
	if !g.AlreadyDone {
		slog.Info("send-due: payer grades", "clients", g.Clients, "moves", len(g.Moves))
	}
}

// checkInbox reads the inbox after the run, as the window does: bounces
// and replies to our emails go on the timelines (and a reply pauses its
// invoice before the next run reminds it again). What it found is one line
// of the report; a failure to read is logged, not fatal: the emails went.
func checkInbox(ctx context.Context, w io.Writer, sender *mail.Service) {
	report, err := sender.CheckInbox(ctx)
	switch {
	case errors.Is(err, mail.ErrNoInbox):
	case err != nil:
		slog.Warn("read the inbox", "err", err)
	case report.Bounces+report.Replies > 0:
		fmt.Fprintln(w, inboxLine(report.Bounces, report.Replies))
	}
}

// logToBook sends the run's log to the data folder's relance.log, as the
// window does: the details of a failure (the server's words, the
// keychain's D-Bus message) are kept there, and the output stays the
// report. It returns what restores the log.
func logToBook(dir, run string) func() {
	f, err := os.OpenFile(filepath.Join(dir, "relance.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return func() {}
	}
	previous := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(f, nil)).With("run", run))
	return func() {
		slog.SetDefault(previous)
		f.Close()
	}
}

// sendDueError says why nothing could be sent.
func sendDueError(err error) string {
	switch {
	case errors.Is(err, mail.ErrDemoBook):
		return say.T.L("cli.send_due.demo")
	case mail.CauseOf(err) == mail.CauseNotConfigured:
		return say.T.L("cli.send_due.not_configured")
	case mail.CauseOf(err) == mail.CauseNoSecret:
		return say.T.L("cli.send_due.no_secret")
	case mail.CauseOf(err) == mail.CauseSignIn:
		return say.T.L("cli.send_due.sign_in")
	}
	return failedLine(err)
}

func clientNames(ctx context.Context, store *data.Store, outcomes []mail.DueOutcome) (map[int64]data.Client, error) {
	var ids []int64
	for _, o := range outcomes {
		ids = append(ids, o.Group.ClientID)
	}
	return store.ListClientsByIDs(ctx, ids)
}

// sendDueTally counts the outcomes of a run, each email once, by what
// became of it.
type sendDueTally struct {
	Sent, Later, Held, Check, Failed, Review int
}

// needsOwner reports whether the run ends with an email that waits for
// the owner or a retry: the exit status is then 1.
func (t *sendDueTally) needsOwner() bool {
	return t.Later+t.Held+t.Check+t.Failed > 0
}

// sendDueKey is the line's key for an outcome, and counts it.
func (t *sendDueTally) sendDueKey(o *mail.DueOutcome, dryRun bool) string {
	switch {
	case o.Review():
		t.Review++
		return "cli.send_due.review"
	case dryRun:
		return "cli.send_due.would"
	case o.State == data.OutboxSent:
		t.Sent++
		return "cli.send_due.sent"
	case o.Held:
		t.Held++
		return "cli.send_due.held"
	case o.State == data.OutboxQueued:
		t.Later++
		return "cli.send_due.later"
	case o.State == data.OutboxFailed && mail.CauseOf(o.Err) == mail.CauseStale:
		t.Check++
		return "cli.send_due.to_check"
	case o.State == data.OutboxFailed || o.Err != nil && o.State != data.OutboxCancelled:
		t.Failed++
		return "cli.send_due.failed"
	}
	return "cli.send_due.stopped"
}

// printSendDue writes one line per email and a summary that counts each
// once, in the words of what became of it; it returns the exit status.
func printSendDue(w io.Writer, outcomes []mail.DueOutcome, clients map[int64]data.Client, dryRun bool) int {
	if len(outcomes) == 0 {
		fmt.Fprintln(w, say.T.L("cli.send_due.none"))
		return 0
	}
	var tally sendDueTally
	for i := range outcomes {
		o := &outcomes[i]
		args := map[string]any{"Number": o.Group.Lead.Number, "Client": clients[o.Group.ClientID].Name, "To": o.To,
			"Subject": o.Subject, "Reason": sendDueReason(o.Err)}
		fmt.Fprintln(w, strings.TrimSpace(say.T.L(tally.sendDueKey(o, dryRun), args)))
	}
	if !dryRun {
		fmt.Fprintln(w, say.T.L("cli.send_due.tally", map[string]any{"Sent": tally.Sent, "Later": tally.Later,
			"Held": tally.Held, "Check": tally.Check, "Failed": tally.Failed, "Review": tally.Review}))
	}
	if tally.Held > 0 {
		fmt.Fprintln(w, say.T.L("cli.send_due.fix_account"))
	}
	if tally.needsOwner() {
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
		text := say.T.L("mail.cause." + string(e.Cause))
		switch {
		case e.Code != 0:
			text += fmt.Sprintf(" (%d %s)", e.Code, strings.TrimSpace(e.Server))
		case e.Server != "":
			text += " (" + strings.TrimSpace(e.Server) + ")"
		}
		return text
	}
	var ns *data.NotSendableError
	switch {
	case errors.As(err, &ns):
		return say.T.L("cli.send_due.not_sendable", map[string]any{"Number": ns.Number, "Reason": ns.Reason})
	case errors.Is(err, mail.ErrCatchUp):
		return say.T.L("cli.send_due.why_catch_up")
	case errors.Is(err, mail.ErrPreDuePassed):
		return say.T.L("cli.send_due.why_pre_due")
	case errors.Is(err, mail.ErrContactToCheck):
		return say.T.L("cli.send_due.why_contact")
	}
	return err.Error()
}

// inboxLine says what send-due's look at the inbox found.
func inboxLine(bounces, replies int) string {
	return say.T.L("cli.send_due.inbox", map[string]any{
		"Bounces": say.T.N("cli.send_due.inbox_bounces", bounces, map[string]any{"Count": bounces}),
		"Replies": say.T.N("cli.send_due.inbox_replies", replies, map[string]any{"Count": replies})})
}
