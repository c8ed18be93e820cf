package bank

import (
	"bytes"
	"regexp"
	"strings"

	"relance/data"
	"relance/data/imports"
	"relance/data/imports/sheet"
)

// QIF (Quicken Interchange Format) is a text file of records, one field a
// line, each line's first character saying which field, records ended by
// "^", under a "!Type:" header:
//
//	!Type:Bank
//	D15/03/2026        date
//	T1 250,00          amount (U: the same, in Quicken's newer field)
//	PSARL DUPONT       payee
//	MFACT FA-2026-0042 memo
//	N1234567           number (a cheque's, a bank reference)
//	^
//
// French banks write the date day first (15/03/2026, 15/03/26) and a
// decimal comma; Quicken's American files write 3/15'26 and a decimal
// point. Only the transactions of cash and bank accounts are read.

// qifAccountTypes are the !Type headers whose records are movements of an
// account; the others (categories, classes, memorised, investments) are
// passed over.
var qifAccountTypes = map[string]bool{"bank": true, "cash": true, "ccard": true, "oth a": true, "oth l": true}

// qifRecord is one transaction's fields as written, and its first line.
type qifRecord struct {
	line    int
	account string // the !Account block's name above it, if any
	fields  map[byte]string
}

// ReadQIF reads a QIF file: one Line per transaction record. Dates are
// read day first unless one of them can only be month first; amounts with
// the decimal convention most of them show. It never panics.
func ReadQIF(name string, b []byte) Statement {
	st := Statement{File: statementFile(name), Format: FormatQIF}
	text, _, err := imports.DecodeText(b)
	if err != nil {
		st.addProblem(0, "", "file", data.ReasonEncoding, "")
		return st
	}
	records := qifRecords(text)
	var dates, amounts []string
	for _, r := range records {
		dates = append(dates, qifDateText(r.fields['D']))
		amounts = append(amounts, qifAmountText(r))
	}
	conv := qifConventions{monthFirst: monthFirst(dates), decimalComma: decimalComma(amounts)}
	for _, r := range records {
		if l, ok := st.qifLine(r, conv); ok {
			st.Lines = append(st.Lines, l)
		}
		if st.Account == "" {
			st.Account = r.account
		}
	}
	DigestIDs(FormatQIF, st.Lines)
	return st
}

// qifConventions are how the file writes dates and amounts.
type qifConventions struct {
	monthFirst, decimalComma bool
}

// qifLine turns a record into a Line, or reports why it cannot.
func (st *Statement) qifLine(r qifRecord, conv qifConventions) (Line, bool) {
	date, reason := qifDate(r.fields['D'], conv.monthFirst)
	if reason != "" {
		st.addProblem(r.line, "D", "date", reason, r.fields['D'])
		return Line{}, false
	}
	amount, reason := qifAmount(qifAmountText(r), conv.decimalComma)
	if reason != "" {
		st.addProblem(r.line, "T", "amount", reason, qifAmountText(r))
		return Line{}, false
	}
	payee := oneSpaced(r.fields['P'])
	return Line{
		FileLine: r.line,
		Account:  r.account,
		Booked:   date,
		Amount:   amount,
		Currency: "EUR",
		Name:     payee,
		// The payee is often the bank's whole label, the memo the
		// transfer's text: both are where an invoice number may be.
		Label: joinLabel(payee, r.fields['M'], r.fields['N']),
	}, true
}

// qifAmountText is the record's amount: T, or U when T is missing.
func qifAmountText(r qifRecord) string {
	if t := strings.TrimSpace(r.fields['T']); t != "" {
		return t
	}
	return strings.TrimSpace(r.fields['U'])
}

// qifRecords splits the text into transaction records. Blank lines are
// passed over; a record left open at the end of the file is kept.
func qifRecords(text string) []qifRecord {
	p := qifParser{transactions: true} // a file without !Type: is a bank account's
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	for i, line := range strings.Split(text, "\n") {
		p.line(i+1, strings.TrimRight(line, " \t"))
	}
	p.end()
	return p.records
}

// qifParser walks a QIF file line by line.
type qifParser struct {
	records      []qifRecord
	current      qifRecord
	transactions bool // the current section holds account transactions
	inAccount    bool // inside an !Account block
	account      string
	accountName  string // the N of the !Account block being read
}

func (p *qifParser) line(n int, line string) {
	switch {
	case strings.TrimSpace(line) == "":
	case line[0] == '!':
		p.header(strings.ToLower(strings.TrimSpace(line[1:])))
	case strings.TrimSpace(line) == "^":
		p.end()
	case p.inAccount:
		if line[0] == 'N' {
			p.accountName = strings.TrimSpace(line[1:])
		}
	case p.transactions:
		p.field(n, line[0], line[1:])
	}
}

// header switches section: "!Type:Bank", "!Account", "!Option:AutoSwitch".
func (p *qifParser) header(h string) {
	switch {
	case strings.HasPrefix(h, "type:"):
		p.end()
		p.inAccount = false
		p.transactions = qifAccountTypes[strings.TrimSpace(strings.TrimPrefix(h, "type:"))]
	case h == "account":
		p.end()
		p.inAccount, p.accountName = true, ""
	}
}

// field adds one field to the record being read. The split lines of a
// transaction (S, E, $, %) detail its categories, not its money: left out.
func (p *qifParser) field(n int, code byte, value string) {
	switch code {
	case 'S', 'E', '$', '%':
		return
	}
	if p.current.fields == nil {
		p.current = qifRecord{line: n, account: p.account, fields: map[byte]string{}}
	}
	if old, ok := p.current.fields[code]; ok && (code == 'M' || code == 'A') {
		value = old + " " + value // a memo or an address over several lines
	} else if ok {
		return
	}
	p.current.fields[code] = value
}

// end closes the record or the !Account block being read.
func (p *qifParser) end() {
	if p.inAccount {
		p.account, p.inAccount = p.accountName, false
		return
	}
	if p.current.fields != nil && p.transactions {
		p.records = append(p.records, p.current)
	}
	p.current = qifRecord{}
}

// qifDate reads a QIF date: 15/03/2026, 15/03/26, 3/15'26 (Quicken writes
// an apostrophe before the years from 2000, and pads with spaces), ISO,
// or 20260315. Two-digit years are 20YY.
func qifDate(s string, monthFirst bool) (data.Date, data.Reason) {
	s = qifDateText(s)
	if s == "" {
		return data.Date{}, data.ReasonRequired
	}
	if len(s) == 8 && isDigits(s) {
		if d, ok := imports.ParseYYYYMMDD(s); ok {
			return d, ""
		}
		return data.Date{}, data.ReasonDateInvalid
	}
	return sheet.ParseDate(s, &sheet.Table{Kind: imports.KindCSV, MonthFirst: monthFirst})
}

// qifDateText writes a QIF date as other files do: without Quicken's
// padding spaces, its apostrophe a slash, a one-digit year on two.
func qifDateText(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(s), " ", ""), "'", "/")
	if m := shortYear.FindStringSubmatch(s); m != nil {
		s = m[1] + "0" + m[2] // 1/5'6 is 2006
	}
	return s
}

// shortYear is a date whose year has one digit.
var shortYear = regexp.MustCompile(`^([0-9]{1,2}[/.-][0-9]{1,2}[/.-])([0-9])$`)

// commaGrouped is an integer grouped by commas: 1,250 or 12,345,678.
var commaGrouped = regexp.MustCompile(`^[-+]?[0-9]{1,3}(,[0-9]{3})+$`)

// qifAmount reads an amount with the file's decimal convention: in a
// decimal-point file "1,250" is 1 250 €, in a decimal-comma one "1.250".
func qifAmount(s string, decimalComma bool) (data.Money, data.Reason) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if s == "" {
		return 0, data.ReasonRequired
	}
	if !decimalComma && commaGrouped.MatchString(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	return sheet.ParseAmount(s, decimalComma)
}

// looksLikeQIF reports whether a file starts with a QIF header.
func looksLikeQIF(head []byte) bool {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if len(head) > 16 {
		head = head[:16]
	}
	lower := strings.ToLower(string(head))
	for _, h := range []string{"!type:", "!account", "!option:", "!clear:"} {
		if strings.HasPrefix(lower, h) {
			return true
		}
	}
	return false
}
