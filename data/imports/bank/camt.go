package bank

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"relance/data"
	"relance/data/imports"
)

// camtStatementElements names, for each CAMT message, the element that
// holds one account's entries: the statement of CAMT.053, the
// notification of CAMT.054, and the intraday report of CAMT.052 (the
// same entries, which costs nothing to read).
var camtStatementElements = map[string]string{
	"BkToCstmrStmt":         "Stmt",
	"BkToCstmrDbtCdtNtfctn": "Ntfctn",
	"BkToCstmrAcctRpt":      "Rpt",
}

// LooksLikeCAMT reports whether the start of a file is a CAMT.052, .053
// or .054 document, by its message element or its namespace: the
// dispatcher then reads it with ReadCAMT.
func LooksLikeCAMT(head []byte) bool {
	for message := range camtStatementElements {
		if bytes.Contains(head, []byte("<"+message)) || bytes.Contains(head, []byte(":"+message)) {
			return true
		}
	}
	return bytes.Contains(head, []byte("iso:20022:tech:xsd:camt.05"))
}

// ReadCAMT reads a CAMT.053 statement or CAMT.054 notification, of any
// version: elements are matched by local name, as the versions differ in
// namespace and in a few paths that are all tried. It gives one Line per
// transaction of each booked entry (a batch of transfers credited at once
// gives one line per payer); pending entries are left out, their money
// not being on the account yet. An entry with a fault gives a Problem
// instead of lines, so that a batch is never imported in part; a file
// that is not well-formed XML gives one Problem and no line.
func ReadCAMT(name string, b []byte) Statement {
	st := Statement{File: name, Format: FormatCAMT}
	r := camtReader{st: &st}
	root, line, err := parseCAMTTree(b)
	if err != nil {
		r.problem(line, "", "file", data.ReasonFileFormat, err.Error())
		return st
	}
	statements := camtStatements(root)
	if len(statements) == 0 {
		r.problem(root.line, root.name, "file", data.ReasonFileFormat, root.name)
		return st
	}
	for _, s := range statements {
		r.statement(s)
	}
	DigestIDs(FormatCAMT, st.Lines)
	uniqueIDs(st.Lines)
	return st
}

// camtStatements is every Stmt, Ntfctn or Rpt of the document, whether
// the message sits in a Document element (as the schema wants) or is the
// root itself (as some banks' exports have it).
func camtStatements(root *camtNode) []*camtNode {
	messages := []*camtNode{root}
	if root.name == "Document" {
		messages = root.children
	}
	var out []*camtNode
	for _, m := range messages {
		if child, ok := camtStatementElements[m.name]; ok {
			out = append(out, m.all(child)...)
		}
	}
	return out
}

// camtReader gathers the lines and problems of one CAMT file.
type camtReader struct {
	st *Statement
}

// problem records a fault: where (the XML line and path), what was
// expected there and why.
func (r *camtReader) problem(line int, column, field string, reason data.Reason, value string) {
	r.st.Problems = append(r.st.Problems, imports.Problem{File: r.st.File, Line: line, Column: column,
		FieldError: data.FieldError{Field: field, Reason: reason, Value: value}})
}

// statement reads the entries of one account.
func (r *camtReader) statement(s *camtNode) {
	account := camtAccount(s.first("Acct/Id"))
	if r.st.Account == "" {
		r.st.Account = account
	}
	for _, n := range s.all("Ntry") {
		if camtPending(n) {
			continue
		}
		before := len(r.st.Problems)
		lines := r.entry(n, account)
		if len(r.st.Problems) == before {
			r.st.Lines = append(r.st.Lines, lines...)
		}
	}
}

// camtAccount is an account's IBAN, or the bank's own number for it.
func camtAccount(id *camtNode) string {
	if iban := camtIBAN(id.text("IBAN")); iban != "" {
		return iban
	}
	return id.text("Othr/Id")
}

// camtIBAN writes an IBAN as Line.IBAN wants it: upper case, no spaces.
func camtIBAN(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// camtPending reports an entry that is not booked: pending (PDNG), for
// information only (INFO) or announced (FUTR). Version 02 writes the code
// in Sts, later versions in Sts/Cd.
func camtPending(n *camtNode) bool {
	status := n.text("Sts/Cd")
	if status == "" {
		status = n.text("Sts")
	}
	switch strings.ToUpper(status) {
	case "PDNG", "INFO", "FUTR":
		return true
	}
	return false
}

// camtEntry is what an entry says for all of its transactions.
type camtEntry struct {
	node     *camtNode
	account  string
	amount   data.Money // signed
	credit   bool
	currency string
	booked   data.Date
	value    data.Date
	ref      string // AcctSvcrRef, the bank's reference of the entry
	returned bool   // reversed, or booked under a return transaction code
	info     string // AddtlNtryInf, the bank's own label
}

// entry reads one entry into its lines, reporting what is wrong with it.
func (r *camtReader) entry(n *camtNode, account string) []Line {
	e := camtEntry{node: n, account: account, ref: n.text("AcctSvcrRef"), info: n.text("AddtlNtryInf")}
	amount, currency, ok := r.amount(n, "Ntry/Amt")
	if !ok && n.first("Amt") == nil {
		r.problem(n.line, "Ntry/Amt", "amount", data.ReasonRequired, "")
	}
	e.credit = r.direction(n, "Ntry/CdtDbtInd", true)
	e.amount, e.currency = camtSigned(amount, e.credit), currency
	e.booked, e.value = r.dates(n)
	e.returned = !e.credit && (camtTrue(n.text("RvslInd")) || camtReturnCode(n))
	txs := n.all("NtryDtls/TxDtls")
	amounts, split := r.split(e, txs)
	if !split {
		return []Line{e.batchLine(txs)}
	}
	lines := make([]Line, len(txs))
	for i, tx := range txs {
		lines[i] = e.transactionLine(tx, amounts[i], i+1, len(txs))
	}
	return lines
}

// camtSigned puts the direction on an unsigned amount.
func camtSigned(m data.Money, credit bool) data.Money {
	if credit {
		return m
	}
	return -m
}

// amount reads the Amt child of n and its Ccy: ok is false when it is
// absent or has a fault, which is reported.
func (r *camtReader) amount(n *camtNode, column string) (m data.Money, currency string, ok bool) {
	amt := n.first("Amt")
	if amt == nil {
		return 0, "", false
	}
	m, reason := statementAmount(amt.text(""), false)
	if reason == "" && m < 0 { // the direction is CdtDbtInd's to say
		reason = data.ReasonNegative
	}
	if reason != "" {
		r.problem(amt.line, column, "amount", reason, amt.text(""))
		return 0, "", false
	}
	currency = strings.ToUpper(amt.attr("Ccy"))
	if currency == "" {
		currency = "EUR"
	}
	return m, currency, true
}

// direction reads CdtDbtInd: true for a credit. A missing indicator is a
// fault when required (the entry's), else the entry's direction stands.
func (r *camtReader) direction(n *camtNode, column string, required bool) bool {
	switch ind := n.text("CdtDbtInd"); ind {
	case "CRDT":
		return true
	case "DBIT":
		return false
	case "":
		if required {
			r.problem(n.line, column, "amount", data.ReasonRequired, "")
		}
	default:
		r.problem(n.first("CdtDbtInd").line, column, "amount", data.ReasonUnknownChoice, ind)
	}
	return false
}

// dates reads an entry's booking and value dates. A notification may
// give the value date only: it then stands for the booking date too.
func (r *camtReader) dates(n *camtNode) (booked, value data.Date) {
	booked, value = r.date(n, "BookgDt"), r.date(n, "ValDt")
	if booked.IsZero() {
		booked = value
	}
	if n.first("BookgDt") == nil && n.first("ValDt") == nil {
		r.problem(n.line, "Ntry/BookgDt", "date", data.ReasonRequired, "")
	}
	return booked, value
}

// date reads a BookgDt or ValDt child of n, which holds a Dt or a DtTm
// (whose day is taken as the bank wrote it: a booking day is local). An
// absent element is the zero Date, an empty one a fault.
func (r *camtReader) date(n *camtNode, element string) data.Date {
	d := n.first(element)
	if d == nil {
		return data.Date{}
	}
	s := d.text("Dt")
	if s == "" {
		s, _, _ = strings.Cut(d.text("DtTm"), "T")
	}
	if s == "" {
		r.problem(d.line, "Ntry/"+element, "date", data.ReasonRequired, "")
		return data.Date{}
	}
	if len(s) > 10 { // xs:date may carry a zone: 2026-03-05+01:00
		s = s[:10]
	}
	day, err := data.ParseDate(s)
	var fe *data.FieldError
	if errors.As(err, &fe) {
		r.problem(d.line, "Ntry/"+element, "date", fe.Reason, s)
	}
	return day
}

// camtTrue reads an xs:boolean.
func camtTrue(s string) bool { return s == "true" || s == "1" }

// camtReturnCode reports a bank transaction code (ISO 20022 external
// sub-family) that books a return: an unpaid or returned direct debit, a
// returned or recalled transfer, an unpaid cheque. Such a debit gives
// back money received earlier, which the matching must take back off the
// invoice it paid.
func camtReturnCode(n *camtNode) bool {
	switch n.text("BkTxCd/Domn/Fmly/SubFmlyCd") {
	case "UPDD", "RRTN", "RPCR", "PRDD", "ARET", "AREV", "UPCQ", "URCQ":
		return true
	}
	return false
}

// split gives each transaction's signed amount when the entry can be cut
// into one line per transaction: a single transaction takes the entry's
// amount (what was booked, charges or conversion included); several must
// each give their amount, in the entry's currency, adding up to the
// entry's. Otherwise the entry stays one line (split is false), rather
// than attribute money to the wrong payer.
func (r *camtReader) split(e camtEntry, txs []*camtNode) (amounts []data.Money, split bool) {
	if len(txs) <= 1 {
		return []data.Money{e.amount}, len(txs) == 1
	}
	var sum data.Money
	split = true
	for _, tx := range txs {
		m, currency, ok := r.txAmount(tx)
		if !ok || currency != e.currency {
			split = false
			continue
		}
		credit := e.credit
		if tx.first("CdtDbtInd") != nil { // a batch may mix credits and debits
			credit = r.direction(tx, "TxDtls/CdtDbtInd", true)
		}
		amounts = append(amounts, camtSigned(m, credit))
		sum += amounts[len(amounts)-1]
	}
	return amounts, split && sum == e.amount
}

// txAmount is a transaction's own amount: TxDtls/Amt from version 04 on,
// AmtDtls/TxAmt/Amt in all versions.
func (r *camtReader) txAmount(tx *camtNode) (data.Money, string, bool) {
	if tx.first("Amt") != nil {
		return r.amount(tx, "TxDtls/Amt")
	}
	if txAmt := tx.first("AmtDtls/TxAmt"); txAmt != nil {
		return r.amount(txAmt, "TxDtls/AmtDtls/TxAmt/Amt")
	}
	return 0, "", false
}

// line is a Line with what the entry says.
func (e *camtEntry) line() Line {
	l := Line{FileLine: e.node.line, Account: e.account, Booked: e.booked, Value: e.value,
		Amount: e.amount, Currency: e.currency, Label: e.info, Return: e.returned}
	if e.ref != "" {
		l.ID = camtID(e.account, e.ref)
	}
	return l
}

// camtID is the identity of a line the bank gave a reference.
func camtID(account, ref string) string {
	return string(FormatCAMT) + ":" + account + ":" + ref
}

// batchLine is the one line of an entry that is not cut by transaction:
// the labels of all its transactions together, so that the invoice
// numbers they name can still be matched.
func (e *camtEntry) batchLine(txs []*camtNode) Line {
	l := e.line()
	var labels []string
	for _, tx := range txs {
		if label := camtLabel(tx); label != "" {
			labels = append(labels, label)
		}
	}
	if len(labels) > 0 {
		l.Label = strings.Join(labels, " ")
	}
	for _, tx := range txs {
		l.Return = l.Return || l.Amount < 0 && (camtReturnCode(tx) || tx.first("RtrInf") != nil)
	}
	return l
}

// transactionLine is the line of the index-th of count transactions.
func (e *camtEntry) transactionLine(tx *camtNode, amount data.Money, index, count int) Line {
	l := e.line()
	l.FileLine, l.Amount = tx.line, amount
	if label := camtLabel(tx); label != "" {
		l.Label = label
	}
	e.describe(&l, tx)
	if e.ref != "" && count > 1 {
		sub := tx.text("Refs/AcctSvcrRef")
		if sub == "" {
			sub = strconv.Itoa(index)
		}
		l.ID = camtID(e.account, e.ref+"/"+sub)
	}
	return l
}

// camtLabel is a transaction's remittance text, or the bank's text for it.
func camtLabel(tx *camtNode) string {
	var parts []string
	for _, u := range tx.all("RmtInf/Ustrd") {
		if s := u.text(""); s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) > 0 {
		return strings.Join(parts, " ")
	}
	return tx.text("AddtlTxInf")
}

// describe sets what a transaction says of the other party, its
// references and its return.
func (e *camtEntry) describe(l *Line, tx *camtNode) {
	l.Return = l.Amount < 0 && (e.returned || camtReturnCode(tx) || tx.first("RtrInf") != nil)
	// The other party is the debtor of money in; of a return too, which
	// gives back what that debtor paid; else the creditor.
	l.Name, l.IBAN = camtParty(tx.first("RltdPties"), l.Amount > 0 || l.Return, e.account)
	l.Reference = tx.text("RmtInf/Strd/CdtrRefInf/Ref")
	if id := tx.text("Refs/EndToEndId"); !strings.EqualFold(id, "NOTPROVIDED") {
		l.EndToEnd = id
	}
	if l.Return {
		// A return carries the end-to-end identification of the
		// movement it returns.
		l.ReturnOf = l.EndToEnd
		l.ReturnReason = tx.text("RtrInf/Rsn/Cd")
		if l.ReturnReason == "" {
			l.ReturnReason = tx.text("RtrInf/Rsn/Prtry")
		}
	}
}

// camtParty is the name and account of the debtor (or the creditor) of
// a transaction. When that side is the owner's own account, or says
// nothing, the other side is taken: banks do not all fill the parties
// the same way.
func camtParty(parties *camtNode, debtor bool, owner string) (name, iban string) {
	first, second := "Cdtr", "Dbtr"
	if debtor {
		first, second = second, first
	}
	name, iban = camtPartyOf(parties, first)
	if (name == "" && iban == "") || (iban != "" && iban == owner) {
		if n, i := camtPartyOf(parties, second); n != "" || i != "" {
			return n, i
		}
	}
	return name, iban
}

// camtPartyOf reads one side of RltdPties: Dbtr/Nm before version 08,
// Dbtr/Pty/Nm since; the ultimate party when the direct one has no name.
func camtPartyOf(parties *camtNode, role string) (name, iban string) {
	for _, path := range []string{role + "/Nm", role + "/Pty/Nm", "Ultmt" + role + "/Nm", "Ultmt" + role + "/Pty/Nm"} {
		if name = parties.text(path); name != "" {
			break
		}
	}
	iban = camtIBAN(parties.text(role + "Acct/Id/IBAN"))
	if iban == "" {
		iban = parties.text(role + "Acct/Id/Othr/Id")
	}
	return name, iban
}

// statementAmount reads an amount as statements write it: a sign, digits,
// and a decimal point (or, when comma is set, a decimal comma, as French
// OFX files have it). Grouping is refused rather than guessed at: in
// "1.250" the point is a decimal one. Zeros past the cents are allowed;
// other digits there are not (ReasonMoneyDecimals). The reason is "" when
// the amount is read.
func statementAmount(s string, comma bool) (data.Money, data.Reason) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	sep := "."
	if comma && strings.Contains(s, ",") {
		sep = ","
	}
	whole, frac, _ := strings.Cut(s, sep)
	if !camtDigits(whole) || !camtDigits(frac) || whole+frac == "" {
		return 0, data.ReasonMoneyFormat
	}
	frac = strings.TrimRight(frac, "0")
	whole = strings.TrimLeft(whole, "0")
	if len(frac) > 2 {
		return 0, data.ReasonMoneyDecimals
	}
	if len(whole) > 15 { // as data.ParseMoney: cents fit in an int64 with room for sums
		return 0, data.ReasonMoneyTooLarge
	}
	euros, _ := strconv.ParseInt("0"+whole, 10, 64)
	cents, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
	m := data.Money(euros*100 + cents)
	if neg {
		m = -m
	}
	return m, ""
}

// camtDigits reports whether s holds only ASCII digits (true when
// empty): strconv would also take a sign or an underscore.
func camtDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// camtNode is an XML element, named by its local name only: the CAMT
// versions differ by namespace (camt.053.001.02 to .08), and the paths
// read here are the same in all. A statement is a few hundred kilobytes
// at most, so it is read whole into a tree.
type camtNode struct {
	name     string
	attrs    []xml.Attr
	chars    []byte
	children []*camtNode
	line     int // where the element starts, for messages
}

// parseCAMTTree reads a whole XML document. On an error, line is where
// the decoder stopped.
func parseCAMTTree(b []byte) (root *camtNode, line int, err error) {
	d := xml.NewDecoder(bytes.NewReader(camtUTF8(b)))
	d.CharsetReader = camtCharsetReader
	var t camtTreeBuilder
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err == nil {
			line, _ = d.InputPos()
			err = t.add(tok, line)
		}
		if err != nil {
			line, _ = d.InputPos()
			return nil, line, err
		}
	}
	if t.root == nil {
		return nil, 0, errors.New("no XML element")
	}
	return t.root, 0, nil
}

// camtTreeBuilder builds the tree from the decoder's tokens.
type camtTreeBuilder struct {
	root *camtNode
	open []*camtNode
}

// add puts a token in the tree; line is where the decoder is.
func (t *camtTreeBuilder) add(tok xml.Token, line int) error {
	switch tok := tok.(type) {
	case xml.StartElement:
		n := &camtNode{name: tok.Name.Local, attrs: tok.Attr, line: line}
		switch {
		case len(t.open) > 0:
			parent := t.open[len(t.open)-1]
			parent.children = append(parent.children, n)
		case t.root != nil:
			return errors.New("more than one root element")
		default:
			t.root = n
		}
		t.open = append(t.open, n)
	case xml.EndElement:
		t.open = t.open[:len(t.open)-1] // the decoder has checked it matches
	case xml.CharData:
		if len(t.open) > 0 {
			top := t.open[len(t.open)-1]
			top.chars = append(top.chars, tok...) // copied: the decoder reuses its buffer
		}
	}
	return nil
}

// camtUTF8 turns a file that is not UTF-8 but says it is (or says
// nothing, which in XML means UTF-8) into UTF-8: some banks' exports
// write their accents in Windows-1252 all the same. A file that names
// another encoding is left for the CharsetReader.
func camtUTF8(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if utf8.Valid(b) {
		return b
	}
	prolog, _, _ := bytes.Cut(b, []byte("?>"))
	if bytes.HasPrefix(prolog, []byte("<?xml")) && bytes.Contains(prolog, []byte("encoding")) &&
		!bytes.Contains(bytes.ToLower(prolog), []byte("utf-8")) {
		return b
	}
	text, _, err := imports.DecodeText(b)
	if err != nil {
		return b // the decoder will say where it fails
	}
	return []byte(text)
}

// camtCharsetReader decodes the legacy encodings an XML declaration may
// name; UTF-8 itself never reaches here.
func camtCharsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1":
		return charmap.ISO8859_1.NewDecoder().Reader(r), nil
	case "iso-8859-15", "iso8859-15", "latin9", "latin-9":
		return charmap.ISO8859_15.NewDecoder().Reader(r), nil
	case "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(r), nil
	case "utf-16", "utf-16le", "utf-16be":
		return r, nil // camtUTF8 has already decoded it
	}
	return nil, fmt.Errorf("unsupported encoding %q", label)
}

// all is every element at path below n ("NtryDtls/TxDtls"), in document
// order. A nil node has none, so that lookups chain without checks.
func (n *camtNode) all(path string) []*camtNode {
	if n == nil {
		return nil
	}
	level := []*camtNode{n}
	for step := range strings.SplitSeq(path, "/") {
		var next []*camtNode
		for _, p := range level {
			for _, c := range p.children {
				if c.name == step {
					next = append(next, c)
				}
			}
		}
		level = next
	}
	return level
}

// first is the first element at path below n, or nil.
func (n *camtNode) first(path string) *camtNode {
	if all := n.all(path); len(all) > 0 {
		return all[0]
	}
	return nil
}

// text is the trimmed text of the first element at path ("" for n
// itself), "" when there is none.
func (n *camtNode) text(path string) string {
	if path != "" {
		n = n.first(path)
	}
	if n == nil {
		return ""
	}
	return strings.TrimSpace(string(n.chars))
}

// attr is the value of an attribute, by local name.
func (n *camtNode) attr(local string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.attrs {
		if a.Name.Local == local {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}
