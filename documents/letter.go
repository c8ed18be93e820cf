package documents

import (
	"strconv"
	"strings"
	"time"

	mimage "github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"relance/data"
)

// LetterOptions are what a letter carries besides its subject and body.
type LetterOptions struct {
	// Registered prints "Lettre recommandée avec accusé de réception n° …"
	// above the subject, with Context.TrackingNumber or a line to fill in.
	Registered bool
	// Enclosures are listed under the subject ("P. J. : …").
	Enclosures []string
	// Payment adds the payment block: beneficiary, IBAN, BIC, reference,
	// amount, and the EPC QR code when the company has an IBAN.
	Payment bool
	// PaymentAmount is the amount of the payment block and its QR code;
	// 0: what is outstanding on the invoices listed.
	PaymentAmount data.Money
	// PaymentDue labels that amount as what is due to date (an account
	// statement asks for the overdue part of a larger balance).
	PaymentDue bool
	// DebtorSignature adds the debtor's signature lines beside the
	// creditor's (a payment plan with acknowledgment of the debt).
	DebtorSignature bool
	// StatementAnnex adds the penalty statement on a page of its own when
	// the body does not show it (a formal notice states the sums "as of").
	StatementAnnex bool
}

// Letter writes an A4 letter (PDF) from c: the letterhead with the logo,
// the recipient's address where the envelope's window shows it, the
// references, the registered-mail line, "Lyon, le 1er mars 2026", "Objet :
// <subject>", the body (justified paragraphs; block placeholders drawn as
// tables), the signatory with the signature image, the payment block, and
// the company's legal mentions at the foot of every page. subject is the
// rendered subject (Rendered.Subject); body is the parsed template
// (Rendered.Body or Parse), filled here with c's values.
func Letter(c *Context, subject string, body *Template, opt LetterOptions) ([]byte, error) {
	l := newLetter(c)
	l.opt = opt
	l.head()
	l.references(opt)
	l.subjectLines(subject, opt.Enclosures)
	var paras []Filled
	if body != nil {
		paras = fillParagraphs(body, c.Values(), c)
		l.body(paras)
	}
	if err := l.closing(opt, paras); err != nil {
		return nil, err
	}
	if opt.StatementAnnex && c.Statement != nil && (body == nil || !usesField(body, "penalty_statement")) {
		l.statementAnnex()
	}
	return l.doc.render()
}

// closing is the signature and the payment: the payment code beside the
// signature (with the account when the body does not give it), or, when
// the debtor signs there too, a framed payment block under it; nothing to
// pay without an IBAN.
func (l *letter) closing(opt LetterOptions, paras []Filled) error {
	iban := compact(l.c.Company.IBAN)
	pay := opt.Payment && iban != ""
	switch {
	case opt.DebtorSignature:
		aside, h := l.debtorAside()
		l.signature(aside, h, true)
	case pay:
		aside, h, err := l.paymentAside(opt.PaymentAmount, !mentionsIBAN(paras, iban))
		if err != nil {
			return err
		}
		l.signature(aside, h, false)
		return nil
	default:
		l.signature(nil, 0, false)
	}
	if pay {
		return l.payment(opt.PaymentAmount)
	}
	return nil
}

// mentionsIBAN reports whether the body's text gives the IBAN.
func mentionsIBAN(paras []Filled, iban string) bool {
	for _, p := range paras {
		if strings.Contains(compact(p.Text), iban) {
			return true
		}
	}
	return false
}

// letter is a letter being laid out.
type letter struct {
	c      *Context
	lang   string
	doc    *pdfDoc
	window data.EnvelopeWindow
	opt    LetterOptions
}

func newLetter(c *Context) *letter {
	w := c.Company.Window
	if w.WidthMM10 == 0 || w.HeightMM10 == 0 {
		w = data.DefaultWindow
	}
	l := &letter{c: c, lang: docLang(c.Lang), window: w}
	day := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if !c.Today.IsZero() {
		day = c.Today.Time()
	}
	l.doc = newPDFDoc(c.Company.LegalName, c.Company.LegalName, day)
	l.doc.dropped = c.Dropped
	l.doc.footer = LegalMentions(c.Company, c.Lang)
	l.doc.pageLabel = func(n, total int) string {
		return lw(l.lang, "page", "n", strconv.Itoa(n), "total", strconv.Itoa(total))
	}
	return l
}

// Window geometry in millimetres from the content's top-left corner.
func (l *letter) windowLeft() float64   { return float64(l.window.LeftMM10)/10 - marginLeft }
func (l *letter) windowTop() float64    { return float64(l.window.TopMM10)/10 - marginTop }
func (l *letter) windowWidth() float64  { return float64(l.window.WidthMM10) / 10 }
func (l *letter) windowHeight() float64 { return float64(l.window.HeightMM10) / 10 }

// Inside the window, the address keeps clear of its edges: the sheet moves
// a little in the envelope.
const (
	windowPadX = 4.0
	windowPadY = 3.5
	sizeAddr   = 10.0
	logoMaxW   = 55.0
	logoMaxH   = 20.0
)

// head is the first page's top: the sender's block (logo, name, address,
// phone, email) on one side and the recipient's address in the envelope
// window, in one band that ends below both.
func (l *letter) head() {
	senderX, senderW := l.senderArea()
	var comps []core.Component
	y := 0.0
	if logo := l.c.Company.Logo; len(logo) > 0 {
		if img, h, ok := l.imageComponent(logo, senderX, 0, min(senderW, logoMaxW), min(logoMaxH, l.windowTop()-2)); ok {
			comps = append(comps, img)
			y = h + 3
		}
	}
	senderTexts, y := l.senderTexts(senderX, senderW, y)
	addr := l.recipientTexts()
	bottom := max(y, l.windowTop()+l.windowHeight()) + 4
	for _, t := range append(senderTexts, addr...) {
		comps = append(comps, l.doc.component(t))
	}
	l.doc.add(fixedBand(bottom, comps, nil))
}

// senderArea is where the sender's block goes: left of the window, or
// right of it when the window is on the left of the page.
func (l *letter) senderArea() (x, w float64) {
	left := l.windowLeft() - 6
	right := contentWidth - (l.windowLeft() + l.windowWidth() + 6)
	if left >= right {
		return 0, min(left, 90)
	}
	return contentWidth - right, min(right, 90)
}

// senderTexts are the company's name and contact lines from y down; it
// returns them and where they end.
func (l *letter) senderTexts(x, w, y float64) ([]txt, float64) {
	co := &l.c.Company
	var out []txt
	add := func(s string, st pdfStyle, size float64, color *props.Color) {
		lh := lineHeight(size)
		for _, line := range wrapText(s, st, size, w) {
			out = append(out, txt{s: strings.Join(line.words, " "), x: x, y: y + baseline(size, lh), style: st, size: size, color: color})
			y += lh
		}
	}
	add(co.LegalName, styleBold, 11.5, colorText)
	for _, line := range co.Address.Lines() {
		add(line, styleRegular, sizeSmall, colorMuted)
	}
	if co.Phone != "" {
		add(lw(l.lang, "phone", "phone", co.Phone), styleRegular, sizeSmall, colorMuted)
	}
	if co.Email != "" {
		add(co.Email, styleRegular, sizeSmall, colorMuted)
	}
	return out, y
}

// recipientTexts place the postal address in the window.
func (l *letter) recipientTexts() []txt {
	lh := lineHeight(sizeAddr) * 0.92
	x := l.windowLeft() + windowPadX
	w := l.windowWidth() - 2*windowPadX
	var out []txt
	for i, line := range PostalAddress(l.c.Client) {
		st := styleRegular
		if i == 0 {
			st = styleBold
		}
		out = append(out, txt{s: fitText(line, st, sizeAddr, w), x: x, y: l.windowTop() + windowPadY + float64(i)*lh + baseline(sizeAddr, lh),
			style: st, size: sizeAddr})
	}
	return out
}

// imageComponent places a PNG or JPEG at (x, y) of a full-width column,
// scaled to fit a box of w × h mm; it returns the drawn height.
func (l *letter) imageComponent(img []byte, x, y, w, h float64) (core.Component, float64, bool) {
	pi, ok := letterImages.get(img)
	if !ok || h <= 0 {
		return nil, 0, false
	}
	ratio := float64(pi.height) / float64(pi.width)
	width := min(w, h/ratio)
	// maroto scales an image to a percentage of its cell's width (the
	// full content width here).
	p := props.Rect{Left: x, Top: y, Percent: width / contentWidth * 100, JustReferenceWidth: true}
	return mimage.NewFromBytes(pi.data, pi.ext, p), width * ratio, true
}

// references are the lines under the head: the registered-mail line, our
// and the client's references, and the place and date on the right.
func (l *letter) references(opt LetterOptions) {
	c := l.c
	lh := lineHeight(sizeSmall) * 1.05
	var left []string
	numbers := invoiceNumbers(c)
	left = append(left, lw(l.lang, "ref.ours")+" "+strings.Join(numbers, ", "))
	if c.Invoice.PORef != "" {
		left = append(left, lw(l.lang, "ref.yours")+" "+c.Invoice.PORef)
	}
	if c.Client.SIREN != "" {
		left = append(left, lw(l.lang, "ref.siren")+" "+formatSIREN(c.Client.SIREN))
	}
	dateX := l.windowLeft() + windowPadX
	for i, s := range left {
		texts := []txt{{s: fitText(s, styleRegular, sizeSmall, dateX-4), y: baseline(sizeSmall, lh), size: sizeSmall, color: colorMuted}}
		if i == 0 {
			texts = append(texts, txt{s: l.dateLine(), x: dateX, y: baseline(sizeBody, lh), size: sizeBody})
		}
		l.doc.add(l.doc.lineBand(lh, texts...))
	}
	l.doc.space(5)
	if opt.Registered {
		line := lw(l.lang, "registered.to")
		if n := strings.TrimSpace(c.TrackingNumber); n != "" {
			line = lw(l.lang, "registered", "number", n)
		}
		l.doc.add(l.doc.paragraph(line, flow{style: styleBold, keep: true})...)
		l.doc.space(2)
	}
}

// dateLine is "Lyon, le 1er mars 2026" or "Lyon, 1 March 2026".
func (l *letter) dateLine() string {
	if l.lang == "en" {
		city := strings.TrimSpace(l.c.Company.Address.City)
		if city == "" {
			return l.c.Today.LongEN()
		}
		return city + ", " + l.c.Today.LongEN()
	}
	return DateLine(l.c.Company.Address.City, l.c.Today)
}

// subjectLines are "Objet : …" in bold and the enclosures.
func (l *letter) subjectLines(subject string, enclosures []string) {
	label := lw(l.lang, "subject")
	if s := strings.TrimSpace(subject); s != "" {
		l.doc.add(l.doc.paragraph(l.typo(label+" "+s), flow{style: styleBold, keep: true})...)
	}
	if len(enclosures) > 0 {
		l.doc.space(1)
		l.doc.add(l.doc.paragraph(l.typo(lw(l.lang, "enclosures")+" "+strings.Join(enclosures, " ; ")),
			flow{size: sizeSmall, color: colorMuted, keep: true})...)
	}
	l.doc.space(6)
}

// typo gives French text its no-break spaces.
func (l *letter) typo(s string) string {
	if l.lang == "fr" {
		return FrenchTypography(s)
	}
	return s
}

// body lays the filled paragraphs out: text justified, blocks as tables.
// The closing paragraph stays with the signature.
func (l *letter) body(paras []Filled) {
	for i, p := range paras {
		if p.Block != "" {
			l.block(p.Block)
		} else {
			bands := l.doc.paragraph(l.typo(p.Text), flow{justify: true})
			if i == len(paras)-1 && len(bands) > 0 {
				bands[len(bands)-1].keep = true
			}
			l.doc.add(bands...)
		}
		if i < len(paras)-1 {
			l.doc.space(3)
		}
	}
}

// block draws a table placeholder from the context.
func (l *letter) block(name string) {
	tables := blockTables(name, l.c)
	for i, t := range tables {
		if i > 0 {
			l.doc.space(tableSpacing)
		}
		l.doc.add(l.doc.table(t)...)
	}
	// Penalties run on (a consumer's interest is said by the template).
	if name == "penalty_statement" && l.c.Client.Kind != data.Consumer && len(tables) > 0 {
		key := "penalty.run"
		if l.c.Client.Kind == data.PublicBuyer {
			key = "penalty.run.public"
		}
		l.doc.space(1)
		l.doc.add(l.doc.paragraph(l.typo(lw(l.lang, key)), flow{size: sizeSmall, color: colorMuted})...)
	}
}

// usesField reports whether a template uses a field or block.
func usesField(t *Template, name string) bool {
	for _, f := range t.Fields() {
		if f == name {
			return true
		}
	}
	return false
}

// invoiceNumbers are the numbers of the invoices the letter is about.
func invoiceNumbers(c *Context) []string {
	var out []string
	for _, line := range c.lines() {
		out = append(out, line.Number)
	}
	return out
}
