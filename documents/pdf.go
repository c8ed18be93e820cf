package documents

import (
	"fmt"
	"math"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// The PDF documents are laid out here, then drawn by maroto: this layer
// measures every line with the font's own widths, cuts the pages itself
// (so that a table's header is repeated at the top of each page it runs
// onto, and a caption is never left alone at the bottom of one), and
// hands maroto pages of fixed-height rows.

// A4 page geometry, in millimetres.
const (
	pageWidth    = 210.0
	pageHeight   = 297.0
	marginLeft   = 20.0
	marginRight  = 15.0
	marginTop    = 12.0
	marginBottom = 8.0
	contentWidth = pageWidth - marginLeft - marginRight
	// gridPerMM: a grid column is a tenth of a millimetre, so that columns
	// (table cells, the envelope window) fall where they are measured.
	gridPerMM = 10
	gridWidth = int(contentWidth * gridPerMM)
	// footerHeight is the band of the legal mentions at the bottom of each page.
	footerHeight = 12.0
	// pageSlack keeps a page's rows a hair shorter than the page, so that
	// rounding never pushes the last one onto a page of its own.
	pageSlack = 1.0 / 16
)

// Type sizes in points and line heights in millimetres.
const (
	sizeBody  = 10.0
	sizeSmall = 8.5
	sizeTiny  = 7.0
	sizeTitle = 12.0
	leading   = 1.42 // line height over type size
)

// Colours.
var (
	colorText  = &props.Color{Red: 25, Green: 25, Blue: 25}
	colorMuted = &props.Color{Red: 95, Green: 95, Blue: 95}
	colorRule  = &props.Color{Red: 150, Green: 150, Blue: 150}
	colorShade = &props.Color{Red: 238, Green: 238, Blue: 238}
	colorLight = &props.Color{Red: 250, Green: 250, Blue: 250}
)

// band is one horizontal strip of a page: a row of a known height.
type band struct {
	height float64
	make   func() core.Row
	// keep: this band stays on the page of the next one (a caption, a
	// table header, a heading).
	keep bool
	// header, when set, is drawn first on a page this band starts (the
	// header of the table the band belongs to).
	header *band
	// newPage starts a page before the band (an annex).
	newPage bool
}

// pdfDoc is a document being laid out: its bands, the faces it uses and
// the lines of its footer.
type pdfDoc struct {
	bands  []band
	used   [styleCount]bool
	footer []string
	// pageLabel writes "page n of N" in the document's language ("" for
	// none); shown when the document has several pages.
	pageLabel func(n, total int) string
	title     string
	author    string
	date      time.Time
	// dropped hears of the characters left out for want of a glyph
	// (Context.Dropped); nil when nobody asked.
	dropped *DroppedRunes
}

// newPDFDoc starts a document.
func newPDFDoc(title, author string, date time.Time) *pdfDoc {
	return &pdfDoc{title: title, author: author, date: date}
}

// add appends bands.
func (d *pdfDoc) add(b ...band) { d.bands = append(d.bands, b...) }

// space adds an empty band.
func (d *pdfDoc) space(h float64) { d.add(fixedBand(h, nil, nil)) }

// fixedBand is a band of height h (rounded to 1/256 mm) holding comps in
// one full-width column, styled (framed) when style is set.
//
// Heights are binary fractions so that the PDF writer adds them up without
// rounding: maroto fills each page to its exact height, and the writer
// starts a new page as soon as a row ends past the bottom, so a page that
// sums to a hair more than its height would be followed by a blank one.
func fixedBand(h float64, comps []core.Component, style *props.Cell) band {
	h = quantize(h)
	return band{height: h, make: func() core.Row {
		return row.New(h).Add(col.New(gridWidth).Add(comps...).WithStyle(style))
	}}
}

// quantize rounds a height to a multiple of 1/256 mm.
func quantize(h float64) float64 { return math.Round(h*256) / 256 }

// txt is one piece of text to place in a band.
type txt struct {
	s     string
	x, y  float64 // offset from the band's left edge and top, mm
	w     float64 // the width it is aligned in (right, centre); 0: to the band's end
	style pdfStyle
	size  float64
	align align.Type
	color *props.Color
}

// component turns a piece of text into a maroto text placed in a
// full-width column. The text is already measured to fit: maroto then
// draws it on one line.
func (d *pdfDoc) component(t txt) core.Component {
	d.used[t.style] = true
	p := props.Text{Left: t.x, Top: t.y, Family: fontFamily, Style: styleMaroto[t.style], Size: t.size,
		Align: t.align, Color: t.color}
	if p.Size == 0 {
		p.Size = sizeBody
	}
	if p.Align == "" {
		p.Align = align.Left
	}
	if p.Color == nil {
		p.Color = colorText
	}
	if t.w > 0 {
		p.Right = max(contentWidth-t.x-t.w, 0)
	}
	return text.New(printable(t.s, d.dropped), p)
}

// lineBand is a band of texts over the full width.
func (d *pdfDoc) lineBand(h float64, texts ...txt) band {
	comps := make([]core.Component, len(texts))
	for i, t := range texts {
		comps[i] = d.component(t)
	}
	return fixedBand(h, comps, nil)
}

// lineHeight is the height of a line of text of the given size.
func lineHeight(size float64) float64 { return size * mmPerPoint * leading }

// baseline places text vertically in a line of height h: the offset of the
// text's top so that it sits in the middle of the line.
func baseline(size, h float64) float64 { return h*0.74 - size*mmPerPoint }

// paginate cuts the bands into pages of at most avail millimetres,
// keeping kept bands with the next and repeating table headers.
func paginate(bands []band, avail float64) [][]band {
	var pages [][]band
	var cur []band
	h := 0.0
	for i := 0; i < len(bands); i++ {
		b := bands[i]
		need := keptHeight(bands, i)
		if len(cur) > 0 && (b.newPage || h+need > avail) {
			pages = append(pages, cur)
			cur, h = nil, 0
			if b.header != nil {
				cur, h = append(cur, *b.header), b.header.height
			}
		}
		cur = append(cur, b)
		h += b.height
	}
	if len(cur) > 0 {
		pages = append(pages, cur)
	}
	return pages
}

// keptHeight is the height of band i and of the bands it keeps with it.
func keptHeight(bands []band, i int) float64 {
	h := bands[i].height
	for j := i; j+1 < len(bands) && bands[j].keep; j++ {
		h += bands[j+1].height
	}
	return h
}

// availHeight is the room for bands on a page: all but the margins and
// the footer.
func availHeight() float64 { return pageHeight - marginTop - marginBottom - footerHeight - pageSlack }

// render draws the document: its pages, each closed by the footer.
func (d *pdfDoc) render() ([]byte, error) {
	pages := paginate(d.bands, availHeight())
	rowPages := make([][]core.Row, len(pages))
	for i, p := range pages {
		rows := make([]core.Row, 0, len(p)+3)
		used := 0.0
		for _, b := range p {
			rows = append(rows, b.make())
			used += b.height
		}
		if filler := availHeight() - used; filler > 0 {
			rows = append(rows, row.New(filler).Add(col.New(gridWidth)))
		}
		rowPages[i] = append(rows, d.footerRows(i+1, len(pages))...)
	}
	return d.write(letterPage, rowPages)
}

// pageGeometry is a page's margins and grid.
type pageGeometry struct {
	left, right, top, bottom float64
	grid                     int
}

// letterPage is the geometry of the letters.
var letterPage = pageGeometry{left: marginLeft, right: marginRight, top: marginTop, bottom: marginBottom, grid: gridWidth}

// write hands pages of rows (each summing to the page's height, less
// pageSlack) to maroto and returns the PDF.
func (d *pdfDoc) write(g pageGeometry, pages [][]core.Row) ([]byte, error) {
	cfg := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithLeftMargin(g.left).WithRightMargin(g.right).
		WithTopMargin(g.top).WithBottomMargin(g.bottom).
		WithMaxGridSize(g.grid).
		WithCustomFonts(customFonts(d.used)).
		WithDefaultFont(&props.Font{Family: fontFamily, Size: sizeBody, Color: colorText}).
		WithCompression(true).
		WithTitle(d.title, true).
		WithAuthor(d.author, true).
		WithCreator("Relance", true).
		WithCreationDate(d.date).
		Build()
	m := maroto.New(cfg)
	for _, rows := range pages {
		m.AddPages(page.New().Add(rows...))
	}
	doc, err := m.Generate()
	if err != nil {
		return nil, fmt.Errorf("write PDF: %w", err)
	}
	return doc.GetBytes(), nil
}

// footerRows are the legal mentions of the company, small and centred
// under a rule, with the page number above the rule when there are several
// pages. They take exactly footerHeight.
func (d *pdfDoc) footerRows(n, total int) []core.Row {
	lh := lineHeight(sizeTiny)
	textHeight := quantize(lh*float64(len(d.footer)) + 1)
	ruleRow := footerHeight - textHeight
	var label []core.Component
	if total > 1 && d.pageLabel != nil {
		label = append(label, d.component(txt{s: d.pageLabel(n, total), y: ruleRow - lh - 0.6 + baseline(sizeTiny, lh),
			size: sizeTiny, align: align.Right, color: colorMuted}))
	}
	var comps []core.Component
	for i, line := range d.footer {
		comps = append(comps, d.component(txt{s: line, y: 0.8 + float64(i)*lh + baseline(sizeTiny, lh), size: sizeTiny,
			align: align.Center, color: colorMuted}))
	}
	return []core.Row{
		row.New(ruleRow).Add(col.New(gridWidth).Add(label...).WithStyle(ruleStyle(border.Bottom))),
		row.New(textHeight).Add(col.New(gridWidth).Add(comps...)),
	}
}

// ruleStyle draws a thin grey rule on the given sides of a cell.
func ruleStyle(sides border.Type) *props.Cell {
	return &props.Cell{BorderType: sides, BorderColor: colorRule, BorderThickness: 0.2}
}
