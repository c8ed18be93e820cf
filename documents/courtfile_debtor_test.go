package documents

import (
	"strings"
	"testing"

	"relance/data"
)

// publicContext is testContext for a commune: intérêts moratoires at the
// ECB rate of the half-year they started in + 8 points.
func publicContext(lang string) *Context {
	c := testContext(lang, data.PublicBuyer)
	c.Client.Name, c.Client.SIREN = "Commune de Villeurbanne", "216902647"
	for i := range c.Statement.Rows {
		c.Statement.Rows[i].RateBP = 1015
	}
	c.Statement.BasisCode, c.Statement.Basis = BasisPublic, BasisSentence(BasisPublic, lang)
	return c
}

func courtSummaryText(t *testing.T, c *Context) string {
	t.Helper()
	return flat(pdfText(t, must[[]byte](t)(CourtSummary(c, Defaults(), nil)), "-layout"))
}

func wantAll(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s: %q missing", what, w)
		}
	}
}

func wantNone(t *testing.T, what, text string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(strings.ToLower(text), strings.ToLower(w)) {
			t.Errorf("%s: %q present", what, w)
		}
	}
}

// Each debtor type goes to its court with its form: a civil debtor to the
// tribunal judiciaire (Cerfa 12948), a public buyer to the tribunal
// administratif without any form; the commercial note no longer sends the
// reader elsewhere.
func TestCompetentCourtByDebtorType(t *testing.T) {
	court := func(kind data.ClientKind) Court {
		return CompetentCourt(data.Client{Kind: kind, Address: data.Address{City: "Lyon"}})
	}
	if c := court(data.Civil); c.Name != "Tribunal judiciaire dont relève Lyon" || c.Form != "Cerfa n° 12948" || !c.Civil {
		t.Errorf("civil debtor: %+v", c)
	}
	if c := court(data.PublicBuyer); !c.Administrative || c.Form != "" || !strings.Contains(c.Name, "tribunal administratif") ||
		!strings.Contains(c.Procedure, "R541-1") {
		t.Errorf("public buyer: %+v", c)
	}
	if c := court(data.Commercial); c.Form != "Cerfa n° 12946" || strings.Contains(c.Note, "Cerfa n° 12948") {
		t.Errorf("commercial debtor: the note contradicts the court: %+v", c)
	}
}

// A civil debtor's file names the tribunal judiciaire and Cerfa 12948, and
// calls the debtor by its type.
func TestCivilDebtorCourtFile(t *testing.T) {
	got := courtSummaryText(t, testContext("fr", data.Civil))
	wantAll(t, "civil summary", got, "Cerfa n° 12948", "Tribunal judiciaire dont relève Lyon",
		"Personne civile (SCI, association, profession libérale)")
	wantNone(t, "civil summary", got, "12946", "activités économiques", "Professionnel")
}

// A public buyer's file is a referral to the tribunal administratif
// (référé-provision) with the same exhibits: no payment-order request, no
// Cerfa; it claims intérêts moratoires under the Code de la commande
// publique, and never prints a raw wording key.
func TestPublicBuyerCourtFileIsAReferral(t *testing.T) {
	c := publicContext("fr")
	dir := t.TempDir()
	exhibits, err := CourtFile(dir, CourtFileInput{Context: c, Source: Defaults()})
	if err != nil {
		t.Fatal(err)
	}
	summary := flat(pdfText(t, readFile(t, dir, CourtSummaryFile), "-layout"))
	wantAll(t, "public summary", summary, "Requête en référé-provision — fiche récapitulative",
		"Juge des référés du tribunal administratif dont relève Lyon", "article R541-1 du Code de justice administrative",
		"Acheteur public", "Intérêts moratoires (article R2192-31", "recouvrement (article D2192-35 du Code de la commande publique)",
		"80,00 € (2 × 40 €)", "majoré de 8 points, pour toute la durée du retard",
		"R541-3")
	wantNone(t, "public summary", summary, "Requête en injonction de payer", "Cerfa", "basis.", "L441-10",
		"signifiée au débiteur par un commissaire de justice")
	bordereau := flat(pdfText(t, readFile(t, dir, CourtBordereauFile), "-layout"))
	wantAll(t, "public bordereau", bordereau, "Requête en référé-provision — Atelier Dubois contre Commune de Villeurbanne",
		"Preuve du contrat", "Preuve de la livraison")
	wantNone(t, "public bordereau", bordereau, "injonction de payer", "K-bis")
	if len(exhibits) != 3 { // contract and delivery to add, the statement
		t.Errorf("exhibits %+v", exhibits)
	}
}

// The basis of a public buyer's statement and of a waived invoice are
// sentences in both languages, printed in the letters.
func TestPublicAndWaivedBasesAreSentences(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		public := BasisSentence(BasisPublic, lang)
		wantAll(t, lang+" public basis", public, "R2192-31", "D2192-35", "8 points")
		if waived := BasisSentence(BasisWaived, lang); waived == "" || strings.Contains(waived, "basis.") {
			t.Errorf("%s: no sentence for a waiver: %q", lang, waived)
		}
		c := publicContext(lang)
		got := flat(pdfText(t, must[[]byte](t)(PenaltyStatement(c))))
		wantAll(t, lang+" public statement", got, "R2192-31")
		wantNone(t, lang+" public statement", got, "basis.public", "L441-10")
	}
	c := testContext("fr", data.Commercial)
	c.Statement.Rows, c.Statement.Penalties, c.Statement.Indemnity = nil, 0, 0
	c.Statement.Total = c.Statement.Outstanding
	c.Statement.BasisCode, c.Statement.Basis = BasisWaived, BasisSentence(BasisWaived, "fr")
	got := flat(pdfText(t, must[[]byte](t)(PenaltyStatement(c))))
	wantAll(t, "waived statement", got, "Le créancier renonce, sur cette facture")
	wantNone(t, "waived statement", got, "basis.waived")
}

// A public buyer's reminder of the rules cites the Code de la commande
// publique and speaks of intérêts moratoires, not of L441-10 penalties.
func TestPenaltyTermsOfAPublicBuyer(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		terms := publicContext(lang).Values()["penalty_terms"]
		wantAll(t, lang, terms, "intérêts moratoires", "R2192-31", "D2192-35", ratePercent(1015, lang))
		wantNone(t, lang, terms, "L441-10")
	}
	letter := flat(pdfText(t, must[[]byte](t)(StepLetter(Defaults(), "reminder_2", publicContext("fr")))))
	wantAll(t, "reminder to a commune", letter, "intérêts moratoires", "R2192-31")
	wantNone(t, "reminder to a commune", letter, "L441-10")
}

// No "(SIREN : )" when the debtor has none; the number when it has one.
func TestCourtFileSIRENOnlyWhenKnown(t *testing.T) {
	consumer := courtSummaryText(t, testContext("fr", data.Consumer))
	wantNone(t, "consumer", consumer, "(SIREN", "SIREN : )")
	company := courtSummaryText(t, testContext("fr", data.Commercial))
	wantAll(t, "company", company, "(SIREN : 987 654 321)")
}

// A consumer's documents speak of interest, never of penalties: the
// statement's title, the court file's summary and its letter.
func TestConsumerDocumentsNeverSpeakOfPenalties(t *testing.T) {
	c := testContext("fr", data.Consumer)
	statement := flat(pdfText(t, must[[]byte](t)(PenaltyStatement(c))))
	wantAll(t, "consumer statement", statement, "Décompte des intérêts de retard au 1er mars 2026")
	wantNone(t, "consumer statement", statement, "pénalit")
	wantNone(t, "consumer court summary", courtSummaryText(t, c), "pénalit")
	notice := flat(pdfText(t, must[[]byte](t)(StepLetter(Defaults(), DocFormalNotice, c))))
	wantNone(t, "consumer notice", notice, "pénalit")
}

// The exhibits a court file asks for follow the debtor: a company's Kbis
// (to add when not attached), never a consumer's nor a commune's; the
// proof of the contract and of the delivery for all.
func TestCourtFileExhibitsByDebtorType(t *testing.T) {
	for _, kind := range []data.ClientKind{data.Commercial, data.Civil, data.Consumer, data.PublicBuyer} {
		exhibits, err := CourtFile(t.TempDir(), CourtFileInput{Context: testContext("fr", kind), Source: Defaults()})
		if err != nil {
			t.Fatal(err)
		}
		var titles, missing []string
		for _, e := range exhibits {
			titles = append(titles, e.Title)
			missing = append(missing, e.Missing)
		}
		all := strings.Join(titles, " | ")
		if strings.Contains(all, "K-bis") != needsKbis(kind) {
			t.Errorf("%s: exhibits %q", kind, all)
		}
		wantAll(t, string(kind), all, "Preuve du contrat", "Preuve de la livraison ou de l'exécution")
		// What would do is said in the summary, not in the bordereau's
		// one-line cell.
		wantAll(t, string(kind), strings.Join(missing, " | "), "devis signé, bon de commande, contrat ou conditions générales")
	}
}

// The totals of a statement add up once payments went to the interest
// first: 6,000 € paid 2,000 € then 1,500 € leaves 2,681.10 € of principal
// and nothing of the 181.10 € of interest; the rule is stated.
func TestStatementTotalsAddUpAfterImputation(t *testing.T) {
	c := testContext("fr", data.Commercial)
	c.Invoices = c.Invoices[:1]
	c.Statement = &Statement{AsOf: c.Today, Outstanding: 268110, Penalties: 18110, InterestPaid: 18110, Indemnity: 4000,
		Total: 272110, BasisCode: BasisECBPlus10, Basis: BasisSentence(BasisECBPlus10, "fr"), Imputation: data.ImputeInterestFirst,
		Rows: []StatementRow{{Invoice: "FA-2026-0042", From: data.MustDate("2024-02-01"), To: data.MustDate("2024-03-27"),
			Days: 56, Base: 600000, RateBP: 1450, Amount: 13348}}}
	got := BlockText("penalty_statement", c)
	wantAll(t, "statement block", got, "Principal restant dû", money(268110, "fr"), "Dont réglés par les paiements", "−181,10",
		"Total réclamé", money(272110, "fr"), "article 1343-1 du Code civil")
	if v := c.Values(); v["principal_due"] != money(268110, "fr") || v["penalties"] != money(0, "fr") {
		t.Errorf("the notice's figures do not add up: principal %q, penalties %q", v["principal_due"], v["penalties"])
	}
	c.Statement.Imputation = data.ImputePrincipal
	wantAll(t, "on the principal", BlockText("penalty_statement", c), "imputés sur le principal")
}
