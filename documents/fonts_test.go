package documents

import (
	"strings"
	"testing"

	"relance/data"
)

// An emoji the font lacks is left out of the letter, never printed as
// "?", and the caller hears which characters went: in the body, in the
// recipient's address and in a table cell alike.
func TestCharactersTheFontLacksAreDroppedAndReported(t *testing.T) {
	c := testContext("fr", data.Commercial)
	c.Client.Name = "Café Durand \u2615"
	c.Invoices[0].Number = "FA-2026-0042"
	c.Dropped = &DroppedRunes{}
	body := must[*Template](t)(Parse("Merci pour votre confiance \U0001F60A et à bientôt\u00a0!\n\n{{overdue_table}}"))
	pdf := must[[]byte](t)(Letter(c, "Essai \U0001F680", body, LetterOptions{}))
	got := flat(pdfText(t, pdf))
	for _, want := range []string{"Merci pour votre confiance et à bientôt", "Café Durand", "Essai"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q missing in %q", want, got)
		}
	}
	if strings.Contains(got, "?") {
		t.Errorf("a character the font lacks printed as '?': %q", got)
	}
	dropped := string(c.Dropped.Runes())
	for _, r := range []rune{'\u2615', '\U0001F60A', '\U0001F680'} {
		if !strings.ContainsRune(dropped, r) {
			t.Errorf("%U was dropped without a word (reported: %q)", r, dropped)
		}
	}
	if strings.ContainsAny(dropped, "éà") {
		t.Errorf("printable characters reported as dropped: %q", dropped)
	}
}
