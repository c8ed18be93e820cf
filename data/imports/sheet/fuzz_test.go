package sheet

import (
	"os"
	"path/filepath"
	"testing"

	"relance/data/imports"
)

// seedCorpus adds every sample of testdata to a fuzz corpus.
func seedCorpus(f *testing.F, add func(b []byte)) {
	names, err := filepath.Glob(filepath.Join("testdata", "*.*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		add(b)
	}
	add([]byte("PK\x03\x04"))
	add([]byte("\"a;b\n"))
	add([]byte("N°;Client;Date;Total\r\nF1;Acme;46082;(1,5)\r\n"))
}

// FuzzOpen: Open never panics, and gives either a table or a problem;
// every row is as wide as the header.
func FuzzOpen(f *testing.F) {
	seedCorpus(f, func(b []byte) { f.Add(b) })
	f.Fuzz(func(t *testing.T, b []byte) {
		tab, problems := Open("fuzz.csv", b)
		if len(tab.Header) == 0 && len(problems) == 0 {
			t.Fatal("neither a header nor a problem")
		}
		for _, r := range tab.Rows {
			if len(r.Cells) != len(tab.Header) || r.Line <= tab.HeaderLine {
				t.Fatalf("row %+v under a header of %d at line %d", r, len(tab.Header), tab.HeaderLine)
			}
		}
	})
}

// FuzzRead: Read never panics, with the guessed mapping and with any
// mapping (columns out of the header included), and keeps its promises:
// each client once, invoices under a client of the batch.
func FuzzRead(f *testing.F) {
	seedCorpus(f, func(b []byte) { f.Add(b, []byte{0, 1, 2, 3, 4, 5}) })
	f.Fuzz(func(t *testing.T, b []byte, cols []byte) {
		tab, _ := Open("fuzz.csv", b)
		checkBatch(t, Read(tab, Guess(tab.Header)))
		m := Mapping{}
		for i, role := range Roles() {
			if i < len(cols) && cols[i] != 0xff {
				m[role] = int(cols[i]) - 2
			}
		}
		checkBatch(t, Read(tab, m))
	})
}

func checkBatch(t *testing.T, b imports.Batch) {
	keys := map[string]bool{}
	for _, c := range b.Clients {
		if keys[c.Key] || c.Key == "" {
			t.Fatalf("client key %q twice or empty", c.Key)
		}
		keys[c.Key] = true
	}
	for _, inv := range b.Invoices {
		if !keys[inv.ClientKey] || inv.Number == "" {
			t.Fatalf("invoice %+v without its client", inv)
		}
	}
	for i := 1; i < len(b.Problems); i++ {
		if b.Problems[i].Line < b.Problems[i-1].Line {
			t.Fatal("problems out of line order")
		}
	}
}
