package documents

import (
	"strings"
	"testing"

	"relance/data"
)

const testLinkPattern = "https://pay.example.com/pay?ref={{numero}}&amount={{montant_du}}"

// preDueContext is a pre-due notice on 15 March 2026 of an invoice of
// 1,250.00 € due on 31 March 2026, whose terms grant 2 % for a payment 10
// days early (deadline 21 March), from a company offering every way to pay.
func preDueContext(lang string) *Context {
	c := &Context{Lang: lang, Today: data.MustDate("2026-03-15"), Company: testCompany(),
		Client: data.Client{Name: "Boulangerie Martin", Kind: data.Commercial, Language: lang},
		Invoice: data.Invoice{Number: "FA-2026-0042", IssueDate: data.MustDate("2026-03-01"), DueDate: data.MustDate("2026-03-31"),
			Amount: data.Euros(1250, 0), Discount: data.EarlyDiscount{Rate: 200, Days: 10}}}
	c.Company.Pay = data.PaymentOptions{LinkPattern: testLinkPattern, ChequePayee: "Atelier Dubois",
		ChequeAddress: "12 rue de la République\n69002 Lyon", DirectDebit: "sur simple demande, nous vous adressons un mandat SEPA."}
	return c
}

func TestPreDueNoticeStatesEveryPaymentOptionAndTheDiscount(t *testing.T) {
	r := renderDefault(t, "pre_due", ChannelEmail, preDueContext("fr"))
	got := flat(r.Text)
	for _, want := range []string{
		"Escompte pour paiement anticipé : en réglant au plus tard le 21 mars 2026, vous pouvez déduire un escompte de 2 % et ne régler que 1 225,00 €.",
		"IBAN : FR76 3000 6000 0112 3456 7890 189", "BIC : AGRIFRPP", "Référence à indiquer : FA-2026-0042",
		"Vous pouvez aussi régler :",
		"- par carte bancaire, en ligne : https://pay.example.com/pay?ref=FA-2026-0042&amount=1250.00 ;",
		"- par chèque à l'ordre de Atelier Dubois, à envoyer à : 12 rue de la République, 69002 Lyon ;",
		"- par prélèvement SEPA : sur simple demande, nous vous adressons un mandat SEPA.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the pre-due notice lacks %q:\n%s", want, r.Text)
		}
	}
	if strings.Count(got, "IBAN") != 1 {
		t.Errorf("the transfer is offered twice:\n%s", r.Text)
	}
	if !strings.Contains(r.HTML, "https://pay.example.com/pay?ref=FA-2026-0042&amp;amount=1250.00") {
		t.Error("the HTML body lacks the escaped payment link")
	}

	en := flat(renderDefault(t, "pre_due", ChannelEmail, preDueContext("en")).Text)
	for _, want := range []string{"if you pay by 21 March 2026, you may deduct 2% and pay only €1,225.00.",
		"You may also pay:", "- by card, online: https://pay.example.com/pay?ref=FA-2026-0042&amount=1250.00;",
		"- by cheque payable to Atelier Dubois, to be sent to: 12 rue de la République, 69002 Lyon;", "- by SEPA direct debit:"} {
		if !strings.Contains(en, want) {
			t.Errorf("the English pre-due notice lacks %q:\n%s", want, en)
		}
	}
}

func TestPreDueNoticeWithoutOptionsOrDiscount(t *testing.T) {
	c := preDueContext("fr")
	c.Company.Pay = data.PaymentOptions{}
	c.Invoice.Discount = data.EarlyDiscount{}
	r := renderDefault(t, "pre_due", ChannelEmail, c)
	for _, unwanted := range []string{"Escompte", "aussi régler", "carte", "chèque", "prélèvement", "{{"} {
		if strings.Contains(r.Text, unwanted) {
			t.Errorf("with no option and no discount the notice says %q:\n%s", unwanted, r.Text)
		}
	}
	if !strings.Contains(r.Text, "IBAN\u00a0: FR76 3000 6000 0112 3456 7890 189") {
		t.Errorf("the transfer went with the other options:\n%s", r.Text)
	}
	// The discount's deadline passed: the notice no longer offers it.
	c = preDueContext("fr")
	c.Today = data.MustDate("2026-03-22")
	v := c.Values()
	if v["early_discount"] != "" || v["discount_deadline"] != "" || v["amount_after_discount"] != "" {
		t.Errorf("after the deadline the discount fields say %q %q %q", v["early_discount"], v["discount_deadline"], v["amount_after_discount"])
	}
	c.Today = data.MustDate("2026-03-21")
	if v := c.Values(); flat(v["discount_deadline"]) != "21 mars 2026" || flat(v["amount_after_discount"]) != "1 225,00 €" {
		t.Errorf("on the deadline: %q %q", v["discount_deadline"], v["amount_after_discount"])
	}
}

func TestPaymentOptionsFieldsAndOneLinkPerInvoice(t *testing.T) {
	c := testContext("fr", data.Commercial)
	c.Company.Pay = data.PaymentOptions{LinkPattern: testLinkPattern}
	v := c.Values()
	if v["payment_link"] != "https://pay.example.com/pay?ref=FA-2026-0042&amount=1250.00" {
		t.Errorf("payment_link = %q", v["payment_link"])
	}
	// The notice lists two invoices: a link each, for its own balance.
	for _, want := range []string{"Vous pouvez régler par l'un des moyens suivants\u00a0:",
		"par virement\u00a0: IBAN FR76 3000 6000 0112 3456 7890 189, BIC AGRIFRPP, en indiquant la référence FA-2026-0042",
		"facture FA-2026-0042\u00a0:\nhttps://pay.example.com/pay?ref=FA-2026-0042&amount=1250.00",
		"facture FA-2026-0051\u00a0:\nhttps://pay.example.com/pay?ref=FA-2026-0051&amount=380.50"} {
		if !strings.Contains(v["payment_options"], want) {
			t.Errorf("payment_options lacks %q:\n%s", want, v["payment_options"])
		}
	}
	if strings.Contains(v["other_payment_options"], "IBAN") || v["cheque_payee"] != "" || v["direct_debit"] != "" {
		t.Errorf("other options %q, cheque %q, debit %q", v["other_payment_options"], v["cheque_payee"], v["direct_debit"])
	}
	for _, f := range []string{"payment_options", "other_payment_options", "payment_link", "cheque_payee", "cheque_address",
		"direct_debit", "early_discount", "discount_deadline", "amount_after_discount"} {
		if _, ok := fieldByName[f]; !ok {
			t.Errorf("field %s is not listed for the editor", f)
		}
	}
}

// TestLetterPrintsThePaymentLinkQR: a reminder letter of a company with a
// payment link carries a second QR code (the link's) beside the transfer's,
// each named under it, with the address in clear; without a link, only the
// transfer's. A body that does not give the account puts it beside the
// transfer's code, and the link's code under it.
func TestLetterPrintsThePaymentLinkQR(t *testing.T) {
	without := testContext("fr", data.Commercial)
	plain := must[[]byte](t)(Document("reminder_2", Defaults(), without))
	with := testContext("fr", data.Commercial)
	with.Company.Pay = data.PaymentOptions{LinkPattern: testLinkPattern}
	pdf := must[[]byte](t)(Document("reminder_2", Defaults(), with))
	savePages(t, "reminder-link-qr", pdf)
	images := func(pdf []byte) int { return strings.Count(string(pdf), "/Subtype /Image") }
	if got, base := images(pdf), images(plain); got != base+1 {
		t.Errorf("%d images with a payment link, %d without: want one more, the link's QR code", got, base)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"Virement Carte bancaire", "ou payez la facture FA-2026-0042 par carte à l'adresse"} {
		if !strings.Contains(flat(text), want) {
			t.Errorf("the letter lacks %q:\n%s", want, text)
		}
	}
	compact := strings.Join(strings.Fields(text), "")
	if !strings.Contains(compact, "https://pay.example.com/pay?ref=FA-2026-0042&amount=1250.00") {
		t.Errorf("the link is not printed in clear:\n%s", text)
	}
	if p := pdfText(t, plain); strings.Contains(p, "Carte bancaire") || strings.Contains(p, "pay.example.com") {
		t.Error("a company without a link prints the card payment's code")
	}
	// The two codes sit side by side: the link's is right of the
	// transfer's, at the same height.
	boxes := imageBoxes(t, pdf)
	sideBySide := false
	for i := 1; i < len(boxes); i++ {
		sideBySide = sideBySide || boxes[i].y == boxes[i-1].y && boxes[i].x != boxes[i-1].x
	}
	if !sideBySide {
		t.Errorf("no two images side by side: %+v", boxes)
	}

	src := fixedSource{subject: "Rappel", body: "Madame, Monsieur,\n\nVotre facture {{invoice_number}} est due."}
	stacked := must[[]byte](t)(StepLetter(src, "reminder_2", with))
	savePages(t, "reminder-link-qr-stacked", stacked)
	if got := flat(pdfText(t, stacked)); !strings.Contains(got, "IBAN : FR76") || !strings.Contains(got, "Paiement en ligne") ||
		images(stacked) != images(pdf) {
		t.Errorf("with the account beside the transfer's code, the link's code should go under it:\n%s", got)
	}
}

type imageBox struct{ x, y string }

// imageBoxes are where the PDF draws its images, read from the content
// streams' "x y cm /Name Do" operators, in the order drawn.
func imageBoxes(t *testing.T, pdf []byte) []imageBox {
	t.Helper()
	var out []imageBox
	for _, st := range streams(pdf) {
		fields := strings.Fields(string(st))
		for i := 6; i < len(fields); i++ {
			if fields[i] == "cm" && i+2 < len(fields) && strings.HasPrefix(fields[i+1], "/") && fields[i+2] == "Do" {
				out = append(out, imageBox{x: fields[i-2], y: fields[i-1]})
			}
		}
	}
	return out
}
