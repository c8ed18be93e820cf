package main

import (
	"log/slog"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"relance/app/ui"
	"relance/assets"
	"relance/data"
)

// appID identifies the app to the OS (preferences, notifications); it is the
// ID of FyneApp.toml, which a plain `go build` does not read.
const appID = "fr.relance.app"

func osGetenv(key string) string { return os.Getenv(key) }

// runGUI opens the book and the window. When the book cannot be opened
// (another instance holds it, a newer schema) the window says why instead:
// a double-click gives no console to read an error in.
func runGUI(env *cliEnv) int {
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	store, dir, release, err := openBook(env)
	if err != nil {
		msg := openError(dir, err)
		slog.Error("open book", "dir", dir, "err", err)
		ui.ShowFatal(a, msg)
		return 1
	}
	defer release()
	if logFile, err := os.OpenFile(filepath.Join(dir, "relance.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err == nil {
		slog.SetDefault(slog.New(slog.NewTextHandler(logFile, nil)))
		defer logFile.Close()
	}
	slog.Info("start", "version", version, "data", dir)
	ui.New(a, store, data.SystemClock{}, ui.Options{DataDir: dir}).Run()
	return 0
}
