package ui

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"relance/app/backup"
	"relance/app/crashlog"
	"relance/app/ui/kit"
	"relance/data"
)

// backupDelay is how long after the start the day's backup is made.
const backupDelay = 30 * time.Second

// dailyBackup makes the day's backup when there is none yet (off the UI
// goroutine, once the day started): at each start and when the date
// changes with the window open. A failure is logged and kept for Settings
// (backup.LastErrorKey); the owner is not interrupted for it.
func (u *UI) dailyBackup() {
	k := &backup.Keeper{Store: u.store, DataDir: u.DataDir()}
	res, made, err := k.Daily(context.Background())
	switch {
	case err != nil:
		slog.Error("daily backup", "err", err)
	case made && res.SecondErr != nil:
		slog.Warn("daily backup: second folder", "path", res.Path, "err", res.SecondErr)
	case made:
		slog.Info("daily backup", "path", res.Path, "pruned", res.Pruned)
	}
}

// RestoreBook asks for a backup to be put back (kit.Host): the window
// closes, then the process puts it in place and starts again on it
// (cmd/relance), since the book cannot be swapped under open screens.
func (u *UI) RestoreBook(path string) {
	u.restore = path
	u.onClose()
}

// RestoreRequested is the backup to put back once the window has closed,
// "" for none.
func (u *UI) RestoreRequested() string { return u.restore }

// showRestoreReport says, at the start after a restore, what it did, or
// why the backup was refused (the book then is the one before). On the UI
// goroutine.
func (u *UI) showRestoreReport() {
	r, ok := backup.TakeReport(u.DataDir())
	if !ok {
		return
	}
	text := lang.L("backup.restore.done", map[string]any{"Clients": r.Clients, "Invoices": r.Invoices, "Kept": r.KeptAs})
	if r.Reason != "" || r.Detail != "" {
		var err error = &data.BackupError{Path: r.File, Reason: r.Reason, Detail: r.Detail}
		if r.Reason == "" {
			err = errors.New(r.Detail)
		}
		text = kit.BackupRefusal(r.File, err)
	}
	d := dialog.NewInformation(lang.L("backup.restore.title"), text, u.win)
	u.Track(d)
	d.Show()
}

// showCrashReports offers, at the start, the report of a crash a former
// run left (crashlog): what happened, and the file to read or send. Each
// is offered once.
func (u *UI) showCrashReports() {
	list, err := crashlog.Reports(u.DataDir())
	if err != nil || len(list) == 0 {
		return
	}
	r := list[len(list)-1]
	for _, older := range list[:len(list)-1] {
		_ = crashlog.Seen(older) // the newest says enough; the others stay in the folder
	}
	text := lang.L("crash.text", map[string]any{"When": kit.MailWhen(r.At), "Path": r.Path})
	d := dialog.NewConfirm(lang.L("crash.title"), text, func(show bool) {
		if show {
			u.OpenFile(r.Path)
		}
		if err := crashlog.Seen(r); err != nil {
			slog.Warn("crash report", "err", err)
		}
	}, u.win)
	d.SetConfirmText(lang.L("crash.show"))
	d.SetDismissText(lang.L("button.close"))
	u.Track(d)
	d.Show()
}
