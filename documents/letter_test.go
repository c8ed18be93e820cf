package documents

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"relance/data"
)

// noticeText prints a formal notice for c and returns its text.
func noticeText(t *testing.T, c *Context) (string, []byte) {
	t.Helper()
	pdf := must[[]byte](t)(Document(DocFormalNotice, Defaults(), c))
	return pdfText(t, pdf), pdf
}

// TestNoticePDFHasEveryMention checks the LEGAL_FR checklist of a
// mise en demeure, item by item, on the PDF read back.
func TestNoticePDFHasEveryMention(t *testing.T) {
	c := testContext("fr", data.Commercial)
	c.TrackingNumber = "1A 123 456 7890 1"
	text, pdf := noticeText(t, c)
	savePages(t, "notice-fr", pdf)
	got := flat(text)
	checklist := map[string][]string{
		"1 MISE EN DEMEURE in subject and body": {"Objet : MISE EN DEMEURE de payer la somme de 1 738,64 €",
			"Par la présente, nous vous mettons en demeure de nous régler la somme de 1 738,64 €"},
		"2 creditor": {"Atelier Dubois SARL au capital de 10 000,00 €", "SIREN 123 456 789 RCS Lyon",
			"Siège social : 12 rue de la République, 69002 LYON", "TVA intracommunautaire : FR32123456789", "Claire Dubois", "Gérante"},
		"3 debtor":   {"Boulangerie Martin & Fils", "4 avenue des Frères Lumière", "69008 LYON", "Votre SIREN : 987 654 321"},
		"4 invoices": {"FA-2026-0042 01/12/2025 31/12/2025 1 250,00 € 0,00 € 1 250,00 € 60", "FA-2026-0051 05/01/2026 04/02/2026 480,50 € 100,00 € 380,50 € 25"},
		"5 amount claimed": {"principal restant dû : 1 630,50 €", "pénalités de retard, qui continuent de courir jusqu'au parfait paiement : 28,14 €",
			"au taux de 12,15 %", "Décompte arrêté au 1er mars 2026", "indemnité forfaitaire pour frais de recouvrement : 80,00 €",
			"40 € par facture payée en retard", "Total réclamé 1 738,64 €"},
		"6 deadline":             {"dans un délai de 8 jours à compter de la réception de la présente lettre"},
		"7 how to pay":           {"IBAN : FR76 3000 6000 0112 3456 7890 189", "BIC : AGRIFRPP", "Référence à indiquer impérativement : FA-2026-0042"},
		"8 consequence":          {"nous saisirons sans autre préavis la juridiction compétente"},
		"9 earlier reminders":    {"Malgré nos relances du 5 janvier 2026 et du 20 janvier 2026, les factures"},
		"10 place, date, signer": {"Lyon, le 1er mars 2026", "Claire Dubois Gérante"},
		"11 enclosures":          {"Pièces jointes : copie des factures FA-2026-0042 et FA-2026-0051"},
		"registered letter":      {"Lettre recommandée avec accusé de réception n° 1A 123 456 7890 1"},
	}
	for item, wants := range checklist {
		for _, want := range wants {
			if !strings.Contains(got, want) {
				t.Errorf("mention %s: %q missing", item, want)
			}
		}
	}
	if n := strings.Count(string(pdf), "/Subtype /Image"); n < 3 {
		t.Errorf("%d images; want the logo, the signature and the QR code", n)
	}
}

// TestAmountsKeepTheirNoBreakSpaces: pdftotext shows the narrow no-break
// space of "1 250,00 €" as a plain space, so the text operators are read:
// the PDF draws U+202F and U+00A0, not plain spaces, and the font has them.
func TestAmountsKeepTheirNoBreakSpaces(t *testing.T) {
	_, pdf := noticeText(t, testContext("fr", data.Commercial))
	for _, s := range []string{"1\u202f250,00\u00a0€", "Objet\u00a0:", "12,15\u00a0%"} {
		if !containsUTF16(pdf, s) {
			t.Errorf("the PDF does not draw %q", s)
		}
	}
	if containsUTF16(pdf, "1 250,00 €") {
		t.Error("an amount is drawn with plain spaces")
	}
}

// TestConsumerNoticeClaimsNo40Euros: a consumer owes neither the L441-10
// penalties nor the 40 € indemnity.
func TestConsumerNoticeClaimsNo40Euros(t *testing.T) {
	text, pdf := noticeText(t, testContext("fr", data.Consumer))
	savePages(t, "notice-fr-consumer", pdf)
	got := flat(text)
	for _, banned := range []string{"40 €", "40,00 €", "indemnité", "Indemnité", "L441-10", "D441-5", "Pénalités de retard continuent"} {
		if strings.Contains(got, banned) {
			t.Errorf("a consumer's notice says %q", banned)
		}
	}
	for _, want := range []string{"MISE EN DEMEURE", "Mme Élodie Lefèvre", "1344-1 du Code civil", "1 630,50 €", "Lettre recommandée avec accusé de réception n°"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q missing", want)
		}
	}
}

// TestRecipientBlockSitsInTheWindow: the first line of the address starts
// inside the envelope window (110 mm from the left, 50 mm from the top by
// default), and follows the window when it is moved.
func TestRecipientBlockSitsInTheWindow(t *testing.T) {
	for _, w := range []data.EnvelopeWindow{data.DefaultWindow, {LeftMM10: 1000, TopMM10: 455, WidthMM10: 900, HeightMM10: 450}} {
		c := testContext("fr", data.Commercial)
		c.Company.Window = w
		pdf := must[[]byte](t)(Document("reminder_1", Defaults(), c))
		var first *pdfWord
		for _, wd := range words(t, pdf) {
			if wd.text == "Boulangerie" {
				first = &wd
				break
			}
		}
		if first == nil {
			t.Fatal("no recipient name on page 1")
		}
		x, y := first.xMin/pointsPerMM, first.yMin/pointsPerMM
		left, top := float64(w.LeftMM10)/10, float64(w.TopMM10)/10
		if x < left+1 || x > left+7 || y < top+1 || y > top+7 {
			t.Errorf("window %+v: recipient at %.1f × %.1f mm; want inside, a few mm from %.0f × %.0f", w, x, y, left, top)
		}
	}
}

// TestEveryPageRepeatsTheTableHeader: a statement of 60 invoices runs
// over several pages, each beginning the table again with its header.
func TestEveryPageRepeatsTheTableHeader(t *testing.T) {
	c := testContext("fr", data.Commercial)
	c.Invoices = nil
	var total data.Money
	for i := range 60 {
		amount := data.Euros(int64(100+i*10), 0)
		c.Invoices = append(c.Invoices, InvoiceLine{Number: "FA-2026-" + pad3(i+1), IssueDate: data.MustDate("2026-01-02").AddDays(i),
			DueDate: data.MustDate("2026-02-01").AddDays(i), Amount: amount, Outstanding: amount, DaysLate: max(28-i, 0)})
		total += amount
	}
	pdf := must[[]byte](t)(Document(DocStatement, Defaults(), c))
	savePages(t, "statement-60", pdf)
	ps := pages(pdfText(t, pdf, "-layout"))
	if len(ps) < 3 {
		t.Fatalf("%d pages for 60 invoices", len(ps))
	}
	seen := 0
	row := regexp.MustCompile(`(?m)^\s*FA-2026-\d{3}\s+\d\d/\d\d/\d{4}`)
	for i, p := range ps {
		rows := len(row.FindAllString(p, -1))
		seen += rows
		if rows > 0 && !strings.Contains(p, "Facture") || rows > 0 && !strings.Contains(p, "Reste dû") {
			t.Errorf("page %d shows %d invoices without the table header", i+1, rows)
		}
		if !strings.Contains(p, fmt.Sprintf("Page %d/%d", i+1, len(ps))) {
			t.Errorf("page %d has no page number", i+1)
		}
		if strings.TrimSpace(p) == "" {
			t.Errorf("page %d is blank", i+1)
		}
	}
	if seen < 60 {
		t.Errorf("%d invoice rows printed, want 60", seen)
	}
	if want := "Total " + flat(money(total, "fr")); !strings.Contains(flat(strings.Join(ps, " ")), want) {
		t.Errorf("no %q on the statement", want)
	}
}

func pad3(n int) string { return fmt.Sprintf("%03d", n) }

// TestUnknownPlaceholderIsRefusedWithItsPosition: a letter template with
// a placeholder that does not exist is not printed; the error says where.
func TestUnknownPlaceholderIsRefusedWithItsPosition(t *testing.T) {
	src := fixedSource{subject: "Rappel", body: "Madame, Monsieur,\n\nVotre facture {{invoice_number}} du {{date_facture}} est due."}
	_, err := StepLetter(src, "reminder_1", testContext("fr", data.Commercial))
	var pe *PartError
	if !errors.As(err, &pe) || pe.Part != PartBody || pe.Err.Line != 3 || pe.Err.Col != 37 || pe.Err.Name != "date_facture" || pe.Err.Reason != ErrUnknownField {
		t.Fatalf("err = %v; want the body's unknown {{date_facture}} at line 3, column 37", err)
	}
}

// fixedSource serves one template for every key.
type fixedSource struct{ subject, body string }

func (s fixedSource) Template(string, string, string) (string, string, bool, error) {
	return s.subject, s.body, true, nil
}

// TestLetterInEnglish writes amounts and dates the English way.
func TestLetterInEnglish(t *testing.T) {
	c := testContext("en", data.Commercial)
	text, pdf := noticeText(t, c)
	savePages(t, "notice-en", pdf)
	got := flat(text)
	for _, want := range []string{"Lyon, 1 March 2026", "Subject: FORMAL NOTICE", "€1,738.64", "€1,250.00", "Registered letter with acknowledgment of receipt no.",
		"Atelier Dubois SARL with a share capital of €10,000.00", "Our ref.: FA-2026-0042, FA-2026-0051"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q missing", want)
		}
	}
}

// TestAccentsAndSymbolsSurvive: the embedded font prints French text as
// typed, read back by pdftotext.
func TestAccentsAndSymbolsSurvive(t *testing.T) {
	c := testContext("fr", data.Commercial)
	body := must[*Template](t)(Parse("Œuvre, cœur, « guillemets », déjà réglé à l'échéance : 12 € ; ça ?\n\nÀ bientôt ! ÇÉÈÊËÎÏÔÙÛÜŸ"))
	pdf := must[[]byte](t)(Letter(c, "Essai", body, LetterOptions{}))
	got := flat(pdfText(t, pdf))
	for _, want := range []string{"Œuvre, cœur, « guillemets », déjà réglé à l'échéance : 12 € ; ça ?", "À bientôt ! ÇÉÈÊËÎÏÔÙÛÜŸ"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q missing in %q", want, got)
		}
	}
	if !containsUTF16(pdf, "«\u202fguillemets\u202f»") {
		t.Error("no narrow no-break spaces inside the guillemets")
	}
}

// TestPlanAgreementHasBothSignatures: the debtor acknowledges the debt
// and signs beside the creditor.
func TestPlanAgreementHasBothSignatures(t *testing.T) {
	c := testContext("fr", data.Commercial)
	c.Plan = &data.PaymentPlan{AgreedOn: c.Today, Instalments: []data.Instalment{
		{DueDate: data.MustDate("2026-03-15"), Amount: data.Euros(800, 0)}, {DueDate: data.MustDate("2026-04-15"), Amount: data.Euros(830, 50)}}}
	pdf := must[[]byte](t)(Document(DocPlanAgreement, Defaults(), c))
	savePages(t, "plan", pdf)
	got := flat(pdfText(t, pdf))
	for _, want := range []string{"reconnaissance de dette", "Pour Atelier Dubois, le créancier", "Pour Boulangerie Martin & Fils, le débiteur",
		"Nom et qualité :", "Bon pour reconnaissance de dette de 1 630,50 €", "15 mars 2026", "800,00 €", "830,50 €"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q missing", want)
		}
	}
}

// TestPenaltyStatementAlone prints the statement without a template.
func TestPenaltyStatementAlone(t *testing.T) {
	c := testContext("fr", data.Commercial)
	pdf := must[[]byte](t)(Document(DocPenaltyStatement, Defaults(), c))
	savePages(t, "penalty-statement", pdf)
	got := flat(pdfText(t, pdf, "-layout"))
	for _, want := range []string{"Objet : Décompte des pénalités de retard au 1er mars 2026", "01/01/2026 01/03/2026 60 1 250,00 € 12,15 % 24,97 €",
		"Total réclamé 1 738,64 €", "article L441-10 du Code de commerce", "IBAN : FR76 3000 6000 0112 3456 7890 189",
		"Montant : 1 738,64 €"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q missing", want)
		}
	}
	c.Statement = nil
	if _, err := PenaltyStatement(c); !errors.Is(err, ErrNoStatement) {
		t.Errorf("no statement: err = %v", err)
	}
}

// TestNoLetterForAnEmailOnlyStep: the pre-due notice has no letter.
func TestNoLetterForAnEmailOnlyStep(t *testing.T) {
	if _, err := Document("pre_due", Defaults(), testContext("fr", data.Commercial)); !errors.Is(err, ErrNoLetter) {
		t.Errorf("err = %v, want ErrNoLetter", err)
	}
}
