package documents

// The fixed texts of the printed letters, in the document's language (the
// client's). French ones get their no-break spaces from FrenchTypography.
var letterWordings = map[string]map[string]string{
	"fr": frenchWordings(map[string]string{
		"ref.ours":       "N/Réf. :",
		"ref.yours":      "V/Réf. :",
		"ref.siren":      "Votre SIREN :",
		"registered":     "Lettre recommandée avec accusé de réception n° {number}",
		"registered.to":  "Lettre recommandée avec accusé de réception n° ............................................",
		"subject":        "Objet :",
		"enclosures":     "P. J. :",
		"attention":      "À l'attention de {name}",
		"page":           "Page {n}/{total}",
		"capital":        "au capital de {amount}",
		"seat":           "Siège social : {address}",
		"vat":            "TVA intracommunautaire : {vat}",
		"phone":          "Tél. {phone}",
		"ei":             "Entrepreneur individuel (EI)",
		"pay.title":      "Règlement par virement",
		"pay.name":       "Bénéficiaire :",
		"pay.iban":       "IBAN :",
		"pay.bic":        "BIC :",
		"pay.reference":  "Référence à indiquer :",
		"pay.amount":     "Montant :",
		"pay.amount_due": "Échu à ce jour :",
		"pay.scan":       "Scannez ce code avec votre application bancaire : il préremplit le virement.",
		"invoice":        "Facture",
		"invoices":       "Factures",
		"annex":          "Annexe : décompte des sommes dues au {date}",
		"penalty.title":  "Décompte des pénalités de retard au {date}",
		// A consumer owes interest, never penalties; a public buyer owes
		// intérêts moratoires.
		"penalty.title.interest": "Décompte des intérêts de retard au {date}",
		"penalty.title.public":   "Décompte des intérêts moratoires au {date}",
		"penalty.intro":          "Décompte des sommes dues au titre des factures {numbers}, arrêté au {date}.",
		"penalty.run":            "Les pénalités continuent de courir jusqu'au parfait paiement.",
		"penalty.run.public":     "Les intérêts moratoires continuent de courir jusqu'au parfait paiement.",
		"statement.head":         "Relevé de compte au {date}",
		"statement.open":         "Factures non réglées",
		"statement.due":          "dont échu",
		"statement.all":          "Total restant dû",
		"sign.creditor":          "Pour {company}, le créancier",
		"sign.debtor":            "Pour {client}, le débiteur",
		"sign.name":              "Nom et qualité :",
		"sign.date":              "Date :",
		"sign.mention":           "Signature précédée de la mention manuscrite « Bon pour reconnaissance de dette de {amount} »",
	}),
	"en": {
		"ref.ours":               "Our ref.:",
		"ref.yours":              "Your ref.:",
		"ref.siren":              "Your SIREN:",
		"registered":             "Registered letter with acknowledgment of receipt no. {number}",
		"registered.to":          "Registered letter with acknowledgment of receipt no. ............................................",
		"subject":                "Subject:",
		"enclosures":             "Enclosures:",
		"attention":              "For the attention of {name}",
		"page":                   "Page {n}/{total}",
		"capital":                "with a share capital of {amount}",
		"seat":                   "Registered office: {address}",
		"vat":                    "VAT number: {vat}",
		"phone":                  "Tel. {phone}",
		"ei":                     "Sole trader (EI)",
		"pay.title":              "Payment by bank transfer",
		"pay.name":               "Beneficiary:",
		"pay.iban":               "IBAN:",
		"pay.bic":                "BIC:",
		"pay.reference":          "Reference to quote:",
		"pay.amount":             "Amount:",
		"pay.amount_due":         "Due to date:",
		"pay.scan":               "Scan this code with your banking app: it fills in the transfer.",
		"invoice":                "Invoice",
		"invoices":               "Invoices",
		"annex":                  "Annex: statement of the amounts due as of {date}",
		"penalty.title":          "Statement of late-payment penalties as of {date}",
		"penalty.title.interest": "Statement of late-payment interest as of {date}",
		"penalty.title.public":   "Statement of late-payment interest (intérêts moratoires) as of {date}",
		"penalty.intro":          "Statement of the amounts due on invoices {numbers}, as of {date}.",
		"penalty.run":            "Penalties continue to accrue until payment in full.",
		"penalty.run.public":     "Late-payment interest continues to accrue until payment in full.",
		"statement.head":         "Statement of account as of {date}",
		"statement.open":         "Unpaid invoices",
		"statement.due":          "of which overdue",
		"statement.all":          "Total outstanding",
		"sign.creditor":          "For {company}, the creditor",
		"sign.debtor":            "For {client}, the debtor",
		"sign.name":              "Name and title:",
		"sign.date":              "Date:",
		"sign.mention":           "Signature preceded by the handwritten words \"Good for acknowledgment of a debt of {amount}\"",
	},
}

// lw returns a fixed letter text in lang, its {names} filled from args
// (given as name, value pairs).
func lw(lang, key string, args ...string) string {
	s, ok := letterWordings[docLang(lang)][key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return s
	}
	m := make(map[string]string, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		m[args[i]] = args[i+1]
	}
	return fill(s, m)
}

// countryNames are the country lines of foreign postal addresses, in
// capitals as La Poste wants them (an ISO code alone may not be read).
var countryNames = map[string]string{
	"BE": "BELGIQUE", "CH": "SUISSE", "LU": "LUXEMBOURG", "DE": "ALLEMAGNE", "ES": "ESPAGNE", "IT": "ITALIE",
	"GB": "ROYAUME-UNI", "UK": "ROYAUME-UNI", "US": "ETATS-UNIS", "MC": "MONACO", "NL": "PAYS-BAS", "PT": "PORTUGAL",
	"IE": "IRLANDE", "AT": "AUTRICHE", "CA": "CANADA", "MA": "MAROC", "TN": "TUNISIE", "DZ": "ALGERIE",
}

// streetAbbreviations shorten the words of a street line that is over 38
// characters, as La Poste's addressing standard does.
var streetAbbreviations = [][2]string{
	{"zone industrielle", "ZI"}, {"zone d'activités", "ZA"}, {"zone d'activité", "ZA"}, {"boulevard", "bd"},
	{"avenue", "av."}, {"faubourg", "fg"}, {"impasse", "imp."}, {"place", "pl."}, {"route", "rte"},
	{"résidence", "rés."}, {"bâtiment", "bât."}, {"appartement", "appt"}, {"escalier", "esc."}, {"chemin", "ch."},
	{"allée", "all."}, {"maréchal", "Mal"}, {"général", "Gal"}, {"docteur", "Dr"}, {"président", "Pdt"},
	{"sainte", "Ste"}, {"saint", "St"}, {"quai", "q."}, {"square", "sq."},
}
