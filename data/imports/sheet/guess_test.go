package sheet

import (
	"testing"
)

func TestGuessReadsFrenchAndEnglishHeaders(t *testing.T) {
	for header, want := range map[string]Role{
		"N° facture": InvoiceNumber, "Numéro": InvoiceNumber, "Réf. facture": InvoiceNumber, "N° de facture": InvoiceNumber,
		"Invoice number": InvoiceNumber, "Invoice no": InvoiceNumber, "Invoice #": InvoiceNumber, "Num": InvoiceNumber,
		"Date d'échéance": DueDate, "Échéance": DueDate, "ECHEANCE": DueDate, "Due date": DueDate,
		"Date de facture": IssueDate, "Date d'émission": IssueDate, "Date": IssueDate, "Issue date": IssueDate, "Invoice date": IssueDate,
		"Montant TTC": Amount, "Total TTC": Amount, "Montant TTC (€)": Amount, "Total T.T.C.": Amount, "Total": Amount,
		"Montant": Amount, "Amount incl. VAT": Amount,
		"Reste dû": Outstanding, "Reste à payer": Outstanding, "Solde": Outstanding, "Montant dû TTC": Outstanding,
		"Amount due": Outstanding, "Balance": Outstanding, "Outstanding": Outstanding, "Open balance": Outstanding,
		"Montant réglé": Paid, "Déjà payé": Paid, "Paid": Paid, "Amount paid": Paid,
		"Client": ClientName, "Raison sociale": ClientName, "Customer": ClientName, "Company": ClientName, "Nom du client": ClientName,
		"SIREN": ClientSIREN, "SIRET": ClientSIREN, "N° SIRET": ClientSIREN,
		"N° TVA": ClientVAT, "N° TVA intracommunautaire": ClientVAT, "VAT number": ClientVAT,
		"Email": ClientEmail, "E-mail": ClientEmail, "Courriel": ClientEmail, "Adresse e-mail": ClientEmail,
		"Téléphone": ClientPhone, "Tél.": ClientPhone, "Phone": ClientPhone,
		"Adresse": ClientStreet, "Address": ClientStreet, "Complément d'adresse": ClientStreet2,
		"Code postal": ClientPost, "CP": ClientPost, "Postcode": ClientPost, "Zip code": ClientPost,
		"Ville": ClientCity, "City": ClientCity, "Pays": ClientCountry,
		"Nom du contact": ClientContact, "Interlocuteur": ClientContact,
		"Date de dernière relance": RemindedOn, "Dernière relance": RemindedOn, "Last reminder": RemindedOn,
		"Réf. commande": PORef, "N° de commande": PORef, "PO number": PORef,
		"Date de paiement": PaymentDate, "Payé le": PaymentDate, "Paid on": PaymentDate,
		"Montant du paiement": PaymentAmount, "Réf. paiement": PaymentRef,
		"Devise": Currency, "Currency": Currency, "Statut": Status, "Type de document": DocType,
		"Date de livraison": DeliveryDate,
	} {
		m := Guess([]string{header})
		if len(m) != 1 || !m.Has(want) {
			t.Errorf("%q: %v, want %s", header, m, want)
		}
	}
}

func TestGuessLeavesAlone(t *testing.T) {
	for _, header := range []string{
		"Montant HT", "Total HT", "Total H.T.", "Montant hors taxes", "Amount excl. VAT", "Total TVA", "Montant TVA",
		"Nombre de relances", "Code client", "Customer ID", "Past Due", "Taux de TVA", "Facture payée", "",
		"Adresse de livraison", "Notes",
	} {
		if m := Guess([]string{header}); len(m) != 0 {
			t.Errorf("%q taken as %v", header, m)
		}
	}
}

func TestGuessGivesEachRoleOneColumn(t *testing.T) {
	header := []string{"Date", "N° facture", "Montant HT", "TVA", "Montant TTC", "Date d'échéance", "Client", "Client e-mail", "Total TTC"}
	m := Guess(header)
	for role, col := range map[Role]int{IssueDate: 0, InvoiceNumber: 1, Amount: 4, DueDate: 5, ClientName: 6, ClientEmail: 7} {
		if i, ok := m[role]; !ok || i != col {
			t.Errorf("%s in column %d (%v), want %d", role, i, ok, col)
		}
	}
	if len(m) != 6 {
		t.Errorf("mapping %v", m)
	}
}
