package documents

import (
	"regexp"
	"strings"
	"testing"

	"relance/data"
)

// TestGreetingUsesTheContactsCivility: "Madame Vernet," when the civility
// is known, the neutral form otherwise, in both languages.
func TestGreetingUsesTheContactsCivility(t *testing.T) {
	tests := []struct {
		lang, civility, name string
		greeting, salutation string
	}{
		{"fr", data.CivilityMadam, "Hélène Vernet", "Madame\u00a0Vernet", "Madame"},
		{"fr", data.CivilitySir, "Jean-Luc Perrin", "Monsieur\u00a0Perrin", "Monsieur"},
		{"fr", data.CivilitySir, "", "Monsieur", "Monsieur"},
		{"fr", data.CivilityNone, "Hélène Vernet", "Madame, Monsieur", "Madame, Monsieur"},
		{"en", data.CivilityMadam, "Hélène Vernet", "Dear Ms Vernet", "Madam"},
		{"en", data.CivilityNone, "", "Dear Sir or Madam", "Sir or Madam"},
	}
	consumer := &Context{Lang: "fr", Client: data.Client{Kind: data.Consumer, Name: "M. Thomas Dubreuil"}}
	if v := consumer.Values(); v["greeting"] != "Monsieur Dubreuil" || v["salutation"] != "Monsieur" {
		t.Errorf("a private person named with a civility: %q / %q", v["greeting"], v["salutation"])
	}
	for _, tt := range tests {
		c := &Context{Lang: tt.lang, Client: data.Client{ContactCivility: tt.civility, ContactName: tt.name}}
		v := c.Values()
		if v["greeting"] != strings.ReplaceAll(tt.greeting, "\u00a0", " ") || v["salutation"] != tt.salutation {
			t.Errorf("%s %q %q: greeting %q salutation %q; want %q %q", tt.lang, tt.civility, tt.name,
				v["greeting"], v["salutation"], tt.greeting, tt.salutation)
		}
	}
	c := sampleContext("fr")
	c.Client.ContactCivility, c.Client.ContactName = data.CivilityMadam, "Claire Rousseau"
	r := renderDefault(t, "reminder_1", ChannelEmail, c)
	if !strings.HasPrefix(r.Text, "Madame Rousseau,\n") {
		t.Errorf("the email opens %q", r.Text[:40])
	}
	r = renderDefault(t, "formal_notice", ChannelLetter, c)
	if !strings.Contains(r.Text, "Veuillez agréer, Madame, l'expression") {
		t.Errorf("the notice's closing does not address Madame:\n%s", r.Text)
	}
}

// TestWordingFollowsWhatWasSent: one reminder is "notre relance du ...",
// several "nos relances du ... et du ...", none leaves no "Malgré"; the
// email says "ci-joint" only of an invoice really attached.
func TestWordingFollowsWhatWasSent(t *testing.T) {
	c := sampleContext("fr")
	c.EarlierReminders = nil
	for _, key := range []string{"reminder_2", "formal_notice"} {
		r := renderDefault(t, key, ChannelEmail, c)
		if strings.Contains(r.Text, "Malgré") || strings.Contains(r.Text, "précédente relance") {
			t.Errorf("%s without a reminder sent speaks of one:\n%s", key, r.Text)
		}
	}
	c.EarlierReminders = []data.Date{data.MustDate("2026-03-03")}
	r := renderDefault(t, "reminder_2", ChannelEmail, c)
	if !strings.Contains(r.Text, "Malgré notre relance du\u00a03\u00a0mars 2026, nous constatons") &&
		!strings.Contains(r.Text, "Malgré notre relance du\u00a03 mars 2026, nous constatons") {
		t.Errorf("one reminder:\n%s", r.Text)
	}
	c.Lang = "en"
	c.EarlierReminders = append(c.EarlierReminders, data.MustDate("2026-03-12"))
	r = renderDefault(t, "formal_notice", ChannelLetter, c)
	if !strings.Contains(r.Text, "Despite our reminders of 3 March 2026 and 12 March 2026, the following invoices") {
		t.Errorf("two reminders in English:\n%s", r.Text)
	}
	for _, lang := range []string{"fr", "en"} {
		c := sampleContext(lang)
		r := renderDefault(t, "reminder_1", ChannelEmail, c)
		if strings.Contains(r.Text, "ci-joint") || strings.Contains(r.Text, "attached") || strings.Contains(r.Text, "pièce jointe") {
			t.Errorf("%s: no PDF attached, yet the email says so:\n%s", lang, r.Text)
		}
		c.AttachedInvoices = []string{"FA-1", "FA-2"}
		r = renderDefault(t, "reminder_1", ChannelEmail, c)
		want := map[string]string{"fr": "ci-joint les factures\u00a0FA-1 et FA-2", "en": "please find invoices FA-1 and FA-2 attached"}[lang]
		if !strings.Contains(r.Text, want) {
			t.Errorf("%s: two PDFs attached, want %q:\n%s", lang, want, r.Text)
		}
	}
}

// TestNoTemplateLeavesAnEmptyField: with the company's phone, BIC and
// signatory role skipped and a client without SIREN, no default template
// prints a label with nothing after it ("BIC :") or a sentence that points
// at a missing number ("contactez-nous au :").
func TestNoTemplateLeavesAnEmptyField(t *testing.T) {
	dangling := regexp.MustCompile(`(?m)(BIC\s*:\s*$|\b(au|on)\s*[.:,]|\(\s*SIREN\s*:\s*\)|:\s*;|\s[,.]\s|  |\b[a-z]+(_[a-z]+)+\b)`)
	for _, run := range []struct {
		lang string
		kind data.ClientKind
	}{{"fr", data.Commercial}, {"en", data.Commercial}, {"fr", data.PublicBuyer}, {"en", data.Consumer}} {
		lang := run.lang
		c := sampleContext(lang)
		c.Company.Phone, c.Company.BIC, c.Company.SignatoryRole = "", "", ""
		c.Client.SIREN, c.Client.Kind = "", run.kind
		for _, id := range DefaultTemplates() {
			r := renderDefault(t, id.Key, id.Channel, c)
			for _, p := range r.Paragraphs {
				if p.Block != "" {
					continue // a table aligns its columns with runs of spaces
				}
				text := strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(p.Text)
				for _, line := range strings.Split(text, "\n") {
					if m := dangling.FindString(line); m != "" {
						t.Errorf("%s %s %s: %q in %q", lang, id.Key, id.Channel, m, line)
					}
				}
			}
		}
	}
}

// A public buyer's letter speaks of intérêts moratoires and the public
// procurement code, never of L441-10 penalties.
func TestPublicBuyerNoticeSpeaksOfMoratoryInterest(t *testing.T) {
	c := testContext("fr", data.PublicBuyer)
	c.Registered = true
	subject, body, err := DefaultTemplate("formal_notice", ChannelLetter, "fr")
	if err != nil {
		t.Fatal(err)
	}
	tpl := must[*Template](t)(Parse(body))
	pdf := must[[]byte](t)(Letter(c, subject, tpl, LetterOptions{}))
	got := flat(pdfText(t, pdf))
	for _, want := range []string{"intérêts moratoires, qui continuent de courir", "article D2192-35 du Code de la commande publique",
		"Les intérêts moratoires continuent de courir"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q missing in %q", want, got)
		}
	}
	for _, bad := range []string{"D441-5", "Les pénalités continuent"} {
		if strings.Contains(got, bad) {
			t.Errorf("a public buyer's notice says %q", bad)
		}
	}
}
