package documents

import (
	"strings"

	"relance/data"
)

// The fixed texts of documents (table headers, list words, the sentences of
// a penalty statement) are in the document's language, which is the
// client's, not the window's: documents keeps its own small tables rather
// than the UI catalogues.

// Statement bases, as the dunning package names them (documents does not
// import it: the caller passes the name).
const (
	BasisECBPlus10 = "ecb_plus_10"
	BasisFixed     = "fixed"
	BasisPublic    = "public" // a public buyer's intérêts moratoires
	BasisLegalRate = "legal_rate"
	BasisWaived    = "waived" // late, but the creditor gave the penalties up
	BasisNone      = "none"
)

// wordings are the fixed texts by language then key. French ones are
// written with plain spaces and given their no-break spaces by
// frenchTypography when the table is built.
var wordings = map[string]map[string]string{
	"fr": frenchWordings(map[string]string{
		"and":  "et",
		"then": "puis",
		"on":   "le",
		"of":   "du",

		"penalties_name":         "pénalités de retard",
		"penalties_name.public":  "intérêts moratoires",
		"indemnity_basis":        "article D441-5 du Code de commerce",
		"indemnity_basis.public": "article D2192-35 du Code de la commande publique",

		"greeting.madam":       "Madame {name}",
		"greeting.sir":         "Monsieur {name}",
		"greeting.madam.alone": "Madame",
		"greeting.sir.alone":   "Monsieur",
		"greeting.none":        "Madame, Monsieur",
		"salutation.madam":     "Madame",
		"salutation.sir":       "Monsieur",
		"salutation.none":      "Madame, Monsieur",

		"reminders_sent.one":     "notre relance",
		"reminders_sent.many":    "nos relances",
		"attached_invoices.one":  "la facture",
		"attached_invoices.many": "les factures",
		"total":                  "Total",

		"col.number":      "Facture",
		"col.issue":       "Date",
		"col.due":         "Échéance",
		"col.amount":      "Montant TTC",
		"col.paid":        "Réglé",
		"col.outstanding": "Reste dû",
		"col.days_late":   "Retard (jours)",
		"col.from":        "Du",
		"col.to":          "Au",
		"col.days":        "Jours",
		"col.base":        "Base",
		"col.rate":        "Taux",
		"col.penalties":   "Pénalités",
		"col.interest":    "Intérêts",
		"col.paid_on":     "Réglée le",
		"col.instalment":  "Échéance n°",
		"col.date":        "Date",

		"statement.as_of":       "Décompte arrêté au {date}",
		"statement.outstanding": "Principal restant dû",
		"statement.penalties":   "Pénalités de retard",
		"statement.interest":    "Intérêts au taux légal",
		"statement.moratory":    "Intérêts moratoires",
		"statement.paid":        "Dont réglés par les paiements",
		"statement.indemnity":   "Indemnité forfaitaire pour frais de recouvrement",
		"statement.total":       "Total réclamé",

		"paid_late.caption": "Factures réglées en retard : les pénalités de retard et l'indemnité forfaitaire " +
			"restent dues",
		"paid_late.caption.public": "Factures réglées en retard : les intérêts moratoires et l'indemnité forfaitaire " +
			"restent dus",

		"no_reminder": "(aucune relance enregistrée)",

		"basis." + BasisECBPlus10: "Les pénalités de retard sont dues de plein droit dès le lendemain de la date d'échéance " +
			"(article L441-10 du Code de commerce), au taux directeur de la Banque centrale européenne majoré de 10 points " +
			"(taux en vigueur au 1er janvier pour les jours du premier semestre, au 1er juillet pour ceux du second), " +
			"en intérêts simples sur le montant TTC restant dû, sur une année de 365 jours.",
		"basis." + BasisFixed: "Les pénalités de retard sont dues de plein droit dès le lendemain de la date d'échéance " +
			"(article L441-10 du Code de commerce), au taux prévu par nos conditions de vente, " +
			"en intérêts simples sur le montant TTC restant dû, sur une année de 365 jours.",
		"basis." + BasisLegalRate: "Les intérêts de retard courent au taux de l'intérêt légal à compter du lendemain de la " +
			"réception de la mise en demeure (article 1344-1 du Code civil), en intérêts simples sur la somme restant due, " +
			"sur une année de 365 jours.",
		"basis." + BasisPublic: "Les intérêts moratoires sont dus de plein droit dès le lendemain de l'expiration du délai " +
			"de paiement, au taux directeur de la Banque centrale européenne en vigueur au premier jour du semestre au cours " +
			"duquel ils ont commencé à courir, majoré de 8 points, pour toute la durée du retard (article R2192-31 du Code " +
			"de la commande publique), en intérêts simples sur le montant TTC restant dû, sur une année de 365 jours ; " +
			"s'y ajoute une indemnité forfaitaire pour frais de recouvrement de 40 € (article D2192-35 du même code).",
		// Neutral words: a waiver may concern a consumer, whose documents
		// never speak of penalties.
		"basis." + BasisWaived: "Le créancier renonce, sur cette facture, aux sommes dues au titre du retard de paiement " +
			"(intérêts de retard et indemnité forfaitaire) : seul le principal est réclamé.",

		"imputation." + data.ImputeInterestFirst: "Les paiements partiels sont imputés d'abord sur les intérêts échus, " +
			"puis sur le principal (article 1343-1 du Code civil).",
		"imputation." + data.ImputePrincipal: "Les paiements partiels sont imputés sur le principal : ils réduisent " +
			"la base de calcul à compter du lendemain de leur date.",

		"penalty_terms": "Conformément à l'article L441-10 du Code de commerce, des pénalités de retard sont exigibles " +
			"de plein droit depuis le lendemain de la date d'échéance (taux : {rate}), ainsi qu'une indemnité forfaitaire " +
			"pour frais de recouvrement de 40 € par facture payée en retard (article D441-5 du Code de commerce).",
		"penalty_terms.no_rate": "Conformément à l'article L441-10 du Code de commerce, des pénalités de retard sont " +
			"exigibles de plein droit depuis le lendemain de la date d'échéance, ainsi qu'une indemnité forfaitaire " +
			"pour frais de recouvrement de 40 € par facture payée en retard (article D441-5 du Code de commerce).",
		"penalty_terms.public": "Conformément au Code de la commande publique, des intérêts moratoires sont dus de plein " +
			"droit depuis le lendemain de l'expiration du délai de paiement (taux : {rate}, article R2192-31), ainsi qu'une " +
			"indemnité forfaitaire pour frais de recouvrement de 40 € par facture payée en retard (article D2192-35).",
		"penalty_terms.public.no_rate": "Conformément au Code de la commande publique, des intérêts moratoires sont dus " +
			"de plein droit depuis le lendemain de l'expiration du délai de paiement, au taux de la Banque centrale " +
			"européenne majoré de 8 points (article R2192-31), ainsi qu'une indemnité forfaitaire pour frais de " +
			"recouvrement de 40 € par facture payée en retard (article D2192-35).",

		"warning.ecb_rate_assumed": "Taux de la BCE en vigueur le {date} supposé égal à {rate} %, dernier taux connu.",
		"warning.legal_rate_assumed": "Taux de l'intérêt légal du {half} supposé égal à {rate} %, " +
			"celui du {from}.",
		"warning.fixed_rate_below_floor": "Le taux contractuel de {rate} % est inférieur au minimum légal de " +
			"{floor} % pour le {half}.",
		"warning.no_rate":            "Aucun taux n'est connu pour le {half} : cette période n'est pas comptée.",
		"warning.consumer_no_notice": "Les intérêts au taux légal ne courent qu'à compter de la réception de la mise en demeure.",
		"half.1":                     "1er semestre {year}",
		"half.2":                     "2e semestre {year}",
	}),
	"en": {
		"and":  "and",
		"then": "then",
		"on":   "on",
		"of":   "of",

		"penalties_name":         "late-payment penalties",
		"penalties_name.public":  "late-payment interest",
		"indemnity_basis":        "article D441-5 of the French Commercial Code",
		"indemnity_basis.public": "article D2192-35 of the French Public Procurement Code",

		"greeting.madam":       "Dear Ms {name}",
		"greeting.sir":         "Dear Mr {name}",
		"greeting.madam.alone": "Dear Madam",
		"greeting.sir.alone":   "Dear Sir",
		"greeting.none":        "Dear Sir or Madam",
		"salutation.madam":     "Madam",
		"salutation.sir":       "Sir",
		"salutation.none":      "Sir or Madam",

		"reminders_sent.one":     "our reminder",
		"reminders_sent.many":    "our reminders",
		"attached_invoices.one":  "invoice",
		"attached_invoices.many": "invoices",
		"total":                  "Total",

		"col.number":      "Invoice",
		"col.issue":       "Date",
		"col.due":         "Due",
		"col.amount":      "Amount incl. VAT",
		"col.paid":        "Paid",
		"col.outstanding": "Outstanding",
		"col.days_late":   "Days late",
		"col.from":        "From",
		"col.to":          "To",
		"col.days":        "Days",
		"col.base":        "Base",
		"col.rate":        "Rate",
		"col.penalties":   "Penalties",
		"col.interest":    "Interest",
		"col.paid_on":     "Paid on",
		"col.instalment":  "Instalment",
		"col.date":        "Date",

		"statement.as_of":       "Statement as of {date}",
		"statement.outstanding": "Principal outstanding",
		"statement.penalties":   "Late-payment penalties",
		"statement.interest":    "Interest at the legal rate",
		"statement.moratory":    "Late-payment interest (intérêts moratoires)",
		"statement.paid":        "Of which settled by the payments",
		"statement.indemnity":   "Fixed recovery fee",
		"statement.total":       "Total claimed",

		"paid_late.caption":        "Invoices paid late: the late-payment penalties and the fixed recovery fee remain due",
		"paid_late.caption.public": "Invoices paid late: the late-payment interest and the fixed recovery fee remain due",

		"no_reminder": "(no reminder recorded)",

		"basis." + BasisECBPlus10: "Late-payment penalties are due by law from the day after the due date " +
			"(article L441-10 of the French Commercial Code), at the European Central Bank's main refinancing rate " +
			"plus 10 points (the rate in force on 1 January for days in the first half of the year, on 1 July for the " +
			"second), as simple interest on the outstanding amount including VAT, over a 365-day year.",
		"basis." + BasisFixed: "Late-payment penalties are due by law from the day after the due date " +
			"(article L441-10 of the French Commercial Code), at the rate set in our terms of sale, as simple interest " +
			"on the outstanding amount including VAT, over a 365-day year.",
		"basis." + BasisLegalRate: "Interest runs at the legal rate from the day after the formal notice was received " +
			"(article 1344-1 of the French Civil Code), as simple interest on the amount outstanding, over a 365-day year.",
		"basis." + BasisPublic: "Late-payment interest (intérêts moratoires) is due by law from the day after the payment " +
			"period expired, at the European Central Bank's main refinancing rate in force on the first day of the half-year " +
			"in which it started to run, plus 8 points, for the whole delay (article R2192-31 of the French Public " +
			"Procurement Code), as simple interest on the outstanding amount including VAT, over a 365-day year, together " +
			"with a fixed recovery fee of €40 (article D2192-35 of the same code).",
		"basis." + BasisWaived: "The creditor waives, on this invoice, the sums due for late payment (late-payment " +
			"interest and the fixed recovery fee): only the principal is claimed.",

		"imputation." + data.ImputeInterestFirst: "Partial payments are applied first to the interest accrued, then to " +
			"the principal (article 1343-1 of the French Civil Code).",
		"imputation." + data.ImputePrincipal: "Partial payments are applied to the principal: they reduce the base " +
			"from the day after they were made.",

		"penalty_terms": "Under article L441-10 of the French Commercial Code, late-payment penalties are due by law " +
			"from the day after the due date (rate: {rate}), together with a fixed recovery fee of €40 per invoice paid late " +
			"(article D441-5 of the French Commercial Code).",
		"penalty_terms.no_rate": "Under article L441-10 of the French Commercial Code, late-payment penalties are due " +
			"by law from the day after the due date, together with a fixed recovery fee of €40 per invoice paid late " +
			"(article D441-5 of the French Commercial Code).",
		"penalty_terms.public": "Under the French Public Procurement Code, late-payment interest (intérêts moratoires) " +
			"is due by law from the day after the payment period expired (rate: {rate}, article R2192-31), together with " +
			"a fixed recovery fee of €40 per invoice paid late (article D2192-35).",
		"penalty_terms.public.no_rate": "Under the French Public Procurement Code, late-payment interest (intérêts " +
			"moratoires) is due by law from the day after the payment period expired, at the European Central Bank's " +
			"rate plus 8 points (article R2192-31), together with a fixed recovery fee of €40 per invoice paid late " +
			"(article D2192-35).",

		"warning.ecb_rate_assumed":       "ECB rate in force on {date} assumed to be {rate}%, the last known.",
		"warning.legal_rate_assumed":     "Legal interest rate for the {half} assumed to be {rate}%, that of the {from}.",
		"warning.fixed_rate_below_floor": "The contractual rate of {rate}% is below the legal minimum of {floor}% for the {half}.",
		"warning.no_rate":                "No rate is known for the {half}: that period is not counted.",
		"warning.consumer_no_notice":     "Interest at the legal rate runs only from receipt of the formal notice.",
		"half.1":                         "first half of {year}",
		"half.2":                         "second half of {year}",
	},
}

// word returns the fixed text key in lang (French when lang is not
// English). A missing key shows as itself rather than vanishing.
func word(lang, key string) string {
	if s, ok := wordings[docLang(lang)][key]; ok {
		return s
	}
	return key
}

// docLang is "en" for English documents and "fr" for anything else: French
// is the app's home language.
func docLang(lang string) string {
	if lang == "en" {
		return "en"
	}
	return "fr"
}

// frenchWordings gives every French text its no-break spaces.
func frenchWordings(m map[string]string) map[string]string {
	for k, v := range m {
		m[k] = FrenchTypography(v)
	}
	return m
}

// FrenchTypography replaces the plain spaces French typography wants
// unbreakable: a no-break space before ":" and "%" and "€", a narrow one before
// ";", "!", "?" and "»" and after "«". Text already right is left alone.
func FrenchTypography(s string) string {
	return frenchSpaces.Replace(s)
}

var frenchSpaces = strings.NewReplacer(
	" :", "\u00a0:",
	" ;", "\u202f;",
	" !", "\u202f!",
	" ?", "\u202f?",
	" »", "\u202f»",
	"« ", "«\u202f",
	" %", "\u00a0%",
	" €", "\u00a0€",
)

// BasisSentence says how a penalty statement is computed, in lang: basis is
// one of the Basis constants (the dunning package's names). It is empty
// when nothing is owed beyond the balance.
func BasisSentence(basis, lang string) string {
	if basis == "" || basis == BasisNone {
		return ""
	}
	return word(lang, "basis."+basis)
}

// ImputationSentence says how partial payments were imputed (imputation
// is data.ImputeInterestFirst or data.ImputePrincipal), in lang; "" for
// any other value.
func ImputationSentence(imputation, lang string) string {
	if s, ok := wordings[docLang(lang)]["imputation."+imputation]; ok {
		return s
	}
	return ""
}

// WarningSentence says a statement warning in lang. key and args are the
// dunning package's (Warning.Key, Warning.Args: ISO dates, rates with a
// dot, half-years as "H1 2026"); an unknown key gives "".
func WarningSentence(key string, args map[string]string, lang string) string {
	text, ok := wordings[docLang(lang)]["warning."+key]
	if !ok {
		return ""
	}
	local := make(map[string]string, len(args))
	for name, value := range args {
		local[name] = warningArg(name, value, lang)
	}
	return fill(text, local)
}

// fill replaces every {name} of text by args[name].
func fill(text string, args map[string]string) string {
	var b strings.Builder
	for {
		start := strings.IndexByte(text, '{')
		end := strings.IndexByte(text[max(start, 0):], '}')
		if start < 0 || end < 0 {
			break
		}
		b.WriteString(text[:start])
		b.WriteString(args[text[start+1:start+end]])
		text = text[start+end+1:]
	}
	b.WriteString(text)
	return b.String()
}

// warningArg writes one warning argument the document's way.
func warningArg(name, value, lang string) string {
	switch name {
	case "date":
		if d, err := data.ParseDate(value); err == nil {
			return longDate(d, lang)
		}
	case "rate", "floor":
		if docLang(lang) == "fr" {
			return strings.Replace(value, ".", ",", 1)
		}
	case "half", "from":
		half, year, ok := strings.Cut(strings.TrimPrefix(value, "H"), " ")
		if ok && (half == "1" || half == "2") {
			return fill(word(lang, "half."+half), map[string]string{"year": year})
		}
	}
	return value
}
