package fec

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"relance/data"
	"relance/data/imports"
)

// Options tune Read. The zero value reads the accounts of the French
// chart of accounts that hold what clients owe.
type Options struct {
	// Accounts are the prefixes of the receivable accounts: a line is read
	// when its CompteNum starts with one of them. Empty: "411" (clients)
	// and "416" (doubtful clients, the very ones to chase).
	Accounts []string
}

func (o Options) prefixes() [][]byte {
	var out [][]byte
	for _, p := range o.Accounts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, []byte(p))
		}
	}
	if len(out) == 0 {
		out = [][]byte{[]byte("411"), []byte("416")}
	}
	return out
}

const (
	// peekSize is the start of the file the legacy encoding is told from.
	peekSize = 64 << 10
	// maxLine is the longest line read: a FEC line is a few hundred bytes,
	// a longer one is no FEC line and is not held whole.
	maxLine = 1 << 20
	// maxProblems bounds the problems listed: a file wrong on every one of
	// its million lines (dates written 31/01/2026) says so in the first
	// ten thousand, and listing them all would cost a hundred megabytes.
	maxProblems = 10_000
	// maxCachedDates bounds the dates remembered: a year has 366 days, so
	// the cache saves parsing two dates a line, and the bound keeps a file
	// of random dates from growing it without end.
	maxCachedDates = 1 << 14
	bomUTF8        = "\xEF\xBB\xBF"
)

// Read reads a FEC into the open receivables it holds; name is the file's
// base name, for the problems. The error is for I/O failures only: every
// fault of the file is a Problem of the Batch, with its line, the column
// as the header writes it, the field and the reason (the first 10,000 of
// them). A header that lacks a column the reader needs gives one problem
// per such column, on the header line, and nothing more is read.
//
// Only the lines of the receivable accounts (Options.Accounts) are kept;
// their client is the auxiliary account (CompAuxNum), or the account
// itself when the file has no sub-ledger. The Batch lists, in the order
// the file first names them, the clients that owe or are owed, with their
// Balances (debits less credits of their receivable lines); the invoices
// still open, each with its amount, what is left of it (Outstanding) and
// the payments applied to it; and the credit notes applied to them. A
// debit line is (part of) an invoice, a credit line a payment or a credit
// note: a credit booked in a sales journal (one holding more receivable
// debits than credits, à-nouveaux aside) or labelled "avoir" is a credit
// note, any other a payment. Credits are netted within their lettrage
// group first, then against the invoice their PieceRef names, then
// against the oldest invoices (article 1342-10 of the Code civil), so
// that the open invoices of a client add up to its balance, and a client
// in credit has none.
func Read(name string, r io.Reader, opts Options) (imports.Batch, error) {
	rd := &reader{name: name, prefixes: opts.prefixes(), book: newLedger(), dates: map[string]data.Date{}}
	rd.out = imports.Batch{Kind: imports.KindFEC, Files: []string{name}, Balances: map[string]data.Money{}}
	src, err := rd.open(r)
	if err != nil {
		return imports.Batch{}, fmt.Errorf("read FEC %s: %w", name, err)
	}
	if src == nil {
		return rd.out, nil
	}
	ok, err := rd.readHeader(src)
	if err == nil && ok {
		err = rd.readBody(src)
	}
	if err != nil {
		return imports.Batch{}, fmt.Errorf("read FEC %s line %d: %w", name, src.n+1, err)
	}
	if ok {
		rd.book.settle(&rd.out)
		disambiguate(&rd.out)
	}
	return rd.out, nil
}

// reader is one reading of a file.
type reader struct {
	name     string
	prefixes [][]byte
	legacy   imports.Encoding // of the lines that are not UTF-8
	head     header
	fields   [][]byte             // the current line's, reused
	dates    map[string]data.Date // YYYYMMDD already read: lines share few dates
	book     ledger
	out      imports.Batch
}

// open looks at the file's start: UTF-16 or binary content is refused as
// a whole, a UTF-8 BOM is skipped, and the encoding of the lines that are
// not UTF-8 is picked. A nil source: the file was refused.
func (rd *reader) open(r io.Reader) (*lineSource, error) {
	br := bufio.NewReaderSize(r, peekSize)
	head, err := br.Peek(peekSize)
	if err != nil && err != io.EOF {
		return nil, err
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) || bytes.IndexByte(head, 0) >= 0 {
		rd.out.Report(rd.name, 0, "", "file", data.ReasonEncoding, "")
		return nil, nil
	}
	rd.legacy = imports.LegacyEncoding(bytes.TrimPrefix(head, []byte(bomUTF8)))
	if bytes.HasPrefix(head, []byte(bomUTF8)) {
		_, _ = br.Discard(len(bomUTF8)) // peeked: cannot fail
	}
	return &lineSource{br: br}, nil
}

// readHeader reads the first line that is not blank as the header; false
// when it is not the header of a FEC, which the problems say.
func (rd *reader) readHeader(src *lineSource) (bool, error) {
	for {
		line, _, err := src.next()
		if err == io.EOF {
			rd.out.Report(rd.name, 0, "", "file", data.ReasonFileFormat, "")
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if len(bytes.TrimSpace(line)) > 0 {
			return rd.useHeader(src.n, imports.DecodeLine(line, rd.legacy)), nil
		}
	}
}

func (rd *reader) useHeader(n int, text string) bool {
	h, ok := parseHeader(text)
	if !ok {
		rd.out.Report(rd.name, n, "", "file", data.ReasonFileFormat, clip(text))
		return false
	}
	missing := h.missing()
	for _, c := range missing {
		rd.out.Report(rd.name, n, "", c.name(), data.ReasonMissingColumn, "")
	}
	rd.head = h
	return len(missing) == 0
}

func (rd *reader) readBody(src *lineSource) error {
	for {
		line, tooLong, err := src.next()
		switch {
		case err == io.EOF:
			return nil
		case err != nil:
			return err
		case tooLong:
			rd.out.Rows++
			rd.report(src.n, "", "line", data.ReasonTooLong, "")
		case !rd.blank(line):
			rd.readLine(src.n, line)
		}
	}
}

// blank tells an empty line, or one of spaces and separators only.
func (rd *reader) blank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != rd.head.sep {
			return false
		}
	}
	return true
}

// readLine checks what every line of a FEC must have right (its fields,
// date and amounts) and keeps the receivable ones.
func (rd *reader) readLine(n int, line []byte) {
	rd.out.Rows++
	f, ok := rd.split(n, line)
	if !ok {
		return
	}
	date, dateOK := rd.date(n, f, colEcritureDate, "entry_date")
	amount, amountOK := rd.amount(n, f)
	if !rd.receivable(rd.get(f, colCompteNum)) {
		return
	}
	e, ok := rd.entry(n, f, date, amount)
	if ok && dateOK && amountOK && amount != 0 {
		rd.keep(n, f, e)
	}
}

// split cuts a line into its fields, which must be as many as the
// header's; extra empty ones (a trailing separator) are let through.
func (rd *reader) split(n int, line []byte) ([][]byte, bool) {
	f := rd.fields[:0]
	for {
		i := bytes.IndexByte(line, rd.head.sep)
		if i < 0 {
			f = append(f, line)
			break
		}
		f = append(f, line[:i])
		line = line[i+1:]
	}
	rd.fields = f
	for len(f) > rd.head.width && len(bytes.TrimSpace(f[len(f)-1])) == 0 {
		f = f[:len(f)-1]
	}
	if len(f) != rd.head.width {
		rd.report(n, "", "line", data.ReasonColumnCount, strconv.Itoa(len(f)))
		return nil, false
	}
	return f, true
}

// get is a column's field, trimmed; nil when the file has no such column.
func (rd *reader) get(f [][]byte, c column) []byte {
	i := rd.head.at[c]
	if i < 0 {
		return nil
	}
	return trimField(f[i])
}

func (rd *reader) receivable(account []byte) bool {
	for _, p := range rd.prefixes {
		if bytes.HasPrefix(account, p) {
			return true
		}
	}
	return false
}

// text is a field in UTF-8, a string of its own.
func (rd *reader) text(raw []byte) string { return imports.DecodeLine(raw, rd.legacy) }

// report records a problem, up to maxProblems.
func (rd *reader) report(n int, column, field string, reason data.Reason, value string) {
	if len(rd.out.Problems) < maxProblems {
		rd.out.Report(rd.name, n, column, field, reason, value)
	}
}

// fault records a problem of a column's field.
func (rd *reader) fault(n int, c column, field string, reason data.Reason, raw []byte) {
	if len(rd.out.Problems) < maxProblems {
		rd.report(n, rd.head.names[rd.head.at[c]], field, reason, clip(rd.text(raw)))
	}
}
