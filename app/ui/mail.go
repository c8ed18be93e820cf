package ui

import (
	"context"
	"slices"
	"time"

	"fyne.io/fyne/v2"

	"relance/app/mail"
	"relance/data"
)

// mailState is the window's side of mail: the service that sends through
// the outbox and keeps the account's secrets for the run, and the composer
// that drafts reminders from the templates.
type mailState struct {
	svc      *mail.Service
	composer mail.Composer
	retry    *time.Timer // the next retry of a temporary failure, when one waits
}

// mailer returns the window's mail service and composer (Deps).
func (u *UI) mailer() *mailState { return u.mail }

// mailScheduleRetry arranges for the queued messages waiting after a
// temporary failure to be tried again when due, while the window is open.
func (u *UI) mailScheduleRetry(ctx context.Context) {
	m := u.mailer()
	due, err := u.store.ListOutbox(ctx, data.OutboxQueued)
	due = slices.DeleteFunc(due, func(m data.OutboxMessage) bool { return m.Held }) // they wait for the owner
	if err != nil || len(due) == 0 {
		return
	}
	next := due[0].NextAttemptAt
	for _, msg := range due {
		if msg.NextAttemptAt.Before(next) {
			next = msg.NextAttemptAt
		}
	}
	wait := max(time.Until(next), time.Second)
	fyne.Do(func() {
		if m.retry != nil {
			m.retry.Stop()
		}
		m.retry = time.AfterFunc(wait, func() { u.mailRetryNow() })
	})
}

// mailRetryNow sends the messages due for a retry, then reloads.
func (u *UI) mailRetryNow() {
	ctx := context.Background()
	res, err := u.mailer().svc.RetryDue(ctx, nil)
	if err != nil || len(res) == 0 {
		return
	}
	fyne.Do(u.changed)
	u.mailScheduleRetry(ctx)
}
