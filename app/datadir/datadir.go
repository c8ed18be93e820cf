// Package datadir owns where Relance keeps its files on disk: it resolves the data
// directory (command-line flag, then environment, then the OS's per-user data
// directory), creates it, and holds the single-instance lock that keeps two running
// copies of the app from writing to the same database.
package datadir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

const (
	// EnvVar names the environment variable that overrides the default data directory.
	EnvVar = "RELANCE_DATA"
	// DBFile is the name of the SQLite database inside the data directory.
	DBFile = "relance.db"
	// LockFile is the name of the single-instance lock file inside the data directory.
	LockFile = "relance.lock"

	appDirName = "Relance"
)

// Resolve returns the absolute data directory. The first non-empty source wins:
// flagValue (the --data flag), then the RELANCE_DATA variable read through getenv,
// then the OS's per-user data directory followed by "Relance". getenv is
// os.Getenv outside tests.
func Resolve(flagValue string, getenv func(string) string) (string, error) {
	dir := flagValue
	if dir == "" {
		dir = getenv(EnvVar)
	}
	if dir == "" {
		base, err := userDataDir(runtime.GOOS, getenv)
		if err != nil {
			return "", fmt.Errorf("data directory: %w", err)
		}
		dir = filepath.Join(base, appDirName)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("data directory %q: %w", dir, err)
	}
	return abs, nil
}

// userDataDir is the per-user directory where applications keep their data on goos.
// It differs from os.UserConfigDir on Linux and the BSDs: a database is data, so it
// goes under $XDG_DATA_HOME (~/.local/share), not $XDG_CONFIG_HOME (~/.config).
func userDataDir(goos string, getenv func(string) string) (string, error) {
	switch goos {
	case "windows":
		if dir := getenv("AppData"); dir != "" {
			return dir, nil
		}
		return "", errors.New("%AppData% is not set")
	case "darwin", "ios":
		if home := getenv("HOME"); home != "" {
			return filepath.Join(home, "Library", "Application Support"), nil
		}
		return "", errors.New("$HOME is not set")
	default:
		// The XDG spec says a relative $XDG_DATA_HOME is invalid and must be ignored.
		if dir := getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
			return dir, nil
		}
		if home := getenv("HOME"); home != "" {
			return filepath.Join(home, ".local", "share"), nil
		}
		return "", errors.New("neither $XDG_DATA_HOME nor $HOME is set")
	}
}

// DBPath is the path of the database file in dir.
func DBPath(dir string) string {
	return filepath.Join(dir, DBFile)
}

// Ensure creates dir and its parents if needed, readable by the user only: it holds
// client records and the archive of everything sent. An existing dir that others
// may read or enter (a folder made by hand, a copy restored with loose modes) is
// restricted to 0700. Windows has no such modes: the per-user folder's ACL holds.
func Ensure(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	if runtime.GOOS == "windows" {
		return nil
	}
	info, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("data directory: %w", err)
	}
	if info.Mode().Perm()&0o077 == 0 {
		return nil
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("restrict data directory %s to its owner: %w", dir, err)
	}
	return nil
}
