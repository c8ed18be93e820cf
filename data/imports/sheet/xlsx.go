package sheet

import (
	"bytes"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"relance/data"
	"relance/data/imports"
)

// openXLSX reads the first visible sheet that has data. Cells come raw
// (excelize would otherwise format them the way Excel displays them: dates
// month first, amounts with the workbook's thousands separators): numbers
// stay numbers written with a dot and no grouping, and numbers whose cell
// has a date format become ISO dates.
func openXLSX(name string, b []byte) (t Table) {
	t = Table{Name: name, Kind: imports.KindXLSX}
	defer func() {
		// excelize trusts the XML inside the zip, and a damaged workbook
		// can make it panic deep down; Open promises never to.
		if recover() != nil {
			t = Table{Name: name, Kind: imports.KindXLSX}
			t.problem(0, "", "file", data.ReasonFileFormat, "")
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.problem(0, "", "file", data.ReasonFileFormat, "")
		return t
	}
	defer f.Close()
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		t.Date1904 = *props.Date1904
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		t.problem(0, "", "file", data.ReasonFileFormat, "") // a zip, but no workbook (.odt, .docx)
		return t
	}
	for _, sheet := range sheets {
		if visible, err := f.GetSheetVisible(sheet); err == nil && !visible {
			continue
		}
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil || !hasData(rows) {
			continue
		}
		t.Sheet = sheet
		r := sheetReader{f: f, sheet: sheet, date1904: t.Date1904, dateStyle: map[int]bool{}}
		t.fill(r.records(rows), true)
		return t
	}
	return t
}

// hasData reports whether a sheet has a cell with text.
func hasData(rows [][]string) bool {
	for _, r := range rows {
		if filled(r) > 0 {
			return true
		}
	}
	return false
}

// sheetReader turns a sheet's raw cells into text.
type sheetReader struct {
	f         *excelize.File
	sheet     string
	date1904  bool
	dateStyle map[int]bool // whether each cell style is a date format
}

// records makes one record per row that has text, numbered as in Excel.
func (r sheetReader) records(rows [][]string) []record {
	var out []record
	for i, row := range rows {
		if filled(row) == 0 {
			continue
		}
		cells := make([]string, len(row))
		for j, raw := range row {
			cells[j] = r.cell(j+1, i+1, raw)
		}
		out = append(out, record{line: i + 1, fields: cells})
	}
	return out
}

// cell is the text of one cell: a number with a date format becomes an ISO
// date, another number is written plainly.
func (r sheetReader) cell(col, row int, raw string) string {
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return raw
	}
	if r.isDate(col, row) {
		if d, ok := serialDate(v, r.date1904); ok {
			return d.String()
		}
	}
	return plainNumber(v)
}

// isDate reports whether the cell is a number formatted as a date.
func (r sheetReader) isDate(col, row int) bool {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return false
	}
	idx, err := r.f.GetCellStyle(r.sheet, name)
	if err != nil {
		return false
	}
	isDate, seen := r.dateStyle[idx]
	if !seen {
		style, err := r.f.GetStyle(idx)
		isDate = err == nil && isDateFormat(style.NumFmt, style.CustomNumFmt)
		r.dateStyle[idx] = isDate
	}
	if !isDate {
		return false
	}
	typ, err := r.f.GetCellType(r.sheet, name)
	return err == nil && typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString
}

// isDateFormat reports whether a number format shows a date: Excel's
// built-in date formats (14-17, 22, 27-36, 45-47 and 50-58 for East Asian
// locales), or a custom format with a day or a year in it. A time alone
// (h:mm) is not a date of invoice.
func isDateFormat(id int, custom *string) bool {
	if custom != nil {
		return customFormatHasDate(*custom)
	}
	switch {
	case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 36, id >= 50 && id <= 58:
		return true
	}
	return false
}

// customFormatHasDate looks for d or y outside quoted text, escaped
// characters and [bracketed] parts (colours, locales, elapsed time).
func customFormatHasDate(code string) bool {
	inQuote, inBracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is shown as it is
		case c == '[':
			inBracket = true
		case c == ']':
			inBracket = false
		case inBracket:
		case c == 'd' || c == 'D' || c == 'y' || c == 'Y':
			return true
		}
	}
	return false
}

// maxSerial is 31 December 9999, the last day Excel counts.
const maxSerial = 2958465

// serialDate converts an Excel serial day number to a Date.
func serialDate(v float64, date1904 bool) (data.Date, bool) {
	if v < 1 || v > maxSerial {
		return data.Date{}, false
	}
	tm, err := excelize.ExcelDateToTime(math.Floor(v), date1904)
	if err != nil {
		return data.Date{}, false
	}
	return data.DateOf(tm), true
}

// plainNumber writes a number as Read expects it: an integer without
// decimals or exponent (a SIREN stored as a number), an amount with its
// cents and without the float noise Excel stores (1234.5599999999999).
func plainNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatInt(int64(v), 10)
	}
	cents := math.Round(v * 100)
	if math.Abs(v*100-cents) < 1e-6 && math.Abs(cents) < 1e17 {
		return strconv.FormatFloat(cents/100, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
