package banking

import (
	"os"
	"path/filepath"
	"testing"

	"relance/app/demo"
	"relance/data/imports/bank"
)

// TestDemoStatement reads, through the CAMT reader, the December statement
// written for the demo company (testdata) against the demo book of 7
// December 2026: what it should pay is proposed with its evidence, the
// nameless 420 € that the hair salon and the café both owe is ambiguous,
// the rent refund finds nothing, and a second import records nothing.
func TestDemoStatement(t *testing.T) {
	f := newFixture(t)
	if _, err := demo.Load(f.ctx, f.store, today); err != nil {
		t.Fatal(err)
	}
	name := "releve-atelier-lumiere-decembre-2026.xml"
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	st := bank.Read(name, b)
	if len(st.Problems) > 0 || len(st.Lines) != 9 {
		t.Fatalf("read %d lines, problems %v", len(st.Lines), st.Problems)
	}
	rep, err := f.svc.Import(f.ctx, st, Options{ConfirmAbove: 90})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		numbers   []string
		ambiguous bool
	}{
		"VIR SEPA FACTURE FA-2026-0088": {numbers: []string{"FA-2026-0088"}},
		"REGLEMENT FACTURES NOVEMBRE":   {numbers: []string{"FA-2026-0112", "FA-2026-0115"}},
		"INVOICE FA2026 0085":           {numbers: []string{"FA-2026-0085"}},
		"FACTURE JUILLET":               {numbers: []string{"FA-2026-0049"}},
		"VIREMENT SEPA RECU":            {numbers: []string{"FA-2026-0080", "FA-2026-0114"}, ambiguous: true},
		"LOYER DECEMBRE REMBOURSEMENT":  {},
	}
	for _, it := range rep.Proposals {
		w, ok := want[it.Line.Label]
		if !ok {
			continue
		}
		var got []string
		for _, c := range it.Proposal.Candidates {
			for _, a := range c.Allocations {
				got = append(got, a.Number)
			}
			if !w.ambiguous {
				break // the best candidate only
			}
		}
		if it.Proposal.Ambiguous != w.ambiguous || !sameNumbers(got, w.numbers) {
			t.Errorf("%q: proposed %v (ambiguous %v), want %v (ambiguous %v)", it.Line.Label, got, it.Proposal.Ambiguous,
				w.numbers, w.ambiguous)
		}
	}
	if rep.Confirmed != 3 || f.paid("FA-2026-0088") == 0 || f.paid("FA-2026-0085") == 0 {
		t.Errorf("confirmed %d above 90", rep.Confirmed)
	}
	again, err := f.svc.Import(f.ctx, bank.Read(name, b), Options{ConfirmAbove: 90})
	if err != nil || again.Written || again.Known != 9 {
		t.Fatalf("the same statement again: %+v %v", again, err)
	}
}

func sameNumbers(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		seen[x]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}
