package documents

import (
	"cmp"
	"fmt"
	"strings"
)

// A template is the text of a letter or an email with placeholders the
// owner reads and inserts from a list: `{{client_name}}`, `{{due_date}}`.
// A placeholder alone on its line may be a block (`{{overdue_table}}`),
// which stands for a table. A section shows its text only when a field has
// something to say, `{{#bic}}BIC : {{bic}}{{/bic}}`, or only when it has
// nothing, `{{^client_siren}}...{{/client_siren}}` (the mustache notation):
// a sentence about the company's phone vanishes with the phone. A section
// opens and closes within one paragraph. Templates are data, never code:
// the only thing they can do is name a field.

// Template is a parsed template body (or subject): paragraphs made of text
// and fields, and block lines.
type Template struct {
	Paragraphs []Paragraph
}

// Paragraph is a run of lines separated from the next by a blank line, or
// a block placeholder standing alone.
type Paragraph struct {
	Block string    // set when the paragraph is a block placeholder
	Parts []Segment // the text, when not a block
}

// Segment is literal text, a field to fill, or the start or end of a
// section (Open or Close names the section's field).
type Segment struct {
	Text  string
	Field string
	// Open starts a section shown when the field Open is not empty (or,
	// with Inverted, when it is); Close ends it.
	Open     string
	Inverted bool
	Close    string
}

// TemplateError says what is wrong in a template and where (1-based line
// and column, in characters), so that the editor can point at it.
type TemplateError struct {
	Line, Col int
	Name      string // the placeholder, when known
	Reason    string // one of the Err* reasons below
}

func (e *TemplateError) Error() string {
	if e.Name != "" {
		return fmt.Sprintf("line %d, column %d: placeholder {{%s}}: %s", e.Line, e.Col, e.Name, e.Reason)
	}
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Col, e.Reason)
}

// Template error reasons.
const (
	ErrUnknownField = "unknown"      // no such field
	ErrUnclosed     = "unclosed"     // "{{" without "}}"
	ErrStrayClose   = "stray_close"  // "}}" without "{{"
	ErrBadName      = "bad_name"     // not a field name: letters, digits and _ only
	ErrBlockInline  = "block_inline" // a table placeholder inside a sentence
	// ErrSectionOpen: a section "{{#x}}" not closed by "{{/x}}" in its
	// paragraph; ErrSectionClose: "{{/x}}" that closes no open "{{#x}}".
	ErrSectionOpen  = "section_open"
	ErrSectionClose = "section_close"
)

// Parse reads a template, checking every placeholder against the known
// fields. It returns the first problem found with its position.
func Parse(text string) (*Template, error) {
	t := &Template{}
	var para []Segment
	var open sections
	flush := func() error {
		if err := open.unclosed(); err != nil {
			return err
		}
		if len(para) > 0 {
			t.Paragraphs = append(t.Paragraphs, Paragraph{Parts: para})
			para = nil
		}
		return nil
	}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		}
		if name, ok := blockLine(trimmed); ok {
			if err := flush(); err != nil {
				return nil, err
			}
			t.Paragraphs = append(t.Paragraphs, Paragraph{Block: name})
			continue
		}
		segs, err := parseLine(line, i+1, &open)
		if err != nil {
			return nil, err
		}
		if len(para) > 0 {
			para = append(para, Segment{Text: "\n"})
		}
		para = append(para, segs...)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return t, nil
}

// sections are the sections open in the paragraph being read, innermost
// last, with where each opened.
type sections []TemplateError

func (s *sections) push(name string, line, col int) {
	*s = append(*s, TemplateError{Line: line, Col: col, Name: name, Reason: ErrSectionOpen})
}

// pop closes the innermost section, which must be name's.
func (s *sections) pop(name string, line, col int) error {
	if n := len(*s); n > 0 && (*s)[n-1].Name == name {
		*s = (*s)[:n-1]
		return nil
	}
	return &TemplateError{Line: line, Col: col, Name: name, Reason: ErrSectionClose}
}

// unclosed is the innermost section left open at the end of a paragraph.
func (s *sections) unclosed() error {
	if n := len(*s); n > 0 {
		e := (*s)[n-1]
		*s = nil
		return &e
	}
	return nil
}

// blockLine reports whether a line is a block placeholder alone.
func blockLine(trimmed string) (string, bool) {
	if !strings.HasPrefix(trimmed, "{{") || !strings.HasSuffix(trimmed, "}}") {
		return "", false
	}
	name := strings.TrimSpace(trimmed[2 : len(trimmed)-2])
	f, ok := fieldByName[name]
	return name, ok && f.Block
}

// parseLine splits one line into text, fields and section marks.
func parseLine(line string, lineNo int, open *sections) ([]Segment, error) {
	var out []Segment
	runes := []rune(line)
	start := 0
	for i := 0; i < len(runes); i++ {
		switch {
		case hasAt(runes, i, "{{"):
			end := indexFrom(runes, i+2, "}}")
			if end < 0 {
				return nil, &TemplateError{Line: lineNo, Col: i + 1, Reason: ErrUnclosed}
			}
			seg, err := placeholder(strings.TrimSpace(string(runes[i+2:end])), lineNo, i+1, open)
			if err != nil {
				return nil, err
			}
			if start < i {
				out = append(out, Segment{Text: string(runes[start:i])})
			}
			out = append(out, seg)
			i = end + 1
			start = end + 2
		case hasAt(runes, i, "}}"):
			return nil, &TemplateError{Line: lineNo, Col: i + 1, Reason: ErrStrayClose}
		}
	}
	if start < len(runes) {
		out = append(out, Segment{Text: string(runes[start:])})
	}
	return out, nil
}

// placeholder reads what stands between "{{" and "}}": a field, or a
// section mark ("#x", "^x", "/x") over an inline field.
func placeholder(name string, line, col int, open *sections) (Segment, error) {
	mark := ""
	if name != "" && strings.ContainsRune("#^/", rune(name[0])) {
		mark, name = name[:1], strings.TrimSpace(name[1:])
	}
	if err := checkField(name, line, col); err != nil {
		return Segment{}, err
	}
	switch mark {
	case "#", "^":
		open.push(name, line, col)
		return Segment{Open: name, Inverted: mark == "^"}, nil
	case "/":
		return Segment{Close: name}, open.pop(name, line, col)
	}
	return Segment{Field: name}, nil
}

func checkField(name string, line, col int) error {
	if name == "" || strings.IndexFunc(name, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_')
	}) >= 0 {
		return &TemplateError{Line: line, Col: col, Name: name, Reason: ErrBadName}
	}
	f, ok := fieldByName[name]
	if !ok {
		return &TemplateError{Line: line, Col: col, Name: name, Reason: ErrUnknownField}
	}
	if f.Block {
		return &TemplateError{Line: line, Col: col, Name: name, Reason: ErrBlockInline}
	}
	return nil
}

func hasAt(r []rune, i int, s string) bool {
	return i+len(s) <= len(r) && string(r[i:i+len(s)]) == s
}

func indexFrom(r []rune, from int, s string) int {
	for i := from; i+len(s) <= len(r); i++ {
		if string(r[i:i+len(s)]) == s {
			return i
		}
	}
	return -1
}

// Fields returns the names of the fields a template uses, blocks included.
func (t *Template) Fields() []string {
	var out []string
	for _, p := range t.Paragraphs {
		if p.Block != "" {
			out = append(out, p.Block)
		}
		for _, s := range p.Parts {
			if name := cmp.Or(s.Field, s.Open); name != "" {
				out = append(out, name)
			}
		}
	}
	return out
}

// Text renders the template as plain text with the given values; blocks are
// drawn by block (which returns their text form).
func (t *Template) Text(values map[string]string, block func(name string) string) string {
	var b strings.Builder
	for i, p := range t.Paragraphs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		if p.Block != "" {
			b.WriteString(block(p.Block))
			continue
		}
		for _, s := range Shown(p.Parts, values) {
			if s.Field != "" {
				b.WriteString(values[s.Field])
			} else {
				b.WriteString(s.Text)
			}
		}
	}
	return b.String()
}

// Shown is what a paragraph shows for these values: its text and fields,
// without the sections whose condition does not hold nor any section
// mark. A line break inside a hidden section goes with it.
func Shown(parts []Segment, values map[string]string) []Segment {
	out := make([]Segment, 0, len(parts))
	hidden := 0 // how many sections around this point hide it
	for _, s := range parts {
		switch {
		case s.Open != "":
			if hidden > 0 || (values[s.Open] == "") != s.Inverted {
				hidden++
			}
		case s.Close != "":
			if hidden > 0 {
				hidden--
			}
		case hidden == 0:
			out = append(out, s)
		}
	}
	return out
}
