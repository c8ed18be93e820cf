package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestExportCommands: each export of the demo book, as XLSX and CSV,
// written quietly where --out says (the format from its extension when
// --format is not given), and readable: a workbook excelize opens with
// its sheets, a CSV with its BOM.
func TestExportCommands(t *testing.T) {
	dir := demoBook(t)
	out := t.TempDir()
	sheets := map[string]int{"invoices": 1, "aged": 1, "profiles": 1, "accountant": 2}
	for report, want := range sheets {
		for _, ext := range []string{"xlsx", "csv"} {
			path := filepath.Join(out, report+"."+ext)
			code, stdout, stderr := runCLI(t, "export", report, "--data", dir, "--out", path, "--as-of", "2026-12-07")
			if code != 0 || stderr != "" || !strings.Contains(stdout, path) {
				t.Fatalf("export %s %s: %d %q %q", report, ext, code, stdout, stderr)
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if ext == "csv" {
				if !bytes.HasPrefix(raw, []byte("\uFEFF")) || bytes.Count(raw, []byte("\r\n")) < 2 {
					t.Errorf("%s: not a CSV with a BOM and lines", path)
				}
				continue
			}
			x, err := excelize.OpenReader(bytes.NewReader(raw))
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if got := len(x.GetSheetList()); got != want {
				t.Errorf("%s: %d sheets, want %d", path, got, want)
			}
			rows, err := x.GetRows(x.GetSheetList()[0])
			if err != nil || len(rows) < 3 {
				t.Errorf("%s: %d rows, %v", path, len(rows), err)
			}
			x.Close()
		}
	}
}

// TestExportDefaultsAndErrors: --format wins over the extension; --out -
// writes to the standard output; a report or format the command does not
// know is refused with a sentence and exit code 2.
func TestExportDefaultsAndErrors(t *testing.T) {
	dir := demoBook(t)
	code, stdout, stderr := runCLI(t, "export", "aged", "--data", dir, "--format", "csv", "--out", "-")
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "\uFEFF") {
		t.Fatalf("aged to stdout: %d %q %.80q", code, stderr, stdout)
	}
	for _, args := range [][]string{
		{"export", "clients", "--data", dir},
		{"export", "aged", "--data", dir, "--format", "ods"},
		{"export", "--data", dir},
		{"export", "aged", "--data", dir, "--as-of", "demain"},
	} {
		if code, _, stderr := runCLI(t, args...); code != 2 || stderr == "" {
			t.Errorf("%q: %d %q", args, code, stderr)
		}
	}
}

// TestCalendarICS: `relance calendar --ics` writes an iCalendar of CRLF
// lines with one event per item, the same UIDs each time (a calendar
// that imports it again updates its events); without --ics, or with a
// span that ends before it starts, it refuses.
func TestCalendarICS(t *testing.T) {
	dir := demoBook(t)
	uids := func() []string {
		code, stdout, stderr := runCLI(t, "calendar", "--ics", "--data", dir, "--out", "-", "--days", "60")
		if code != 0 || stderr != "" {
			t.Fatalf("calendar: %d %q", code, stderr)
		}
		if !strings.HasPrefix(stdout, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(stdout, "END:VCALENDAR\r\n") {
			t.Fatalf("not an iCalendar: %.100q", stdout)
		}
		if n, m := strings.Count(stdout, "BEGIN:VEVENT\r\n"), strings.Count(stdout, "END:VEVENT\r\n"); n == 0 || n != m {
			t.Fatalf("%d events begun, %d ended", n, m)
		}
		return regexp.MustCompile(`(?m)^UID:(.*)\r$`).FindAllString(stdout, -1)
	}
	one, two := uids(), uids()
	if len(one) == 0 || strings.Join(one, ",") != strings.Join(two, ",") {
		t.Errorf("UIDs changed from one export to the next")
	}
	path := filepath.Join(t.TempDir(), "cal.ics")
	if code, stdout, stderr := runCLI(t, "calendar", "--ics", "--data", dir, "--out", path); code != 0 || stderr != "" ||
		!strings.Contains(stdout, path) {
		t.Errorf("calendar to a file: %d %q %q", code, stdout, stderr)
	}
	for _, args := range [][]string{
		{"calendar", "--data", dir},
		{"calendar", "--ics", "--data", dir, "--from", "2026-12-10", "--to", "2026-12-01"},
		{"calendar", "--ics", "--data", dir, "--from", "hier"},
	} {
		if code, _, stderr := runCLI(t, args...); code != 2 || stderr == "" {
			t.Errorf("%q: %d %q", args, code, stderr)
		}
	}
}
