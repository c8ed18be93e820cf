package documents

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"relance/data"
)

// TestLettersMadeAtOnceReadAsLettersMadeInTurn: the PDF writer parses each
// face once per process and shares it, and the font subsets it cuts,
// between documents (documents/gofpdf). Two letters made at the same
// time from two goroutines read exactly as the same letters made one after
// the other, with their accents, euro signs and narrow no-break spaces.
// Run it with -race.
func TestLettersMadeAtOnceReadAsLettersMadeInTurn(t *testing.T) {
	subject, body, err := DefaultTemplate("reminder_1", ChannelLetter, "fr")
	if err != nil {
		t.Fatal(err)
	}
	contexts := []*Context{testContext("fr", data.Commercial), testContext("fr", data.Consumer)}
	// Characters no other test sets, so that each goroutine cuts its own
	// new subset of the same face while the other does.
	contexts[0].Client.ContactName = "M. Ŀudovic Ŧrébuchet"
	contexts[1].Client.Name = "Mme Ŵilhelmine Ŷvrard"
	letter := func(c *Context) ([]byte, error) {
		r, err := Render(subject, body, c)
		if err != nil {
			return nil, err
		}
		return Letter(c, r.Subject, r.Body, LetterOptions{Payment: true})
	}

	atOnce := make([][]byte, len(contexts))
	errs := make([]error, len(contexts))
	var wg sync.WaitGroup
	for i, c := range contexts {
		wg.Go(func() { atOnce[i], errs[i] = letter(c) })
	}
	wg.Wait()
	for i, c := range contexts {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		inTurn := must[[]byte](t)(letter(c))
		if got, want := pdfText(t, atOnce[i]), pdfText(t, inTurn); got != want {
			t.Errorf("letter %d made alongside another reads\n%s\nmade alone\n%s", i, got, want)
		}
	}

	got := flat(pdfText(t, atOnce[0]))
	for _, want := range []string{"Boulangerie Martin & Fils", "M. Ŀudovic Ŧrébuchet", "4 avenue des Frères Lumière",
		"Bâtiment B", "1 250,00 €", "Lyon, le 1er mars 2026"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q missing in %q", want, got)
		}
	}
	if !strings.Contains(flat(pdfText(t, atOnce[1])), "Mme Ŵilhelmine Ŷvrard") {
		t.Error("the second letter lost its recipient's name")
	}
	// pdftotext shows U+202F as a plain space: the text operators and the
	// embedded font are read instead.
	if !containsUTF16(atOnce[0], "1\u202f250,00\u00a0€") {
		t.Error("the amount is not drawn with its narrow no-break space")
	}
	for _, r := range []rune{'\u202f', '\u00a0', '€', 'é', 'è', 'â', 'Ŀ'} {
		if !embedsGlyph(atOnce[0], r) {
			t.Errorf("no glyph embedded for %q (%U)", r, r)
		}
	}
}

// embedsGlyph reports whether a font of the PDF maps the character r to a
// glyph of its subset: its CIDToGIDMap (two bytes per code, 0 for none)
// holds a glyph for r.
func embedsGlyph(pdf []byte, r rune) bool {
	for _, st := range streams(pdf) {
		if len(st) == 2*0x10000 && !bytes.Equal(st[2*r:2*r+2], []byte{0, 0}) {
			return true
		}
	}
	return false
}
