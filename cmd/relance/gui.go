package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"relance/app/backup"
	"relance/app/banking"
	"relance/app/crashlog"
	"relance/app/datadir"
	"relance/app/drafting"
	"relance/app/dunning"
	"relance/app/importing"
	"relance/app/mail"
	"relance/app/ui"
	"relance/assets"
	"relance/cmd/relance/cli"
	"relance/data"
)

// started is when the process started, as near to exec as Go lets us
// see it: package variables are set before main runs.
var started = time.Now()

// appID identifies the app to the OS (preferences, notifications); it is the
// ID of FyneApp.toml, which a plain `go build` does not read.
const appID = "fr.relance.app"

// runGUI opens the book and the window, with the import wizard on
// importFiles when there are some. When the book cannot be opened
// (another instance holds it, a newer schema) the window says why instead:
// a double-click gives no console to read an error in.
func runGUI(dataFlag string, importFiles []string) int {
	if err := ui.LoadTranslations(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	store, dir, release, err := cli.OpenBook(dataFlag, os.Getenv)
	if err != nil {
		msg := cli.OpenError(dir, err)
		slog.Error("open book", "dir", dir, "err", err)
		ui.ShowFatal(a, msg)
		return 1
	}
	released := false
	defer func() {
		if !released {
			release()
		}
	}()
	if logFile, err := os.OpenFile(filepath.Join(dir, "relance.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err == nil {
		slog.SetDefault(slog.New(slog.NewTextHandler(logFile, nil)))
		defer logFile.Close()
	}
	slog.Info("start", "version", cli.Version(), "data", dir)
	// A crash of this run (a panic in any goroutine) is written to a file
	// the next start offers to show.
	stopCrashLog, err := crashlog.Start(dir, started)
	if err != nil {
		slog.Warn("crash log", "err", err)
	}
	defer stopCrashLog()
	deps := services(store, dir)
	deps.Started, deps.Housekeeping, deps.Version = started, true, cli.Version()
	// The day's book is read while the window starts; the window's start
	// of day then finds it read (an error shows there, not here).
	go func() {
		if err := deps.Dunning.Warm(context.Background()); err != nil {
			slog.Warn("warm the planner", "err", err)
		}
	}()
	w := ui.New(a, deps)
	a.Lifecycle().SetOnStarted(func() { slog.Info("window shown", "ms", time.Since(started).Milliseconds()) })
	w.ImportOnShow(importFiles)
	w.Run()
	writeHeapProfile(os.Getenv(heapProfileVar))
	if path := w.RestoreRequested(); path != "" {
		release() // the book closed, and the lock let go, before the file is swapped
		released = true
		return restoreAndRestart(dir, path)
	}
	return 0
}

// restoreAndRestart puts a backup in place of the book (the window asked
// for it and has closed), keeps what happened for the next start to say,
// and starts Relance again on the data folder.
func restoreAndRestart(dir, path string) int {
	report := restoreInPlace(dir, path, time.Now())
	if err := backup.WriteReport(dir, report); err != nil {
		slog.Error("restore report", "err", err)
	}
	exe, err := os.Executable()
	if err == nil {
		err = exec.Command(exe, "--data", dir).Start()
	}
	if err != nil {
		slog.Error("start again after the restore", "err", err)
		return 1
	}
	return 0
}

// restoreInPlace puts the backup at path (a .db, or the .zip of a whole
// book) in place of the book in dir, under the data folder's lock, and
// says how it went.
func restoreInPlace(dir, path string, now time.Time) backup.RestoreReport {
	report := backup.RestoreReport{File: path}
	lock, err := datadir.Lock(dir)
	if err == nil {
		restore := backup.Restore
		if strings.EqualFold(filepath.Ext(path), ".zip") {
			restore = backup.Import
		}
		var info data.BackupInfo
		info, report.KeptAs, err = restore(context.Background(), dir, path, now)
		report.Clients, report.Invoices = info.Clients, info.Invoices
		lock.Release()
	}
	var be *data.BackupError
	switch {
	case errors.As(err, &be):
		report.Reason = be.Reason
	case err != nil:
		report.Detail = err.Error()
	}
	slog.Info("restore", "file", path, "kept_as", report.KeptAs, "err", err)
	return report
}

// heapProfileVar names a file the window writes a heap profile to when it
// closes (what is still held after a session), for `go tool pprof`: the
// window's memory is measured on the app itself (docs/BENCHMARKS.md).
const heapProfileVar = "RELANCE_HEAP_PROFILE"

func writeHeapProfile(path string) {
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		slog.Error("heap profile", "err", err)
		return
	}
	defer f.Close()
	runtime.GC() // what is live, not what waits for the collector
	if err := pprof.WriteHeapProfile(f); err != nil {
		slog.Error("heap profile", "err", err)
	}
}

// services builds, once, everything the window drives: the clock, the
// dunning engine, the outbox over the OS keychain, the composer of emails.
func services(store *data.Store, dir string) ui.Deps {
	clock := data.SystemClock{}
	planner := dunning.NewService(store, clock)
	return ui.Deps{
		Store:    store,
		Clock:    clock,
		Dunning:  planner,
		Mail:     mail.NewService(store, dir, mail.NewSecrets(mail.SystemKeyring{}), mail.Transport{}),
		Composer: drafting.NewMailComposer(store, planner, dir, clock),
		Importer: importing.New(store, planner, clock, dir),
		Banking:  banking.New(store, clock),
		DataDir:  dir,
	}
}
