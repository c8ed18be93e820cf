package documents

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"relance/data"
)

// TestJustifiedLinesButNotTheLast: every line of a justified paragraph
// but the last (and the lines ended by a line break) fills the width;
// the last keeps its natural spacing; no-break spaces are never stretched
// nor broken.
func TestJustifiedLinesButNotTheLast(t *testing.T) {
	d := newPDFDoc("", "", testContext("fr", data.Commercial).Today.Time())
	text := strings.Repeat("Nous restons à votre disposition pour tout renseignement complémentaire sur la somme de 1\u202f250,00\u00a0€. ", 4) +
		"\nLigne forcée.\nDernière ligne."
	f := flow{justify: true, size: sizeBody, width: contentWidth}
	lines := wrapText(text, styleRegular, sizeBody, contentWidth)
	if len(lines) < 4 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, l := range lines {
		for _, w := range l.words {
			if w == "1" || strings.HasPrefix(w, "250") {
				t.Fatalf("line %d breaks an amount: %q", i, l.words)
			}
		}
		texts := d.lineTexts(l, f, lineHeight(sizeBody))
		last := texts[len(texts)-1]
		end := last.x + textWidth(styleRegular, sizeBody, last.s)
		switch {
		case l.last && len(texts) != 1:
			t.Errorf("line %d (%q) ends a paragraph or a forced line but is stretched", i, l.words)
		case l.last && end > contentWidth-1 && i == len(lines)-1:
			t.Errorf("last line %q reaches the margin", l.words)
		case !l.last && math.Abs(end-contentWidth) > 0.01:
			t.Errorf("line %d ends at %.2f mm, want the full %.2f mm", i, end, contentWidth)
		}
	}
	if got := lines[len(lines)-2]; !got.last || strings.Join(got.words, " ") != "Ligne forcée." {
		t.Errorf("forced line %+v", got)
	}
}

// TestPostalAddress: at most 6 lines of at most 38 characters, long
// street lines abbreviated, the last line "POSTCODE CITY" in capitals, the
// country by its name.
func TestPostalAddress(t *testing.T) {
	c := data.Client{Name: "Société Coopérative Ouvrière de Production des Menuisiers du Rhône", ContactName: "Mme Anne Durand",
		Address: data.Address{Street: "Zone industrielle des Grandes Terres\nBâtiment C, escalier 4\n128 boulevard du Maréchal de Lattre de Tassigny",
			PostalCode: "69100", City: "Saint-Martin-en-Haut-les-Grandes-Vignes-sur-Saône", Country: "FR"}}
	lines := PostalAddress(c)
	if len(lines) > 6 {
		t.Errorf("%d lines: %q", len(lines), lines)
	}
	for _, l := range lines {
		if utf8.RuneCountInString(l) > 38 {
			t.Errorf("line %q is over 38 characters", l)
		}
	}
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "69100 ST-MARTIN") || last != strings.ToUpper(last) {
		t.Errorf("last line %q", last)
	}
	if !strings.Contains(strings.Join(lines, "|"), "128 bd du Mal de Lattre de Tassigny") {
		t.Errorf("the boulevard is not abbreviated: %q", lines)
	}
	abroad := PostalAddress(data.Client{Name: "Brasserie Van Damme", Address: data.Address{Street: "Rue Haute 12", PostalCode: "1000", City: "Bruxelles", Country: "BE"}})
	if want := []string{"Brasserie Van Damme", "Rue Haute 12", "1000 BRUXELLES", "BELGIQUE"}; strings.Join(abroad, "|") != strings.Join(want, "|") {
		t.Errorf("abroad: %q, want %q", abroad, want)
	}
}

// TestLegalMentions: a company's name with its form and capital, SIREN
// and RCS, seat and VAT number; "EI" after a sole trader's name.
func TestLegalMentions(t *testing.T) {
	got := strings.Join(LegalMentions(testCompany(), "fr"), " / ")
	want := "Atelier Dubois SARL au capital de 10\u202f000,00\u00a0€ – SIREN 123 456 789 RCS Lyon / Siège social\u00a0: 12 rue de la République, 69002 LYON – TVA intracommunautaire\u00a0: FR32123456789"
	if got != want {
		t.Errorf("mentions\n%q\nwant\n%q", got, want)
	}
	ei := data.Company{LegalName: "Jean Moreau", LegalForm: "EI", SIREN: "123456789", Address: data.Address{Street: "3 rue Neuve", PostalCode: "44000", City: "Nantes"}}
	if got := LegalMentions(ei, "fr")[0]; !strings.HasPrefix(got, "Jean Moreau EI – Entrepreneur individuel (EI) – SIREN 123 456 789") {
		t.Errorf("sole trader: %q", got)
	}
	// A form left empty is not guessed: "EI" would be false of a company.
	ei.LegalForm = ""
	if got := LegalMentions(ei, "en")[0]; got != "Jean Moreau – SIREN 123 456 789" {
		t.Errorf("no capital, no form: %q", got)
	}
}

// TestCalibrationPage: the window's frame is drawn where the letters put
// the address, with its dimensions written out.
func TestCalibrationPage(t *testing.T) {
	co := testCompany()
	co.Window = data.EnvelopeWindow{LeftMM10: 1055, TopMM10: 480, WidthMM10: 900, HeightMM10: 400}
	pdf := must[[]byte](t)(CalibrationPage(co, "fr"))
	savePages(t, "calibration", pdf)
	text := flat(pdfText(t, pdf))
	for _, want := range []string{"Calibrage de l'enveloppe à fenêtre", "Fenêtre : 105,5 mm du bord gauche, 48 mm du haut, 90 × 40 mm",
		"Ce trait mesure 100 mm", "pli"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q missing", want)
		}
	}
	if n := len(pages(pdfText(t, pdf))); n != 1 {
		t.Errorf("%d pages", n)
	}
	for _, w := range words(t, pdf) {
		if w.text == "Nom" {
			if x, y := w.xMin/pointsPerMM, w.yMin/pointsPerMM; x < 106 || x > 112 || y < 49 || y > 55 {
				t.Errorf("sample address at %.1f × %.1f mm", x, y)
			}
			return
		}
	}
	t.Error("no sample address")
}

// TestPaginateKeepsAndRepeats: kept bands move together, a table's
// header starts each page its rows run onto, and no page is empty.
func TestPaginateKeepsAndRepeats(t *testing.T) {
	header := band{height: 10, keep: true}
	var bands []band
	bands = append(bands, band{height: 80}, band{height: 10, keep: true}, header)
	for range 20 {
		bands = append(bands, band{height: 10, header: &header})
	}
	got := paginate(bands, 100) // 80 | caption, header, 8 rows | header, 9 rows | header, 3 rows
	if len(got) != 4 {
		t.Fatalf("%d pages", len(got))
	}
	if len(got[0]) != 1 {
		t.Errorf("the caption and the header were left at the foot of page 1: %d bands", len(got[0]))
	}
	for i, p := range got[1:] {
		h := 0.0
		for _, b := range p {
			h += b.height
		}
		if h > 100 || p[0].height != 10 || !p[0].keep {
			t.Errorf("page %d: %.0f mm, starts with %+v", i+2, h, p[0])
		}
	}
}
