package settings

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relance/data"
)

// Keys of the payment options and of the early-payment discount in the
// company form (issue 19).
var (
	paymentOptionKeys = []string{"iban", "bic", "payment_link_pattern", "cheque_payee", "cheque_address", "direct_debit_text"}
	earlyDiscountKeys = []string{"early_discount_rate", "early_discount_days"}
)

// paymentFields are the inputs of the other ways to pay and of the
// early-payment discount.
func (f *CompanyForm) paymentFields() []companyField {
	return []companyField{
		f.paymentLink(),
		f.text("cheque_payee", lang.L("payment.cheque_payee_placeholder"), func(c *data.Company) *string { return &c.Pay.ChequePayee }),
		f.multiLine("cheque_address", "", func(c *data.Company) *string { return &c.Pay.ChequeAddress }),
		f.multiLine("direct_debit_text", lang.L("payment.direct_debit_placeholder"), func(c *data.Company) *string { return &c.Pay.DirectDebit }),
		f.discountRate(),
		f.discountDays(),
	}
}

// multiLine is a text of a few lines (an address, a sentence).
func (f *CompanyForm) multiLine(key, placeholder string, ptr func(*data.Company) *string) companyField {
	e := f.entry(placeholder)
	e.MultiLine, e.Wrapping = true, fyne.TextWrapWord
	e.SetMinRowsVisible(2)
	return companyField{key: key, input: e,
		fill: func(c data.Company) { e.SetText(*ptr(&c)) },
		read: func() (func(*data.Company), error) {
			v := strings.TrimSpace(e.Text)
			return func(c *data.Company) { *ptr(c) = v }, nil
		}}
}

// paymentLink is the pattern of the card payment links, with under it
// what the placeholders become and the link it makes for a sample invoice,
// as the user types.
func (f *CompanyForm) paymentLink() companyField {
	e := f.entry("https://…?ref={{numero}}&amount={{montant_du}}")
	// The placeholders go in as values: braces in a translation are Go
	// template actions.
	hint := &widget.Label{Text: lang.L("payment.link_hint", map[string]any{"Number": "{{numero}}", "Amount": "{{montant_du}}"}),
		Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	example := &widget.Label{Importance: widget.LowImportance, Wrapping: fyne.TextWrapBreak}
	showExample := func(pattern string) {
		link, err := data.PaymentLink(pattern, "FA-2026-0042", data.Euros(1250, 0))
		if err != nil || link == "" {
			example.SetText("")
			example.Hide()
			return
		}
		example.SetText(lang.L("payment.link_example", map[string]any{"Link": link}))
		example.Show()
	}
	e.OnChanged = func(s string) {
		showExample(s)
		f.edited()
	}
	return companyField{key: "payment_link_pattern", input: container.NewVBox(e, hint, example),
		fill: func(c data.Company) { e.SetText(c.Pay.LinkPattern); showExample(c.Pay.LinkPattern) },
		read: func() (func(*data.Company), error) {
			v := strings.TrimSpace(e.Text)
			return func(c *data.Company) { c.Pay.LinkPattern = v }, nil
		}}
}

// discountRate is the escompte's percentage ("2", "1,5"); empty: no
// discount, whatever the days say.
func (f *CompanyForm) discountRate() companyField {
	e := f.entry(lang.L("payment.discount_rate_placeholder"))
	input := container.NewHBox(container.NewGridWrap(fyne.NewSize(80, e.MinSize().Height), e), widget.NewLabel("%"))
	return companyField{key: "early_discount_rate", input: input,
		fill: func(c data.Company) {
			e.SetText("")
			if c.EarlyDiscount.On() {
				e.SetText(rateInput(c.EarlyDiscount.Rate))
			}
		},
		read: func() (func(*data.Company), error) {
			bp, err := parseRate("early_discount_rate", e.Text, true)
			if err != nil {
				return nil, err
			}
			return func(c *data.Company) {
				c.EarlyDiscount.Rate = bp
				if bp == 0 {
					c.EarlyDiscount.Days = 0
				}
			}, nil
		}}
}

// discountDays is how many days before the due date a payment must come
// to earn the discount, with the rule explained under it.
func (f *CompanyForm) discountDays() companyField {
	e := f.entry("")
	unit := widget.NewLabel(lang.L("payment.discount_days_unit"))
	hint := &widget.Label{Text: lang.L("payment.discount_hint"), Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	input := container.NewVBox(container.NewHBox(container.NewGridWrap(fyne.NewSize(80, e.MinSize().Height), e), unit), hint)
	return companyField{key: "early_discount_days", input: input,
		fill: func(c data.Company) {
			e.SetText("")
			if c.EarlyDiscount.On() {
				e.SetText(strconv.Itoa(c.EarlyDiscount.Days))
			}
		},
		read: func() (func(*data.Company), error) {
			n, err := parseDays("early_discount_days", e.Text, 0)
			if err != nil {
				return nil, err
			}
			return func(c *data.Company) {
				if c.EarlyDiscount.Rate > 0 {
					c.EarlyDiscount.Days = n
				}
			}, nil
		}}
}
