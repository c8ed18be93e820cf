package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"relance/app/datadir"
	"relance/data"
)

func TestGenBookFillsAnEmptyFolderOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "book")
	code, out, errOut := runCLI(t, "gen-book", "--data", dir, "--invoices", "300", "--seed", "3", "--today", "2026-06-01")
	if code != 0 || errOut != "" || strings.Count(out, "\n") != 1 || !strings.Contains(out, dir) {
		t.Fatalf("gen-book: %d %q %q", code, out, errOut)
	}
	store, err := data.Open(datadir.DBPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	lines, _ := store.ListInvoiceLines(context.Background())
	clients, _ := store.ListClients(context.Background())
	store.Close()
	if len(lines) != 300 || len(clients) != 30 {
		t.Fatalf("gen-book wrote %d invoices, %d clients", len(lines), len(clients))
	}
	code, _, errOut = runCLI(t, "gen-book", "--data", dir, "--invoices", "10")
	if code != 1 || !strings.Contains(errOut, dir) {
		t.Fatalf("second gen-book: %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "gen-book", "--data", dir); code != 2 || errOut == "" {
		t.Fatalf("gen-book without --invoices: %d %q", code, errOut)
	}
}

func TestGenBookIsNotInTheHelp(t *testing.T) {
	_, out, _ := runCLI(t, "--help")
	if strings.Contains(out, "gen-book") {
		t.Fatalf("help lists gen-book:\n%s", out)
	}
}
