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

	"relance/app/archive"
	"relance/app/backup"
	"relance/app/banking"
	"relance/app/crashlog"
	"relance/app/datadir"
	"relance/app/drafting"
	"relance/app/dunning"
	"relance/app/importing"
	"relance/app/mail"
	"relance/app/ui"
	"relance/app/ui/kit"
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
// a double-click gives no console to read an error in. A shared book that
// did not open for want of its password (or of its server) is asked for
// it, then opens in the same run.
func runGUI(book cli.Book, importFiles []string) int {
	if err := ui.LoadTranslations(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	var s *session
	store, dir, release, err := cli.OpenBook(book, os.Getenv)
	if err == nil {
		s = startSession(a, store, dir, release, book, importFiles)
	} else {
		slog.Error("open book", "dir", dir, "err", err)
		conn, _, shared, cerr := cli.SharedBook(dir, book.DB)
		if !shared || cerr != nil || !askable(err) {
			ui.ShowFatal(a, cli.OpenError(dir, err))
			return 1
		}
		ui.AskSharedPassword(a, conn.Name(), kit.SharedTroubleText(err, conn), func(password string) string {
			cli.RememberPassword(conn, password)
			store, dir, release, err := cli.OpenBook(book, os.Getenv) // off the UI goroutine: the network
			if err != nil {
				slog.Error("open the shared book", "err", err)
				return kit.SharedTroubleText(err, conn)
			}
			fyne.DoAndWait(func() { s = startSession(a, store, dir, release, book, importFiles) })
			return ""
		})
	}
	a.Run()
	if s == nil {
		return 1
	}
	return s.end()
}

// askable reports whether a shared book that did not open may open with a
// password typed now (or a server back in reach): not when another window
// holds the folder or a newer Relance wrote the book.
func askable(err error) bool {
	return !errors.Is(err, datadir.ErrLocked) && !errors.Is(err, data.ErrNewerSchema)
}

// session is the window's run over one book, from its opening to what the
// window asked for when it closed (a backup put back, another book).
type session struct {
	dir     string
	book    cli.Book
	release func()
	window  *ui.UI
	cleanup []func()
}

// startSession logs to the book's folder, watches for crashes, builds the
// services and shows the window. On the UI goroutine.
func startSession(a fyne.App, store *data.Store, dir string, release func(), book cli.Book, importFiles []string) *session {
	s := &session{dir: dir, book: book, release: release}
	if logFile, err := os.OpenFile(filepath.Join(dir, "relance.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err == nil {
		slog.SetDefault(slog.New(slog.NewTextHandler(logFile, nil)))
		s.cleanup = append(s.cleanup, func() { logFile.Close() })
	}
	slog.Info("start", "version", cli.Version(), "data", dir, "shared", store.Shared())
	// A crash of this run (a panic in any goroutine) is written to a file
	// the next start offers to show.
	stopCrashLog, err := crashlog.Start(dir, started)
	if err != nil {
		slog.Warn("crash log", "err", err)
	}
	s.cleanup = append(s.cleanup, stopCrashLog)
	deps := services(store, dir)
	deps.Started, deps.Housekeeping, deps.Version = started, true, cli.Version()
	if conn, _, shared, err := cli.SharedBook(dir, book.DB); shared && err == nil {
		deps.Shared = &conn
	}
	// The day's book is read while the window starts; the window's start
	// of day then finds it read (an error shows there, not here).
	go func() {
		if err := deps.Dunning.Warm(context.Background()); err != nil {
			slog.Warn("warm the planner", "err", err)
		}
	}()
	s.window = ui.New(a, deps)
	a.Lifecycle().SetOnStarted(func() { slog.Info("window shown", "ms", time.Since(started).Milliseconds()) })
	s.window.ImportOnShow(importFiles)
	s.window.Show()
	return s
}

// end runs once the window closed: the book is closed, then what the
// window asked for is done (a backup put back, Relance started again on
// the folder's new book). It returns the exit code.
func (s *session) end() int {
	writeHeapProfile(os.Getenv(heapProfileVar))
	s.release() // the book closed, and the lock let go, before a file is swapped
	defer func() {
		for i := len(s.cleanup) - 1; i >= 0; i-- {
			s.cleanup[i]()
		}
	}()
	if path := s.window.RestoreRequested(); path != "" {
		return restoreAndRestart(s.dir, path)
	}
	if s.window.SwitchRequested() {
		return startAgain(s.dir)
	}
	return 0
}

// startAgain starts Relance again on the data folder dir: it opens the
// book the folder now names (a shared book it was connected or moved to,
// or its own file again).
func startAgain(dir string) int {
	exe, err := os.Executable()
	if err == nil {
		err = exec.Command(exe, "--data", dir).Start()
	}
	if err != nil {
		slog.Error("start again on the new book", "err", err)
		return 1
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
	return startAgain(dir)
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
// dunning engine, the archived files, the outbox over the OS keychain, the
// composer of emails.
func services(store *data.Store, dir string) ui.Deps {
	clock := data.SystemClock{}
	planner := dunning.NewService(store, clock)
	files := &archive.Files{Dir: dir, Store: store}
	return ui.Deps{
		Store:    store,
		Clock:    clock,
		Dunning:  planner,
		Archive:  files,
		Mail:     mail.NewService(store, files, mail.NewSecrets(mail.SystemKeyring{}), mail.Transport{}),
		Composer: drafting.NewMailComposer(store, planner, files, clock),
		Importer: importing.New(store, planner, clock, files),
		Banking:  banking.New(store, clock),
		DataDir:  dir,
	}
}
