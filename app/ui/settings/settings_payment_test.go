package settings

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/ui/uitest"
	"relance/data"
)

// TestSettingsPaymentOptionsSavedAndABadPatternRefused: the payment
// options and the early-payment discount are typed in Settings > Company
// and saved with it; a link pattern with an unknown placeholder, or not
// https, is refused under its field and nothing is written.
func TestSettingsPaymentOptionsSavedAndABadPatternRefused(t *testing.T) {
	u, store := openSettings(t, SectionCompany)
	root := top(u)
	uitest.Fill(t, root, "legal_name", "Ma Boutique")
	uitest.Fill(t, root, "payment_link_pattern", "https://pay.example.com/pay?ref={{numero}}&total={{montant}}")
	uitest.Fill(t, root, "cheque_payee", "Ma Boutique SARL")
	uitest.Fill(t, root, "early_discount_rate", "2")
	uitest.Fill(t, root, "early_discount_days", "10")
	test.Tap(uitest.FindButton(t, root, lang.L("button.save")))
	if got := uitest.FieldError(t, root, "payment_link_pattern"); got != lang.L("error.link_pattern") || got == "" {
		t.Errorf("pattern error = %q, want %q", got, lang.L("error.link_pattern"))
	}
	if strings.Contains(lang.L("error.link_pattern"), "`") || !strings.Contains(lang.L("error.link_pattern"), "{{numero}}") {
		t.Errorf("the error does not show the placeholders as typed: %q", lang.L("error.link_pattern"))
	}
	if c := settingsCompany(t, store); c.LegalName != "" || c.Pay != (data.PaymentOptions{}) {
		t.Fatalf("a refused company was written: %+v", c)
	}
	uitest.Fill(t, root, "payment_link_pattern", "http://pay.example.com/pay?ref={{numero}}")
	test.Tap(uitest.FindButton(t, root, lang.L("button.save")))
	if uitest.FieldError(t, root, "payment_link_pattern") == "" {
		t.Error("an http pattern was accepted")
	}

	uitest.Fill(t, root, "payment_link_pattern", "https://pay.example.com/pay?ref={{numero}}&amount={{montant_du}}")
	if !uitest.TextOnScreen(root, lang.L("payment.link_example",
		map[string]any{"Link": "https://pay.example.com/pay?ref=FA-2026-0042&amount=1250.00"})) {
		t.Error("the form does not show the link a sample invoice gets")
	}
	uitest.Fill(t, root, "cheque_address", "3 rue des Lilas\n69003 Lyon")
	uitest.Fill(t, root, "direct_debit_text", "Mandat SEPA sur demande.")
	test.Tap(uitest.FindButton(t, root, lang.L("button.save")))
	c := settingsCompany(t, store)
	want := data.PaymentOptions{LinkPattern: "https://pay.example.com/pay?ref={{numero}}&amount={{montant_du}}",
		ChequePayee: "Ma Boutique SARL", ChequeAddress: "3 rue des Lilas\n69003 Lyon", DirectDebit: "Mandat SEPA sur demande."}
	if c.Pay != want || c.EarlyDiscount.Rate != 200 || c.EarlyDiscount.Days != 10 || c.EarlyDiscount.Since.IsZero() {
		t.Fatalf("stored %+v, discount %+v", c.Pay, c.EarlyDiscount)
	}
	if uitest.FieldError(t, root, "payment_link_pattern") != "" || !u.settings.company.saved.Visible() {
		t.Error("a good save should say so and clear the errors")
	}

	// A rate without its days is refused under the days; emptying the
	// rate turns the discount off.
	uitest.Fill(t, root, "early_discount_days", "")
	test.Tap(uitest.FindButton(t, root, lang.L("button.save")))
	if got := uitest.FieldError(t, root, "early_discount_days"); got != lang.L("error.out_of_range") {
		t.Errorf("days error = %q", got)
	}
	uitest.Fill(t, root, "early_discount_rate", "")
	test.Tap(uitest.FindButton(t, root, lang.L("button.save")))
	if c := settingsCompany(t, store); c.EarlyDiscount.On() || c.EarlyDiscount.Days != 0 {
		t.Errorf("discount still on: %+v", c.EarlyDiscount)
	}
}
