package sheet

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"relance/data"
	"relance/data/imports"
)

// writeWorkbook builds, as Excel would save it, a workbook whose first
// sheet is empty and whose second holds invoices under a title line: dates
// as date cells (a built-in and a custom format), amounts as numbers with
// a euro format (one with the float noise Excel stores), identifiers and a
// postcode as numbers, and a reminder date left as a bare serial number.
func writeWorkbook(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Notes"))
	_, err := f.NewSheet("Factures")
	must(err)
	isoDate, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	frDate := "dd/mm/yyyy"
	customDate, err := f.NewStyle(&excelize.Style{CustomNumFmt: &frDate})
	must(err)
	euros := `#,##0.00 "€"`
	money, err := f.NewStyle(&excelize.Style{CustomNumFmt: &euros})
	must(err)

	must(f.SetCellValue("Factures", "A1", "Suivi des factures clients 2026"))
	must(f.SetSheetRow("Factures", "A3", &[]any{"N° facture", "Client", "SIREN", "Code postal", "Téléphone",
		"Date de facture", "Échéance", "Montant TTC", "Reste dû", "Dernière relance"}))
	rows := [][]any{
		{"FA-2026-0031", "Crèmerie du Marché", 812345676, 1000, 612345678,
			time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 14, 0, 0, 0, 0, time.UTC), 1234.5599999999999, 1234.56, 46082},
		{"FA-2026-0032", "Garage Côté Sud", 901555664, 13300, "04 90 12 34 56",
			time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), 99.9, 0, nil},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, 4+i)
		must(f.SetSheetRow("Factures", cell, &r))
		must(f.SetCellStyle("Factures", "F"+itoa(4+i), "F"+itoa(4+i), isoDate))
		must(f.SetCellStyle("Factures", "G"+itoa(4+i), "G"+itoa(4+i), customDate))
		must(f.SetCellStyle("Factures", "H"+itoa(4+i), "I"+itoa(4+i), money))
	}
	must(f.SetCellValue("Factures", "L4", "à relancer")) // a note right of the table
	path := filepath.Join(t.TempDir(), "factures.xlsx")
	must(f.SaveAs(path))
	return path
}

func itoa(n int) string { return string(rune('0' + n)) }

func TestXLSXDatesAsDatesAndNumbersAsNumbers(t *testing.T) {
	b, err := os.ReadFile(writeWorkbook(t))
	if err != nil {
		t.Fatal(err)
	}
	tab, problems := Open("factures.xlsx", b)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	checkFormat(t, tab, format{kind: imports.KindXLSX, headerLine: 3, rows: 2})
	if tab.Sheet != "Factures" || tab.Rows[0].Line != 4 {
		t.Fatalf("sheet %q, rows %+v", tab.Sheet, tab.Rows)
	}
	want := []string{"FA-2026-0031", "Crèmerie du Marché", "812345676", "1000", "612345678", "2026-01-15", "2026-02-14", "1234.56", "1234.56", "46082"}
	if !slices.Equal(tab.Rows[0].Cells, want) {
		t.Errorf("cells %q\nwant  %q", tab.Rows[0].Cells, want)
	}
	batch := readClean(t, tab)
	inv := invoiceByNumber(t, batch, "FA-2026-0031")
	wantInv := imports.Invoice{Line: 4, ClientKey: "812345676", Number: "FA-2026-0031", IssueDate: date("2026-01-15"),
		DueDate: date("2026-02-14"), Amount: data.Euros(1234, 56), Outstanding: data.Euros(1234, 56), OutstandingKnown: true,
		RemindedOn: date("2026-03-01")}
	if !sameInvoice(inv, wantInv) {
		t.Errorf("got  %+v\nwant %+v", inv, wantInv)
	}
	wantClient := imports.Client{Key: "812345676", Line: 4, Name: "Crèmerie du Marché", SIREN: "812345676", Phone: "0612345678",
		Address: data.Address{PostalCode: "01000"}}
	if c := clientByKey(t, batch, "812345676"); c != wantClient {
		t.Errorf("a postcode or phone stored as a number lost its zero: %+v", c)
	}
	if inv := invoiceByNumber(t, batch, "FA-2026-0032"); inv.Amount != data.Euros(99, 90) || inv.Outstanding != 0 || !inv.OutstandingKnown {
		t.Errorf("FA-2026-0032: %+v", inv)
	}
}

func TestCorruptXLSXIsAFileFormatProblem(t *testing.T) {
	var zipped bytes.Buffer
	w := zip.NewWriter(&zipped)
	part, _ := w.Create("xl/workbook.xml")
	_, _ = part.Write([]byte("<workbook><sheets><sheet name=\"x\" r:id=\"rId1\"/></sheets"))
	_ = w.Close()
	valid, err := os.ReadFile(writeWorkbook(t))
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string][]byte{
		"zip magic only":   []byte("PK\x03\x04 nothing more"),
		"broken workbook":  zipped.Bytes(),
		"truncated":        valid[:len(valid)/2],
		"odt, not a sheet": zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text"),
	} {
		tab, problems := Open(name, in)
		if len(problems) != 1 || problems[0].Reason != data.ReasonFileFormat || problems[0].Line != 0 || len(tab.Rows) != 0 {
			t.Errorf("%s: %+v", name, problems)
		}
	}
}

func zipOf(t *testing.T, name, content string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	part, err := w.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = part.Write([]byte(content))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDateFormats(t *testing.T) {
	for code, want := range map[string]bool{
		"dd/mm/yyyy": true, "d mmm yy": true, `[$-40C]d mmmm yyyy;@`: true, "yyyy-mm-dd hh:mm": true,
		`#,##0.00 "€"`: false, "0.00%": false, "h:mm:ss": false, `[Red]#,##0;"dû"`: false, `0\d`: false, "mm:ss": false,
	} {
		if got := isDateFormat(0, &code); got != want {
			t.Errorf("%q: %v, want %v", code, got, want)
		}
	}
	for id, want := range map[int]bool{0: false, 2: false, 14: true, 22: true, 31: true, 44: false, 49: false} {
		if got := isDateFormat(id, nil); got != want {
			t.Errorf("built-in %d: %v, want %v", id, got, want)
		}
	}
}

func TestPlainNumber(t *testing.T) {
	for in, want := range map[float64]string{
		812345676: "812345676", 81234567600017: "81234567600017", 1234.5599999999999: "1234.56",
		0.1 + 0.2: "0.3", -12.5: "-12.5", 1.0 / 3: "0.3333333333333333",
	} {
		if got := plainNumber(in); got != want {
			t.Errorf("%v: %q, want %q", in, got, want)
		}
	}
}
