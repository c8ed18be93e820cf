package ui

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"

	"relance/app/mail"
)

// inboxEvery is how often the inbox is read while the window is open.
const inboxEvery = 10 * time.Minute

// watchInbox reads the inbox now (off the UI goroutine) and every
// inboxEvery after, while the window is open: bounces and replies to our
// emails go on the timelines, and the screens reload when some came. An
// account without an IMAP server is left alone; a failure is logged and
// tried again next time (the window does not interrupt the owner for it:
// Settings shows the last look).
func (u *UI) watchInbox() {
	u.async(func() {
		report, err := u.Mail().CheckInbox(context.Background())
		switch {
		case errors.Is(err, mail.ErrNoInbox):
		case err != nil:
			slog.Warn("read the inbox", "err", err)
		case report.Bounces+report.Replies > 0:
			slog.Info("inbox", "read", report.Read, "bounces", report.Bounces, "replies", report.Replies)
			fyne.Do(u.changed)
		}
		time.AfterFunc(inboxEvery, u.watchInbox) // the next look; the chain ends with the process
	})
}
