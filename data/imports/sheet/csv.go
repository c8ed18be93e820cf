package sheet

import (
	"strings"
	"unicode/utf8"

	"relance/data"
	"relance/data/imports"
)

// record is one record of a file, a CSV line or a sheet row: its fields
// as written and the line it starts on.
type record struct {
	line   int
	fields []string
}

// separators are the field separators tried, in order of preference when
// two read a file equally well: French Excel writes ';', English tools
// ',', Excel's "Unicode text" TAB, and some accounting tools '|'.
var separators = []rune{';', ',', '\t', '|'}

// sampleRecords is how many records the separator is judged on.
const sampleRecords = 50

// openCSV decodes the text, finds the separator and splits the records.
func openCSV(name string, b []byte) Table {
	t := Table{Name: name, Kind: imports.KindCSV}
	text, enc, err := imports.DecodeText(b)
	t.Encoding = enc
	if err != nil {
		t.problem(0, "", "file", data.ReasonEncoding, "")
		return t
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n") // "CSV (Macintosh)" ends lines with CR alone
	t.Separator = guessSeparator(text)
	records := splitRecords(text, t.Separator, -1)
	t.fill(records, false)
	return t
}

// guessSeparator picks the separator that gives the header at least two
// fields and the most records with as many fields as the header (or as
// many once trailing empty fields are dropped: "a;b;c;" is three fields).
// ';' when none does: a file of one column.
func guessSeparator(text string) rune {
	best, bestScore, bestWidth := ';', 0, 0
	for _, sep := range separators {
		records := splitRecords(text, sep, sampleRecords)
		cells := make([][]string, len(records))
		for i, r := range records {
			cells[i] = r.fields
		}
		if len(cells) == 0 {
			continue
		}
		h := headerIndex(cells)
		width := len(trimTrailing(cells[h]))
		if width < 2 {
			continue
		}
		score := 0
		for _, c := range cells[h:] {
			if len(c) == width || len(trimTrailing(c)) == width {
				score++
			}
		}
		if score > bestScore || (score == bestScore && width > bestWidth) {
			best, bestScore, bestWidth = sep, score, width
		}
	}
	return best
}

// trimTrailing drops the empty fields at the end of a record.
func trimTrailing(fields []string) []string {
	n := len(fields)
	for n > 0 && strings.TrimSpace(fields[n-1]) == "" {
		n--
	}
	return fields[:n]
}

// splitRecords splits CSV text (lines ended by '\n') into records, at most
// limit of them (all when limit < 0). Quotes are respected: a field that
// starts with '"' (after spaces) runs to the closing quote, "" inside is a
// quote and newlines are kept; a quote elsewhere, or one never closed, is
// kept as it is.
// Records that hold nothing but separators and spaces are skipped.
func splitRecords(text string, sep rune, limit int) []record {
	var out []record
	p := csvParser{text: text, sep: sep, line: 1}
	for p.pos < len(p.text) && (limit < 0 || len(out) < limit) {
		start := p.line
		fields := p.record()
		if filled(fields) > 0 {
			out = append(out, record{line: start, fields: fields})
		}
	}
	return out
}

// csvParser walks CSV text.
type csvParser struct {
	text string
	pos  int
	line int
	sep  rune
}

// record reads fields up to the end of the line (or of the file).
func (p *csvParser) record() []string {
	var fields []string
	for {
		f, end := p.field()
		fields = append(fields, f)
		if end {
			return fields
		}
	}
}

// field reads one field and says whether it ended its record. A quote
// that is never closed is taken as a plain character: a stray quote typed
// in a cell must not swallow the rest of the file.
func (p *csvParser) field() (string, bool) {
	if q := p.quoteAhead(); q >= 0 {
		pos, line := p.pos, p.line
		p.pos = q + 1
		if f, end, closed := p.quoted(); closed {
			return f, end
		}
		p.pos, p.line = pos, line
	}
	return p.unquoted()
}

// unquoted reads up to the separator or the end of the line, quotes
// included as they are.
func (p *csvParser) unquoted() (string, bool) {
	var b strings.Builder
	for p.pos < len(p.text) {
		r, size := decodeRune(p.text[p.pos:])
		p.pos += size
		switch r {
		case '\n':
			p.line++
			return b.String(), true
		case p.sep:
			return b.String(), false
		}
		b.WriteRune(r)
	}
	return b.String(), true
}

// quoteAhead returns the position of a quote that opens the field, after
// spaces, or -1.
func (p *csvParser) quoteAhead() int {
	for i := p.pos; i < len(p.text); i++ {
		switch c := p.text[i]; {
		case c == '"':
			return i
		case (c == ' ' || c == '\t') && rune(c) != p.sep:
			continue
		default:
			return -1
		}
	}
	return -1
}

// quoted reads a quoted field from after its opening quote; what follows
// the closing quote up to the separator is kept too, as written. closed is
// false when the text ends before the closing quote.
func (p *csvParser) quoted() (field string, end, closed bool) {
	var b strings.Builder
	for p.pos < len(p.text) {
		c := p.text[p.pos]
		p.pos++
		switch {
		case c == '"' && p.pos < len(p.text) && p.text[p.pos] == '"':
			b.WriteByte('"')
			p.pos++
		case c == '"':
			rest, end := p.unquoted()
			return b.String() + rest, end, true
		default:
			if c == '\n' {
				p.line++
			}
			b.WriteByte(c)
		}
	}
	return b.String(), true, false
}

// decodeRune is utf8.DecodeRuneInString that always advances: decoded text
// is valid UTF-8, but a fuzzer's need not be.
func decodeRune(s string) (rune, int) {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return utf8.RuneError, 1
	}
	return r, size
}
