package documents

import (
	"strings"

	mimage "github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// Words of the payment link's codes on a letter.
var linkWordings = map[string]map[string]string{
	"fr": frenchWordings(map[string]string{
		"title":       "Paiement en ligne",
		"scan":        "Scannez ce code pour régler la facture {number} par carte bancaire, ou saisissez l'adresse :",
		"scan.both":   "Scannez un code avec votre téléphone, ou payez la facture {number} par carte à l'adresse :",
		"qr.transfer": "Virement",
		"qr.card":     "Carte bancaire",
	}),
	"en": {
		"title":       "Pay online",
		"scan":        "Scan this code to pay invoice {number} by card, or type the address:",
		"scan.both":   "Scan a code with your phone, or pay invoice {number} by card at:",
		"qr.transfer": "Transfer",
		"qr.card":     "Card",
	},
}

// linkWord is a wording of the link's codes, with the invoice's number.
func (l *letter) linkWord(key string) string {
	return l.typo(fill(linkWordings[l.lang][key], map[string]string{"number": l.c.Invoice.Number}))
}

// linkQR is the payment link's QR code, as wide as the transfer's, at
// (x, y) in the signature band.
func (l *letter) linkQR(link string, x, y float64) (core.Component, error) {
	png, err := qrPNG(link)
	if err != nil {
		return nil, err
	}
	return mimage.NewFromBytes(png, extension.Png, props.Rect{Left: x, Top: y,
		Percent: asideQR / contentWidth * 100, JustReferenceWidth: true}), nil
}

// qrCaptions name the two codes side by side, under each: which pays by
// transfer, which by card.
func (l *letter) qrCaptions() []core.Component {
	y := 1 + asideQR + baseline(sizeTiny, lineHeight(sizeTiny))
	return []core.Component{
		l.doc.component(txt{s: l.linkWord("qr.transfer"), x: 0, w: asideQR, align: align.Center, y: y, size: sizeTiny, color: colorMuted}),
		l.doc.component(txt{s: l.linkWord("qr.card"), x: asideQR + 2, w: asideQR, align: align.Center, y: y, size: sizeTiny, color: colorMuted}),
	}
}

// linkText is what the two codes are for and the link in clear (a
// printed letter cannot be clicked), from y in the text column at x, w
// wide; it returns the components and where they end.
func (l *letter) linkText(link string, x, y, w float64) ([]core.Component, float64) {
	var comps []core.Component
	lh := lineHeight(sizeTiny)
	for _, wl := range wrapText(l.linkWord("scan.both"), styleRegular, sizeTiny, w) {
		comps = append(comps, l.doc.component(txt{s: strings.Join(wl.words, " "), x: x, y: y + baseline(sizeTiny, lh), size: sizeTiny, color: colorMuted}))
		y += lh
	}
	for _, piece := range cutToWidth(link, styleRegular, sizeTiny, w) {
		comps = append(comps, l.doc.component(txt{s: piece, x: x, y: y + baseline(sizeTiny, lh), size: sizeTiny, color: colorText}))
		y += lh
	}
	return comps, y
}

// linkAside is the payment link's QR code under the transfer's, with what
// it is for and the address in clear beside it, when the text column
// beside the transfer's code is taken by the account: top is where it
// starts in the signature band, w the width of the text column. It
// returns the components and their height.
func (l *letter) linkAside(link string, top, w float64) ([]core.Component, float64, error) {
	qr, err := l.linkQR(link, 0, top)
	if err != nil {
		return nil, 0, err
	}
	comps := []core.Component{qr}
	x, y := asideQR+3, top+1
	lh := lineHeight(sizeSmall)
	comps = append(comps, l.doc.component(txt{s: l.linkWord("title"), x: x, y: y + baseline(sizeSmall, lh), style: styleBold, size: sizeSmall, color: colorText}))
	y += lh
	tiny := lineHeight(sizeTiny)
	for _, wl := range wrapText(l.linkWord("scan"), styleRegular, sizeTiny, w) {
		comps = append(comps, l.doc.component(txt{s: strings.Join(wl.words, " "), x: x, y: y + baseline(sizeTiny, tiny), size: sizeTiny, color: colorMuted}))
		y += tiny
	}
	for _, piece := range cutToWidth(link, styleRegular, sizeTiny, w) {
		comps = append(comps, l.doc.component(txt{s: piece, x: x, y: y + baseline(sizeTiny, tiny), size: sizeTiny, color: colorText}))
		y += tiny
	}
	return comps, max(y-top, asideQR+1), nil
}

// cutToWidth cuts a text without spaces (an address) into lines of at
// most width mm.
func cutToWidth(s string, st pdfStyle, size, width float64) []string {
	var out []string
	var line []rune
	for _, r := range s {
		if len(line) > 0 && textWidth(st, size, string(line)+string(r)) > width {
			out = append(out, string(line))
			line = line[:0]
		}
		line = append(line, r)
	}
	if len(line) > 0 {
		out = append(out, string(line))
	}
	return out
}
