package documents

import (
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// Text flow: paragraphs are broken into lines here, with the font's
// widths, at plain spaces only (the no-break spaces of "1 250,00 €" or
// "Objet :" hold). A justified paragraph has its words placed one by one
// so that every line but the last fills the width; the last line, and any
// line ended by a line break, stays left-aligned (maroto's own justify
// would stretch them, and would stretch the no-break spaces too).

// flow says how a paragraph is set.
type flow struct {
	x, width float64 // left offset and width, mm; width 0: to the right margin
	style    pdfStyle
	size     float64
	justify  bool
	align    align.Type // when not justified: left (default), right or centre
	color    *props.Color
	keep     bool // keep every line with the next (a heading, a short block)
}

// wrapped is one line of a paragraph: its words, and whether it ends the
// paragraph or a forced line (then it is never stretched).
type wrapped struct {
	words []string
	last  bool
}

// paragraph lays s out and returns its bands, one per line.
func (d *pdfDoc) paragraph(s string, f flow) []band {
	if f.size == 0 {
		f.size = sizeBody
	}
	if f.width == 0 {
		f.width = contentWidth - f.x
	}
	lh := lineHeight(f.size)
	lines := wrapText(s, f.style, f.size, f.width)
	out := make([]band, 0, len(lines))
	for i, l := range lines {
		b := d.lineBand(lh, d.lineTexts(l, f, lh)...)
		// No line alone at the foot or the head of a page: the first line
		// stays with the second, the one before last with the last.
		n := len(lines)
		b.keep = i < n-1 && (f.keep || n <= 3 || i == 0 || i == n-2)
		out = append(out, b)
	}
	return out
}

// lineTexts places one line: the whole line at once, or word by word when
// it is justified.
func (d *pdfDoc) lineTexts(l wrapped, f flow, lh float64) []txt {
	y := baseline(f.size, lh)
	if !f.justify || l.last || len(l.words) < 2 {
		return []txt{{s: strings.Join(l.words, " "), x: f.x, y: y, w: f.width, style: f.style, size: f.size,
			align: f.align, color: f.color}}
	}
	total := 0.0
	widths := make([]float64, len(l.words))
	for i, w := range l.words {
		widths[i] = textWidth(f.style, f.size, w)
		total += widths[i]
	}
	gap := (f.width - total) / float64(len(l.words)-1)
	out := make([]txt, len(l.words))
	x := f.x
	for i, w := range l.words {
		out[i] = txt{s: w, x: x, y: y, style: f.style, size: f.size, color: f.color}
		x += widths[i] + gap
	}
	return out
}

// wrapText breaks s into lines of at most width millimetres. Line breaks
// in s are kept; runs of spaces count as one; a word wider than the line
// is cut.
func wrapText(s string, st pdfStyle, size, width float64) []wrapped {
	s = substitute(s)
	var out []wrapped
	space := textWidth(st, size, " ")
	for _, hard := range strings.Split(s, "\n") {
		var cur []string
		used := 0.0
		for _, word := range strings.Split(hard, " ") {
			if word == "" {
				continue
			}
			for _, piece := range cutWord(word, st, size, width) {
				w := textWidth(st, size, piece)
				if len(cur) > 0 && used+space+w > width {
					out = append(out, wrapped{words: cur})
					cur, used = nil, 0
				}
				if len(cur) > 0 {
					used += space
				}
				cur = append(cur, piece)
				used += w
			}
		}
		out = append(out, wrapped{words: cur, last: true})
	}
	return out
}

// cutWord splits a word wider than width into pieces that fit.
func cutWord(word string, st pdfStyle, size, width float64) []string {
	if textWidth(st, size, word) <= width {
		return []string{word}
	}
	var out []string
	var cur []rune
	for _, r := range word {
		if len(cur) > 0 && textWidth(st, size, string(append(cur, r))) > width {
			out = append(out, string(cur))
			cur = cur[:0]
		}
		cur = append(cur, r)
	}
	return append(out, string(cur))
}

// fitText shortens s with an ellipsis until it fits width.
func fitText(s string, st pdfStyle, size, width float64) string {
	s = substitute(s)
	if textWidth(st, size, s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && textWidth(st, size, string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + "…"
}
