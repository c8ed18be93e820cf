package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"relance/app/datadir"
	"relance/data"
)

// letterBook is a demo book and one of its overdue invoices.
func letterBook(t *testing.T) (dir, number string, invoiceID int64) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "book")
	if code, _, errOut := runCLI(t, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	store, err := data.Open(datadir.DBPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	today := data.SystemClock{}.Today()
	list, _ := store.ListInvoiceSummaries(context.Background())
	for _, s := range list {
		if s.State == data.StateOpen && s.Paid == 0 && s.DueDate.Before(today.AddDays(-20)) {
			return dir, s.Number, s.ID
		}
	}
	t.Fatal("no overdue invoice in the demo book")
	return
}

// letterActions counts the steps recorded in the book.
func letterActions(t *testing.T, dir string, invoiceID int64) int {
	t.Helper()
	store, err := data.Open(datadir.DBPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	actions, err := store.ListActionsByInvoice(context.Background(), invoiceID)
	if err != nil {
		t.Fatal(err)
	}
	return len(actions)
}

func pdfToText(t *testing.T, path string) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not found: install poppler-utils (`make test` does it)")
	}
	var out bytes.Buffer
	cmd := exec.Command(tool, "-enc", "UTF-8", path, "-")
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(out.String()), " ")
}

func TestLetterWritesThePDFAndRecordsNothing(t *testing.T) {
	dir, number, id := letterBook(t)
	before := letterActions(t, dir, id)
	out := filepath.Join(t.TempDir(), "notice.pdf")
	code, stdout, errOut := runCLI(t, "letter", number, "--step", "formal_notice", "--as-of", "2026-03-01", "-o", out, "--data", dir)
	if code != 0 || !strings.Contains(stdout, out) {
		t.Fatalf("letter: %d %q %q", code, stdout, errOut)
	}
	text := pdfToText(t, out)
	wants := []string{"MISE EN DEMEURE", number, ", le 1er mars 2026", "Lettre recommandée avec accusé de réception"}
	if strings.Contains(text, "FORMAL NOTICE") { // a client written to in English
		wants = []string{number, ", 1 March 2026", "Registered letter with acknowledgment of receipt"}
	}
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("the notice lacks %q", want)
		}
	}
	if after := letterActions(t, dir, id); after != before {
		t.Errorf("printing recorded %d actions", after-before)
	}
	statement := filepath.Join(t.TempDir(), "releve.pdf")
	if code, _, errOut := runCLI(t, "letter", number, "--step", "statement", "-o", statement, "--data", dir); code != 0 {
		t.Fatalf("statement: %d %q", code, errOut)
	}
	if text := pdfToText(t, statement); !strings.Contains(text, "Relevé de compte") && !strings.Contains(text, "Statement of account") {
		t.Errorf("statement reads %q", text)
	}
}

func TestLetterRefusesBadArguments(t *testing.T) {
	dir, number, _ := letterBook(t)
	out := filepath.Join(t.TempDir(), "x.pdf")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"letter", "FA-NOPE", "--step", "reminder_1", "-o", out}, "FA-NOPE"},
		{[]string{"letter", number, "--step", "reminder_9", "-o", out}, "reminder_9"},
		{[]string{"letter", number, "--step", "reminder_1", "--as-of", "31/02/2026", "-o", out}, "31/02/2026"},
		{[]string{"letter", number, "--step", "reminder_1"}, "-o"},
		{[]string{"letter", "--step", "reminder_1", "-o", out}, ""},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, append(tt.args, "--data", dir)...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, %q", tt.args, code, errOut)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused command wrote a file")
	}
}
