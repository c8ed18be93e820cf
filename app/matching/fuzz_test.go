package matching

import (
	"strings"
	"testing"

	"relance/data"
)

// FuzzMatch matches labels of any text, in the label and the reference,
// against the test book: no panic, and every proposal holds.
func FuzzMatch(f *testing.F) {
	for _, seed := range []string{
		"VIR SEPA FACTURE FA-2026-0104",
		"FA 2026 0110 ET FA-2026-0103 / FA20260120",
		"RF83 FA20 2600 42",
		"RF84FA20260042 RF18539007547034",
		"VIR SEPA RECU DE SARL CAFÉ DURAND",
		"FACT20260555 FACTFAFA 0 00 000 RF00 RF99",
		"\xff\xfe é ŒUVRE -- // 1 200,00 €",
		strings.Repeat("FA 2026 ", 40),
	} {
		f.Add(seed, int64(120000))
	}
	ix := NewIndex(bookWithIBANs())
	opts := Options{FeeTolerance: data.Euros(5, 0)}
	f.Fuzz(func(t *testing.T, label string, cents int64) {
		line := credit(data.Money(cents), "", label)
		line.Reference = label
		p := ix.Match(line, opts)
		if cents <= 0 {
			if len(p.Candidates) > 0 {
				t.Fatalf("no credit, yet candidates: %v", p.Candidates)
			}
			return
		}
		checkProposal(t, ix, p)
		line.Name, line.Reference = label, ""
		checkProposal(t, ix, ix.Match(line, opts))
	})
}
