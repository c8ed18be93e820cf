package documents

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"relance/data"
)

// The calibration page shows where the letters put the recipient's
// address: the envelope window's rectangle at the configured offsets,
// with its dimensions, rulers along the top and left edges of the sheet,
// the folds of a DL envelope and a 100 mm bar to check that the printer
// did not scale the page. The owner prints it, folds it and holds it
// against an envelope.

// calibration page geometry: no margins, a grid of tenths of a millimetre.
var calibrationPage = pageGeometry{grid: int(pageWidth * gridPerMM)}

var calibrationWordings = map[string]map[string]string{
	"fr": frenchWordings(map[string]string{
		"title": "Calibrage de l'enveloppe à fenêtre",
		"steps": "1. Imprimez cette page à 100 % (sans « ajuster à la page »).\n" +
			"2. Vérifiez que le trait ci-dessous mesure 100 mm.\n" +
			"3. Pliez la feuille en trois aux repères « pli » et glissez-la dans une enveloppe à fenêtre.\n" +
			"4. Le cadre doit apparaître entier dans la fenêtre. Sinon, corrigez les décalages dans Réglages > Lettres.",
		"bar":    "Ce trait mesure 100 mm :",
		"window": "Fenêtre : {left} mm du bord gauche, {top} mm du haut, {width} × {height} mm",
		"fold":   "pli",
		"name":   "Nom du destinataire",
		"street": "Numéro et nom de la voie",
		"city":   "CODE POSTAL VILLE",
	}),
	"en": {
		"title": "Window envelope calibration",
		"steps": "1. Print this page at 100% (no \"fit to page\").\n" +
			"2. Check that the bar below is 100 mm long.\n" +
			"3. Fold the sheet in three at the \"fold\" marks and slip it into a window envelope.\n" +
			"4. The frame must show whole in the window. If not, correct the offsets in Settings > Letters.",
		"bar":    "This bar is 100 mm long:",
		"window": "Window: {left} mm from the left edge, {top} mm from the top, {width} × {height} mm",
		"fold":   "fold",
		"name":   "Recipient's name",
		"street": "Street number and name",
		"city":   "POSTCODE CITY",
	},
}

func calWord(lang, key string) string { return calibrationWordings[docLang(lang)][key] }

// box is a rectangle of a calibration row: a column at x, w wide (mm),
// with borders and texts.
type box struct {
	x, w  float64
	sides border.Type
	texts []core.Component
}

// CalibrationPage writes the envelope calibration page for the company's
// window (data.DefaultWindow when not set), in lang.
func CalibrationPage(co data.Company, lang string) ([]byte, error) {
	w := co.Window
	if w.WidthMM10 == 0 || w.HeightMM10 == 0 {
		w = data.DefaultWindow
	}
	cal := &calibration{doc: newPDFDoc(calWord(lang, "title"), co.LegalName, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)),
		lang: lang, left: float64(w.LeftMM10) / 10, top: float64(w.TopMM10) / 10,
		width: float64(w.WidthMM10) / 10, height: float64(w.HeightMM10) / 10}
	return cal.doc.write(calibrationPage, [][]core.Row{cal.rows()})
}

type calibration struct {
	doc                      *pdfDoc
	lang                     string
	left, top, width, height float64
}

// Fixed places on the page, mm.
const (
	folds       = 99.0 // a DL envelope takes an A4 folded in three
	stepsTop    = 120.0
	barTop      = 152.0
	rulerTick   = 4.0
	rulerStep   = 10.0
	calTextSize = 9.0
)

// mark is a text placed on the page: x, y (its top) and the width it is
// aligned in, mm from the page's corner.
type mark struct {
	s       string
	x, y, w float64
	style   pdfStyle
	size    float64
}

// marks are the texts of the page: the title, the sample address and the
// dimensions inside the window, the instructions.
func (c *calibration) marks() []mark {
	out := []mark{{s: calWord(c.lang, "title"), x: 25, y: 20, w: 160, style: styleBold, size: sizeTitle}}
	lh := lineHeight(sizeAddr)
	for i, key := range []string{"name", "street", "city"} {
		st := styleRegular
		if i == 0 {
			st = styleBold
		}
		out = append(out, mark{s: calWord(c.lang, key), x: c.left + windowPadX, y: c.top + windowPadY + float64(i)*lh + baseline(sizeAddr, lh),
			w: c.width - 2*windowPadX, style: st, size: sizeAddr})
	}
	dims := fill(calWord(c.lang, "window"), map[string]string{"left": c.mm(c.left), "top": c.mm(c.top),
		"width": c.mm(c.width), "height": c.mm(c.height)})
	out = append(out, mark{s: fitText(dims, styleRegular, sizeTiny, c.width-4), x: c.left + 2, y: c.top + c.height - 4,
		w: c.width - 4, size: sizeTiny})
	y := stepsTop
	lh = lineHeight(calTextSize)
	for _, line := range wrapText(calWord(c.lang, "steps"), styleRegular, calTextSize, 160) {
		out = append(out, mark{s: strings.Join(line.words, " "), x: 25, y: y, w: 165, size: calTextSize})
		y += lh
	}
	return append(out, mark{s: calWord(c.lang, "bar"), x: 25, y: barTop - lh - 1, w: 165, style: styleBold, size: calTextSize})
}

// rows cuts the page at every ruler tick, fold, window edge and text,
// and fills each strip with its boxes.
func (c *calibration) rows() []core.Row {
	marks := c.marks()
	// Cuts are binary fractions of a millimetre (see fixedBand).
	cuts := []float64{0, 5, folds, 2 * folds, quantize(c.top), quantize(c.top + c.height), barTop, barTop + 2,
		pageHeight - pageSlack}
	for y := rulerStep; y < pageHeight; y += rulerStep {
		cuts = append(cuts, y)
	}
	for i := range marks {
		marks[i].y = quantize(marks[i].y)
		cuts = append(cuts, marks[i].y)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var rows []core.Row
	for i := 0; i+1 < len(cuts); i++ {
		y0, y1 := cuts[i], cuts[i+1]
		if y1 > pageHeight-pageSlack {
			break
		}
		rows = append(rows, c.strip(y0, y1, marks))
	}
	return rows
}

// strip is the row from y0 to y1.
func (c *calibration) strip(y0, y1 float64, marks []mark) core.Row {
	boxes := c.rulerBoxes(y0)
	var win *box
	if y0 >= quantize(c.top) && y0 < quantize(c.top+c.height) {
		b := c.window(y0, y1)
		win = &b
	}
	for _, m := range marks {
		if m.y != y0 {
			continue
		}
		if win != nil && m.x >= win.x && m.x < win.x+win.w {
			win.texts = append(win.texts, c.text(m.s, m.x-win.x, 0, m.style, m.size))
			continue
		}
		boxes = append(boxes, box{x: m.x, w: m.w, texts: []core.Component{c.text(m.s, 0, 0, m.style, m.size)}})
	}
	if win != nil {
		boxes = append(boxes, *win)
	}
	return c.rowOf(y1-y0, boxes)
}

// rulerBoxes are the ticks, folds and bar starting at y0.
func (c *calibration) rulerBoxes(y0 float64) []box {
	var boxes []box
	if y0 == 0 {
		boxes = append(boxes, c.topRuler()...)
	} else if onTick(y0) {
		tick := rulerTick
		if math.Mod(y0, 50) == 0 {
			tick *= 2
		}
		boxes = append(boxes, box{x: 0, w: tick, sides: border.Top},
			box{x: tick + 1, w: 10, texts: []core.Component{c.label(strconv.Itoa(int(y0)), 0, 0.3, align.Left)}})
	}
	if y0 == folds || y0 == 2*folds {
		boxes = append(boxes, box{x: pageWidth - 14, w: 14, sides: border.Top,
			texts: []core.Component{c.label(calWord(c.lang, "fold"), 0, 0.5, align.Right)}})
	}
	if y0 == barTop {
		boxes = append(boxes, box{x: 25, w: 100, sides: border.Left | border.Right | border.Bottom})
	}
	return boxes
}

func onTick(y float64) bool { return math.Mod(y, rulerStep) == 0 }

// topRuler is the ruler along the top edge: a tick every 10 mm, numbered.
func (c *calibration) topRuler() []box {
	var out []box
	for x := rulerStep; x < pageWidth; x += rulerStep {
		tick := box{x: x, w: rulerStep, sides: border.Left}
		if int(x)%20 == 0 && x < pageWidth-rulerStep {
			tick.texts = []core.Component{c.label(strconv.Itoa(int(x)), 0.8, 0.2, align.Left)}
		}
		out = append(out, tick)
	}
	return out
}

// window is the window's frame over the strip from y0 to y1: its sides,
// the top edge on its first strip, the bottom edge on its last.
func (c *calibration) window(y0, y1 float64) box {
	b := box{x: c.left, w: c.width, sides: border.Left | border.Right}
	if y0 == quantize(c.top) {
		b.sides |= border.Top
	}
	if y1 >= quantize(c.top+c.height) {
		b.sides |= border.Bottom
	}
	return b
}

// rowOf turns boxes into a row of columns, with empty columns between.
func (c *calibration) rowOf(h float64, boxes []box) core.Row {
	slices.SortFunc(boxes, func(a, b box) int { return int(a.x*10) - int(b.x*10) })
	var cols []core.Col
	at := 0
	for _, b := range boxes {
		x, w := int(math.Round(b.x*gridPerMM)), int(math.Round(b.w*gridPerMM))
		if x < at {
			continue // overlapping boxes: the first one wins
		}
		if x > at {
			cols = append(cols, col.New(x-at))
		}
		cl := col.New(w).Add(b.texts...)
		if b.sides != 0 {
			cl = cl.WithStyle(&props.Cell{BorderType: b.sides, BorderColor: &props.Color{}, BorderThickness: 0.25})
		}
		cols = append(cols, cl)
		at = x + w
	}
	if rest := calibrationPage.grid - at; rest > 0 {
		cols = append(cols, col.New(rest))
	}
	return row.New(h).Add(cols...)
}

// text is a text component of a calibration box.
func (c *calibration) text(s string, x, y float64, st pdfStyle, size float64) core.Component {
	c.doc.used[st] = true
	return text.New(printable(s), props.Text{Left: x, Top: y, Family: fontFamily, Style: styleMaroto[st], Size: size, Color: colorText})
}

// label is a ruler's number.
func (c *calibration) label(s string, x, y float64, a align.Type) core.Component {
	c.doc.used[styleRegular] = true
	return text.New(s, props.Text{Left: x, Top: y, Right: 0.8, Family: fontFamily, Size: 6, Color: colorMuted, Align: a})
}

// mm writes a length the document's way: "110,5" or "110.5", "110".
func (c *calibration) mm(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if docLang(c.lang) == "fr" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
