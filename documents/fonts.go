package documents

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/phpdave11/gofpdf"
	"golang.org/x/image/font/sfnt"

	"relance/assets"
)

// The letters are set in Liberation Sans (assets/fonts, SIL OFL 1.1), embedded
// in the PDF as a UTF-8 TrueType subset: accents, €, œ, « », and the
// no-break spaces of French amounts print as typed. gofpdf's precompiled
// Windows-1252 fonts (MakeFont) would parse faster but cannot draw the
// narrow no-break space U+202F of French amounts ("1 250,00 €") nor a
// client's name in Polish or Czech (ł, ő, č lie outside that code page):
// the faces stay UTF-8, and the PDF writer is patched to parse them once
// per process (customFonts).

// fontFamily is the name the PDF writer knows the embedded family by.
const fontFamily = "liberation"

// pdfStyle is one of the family's four faces.
type pdfStyle int

// The four faces.
const (
	styleRegular pdfStyle = iota
	styleBold
	styleItalic
	styleBoldItalic
	styleCount
)

var (
	styleFiles  = [styleCount][]byte{assets.FontRegular, assets.FontBold, assets.FontItalic, assets.FontBoldItalic}
	styleMaroto = [styleCount]fontstyle.Type{fontstyle.Normal, fontstyle.Bold, fontstyle.Italic, fontstyle.BoldItalic}
)

// mmPerPoint converts a font size in points to millimetres, as the PDF
// writer does (its scale factor for mm is 72/25.4).
const mmPerPoint = 1 / (72.0 / 25.4)

// fontMetrics are the advance widths of the faces, per rune of the Basic
// Multilingual Plane, in thousandths of an em as the PDF writer counts
// them; 0 means the face has no glyph for the rune.
type fontMetrics struct {
	widths [styleCount][]uint16
}

// metrics reads the faces once per process: the PDF writer's own widths
// (so that a line measured here fits where it draws it) for the runes the
// font's character map holds.
var metrics = sync.OnceValue(loadMetrics)

func loadMetrics() *fontMetrics {
	m := &fontMetrics{}
	pdf := gofpdf.New("P", "mm", "A4", "")
	for st := range styleCount {
		pdf.AddUTF8FontFromBytes(fontFamily, string(styleMaroto[st]), styleFiles[st])
		pdf.SetFont(fontFamily, string(styleMaroto[st]), 1000)
		f, err := sfnt.Parse(styleFiles[st])
		if err != nil || pdf.Err() {
			panic("documents: embedded font unreadable") // a broken build, not a runtime condition
		}
		var buf sfnt.Buffer
		w := make([]uint16, 0x10000)
		for r := rune(0x20); r < 0x10000; r++ {
			if r >= 0xD800 && r < 0xE000 {
				continue
			}
			if gi, err := f.GlyphIndex(&buf, r); err == nil && gi != 0 {
				w[r] = uint16(max(pdf.GetStringSymbolWidth(string(r)), 1))
			}
		}
		m.widths[st] = w
	}
	return m
}

// width is the width of s in millimetres, set in style at size points,
// computed as the PDF writer computes it.
func (m *fontMetrics) width(st pdfStyle, size float64, s string) float64 {
	w := 0
	table := m.widths[st]
	for _, r := range s {
		if r < 0x10000 {
			w += int(table[r])
		}
	}
	fontSize := size * mmPerPoint
	return float64(w) * fontSize / 1000
}

// textWidth is width with the process's metrics.
func textWidth(st pdfStyle, size float64, s string) float64 {
	return metrics().width(st, size, s)
}

// glyphFallbacks replace runes the font lacks (or that would not print) by
// the nearest it has.
var glyphFallbacks = map[rune]string{
	'\t': " ", '\u2009': "\u202f", '\u200a': "\u202f", '\u2007': "\u00a0", '\u200b': "",
	'\u2212': "-", '\u2010': "-", '\u2011': "-", '\u2192': "->", '\u2713': "x", '\u2714': "x",
}

// printable makes s safe to draw: every rune the font has stays, known
// look-alikes replace the others (substitute), and anything else (an
// emoji) is left out rather than drawn as "?" or an empty box (or, for the
// PDF writer, an index out of its tables); dropped, when not nil, hears of
// each rune left out so that the owner can be told. Line breaks stay: the
// text flow breaks lines there.
func printable(s string, dropped ...*DroppedRunes) string {
	return cleanText(s, func(r rune) {
		for _, d := range dropped {
			d.add(r)
		}
	})
}

// substitute is printable keeping the runes the font lacks: text that is
// measured and cut into lines before it is drawn keeps them until the
// drawing, which leaves them out and says so (they measure 0 wide).
func substitute(s string) string { return cleanText(s, nil) }

// cleanText replaces what the font lacks by its look-alike; a rune with
// none goes to drop, or stays when drop is nil.
func cleanText(s string, drop func(rune)) string {
	table := metrics().widths[styleRegular]
	ok := true
	for _, r := range s {
		if r != '\n' && (r >= 0x10000 || table[r] == 0) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r < 0x10000 && table[r] != 0:
			b.WriteRune(r)
		case glyphFallbacks[r] != "" || r == '\u200b':
			b.WriteString(glyphFallbacks[r])
		case r < 0x20:
			b.WriteByte(' ')
		case drop == nil:
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r) || r == '\ufe0f' || r == '\u200d':
			// a combining mark, an emoji variation selector or joiner:
			// nothing to see on its own
		default:
			drop(r)
		}
	}
	return b.String()
}

// DroppedRunes collects the characters a PDF left out because its font
// has no glyph for them (an emoji in a client's name, say). A caller that
// sets Context.Dropped reads them after the PDF is made and warns the
// owner. Safe for concurrent use.
type DroppedRunes struct {
	mu  sync.Mutex
	set map[rune]bool
}

func (d *DroppedRunes) add(r rune) {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.set == nil {
		d.set = map[rune]bool{}
	}
	d.set[r] = true
}

// Runes are the characters left out, in code point order.
func (d *DroppedRunes) Runes() []rune {
	if d == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]rune, 0, len(d.set))
	for r := range d.set {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// customFonts are the faces a document uses, for the PDF writer's config:
// each registered face adds a subset of it to the file, so only the used
// ones are.
//
// maroto hands these bytes to gofpdf for every document it makes; the
// patched gofpdf (documents/gofpdf, through a replace in go.mod) parses
// each face once per process, keyed by a hash of its bytes, and reuses the
// subsets it cut for the same characters, so registering them again costs
// a hash of the bytes, not a parse. A package-level maroto repository would
// not help: maroto registers the fonts anew with each document's writer
// whatever holds them. Both caches are safe for letters made at once from
// several goroutines.
func customFonts(used [styleCount]bool) []*entity.CustomFont {
	var out []*entity.CustomFont
	for st := range styleCount {
		if used[st] || st == styleRegular {
			out = append(out, &entity.CustomFont{Family: fontFamily, Style: styleMaroto[st], Bytes: styleFiles[st]})
		}
	}
	return out
}
