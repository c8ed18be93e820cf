package drafting

import "testing"

func TestPDFFileName(t *testing.T) {
	for number, want := range map[string]string{
		"FA-2026-0001": "FA-2026-0001.pdf",
		"FA/2026 12":   "FA_2026_12.pdf",
		"../../etc":    "etc.pdf",
		"Facture n°7":  "Facture_n_7.pdf",
		"///":          "invoice-42.pdf",
	} {
		if got := PDFFileName(number, 42); got != want {
			t.Errorf("file name of %q = %q, want %q", number, got, want)
		}
	}
}
