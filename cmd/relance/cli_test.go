package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"relance/app/datadir"
	"relance/data"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestVersionMatchesFyneApp(t *testing.T) {
	code, out, _ := runCLI(t, "version")
	if code != 0 || strings.TrimSpace(out) != "Relance "+version {
		t.Fatalf("version: %d %q", code, out)
	}
	toml, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Version\s*=\s*"([^"]+)"`).FindSubmatch(toml)
	if m == nil || string(m[1]) != version {
		t.Fatalf("FyneApp.toml version %q, code says %q", m, version)
	}
}

func TestHelpListsCommands(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"-h"}} {
		code, out, _ := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		for _, c := range commands() {
			if !strings.Contains(out, "  "+c.name+" ") {
				t.Errorf("%v: help does not list %q:\n%s", args, c.name, out)
			}
		}
		if !strings.Contains(out, "--data") {
			t.Errorf("help does not list --data")
		}
	}
}

func TestUnknownCommandAndBadOption(t *testing.T) {
	if code, _, errOut := runCLI(t, "frobnicate"); code != 2 || !strings.Contains(errOut, "frobnicate") {
		t.Fatalf("unknown command: %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "--data"); code != 2 || errOut == "" {
		t.Fatalf("missing option value: %d %q", code, errOut)
	}
}

func TestDemoFillsAnEmptyFolderOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "book")
	code, out, errOut := runCLI(t, "demo", "--data", dir)
	if code != 0 || !strings.Contains(out, dir) {
		t.Fatalf("demo: %d %q %q", code, out, errOut)
	}
	store, err := data.Open(datadir.DBPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	list, _ := store.ListInvoiceSummaries(context.Background())
	company, _ := store.GetCompany(context.Background())
	store.Close()
	if len(list) < 100 || !company.Onboarded {
		t.Fatalf("demo wrote %d invoices, onboarded %v", len(list), company.Onboarded)
	}
	// Same folder through RELANCE_DATA this time: refused, nothing added.
	t.Setenv("RELANCE_DATA", dir)
	code, _, errOut = runCLI(t, "demo")
	if code != 1 || !strings.Contains(errOut, dir) {
		t.Fatalf("second demo: %d %q", code, errOut)
	}
	store, _ = data.Open(datadir.DBPath(dir))
	again, _ := store.ListInvoiceSummaries(context.Background())
	store.Close()
	if len(again) != len(list) {
		t.Fatalf("the refused demo changed the book: %d -> %d invoices", len(list), len(again))
	}
}

func TestSecondInstanceIsRefused(t *testing.T) {
	dir := t.TempDir()
	lock, err := datadir.Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	code, _, errOut := runCLI(t, "--data", dir, "demo")
	if code != 1 || !strings.Contains(errOut, dir) {
		t.Fatalf("demo while locked: %d %q", code, errOut)
	}
	if _, err := os.Stat(datadir.DBPath(dir)); err == nil {
		t.Fatal("the refused instance created the database")
	}
}
