package ui

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"relance/app/ui/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/mail"
	"relance/data"
)

// mailFacts is what the Today list shows of the outbox: the emails that
// need the owner (refused, interrupted, waiting for a retry), those the
// unattended run sent since the owner last looked, and the steps whose
// email is already in the outbox.
type mailFacts struct {
	run       string
	attention []data.OutboxMessage
	held      []data.OutboxMessage // on hold until the account is fixed: one row for all
	unseen    []data.OutboxMessage
	pending   map[data.OutboxStepKey]data.OutboxState
	names     map[int64]string // client names
}

// mailTodayFacts reads the outbox for the Today list (off the UI goroutine).
func (u *UI) mailTodayFacts(ctx context.Context) (mailFacts, error) {
	svc := u.mailer().svc
	f := mailFacts{run: svc.Run(), names: map[int64]string{}}
	var err error
	if f.attention, err = svc.Attention(ctx); err != nil {
		return f, err
	}
	if f.held, err = svc.Held(ctx); err != nil {
		return f, err
	}
	if f.unseen, err = u.store.ListOutboxUnseen(ctx); err != nil {
		return f, err
	}
	if f.pending, err = u.store.ListOutboxPending(ctx); err != nil {
		return f, err
	}
	var ids []int64
	for _, list := range [][]data.OutboxMessage{f.attention, f.unseen} {
		for _, m := range list {
			ids = append(ids, m.ClientID)
		}
	}
	clients, err := u.store.ListClientsByIDs(ctx, ids)
	for id, c := range clients {
		f.names[id] = c.Name
	}
	return f, err
}

// carries reports whether an email in the outbox already carries one of
// the group's steps.
func (f *mailFacts) carries(g *dunning.Group) bool {
	for _, d := range g.Items {
		if _, ok := f.pending[data.OutboxStepKey{InvoiceID: d.InvoiceID, StepID: d.Step.ID, InstalmentID: d.InstalmentID}]; ok {
			return true
		}
	}
	return false
}

// addMailRows files the outbox's emails in their sections.
func (in *todayFacts) addMailRows(sections *[todaySectionCount][]todayRow) {
	f := &in.mail
	if len(f.held) > 0 {
		sections[todayFailures] = append(sections[todayFailures], f.heldRow())
	}
	for _, m := range f.attention {
		sections[todayFailures] = append(sections[todayFailures], f.failureRow(m))
	}
	for _, m := range f.unseen {
		sections[todayAutoSent] = append(sections[todayAutoSent], f.autoSentRow(m))
	}
}

// mailRow is the card of an email: its client, subject and recipients.
func (f *mailFacts) mailRow(m data.OutboxMessage, action todayAction) todayRow {
	r := todayRow{title: f.names[m.ClientID], step: m.Subject, contact: m.To, action: action, outbox: m,
		icon: theme.MailSendIcon()}
	if len(m.Items) > 0 {
		r.invoiceID = m.Items[0].InvoiceID
	}
	if r.title == "" {
		r.title = m.To
	}
	return r
}

// heldRow is the one card of the emails on hold: the account failed for
// all of them the same way, and one action fixes it and sends them again.
func (f *mailFacts) heldRow() todayRow {
	n := len(f.held)
	first := f.held[0]
	var to []string
	for _, m := range f.held {
		if !slices.Contains(to, m.To) {
			to = append(to, m.To)
		}
	}
	return todayRow{title: lang.N("mail.held.title", n, map[string]any{"Count": n}),
		step: lang.L("mail.held.what"), invoices: lang.L("mail.held.since", map[string]any{"When": mailWhen(first.QueuedAt)}),
		warning: mailFailureText(first), contact: strings.Join(to, ", "), action: todayMailHeld, outbox: first,
		icon: theme.WarningIcon()}
}

// failureRow says what went wrong with an email and what happens next.
func (f *mailFacts) failureRow(m data.OutboxMessage) todayRow {
	r := f.mailRow(m, todayReviewMail)
	r.icon = theme.ErrorIcon()
	switch {
	case m.Interrupted(f.run):
		r.invoices = lang.L("mail.today.interrupted", map[string]any{"When": mailWhen(m.SendingAt)})
	case m.State == data.OutboxQueued && m.Attempts == 0:
		r.icon = theme.HistoryIcon()
		r.invoices = lang.L("mail.today.waiting", map[string]any{"When": mailWhen(m.QueuedAt)})
	case m.State == data.OutboxQueued:
		r.icon = theme.HistoryIcon()
		r.invoices = lang.L("mail.today.retrying", map[string]any{"When": mailWhen(m.NextAttemptAt), "Count": m.Attempts})
	case m.ErrorCause == string(mail.CauseStale):
		r.icon = theme.HistoryIcon()
		r.invoices = lang.L("mail.today.stale", map[string]any{"When": mailWhen(m.QueuedAt)})
	default:
		r.invoices = lang.L("mail.today.failed", map[string]any{"When": mailWhen(m.SendingAt)})
	}
	if m.State != data.OutboxSending && m.ErrorCause != "" {
		r.warning = mailFailureText(m)
	}
	return r
}

// autoSentRow reports an email the unattended run sent (or could not).
func (f *mailFacts) autoSentRow(m data.OutboxMessage) todayRow {
	r := f.mailRow(m, todayMailSeen)
	r.icon = theme.MailReplyAllIcon()
	r.invoices = lang.L("mail.today.auto_sent", map[string]any{"When": mailWhen(m.SentAt)})
	return r
}

// mailFailureText is a stored failure as the owner reads it.
func mailFailureText(m data.OutboxMessage) string {
	return kit.MailCauseText(&mail.Error{Cause: mail.Cause(m.ErrorCause), Code: m.ErrorCode, Server: m.LastError,
		Err: errors.New(m.LastError)})
}

// mailWhen writes an instant for a card: the day and the time.
func mailWhen(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	local := t.Local()
	return kit.Date(data.DateOf(local)) + " " + local.Format("15:04")
}

// onSendRow opens the Send dialog of a row's group.
func (s *todayScreen) onSendRow(row int) {
	if row < 0 || row >= len(s.rows) || s.busy[row] || !s.rows[row].sendable {
		return
	}
	s.ui.openSendDialog(s.rows[row].group)
}

// onPick marks a row for "Send selected" and updates the section's button.
func (s *todayScreen) onPick(row int, on bool) {
	if row < 0 || row >= len(s.rows) || s.rows[row].selected == on {
		return
	}
	s.rows[row].selected = on
	for i := range s.rows {
		if s.rows[i].header && s.rows[i].section == todaySend {
			s.list.RefreshItem(i)
		}
	}
}

// selectedGroups are the groups picked for "Send selected".
func (s *todayScreen) selectedGroups() []dunning.Group {
	var out []dunning.Group
	for _, r := range s.rows {
		if r.selected && r.sendable {
			out = append(out, r.group)
		}
	}
	return out
}

// onSendSelected sends the picked emails, each drafted from its template
// as it stands, with a progress bar and a Cancel button.
func (s *todayScreen) onSendSelected() {
	if groups := s.selectedGroups(); len(groups) > 0 {
		s.ui.mailSendBatch(groups)
	}
}

// onMailRow runs a mail card's button: review a failure, acknowledge an
// unattended send.
func (s *todayScreen) onMailRow(row int) {
	r := s.rows[row]
	switch r.action {
	case todayReviewMail:
		s.ui.mailReview(r.outbox, s.ui.mailer().svc.Run())
	case todayMailSeen:
		id := r.outbox.ID
		s.record(row, func(ctx context.Context) error { return s.ui.store.MarkOutboxSeen(ctx, []int64{id}) })
	case todayMailHeld:
		s.ui.mailHeldDialog(r.outbox)
	}
}

// mailHeldDialog shows why the emails on hold did not go (the account
// failed: the sign-in, the certificate, the TLS setting, the server's
// name) and the one way out: fix the account in the settings, then send
// them all again.
func (u *UI) mailHeldDialog(first data.OutboxMessage) {
	var d dialog.Dialog
	intro := &widget.Label{Text: lang.L("mail.held.intro"), Wrapping: fyne.TextWrapWord}
	why := &widget.Label{Text: mailFailureText(first), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	settings := &widget.Button{Text: lang.L("mail.held.settings"), Icon: theme.SettingsIcon(), OnTapped: func() {
		d.Hide()
		u.mailOpenSettings()
	}}
	again := &widget.Button{Text: lang.L("mail.held.send_again"), Icon: theme.MailSendIcon(), Importance: widget.HighImportance,
		OnTapped: func() {
			d.Hide()
			u.mailSendHeld()
		}}
	closeButton := &widget.Button{Text: lang.L("button.close"), OnTapped: func() { d.Hide() }}
	buttons := container.NewHBox(settings, layout.NewSpacer(), closeButton, again)
	body := container.NewBorder(nil, buttons, nil, nil, container.NewVBox(intro, why))
	d = dialog.NewCustomWithoutButtons(lang.L("mail.held.dialog_title"), container.NewGridWrap(fyne.NewSize(640, 230), body), u.win)
	u.track(d)
	d.Show()
}

// mailSendHeld takes the emails off hold and sends them now; those that
// fail the same way go back on hold, and the report says so.
func (u *UI) mailSendHeld() {
	svc := u.mailer().svc
	u.async(func() {
		ids, err := svc.ReleaseHeld(context.Background())
		fyne.Do(func() {
			if err != nil {
				u.showError(err)
				return
			}
			u.mailDeliver(ids, func(res []mail.Result, err error) {
				u.changed()
				u.mailReport(res, err)
			})
		})
	})
}

// mailReview shows an email that did not go out as planned, what happened
// in plain words, and the owner's choices: it was sent after all
// (interrupted), send again, open the message, discard it.
func (u *UI) mailReview(m data.OutboxMessage, run string) {
	var d dialog.Dialog
	act := func(f func(ctx context.Context) error) func() {
		return func() {
			d.Hide()
			u.async(func() {
				err := f(context.Background())
				fyne.Do(func() {
					if err != nil {
						u.mailShow("mail.report.title_failed", kit.MailCauseText(err))
					}
					u.changed()
				})
			})
		}
	}
	svc := u.mailer().svc
	text := mailFailureText(m)
	switch {
	case m.Interrupted(run):
		text = lang.L("mail.review.interrupted")
	case m.ErrorCause == "":
		text = lang.L("mail.review.waiting")
	}
	lines := container.NewVBox(
		&widget.Label{Text: m.Subject, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		&widget.Label{Text: lang.L("mail.review.to", map[string]any{"To": m.To}), Truncation: fyne.TextTruncateEllipsis},
		&widget.Label{Text: text, Wrapping: fyne.TextWrapWord})
	if m.Attempts > 1 {
		lines.Add(&widget.Label{Text: lang.L("mail.review.attempts", map[string]any{"Count": m.Attempts}), Importance: widget.LowImportance})
	}
	resend := &widget.Button{Text: lang.L("mail.review.resend"), Icon: theme.MailSendIcon(), Importance: widget.HighImportance,
		OnTapped: func() {
			d.Hide()
			u.mailResend(m.ID)
		}}
	discard := &widget.Button{Text: lang.L("mail.review.discard"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance,
		OnTapped: act(func(ctx context.Context) error { return svc.Discard(ctx, m.ID) })}
	open := &widget.Button{Text: lang.L("mail.review.open"), Icon: theme.FileIcon(),
		OnTapped: func() { u.openAttachment(m.EML) }}
	closeButton := &widget.Button{Text: lang.L("button.close"), OnTapped: func() { d.Hide() }}
	buttons := container.NewHBox(open, layout.NewSpacer(), closeButton, discard, resend)
	if m.Interrupted(run) {
		sent := &widget.Button{Text: lang.L("mail.review.was_sent"), Icon: theme.ConfirmIcon(),
			OnTapped: act(func(ctx context.Context) error { return svc.ConfirmSent(ctx, m.ID) })}
		buttons.Objects = []fyne.CanvasObject{open, layout.NewSpacer(), closeButton, discard, sent, resend}
	}
	if m.State == data.OutboxQueued {
		resend.SetText(lang.L("mail.review.now"))
	}
	body := container.NewBorder(nil, buttons, nil, nil, lines)
	d = dialog.NewCustomWithoutButtons(lang.L("mail.review.title"), container.NewGridWrap(fyne.NewSize(680, 210), body), u.win)
	u.track(d)
	d.Show()
}

// mailResend puts a message back in the queue and sends it now.
func (u *UI) mailResend(id int64) {
	u.async(func() {
		err := u.store.RequeueOutboxMessage(context.Background(), id)
		fyne.Do(func() {
			if err != nil && !errors.Is(err, data.ErrOutboxState) { // a queued one (retrying) is sent as it is
				u.showError(err)
				return
			}
			u.mailDeliver([]int64{id}, func(res []mail.Result, err error) {
				u.changed()
				u.mailReport(res, err)
			})
		})
	})
}

// mailSendBatch drafts, queues and sends several groups' emails, with a
// progress bar; Cancel stops before the next email (those not sent go
// back to the Today list).
func (u *UI) mailSendBatch(groups []dunning.Group) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	bar.Max = float64(len(groups))
	status := &widget.Label{Text: lang.L("mail.batch.preparing"), Truncation: fyne.TextTruncateEllipsis}
	summary := &widget.Label{Wrapping: fyne.TextWrapWord}
	stop := &widget.Button{Text: lang.L("button.cancel"), Icon: theme.CancelIcon()}
	content := container.NewVBox(status, bar, summary)
	d := dialog.NewCustomWithoutButtons(lang.N("mail.batch.title", len(groups), map[string]any{"Count": len(groups)}),
		container.NewGridWrap(fyne.NewSize(520, 160), container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), stop), nil, nil, content)), u.win)
	stop.OnTapped = func() {
		if ctx.Err() == nil {
			cancel()
			status.SetText(lang.L("mail.batch.stopping"))
			return
		}
		d.Hide()
	}
	u.track(d)
	d.Show()
	progress := func(p mail.Progress) {
		fyne.Do(func() {
			bar.SetValue(float64(p.Done))
			status.SetText(lang.L("mail.batch.sending", map[string]any{"Done": p.Done, "Total": p.Total, "To": p.Last.To}))
		})
	}
	u.async(func() {
		ids, problems := u.mailQueueGroups(ctx, groups)
		fyne.Do(func() {
			bar.Max = float64(max(len(ids), 1))
			u.mailDeliverCtx(ctx, ids, progress, func(res []mail.Result, err error) {
				cancel()
				if errors.Is(err, mail.ErrNoSecret) {
					u.mailWithdraw(ids)
				}
				stop.SetText(lang.L("button.close"))
				stop.Icon = theme.ConfirmIcon()
				stop.Refresh()
				status.SetText(lang.L("mail.batch.done"))
				summary.SetText(mailBatchSummary(res, problems, err))
				u.changed()
			})
		})
	})
}

// mailQueueGroups drafts and queues each group's email; problems are the
// groups that could not be queued, one sentence each.
func (u *UI) mailQueueGroups(ctx context.Context, groups []dunning.Group) ([]int64, []string) {
	m := u.mailer()
	queued, err := m.svc.QueueGroups(ctx, groups, m.composer)
	if err != nil {
		return nil, []string{kit.MailCauseText(err)}
	}
	var ids []int64
	var problems []string
	for _, q := range queued {
		if q.Err != nil {
			// A call found the contact gone: the Send dialog asks first.
			problems = append(problems, fmt.Sprintf("%s: %s", q.Group.Lead.Number, kit.MailCauseText(q.Err)))
			continue
		}
		ids = append(ids, q.Message.ID)
	}
	return ids, problems
}

// mailBatchSummary counts what became of a batch.
func mailBatchSummary(res []mail.Result, problems []string, err error) string {
	counts := map[data.OutboxState]int{}
	held := 0
	for _, r := range res {
		if r.Held {
			held++
			continue
		}
		counts[r.State]++
	}
	lines := []string{lang.L("mail.batch.summary", map[string]any{"Sent": counts[data.OutboxSent],
		"Later": counts[data.OutboxQueued], "Held": held, "Failed": counts[data.OutboxFailed] + len(problems),
		"Cancelled": counts[data.OutboxCancelled]})}
	if held > 0 {
		lines = append(lines, lang.L("mail.held.fix"))
	}
	if err != nil {
		lines = append(lines, kit.MailCauseText(err))
	}
	if len(problems) > 0 {
		lines = append(lines, problems[0])
	}
	return strings.Join(lines, "\n")
}

// mailWithdraw discards queued messages that were never tried (the owner
// would not give the password): their steps go back to the Today list.
func (u *UI) mailWithdraw(ids []int64) {
	svc := u.mailer().svc
	u.async(func() {
		for _, id := range ids {
			if err := svc.Discard(context.Background(), id); err != nil {
				slog.Warn("withdraw email", "id", id, "err", err)
			}
		}
		fyne.Do(u.changed)
	})
}
