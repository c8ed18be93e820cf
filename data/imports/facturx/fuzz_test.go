package facturx_test

import (
	"os"
	"path/filepath"
	"testing"

	"relance/data/imports"
	"relance/data/imports/facturx"
)

// FuzzRead checks that no input makes Read panic, and that it always
// answers with a Batch: one document read, or the problems that kept it
// from being read, never both nor neither.
func FuzzRead(f *testing.F) {
	samples, err := filepath.Glob(filepath.Join("testdata", "*.*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range samples {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("%PDF-1.7\n"))
	f.Add([]byte(`<a xmlns="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"/>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		got := facturx.Read("fuzz", b)
		if got.Kind != imports.KindFacturX || len(got.Files) != 1 || got.Rows != 1 {
			t.Fatalf("batch header %q %v %d", got.Kind, got.Files, got.Rows)
		}
		documents := len(got.Invoices) + len(got.CreditNotes)
		if (documents == 1) == (len(got.Problems) > 0) || documents > 1 {
			t.Fatalf("%d documents and problems %v", documents, got.Problems)
		}
		for _, p := range got.Problems {
			if p.Reason == "" || p.Field == "" {
				t.Fatalf("problem without a reason or field: %#v", p)
			}
		}
		assertClientsKnown(t, got)
	})
}

// assertClientsKnown checks every record names a client of the batch.
func assertClientsKnown(t *testing.T, b imports.Batch) {
	t.Helper()
	keys := map[string]bool{}
	for _, c := range b.Clients {
		keys[c.Key] = true
	}
	for _, inv := range b.Invoices {
		if !keys[inv.ClientKey] || inv.ClientKey == "" {
			t.Fatalf("invoice %q names client %q, not in %v", inv.Number, inv.ClientKey, b.Clients)
		}
	}
	for _, cn := range b.CreditNotes {
		if !keys[cn.ClientKey] || cn.ClientKey == "" {
			t.Fatalf("credit note %q names client %q, not in %v", cn.Number, cn.ClientKey, b.Clients)
		}
	}
}
