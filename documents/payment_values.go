package documents

import (
	"strconv"
	"strings"

	"relance/data"
)

// paymentWordings are the sentences of the payment options, in each
// language a document is written in.
var paymentWordings = map[string]map[string]string{
	"fr": frenchWordings(map[string]string{
		"intro":          "Vous pouvez régler par l'un des moyens suivants :",
		"intro.other":    "Vous pouvez aussi régler :",
		"transfer":       "- par virement : IBAN {iban}{bic}, en indiquant la référence {reference} ;",
		"transfer.bic":   ", BIC {bic}",
		"link":           "- par carte bancaire, en ligne :\n{link} ;",
		"link.invoice":   "- par carte bancaire, en ligne, facture {number} :\n{link} ;",
		"cheque":         "- par chèque à l'ordre de {payee}{address} ;",
		"cheque.address": ", à envoyer à : {address}",
		"direct_debit":   "- par prélèvement SEPA : {text}",
	}),
	"en": {
		"intro":          "You can pay in any of the following ways:",
		"intro.other":    "You may also pay:",
		"transfer":       "- by bank transfer: IBAN {iban}{bic}, quoting the reference {reference};",
		"transfer.bic":   ", BIC {bic}",
		"link":           "- by card, online:\n{link};",
		"link.invoice":   "- by card, online, invoice {number}:\n{link};",
		"cheque":         "- by cheque payable to {payee}{address};",
		"cheque.address": ", to be sent to: {address}",
		"direct_debit":   "- by SEPA direct debit: {text}",
	},
}

// pw is a payment wording filled with its arguments. A link goes on a
// line of its own: a letter justifies a line it must wrap, and an address
// cannot be wrapped.
func pw(lang, key string, args map[string]string) string {
	return fill(paymentWordings[docLang(lang)][key], args)
}

// paymentValues fills the payment group: the account, the payment link of
// the invoice, the cheque and the direct debit, every option configured
// listed in payment_options, and the early-payment discount the invoice's
// terms grant while it can still be earned.
func (c *Context) paymentValues(v map[string]string) {
	co := &c.Company
	v["payment_link"] = c.PaymentLink()
	v["cheque_payee"] = co.Pay.ChequePayee
	v["cheque_address"] = oneLineAddress(co.Pay.ChequeAddress)
	v["direct_debit"] = co.Pay.DirectDebit
	v["payment_options"] = c.paymentOptions(v["payment_reference"], true)
	v["other_payment_options"] = c.paymentOptions("", false)
	v["early_discount"], v["discount_deadline"], v["amount_after_discount"] = "", "", ""
	if deadline, after, ok := c.earlyDiscount(); ok {
		v["early_discount"] = ratePercentShort(c.Invoice.Discount.Rate, c.Lang)
		v["discount_deadline"] = longDate(deadline, c.Lang)
		v["amount_after_discount"] = money(after, c.Lang)
	}
}

// PaymentLink is the card or online payment link of the document's
// invoice for what is left to pay on it ("" when the company offers none,
// or its pattern is refused: the settings do not save such a pattern).
func (c *Context) PaymentLink() string {
	return c.linkFor(c.Invoice.Number, c.Invoice.Amount-c.Paid)
}

func (c *Context) linkFor(number string, due data.Money) string {
	if due <= 0 {
		return ""
	}
	link, err := data.PaymentLink(c.Company.Pay.LinkPattern, number, due)
	if err != nil {
		return ""
	}
	return link
}

// paymentOptions lists every way to pay the company offers, one per line,
// under a sentence that introduces them: the transfer (when there is an
// IBAN and withTransfer), the payment link (one per invoice the document
// lists), the cheque and the direct debit. An option not configured says
// nothing; none at all gives "". Without the transfer it is what follows
// a template's own transfer lines (other_payment_options): the default
// templates keep the IBAN and the reference in clear, as a formal notice
// must give them, and add the rest.
func (c *Context) paymentOptions(reference string, withTransfer bool) string {
	co := &c.Company
	var lines []string
	if iban := data.GroupIBAN(co.IBAN); iban != "" && withTransfer {
		bic := ""
		if co.BIC != "" {
			bic = pw(c.Lang, "transfer.bic", map[string]string{"bic": co.BIC})
		}
		lines = append(lines, pw(c.Lang, "transfer", map[string]string{"iban": iban, "bic": bic, "reference": reference}))
	}
	lines = append(lines, c.linkLines()...)
	if co.Pay.ChequePayee != "" {
		address := ""
		if a := oneLineAddress(co.Pay.ChequeAddress); a != "" {
			address = pw(c.Lang, "cheque.address", map[string]string{"address": a})
		}
		lines = append(lines, pw(c.Lang, "cheque", map[string]string{"payee": co.Pay.ChequePayee, "address": address}))
	}
	if co.Pay.DirectDebit != "" {
		lines = append(lines, pw(c.Lang, "direct_debit", map[string]string{"text": co.Pay.DirectDebit}))
	}
	if len(lines) == 0 {
		return ""
	}
	intro := "intro"
	if !withTransfer {
		intro = "intro.other"
	}
	return pw(c.Lang, intro, nil) + "\n" + strings.Join(lines, "\n")
}

// linkLines are the payment links: the invoice's, or one per invoice still
// owing when the document lists several.
func (c *Context) linkLines() []string {
	if len(c.Invoices) <= 1 {
		if link := c.PaymentLink(); link != "" {
			return []string{pw(c.Lang, "link", map[string]string{"link": link})}
		}
		return nil
	}
	var out []string
	for _, l := range c.Invoices {
		if link := c.linkFor(l.Number, l.Outstanding); link != "" {
			out = append(out, pw(c.Lang, "link.invoice", map[string]string{"number": l.Number, "link": link}))
		}
	}
	return out
}

// earlyDiscount is the last day to earn the invoice's discount and what is
// left to pay then; ok is false when its terms grant none, the day is past
// or nothing would be left to pay.
func (c *Context) earlyDiscount() (deadline data.Date, after data.Money, ok bool) {
	inv := &c.Invoice
	if !inv.Discount.On() || inv.DueDate.IsZero() {
		return data.Date{}, 0, false
	}
	deadline = inv.DiscountDeadline()
	if !c.Today.IsZero() && c.Today.After(deadline) {
		return data.Date{}, 0, false
	}
	after = inv.Amount - c.Paid - inv.Discount.Of(inv.Owed())
	return deadline, after, after > 0
}

// oneLineAddress writes an address typed on several lines on one:
// "3 rue des Lilas, 69003 Lyon".
func oneLineAddress(s string) string {
	var parts []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, ", ")
}

// ratePercentShort writes basis points as a percentage without needless
// decimals: "2 %", "1,5 %" ("2%", "1.5%" in English).
func ratePercentShort(bp int, lang string) string {
	s := strconv.FormatFloat(float64(bp)/100, 'f', -1, 64)
	if docLang(lang) == "en" {
		return s + "%"
	}
	return strings.Replace(s, ".", ",", 1) + nbsp + "%"
}
