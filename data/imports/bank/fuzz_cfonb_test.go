package bank

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedSamples adds the samples of testdata whose name ends with one of
// the suffixes (all of them when none is given) to a fuzz corpus.
func seedSamples(f *testing.F, suffixes ...string) {
	names, err := filepath.Glob(filepath.Join("testdata", "*.*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range names {
		if len(suffixes) > 0 && !hasSuffix(name, suffixes) {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func hasSuffix(name string, suffixes []string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// checkStatement is what every reader promises: each line has an ID, no
// two lines of a statement share one, and each problem names the file.
func checkStatement(t *testing.T, st Statement) {
	t.Helper()
	seen := map[string]bool{}
	for _, l := range st.Lines {
		if l.ID == "" || seen[l.ID] {
			t.Fatalf("line %d: ID %q empty or repeated", l.FileLine, l.ID)
		}
		seen[l.ID] = true
	}
	for _, p := range st.Problems {
		if p.File != st.File {
			t.Fatalf("problem %v names another file than %q", p, st.File)
		}
	}
}

func FuzzReadCFONB(f *testing.F) {
	seedSamples(f, ".cfonb")
	f.Add([]byte(movementRecord("B3", "310226", "IMPAYE", "0000000001200}") + detailRecord("LC2", "SUITE")))
	f.Add([]byte("0415589916200000EUR2 98765432100B1160519  160519PRLV SEPA TEST CABINET           0000000000000000000322J"))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkStatement(t, ReadCFONB("fuzz.cfonb", b))
		looksLikeCFONB(b)
	})
}

func FuzzReadQIF(f *testing.F) {
	seedSamples(f, ".qif")
	f.Add([]byte("!Type:Bank\nD3/15'26\nT-1,234.56\nPRENT\n^\n!Account\nNX\n^"))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkStatement(t, ReadQIF("fuzz.qif", b))
	})
}

func FuzzReadSheet(f *testing.F) {
	seedSamples(f, ".csv", ".xlsx")
	f.Add([]byte("Date;Débit;Crédit\n01/03/2026;1,00;\n"))
	f.Add([]byte("x\nDate,Amount,Transaction ID\n2026-03-01,1.5,A\n2026-03-01,1.5,A\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		st := ReadSheet("fuzz.csv", b)
		checkStatement(t, st)
		DetectBank("fuzz.csv", b)
		LooksLikeStatement("fuzz.csv", b)
	})
}

func FuzzRead(f *testing.F) {
	seedSamples(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		st := Read("fuzz", b)
		if st.File != "fuzz" {
			t.Fatalf("file %q", st.File)
		}
		for _, l := range st.Lines {
			if l.ID == "" {
				t.Fatalf("line %d has no ID", l.FileLine)
			}
		}
		LooksLikeStatement("fuzz", b)
	})
}
