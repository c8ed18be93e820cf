package mailui

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/mail"
	"relance/app/ui/kit"
	"relance/data"
)

// HeldDialog shows why the emails on hold did not go (the account
// failed: the sign-in, the certificate, the TLS setting, the server's
// name) and the one way out: fix the account in the settings, then send
// them all again.
func (m *Mailer) HeldDialog(first data.OutboxMessage) {
	var d dialog.Dialog
	intro := &widget.Label{Text: lang.L("mail.held.intro"), Wrapping: fyne.TextWrapWord}
	why := &widget.Label{Text: kit.MailFailureText(first), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	settings := &widget.Button{Text: lang.L("mail.held.settings"), Icon: theme.SettingsIcon(), OnTapped: func() {
		d.Hide()
		m.host.OpenMailSettings()
	}}
	again := &widget.Button{Text: lang.L("mail.held.send_again"), Icon: theme.MailSendIcon(), Importance: widget.HighImportance,
		OnTapped: func() {
			d.Hide()
			m.SendHeld()
		}}
	closeButton := &widget.Button{Text: lang.L("button.close"), OnTapped: func() { d.Hide() }}
	buttons := container.NewHBox(settings, layout.NewSpacer(), closeButton, again)
	body := container.NewBorder(nil, buttons, nil, nil, container.NewVBox(intro, why))
	d = dialog.NewCustomWithoutButtons(lang.L("mail.held.dialog_title"), container.NewGridWrap(fyne.NewSize(640, 230), body), m.host.Window())
	m.host.Track(d)
	d.Show()
}

// SendHeld takes the emails off hold and sends them now; those that
// fail the same way go back on hold, and the report says so.
func (m *Mailer) SendHeld() {
	svc := m.svc
	m.host.Async(func() {
		ids, err := svc.ReleaseHeld(context.Background())
		fyne.Do(func() {
			if err != nil {
				m.host.ShowError(err)
				return
			}
			m.Deliver(ids, func(res []mail.Result, err error) {
				m.host.Changed()
				m.Report(res, err)
			})
		})
	})
}

// Review shows an email that did not go out as planned, what happened
// in plain words, and the owner's choices: it was sent after all
// (interrupted), send again, open the message, discard it.
func (ml *Mailer) Review(m data.OutboxMessage) {
	var d dialog.Dialog
	act := func(f func(ctx context.Context) error) func() {
		return func() {
			d.Hide()
			ml.host.Async(func() {
				err := f(context.Background())
				fyne.Do(func() {
					if err != nil {
						ml.Show("mail.report.title_failed", kit.MailCauseText(err))
					}
					ml.host.Changed()
				})
			})
		}
	}
	svc := ml.svc
	text := kit.MailFailureText(m)
	switch {
	case ml.svc.Interrupted(m):
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
			ml.Resend(m.ID)
		}}
	discard := &widget.Button{Text: lang.L("mail.review.discard"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance,
		OnTapped: act(func(ctx context.Context) error { return svc.Discard(ctx, m.ID) })}
	open := &widget.Button{Text: lang.L("mail.review.open"), Icon: theme.FileIcon(),
		OnTapped: func() { ml.open(m.EML) }}
	closeButton := &widget.Button{Text: lang.L("button.close"), OnTapped: func() { d.Hide() }}
	buttons := container.NewHBox(open, layout.NewSpacer(), closeButton, discard, resend)
	if ml.svc.Interrupted(m) {
		sent := &widget.Button{Text: lang.L("mail.review.was_sent"), Icon: theme.ConfirmIcon(),
			OnTapped: act(func(ctx context.Context) error { return svc.ConfirmSent(ctx, m.ID) })}
		buttons.Objects = []fyne.CanvasObject{open, layout.NewSpacer(), closeButton, discard, sent, resend}
	}
	if m.State == data.OutboxQueued {
		resend.SetText(lang.L("mail.review.now"))
	}
	body := container.NewBorder(nil, buttons, nil, nil, lines)
	d = dialog.NewCustomWithoutButtons(lang.L("mail.review.title"), container.NewGridWrap(fyne.NewSize(680, 210), body), ml.host.Window())
	ml.host.Track(d)
	d.Show()
}

// Resend puts a message back in the queue and sends it now.
func (m *Mailer) Resend(id int64) {
	m.host.Async(func() {
		err := m.host.Store().RequeueOutboxMessage(context.Background(), id)
		fyne.Do(func() {
			if err != nil && !errors.Is(err, data.ErrOutboxState) { // a queued one (retrying) is sent as it is
				m.host.ShowError(err)
				return
			}
			m.Deliver([]int64{id}, func(res []mail.Result, err error) {
				m.host.Changed()
				m.Report(res, err)
			})
		})
	})
}

// SendBatch drafts, queues and sends several groups' emails, with a
// progress bar; Cancel stops before the next email (those not sent go
// back to the Today list).
func (m *Mailer) SendBatch(groups []dunning.Group) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	bar.Max = float64(len(groups))
	status := &widget.Label{Text: lang.L("mail.batch.preparing"), Truncation: fyne.TextTruncateEllipsis}
	summary := &widget.Label{Wrapping: fyne.TextWrapWord}
	stop := &widget.Button{Text: lang.L("button.cancel"), Icon: theme.CancelIcon()}
	content := container.NewVBox(status, bar, summary)
	d := dialog.NewCustomWithoutButtons(lang.N("mail.batch.title", len(groups), map[string]any{"Count": len(groups)}),
		container.NewGridWrap(fyne.NewSize(520, 160), container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), stop), nil, nil, content)), m.host.Window())
	stop.OnTapped = func() {
		if ctx.Err() == nil {
			cancel()
			status.SetText(lang.L("mail.batch.stopping"))
			return
		}
		d.Hide()
	}
	m.host.Track(d)
	d.Show()
	progress := func(p mail.Progress) {
		fyne.Do(func() {
			bar.SetValue(float64(p.Done))
			status.SetText(lang.L("mail.batch.sending", map[string]any{"Done": p.Done, "Total": p.Total, "To": p.Last.To}))
		})
	}
	m.host.Async(func() {
		ids, problems := m.queueGroups(ctx, groups)
		fyne.Do(func() {
			bar.Max = float64(max(len(ids), 1))
			m.DeliverCtx(ctx, ids, progress, func(res []mail.Result, err error) {
				cancel()
				if errors.Is(err, mail.ErrNoSecret) {
					m.Withdraw(ids)
				}
				stop.SetText(lang.L("button.close"))
				stop.Icon = theme.ConfirmIcon()
				stop.Refresh()
				status.SetText(lang.L("mail.batch.done"))
				summary.SetText(batchSummary(res, problems, err))
				m.host.Changed()
			})
		})
	})
}

// queueGroups drafts and queues each group's email; problems are the
// groups that could not be queued, one sentence each.
func (m *Mailer) queueGroups(ctx context.Context, groups []dunning.Group) ([]int64, []string) {
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

// Withdraw discards queued messages that were never tried (the owner
// would not give the password): their steps go back to the Today list.
func (m *Mailer) Withdraw(ids []int64) {
	svc := m.svc
	m.host.Async(func() {
		for _, id := range ids {
			if err := svc.Discard(context.Background(), id); err != nil {
				slog.Warn("withdraw email", "id", id, "err", err)
			}
		}
		fyne.Do(m.host.Changed)
	})
}

// batchSummary counts what became of a batch.
func batchSummary(res []mail.Result, problems []string, err error) string {
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

// open hands an archived email to the system's viewer.
func (m *Mailer) open(rel string) { kit.OpenDataFile(m.host, rel) }
