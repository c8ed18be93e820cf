package documents

import (
	"strings"
	"testing"

	"relance/data"
)

// The short message of each step (for a text message or LinkedIn) names
// the invoice, the amount and the due date in the client's language, and
// says what the step says: a courteous notice before the due date, firmer
// words step by step, the formal notice announced.
func TestShortMessagePerStep(t *testing.T) {
	due := data.MustDate("2026-11-13")
	for _, tc := range []struct {
		lang, step string
		want       []string
	}{
		{"fr", "pre_due", []string{"Bonjour Claire Morel,", "arrive à échéance le 13 novembre 2026"}},
		{"fr", "reminder_1", []string{"n'est pas encore réglée", "Un simple oubli"}},
		{"fr", "call", []string{"j'ai essayé de vous joindre", "au 04 78 00 00 00"}},
		{"fr", "reminder_2", []string{"malgré notre relance", "sans tarder"}},
		{"fr", "formal_notice", []string{"mise en demeure", "lettre recommandée"}},
		{"fr", "formal_notice_consumer", []string{"mise en demeure"}},
		{"fr", "court_file", []string{"tribunal"}},
		{"fr", "review", []string{"n'est pas encore réglée"}}, // no text of its own: the first reminder's
		{"en", "pre_due", []string{"Hello Claire Morel,", "falls due on 13 November 2026", "€1,200.00"}},
		{"en", "reminder_1", []string{"has not been paid yet"}},
		{"en", "call", []string{"I tried to reach you", "on 04 78 00 00 00"}},
		{"en", "reminder_2", []string{"despite our reminder"}},
		{"en", "formal_notice", []string{"formal notice", "registered letter"}},
	} {
		text := ShortMessage(ShortFacts{Lang: tc.lang, StepKey: tc.step, Contact: "Claire Morel", Company: "Atelier Dupont",
			Signatory: "Marie Dupont", Phone: "04 78 00 00 00", Number: "FA-2026-020", Amount: 120000, DueDate: due})
		want := append([]string{"FA-2026-020", "Marie Dupont, Atelier Dupont"}, tc.want...)
		if tc.step != "thank_you" {
			want = append(want, money(120000, tc.lang))
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s %s lacks %q:\n%s", tc.lang, tc.step, w, text)
			}
		}
		if n := len([]rune(text)); n > 400 {
			t.Errorf("%s %s: %d characters, too long for a text message", tc.lang, tc.step, n)
		}
		if strings.Contains(text, "{") {
			t.Errorf("%s %s leaves a placeholder: %s", tc.lang, tc.step, text)
		}
	}
	if a, b := ShortMessage(ShortFacts{Lang: "fr", StepKey: "reminder_1"}), ShortMessage(ShortFacts{Lang: "fr", StepKey: "reminder_2"}); a == b {
		t.Error("the first and second reminders say the same")
	}
	if text := ShortMessage(ShortFacts{Lang: "fr", StepKey: "pre_due", Company: "Atelier Dupont"}); !strings.HasPrefix(text, "Bonjour,") ||
		!strings.HasSuffix(text, "\nAtelier Dupont") {
		t.Errorf("without a contact nor a signatory: %q", text)
	}
}

// A reminder quotes a broken promise: when it was made, how much, for
// when; with none, the paragraph is left out.
func TestReminderQuotesTheBrokenPromise(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		c := sampleContext(lang)
		for _, key := range []string{"reminder_1", "reminder_2"} {
			without := renderDefault(t, key, ChannelEmail, c)
			if strings.Contains(without.Text, "engagé") || strings.Contains(without.Text, "undertook") {
				t.Errorf("%s %s quotes a promise that did not break:\n%s", lang, key, without.Text)
			}
		}
		c.BrokenPromise = &data.Promise{MadeOn: data.MustDate("2026-12-03"), PromisedOn: data.MustDate("2026-12-10"), Amount: 120000}
		want := map[string]string{
			"fr": FrenchTypography("Le 3 décembre 2026, vous vous étiez engagé à régler 1 200,00 € le 10 décembre 2026 ; ce règlement ne nous est pas parvenu."),
			"en": "On 3 December 2026 you undertook to pay €1,200.00 on 10 December 2026; this payment has not reached us.",
		}[lang]
		for _, key := range []string{"reminder_1", "reminder_2"} {
			for _, channel := range []string{ChannelEmail, ChannelLetter} {
				r := renderDefault(t, key, channel, c)
				if !strings.Contains(strings.ReplaceAll(r.Text, "\u202f", " "), strings.ReplaceAll(want, "\u202f", " ")) &&
					!strings.Contains(r.Text, want) {
					t.Errorf("%s %s %s does not quote the broken promise %q:\n%s", lang, key, channel, want, r.Text)
				}
			}
		}
	}
}

// The promise's confirmation says where and when the promise was made,
// the amount and the day promised, in the client's language: a promise
// made by phone is said to be, one made by email is not.
func TestPromiseConfirmationRenders(t *testing.T) {
	for _, tc := range []struct {
		lang    string
		channel data.Channel
		want    []string
	}{
		{"fr", data.ChannelPhoneCall, []string{"Comme convenu lors de notre échange téléphonique du 13 avril 2026", "régler 500,00", "le 20 avril 2026", "FA-2026-014"}},
		{"en", data.ChannelPhoneCall, []string{"As agreed during our phone call on 13 April 2026, you will pay €500.00 on 20 April 2026", "FA-2026-014"}},
		{"fr", data.ChannelEmail, []string{"Comme convenu dans votre message du 13 avril 2026"}},
		{"en", data.ChannelEmail, []string{"As agreed in your email of 13 April 2026"}},
	} {
		c := sampleContext(tc.lang)
		if c.Promise == nil {
			t.Fatal("the sample context holds no promise")
		}
		p := *c.Promise
		p.Channel = tc.channel
		c.Promise = &p
		r := renderDefault(t, "promise_confirmation", ChannelEmail, c)
		text := strings.ReplaceAll(r.Text, "\u00a0", " ")
		for _, w := range tc.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s %s confirmation lacks %q:\n%s", tc.lang, tc.channel, w, r.Text)
			}
		}
		if tc.channel == data.ChannelEmail && strings.Contains(text, "phon") {
			t.Errorf("%s: a promise made by email is said to be by phone:\n%s", tc.lang, r.Text)
		}
		if r.Subject == "" || !strings.Contains(r.HTML, "FA-2026-014") {
			t.Errorf("%s confirmation: subject %q", tc.lang, r.Subject)
		}
	}
}
