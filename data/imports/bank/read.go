package bank

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"relance/data"
	"relance/data/imports"
)

// headSize is how much of a file the format is told from.
const headSize = 64 << 10

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // the binary .xls
)

// Read reads a bank statement of any format Relance knows, told apart by
// its content rather than its name (banks name their exports
// inconsistently): CAMT XML, OFX, CFONB 120, QIF, else a CSV or XLSX export.
// A file that is none of them (a PDF, an image) is a Statement with one
// Problem, ReasonFileFormat on the field "file". It never panics.
func Read(name string, b []byte) Statement {
	head := b[:min(len(b), headSize)]
	switch {
	case LooksLikeCAMT(head):
		return ReadCAMT(name, b)
	case LooksLikeOFX(head):
		return ReadOFX(name, b)
	case looksLikeCFONB(head):
		return ReadCFONB(name, b)
	case looksLikeQIF(head):
		return ReadQIF(name, b)
	case looksLikeSheet(head):
		return ReadSheet(name, b)
	}
	st := Statement{File: statementFile(name)}
	st.addProblem(0, "", "file", data.ReasonFileFormat, "")
	return st
}

// LooksLikeStatement reports whether a file, from its first bytes, is a
// bank statement rather than a table of invoices, for the import pipeline
// to send it to the right reader: a structured statement (CAMT, OFX,
// CFONB, QIF), or a CSV or XLSX whose header has a date, an amount (or
// debit and credit) and a label as banks name them, and no column of
// invoices (number, client, due date). An XLSX is judged only when head
// holds the whole workbook.
func LooksLikeStatement(name string, head []byte) bool {
	switch {
	case LooksLikeCAMT(head), LooksLikeOFX(head), looksLikeCFONB(head), looksLikeQIF(head):
		return true
	case !looksLikeSheet(head):
		return false
	}
	header, ok := statementHeader(name, head)
	if !ok {
		return false
	}
	cols := mapColumns(header)
	described := cols.at[colLabel] >= 0 || cols.at[colName] >= 0 || len(cols.extra) > 0
	return described && !invoiceHeader(header)
}

// looksLikeSheet reports whether the file is a workbook or text: what a
// CSV or XLSX export can be.
func looksLikeSheet(head []byte) bool {
	if bytes.HasPrefix(head, zipMagic) || bytes.HasPrefix(head, oleMagic) {
		return true
	}
	_, _, err := imports.DecodeText(head)
	return err == nil && len(bytes.TrimSpace(head)) > 0
}

// invoiceWords name columns that only a table of invoices has.
var invoiceWords = map[string]bool{
	"facture": true, "factures": true, "invoice": true, "invoices": true, "client": true,
	"clients": true, "customer": true, "echeance": true, "due": true,
}

// invoiceHeader reports whether a header names invoices, clients or due
// dates: an export of invoices with a date and an amount, not a statement.
func invoiceHeader(header []string) bool {
	for _, h := range header {
		for _, w := range strings.Fields(foldHeader(h)) {
			if invoiceWords[w] {
				return true
			}
		}
	}
	return false
}

// statementFile is a path's base name, whichever separator the system
// that gave it uses: a Statement names its file as the user knows it.
func statementFile(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		return name[i+1:]
	}
	return name
}

// addProblem records a fault of the file.
func (st *Statement) addProblem(line int, column, field string, reason data.Reason, value string) {
	st.Problems = append(st.Problems, imports.Problem{File: st.File, Line: line, Column: column,
		FieldError: data.FieldError{Field: field, Reason: reason, Value: value}})
}

// oneSpaced trims a text and makes every run of spaces and line breaks
// one space: labels come padded (CFONB) or on several lines (CSV).
func oneSpaced(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == data.NoBreakSpace || r == data.NarrowNoBreakSpace
	}), " ")
}

// joinLabel joins the parts of a label that say something, each once.
func joinLabel(parts ...string) string {
	var out []string
	for _, p := range parts {
		p = oneSpaced(p)
		if p == "" || containsFold(out, p) {
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, " ")
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// isDigits reports whether s holds only ASCII digits (true when empty).
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// dayMonth is a date written with its year last: 01/03/2026, 3.1.26.
var dayMonth = regexp.MustCompile(`^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-][0-9]{1,4}`)

// monthFirst reports whether the dates are written month first (03/31/26,
// as American tools write them): only a date whose second number is above
// 12 can prove it, and then no date may say the opposite. Day first is
// the default, as French banks write.
func monthFirst(dates []string) bool {
	dayFirst, month := 0, 0
	for _, s := range dates {
		m := dayMonth.FindStringSubmatch(strings.TrimSpace(s))
		if m == nil {
			continue
		}
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		switch {
		case a > 12 && b <= 12:
			dayFirst++
		case b > 12 && a <= 12:
			month++
		}
	}
	return month > 0 && dayFirst == 0
}

var (
	// commaDecimal and dotDecimal end as an amount with cents does in each
	// convention: "1 234,56" and "-12,5" / "1,234.56" and "12.5".
	commaDecimal = regexp.MustCompile(`,[0-9]{1,2}\s*(€|EUR)?\)?$`)
	dotDecimal   = regexp.MustCompile(`\.[0-9]{1,2}\s*(€|EUR)?\)?$`)
)

// decimalComma reports whether more amounts end with a decimal comma than
// with a decimal point.
func decimalComma(amounts []string) bool {
	comma, dot := 0, 0
	for _, s := range amounts {
		s = strings.TrimSpace(s)
		switch {
		case commaDecimal.MatchString(s):
			comma++
		case dotDecimal.MatchString(s):
			dot++
		}
	}
	return comma > dot
}
