package fec

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead: no input makes Read panic or fail (it reads from memory), a
// line named by a problem is one of the file's, and whatever it reads
// keeps the invariants the pipeline relies on.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte("JournalCode|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Montant|Sens|EcritureLet\n" +
		"VT|1|20260105|411000|Clients|C1|Un|FA-1|20260105|Facture|100,00|D|A\nBQ|2|20260106|411000|Clients|C1|Un|FA-1|20260106|Virement|150,00|C|A\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		b, err := Read("fuzz.txt", bytes.NewReader(in), Options{})
		if err != nil {
			t.Fatal(err)
		}
		lines := bytes.Count(in, []byte("\n")) + 1
		for _, p := range b.Problems {
			if p.Line < 0 || p.Line > lines || p.Reason == "" || p.Field == "" {
				t.Fatalf("problem %+v in a file of %d lines", p, lines)
			}
		}
		if b.Rows > lines {
			t.Fatalf("%d rows in a file of %d lines", b.Rows, lines)
		}
		checkInvariants(t, b)
	})
}
