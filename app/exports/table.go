package exports

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"relance/app/words"
	"relance/data"
)

// Format is the kind of file a table is written as.
type Format string

// The formats of the table exports.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// ParseFormat reads a format's name ("csv", "xlsx").
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case CSV, XLSX:
		return f, nil
	}
	return "", fmt.Errorf("export format %q: want csv or xlsx", s)
}

// Ext is the format's file extension, with its dot.
func (f Format) Ext() string { return "." + string(f) }

// kind says how a column's cells are written: in a spreadsheet an amount
// and a day stay numbers, so that they add up and sort.
type kind int

const (
	textCol kind = iota
	moneyCol
	dateCol
	countCol
)

// column is one column of a table: its header (already in words) and kind.
type column struct {
	header string
	kind   kind
	width  float64 // in characters, for XLSX
}

// table is one sheet: its columns, its rows (cells of string, data.Money,
// data.Date or int, in the columns' order) and an optional total line.
type table struct {
	name    string
	columns []column
	rows    [][]any
	total   []any // nil: no total line
}

// col is a column whose header is the catalogue's "export.col.<key>".
func col(w words.Words, key string, k kind, width float64) column {
	return column{header: w.T.L("export.col." + key), kind: k, width: width}
}

// writeTables writes the tables in format: each a sheet of one XLSX
// workbook, or one after the other in a CSV (a blank line between).
func writeTables(out io.Writer, format Format, w words.Words, tables ...table) error {
	switch format {
	case CSV:
		return writeCSV(out, w.Lang() == "en", tables)
	case XLSX:
		return writeXLSX(out, w.Lang() == "en", tables)
	}
	return fmt.Errorf("export: unknown format %q", format)
}

// writeCSV writes CSV for the spreadsheet of the user's language: for a
// French Excel semicolons, a decimal comma and dd/mm/yyyy; for an
// English one commas, a decimal point and ISO dates (which no locale
// misreads). UTF-8 with a BOM, so that Excel reads the accents.
func writeCSV(out io.Writer, english bool, tables []table) error {
	if _, err := io.WriteString(out, "\uFEFF"); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	cw := csv.NewWriter(out)
	cw.UseCRLF = true
	if !english {
		cw.Comma = ';'
	}
	for i, t := range tables {
		if i > 0 {
			_ = cw.Write([]string{""}) // a blank line between tables
		}
		header := make([]string, len(t.columns))
		for j, c := range t.columns {
			header[j] = c.header
		}
		_ = cw.Write(header)
		for _, r := range t.rows {
			_ = cw.Write(csvRecord(r, english))
		}
		if t.total != nil {
			_ = cw.Write(csvRecord(t.total, english))
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// csvRecord writes one row's cells as text.
func csvRecord(row []any, english bool) []string {
	rec := make([]string, len(row))
	for i, v := range row {
		rec[i] = csvCell(v, english)
	}
	return rec
}

func csvCell(v any, english bool) string {
	switch v := v.(type) {
	case string:
		return v
	case data.Money:
		if english {
			return v.Decimal()
		}
		return v.Plain()
	case data.Date:
		switch {
		case v.IsZero():
			return ""
		case english:
			return v.String()
		}
		return v.FormatFR()
	case int:
		return strconv.Itoa(v)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// Number formats of the XLSX cells. Excel shows the grouping and decimal
// marks of the reader's locale: "1 250,00 €" in a French Excel.
const (
	moneyFormatFR = `#,##0.00\ "€";\-#,##0.00\ "€"`
	moneyFormatEN = `"€"#,##0.00;\-"€"#,##0.00`
	dateFormat    = "dd/mm/yyyy"
)

// xlsxStyles are the style ids of a workbook: one per column kind, plain
// and bold (the total line), and the header's.
type xlsxStyles struct {
	header int
	plain  [4]int // by kind
	bold   [4]int
}

func newXLSXStyles(f *excelize.File, english bool) (xlsxStyles, error) {
	var s xlsxStyles
	money := moneyFormatFR
	if english {
		money = moneyFormatEN
	}
	formats := [4]*string{moneyCol: &money, dateCol: ptr(dateFormat)}
	var err error
	s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7ECF3"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "7F8FA6", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	for k := range 4 {
		if err == nil {
			s.plain[k], err = f.NewStyle(&excelize.Style{CustomNumFmt: formats[k]})
		}
		if err == nil {
			s.bold[k], err = f.NewStyle(&excelize.Style{CustomNumFmt: formats[k], Font: &excelize.Font{Bold: true}})
		}
	}
	if err != nil {
		return s, fmt.Errorf("XLSX styles: %w", err)
	}
	return s, nil
}

func ptr[T any](v T) *T { return &v }

// writeXLSX writes the tables as the sheets of one workbook, streamed row
// by row (a book of 100,000 invoices fits in little memory): numbers and
// days as numbers with their French formats, the header bold and frozen.
func writeXLSX(out io.Writer, english bool, tables []table) error {
	f := excelize.NewFile()
	defer f.Close()
	styles, err := newXLSXStyles(f, english)
	if err != nil {
		return err
	}
	for i, t := range tables {
		if err := writeSheet(f, i, t, styles); err != nil {
			return fmt.Errorf("XLSX sheet %q: %w", t.name, err)
		}
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(out); err != nil {
		return fmt.Errorf("write XLSX: %w", err)
	}
	return nil
}

// writeSheet writes table t as the workbook's sheet number i.
func writeSheet(f *excelize.File, i int, t table, st xlsxStyles) error {
	name := sheetName(t.name)
	if i == 0 {
		if err := f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := layOut(sw, t.columns); err != nil {
		return err
	}
	header := make([]any, len(t.columns))
	for c, column := range t.columns {
		header[c] = excelize.Cell{StyleID: st.header, Value: column.header}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	for r, row := range t.rows {
		if err := sw.SetRow(cellName(r+2), xlsxRow(t.columns, row, st.plain)); err != nil {
			return err
		}
	}
	if t.total != nil {
		if err := sw.SetRow(cellName(len(t.rows)+2), xlsxRow(t.columns, t.total, st.bold)); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// layOut sets the columns' widths and freezes the header row; the
// stream writer takes them before the first row.
func layOut(sw *excelize.StreamWriter, columns []column) error {
	for c, column := range columns {
		if err := sw.SetColWidth(c+1, c+1, column.width); err != nil {
			return err
		}
	}
	return sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}})
}

// sheetName fits a name to Excel's rules: at most 31 characters, none of
// []:*?/\.
func sheetName(name string) string {
	r := []rune(name)
	for i, c := range r {
		switch c {
		case '[', ']', ':', '*', '?', '/', '\\':
			r[i] = '-'
		}
	}
	return string(r[:min(len(r), 31)])
}

func cellName(row int) string { return "A" + strconv.Itoa(row) }

// xlsxRow turns a row's cells into spreadsheet cells: amounts in euros
// and days as Excel's day numbers, each with its column's style.
func xlsxRow(columns []column, row []any, styles [4]int) []any {
	out := make([]any, len(row))
	for i, v := range row {
		style := styles[textCol]
		if i < len(columns) {
			style = styles[columns[i].kind]
		}
		out[i] = excelize.Cell{StyleID: style, Value: xlsxValue(v)}
	}
	return out
}

// excelEpoch is day 0 of Excel's day numbers (1900 system, after its
// phantom 29 February 1900).
var excelEpoch = data.NewDate(1899, time.December, 30)

func xlsxValue(v any) any {
	switch v := v.(type) {
	case data.Money:
		return float64(v) / 100
	case data.Date:
		if v.IsZero() {
			return nil
		}
		return v.DaysSince(excelEpoch)
	}
	return v
}
