package cli

import (
	"bytes"
	"context"
	"encoding/json"
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
	code := Run(args, &stdout, &stderr, func(Book, []string) int { t.Fatal("the window was opened"); return 1 })
	return code, stdout.String(), stderr.String()
}

func TestVersionMatchesFyneApp(t *testing.T) {
	code, out, _ := runCLI(t, "version")
	if code != 0 || strings.TrimSpace(out) != "Relance "+Version() {
		t.Fatalf("version: %d %q", code, out)
	}
	toml, err := os.ReadFile("../../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Version\s*=\s*"([^"]+)"`).FindSubmatch(toml)
	if m == nil || string(m[1]) != baseVersion {
		t.Fatalf("FyneApp.toml version %q, code says %q", m, baseVersion)
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

// demoBook fills a data folder with the demo book and returns its path.
func demoBook(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "book")
	if code, _, errOut := runCLI(t, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	return dir
}

func TestDueJSON(t *testing.T) {
	dir := demoBook(t)
	today := data.SystemClock{}.Today()
	code, out, errOut := runCLI(t, "due", "--data", dir, "--json", "--as-of", today.String())
	if code != 0 {
		t.Fatalf("due: %d %s", code, errOut)
	}
	var lines []map[string]any
	if err := json.Unmarshal([]byte(out), &lines); err != nil {
		t.Fatalf("due --json is not a JSON array: %v\n%s", err, out)
	}
	if len(lines) == 0 {
		t.Fatal("the demo book has nothing due")
	}
	for _, l := range lines {
		for _, key := range []string{"invoice", "client", "step", "channel", "planned", "amount_cents"} {
			if _, ok := l[key]; !ok {
				t.Fatalf("line without %q: %v", key, l)
			}
		}
		if planned, err := data.ParseDate(l["planned"].(string)); err != nil || planned.After(today) {
			t.Fatalf("planned %v", l["planned"])
		}
	}
	// The table form lists the same invoices.
	_, table, _ := runCLI(t, "due", "--data", dir)
	if !strings.Contains(table, lines[0]["invoice"].(string)) {
		t.Fatalf("table misses %v:\n%s", lines[0]["invoice"], table)
	}
}

func TestStatementJSONAndErrors(t *testing.T) {
	dir := demoBook(t)
	_, out, _ := runCLI(t, "due", "--data", dir, "--json")
	var lines []map[string]any
	if err := json.Unmarshal([]byte(out), &lines); err != nil || len(lines) == 0 {
		t.Fatalf("due: %v", err)
	}
	number := lines[0]["invoice"].(string)
	code, out, errOut := runCLI(t, "statement", number, "--data", dir, "--json", "--as-of", "2027-12-31")
	if code != 0 {
		t.Fatalf("statement: %d %s", code, errOut)
	}
	var st statementJSON
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatal(err)
	}
	if st.Invoice != number || st.AsOf != "2027-12-31" || len(st.Slices) == 0 ||
		st.TotalCents != st.OutstandingCents+st.PenaltiesCents-st.InterestPaidCents+st.IndemnityCents ||
		len(st.Warnings) == 0 || st.Imputation != data.ImputeInterestFirst {
		t.Fatalf("statement %+v", st)
	}
	var sum int64
	for _, s := range st.Slices {
		sum += s.AmountCents
	}
	if sum != st.PenaltiesCents {
		t.Fatalf("slices add up to %d, penalties %d", sum, st.PenaltiesCents)
	}
	if code, _, errOut := runCLI(t, "statement", "FA-0000-0000", "--data", dir); code != 2 || !strings.Contains(errOut, "FA-0000-0000") {
		t.Fatalf("unknown invoice: %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "statement", number, "--as-of", "31/02/2026", "--data", dir); code != 2 || !strings.Contains(errOut, "31/02/2026") {
		t.Fatalf("bad date: %d %q", code, errOut)
	}
	if code, _, _ := runCLI(t, "statement", "--data", dir); code != 2 {
		t.Fatalf("missing invoice argument: %d", code)
	}
}

// relance due says which unpaid invoices are soon time-barred, and which
// already are (they get no formal notice any more).
func TestDueSaysWhyAClaimStops(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "book")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	store, err := data.Open(datadir.DBPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c := data.Client{Name: "Traiteur Morel"}
	if err := store.CreateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	for _, inv := range []data.Invoice{
		{Number: "FA-OLD", ClientID: c.ID, IssueDate: data.MustDate("2021-03-01"), DeliveryDate: data.MustDate("2021-03-01"),
			DueDate: data.MustDate("2021-03-31"), Amount: 50000},
		{Number: "FA-SOON", ClientID: c.ID, IssueDate: data.MustDate("2021-06-10"), DeliveryDate: data.MustDate("2021-06-10"),
			DueDate: data.MustDate("2021-07-10"), Amount: 70000},
	} {
		if err := store.CreateInvoice(ctx, &inv); err != nil {
			t.Fatal(err)
		}
	}
	store.Close()
	code, out, errOut := runCLI(t, "due", "--data", dir, "--as-of", "2026-06-01")
	if code != 0 || errOut != "" {
		t.Fatalf("due: %d %q", code, errOut)
	}
	for _, want := range []string{"FA-OLD", "FA-SOON", "2026-06-09", "2026-02-28"} {
		d, err := data.ParseDate(want)
		if err == nil {
			want = say.Date(d)
		}
		if !strings.Contains(out, want) {
			t.Errorf("due does not mention %q:\n%s", want, out)
		}
	}
	if !strings.Contains(out, say.T.L("cli.due.prescriptions")) {
		t.Errorf("no time-limit section:\n%s", out)
	}
}
