package sheet

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"

	"relance/data"
	"relance/data/imports"
)

// Table is a file's grid as found: its header and rows as text, and how
// the file was read, for the wizard's preview and for Read.
type Table struct {
	Name     string       // the file name as given to Open
	Kind     imports.Kind // KindCSV or KindXLSX
	Encoding imports.Encoding
	// Separator is the CSV field separator found: ';', ',', '\t' or '|'.
	Separator rune
	// DecimalComma: the amounts are written 1234,56 (thousands may be
	// grouped with dots or spaces); otherwise 1234.56 (grouped with commas).
	DecimalComma bool
	// MonthFirst: the dates are written month first (03/31/2026), as
	// American exports do. Found only when a date proves it; the wizard
	// lets the user say so when no date can (all days at most 12).
	MonthFirst bool
	Sheet      string // the XLSX sheet read
	// Date1904: the workbook counts its serial dates from 1904 (old Mac
	// Excel), for numbers that Read takes as dates.
	Date1904 bool

	HeaderLine int // the line (or row) of the header
	Header     []string
	Rows       []Row // the data rows, each as wide as the header
	// Problems are the faults found reading the file itself (encoding, a
	// line with too many fields): Read carries them into its Batch.
	Problems []imports.Problem
}

// Row is one data line of a table.
type Row struct {
	Line  int      // 1-based line in the file (CSV) or row in the sheet (XLSX)
	Cells []string // trimmed, one per header column
}

// zipMagic starts every XLSX (and every other zip); oleMagic starts the old
// binary .xls, which Relance does not read.
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Open reads a CSV or XLSX file, told apart by content (a zip is a
// workbook), into a Table. It never panics and never fails outright: what
// it cannot read is in the problems (also kept in Table.Problems), with a
// table as complete as the file allows.
func Open(name string, b []byte) (Table, []imports.Problem) {
	var t Table
	switch {
	case bytes.HasPrefix(b, zipMagic):
		t = openXLSX(name, b)
	case bytes.HasPrefix(b, oleMagic):
		// The binary .xls of Excel 97-2003: the user saves it as .xlsx or CSV.
		t = Table{Name: name, Kind: imports.KindXLSX}
		t.problem(0, "", "file", data.ReasonFileFormat, "xls")
	default:
		t = openCSV(name, b)
	}
	if len(t.Header) == 0 && len(t.Problems) == 0 {
		t.problem(0, "", "header", data.ReasonRequired, "") // an empty file
	}
	t.detectConventions()
	return t, t.Problems
}

// baseName is the file's name without its folders, as Problems give it.
func (t *Table) baseName() string {
	return filepath.Base(filepath.ToSlash(t.Name))
}

// problem records a fault found while reading the file.
func (t *Table) problem(line int, column, field string, reason data.Reason, value string) {
	t.Problems = append(t.Problems, imports.Problem{File: t.baseName(), Line: line, Column: column,
		FieldError: data.FieldError{Field: field, Reason: reason, Value: value}})
}

// maxTitleLines is how far the header is looked for: reports (QuickBooks,
// Excel sheets with a title) put a few lines of title above it.
const maxTitleLines = 10

// headerIndex picks the header among the first records: the first with at
// least two cells filled, so that a title line ("Factures au 31/03/2026")
// above the header is passed over; the first record when none has two.
func headerIndex(records [][]string) int {
	for i := 0; i < len(records) && i < maxTitleLines; i++ {
		if filled(records[i]) >= 2 {
			return i
		}
	}
	return 0
}

// filled counts the cells with text.
func filled(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// trimCells trims every cell of spaces, including the no-break spaces
// spreadsheets keep, and of the ="…" wrapper some exports use to keep
// Excel from reading a number ("0612345678") as one.
func trimCells(cells []string) []string {
	for i, c := range cells {
		cells[i] = cleanCell(c)
	}
	return cells
}

func cleanCell(c string) string {
	c = strings.TrimFunc(c, isSpace)
	if len(c) >= 3 && strings.HasPrefix(c, `="`) && strings.HasSuffix(c, `"`) {
		c = strings.TrimFunc(c[2:len(c)-1], isSpace)
	}
	return c
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == data.NoBreakSpace || r == data.NarrowNoBreakSpace || r == '\u2007' || r == '\u2009' || r == '\ufeff'
}

// fill sets the header and rows from the records. A CSV record with more
// fields than the header (other than empty trailing ones) is refused with
// ReasonColumnCount, since its cells may have slipped a column (an amount
// with an unquoted decimal comma in a comma-separated file). A sheet row
// may hold cells right of the header (a note, a total): with dropExtra
// they belong to no column and are left out.
func (t *Table) fill(records []record, dropExtra bool) {
	if len(records) == 0 {
		return
	}
	cells := make([][]string, len(records))
	for i, r := range records {
		cells[i] = r.fields
	}
	h := headerIndex(cells)
	t.HeaderLine = records[h].line
	t.Header = trimCells(trimTrailing(records[h].fields))
	for _, r := range records[h+1:] {
		fields := r.fields
		if len(fields) > len(t.Header) && !dropExtra {
			fields = trimTrailing(fields)
		}
		if len(fields) > len(t.Header) && !dropExtra {
			t.problem(r.line, "", "columns", data.ReasonColumnCount, strconv.Itoa(len(fields)))
			continue
		}
		t.Rows = append(t.Rows, Row{Line: r.line, Cells: fit(trimCells(fields), len(t.Header))})
	}
}

// fit makes a row exactly as wide as the header: missing trailing cells are
// empty, and extra cells are dropped (the caller has checked they are).
func fit(cells []string, n int) []string {
	if len(cells) >= n {
		return cells[:n]
	}
	return append(cells, make([]string, n-len(cells))...)
}
