package bank

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"relance/data"
	"relance/data/imports"
)

// CFONB 120 ("relevé de compte sur support informatique", CFONB 2004, with
// the SEPA additions of "Évolutions du relevé de compte 120 caractères",
// 2010) is a file of 120-character records: 01 old balance, 04 movement,
// 05 complement of the 04 before it, 07 new balance.
//
// The positions below (1-based, inclusive) are the standard's, as the
// open-source readers that follow it use them (pennylane-hq/cfonb,
// silarhi/cfonb-parser, akretion/python-cfonb, OCA's
// account_statement_import_fr_cfonb). They differ from docs/FORMATS.md in
// two places:
//   - the label of a 04 is 49-79 (31 characters): 80-81 are reserved, not
//     label as FORMATS.md says;
//   - 82-88 is the bank's entry number ("numéro d'écriture"), which the
//     standard does not make unique (banks often leave it at zeros): it is
//     not taken for the line's identity, a digest (DigestIDs). Nor is the
//     free reference zone at 105-120, which banks fill as they please.
const (
	cfonbWidth = 120

	posCode      = 1  // 1-2: record code
	posBank      = 3  // 3-7: bank code
	posBranch    = 12 // 12-16: branch ("guichet")
	posCurrency  = 17 // 17-19: ISO currency
	posDecimals  = 20 // 20: decimals of the amounts
	posAccount   = 22 // 22-32: account number
	posInterbank = 33 // 33-34: interbank operation code
	posBooked    = 35 // 35-40: posting date DDMMYY (balance date on 01/07)
	posReject    = 41 // 41-42: reject code
	posValue     = 43 // 43-48: value date DDMMYY
	posLabel     = 49 // 49-79: label
	posAmount    = 91 // 91-104: amount, sign in the last character
	posQualifier = 46 // 05: 46-48 qualifier of the complement
	posDetail    = 49 // 05: 49-118 its data

	detailLength  = 70
	amountLength  = 14
	labelLength   = 31
	accountLength = 11
)

// Record codes.
const (
	cfonbOldBalance = "01"
	cfonbMovement   = "04"
	cfonbDetail     = "05"
	cfonbNewBalance = "07"
)

// returnedOperations are the interbank operation codes of returned
// items, money given back: the codes the CFONB table maps to SWIFT's RTI
// ("returned item"), with the unpaid card invoice (38). Source: the CFONB
// code table as silarhi/cfonb-parser (src/CfonbCodes.php) carries it.
var returnedOperations = map[string]bool{
	"03": true, // cheques returned unpaid
	"10": true, // direct debits, TIP, télérèglements rejected or unpaid
	"12": true, // transfer rejected or returned
	"26": true, // TIP rejected or unpaid
	"27": true, // direct debits rejected or unpaid
	"33": true, // bills of exchange unpaid
	"34": true, // incidents on bills of exchange
	"38": true, // card invoice unpaid or rejected
	"98": true, // télérèglements rejected or unpaid
	"A3": true, // SEPA direct debits rejected or unpaid (on the debtor's side)
	"A4": true, // SEPA B2B direct debits rejected or unpaid (debtor's side)
	"B3": true, // SEPA direct debits rejected or unpaid, on the creditor's account
	"B4": true, // SEPA B2B direct debits rejected or unpaid, creditor's account
	"C3": true, // credit after a recall of an instant transfer
	"C5": true, // originator recredited
}

// cfonbRecord is one 120-character record, padded with spaces, and the
// line it is on (or its rank, in a file without line breaks).
type cfonbRecord struct {
	line int
	r    []rune
}

// field is the text at 1-based positions from..from+n-1.
func (c cfonbRecord) field(from, n int) string {
	return string(c.r[from-1 : from-1+n])
}

func (c cfonbRecord) code() string { return c.field(posCode, 2) }

// account is the bank, branch and account numbers together, the RIB
// without its key: what names the account in every record.
func (c cfonbRecord) account() string {
	return strings.TrimSpace(c.field(posBank, 5)) + strings.TrimSpace(c.field(posBranch, 5)) +
		strings.TrimSpace(c.field(posAccount, accountLength))
}

// ReadCFONB reads a CFONB 120 statement: one Line per 04 record, completed
// by the 05 records after it. Files with or without line breaks, with CRLF,
// and with the trailing spaces some banks trim are read alike. It never
// panics; a record it cannot read is a Problem with its line.
func ReadCFONB(name string, b []byte) Statement {
	st := Statement{File: statementFile(name), Format: FormatCFONB}
	text, _, err := imports.DecodeText(b)
	if err != nil {
		st.addProblem(0, "", "file", data.ReasonEncoding, "")
		return st
	}
	r := cfonbReader{st: &st}
	for _, rec := range cfonbRecords(text) {
		r.record(rec)
	}
	r.flush()
	DigestIDs(FormatCFONB, st.Lines)
	return st
}

// cfonbReader keeps the movement being completed by its 05 records.
type cfonbReader struct {
	st      *Statement
	current *cfonbMovementDraft
}

// cfonbMovementDraft is a 04 record read, waiting for its complements.
type cfonbMovementDraft struct {
	line     Line
	labels   []string // the 04 label, then the remittance texts in order
	lccFull  bool     // the last text filled its 70 characters: an LC2 after it continues its word
	payer    string   // NPY
	receiver string   // NBE
}

func (r *cfonbReader) record(rec cfonbRecord) {
	switch rec.code() {
	case cfonbOldBalance, cfonbNewBalance:
		// Balances are not movements; the account they name is the file's.
		r.flush()
		if r.st.Account == "" {
			r.st.Account = rec.account()
		}
	case cfonbMovement:
		r.flush()
		r.movement(rec)
	case cfonbDetail:
		r.detail(rec)
	default:
		r.flush()
		r.st.addProblem(rec.line, "1-2", "record", data.ReasonFileFormat, strings.TrimSpace(rec.code()))
	}
}

// movement starts a Line from a 04 record; a record that cannot be read
// is a Problem, and the 05 records after it are passed over with it.
func (r *cfonbReader) movement(rec cfonbRecord) {
	l := Line{FileLine: rec.line, Account: rec.account(), Currency: strings.TrimSpace(rec.field(posCurrency, 3))}
	if l.Currency == "" {
		l.Currency = "EUR"
	}
	var reason data.Reason
	if l.Booked, reason = cfonbDate(rec.field(posBooked, 6), true); reason != "" {
		r.st.addProblem(rec.line, "35-40", "date", reason, rec.field(posBooked, 6))
		return
	}
	if l.Value, reason = cfonbDate(rec.field(posValue, 6), false); reason != "" {
		r.st.addProblem(rec.line, "43-48", "value_date", reason, rec.field(posValue, 6))
		return
	}
	if l.Amount, reason = cfonbAmount(rec.field(posAmount, amountLength), rec.field(posDecimals, 1)); reason != "" {
		r.st.addProblem(rec.line, "91-104", "amount", reason, rec.field(posAmount, amountLength))
		return
	}
	markReturn(&l, rec.field(posInterbank, 2), rec.field(posReject, 2))
	r.current = &cfonbMovementDraft{line: l, labels: []string{rec.field(posLabel, labelLength)}}
}

// markReturn flags a returned item: a reject code, or the interbank code
// of an unpaid or returned operation. ReturnReason is the reject code
// (CFONB's two-digit motive) when there is one, else the operation code.
func markReturn(l *Line, operation, reject string) {
	operation, reject = strings.TrimSpace(operation), strings.TrimSpace(reject)
	if reject != "" && strings.Trim(reject, "0") != "" {
		l.Return, l.ReturnReason = true, reject
		return
	}
	if returnedOperations[operation] {
		l.Return, l.ReturnReason = true, operation
	}
}

// detail adds a 05 record to the movement before it. The qualifiers read
// are NPY (payer's name), NBE (beneficiary's name), RCN (client reference),
// LCS (structured remittance) and LCC, LC2, LIB (remittance text); the
// others (IPY, IBE, REF, MMO...) say nothing the matching uses.
func (r *cfonbReader) detail(rec cfonbRecord) {
	d := r.current
	if d == nil {
		// A 05 after a refused 04 (already reported), after a balance or
		// at the top of the file: there is no movement to complete.
		return
	}
	raw := rec.field(posDetail, detailLength)
	text := oneSpaced(raw)
	switch strings.ToUpper(rec.field(posQualifier, 3)) {
	case "NPY":
		d.payer = text
	case "NBE":
		d.receiver = text
	case "RCN":
		d.clientReference(raw)
	case "LCS":
		// The structured remittance, in its first 36 characters.
		if ref := oneSpaced(string([]rune(raw)[:36])); ref != "" {
			d.reference(ref)
		}
	case "LCC", "LIB":
		d.remittance(raw, false)
	case "LC2":
		d.remittance(raw, true)
	}
}

// clientReference reads an RCN: the client's reference in its first 35
// characters (the end-to-end identification of a SEPA transfer), its
// purpose after.
func (d *cfonbMovementDraft) clientReference(raw string) {
	ref := oneSpaced(string([]rune(raw)[:35]))
	if ref == "" || strings.EqualFold(ref, "NOTPROVIDED") {
		return
	}
	d.line.EndToEnd = ref
	d.reference(ref)
}

// reference keeps a reference the payer gave: a structured creditor
// reference (RF...) is the Reference; any other is remittance text, where
// an invoice number may be.
func (d *cfonbMovementDraft) reference(ref string) {
	if compact := strings.ToUpper(strings.ReplaceAll(ref, " ", "")); structuredReference.MatchString(compact) {
		d.line.Reference = compact
		return
	}
	d.labels = append(d.labels, ref)
	d.lccFull = false
}

// structuredReference is an ISO 11649 creditor reference: RF, two check
// digits, up to 21 letters or digits.
var structuredReference = regexp.MustCompile(`^RF[0-9]{2}[0-9A-Z]{1,21}$`)

// remittance adds an LCC, LC2 or LIB text. The 140 characters of a SEPA
// remittance come cut in two 70-character records, LCC and LC2, wherever
// the 70th character falls: when the LCC is full, its LC2 continues its
// last word rather than starting one.
func (d *cfonbMovementDraft) remittance(raw string, continuation bool) {
	text := oneSpaced(raw)
	if text == "" {
		return
	}
	if continuation && d.lccFull && len(d.labels) > 0 && !strings.HasPrefix(raw, " ") {
		d.labels[len(d.labels)-1] += text
	} else {
		d.labels = append(d.labels, text)
	}
	d.lccFull = !strings.HasSuffix(raw, " ")
}

// flush ends the movement being completed.
func (r *cfonbReader) flush() {
	d := r.current
	if d == nil {
		return
	}
	r.current = nil
	d.line.Label = joinLabel(d.labels...)
	// The other party: the payer of a credit, the beneficiary of a debit;
	// the other name is the owner's own.
	if d.line.Amount > 0 {
		d.line.Name = d.payer
	} else {
		d.line.Name = d.receiver
	}
	r.st.Lines = append(r.st.Lines, d.line)
}

// cfonbDate reads a DDMMYY date; two-digit years are 20YY. A blank or
// zero date is no date, which only a value date may be.
func cfonbDate(s string, required bool) (data.Date, data.Reason) {
	if strings.Trim(s, " 0") == "" {
		if required {
			return data.Date{}, data.ReasonRequired
		}
		return data.Date{}, ""
	}
	if !isDigits(s) {
		return data.Date{}, data.ReasonDateFormat
	}
	d, err := data.ParseDate(s[0:2] + "/" + s[2:4] + "/20" + s[4:6])
	if err != nil {
		return data.Date{}, data.ReasonDateInvalid
	}
	return d, ""
}

// overpunch is the sign and last digit of a CFONB amount, carried by its
// last character: '{' and 'A'-'I' are +0..+9, '}' and 'J'-'R' are -0..-9.
func overpunch(c rune) (digit int64, negative, ok bool) {
	switch {
	case c == '{':
		return 0, false, true
	case c == '}':
		return 0, true, true
	case c >= 'A' && c <= 'I':
		return int64(c-'A') + 1, false, true
	case c >= 'J' && c <= 'R':
		return int64(c-'J') + 1, true, true
	}
	return 0, false, false
}

// cfonbAmount reads the 14-character amount with the record's count of
// decimals (blank: 2, as LCL leaves it) into cents, credit positive.
func cfonbAmount(s, decimals string) (data.Money, data.Reason) {
	scale := 2
	switch {
	case decimals == " ":
	case decimals >= "0" && decimals <= "9":
		scale = int(decimals[0] - '0')
	default:
		return 0, data.ReasonMoneyFormat
	}
	runes := []rune(s)
	digits := strings.TrimLeft(string(runes[:len(runes)-1]), " ")
	last, negative, ok := overpunch(runes[len(runes)-1])
	if !ok || !isDigits(digits) {
		return 0, data.ReasonMoneyFormat
	}
	var v int64
	for _, c := range digits {
		v = v*10 + int64(c-'0')
	}
	v = v*10 + last
	cents := scaleToCents(v, scale)
	if negative {
		cents = -cents
	}
	return data.Money(cents), ""
}

// scaleToCents turns an integer with scale decimals into cents, rounding
// half away from zero past the cent (a currency with three decimals).
func scaleToCents(v int64, scale int) int64 {
	for ; scale < 2; scale++ {
		v *= 10
	}
	div := int64(1)
	for ; scale > 2; scale-- {
		div *= 10
	}
	return (v + div/2) / div
}

// cfonbRecords cuts the text into records: one per line, or every 120
// characters in a file written without line breaks (then numbered by
// rank). A line longer than 120 characters holds several records, all
// given its number; a shorter one lost its trailing spaces and is padded.
func cfonbRecords(text string) []cfonbRecord {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(text, "\n")
	var out []cfonbRecord
	for i, l := range lines {
		l = strings.TrimRight(l, " \t\x00\x1a") // \x1a: the DOS end-of-file some exports keep
		if l == "" {
			continue
		}
		for _, chunk := range cutRecords(l) {
			out = append(out, cfonbRecord{line: i + 1, r: chunk})
		}
	}
	if len(out) > 1 && nonBlankLines(lines) == 1 {
		for i := range out {
			out[i].line = i + 1 // one line holding the whole file: records by rank
		}
	}
	return out
}

// cutRecords cuts a line into 120-character records, the last padded.
func cutRecords(l string) [][]rune {
	runes := []rune(l)
	var out [][]rune
	for len(runes) > 0 {
		n := min(len(runes), cfonbWidth)
		rec := make([]rune, cfonbWidth)
		copy(rec, runes[:n])
		for j := n; j < cfonbWidth; j++ {
			rec[j] = ' '
		}
		out = append(out, rec)
		runes = runes[n:]
	}
	return out
}

func nonBlankLines(lines []string) int {
	n := 0
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			n++
		}
	}
	return n
}

// cfonbCodes are the record codes a CFONB 120 file holds.
var cfonbCodes = map[string]bool{cfonbOldBalance: true, cfonbMovement: true, cfonbDetail: true, cfonbNewBalance: true}

// looksLikeCFONB reports whether the start of a file is CFONB 120: its
// first records (at most five, the last line left out when the head may
// be cut) start with a record code and a numeric bank code, none is longer
// than a record, and one at least reaches the amount (position 104).
func looksLikeCFONB(head []byte) bool {
	text := strings.ReplaceAll(asciiText(head), "\r", "")
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) > 1 && !strings.HasSuffix(text, "\n") {
		lines = lines[:len(lines)-1] // possibly cut by the head's end
	}
	var records []string
	for _, l := range lines {
		l = strings.TrimRight(l, " \x1a")
		if l == "" {
			continue
		}
		for _, r := range cutRecords(l) {
			records = append(records, string(r))
		}
	}
	return cfonbShaped(records)
}

// cfonbShaped checks the first five records.
func cfonbShaped(records []string) bool {
	long := false
	for i, r := range records {
		if i == 5 {
			break
		}
		if !cfonbCodes[r[:2]] || !isDigits(r[2:7]) {
			return false
		}
		if len(strings.TrimRight(r, " ")) >= posAmount+amountLength-1 {
			long = true
		}
	}
	return long
}

// asciiText is the head as text, one character per character of the
// records: UTF-8 as it is (once a character cut by the head's end is
// dropped), anything else read one byte per character, the Latin-1 of an
// accented label becoming '?'.
func asciiText(head []byte) string {
	for cut := 0; cut < utf8.UTFMax && cut <= len(head); cut++ {
		if utf8.Valid(head[:len(head)-cut]) {
			return string(head[:len(head)-cut])
		}
	}
	out := make([]byte, len(head))
	for i, c := range head {
		if c >= utf8.RuneSelf {
			c = '?'
		}
		out[i] = c
	}
	return string(out)
}
