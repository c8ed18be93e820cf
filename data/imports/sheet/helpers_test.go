package sheet

import (
	"os"
	"path/filepath"
	"testing"

	"relance/data"
	"relance/data/imports"
)

// openFile opens a sample of testdata and fails the test on any problem.
func openFile(t *testing.T, name string) Table {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	tab, problems := Open(name, b)
	if len(problems) > 0 {
		t.Fatalf("%s: unexpected problems %v", name, problems)
	}
	return tab
}

// readClean reads a table with Guess and fails the test on any problem.
func readClean(t *testing.T, tab Table) imports.Batch {
	t.Helper()
	b := Read(tab, Guess(tab.Header))
	if len(b.Problems) > 0 {
		t.Fatalf("%s: unexpected problems %v", tab.Name, b.Problems)
	}
	return b
}

func invoiceByNumber(t *testing.T, b imports.Batch, number string) imports.Invoice {
	t.Helper()
	for _, inv := range b.Invoices {
		if inv.Number == number {
			return inv
		}
	}
	t.Fatalf("no invoice %q in %+v", number, b.Invoices)
	return imports.Invoice{}
}

func clientByKey(t *testing.T, b imports.Batch, key string) imports.Client {
	t.Helper()
	for _, c := range b.Clients {
		if c.Key == key {
			return c
		}
	}
	t.Fatalf("no client %q in %+v", key, b.Clients)
	return imports.Client{}
}

func date(iso string) data.Date { return data.MustDate(iso) }

// problem is what a test expects of an imports.Problem.
type problem struct {
	line   int
	column string
	field  Role
	reason data.Reason
	value  string
}

func (p problem) matches(q imports.Problem) bool {
	return q.Line == p.line && q.Column == p.column && q.Field == string(p.field) && q.Reason == p.reason && q.Value == p.value
}

// checkProblems checks that the problems are exactly those expected, in
// order.
func checkProblems(t *testing.T, got []imports.Problem, want []problem) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d problems, want %d:", len(got), len(want))
		for _, g := range got {
			t.Logf("  got  %d %q %s %s %q", g.Line, g.Column, g.Field, g.Reason, g.Value)
		}
		for _, w := range want {
			t.Logf("  want %d %q %s %s %q", w.line, w.column, w.field, w.reason, w.value)
		}
		return
	}
	for i := range want {
		if !want[i].matches(got[i]) {
			g := got[i]
			t.Errorf("problem %d: got %d %q %s %s %q, want %+v", i, g.Line, g.Column, g.Field, g.Reason, g.Value, want[i])
		}
	}
}

// readTestdata opens and reads a sample with Guess, problems included.
func readTestdata(name string) (imports.Batch, error) {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		return imports.Batch{}, err
	}
	tab, _ := Open(name, b)
	return Read(tab, Guess(tab.Header)), nil
}
