package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"relance/app/ui/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

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

// mailCauseText explains a mail failure in one sentence of the user's
// language: what happened and what to do, then the server's own words
// when it gave some.
func mailCauseText(err error) string {
	var e *mail.Error
	if !errors.As(err, &e) {
		return mailErrorSentence(err)
	}
	text := lang.L("mail.cause." + string(e.Cause))
	if e.Server != "" && (e.Code != 0 || e.Cause == mail.CauseUnknown || e.Cause == mail.CauseSentCopy) {
		text += " " + lang.L("mail.server_said", map[string]any{"Words": mailServerWords(e.Code, e.Server)})
	}
	return text
}

// mailServerWords is the server's reply as it said it: "535 5.7.8 ...".
func mailServerWords(code int, words string) string {
	words = strings.TrimSpace(words)
	if code != 0 {
		return strings.TrimSpace(strconv.Itoa(code) + " " + words)
	}
	return words
}

// mailErrorSentence is the sentence of an error that is not a connection
// failure: the invoice cannot be reminded any more, the demo book, ...
func mailErrorSentence(err error) string {
	var ns *data.NotSendableError
	switch {
	case errors.As(err, &ns):
		return mailNotSendableText(ns)
	case errors.Is(err, mail.ErrDemoBook):
		return lang.L("mail.error.demo")
	case errors.Is(err, mail.ErrNoRecipient):
		return lang.L("mail.error.no_recipient")
	case errors.Is(err, mail.ErrContactToCheck):
		return lang.L("mail.contact.batch")
	case errors.Is(err, context.Canceled):
		return lang.L("mail.error.cancelled")
	}
	return kit.ErrorSentence(err)
}

// mailNotSendableText says why an invoice's reminder was stopped.
func mailNotSendableText(ns *data.NotSendableError) string {
	args := map[string]any{"Number": ns.Number}
	switch ns.Reason {
	case data.NotSendablePaid:
		return lang.L("mail.stopped.paid", args)
	case data.NotSendablePaused:
		return lang.L("mail.stopped.paused", args)
	case data.NotSendableDone:
		return lang.L("mail.stopped.done", args)
	case data.NotSendableQueued:
		return lang.L("mail.stopped.queued", args)
	case data.NotSendableState:
		args["State"] = lang.L("state." + string(ns.State))
		return lang.L("mail.stopped.state", args)
	}
	return lang.L("mail.stopped.not_found", args)
}

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
