package exports

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// exportFile writes one export to a real file and returns its path.
func exportFile(t *testing.T, name string, write func(f *os.File) error) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	must(t, err)
	must(t, write(f))
	must(t, f.Close())
	return path
}

// readCSV reads a French CSV back: it must start with the BOM and be
// separated by semicolons.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	raw, err := os.ReadFile(path)
	must(t, err)
	if !bytes.HasPrefix(raw, []byte("\uFEFF")) {
		t.Fatalf("%s: no UTF-8 BOM", path)
	}
	if !bytes.Contains(raw, []byte("\r\n")) {
		t.Errorf("%s: lines not ended with CRLF", path)
	}
	r := csv.NewReader(bytes.NewReader(raw[3:]))
	r.Comma = ';'
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	must(t, err)
	return records
}

// TestInvoicesCSV: the invoices as a French Excel reads them: the header
// in French, amounts with a decimal comma and no grouping, days as
// dd/mm/yyyy, a client's name with a semicolon kept whole, the total line.
func TestInvoicesCSV(t *testing.T) {
	b := newTestBook(t)
	path := exportFile(t, "factures.csv", func(f *os.File) error {
		return Invoices(context.Background(), b.store, f, CSV, say(t, "fr"), testDay)
	})
	records := readCSV(t, path)
	if got := strings.Join(records[0], "|"); got != "N° facture|Client|Date d'émission|Échéance|Montant TTC|Payé|Avoirs|Reste dû|État|Jours de retard" {
		t.Errorf("header: %s", got)
	}
	if len(records) != 1+5+1 {
		t.Fatalf("%d records, want header + 5 invoices + total", len(records))
	}
	row := findRow(t, records, "FA-2026-0001")
	want := []string{"FA-2026-0001", "Boulangerie Vernet; Fils, & Cie", "01/10/2026", "31/10/2026", "1250,50", "250,50", "0,00",
		"1000,00", "En retard", "37"}
	if strings.Join(row, "|") != strings.Join(want, "|") {
		t.Errorf("FA-2026-0001:\n got %q\nwant %q", row, want)
	}
	total := records[len(records)-1]
	// 1 250,50 + 800 + 2 000 + 300 + 450; left 1 000 + 800 + 2 000 + 0 + 450 (written off, still unpaid)
	if total[0] != "Total" || total[4] != "4800,50" || total[5] != "550,50" || total[7] != "4250,00" {
		t.Errorf("total line: %q", total)
	}
}

// TestInvoicesCSVInEnglish: the English variant is the one an English
// Excel opens: commas, decimal points and ISO days.
func TestInvoicesCSVInEnglish(t *testing.T) {
	b := newTestBook(t)
	var buf bytes.Buffer
	must(t, Invoices(context.Background(), b.store, &buf, CSV, say(t, "en"), testDay))
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF")))
	records, err := r.ReadAll()
	must(t, err)
	row := findRow(t, records, "FA-2026-0001")
	if records[0][0] != "Invoice no." || row[2] != "2026-10-01" || row[4] != "1250.50" || row[8] != "Overdue" {
		t.Errorf("header %q, row %q", records[0], row)
	}
}

func findRow(t *testing.T, records [][]string, first string) []string {
	t.Helper()
	for _, r := range records {
		if len(r) > 0 && r[0] == first {
			return r
		}
	}
	t.Fatalf("no row %s in %q", first, records)
	return nil
}

// TestAgedXLSX: the aged balance read back with excelize: amounts are
// numbers with the French euro format, the header bold and frozen, each
// client's buckets and the totals as worked out by hand.
func TestAgedXLSX(t *testing.T) {
	b := newTestBook(t)
	path := exportFile(t, "balance.xlsx", func(f *os.File) error {
		return Aged(context.Background(), b.store, f, XLSX, say(t, "fr"), testDay)
	})
	x, err := excelize.OpenFile(path)
	must(t, err)
	defer x.Close()
	sheet := "Balance âgée"
	rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
	must(t, err)
	want := [][]string{
		{"Client", "Non échu", "1 à 30 jours", "31 à 60 jours", "61 à 90 jours", "Plus de 90 jours", "Total"},
		{"Studio Orage", "0", "0", "0", "0", "2000", "2000"},
		{"Boulangerie Vernet; Fils, & Cie", "800", "0", "1000", "0", "0", "1800"},
		{"Total", "800", "0", "1000", "0", "2000", "3800"},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows %q", rows)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, rows[i], want[i])
		}
	}
	checkNumberCell(t, x, sheet, "G4", moneyFormatFR, true)
	checkNumberCell(t, x, sheet, "B2", moneyFormatFR, false)
	checkHeader(t, x, sheet)
}

// TestAccountantXLSX: the open items for the accountant: one line per
// invoice with something left (not the paid one, not the written-off
// one), the SIREN, days as dates, the last reminder, and a second sheet
// of the aged balance whose total is the open items' total.
func TestAccountantXLSX(t *testing.T) {
	b := newTestBook(t)
	path := exportFile(t, "comptable.xlsx", func(f *os.File) error {
		return Accountant(context.Background(), b.store, f, XLSX, say(t, "fr"), testDay)
	})
	x, err := excelize.OpenFile(path)
	must(t, err)
	defer x.Close()
	if got := strings.Join(x.GetSheetList(), "|"); got != "Encours clients|Balance âgée" {
		t.Fatalf("sheets: %s", got)
	}
	sheet := "Encours clients"
	rows, err := x.GetRows(sheet)
	must(t, err)
	if len(rows) != 1+3+1 {
		t.Fatalf("%d rows: %q", len(rows), rows)
	}
	// The earliest due first; formatted values as Excel shows them.
	first := rows[1]
	if first[0] != "FA-2026-0003" || first[7] != "128" || first[8] != "En retard" {
		t.Errorf("first open item: %q", first)
	}
	vernet := rows[2]
	if vernet[0] != "FA-2026-0001" || vernet[2] != "552100554" || vernet[3] != "01/10/2026" || vernet[9] != "Première relance" ||
		vernet[10] != "03/11/2026" {
		t.Errorf("FA-2026-0001: %q", vernet)
	}
	raw, err := x.GetCellValue(sheet, "G5", excelize.Options{RawCellValue: true})
	must(t, err)
	if raw != "3800" {
		t.Errorf("total left %s, want 3800", raw)
	}
	checkNumberCell(t, x, sheet, "G3", moneyFormatFR, false)
	checkNumberCell(t, x, sheet, "D3", dateFormat, false)
	checkHeader(t, x, sheet)
	agedTotal, err := x.GetCellValue("Balance âgée", "G4", excelize.Options{RawCellValue: true})
	must(t, err)
	if agedTotal != raw {
		t.Errorf("aged balance's total %s, open items' %s", agedTotal, raw)
	}
}

// TestProfilesXLSX: every client has a line, with its grade and its
// reasons in words.
func TestProfilesXLSX(t *testing.T) {
	b := newTestBook(t)
	path := exportFile(t, "profils.xlsx", func(f *os.File) error {
		return Profiles(context.Background(), b.store, f, XLSX, say(t, "fr"), testDay)
	})
	x, err := excelize.OpenFile(path)
	must(t, err)
	defer x.Close()
	rows, err := x.GetRows("Profils payeurs", excelize.Options{RawCellValue: true})
	must(t, err)
	if len(rows) != 3 {
		t.Fatalf("rows %q", rows)
	}
	for _, r := range rows[1:] {
		if r[0] == "" || r[1] == "" || r[2] == "" {
			t.Errorf("profile without client, grade or reasons: %q", r)
		}
	}
	orage := findRow(t, rows, "Studio Orage")
	if orage[12] != "2000" || orage[13] != "2000" {
		t.Errorf("Orage past due %s, outstanding %s; want 2000 (the written-off invoice is not owed)", orage[12], orage[13])
	}
	checkHeader(t, x, "Profils payeurs")
}

// checkNumberCell checks that a cell holds a number shown with format,
// bold or not.
func checkNumberCell(t *testing.T, x *excelize.File, sheet, cell, format string, bold bool) {
	t.Helper()
	typ, err := x.GetCellType(sheet, cell)
	must(t, err)
	if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("%s!%s: type %v, not a number", sheet, cell, typ)
	}
	id, err := x.GetCellStyle(sheet, cell)
	must(t, err)
	style, err := x.GetStyle(id)
	must(t, err)
	if style.CustomNumFmt == nil || *style.CustomNumFmt != format {
		t.Errorf("%s!%s: number format %v, want %q", sheet, cell, style.CustomNumFmt, format)
	}
	if isBold := style.Font != nil && style.Font.Bold; isBold != bold {
		t.Errorf("%s!%s: bold %v", sheet, cell, isBold)
	}
}

// checkHeader checks the header row is bold and frozen.
func checkHeader(t *testing.T, x *excelize.File, sheet string) {
	t.Helper()
	id, err := x.GetCellStyle(sheet, "A1")
	must(t, err)
	style, err := x.GetStyle(id)
	must(t, err)
	if style.Font == nil || !style.Font.Bold {
		t.Errorf("%s: header not bold", sheet)
	}
	panes, err := x.GetPanes(sheet)
	must(t, err)
	if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("%s: header not frozen: %+v", sheet, panes)
	}
	width, err := x.GetColWidth(sheet, "A")
	must(t, err)
	if width < 15 {
		t.Errorf("%s: column A %v wide", sheet, width)
	}
}

// TestFormatParse: the formats the command line accepts.
func TestFormatParse(t *testing.T) {
	for _, s := range []string{"csv", "xlsx"} {
		if f, err := ParseFormat(s); err != nil || string(f) != s {
			t.Errorf("%s: %v %v", s, f, err)
		}
	}
	if _, err := ParseFormat("ods"); err == nil {
		t.Error("ods accepted")
	}
}
