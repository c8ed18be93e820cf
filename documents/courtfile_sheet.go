package documents

import (
	"fmt"
	"strconv"
	"strings"

	"relance/data"
)

// report is a document that is not a letter (the court file's summary
// and bordereau): a title, sections of label–value lines and tables, the
// company's legal mentions at the foot.
type report struct {
	c   *Context
	doc *pdfDoc
}

func newReport(c *Context, title, subtitle string) *report {
	r := &report{c: c, doc: newPDFDoc(title, c.Company.LegalName, courtDay(c.Today))}
	r.doc.footer = LegalMentions(c.Company, "fr")
	r.doc.pageLabel = func(n, total int) string { return lw("fr", "page", "n", strconv.Itoa(n), "total", strconv.Itoa(total)) }
	r.doc.add(r.doc.paragraph(FrenchTypography(title), flow{style: styleBold, size: 14, keep: true})...)
	if subtitle != "" {
		r.doc.space(1)
		r.doc.add(r.doc.paragraph(FrenchTypography(subtitle), flow{size: sizeBody, color: colorMuted})...)
	}
	r.doc.space(4)
	return r
}

// section starts a numbered part.
func (r *report) section(title string) {
	r.doc.space(3)
	bands := r.doc.paragraph(FrenchTypography(title), flow{style: styleBold, size: 11, keep: true})
	bands[len(bands)-1].keep = true
	r.doc.add(bands...)
	r.doc.space(1.5)
}

// pairs writes label–value lines: the label on the left, the value
// wrapped beside it.
func (r *report) pairs(rows [][2]string) {
	const labelW, valueX = 56.0, 60.0
	lh := lineHeight(sizeSmall) * 1.1
	for _, p := range rows {
		if strings.TrimSpace(p[1]) == "" {
			continue
		}
		labels := wrapText(FrenchTypography(p[0]), styleRegular, sizeSmall, labelW)
		values := wrapText(FrenchTypography(p[1]), styleBold, sizeSmall, contentWidth-valueX)
		for i := range max(len(labels), len(values)) {
			var texts []txt
			if i < len(labels) {
				texts = append(texts, txt{s: strings.Join(labels[i].words, " "), y: baseline(sizeSmall, lh), size: sizeSmall, color: colorMuted})
			}
			if i < len(values) {
				texts = append(texts, txt{s: strings.Join(values[i].words, " "), x: valueX, y: baseline(sizeSmall, lh), style: styleBold, size: sizeSmall})
			}
			b := r.doc.lineBand(lh, texts...)
			b.keep = i < max(len(labels), len(values))-1
			r.doc.add(b)
		}
		r.doc.space(0.8)
	}
}

// text writes a justified paragraph.
func (r *report) text(s string, size float64) {
	r.doc.add(r.doc.paragraph(FrenchTypography(s), flow{justify: true, size: size})...)
}

// Bordereau writes the numbered list of exhibits, as filed with the
// request (the summary sheet says which ones the owner must add).
func Bordereau(c *Context, exhibits []Exhibit) ([]byte, error) {
	c = frenchCopy(c)
	r := newReport(c, "Bordereau des pièces communiquées",
		fmt.Sprintf("%s — %s contre %s", claimTitle(CompetentCourt(c.Client)), c.Company.LegalName, c.Client.Name))
	t := table{head: []string{"N°", "Pièce", "Date"}, right: []bool{true, false, false}}
	for _, e := range exhibits {
		title := e.Title
		if e.File == "" {
			title += " (à ajouter)" // the owner adds it before filing
		}
		t.rows = append(t.rows, []string{strconv.Itoa(e.Number), title, e.Date.FormatFR()})
	}
	r.doc.add(r.doc.table(t)...)
	r.doc.space(8)
	r.doc.add(r.doc.paragraph(DateLine(c.Company.Address.City, c.Today), flow{x: contentWidth / 2})...)
	r.doc.add(r.doc.paragraph(signatoryOf(c.Company), flow{x: contentWidth / 2, style: styleBold})...)
	return r.doc.render()
}

// signatoryOf is "Claire Dubois, gérante" or the company's name.
func signatoryOf(co data.Company) string {
	name := co.SignatoryName
	if name == "" {
		return co.LegalName
	}
	if co.SignatoryRole != "" {
		name += ", " + co.SignatoryRole
	}
	return name
}

// claimTitle names the claim: a request for a payment order, or a
// public buyer's référé-provision (no payment order against it).
func claimTitle(court Court) string {
	if court.Administrative {
		return "Requête en référé-provision"
	}
	return "Requête en injonction de payer"
}

// CourtSummary writes the summary sheet of the claim: the competent court
// and the form to fill (Cerfa 12946 for a commercial debtor, 12948 for a
// civil one or a consumer; none for a public buyer's référé-provision),
// the parties, the amount broken down (principal, interest or penalties,
// indemnity), its basis (the court_file template), the exhibits, and what
// follows the order.
func CourtSummary(c *Context, src TemplateSource, exhibits []Exhibit) ([]byte, error) {
	c = frenchCopy(c)
	court := CompetentCourt(c.Client)
	subtitle := "Les informations à reporter sur le formulaire " + court.Form + ", arrêtées au " + c.Today.LongFR() + "."
	if court.Administrative {
		subtitle = "Les éléments de la requête au juge des référés du tribunal administratif, arrêtés au " + c.Today.LongFR() + "."
	}
	r := newReport(c, claimTitle(court)+" — fiche récapitulative", subtitle)
	r.section("1. Juridiction compétente")
	r.pairs([][2]string{{"Juridiction", court.Name}, {"Procédure", court.Procedure}, {"Formulaire", court.Form}, {"Frais", court.Fee}})
	r.doc.space(1)
	r.text(court.Note, sizeSmall)
	r.section("2. Créancier (demandeur)")
	r.pairs(creditorLines(c.Company))
	r.section("3. Débiteur (défendeur)")
	r.pairs(debtorLines(c.Client))
	r.section("4. Montant de la créance")
	r.pairs(amountLines(c))
	if err := r.basis(src); err != nil {
		return nil, err
	}
	next := "6"
	if len(exhibits) > 0 {
		r.section("6. Pièces justificatives (bordereau)")
		r.exhibitLines(exhibits)
		next = "7"
	}
	r.section(next + ". Après l'ordonnance")
	r.text(afterOrder(court), sizeSmall)
	return r.doc.render()
}

// afterOrder says what follows the judge's order.
func afterOrder(court Court) string {
	if court.Administrative {
		return "L'ordonnance du juge des référés qui accorde la provision peut faire l'objet d'un appel devant la cour " +
			"administrative d'appel dans les quinze jours de sa notification (article R541-3 du Code de justice " +
			"administrative)."
	}
	return "L'ordonnance portant injonction de payer doit être signifiée au débiteur par un commissaire de justice " +
		"dans les six mois de sa date, faute de quoi elle est non avenue. Le débiteur peut former opposition dans le " +
		"mois qui suit la signification."
}

// basis is the request's text: the court_file template, rendered.
func (r *report) basis(src TemplateSource) error {
	r.section("5. Fondement de la demande")
	subject, body, _, err := src.Template("court_file", ChannelLetter, "fr")
	if err != nil {
		return fmt.Errorf("court file: %w", err)
	}
	rendered, err := Render(subject, body, r.c)
	if err != nil {
		return err
	}
	for i, p := range rendered.Paragraphs {
		if i > 0 {
			r.doc.space(2.5)
		}
		if p.Block != "" {
			for _, t := range blockTables(p.Block, r.c) {
				r.doc.add(r.doc.table(t)...)
			}
			continue
		}
		r.text(p.Text, sizeBody)
	}
	return nil
}

// exhibitLines list the exhibits, those to add marked.
func (r *report) exhibitLines(exhibits []Exhibit) {
	t := table{head: []string{"N°", "Pièce", "Dans le dossier"}, right: []bool{true, false, false}}
	for _, e := range exhibits {
		state := e.File
		if state == "" {
			state = "à joindre : " + e.Missing
		}
		t.rows = append(t.rows, []string{strconv.Itoa(e.Number), e.Title, state})
	}
	r.doc.add(r.doc.table(t)...)
}

// creditorLines are the creditor's identity.
func creditorLines(co data.Company) [][2]string {
	name := co.LegalName
	if co.LegalForm != "" {
		name += " (" + co.LegalForm + ")"
	}
	rcs := formatSIREN(co.SIREN)
	if rcs != "" && co.RCSCity != "" {
		rcs += " RCS " + co.RCSCity
	}
	capital := ""
	if co.Capital > 0 {
		capital = co.Capital.FormatFR()
	}
	return [][2]string{{"Dénomination", name}, {"Capital social", capital}, {"SIREN", rcs},
		{"Siège social", strings.Join(co.Address.Lines(), ", ")}, {"Représenté par", signatoryOf(co)},
		{"Contact", strings.Trim(co.Phone+" · "+co.Email, " ·")}}
}

// debtorKinds are the debtor types as the court reads them.
var debtorKinds = map[data.ClientKind]string{
	data.Commercial:  "Professionnel commerçant (société commerciale, commerçant, artisan)",
	data.Civil:       "Personne civile (SCI, association, profession libérale)",
	data.PublicBuyer: "Acheteur public (État, collectivité territoriale, établissement public)",
	data.Consumer:    "Particulier (consommateur)",
}

// debtorLines are the debtor's identity.
func debtorLines(c data.Client) [][2]string {
	kind, ok := debtorKinds[c.Kind]
	if !ok {
		kind = debtorKinds[data.Commercial] // an unset type is a commercial debtor (data.Client.Validate)
	}
	return [][2]string{{"Nom ou dénomination", c.Name}, {"Qualité", kind}, {"SIREN", formatSIREN(c.SIREN)},
		{"Adresse", strings.Join(c.Address.Lines(), ", ")}, {"Représentant connu", c.ContactName}}
}

// amountLines break the claim down: principal, interest or penalties
// (with their rate and the date they are computed to), the indemnity, the
// total.
func amountLines(c *Context) [][2]string {
	st := c.Statement
	if st == nil {
		return [][2]string{{"Principal", c.totalOutstanding().FormatFR()}, {"Total", c.totalOutstanding().FormatFR()}}
	}
	interest, indemnity := "Pénalités de retard (article L441-10 du Code de commerce)",
		"Indemnité forfaitaire pour frais de recouvrement (article D441-5 du Code de commerce)"
	switch c.lateCharge() {
	case chargeInterest:
		interest = "Intérêts au taux légal (article 1344-1 du Code civil)"
	case chargeMoratory:
		interest = "Intérêts moratoires (article R2192-31 du Code de la commande publique)"
		indemnity = "Indemnité forfaitaire pour frais de recouvrement (article D2192-35 du Code de la commande publique)"
	}
	lines := [][2]string{
		{"Principal (factures TTC restant dues)", st.Outstanding.FormatFR()},
		{interest, accruedLine(c)},
	}
	if st.Indemnity > 0 {
		lines = append(lines, [2]string{indemnity, st.Indemnity.FormatFR() + " (" + strconv.Itoa(int(st.Indemnity/4000)) + " × 40 €)"})
	}
	if text := st.imputationText("fr"); text != "" {
		lines = append(lines, [2]string{"Imputation des paiements", text})
	}
	return append(lines, [2]string{"Total de la créance", st.Total.FormatFR()})
}

// accruedLine is the interest still owed, the day and rate it is
// computed to, and, when payments settled part of it, what accrued and
// what was paid: the lines of the claim add up to its total.
func accruedLine(c *Context) string {
	st := c.Statement
	line := st.PenaltiesDue().FormatFR() + " arrêtés au " + st.AsOf.LongFR()
	if rate := c.Values()["penalty_rate"]; rate != "" {
		line += ", au taux de " + rate
	}
	line += ", et qui continuent de courir"
	if st.InterestPaid > 0 {
		line += " (" + st.Penalties.FormatFR() + " courus, dont " + st.InterestPaid.FormatFR() + " réglés par les paiements)"
	}
	return line
}
