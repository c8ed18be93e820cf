package bank

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"relance/data"
	"relance/data/imports"
)

// sample reads a file of testdata.
func sample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wantProblem is what a test expects of an imports.Problem.
type wantProblem struct {
	line   int
	field  string
	reason data.Reason
}

// checkProblems compares the problems with the expected ones, in order.
func checkProblems(t *testing.T, got []imports.Problem, want []wantProblem) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("problems %v, want %d of them: %+v", got, len(want), want)
	}
	for i, w := range want {
		g := got[i]
		if g.Line != w.line || g.Field != w.field || g.Reason != w.reason {
			t.Errorf("problem %d: %v, want line %d, field %q, reason %q", i, g, w.line, w.field, w.reason)
		}
	}
}

// checkIDs checks that every line has an ID, that no two share one, and
// that a second read gives the same IDs.
func checkIDs(t *testing.T, read func() Statement) {
	t.Helper()
	first, second := read(), read()
	seen := map[string]bool{}
	for i, l := range first.Lines {
		if l.ID == "" || seen[l.ID] {
			t.Errorf("line %d: ID %q empty or repeated", l.FileLine, l.ID)
		}
		seen[l.ID] = true
		if second.Lines[i].ID != l.ID {
			t.Errorf("line %d: ID %q, then %q on a second read", l.FileLine, l.ID, second.Lines[i].ID)
		}
	}
}

func date(iso string) data.Date { return data.MustDate(iso) }

func TestReadTellsFormatsApart(t *testing.T) {
	tests := []struct {
		file string
		want Format
	}{
		{"camt053.xml", FormatCAMT},
		{"ofx1.ofx", FormatOFX},
		{"ofx2.ofx", FormatOFX},
		{"releve.cfonb", FormatCFONB},
		{"releve.qif", FormatQIF},
		{"ca.csv", FormatCSV},
		{"boursorama.csv", FormatCSV},
		{"releve.xlsx", FormatXLSX},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			st := Read("relevés/"+tt.file, sample(t, tt.file))
			if st.Format != tt.want || len(st.Lines) == 0 {
				t.Fatalf("format %q with %d lines, want %q with lines (problems %v)", st.Format, len(st.Lines), tt.want, st.Problems)
			}
		})
	}
}

func TestReadRefusesWhatIsNoStatement(t *testing.T) {
	tests := []struct {
		name string
		b    []byte
		want wantProblem
	}{
		{"scan.pdf", []byte("%PDF-1.7\n\x00\x01\x02binary"), wantProblem{0, "file", data.ReasonFileFormat}},
		{"photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), wantProblem{0, "file", data.ReasonFileFormat}},
		{"vide.csv", nil, wantProblem{0, "file", data.ReasonFileFormat}},
		{"notes.txt", []byte("Rappeler M. Dupont\nlundi matin\n"), wantProblem{0, "file", data.ReasonFileFormat}},
		{"sans-montant.csv", []byte("Date;Libellé\n01/03/2026;VIR\n"), wantProblem{1, "amount", data.ReasonMissingColumn}},
		{"sans-date.csv", []byte("Libellé;Montant\nVIR;12,00\n"), wantProblem{1, "date", data.ReasonMissingColumn}},
		{"ancien.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}, wantProblem{0, "file", data.ReasonFileFormat}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := Read("C:\\Users\\moi\\"+tt.name, tt.b)
			if len(st.Lines) != 0 {
				t.Errorf("lines %+v from no statement", st.Lines)
			}
			checkProblems(t, st.Problems, []wantProblem{tt.want})
			if st.Problems[0].File != tt.name {
				t.Errorf("problem names file %q, want the base name %q", st.Problems[0].File, tt.name)
			}
		})
	}
}

func TestReadLooksLikeStatement(t *testing.T) {
	for _, f := range []string{"camt053.xml", "camt054.xml", "ofx1.ofx", "ofx2.ofx", "releve.cfonb", "releve.qif", "ca.csv", "boursorama.csv", "releve.xlsx"} {
		if !LooksLikeStatement(f, sample(t, f)) {
			t.Errorf("%s: not taken for a statement", f)
		}
	}
	// The invoice, client and payment tables of the import wizard's tests.
	invoices, err := filepath.Glob(filepath.Join("..", "sheet", "testdata", "*"))
	if err != nil || len(invoices) == 0 {
		t.Fatal("no samples of invoices", err)
	}
	invoices = append(invoices, "inline")
	for _, f := range invoices {
		b := []byte("N° facture;Client;Date;Libellé;Montant TTC\nFA-1;Dupont;01/03/2026;Travaux;120,00\n")
		if f != "inline" {
			b, _ = os.ReadFile(f)
		}
		if LooksLikeStatement(filepath.Base(f), b) {
			t.Errorf("%s: taken for a statement", f)
		}
	}
}

func TestReadLooksLikeStatementOnAHead(t *testing.T) {
	b := sample(t, "ca.csv")
	if !LooksLikeStatement("ca.csv", b[:400]) {
		t.Error("the first 400 bytes of a statement are not taken for one")
	}
	cfonb := sample(t, "releve.cfonb")
	if !LooksLikeStatement("releve.txt", cfonb[:300]) {
		t.Error("a CFONB file cut in its third record is not taken for a statement")
	}
}

func TestReadStatementFile(t *testing.T) {
	for in, want := range map[string]string{
		"releve.csv": "releve.csv", "/home/moi/releve.csv": "releve.csv", `C:\Users\moi\releve.csv`: "releve.csv",
	} {
		if got := statementFile(in); got != want {
			t.Errorf("statementFile(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadJoinLabel(t *testing.T) {
	got := joinLabel("  VIR  SEPA\nDUPONT ", "", "vir sepa dupont", "FA-1")
	if got != "VIR SEPA DUPONT FA-1" {
		t.Errorf("joinLabel = %q", got)
	}
}

func TestReadConventions(t *testing.T) {
	if monthFirst([]string{"01/03/2026", "12/11/2026"}) {
		t.Error("dates that prove nothing taken month first")
	}
	if !monthFirst([]string{"03/31/2026", "04/01/2026"}) {
		t.Error("a date with 31 second not taken month first")
	}
	if monthFirst([]string{"03/31/2026", "31/03/2026"}) {
		t.Error("dates that disagree taken month first")
	}
	if !decimalComma([]string{"1 250,00", "-12,5", "1.234"}) || decimalComma([]string{"1,250.00", "12.50"}) {
		t.Error("decimal convention misread")
	}
	if !slices.Equal(trimCells([]string{" a\u00a0", "b "}), []string{"a", "b"}) {
		t.Error("trimCells")
	}
}
