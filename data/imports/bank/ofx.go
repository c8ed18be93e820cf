package bank

import (
	"bytes"
	"html"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"relance/data"
	"relance/data/imports"
)

// LooksLikeOFX reports whether the start of a file is an OFX file: the
// header of OFX 1.x ("OFXHEADER:100"), the processing instruction of OFX
// 2.x (<?OFX OFXHEADER="200" ...?>), or the OFX element itself.
func LooksLikeOFX(head []byte) bool {
	upper := bytes.ToUpper(head)
	return bytes.Contains(upper, []byte("OFXHEADER")) || bytes.Contains(upper, []byte("<OFX>"))
}

// ReadOFX reads an OFX file, version 1.x (SGML, where leaf elements are
// not closed and French banks write Windows-1252) or 2.x (XML), both with
// one tolerant parser: an element followed by text is a value, any other
// an aggregate, closed by its end tag or its parent's. Each STMTTRN gives
// a Line, or a Problem when its amount or posting date cannot be read.
func ReadOFX(name string, b []byte) Statement {
	st := Statement{File: name, Format: FormatOFX}
	r := ofxReader{st: &st, accounts: map[*ofxNode]ofxAccountOf{}}
	text, err := ofxDecode(b)
	if err != nil {
		r.problem(0, "", "file", data.ReasonEncoding, "")
		return st
	}
	root := parseOFXTree(text)
	transactions := root.collect("STMTTRN")
	if root.find("OFX") == nil || len(transactions) == 0 && ofxStatement(root) == nil {
		r.problem(0, "OFX", "file", data.ReasonFileFormat, "")
		return st
	}
	r.first = ofxStatement(root)
	st.Account, _ = ofxAccount(r.first)
	for _, trn := range transactions {
		r.transaction(trn)
	}
	DigestIDs(FormatOFX, st.Lines)
	uniqueIDs(st.Lines)
	return st
}

// ofxReader gathers the lines and problems of one OFX file.
type ofxReader struct {
	st       *Statement
	first    *ofxNode                  // the file's first statement aggregate
	accounts map[*ofxNode]ofxAccountOf // by statement aggregate, read once
}

// ofxAccountOf is the account and currency of a statement aggregate.
type ofxAccountOf struct{ account, currency string }

// problem records a fault: where (the line and tag), what was expected
// there and why.
func (r *ofxReader) problem(line int, column, field string, reason data.Reason, value string) {
	r.st.Problems = append(r.st.Problems, imports.Problem{File: r.st.File, Line: line, Column: column,
		FieldError: data.FieldError{Field: field, Reason: reason, Value: value}})
}

// transaction reads one STMTTRN.
func (r *ofxReader) transaction(trn *ofxNode) {
	account, currency := r.account(trn)
	if cur := trn.value("CURSYM"); cur != "" { // a transaction in another currency
		currency = strings.ToUpper(cur)
	}
	before := len(r.st.Problems)
	l := Line{FileLine: trn.line, Account: account, Currency: currency}
	l.Amount = r.amount(trn)
	l.Booked = r.date(trn, "DTPOSTED", true)
	l.Value = r.date(trn, "DTUSER", false)
	if len(r.st.Problems) > before {
		return
	}
	l.Name = trn.value("NAME")
	l.Label = ofxLabel(l.Name, trn.value("MEMO"))
	if fitid := trn.value("FITID"); fitid != "" {
		l.ID = string(FormatOFX) + ":" + account + ":" + fitid
	}
	r.st.Lines = append(r.st.Lines, l)
}

// account is the account and currency of the statement a transaction is
// in; for a transaction out of place, the file's first statement's.
func (r *ofxReader) account(trn *ofxNode) (account, currency string) {
	stmt := trn.statement
	if stmt == nil {
		stmt = r.first
	}
	of, ok := r.accounts[stmt]
	if !ok {
		of.account, of.currency = ofxAccount(stmt)
		r.accounts[stmt] = of
	}
	return of.account, of.currency
}

// ofxStatement is the file's first statement aggregate, nil when none.
func ofxStatement(root *ofxNode) *ofxNode {
	if s := root.find("STMTRS"); s != nil {
		return s
	}
	return root.find("CCSTMTRS")
}

// ofxAccount is a statement's account and currency. A French bank gives
// its bank code in BANKID, the branch in BRANCHID and the number in
// ACCTID: together they are the RIB without its key, the account's name
// at the bank; some write the whole RIB in ACCTID already.
func ofxAccount(stmt *ofxNode) (account, currency string) {
	currency = strings.ToUpper(stmt.value("CURDEF"))
	if currency == "" {
		currency = "EUR"
	}
	from := stmt.find("BANKACCTFROM")
	if from == nil {
		from = stmt.find("CCACCTFROM")
	}
	id := strings.Join(strings.Fields(from.value("ACCTID")), "")
	prefix := from.value("BANKID") + from.value("BRANCHID")
	if strings.HasPrefix(id, prefix) {
		return id, currency
	}
	return prefix + id, currency
}

// amount reads TRNAMT, signed, with a decimal point or comma.
func (r *ofxReader) amount(trn *ofxNode) data.Money {
	n := trn.find("TRNAMT")
	if n == nil || n.text == "" {
		r.problem(trn.line, "STMTTRN/TRNAMT", "amount", data.ReasonRequired, "")
		return 0
	}
	m, reason := statementAmount(n.text, true)
	if reason != "" {
		r.problem(n.line, "STMTTRN/TRNAMT", "amount", reason, n.text)
	}
	return m
}

// date reads an OFX date, YYYYMMDD followed or not by a time, fraction
// and zone (20260305120000.000[+1:CET]): the day is taken as written, the
// bank's booking day.
func (r *ofxReader) date(trn *ofxNode, element string, required bool) data.Date {
	n := trn.find(element)
	if n == nil || n.text == "" {
		if required {
			r.problem(trn.line, "STMTTRN/"+element, "date", data.ReasonRequired, "")
		}
		return data.Date{}
	}
	day := n.text[:min(8, len(n.text))]
	d, ok := imports.ParseYYYYMMDD(day)
	if !ok {
		reason := data.ReasonDateFormat
		if len(day) == 8 && camtDigits(day) {
			reason = data.ReasonDateInvalid
		}
		r.problem(n.line, "STMTTRN/"+element, "date", reason, n.text)
	}
	return d
}

// ofxLabel puts NAME and MEMO together, once: banks often repeat the
// name in the memo, or cut in NAME (32 characters) what MEMO has whole.
func ofxLabel(name, memo string) string {
	switch {
	case memo == "" || strings.Contains(name, memo):
		return name
	case name == "" || strings.Contains(memo, name):
		return memo
	}
	return name + " " + memo
}

// ofxDecode gives the file's text in UTF-8. A file that is not UTF-8 is
// read in the character set its header names (CHARSET:1252, or the XML
// declaration's encoding) when it names one Relance knows; the guess of
// imports.DecodeText would take a Windows-1252 file for ISO-8859-15 when
// it holds none of the bytes only Windows-1252 uses.
func ofxDecode(b []byte) (string, error) {
	text, enc, err := imports.DecodeText(b)
	if err != nil || (enc != imports.Windows1252 && enc != imports.ISO885915) {
		return text, err
	}
	declared := ofxCharset(b)
	if declared == nil {
		return text, nil
	}
	out, err := declared.NewDecoder().Bytes(b)
	if err != nil { // charmap decoders map every byte: cannot happen
		return text, nil
	}
	return string(out), nil
}

// ofxCharset is the legacy character set the header names, nil when it
// names none or one Relance does not know.
func ofxCharset(b []byte) encoding.Encoding {
	head, _, _ := bytes.Cut(b, []byte("<OFX>"))
	head = bytes.ToUpper(head)
	for _, label := range []string{"CHARSET:", `ENCODING="`} {
		_, after, ok := bytes.Cut(head, []byte(label))
		if end := bytes.IndexAny(after, "\r\n\""); end >= 0 {
			after = after[:end]
		}
		if e := ofxLegacy(string(bytes.TrimSpace(after))); ok && e != nil {
			return e
		}
	}
	return nil
}

// ofxLegacy is the encoding of a header's character set name.
func ofxLegacy(name string) encoding.Encoding {
	switch name {
	case "1252", "WINDOWS-1252", "CP1252":
		return charmap.Windows1252
	case "ISO-8859-1", "8859-1", "ISO8859-1", "LATIN1":
		return charmap.ISO8859_1
	case "ISO-8859-15", "8859-15", "ISO8859-15":
		return charmap.ISO8859_15
	}
	return nil
}

// ofxNode is an OFX element: an aggregate with children, or a leaf with
// its text. Names are upper case, as OFX writes them.
type ofxNode struct {
	name     string
	text     string
	children []*ofxNode
	// statement is the STMTRS or CCSTMTRS the element is in, if any,
	// found as the tree is built rather than by walking up from each
	// transaction, which a deep file would make quadratic.
	statement *ofxNode
	line      int
}

// ofxParser builds the tree of an OFX text. SGML OFX leaves leaf elements
// unclosed (<TRNAMT>-12,50 then the next tag) and XML OFX closes them;
// both read the same here: an element whose start tag is followed by text
// is a leaf, and its end tag, when there is one, closes nothing more. An
// end tag closes the open element of its name and every one opened inside
// it, so that an empty unclosed leaf (<MEMO> and no text) costs nothing.
type ofxParser struct {
	open    []*ofxNode // open[0] is the root, which has no name
	pending *ofxNode   // the last start tag, while what follows is unknown
	line    int
}

// parseOFXTree reads a whole OFX text; it never fails, and what it cannot
// make sense of (the header, stray text, a cut tag) it leaves out.
func parseOFXTree(text string) *ofxNode {
	p := ofxParser{open: []*ofxNode{{}}, line: 1}
	rest := text
	for {
		before, after, found := strings.Cut(rest, "<")
		p.text(before)
		if !found {
			break
		}
		tag, end := ofxTagEnd(after)
		if end < 0 {
			break
		}
		p.tag(tag)
		p.line += strings.Count(after[:end], "\n")
		rest = after[end:]
	}
	return p.open[0]
}

// ofxTagEnd is the inside of the tag that starts s (after its '<') and
// where the text after it starts; -1 when the tag is not closed. A
// comment ends at "-->", whatever it holds.
func ofxTagEnd(s string) (tag string, end int) {
	if strings.HasPrefix(s, "!--") {
		i := strings.Index(s, "-->")
		if i < 0 {
			return "", -1
		}
		return "!", i + 3
	}
	i := strings.IndexByte(s, '>')
	if i < 0 {
		return "", -1
	}
	return s[:i], i + 1
}

// text handles the characters between two tags.
func (p *ofxParser) text(s string) {
	p.line += strings.Count(s, "\n")
	value := strings.TrimSpace(s)
	if p.pending == nil || value == "" {
		return
	}
	p.pending.text = html.UnescapeString(value)
	p.open = p.open[:len(p.open)-1] // a leaf: the pending element is the last open
	p.pending = nil
}

// tag handles a tag, its inside without the angle brackets.
func (p *ofxParser) tag(tag string) {
	p.pending = nil
	if tag == "" || tag[0] == '?' || tag[0] == '!' { // declaration, comment
		return
	}
	if tag[0] == '/' {
		p.close(ofxTagName(tag[1:]))
		return
	}
	name := ofxTagName(tag)
	if name == "" {
		return
	}
	parent := p.open[len(p.open)-1]
	n := &ofxNode{name: name, statement: parent.statement, line: p.line}
	if parent.name == "STMTRS" || parent.name == "CCSTMTRS" {
		n.statement = parent
	}
	parent.children = append(parent.children, n)
	if !strings.HasSuffix(tag, "/") { // <MEMO/> is empty and closed
		p.open = append(p.open, n)
		p.pending = n
	}
}

// ofxTagName is a tag's name, without attributes (OFX has none, an XML
// file may) and upper case.
func ofxTagName(tag string) string {
	fields := strings.Fields(strings.TrimSuffix(tag, "/"))
	if len(fields) == 0 {
		return ""
	}
	return strings.ToUpper(fields[0])
}

// close closes the innermost open element of the name, and those opened
// inside it; an end tag of no open element (a closed leaf's) does nothing.
func (p *ofxParser) close(name string) {
	for i := len(p.open) - 1; i > 0; i-- {
		if p.open[i].name == name {
			p.open = p.open[:i]
			return
		}
	}
}

// find is the first element of the name below n, depth first, without
// entering a nested STMTTRN (the next transaction, when one was left
// open); nil when none, or when n is nil.
func (n *ofxNode) find(name string) *ofxNode {
	if n == nil {
		return nil
	}
	for _, c := range n.children {
		if c.name == name {
			return c
		}
		if c.name == "STMTTRN" {
			continue
		}
		if found := c.find(name); found != nil {
			return found
		}
	}
	return nil
}

// value is the text of the first element of the name below n.
func (n *ofxNode) value(name string) string {
	if f := n.find(name); f != nil {
		return f.text
	}
	return ""
}

// collect is every element of the name below n, in file order, nested
// ones included.
func (n *ofxNode) collect(name string) []*ofxNode {
	return n.collectInto(name, nil)
}

// collectInto appends to one slice all the way down: a slice per level
// would copy the matches once per level of a deeply nested file.
func (n *ofxNode) collectInto(name string, out []*ofxNode) []*ofxNode {
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
		out = c.collectInto(name, out)
	}
	return out
}
