package documents

import (
	"strings"
	"testing"

	"relance/data"
)

// sampleContext is a professional client two invoices late, with a
// statement across a rate change, two earlier reminders and a plan.
func sampleContext(lang string) *Context {
	d := data.MustDate
	return &Context{
		Lang:  lang,
		Today: d("2026-04-10"),
		Company: data.Company{LegalName: "Atelier Dupont", LegalForm: "SARL", Phone: "04 78 00 00 00",
			Email: "compta@atelier-dupont.fr", IBAN: "fr7630006000011234567890189", BIC: "AGRIFRPP",
			SignatoryName: "Claire Dupont", SignatoryRole: "Gérante",
			Address: data.Address{Street: "12 rue Mercière", PostalCode: "69002", City: "Lyon"}},
		Client: data.Client{Name: "Boulangerie Martin", Kind: data.Commercial, ContactName: "Paul Martin",
			Email: "paul@martin.fr", Phone: "06 12 34 56 78", SIREN: "123456789",
			Address: data.Address{Street: "3 place Bellecour", PostalCode: "69002", City: "Lyon"}},
		Invoice: data.Invoice{Number: "FA-2026-014", IssueDate: d("2026-02-01"), DueDate: d("2026-03-01"),
			Amount: data.Euros(1250, 0), PORef: "BC-77"},
		Paid: data.Euros(250, 0),
		Invoices: []InvoiceLine{
			{Number: "FA-2026-014", IssueDate: d("2026-02-01"), DueDate: d("2026-03-01"), Amount: data.Euros(1250, 0),
				Paid: data.Euros(250, 0), Outstanding: data.Euros(1000, 0), DaysLate: 40},
			{Number: "FA-2026-020", IssueDate: d("2026-02-15"), DueDate: d("2026-03-15"), Amount: data.Euros(480, 50),
				Outstanding: data.Euros(480, 50), DaysLate: 26},
		},
		Statement: &Statement{AsOf: d("2026-04-10"),
			Rows: []StatementRow{
				{From: d("2026-03-02"), To: d("2026-03-31"), Days: 30, Base: data.Euros(1000, 0), RateBP: 1315, Amount: data.Euros(10, 81)},
				{From: d("2026-04-01"), To: d("2026-04-10"), Days: 10, Base: data.Euros(1000, 0), RateBP: 1215, Amount: data.Euros(3, 33)},
			},
			Outstanding: data.Euros(1480, 50), Penalties: data.Euros(14, 14), Indemnity: data.Euros(80, 0),
			Total: data.Euros(1574, 64), Basis: BasisSentence(BasisECBPlus10, lang)},
		Deadline:         d("2026-04-18"),
		DeadlineDays:     8,
		EarlierReminders: []data.Date{d("2026-03-03"), d("2026-03-12")},
		Plan: &data.PaymentPlan{Instalments: []data.Instalment{
			{DueDate: d("2026-05-01"), Amount: data.Euros(800, 0)}, {DueDate: d("2026-06-01"), Amount: data.Euros(774, 64)}}},
		Promise: &data.Promise{MadeOn: d("2026-04-13"), PromisedOn: d("2026-04-20"), Amount: data.Euros(500, 0)},
	}
}

func TestValuesFrench(t *testing.T) {
	v := sampleContext("fr").Values()
	want := map[string]string{
		"invoice_amount":    "1\u202f250,00\u00a0€",
		"outstanding":       "1\u202f000,00\u00a0€",
		"total_outstanding": "1\u202f480,50\u00a0€",
		"total_claimed":     "1\u202f574,64\u00a0€",
		"indemnity":         "80,00\u00a0€",
		"due_date":          "1er mars 2026",
		"invoice_date":      "1er février 2026",
		"today":             "10 avril 2026",
		"deadline_date":     "18 avril 2026",
		"deadline_days":     "8",
		"days_late":         "40",
		"earlier_reminders": "le\u00a03 mars 2026 et le\u00a012 mars 2026",
		"invoice_numbers":   "FA-2026-014 et FA-2026-020",
		"penalty_rate":      "13,15\u00a0% puis 12,15\u00a0%",
		"iban":              "FR76 3000 6000 0112 3456 7890 189",
		"payment_reference": "FA-2026-014",
		"client_address":    "3 place Bellecour, 69002 LYON",
		"promise_date":      "20 avril 2026",
		"plan_total":        "1\u202f574,64\u00a0€",
	}
	for k, w := range want {
		if v[k] != w {
			t.Errorf("%s = %q, want %q", k, v[k], w)
		}
	}
	if !strings.Contains(v["penalty_terms"], "L441-10") || !strings.Contains(v["penalty_terms"], "40\u00a0€") ||
		!strings.Contains(v["penalty_terms"], "13,15\u00a0%") {
		t.Errorf("penalty terms %q", v["penalty_terms"])
	}
	if !strings.Contains(v["penalty_basis"], "Banque centrale européenne majoré de 10 points") {
		t.Errorf("penalty basis %q", v["penalty_basis"])
	}
}

func TestValuesEnglish(t *testing.T) {
	v := sampleContext("en").Values()
	want := map[string]string{
		"invoice_amount":    "€1,250.00",
		"total_claimed":     "€1,574.64",
		"due_date":          "1 March 2026",
		"earlier_reminders": "on 3 March 2026 and 12 March 2026",
		"invoice_numbers":   "FA-2026-014 and FA-2026-020",
		"penalty_rate":      "13.15% then 12.15%",
	}
	for k, w := range want {
		if v[k] != w {
			t.Errorf("%s = %q, want %q", k, v[k], w)
		}
	}
}

func TestValuesCoverEveryField(t *testing.T) {
	for _, c := range []*Context{sampleContext("fr"), {}} {
		v := c.Values()
		for _, f := range Fields {
			if _, ok := v[f.Name]; !ok && !f.Block {
				t.Errorf("no value for field %s", f.Name)
			}
		}
	}
}

func TestValuesForConsumerAndEmptyContext(t *testing.T) {
	c := sampleContext("fr")
	c.Client.Kind = data.Consumer
	if v := c.Values(); v["penalty_terms"] != "" {
		t.Errorf("a consumer is told about B2B penalties: %q", v["penalty_terms"])
	}
	c.EarlierReminders = []data.Date{data.MustDate("2026-03-01")}
	if got := c.Values()["earlier_reminders"]; got != "le\u00a01er mars 2026" {
		t.Errorf("one reminder = %q", got)
	}
	v := (&Context{Lang: "fr"}).Values()
	if v["due_date"] != "" || v["promise_date"] != "" || v["days_late"] != "0" || v["penalty_rate"] != "" {
		t.Errorf("empty context gives %q %q %q %q", v["due_date"], v["promise_date"], v["days_late"], v["penalty_rate"])
	}
	if v["earlier_reminders"] != "" || v["reminders_sent"] != "" || v["attached_invoices"] != "" {
		t.Errorf("no reminder gives %q / %q, no attachment %q", v["earlier_reminders"], v["reminders_sent"], v["attached_invoices"])
	}
}

func TestWarningAndBasisSentences(t *testing.T) {
	got := WarningSentence("ecb_rate_assumed", map[string]string{"date": "2026-07-01", "rate": "2.15", "half": "H2 2026"}, "fr")
	if got != "Taux de la BCE en vigueur le 1er juillet 2026 supposé égal à 2,15\u00a0%, dernier taux connu." {
		t.Errorf("fr warning %q", got)
	}
	got = WarningSentence("no_rate", map[string]string{"half": "H2 2026"}, "en")
	if got != "No rate is known for the second half of 2026: that period is not counted." {
		t.Errorf("en warning %q", got)
	}
	if WarningSentence("nonsense", nil, "fr") != "" || BasisSentence(BasisNone, "fr") != "" {
		t.Error("unknown warning or no basis should say nothing")
	}
	if !strings.Contains(BasisSentence(BasisLegalRate, "fr"), "1344-1") {
		t.Error("the legal-rate basis must cite article 1344-1")
	}
}
