package sheet

// templateColumns is the header of the spreadsheet model Relance offers to
// whoever keeps invoices by hand, in its column order.
var templateColumns = []struct {
	role   Role
	header string
}{
	{InvoiceNumber, "N° facture"}, {ClientName, "Client"}, {ClientSIREN, "SIREN"},
	{ClientEmail, "E-mail"}, {ClientPhone, "Téléphone"}, {ClientContact, "Contact"},
	{ClientStreet, "Adresse"}, {ClientPost, "Code postal"}, {ClientCity, "Ville"},
	{IssueDate, "Date de facture"}, {DueDate, "Échéance"}, {Amount, "Montant TTC"},
	{Outstanding, "Reste dû"}, {PORef, "Réf. commande"}, {RemindedOn, "Dernière relance"},
}

// TemplateHeader is the header of Relance's own spreadsheet model, for the
// wizard to offer as a file to fill in; the "Modèle Relance" preset reads it.
func TemplateHeader() []string {
	out := make([]string, len(templateColumns))
	for i, c := range templateColumns {
		out[i] = c.header
	}
	return out
}

func templatePreset() Preset {
	p := Preset{
		Name:      "Modèle Relance",
		Export:    "Relance's spreadsheet model (TemplateHeader)",
		Source:    "this package: the model is Relance's own",
		Columns:   map[Role][]string{},
		Signature: []Role{InvoiceNumber, ClientName, IssueDate, DueDate, Amount},
	}
	for _, c := range templateColumns {
		p.Columns[c.role] = []string{c.header}
	}
	return p
}

// Presets are the exports Relance recognises out of the box, built afresh
// at each call so that no caller can change another's.
//
// Each follows one export whose column names could be checked in a public
// source, named in Source. The invoicing tools French very small
// businesses use most (Axonaut, Sellsy, Henrri, Pennylane, Tiime, Evoliz,
// Freebe, Abby, Zervant, QuickBooks France, Sage) publish no list of their
// export columns that could be found, so they have no preset: Guess reads
// their French headers, and the user saves the mapping as a preset of
// their own (NewPreset).
func Presets() []Preset {
	return []Preset{
		templatePreset(),
		dolibarrInvoices(),
		zohoInvoices(),
		zohoContacts(),
		quickBooksOpenInvoices(),
	}
}

// dolibarrInvoices follows Dolibarr's export wizard, datasets "Factures
// clients et règlements" and "Factures clients et lignes de factures"
// (facture_2 and facture_1), in French: the CSV header is the fr_FR label
// of each field. The fields are in
// https://github.com/Dolibarr/dolibarr/blob/develop/htdocs/core/modules/modFacture.class.php
// (export_fields_array: CompanyName, Address, Zip, Town, CountryCode,
// Phone, ProfId1, VATIntra, InvoiceRef, DateInvoice, DateDue, TotalTTC,
// AmountPayment, DatePayment, PaymentNumber, Currency) and their labels in
// htdocs/langs/fr_FR/main.lang, bills.lang and companies.lang. Labels
// changed over versions: both old and new ones are listed. The export
// repeats an invoice once per payment (or per invoice line); Read gathers
// them.
func dolibarrInvoices() Preset {
	return Preset{
		Name:   "Dolibarr",
		Export: "Outils > Exports : « Factures clients et règlements » / « Factures clients et lignes de factures » (français)",
		Source: "https://github.com/Dolibarr/dolibarr : htdocs/core/modules/modFacture.class.php, htdocs/langs/fr_FR/{main,bills,companies}.lang",
		Columns: map[Role][]string{
			InvoiceNumber: {"Réf. facture", "Ref. facture"},
			ClientName:    {"Raison sociale"},
			ClientStreet:  {"Adresse"},
			ClientPost:    {"Code postal"},
			ClientCity:    {"Ville"},
			ClientCountry: {"Code pays"},
			ClientPhone:   {"Téléphone"},
			ClientSIREN:   {"SIREN", "ID professionnel 1"},
			ClientVAT:     {"Numéro de TVA"},
			IssueDate:     {"Date facturation"},
			DueDate:       {"Date échéance", "Date limite règlement"},
			Amount:        {"Total TTC", "Montant TTC"},
			Currency:      {"Devise"},
			PaymentAmount: {"Montant paiement"},
			PaymentDate:   {"Date paiement"},
			PaymentRef:    {"Numéro paiement"},
		},
		Signature: []Role{InvoiceNumber, IssueDate, Amount},
	}
}

// zohoInvoices follows Zoho Invoice's invoice export (CSV or XLS), whose
// columns are those Invoice Ninja's importer of that export reads:
// https://github.com/invoiceninja/invoiceninja/blob/v5-develop/app/Import/Transformer/Zoho/InvoiceTransformer.php
func zohoInvoices() Preset {
	return Preset{
		Name:   "Zoho Invoice",
		Export: "Invoices > Export (Invoice.csv)",
		Source: "https://github.com/invoiceninja/invoiceninja : app/Import/Transformer/Zoho/InvoiceTransformer.php",
		Columns: map[Role][]string{
			InvoiceNumber: {"Invoice Number"},
			IssueDate:     {"Invoice Date"},
			DueDate:       {"Due Date"},
			ClientName:    {"Customer Name"},
			Amount:        {"Total"},
			Outstanding:   {"Balance"},
			PORef:         {"PurchaseOrder"},
			Status:        {"Invoice Status"},
			ClientEmail:   {"Primary Contact EmailID"},
			ClientStreet:  {"Billing Address"},
			ClientCity:    {"Billing City"},
			ClientPost:    {"Billing Code"},
			ClientCountry: {"Billing Country"},
		},
		Signature: []Role{InvoiceNumber, IssueDate, ClientName, Amount, Outstanding},
	}
}

// zohoContacts follows Zoho Invoice's contacts export, as read by
// https://github.com/invoiceninja/invoiceninja/blob/v5-develop/app/Import/Transformer/Zoho/ClientTransformer.php
// "Display Name" is the name the invoice export calls "Customer Name".
func zohoContacts() Preset {
	return Preset{
		Name:   "Zoho Invoice (contacts)",
		Export: "Customers > Export (Contacts.csv)",
		Source: "https://github.com/invoiceninja/invoiceninja : app/Import/Transformer/Zoho/ClientTransformer.php",
		Columns: map[Role][]string{
			ClientName:    {"Display Name"},
			ClientEmail:   {"EmailID"},
			ClientPhone:   {"Phone"},
			ClientStreet:  {"Billing Address"},
			ClientStreet2: {"Billing Street2"},
			ClientCity:    {"Billing City"},
			ClientPost:    {"Billing Code"},
			ClientCountry: {"Billing Country"},
		},
		Signature: []Role{ClientName, ClientEmail},
	}
}

// quickBooksOpenInvoices follows QuickBooks' receivables reports in
// English ("Open Invoices", "A/R Aging Detail") exported to Excel or CSV:
// a few title lines, then Date, Transaction Type, Num, the customer, Due
// Date, (Past Due,) Amount, Open Balance. Intuit's help for the open
// balance report names the Amount and Open Balance columns
// (support.quickbooks.intuit.com, QuickBooks Desktop in-product help
// "Open balance report", KB H_RPT_LRPT_CUST_OPENBALANCE); the full header
// row is the one parsers of these exports document for the payables twin
// of the report ("Date, Transaction Type, Num, Vendor, Due Date, Past Due,
// Amount, Open Balance"), with the customer column under "Customer" or
// "Name". The French edition's labels could not be sourced. US exports
// write dates month first: Open notices it when a day above 12 shows.
func quickBooksOpenInvoices() Preset {
	return Preset{
		Name:   "QuickBooks (Open Invoices / A/R Aging Detail, English)",
		Export: "Reports > Open Invoices or A/R Aging Detail > Export to Excel / CSV",
		Source: "Intuit QuickBooks help, \"Open balance report\" (KB H_RPT_LRPT_CUST_OPENBALANCE); header row as documented by parsers of QuickBooks aging detail exports",
		Columns: map[Role][]string{
			IssueDate:     {"Date"},
			DocType:       {"Transaction Type"},
			InvoiceNumber: {"Num"},
			ClientName:    {"Customer", "Name"},
			DueDate:       {"Due Date"},
			Amount:        {"Amount"},
			Outstanding:   {"Open Balance"},
		},
		Signature: []Role{DocType, InvoiceNumber, Outstanding},
	}
}
