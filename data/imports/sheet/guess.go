package sheet

import (
	"cmp"
	"slices"
)

// vocabulary is how headers name each role, in French and English, as
// invoicing tools and people write them. Words go through normalize, so
// they are written as people type them. Exact entries match only a header
// that says nothing more ("Total", "Date", "Client"); phrases match a
// header that contains them, unless the header also holds one of the veto
// words: "Montant HT" contains "montant" but is not the amount due.
var vocabulary = []vocab{
	{role: InvoiceNumber,
		exact:   []string{"Numéro", "Facture", "Réf.", "Invoice", "Num", "Pièce", "Document", "N°"},
		phrases: []string{"N° facture", "Réf. facture", "Facture n°", "Invoice #", "Invoice number", "N° pièce", "Réf. pièce", "N° document", "Document number", "Invoice ref", "Bill number"},
		veto:    []string{"commande", "order", "client", "customer", "paiement", "payment", "règlement", "TVA", "VAT", "SIREN", "SIRET", "avoir", "credit", "téléphone", "phone", "devis", "bon", "date"}},
	{role: ClientName,
		exact:   []string{"Client", "Nom", "Name", "Société", "Company", "Customer", "Tiers", "Entreprise", "Destinataire", "Débiteur", "Acheteur", "Dénomination"},
		phrases: []string{"Raison sociale", "Nom client", "Client nom", "Nom société", "Nom entreprise", "Customer name", "Client name", "Company name", "Display name", "Nom tiers", "Dénomination sociale", "Billing name"},
		veto:    []string{"code", "id", "numéro", "réf", "email", "téléphone", "phone", "adresse", "address", "contact", "SIREN", "SIRET", "TVA", "VAT", "ville", "city", "code postal", "pays", "country", "type"}},
	{role: ClientSIREN,
		exact:   []string{"SIREN / SIRET", "SIRET / SIREN"},
		phrases: []string{"SIREN", "SIRET"}},
	{role: ClientVAT,
		phrases: []string{"N° TVA", "TVA intracommunautaire", "TVA intra", "VAT number", "VAT ID", "VAT registration", "Identifiant TVA", "Tax ID", "VAT reg"}},
	{role: ClientEmail,
		phrases: []string{"Email", "Adresse électronique"},
		veto:    []string{"cc", "copie", "date"}},
	{role: ClientPhone,
		phrases: []string{"Téléphone", "Phone", "Portable", "Mobile", "GSM"},
		veto:    []string{"fax", "date"}},
	{role: ClientContact,
		exact:   []string{"Contact", "Interlocuteur", "Attention"},
		phrases: []string{"Nom contact", "Contact nom", "Contact name", "Personne à contacter", "Interlocuteur", "Primary contact", "Contact principal", "À l'attention de"},
		veto:    []string{"email", "téléphone", "phone", "id", "code", "numéro", "date"}},
	{role: ClientStreet,
		exact:   []string{"Adresse", "Address", "Rue", "Street", "Voie"},
		phrases: []string{"Adresse", "Address", "Rue", "Street", "Adresse 1", "Address line 1", "Billing street"},
		veto:    []string{"email", "électronique", "IP", "web", "site", "livraison", "shipping", "delivery", "2", "complément", "code postal", "ville", "city", "pays", "country", "code"}},
	{role: ClientStreet2,
		phrases: []string{"Adresse 2", "Address 2", "Address line 2", "Complément d'adresse", "Complément", "Street2", "Adresse ligne 2"},
		veto:    []string{"livraison", "shipping"}},
	{role: ClientPost,
		phrases: []string{"Code postal", "CP", "Postal code", "Billing code"},
		veto:    []string{"livraison", "shipping"}},
	{role: ClientCity,
		phrases: []string{"Ville", "City", "Commune", "Localité", "Town"},
		veto:    []string{"livraison", "shipping", "code postal"}},
	{role: ClientCountry,
		phrases: []string{"Pays", "Country", "Code pays", "Country code"},
		veto:    []string{"livraison", "shipping"}},
	{role: IssueDate,
		exact:   []string{"Date"},
		phrases: []string{"Date facture", "Date facturation", "Date d'émission", "Émise le", "Invoice date", "Issue date", "Date issued", "Transaction date", "Txn date", "Date pièce", "Date document", "Facturée le"},
		veto:    []string{"échéance", "due", "paiement", "payment", "règlement", "relance", "reminder", "livraison", "delivery", "limite", "encaissement", "last", "dernière", "modification", "création"}},
	{role: DueDate,
		exact:   []string{"Échéance", "Due"},
		phrases: []string{"Date d'échéance", "Échéance", "Due date", "Date limite de paiement", "Date limite de règlement", "Date limite", "Payment due", "Due on", "À payer avant", "Date d'exigibilité"},
		veto:    []string{"montant", "amount", "jours", "days", "relance", "past", "retard"}},
	{role: DeliveryDate,
		phrases: []string{"Date de livraison", "Livraison", "Date de prestation", "Date d'exécution", "Delivery date", "Service date", "Date de service", "Livrée le", "Fin de service"},
		veto:    []string{"adresse", "address", "mode", "frais", "lieu", "bon"}},
	{role: Amount,
		exact:   []string{"Montant", "Total", "Amount", "TTC"},
		phrases: []string{"Montant TTC", "Total TTC", "TTC", "Montant total", "Montant facture", "Invoice total", "Invoice amount", "Total amount", "Amount incl. VAT", "Total incl. VAT", "Incl. VAT", "Net à payer", "Gross amount", "Total général", "Total facture"},
		veto: []string{"HT", "hors", "excl", "excluding", "net", "TVA", "VAT", "tax", "taxe", "réglé", "payé", "paid", "payment", "paiement", "restant",
			"reste", "dû", "solde", "balance", "encaissé", "open", "outstanding", "remise", "discount", "acompte", "avoir", "credit", "ligne",
			"line", "unitaire", "unit", "quantité", "qty", "devise", "origine", "currency"}},
	{role: Outstanding,
		exact:   []string{"Solde", "Balance", "Dû", "Reste", "Restant"},
		phrases: []string{"Reste dû", "Reste à payer", "Restant dû", "Montant restant", "Montant dû", "Solde dû", "Reste à encaisser", "À encaisser", "Balance due", "Amount due", "Outstanding", "Open balance", "Outstanding amount", "Remaining", "Solde restant"},
		veto:    []string{"date", "jours", "days", "past", "initial"}},
	{role: Paid,
		exact:   []string{"Payé", "Réglé", "Paid", "Encaissé"},
		phrases: []string{"Montant réglé", "Montant payé", "Déjà réglé", "Déjà payé", "Total réglé", "Total payé", "Amount paid", "Total paid", "Paid amount", "Montant encaissé", "Paiements reçus", "Déjà encaissé"},
		veto:    []string{"date", "on", "facture", "statut", "status", "mode", "method", "moyen"}},
	{role: PaymentDate,
		phrases: []string{"Date de paiement", "Date de règlement", "Date d'encaissement", "Payé le", "Réglé le", "Encaissé le", "Payment date", "Paid on", "Date paid"}},
	{role: PaymentAmount,
		phrases: []string{"Montant du paiement", "Montant du règlement", "Payment amount", "Montant de l'encaissement", "Amount received"},
		veto:    []string{"date"}},
	{role: PaymentRef,
		phrases: []string{"Réf. paiement", "N° paiement", "Payment reference", "Payment ref", "Payment number", "Réf. règlement", "N° règlement", "Transaction ID", "Réf. virement", "N° chèque", "Chèque n°", "Réf. bancaire", "Bank reference"},
		veto:    []string{"date", "montant", "amount"}},
	{role: Currency,
		exact:   []string{"Devise", "Currency", "Monnaie"},
		phrases: []string{"Devise", "Currency", "Code devise", "Currency code"},
		veto:    []string{"taux", "rate", "montant", "amount", "total"}},
	{role: PORef,
		exact:   []string{"Commande", "PO"},
		phrases: []string{"Réf. commande", "N° commande", "Bon de commande", "Commande n°", "Purchase order", "PurchaseOrder", "PO number", "Order number", "Order ref", "Réf. achat"},
		veto:    []string{"date"}},
	{role: RemindedOn,
		exact:   []string{"Relance", "Relancé le"},
		phrases: []string{"Date de dernière relance", "Dernière relance", "Date de relance", "Relancé le", "Last reminder", "Reminded on", "Last dunning"},
		veto:    []string{"nombre", "niveau", "level", "count", "numéro"}},
	{role: DocType,
		exact:   []string{"Type", "Nature"},
		phrases: []string{"Type de document", "Type de pièce", "Transaction type", "Document type", "Type de facture"},
		veto:    []string{"client", "tiers", "paiement", "payment", "règlement", "produit", "product", "ligne", "line"}},
	{role: Status,
		phrases: []string{"Statut", "État", "Status", "Statut de paiement", "Payment status"}},
}

// vocab is how headers name one role; see vocabulary.
type vocab struct {
	role    Role
	exact   []string
	phrases []string
	veto    []string
}

// normalVocab is a vocab with its words normalized once.
type normalVocab struct {
	role    Role
	exact   [][]string
	phrases [][]string
	veto    map[string]bool
}

// normalVocabulary is vocabulary normalized, built once when the package
// loads and only read afterwards.
var normalVocabulary = buildVocabulary(vocabulary)

func buildVocabulary(in []vocab) []normalVocab {
	out := make([]normalVocab, 0, len(in))
	for _, v := range in {
		nv := normalVocab{role: v.role, veto: map[string]bool{}}
		for _, e := range v.exact {
			nv.exact = append(nv.exact, normalize(e))
		}
		for _, p := range v.phrases {
			nv.phrases = append(nv.phrases, normalize(p))
		}
		for _, w := range v.veto {
			for _, n := range normalize(w) {
				nv.veto[n] = true
			}
		}
		out = append(out, nv)
	}
	return out
}

// Guess maps the columns of a header to roles from what the headers say,
// in French or English. Each role goes to at most one column and each
// column to at most one role; the most specific reading wins ("Date
// d'échéance" is the due date before "Date" is anything). A total
// excluding VAT is never taken as the amount.
func Guess(header []string) Mapping {
	type candidate struct {
		score, col int
		role       Role
	}
	var cands []candidate
	for col, h := range header {
		words := normalize(h)
		if len(words) == 0 {
			continue
		}
		for _, v := range normalVocabulary {
			if s := v.score(words); s > 0 {
				cands = append(cands, candidate{s, col, v.role})
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b candidate) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.col, b.col)
	})
	m := Mapping{}
	taken := map[int]bool{}
	for _, c := range cands {
		if m.Has(c.role) || taken[c.col] {
			continue
		}
		m[c.role] = c.col
		taken[c.col] = true
	}
	return m
}

// score says how well a normalized header names the role: above 1000 for
// a header that is exactly one of its names, ten points per word of the
// longest name it contains otherwise (less a point per extra word, so that
// the tighter header wins), 0 for no match.
func (v normalVocab) score(words []string) int {
	best := 0
	for _, e := range v.exact {
		if slices.Equal(words, e) {
			best = max(best, 1000+len(e))
		}
	}
	for _, p := range v.phrases {
		if slices.Equal(words, p) {
			best = max(best, 1000+len(p))
			continue
		}
		if containsRun(words, p) && !v.vetoed(words, p) {
			best = max(best, 10*len(p)-(len(words)-len(p)))
		}
	}
	return best
}

// vetoed reports whether the header holds a veto word the phrase itself
// does not: "Montant TTC" is not vetoed by "TTC", "Montant HT" is by "HT".
func (v normalVocab) vetoed(words, phrase []string) bool {
	for _, w := range words {
		if v.veto[w] && !slices.Contains(phrase, w) {
			return true
		}
	}
	return false
}

// containsRun reports whether run appears in words as consecutive words.
func containsRun(words, run []string) bool {
	if len(run) == 0 || len(run) > len(words) {
		return false
	}
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}
