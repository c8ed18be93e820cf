package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"relance/app/banking"
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
	defer release()
	if logFile, err := os.OpenFile(filepath.Join(dir, "relance.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err == nil {
		slog.SetDefault(slog.New(slog.NewTextHandler(logFile, nil)))
		defer logFile.Close()
	}
	slog.Info("start", "version", cli.Version, "data", dir)
	deps := services(store, dir)
	deps.Started = started
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
	return 0
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
