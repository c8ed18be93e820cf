package sheet

import (
	"encoding/json"
	"strings"
	"testing"

	"relance/data"
	"relance/data/imports"
)

// exportHeaders are headers as each tool writes them in its export.
var exportHeaders = map[string][]string{
	"Modèle Relance": TemplateHeader(),
	"Dolibarr": strings.Split("Id société;Raison sociale;Adresse;Code postal;Ville;Code pays;Téléphone;ID professionnel 1;"+
		"ID professionnel 2;Numéro de TVA;Id facture;Réf. facture;Date création facture;Date facturation;Date échéance;"+
		"Total HT;Total TTC;Total TVA;Facture payée;Statut facture;Montant paiement;Date paiement;Numéro paiement", ";"),
	"Zoho Invoice": strings.Split("Invoice Date,Invoice ID,Invoice Number,Invoice Status,Customer ID,Customer Name,Due Date,"+
		"PurchaseOrder,Currency Code,SubTotal,Total,Balance,Primary Contact EmailID,Billing Address,Billing City,Billing Code,Billing Country", ","),
	"Zoho Invoice (contacts)": strings.Split("Contact ID,Display Name,Company Name,First Name,Last Name,EmailID,Phone,"+
		"Billing Address,Billing Street2,Billing City,Billing State,Billing Code,Billing Country,Currency,Payment Terms", ","),
	"QuickBooks (Open Invoices / A/R Aging Detail, English)": {"", "Date", "Transaction Type", "Num", "Customer", "Due Date", "Past Due", "Amount", "Open Balance"},
}

func TestEachPresetTakesItsExport(t *testing.T) {
	presets := Presets()
	if len(presets) != len(exportHeaders) {
		t.Fatalf("%d presets, %d export headers to test them on", len(presets), len(exportHeaders))
	}
	for _, p := range presets {
		header, ok := exportHeaders[p.Name]
		if !ok {
			t.Errorf("no export header for preset %q", p.Name)
			continue
		}
		if p.Source == "" || p.Export == "" || len(p.Signature) == 0 {
			t.Errorf("%s: undocumented preset", p.Name)
		}
		m, ok := p.Match(header)
		if !ok {
			t.Errorf("%s does not take its own export: %v", p.Name, m)
		}
		for _, role := range p.Signature {
			if len(p.Columns[role]) == 0 {
				t.Errorf("%s: signature role %s has no column", p.Name, role)
			}
		}
		got, _, found := Detect(header, presets)
		if !found || got.Name != p.Name {
			t.Errorf("the export of %s is detected as %q (%v)", p.Name, got.Name, found)
		}
	}
	if _, _, found := Detect([]string{"N° facture", "Client", "Montant TTC"}, presets); found {
		t.Error("a plain header is taken by a preset")
	}
}

func TestDolibarrExportGathersAnInvoiceRepeatedPerPayment(t *testing.T) {
	tab := openFile(t, "dolibarr_factures_reglements.csv")
	p, m, ok := Detect(tab.Header, Presets())
	if !ok || p.Name != "Dolibarr" {
		t.Fatalf("detected %q", p.Name)
	}
	b := Read(tab, m)
	if len(b.Problems) > 0 {
		t.Fatal(b.Problems)
	}
	inv := invoiceByNumber(t, b, "FA2603-0007")
	want := imports.Invoice{Line: 2, ClientKey: "798765434", Number: "FA2603-0007", IssueDate: date("2026-03-02"),
		DueDate: date("2026-04-01"), Amount: data.Euros(1200, 0), Payments: make([]imports.Payment, 2)}
	if !sameInvoice(inv, want) {
		t.Errorf("got  %+v\nwant %+v", inv, want)
	}
	second := imports.Payment{Line: 3, InvoiceNumber: "FA2603-0007", Date: date("2026-03-28"), Amount: data.Euros(300, 0), BankRef: "PAY2603-0004"}
	if inv.Payments[1] != second {
		t.Errorf("payments %+v", inv.Payments)
	}
	if inv := invoiceByNumber(t, b, "FA2603-0008"); len(inv.Payments) != 0 || inv.ClientKey != "901555664" {
		t.Errorf("invoice %+v", inv)
	}
	wantClient := imports.Client{Key: "798765434", Line: 2, Name: "Atelier Dufresne", SIREN: "798765434", VATNumber: "FR33798765434",
		Phone: "0388123456", Address: data.Address{Street: "4 rue des Tanneurs", PostalCode: "67000", City: "Strasbourg", Country: "FR"}}
	if c := clientByKey(t, b, "798765434"); c != wantClient {
		t.Errorf("client %+v", c)
	}
}

func TestZohoInvoiceExport(t *testing.T) {
	tab := openFile(t, "zoho_invoices.csv")
	p, m, ok := Detect(tab.Header, Presets())
	if !ok || p.Name != "Zoho Invoice" {
		t.Fatalf("detected %q", p.Name)
	}
	b := Read(tab, m)
	if len(b.Problems) > 0 {
		t.Fatal(b.Problems)
	}
	if len(b.Invoices) != 2 {
		t.Fatalf("a void invoice is imported: %+v", b.Invoices)
	}
	if inv := invoiceByNumber(t, b, "INV-000052"); inv.Outstanding != data.Euros(280, 0) || !inv.OutstandingKnown || inv.Amount != data.Euros(480, 0) {
		t.Errorf("invoice %+v", inv)
	}
	if inv := invoiceByNumber(t, b, "INV-000051"); inv.PORef != "BC-7790" || inv.IssueDate != date("2026-03-01") {
		t.Errorf("invoice %+v", inv)
	}
	if c := clientByKey(t, b, "Boulangerie Lemoine SARL"); c.Address.Street != "8, avenue Jean Jaurès" || c.Address.Country != "FR" || c.Address.PostalCode != "69007" {
		t.Errorf("client %+v", c)
	}
}

func TestQuickBooksAgingReportWithTitleLinesAndUSDates(t *testing.T) {
	tab := openFile(t, "quickbooks_ar_aging.csv")
	if tab.HeaderLine != 5 || !tab.MonthFirst || tab.Separator != ',' {
		t.Fatalf("header on line %d, month first %v, separator %q", tab.HeaderLine, tab.MonthFirst, tab.Separator)
	}
	p, m, ok := Detect(tab.Header, Presets())
	if !ok || !strings.HasPrefix(p.Name, "QuickBooks") {
		t.Fatalf("detected %q", p.Name)
	}
	b := Read(tab, m)
	if len(b.Problems) > 0 {
		t.Fatal(b.Problems)
	}
	if len(b.Invoices) != 2 || len(b.CreditNotes) != 1 || b.CreditNotes[0].Amount != data.Euros(120, 0) {
		t.Fatalf("payments or totals taken for invoices: %+v, credit notes %+v", b.Invoices, b.CreditNotes)
	}
	inv := invoiceByNumber(t, b, "1031")
	if inv.IssueDate != date("2026-02-13") || inv.DueDate != date("2026-03-15") || inv.Amount != data.Euros(2340, 50) || inv.Outstanding != data.Euros(1340, 50) {
		t.Errorf("invoice %+v", inv)
	}
}

func TestSavedPresetRoundTripsThroughJSON(t *testing.T) {
	header := []string{"Facture", "Société", "Émise le", "À payer avant", "Somme due TTC", "Commentaire"}
	m := Mapping{InvoiceNumber: 0, ClientName: 1, IssueDate: 2, DueDate: 3, Amount: 4}
	saved, err := json.Marshal(NewPreset("Mon tableur", header, m))
	if err != nil {
		t.Fatal(err)
	}
	var p Preset
	if err := json.Unmarshal(saved, &p); err != nil {
		t.Fatal(err)
	}
	got, ok := p.Match([]string{"commentaire", "FACTURE", "societe", "Emise le", "A payer avant", "Somme due  TTC"})
	if !ok || len(got) != 5 || got[InvoiceNumber] != 1 || got[Amount] != 5 {
		t.Errorf("saved preset matches %v (%v)", got, ok)
	}
	if _, ok := p.Match([]string{"Facture", "Société"}); ok {
		t.Error("a saved preset takes a file that lacks its columns")
	}
}
