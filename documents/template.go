package documents

import (
	"fmt"
	"strings"
)

// A template is the text of a letter or an email with placeholders the
// owner reads and inserts from a list: `{{client_name}}`, `{{due_date}}`.
// A placeholder alone on its line may be a block (`{{overdue_table}}`),
// which stands for a table. Templates are data, never code: the only
// thing they can do is name a field.

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

// Segment is literal text or a field to fill.
type Segment struct {
	Text  string
	Field string
}

// TemplateError says what is wrong in a template and where (1-based line
// and column, in characters), so that the editor can point at it.
type TemplateError struct {
	Line, Col int
	Name      string // the placeholder, when known
	Reason    string // "unknown", "unclosed", "stray_close", "bad_name", "block_inline"
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
)

// Parse reads a template, checking every placeholder against the known
// fields. It returns the first problem found with its position.
func Parse(text string) (*Template, error) {
	t := &Template{}
	var para []Segment
	flush := func() {
		if len(para) > 0 {
			t.Paragraphs = append(t.Paragraphs, Paragraph{Parts: para})
			para = nil
		}
	}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			flush()
			continue
		}
		if name, ok := blockLine(trimmed); ok {
			flush()
			t.Paragraphs = append(t.Paragraphs, Paragraph{Block: name})
			continue
		}
		segs, err := parseLine(line, i+1)
		if err != nil {
			return nil, err
		}
		if len(para) > 0 {
			para = append(para, Segment{Text: "\n"})
		}
		para = append(para, segs...)
	}
	flush()
	return t, nil
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

// parseLine splits one line into text and fields.
func parseLine(line string, lineNo int) ([]Segment, error) {
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
			name := strings.TrimSpace(string(runes[i+2 : end]))
			if err := checkField(name, lineNo, i+1); err != nil {
				return nil, err
			}
			if start < i {
				out = append(out, Segment{Text: string(runes[start:i])})
			}
			out = append(out, Segment{Field: name})
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
			if s.Field != "" {
				out = append(out, s.Field)
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
		for _, s := range p.Parts {
			if s.Field != "" {
				b.WriteString(values[s.Field])
			} else {
				b.WriteString(s.Text)
			}
		}
	}
	return b.String()
}
