package documents

import (
	"html"
	"strings"
	"unicode"
)

// Rendered is a message ready to send or print.
type Rendered struct {
	Subject string // one line, no control characters (safe in a mail header)
	Text    string // plain text: paragraphs, tables as aligned text
	HTML    string // an HTML email body: values escaped, inline styles only
	Body    *Template
	Values  map[string]string
	// Paragraphs are the body's paragraphs filled in, in order, without
	// those left empty (a field or a block with nothing to say, such as the
	// B2B penalty terms for a consumer): what a letter prints.
	Paragraphs []Filled
}

// Filled is one paragraph of a rendered body: text, or a block (a table the
// caller may draw itself from the Context; Text is its text form).
type Filled struct {
	Block string
	Text  string
}

// Parts of a message, as PartError names them.
const (
	PartSubject = "subject"
	PartBody    = "body"
)

// PartError is a template error in one part of a message (subject or
// body); errors.As finds the TemplateError under it.
type PartError struct {
	Part string
	Err  *TemplateError
}

func (e *PartError) Error() string { return e.Part + ": " + e.Err.Error() }

// Unwrap gives the TemplateError.
func (e *PartError) Unwrap() error { return e.Err }

// Check parses a subject and a body the way Render does, without filling
// them: the editor calls it on every keystroke. The error is a *PartError.
func Check(subject, body string) (*Template, error) {
	if _, err := parseSubject(subject); err != nil {
		return nil, err
	}
	t, err := Parse(body)
	if err != nil {
		return nil, partError(PartBody, err)
	}
	return t, nil
}

// Render parses subject and body (errors carry their part and position),
// then fills them for c. Text is plain text with the tables as aligned
// text; HTML is an email body where every value and every character of the
// template is escaped, the tables are HTML tables with inline styles, and
// nothing can run or load (no scripts, no links, no external resources).
func Render(subject, body string, c *Context) (Rendered, error) {
	subj, err := parseSubject(subject)
	if err != nil {
		return Rendered{}, err
	}
	t, err := Parse(body)
	if err != nil {
		return Rendered{}, partError(PartBody, err)
	}
	if c == nil {
		c = &Context{}
	}
	r := Rendered{Body: t, Values: c.Values()}
	r.Subject = oneLine(subj.Text(r.Values, func(string) string { return "" }))
	r.Paragraphs = fillParagraphs(t, r.Values, c)
	texts := make([]string, len(r.Paragraphs))
	for i, p := range r.Paragraphs {
		texts[i] = p.Text
	}
	r.Text = strings.Join(texts, "\n\n")
	r.HTML = htmlBody(r.Paragraphs, c)
	return r, nil
}

// parseSubject parses a subject, which may not hold a table.
func parseSubject(subject string) (*Template, error) {
	t, err := Parse(subject)
	if err != nil {
		return nil, partError(PartSubject, err)
	}
	for i, line := range strings.Split(subject, "\n") {
		if name, ok := blockLine(strings.TrimSpace(line)); ok {
			col := len([]rune(line[:strings.Index(line, "{{")])) + 1
			return nil, &PartError{Part: PartSubject, Err: &TemplateError{Line: i + 1, Col: col, Name: name, Reason: ErrBlockInline}}
		}
	}
	return t, nil
}

func partError(part string, err error) error {
	if te, ok := err.(*TemplateError); ok {
		return &PartError{Part: part, Err: te}
	}
	return err
}

// oneLine turns a subject into one header-safe line: line breaks, tabs and
// other control characters become spaces, runs of spaces one.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' }), " ")
}

// fillParagraphs fills the body's paragraphs. A section whose condition
// does not hold vanishes; a line left blank (made only of fields with
// nothing to say, such as a signatory role never entered, or of a hidden
// section) is dropped, and so is a paragraph left empty (the B2B penalty
// terms for a consumer).
func fillParagraphs(t *Template, values map[string]string, c *Context) []Filled {
	var out []Filled
	for _, p := range t.Paragraphs {
		if p.Block != "" {
			if text := BlockText(p.Block, c); text != "" {
				out = append(out, Filled{Block: p.Block, Text: text})
			}
			continue
		}
		if text := fillLines(p.Parts, values); text != "" {
			out = append(out, Filled{Text: text})
		}
	}
	return out
}

// fillLines fills a paragraph line by line ("\n" segments separate lines),
// without its hidden sections and its blank lines.
func fillLines(parts []Segment, values map[string]string) string {
	var lines []string
	var line strings.Builder
	flush := func() {
		if text := line.String(); strings.TrimSpace(text) != "" {
			lines = append(lines, text)
		}
		line.Reset()
	}
	for _, s := range Shown(parts, values) {
		switch {
		case s.Field != "":
			line.WriteString(values[s.Field])
		case s.Text == "\n":
			flush()
		default:
			line.WriteString(s.Text)
		}
	}
	flush()
	return strings.Join(lines, "\n")
}

// htmlBody is the email's HTML: one <p> per paragraph (line breaks as
// <br>), blocks as tables. Everything that comes from the template or the
// values goes through html.EscapeString.
func htmlBody(paras []Filled, c *Context) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"></head>` +
		`<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222222">`)
	for _, p := range paras {
		if p.Block != "" {
			b.WriteString(BlockHTML(p.Block, c))
			continue
		}
		b.WriteString(`<p style="margin:0 0 1em 0">`)
		b.WriteString(strings.ReplaceAll(html.EscapeString(p.Text), "\n", "<br>"))
		b.WriteString("</p>")
	}
	b.WriteString("</body></html>")
	return b.String()
}
