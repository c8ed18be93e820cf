package documents

import (
	"strings"

	mimage "github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"relance/data"
)

// signature is the signatory's block on the right (name, role, signature
// image, or room to sign by hand), with aside on its left (the debtor's
// lines, or the payment code) when given.
func (l *letter) signature(aside []core.Component, asideH float64, creditorLine bool) {
	co := &l.c.Company
	x := l.windowLeft() + windowPadX
	w := contentWidth - x
	lh := lineHeight(sizeBody)
	var texts []txt
	y := 0.0
	if creditorLine {
		texts = append(texts, txt{s: fitText(lw(l.lang, "sign.creditor", "company", co.LegalName), styleBold, sizeSmall, w),
			x: x, y: baseline(sizeSmall, lh), style: styleBold, size: sizeSmall})
		y += lh
	}
	name := co.SignatoryName
	if name == "" {
		name = co.LegalName
	}
	texts = append(texts, txt{s: fitText(name, styleBold, sizeBody, w), x: x, y: y + baseline(sizeBody, lh), style: styleBold})
	y += lh
	if co.SignatoryRole != "" {
		texts = append(texts, txt{s: fitText(co.SignatoryRole, styleRegular, sizeBody, w), x: x, y: y + baseline(sizeBody, lh)})
		y += lh
	}
	comps := append([]core.Component{}, aside...)
	// Without a signature image, room to sign by hand.
	imgH := 15.0
	if len(co.Signature) > 0 {
		if img, h, ok := l.imageComponent(co.Signature, x, y+1, min(w, 55), 20); ok {
			comps = append(comps, img)
			imgH = h + 1
		}
	}
	height := max(y+imgH+2, asideH)
	for _, t := range texts {
		comps = append(comps, l.doc.component(t))
	}
	l.doc.space(5)
	l.doc.add(fixedBand(height, comps, nil))
}

// debtorAside is the debtor's signature lines, for the left of the
// signature band.
func (l *letter) debtorAside() ([]core.Component, float64) {
	texts, h := l.debtorLines(l.windowLeft() + windowPadX - 8)
	comps := make([]core.Component, len(texts))
	for i, t := range texts {
		comps[i] = l.doc.component(t)
	}
	return comps, h
}

// Payment code beside the signature, mm.
const asideQR = 25.0

// amountLabel names the payment's amount: what is due to date on an
// account statement (whose balance includes invoices not yet due).
func (l *letter) amountLabel() string {
	if l.opt.PaymentDue {
		return "pay.amount_due"
	}
	return "pay.amount"
}

// paymentAside is the payment's QR code with what it pays (amount and
// reference, and the IBAN and BIC when account is set: the body does not
// give them), for the left of the signature band.
func (l *letter) paymentAside(amount data.Money, account bool) ([]core.Component, float64, error) {
	if amount <= 0 {
		amount = l.c.totalOutstanding()
	}
	ref := l.c.PaymentReference
	if ref == "" {
		ref = l.c.Invoice.Number
	}
	qr, err := l.qrComponent(amount, ref, 0, 1, asideQR)
	if err != nil {
		return nil, 0, err
	}
	comps := []core.Component{qr}
	x := asideQR + 3
	// The card payment link's code goes beside the transfer's when the
	// text column can spare the room (the body gives the account), else
	// under it (linkAside).
	link := l.c.PaymentLink()
	beside := link != "" && !account
	if beside {
		linkQR, err := l.linkQR(link, asideQR+2, 1)
		if err != nil {
			return nil, 0, err
		}
		comps = append(comps, linkQR)
		comps = append(comps, l.qrCaptions()...)
		x = 2*asideQR + 5
	}
	w := l.windowLeft() + windowPadX - x - 4
	y := 2.0
	add := func(s string, st pdfStyle, size float64, color *props.Color) {
		lh := lineHeight(size)
		for _, wl := range wrapText(l.typo(s), st, size, w) {
			comps = append(comps, l.doc.component(txt{s: strings.Join(wl.words, " "), x: x, y: y + baseline(size, lh), style: st, size: size, color: color}))
			y += lh
		}
	}
	add(lw(l.lang, "pay.title"), styleBold, sizeSmall, colorText)
	if account {
		// The IBAN stays on one line, under its label when it must.
		add(lw(l.lang, "pay.iban")+" "+strings.ReplaceAll(data.GroupIBAN(l.c.Company.IBAN), " ", nbsp), styleRegular, sizeSmall, colorText)
		if l.c.Company.BIC != "" {
			add(lw(l.lang, "pay.bic")+" "+l.c.Company.BIC, styleRegular, sizeSmall, colorText)
		}
	}
	add(lw(l.lang, l.amountLabel())+" "+money(amount, l.lang), styleRegular, sizeSmall, colorText)
	add(lw(l.lang, "pay.reference")+" "+ref, styleRegular, sizeSmall, colorText)
	y += 1
	if !beside {
		add(lw(l.lang, "pay.scan"), styleRegular, sizeTiny, colorMuted)
	} else {
		more, linkY := l.linkText(link, x, y, w)
		comps, y = append(comps, more...), linkY
	}
	h := max(y, asideQR+2+lineHeight(sizeTiny))
	if link != "" && !beside {
		more, linkH, err := l.linkAside(link, h+2, w)
		if err != nil {
			return nil, 0, err
		}
		comps, h = append(comps, more...), h+2+linkH
	}
	return comps, h, nil
}

// debtorLines are the debtor's signature lines, left of x.
func (l *letter) debtorLines(w float64) ([]txt, float64) {
	lh := lineHeight(sizeSmall) * 1.3
	amount := money(l.c.planTotal(l.c.totalOutstanding()), l.lang)
	lines := []struct {
		s  string
		st pdfStyle
	}{
		{lw(l.lang, "sign.debtor", "client", l.c.Client.Name), styleBold},
		{lw(l.lang, "sign.name"), styleRegular},
		{lw(l.lang, "sign.date"), styleRegular},
	}
	var out []txt
	y := 0.0
	for _, line := range lines {
		for _, wl := range wrapText(l.typo(line.s), line.st, sizeSmall, w) {
			out = append(out, txt{s: strings.Join(wl.words, " "), y: y + baseline(sizeSmall, lh), style: line.st, size: sizeSmall})
			y += lh
		}
	}
	for _, wl := range wrapText(l.typo(lw(l.lang, "sign.mention", "amount", amount)), styleItalic, sizeSmall, w) {
		out = append(out, txt{s: strings.Join(wl.words, " "), y: y + baseline(sizeSmall, lh), style: styleItalic, size: sizeSmall,
			color: colorMuted})
		y += lh
	}
	return out, y + 22 // room to sign
}

// Payment block geometry, mm.
const (
	payQR     = 30.0
	payHeight = 36.0
)

// payment is the framed payment block: beneficiary, IBAN, BIC, the
// reference to quote and the amount, with the EPC QR code on the right
// when the company has an IBAN.
func (l *letter) payment(amount data.Money) error {
	co := &l.c.Company
	if amount <= 0 {
		amount = l.c.totalOutstanding()
	}
	ref := l.c.PaymentReference
	if ref == "" {
		ref = l.c.Invoice.Number
	}
	label := func(k string) string { return l.typo(lw(l.lang, k)) }
	lines := [][2]string{{label("pay.name"), co.LegalName}, {label("pay.iban"), data.GroupIBAN(co.IBAN)}}
	if co.BIC != "" {
		lines = append(lines, [2]string{label("pay.bic"), co.BIC})
	}
	lines = append(lines, [2]string{label("pay.reference"), ref}, [2]string{label(l.amountLabel()), money(amount, l.lang)})
	var comps []core.Component
	lh := lineHeight(sizeSmall) * 1.1
	labelW := 0.0
	for _, ln := range lines {
		labelW = max(labelW, textWidth(styleRegular, sizeSmall, ln[0]))
	}
	textW := contentWidth - payQR - 52 // the QR code and its caption on the right
	comps = append(comps, l.doc.component(txt{s: label("pay.title"), x: 4, y: 3 + baseline(sizeBody, lineHeight(sizeBody)), style: styleBold}))
	y := 3 + lineHeight(sizeBody) + 1
	for _, ln := range lines {
		comps = append(comps,
			l.doc.component(txt{s: ln[0], x: 4, y: y + baseline(sizeSmall, lh), size: sizeSmall, color: colorMuted}),
			l.doc.component(txt{s: fitText(ln[1], styleBold, sizeSmall, textW-labelW-3), x: 4 + labelW + 3, y: y + baseline(sizeSmall, lh),
				style: styleBold, size: sizeSmall}))
		y += lh
	}
	if compact(co.IBAN) != "" {
		qr, err := l.qrComponent(amount, ref, contentWidth-payQR-3, (payHeight-payQR)/2, payQR)
		if err != nil {
			return err
		}
		comps = append(comps, qr)
		for i, wl := range wrapText(label("pay.scan"), styleRegular, sizeTiny, 40) {
			comps = append(comps, l.doc.component(txt{s: strings.Join(wl.words, " "), x: contentWidth - payQR - 46,
				y: payHeight - 12 + float64(i)*lineHeight(sizeTiny), size: sizeTiny, color: colorMuted}))
		}
	}
	frame := &props.Cell{BorderType: border.Full, BorderColor: colorRule, BorderThickness: 0.3}
	l.doc.space(6)
	l.doc.add(fixedBand(payHeight, comps, frame))
	return nil
}

// qrComponent is the EPC QR code of the payment, size mm wide at (x, y).
func (l *letter) qrComponent(amount data.Money, ref string, x, y, size float64) (core.Component, error) {
	word := lw(l.lang, "invoice")
	if numbers := invoiceNumbers(l.c); len(numbers) > 1 && ref == l.c.Invoice.Number {
		word, ref = lw(l.lang, "invoices"), strings.Join(numbers, " ")
	}
	payload, err := EPCPayload(EPCTransfer{BIC: l.c.Company.BIC, Name: l.c.Company.LegalName, IBAN: l.c.Company.IBAN,
		Amount: amount, Text: word + " " + ref})
	if err != nil {
		return nil, err
	}
	png, err := qrPNG(payload)
	if err != nil {
		return nil, err
	}
	return mimage.NewFromBytes(png, extension.Png, props.Rect{Left: x, Top: y,
		Percent: size / contentWidth * 100, JustReferenceWidth: true}), nil
}

// statementAnnex puts the penalty statement on a page of its own.
func (l *letter) statementAnnex() {
	st := l.c.Statement
	title := l.doc.paragraph(l.typo(lw(l.lang, "annex", "date", longDate(st.AsOf, l.lang))), flow{style: styleBold, size: sizeTitle, keep: true})
	title[0].newPage = true
	l.doc.add(title...)
	l.doc.space(4)
	l.block("overdue_table")
	l.doc.space(5)
	l.block("penalty_statement")
	if st.Basis != "" {
		l.doc.space(3)
		l.doc.add(l.doc.paragraph(l.typo(st.Basis), flow{justify: true, size: sizeSmall})...)
	}
}

// LegalMentions are the lines a business letter must carry (Code de
// commerce R123-237): the legal name and form, the share capital, the
// SIREN with "RCS <city>", the registered office and the VAT number; a
// sole trader's name is followed by "EI".
func LegalMentions(co data.Company, lang string) []string {
	lang = docLang(lang)
	name := strings.TrimSpace(co.LegalName)
	form := strings.TrimSpace(co.LegalForm)
	var first []string
	switch {
	case soleTrader(co):
		first = append(first, name+" "+"EI", lw(lang, "ei"))
	case form != "" && co.Capital > 0:
		first = append(first, name+" "+form+" "+lw(lang, "capital", "amount", money(co.Capital, lang)))
	case form != "":
		first = append(first, name+" "+form)
	default:
		first = append(first, name)
	}
	if siren := formatSIREN(co.SIREN); siren != "" {
		s := "SIREN " + siren
		if co.RCSCity != "" {
			s += " RCS " + strings.TrimSpace(co.RCSCity)
		}
		first = append(first, s)
	}
	var second []string
	if lines := co.Address.Lines(); len(lines) > 0 {
		second = append(second, lw(lang, "seat", "address", strings.Join(lines, ", ")))
	}
	if co.VATNumber != "" {
		second = append(second, lw(lang, "vat", "vat", co.VATNumber))
	}
	out := []string{strings.Join(first, " – ")}
	if len(second) > 0 {
		out = append(out, strings.Join(second, " – "))
	}
	for i := range out {
		if lang == "fr" {
			out[i] = FrenchTypography(out[i])
		}
		out[i] = fitText(out[i], styleRegular, sizeTiny, contentWidth)
	}
	return out
}

// soleTrader: an individual entrepreneur (EI, micro-entrepreneur). A
// legal form left empty is not guessed: the letter then states the name
// alone rather than claim "EI" of what may be a company.
func soleTrader(co data.Company) bool {
	form := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(co.LegalForm), " ", ""))
	switch form {
	case "EI", "EIRL", "MICRO-ENTREPRISE", "MICRO-ENTREPRENEUR", "AUTO-ENTREPRENEUR", "ENTREPRENEURINDIVIDUEL":
		return true
	}
	return co.Capital == 0 && strings.HasPrefix(form, "EI")
}

// formatSIREN groups a SIREN by three (a SIRET gives its SIREN).
func formatSIREN(s string) string {
	s = strings.Join(strings.Fields(s), "")
	if len(s) == 14 {
		s = s[:9]
	}
	if len(s) != 9 {
		return s
	}
	return s[:3] + " " + s[3:6] + " " + s[6:]
}
