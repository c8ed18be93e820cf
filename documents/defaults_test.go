package documents

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"relance/data"
)

// wantDefaults are the templates the brief asks for, per channel.
var wantDefaults = []TemplateID{
	{"pre_due", ChannelEmail}, {"reminder_1", ChannelEmail}, {"reminder_1", ChannelLetter}, {"call", ChannelLetter},
	{"promise_confirmation", ChannelEmail}, {"reminder_2", ChannelEmail}, {"reminder_2", ChannelLetter}, {"formal_notice", ChannelEmail},
	{"formal_notice", ChannelLetter}, {"formal_notice_consumer", ChannelEmail}, {"formal_notice_consumer", ChannelLetter},
	{"court_file", ChannelLetter}, {"statement_cover", ChannelEmail}, {"statement_cover", ChannelLetter},
	{"plan_agreement", ChannelEmail}, {"plan_agreement", ChannelLetter}, {"thank_you", ChannelEmail},
}

func TestEveryDefaultParsesInBothLanguages(t *testing.T) {
	got := DefaultTemplates()
	if !slices.Equal(got, wantDefaults) {
		t.Fatalf("defaults %v\nwant %v", got, wantDefaults)
	}
	for _, id := range got {
		for _, lang := range []string{"fr", "en"} {
			subject, body, err := DefaultTemplate(id.Key, id.Channel, lang)
			if err != nil {
				t.Errorf("%v %s: %v", id, lang, err)
				continue
			}
			if id.Key != "court_file" && id.Key != "call" && subject == "" {
				t.Errorf("%v %s has no subject", id, lang)
			}
			tpl, err := Check(subject, body)
			if err != nil {
				t.Errorf("%v %s: %v", id, lang, err)
				continue
			}
			for _, name := range tpl.Fields() {
				if _, ok := fieldByName[name]; !ok {
					t.Errorf("%v %s uses unknown field %s", id, lang, name)
				}
			}
			if _, err := Render(subject, body, sampleContext(lang)); err != nil {
				t.Errorf("%v %s does not render: %v", id, lang, err)
			}
		}
	}
	if _, _, err := DefaultTemplate("nope", ChannelEmail, "fr"); !errors.Is(err, ErrNoTemplate) {
		t.Errorf("unknown template: %v", err)
	}
	if _, _, err := DefaultTemplate("../fr/pre_due", ChannelEmail, "fr"); !errors.Is(err, ErrNoTemplate) {
		t.Errorf("a path as key: %v", err)
	}
}

// TestFrenchDefaultsHaveNoBreakSpaces: no plain space (nor none) before
// ; : ! ? » and none after «, in every French default.
func TestFrenchDefaultsHaveNoBreakSpaces(t *testing.T) {
	for _, id := range DefaultTemplates() {
		subject, body, _ := DefaultTemplate(id.Key, id.Channel, "fr")
		text := subject + "\n" + body
		runes := []rune(text)
		for i, r := range runes {
			var bad bool
			switch r {
			case ';', ':', '!', '?', '»':
				bad = i == 0 || !isNoBreak(runes[i-1])
				if r == ':' && i > 0 && i+1 < len(runes) && isDigit(runes[i-1]) && isDigit(runes[i+1]) {
					bad = false // a time, 10:30
				}
			case '«':
				bad = i+1 >= len(runes) || !isNoBreak(runes[i+1])
			}
			if bad {
				from := max(i-20, 0)
				t.Errorf("%v: %q needs a no-break space: …%s…", id, r, string(runes[from:min(i+5, len(runes))]))
			}
		}
	}
}

func isNoBreak(r rune) bool { return r == '\u00a0' || r == '\u202f' }
func isDigit(r rune) bool   { return r >= '0' && r <= '9' }

func TestEnglishDefaultsAreEnglish(t *testing.T) {
	for _, id := range DefaultTemplates() {
		_, body, _ := DefaultTemplate(id.Key, id.Channel, "en")
		if strings.Contains(body, "Madame") || strings.ContainsRune(body, '\u00a0') {
			t.Errorf("%v: English default has French text", id)
		}
		_, fr, _ := DefaultTemplate(id.Key, id.Channel, "fr")
		if strings.Contains(fr, "Dear") || !utf8.ValidString(fr) {
			t.Errorf("%v: French default has English text", id)
		}
	}
}

func renderDefault(t *testing.T, key, channel string, c *Context) Rendered {
	t.Helper()
	subject, body, err := DefaultTemplate(key, channel, c.Lang)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Render(subject, body, c)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestFormalNoticeHasEveryMention checks the LEGAL_FR checklist on the
// rendered B2B letter (the letterhead, recipient and signature are the
// PDF's).
func TestFormalNoticeHasEveryMention(t *testing.T) {
	r := renderDefault(t, "formal_notice", ChannelLetter, sampleContext("fr"))
	if !strings.Contains(r.Subject, "MISE EN DEMEURE") {
		t.Errorf("subject %q", r.Subject)
	}
	mentions := []string{
		"Par la présente, nous vous mettons en demeure de",
		"FA-2026-014", "FA-2026-020", "01/02/2026", "01/03/2026", "1\u202f250,00\u00a0€", "250,00\u00a0€", "1\u202f000,00\u00a0€", // invoices: numbers, dates, amounts, paid, balances
		"1\u202f574,64\u00a0€",                                               // amount claimed
		"arrêtée au 10\u00a0avril 2026",                                      // to a stated date
		"13,15\u00a0% puis 12,15\u00a0%",                                     // the rate
		"Banque centrale européenne majoré de 10 points", "intérêts simples", // the method
		"qui continuent de courir jusqu'au parfait paiement",
		"80,00\u00a0€", "40\u00a0€ par facture", // the indemnity
		"dans un délai de 8 jours à compter de la réception",
		"FR76 3000 6000 0112 3456 7890 189", "AGRIFRPP", "Référence à indiquer impérativement\u00a0: FA-2026-014",
		"juridiction compétente", "sans autre préavis",
		"Malgré nos relances du\u00a03 mars 2026 et du\u00a012 mars 2026, les factures suivantes demeurent impayées",
		"Madame, Monsieur,",
		"Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
		"Pièces jointes\u00a0: copie des factures FA-2026-014 et FA-2026-020\u202f; décompte",
	}
	text := strings.ReplaceAll(r.Text, "au 10 avril", "au 10\u00a0avril")
	for _, m := range mentions {
		if !strings.Contains(text, m) {
			t.Errorf("formal notice lacks %q", m)
		}
	}
	for _, bad := range []string{"huissier", "commissaire de justice", "(aucune relance"} {
		if strings.Contains(strings.ToLower(r.Text), bad) {
			t.Errorf("formal notice says %q", bad)
		}
	}
	if t.Failed() {
		t.Log(r.Text)
	}
}

// TestConsumerFormalNoticeClaimsNoB2BCharges: neither the template nor
// what it renders for a consumer mentions the 40 € indemnity or L441-10.
func TestConsumerFormalNoticeClaimsNoB2BCharges(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		c := sampleContext(lang)
		c.Client.Kind = data.Consumer
		c.Statement = &Statement{AsOf: c.Today, Outstanding: data.Euros(1480, 50), Total: data.Euros(1480, 50),
			Basis: BasisSentence(BasisLegalRate, lang)}
		for _, channel := range []string{ChannelLetter, ChannelEmail} {
			key := TemplateKeyFor("formal_notice", c.Client.Kind)
			r := renderDefault(t, key, channel, c)
			subject, body, _ := DefaultTemplate(key, channel, lang)
			for _, text := range []string{r.Subject + r.Text, subject + body, r.HTML} {
				for _, bad := range []string{"40\u00a0€", "40 €", "€40", "40,00", "L441-10", "D441-5", "indemnité forfaitaire", "recovery fee", "{{indemnity}}", "{{penalty_terms}}"} {
					if strings.Contains(text, bad) {
						t.Errorf("%s %s consumer notice says %q", lang, channel, bad)
					}
				}
			}
			if !strings.Contains(r.Text, "1344-1") || !strings.Contains(r.Subject, "1\u202f480,50") && lang == "fr" {
				t.Errorf("%s %s consumer notice: %s\n%s", lang, channel, r.Subject, r.Text)
			}
		}
	}
}

func TestReminderTwoForConsumerDropsPenaltyTerms(t *testing.T) {
	c := sampleContext("fr")
	if r := renderDefault(t, "reminder_2", ChannelLetter, c); !strings.Contains(r.Text, "L441-10") {
		t.Error("B2B second reminder must state the penalty terms")
	}
	c.Client.Kind = data.Consumer
	r := renderDefault(t, "reminder_2", ChannelLetter, c)
	if strings.Contains(r.Text, "L441-10") || strings.Contains(r.Text, "40\u00a0€") || strings.Contains(r.Text, "\n\n\n") {
		t.Errorf("consumer second reminder:\n%s", r.Text)
	}
}

func TestPlanAgreementAcknowledgesTheDebt(t *testing.T) {
	r := renderDefault(t, "plan_agreement", ChannelLetter, sampleContext("fr"))
	for _, want := range []string{"reconnaît devoir à Atelier Dupont la somme de 1\u202f574,64\u00a0€", "1er juin 2026", "774,64\u00a0€",
		"«\u202fBon pour reconnaissance de dette de 1\u202f574,64\u00a0€\u202f»"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("plan agreement lacks %q:\n%s", want, r.Text)
		}
	}
}

func TestReminderOneIsFriendly(t *testing.T) {
	c := sampleContext("fr")
	c.AttachedInvoices = []string{"FA-2026-014"}
	r := renderDefault(t, "reminder_1", ChannelEmail, c)
	for _, want := range []string{"Si vous avez réglé entre-temps, ne tenez pas compte de ce message",
		"vous trouverez ci-joint la facture\u00a0FA-2026-014.", "1\u202f480,50\u00a0€"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("first reminder lacks %q", want)
		}
	}
	if strings.Contains(r.Text, "L441") || strings.Contains(r.Text, "demeure") {
		t.Error("a first reminder threatens")
	}
}

// openStore opens a store in a temporary directory.
func openStore(t *testing.T) *data.Store {
	t.Helper()
	store, err := data.Open(filepath.Join(t.TempDir(), "relance.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

func TestStoreSourceFallsBackOnDefaults(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	src := StoreSource(ctx, store)
	subject, body, edited, err := src.Template("reminder_1", ChannelEmail, "fr")
	defSubject, defBody, _ := DefaultTemplate("reminder_1", ChannelEmail, "fr")
	if err != nil || edited || subject != defSubject || body != defBody {
		t.Fatalf("unedited template: %q %v %v", subject, edited, err)
	}
	if err := store.PutTemplate(ctx, &data.TemplateText{Key: "reminder_1", Channel: ChannelEmail, Lang: "fr",
		Subject: "Petit rappel {{invoice_number}}", Body: "Bonjour {{client_name}}"}); err != nil {
		t.Fatal(err)
	}
	subject, body, edited, err = src.Template("reminder_1", ChannelEmail, "fr")
	if err != nil || !edited || subject != "Petit rappel {{invoice_number}}" || body != "Bonjour {{client_name}}" {
		t.Fatalf("edited template: %q %q %v %v", subject, body, edited, err)
	}
	if _, _, edited, _ := src.Template("reminder_1", ChannelEmail, "en"); edited {
		t.Error("the English template was not edited")
	}
}

func TestStoreSourceAfterReset(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	src := StoreSource(ctx, store)
	defSubject, _, _ := DefaultTemplate("reminder_1", ChannelEmail, "fr")
	if err := store.PutTemplate(ctx, &data.TemplateText{Key: "reminder_1", Channel: ChannelEmail, Lang: "fr",
		Subject: "Petit rappel", Body: "Bonjour"}); err != nil {
		t.Fatal(err)
	}
	if err := store.ResetTemplate(ctx, "reminder_1", ChannelEmail, "fr"); err != nil {
		t.Fatal(err)
	}
	resetSubject, _, resetEdited, _ := src.Template("reminder_1", ChannelEmail, "fr")
	_, _, _, unknownErr := src.Template("nope", ChannelLetter, "fr")
	_, _, defEdited, defErr := Defaults().Template("thank_you", ChannelEmail, "en")
	for what, ok := range map[string]bool{
		"the default back after a reset":       !resetEdited && resetSubject == defSubject,
		"ErrNoTemplate for an unknown key":     errors.Is(unknownErr, ErrNoTemplate),
		"Defaults gives the default, unedited": defErr == nil && !defEdited,
	} {
		if !ok {
			t.Errorf("want %s", what)
		}
	}
}
