package sheet

import (
	"slices"
	"testing"

	"relance/data"
	"relance/data/imports"
)

func TestUTF8WithBOMSemicolonsAndDecimalComma(t *testing.T) {
	tab := openFile(t, "factures_bom_pointvirgule.csv")
	checkFormat(t, tab, format{imports.KindCSV, imports.UTF8BOM, ';', true, false, 1, 4})
	if tab.Header[0] != "N° facture" || tab.Rows[0].Line != 2 {
		t.Fatalf("header %q, first row %+v", tab.Header, tab.Rows[0])
	}
	b := readClean(t, tab)
	if b.Kind != imports.KindCSV || b.Rows != 4 || len(b.Files) != 1 || b.Files[0] != "factures_bom_pointvirgule.csv" {
		t.Errorf("batch %s, %d rows, files %v", b.Kind, b.Rows, b.Files)
	}
	if len(b.Clients) != 3 || len(b.Invoices) != 4 {
		t.Fatalf("%d clients, %d invoices", len(b.Clients), len(b.Invoices))
	}
	lemoine := imports.Client{Key: "812345676", Line: 2, Name: "Boulangerie Lemoine SARL", SIREN: "812345676", Email: "compta@boulangerie-lemoine.fr"}
	if c := clientByKey(t, b, "812345676"); c != lemoine {
		t.Errorf("client %+v", c)
	}
	if c := clientByKey(t, b, "843219874"); c.SIREN != "843219874" {
		t.Errorf("a SIRET is not reduced to its SIREN: %+v", c)
	}
	for _, want := range []imports.Invoice{
		{Line: 2, ClientKey: "812345676", Number: "FA-2026-0012", IssueDate: date("2026-01-15"), DueDate: date("2026-02-14"),
			Amount: data.Euros(1250, 0), Outstanding: data.Euros(1250, 0), OutstandingKnown: true, PORef: "BC-7781", RemindedOn: date("2026-02-20")},
		{Line: 3, ClientKey: "798765434", Number: "FA-2026-0013", IssueDate: date("2026-01-22"), DueDate: date("2026-02-21"),
			Amount: data.Euros(3600, 50), Outstanding: data.Euros(1600, 50), OutstandingKnown: true},
		{Line: 5, ClientKey: "812345676", Number: "FA-2026-0015", IssueDate: date("2026-02-05"), DueDate: date("2026-03-07"),
			Amount: data.Euros(3000, 0), OutstandingKnown: true, PORef: "BC-7802"},
	} {
		if got := invoiceByNumber(t, b, want.Number); !sameInvoice(got, want) {
			t.Errorf("got  %+v\nwant %+v", got, want)
		}
	}
}

// sameInvoice compares the fields a sheet sets.
func sameInvoice(a, b imports.Invoice) bool { return viewOf(a) == viewOf(b) }

// invoiceView is an Invoice without its slices, so that == compares it.
type invoiceView struct {
	line                               int
	clientKey, number, currency, poRef string
	issue, due, delivery, reminded     data.Date
	amount, outstanding                data.Money
	outstandingKnown                   bool
	payments                           int
}

func viewOf(i imports.Invoice) invoiceView {
	return invoiceView{i.Line, i.ClientKey, i.Number, i.Currency, i.PORef, i.IssueDate, i.DueDate, i.DeliveryDate,
		i.RemindedOn, i.Amount, i.Outstanding, i.OutstandingKnown, len(i.Payments)}
}

// format is how a table was read, to compare in one go.
type format struct {
	kind              imports.Kind
	encoding          imports.Encoding
	separator         rune
	comma, monthFirst bool
	headerLine, rows  int
}

func formatOf(t Table) format {
	return format{t.Kind, t.Encoding, t.Separator, t.DecimalComma, t.MonthFirst, t.HeaderLine, len(t.Rows)}
}

func checkFormat(t *testing.T, tab Table, want format) {
	t.Helper()
	if got := formatOf(tab); got != want {
		t.Fatalf("%s read as %+v, want %+v", tab.Name, got, want)
	}
}

func TestWindows1252ClientsOnlyWithCRLF(t *testing.T) {
	tab := openFile(t, "clients_windows1252.csv")
	if tab.Encoding != imports.Windows1252 || tab.Separator != ';' || tab.Header[5] != "Téléphone" {
		t.Fatalf("read as %s %q, header %q", tab.Encoding, tab.Separator, tab.Header)
	}
	b := readClean(t, tab)
	if len(b.Invoices) != 0 || len(b.Clients) != 3 {
		t.Fatalf("%d invoices, %d clients", len(b.Invoices), len(b.Clients))
	}
	sgr := clientByKey(t, b, "812345676")
	want := imports.Client{Key: "812345676", Line: 2, Name: "Société Générale de Rénovation", SIREN: "812345676",
		Email: "devis@sgr-lyon.fr", Phone: "04 78 12 34 56", ContactName: "Mme Hélène Bérard",
		Address: data.Address{Street: "12, rue de l’Église", PostalCode: "69003", City: "Lyon"}}
	if sgr != want {
		t.Errorf("got  %+v\nwant %+v", sgr, want)
	}
	cremerie := clientByKey(t, b, "Crèmerie du Marché")
	if cremerie.Address.PostalCode != "01000" || cremerie.ContactName != "M. Noël Thévenot" || cremerie.SIREN != "" {
		t.Errorf("client %+v", cremerie)
	}
}

func TestEnglishExportWithCommasQuotesAndThousands(t *testing.T) {
	tab := openFile(t, "export_english.csv")
	checkFormat(t, tab, format{imports.KindCSV, imports.UTF8, ',', false, false, 1, 3})
	m := Guess(tab.Header)
	if tab.Header[m[Amount]] != "Total" {
		t.Errorf("amount taken from %q: a total excluding VAT is not the amount", tab.Header[m[Amount]])
	}
	b := readClean(t, tab)
	for _, want := range []imports.Invoice{
		{Line: 2, ClientKey: "Durand, Fils & Cie", Number: "INV-2026-001", IssueDate: date("2026-02-01"), DueDate: date("2026-03-03"),
			Amount: data.Euros(1200, 0), Outstanding: data.Euros(1000, 0), OutstandingKnown: true},
		{Line: 3, ClientKey: `Le "Petit" Atelier`, Number: "INV-2026-002", IssueDate: date("2026-02-10"), DueDate: date("2026-03-12"),
			Amount: data.Euros(12300, 0), Outstanding: data.Euros(12300, 0), OutstandingKnown: true},
		{Line: 4, ClientKey: "Atelier Dufresne", Number: "INV-2026-003", IssueDate: date("2026-02-15"), DueDate: date("2026-03-17"),
			Amount: data.Euros(600, 0), OutstandingKnown: true},
	} {
		if got := invoiceByNumber(t, b, want.Number); !sameInvoice(got, want) {
			t.Errorf("got  %+v\nwant %+v", got, want)
		}
	}
}

func TestExcelUnicodeTextIsUTF16WithTabs(t *testing.T) {
	tab := openFile(t, "texte_unicode.txt")
	checkFormat(t, tab, format{imports.KindCSV, imports.UTF16LE, '\t', true, false, 1, 2})
	b := readClean(t, tab)
	if inv := invoiceByNumber(t, b, "F0042"); inv.ClientKey != "Ébénisterie Noël" || inv.Outstanding != data.Euros(2000, 0) || !inv.OutstandingKnown {
		t.Errorf("F0042: %+v", inv)
	}
	if inv := invoiceByNumber(t, b, "F0043"); inv.Amount != data.Euros(96, 30) || inv.OutstandingKnown {
		t.Errorf("F0043 (nothing said of payments): %+v", inv)
	}
}

func TestTrailingSeparatorsAndEmptyLinesAreTolerated(t *testing.T) {
	tab := openFile(t, "separateurs_en_fin.csv")
	checkFormat(t, tab, format{imports.KindCSV, imports.UTF8, ';', true, false, 2, 3})
	var lines []int
	for _, r := range tab.Rows {
		lines = append(lines, r.Line)
		if len(r.Cells) != 4 {
			t.Errorf("line %d has %d cells", r.Line, len(r.Cells))
		}
	}
	if !slices.Equal(lines, []int{3, 6, 8}) {
		t.Errorf("rows on lines %v, want 3 6 8", lines)
	}
	b := readClean(t, tab)
	if len(b.Invoices) != 3 || invoiceByNumber(t, b, "FA-103").Amount != data.Euros(45, 50) {
		t.Errorf("invoices %+v", b.Invoices)
	}
}

func TestPaymentsTable(t *testing.T) {
	b := readClean(t, openFile(t, "paiements.csv"))
	if len(b.Invoices) != 0 || len(b.Clients) != 0 || len(b.Payments) != 3 {
		t.Fatalf("%d invoices, %d clients, %d payments", len(b.Invoices), len(b.Clients), len(b.Payments))
	}
	want := imports.Payment{Line: 2, InvoiceNumber: "FA-2026-0012", Date: date("2026-03-02"), Amount: data.Euros(500, 0), BankRef: "VIR SEPA LEMOINE 0302"}
	if b.Payments[0] != want {
		t.Errorf("got  %+v\nwant %+v", b.Payments[0], want)
	}
	if b.Payments[1].Amount != data.Euros(2000, 0) || b.Payments[2].Line != 4 {
		t.Errorf("payments %+v", b.Payments)
	}
}

// The payments of an export with a "Montant réglé" column and no payment
// amount column are read from it.
func TestPaymentsTableWithPaidColumn(t *testing.T) {
	tab, _ := Open("reglements.csv", []byte("Facture;Réglé le;Montant réglé\nF-1;02/03/2026;100\nF-2;03/03/2026;0\n"))
	b := Read(tab, Guess(tab.Header))
	checkProblems(t, b.Problems, []problem{{3, "Montant réglé", Paid, data.ReasonNotPositive, "0"}})
	if len(b.Payments) != 1 || b.Payments[0].Amount != data.Euros(100, 0) || b.Payments[0].Date != date("2026-03-02") {
		t.Errorf("payments %+v", b.Payments)
	}
}

func TestErrorsNameTheirLineColumnAndReason(t *testing.T) {
	b, err := readTestdata("erreurs.csv")
	if err != nil {
		t.Fatal(err)
	}
	checkProblems(t, b.Problems, []problem{
		{2, "Date de facture", IssueDate, data.ReasonDateInvalid, "31/02/2026"},
		{3, "Montant TTC", Amount, data.ReasonMoneyFormat, "douze euros"},
		{4, "SIREN", ClientSIREN, data.ReasonSIRENFormat, "123456789"},
		{4, "E-mail", ClientEmail, data.ReasonEmailFormat, "garage@"},
		{5, "Échéance", DueDate, data.ReasonDueBeforeIssue, "01/03/2026"},
		{6, "Devise", Currency, data.ReasonCurrency, "USD"},
		{7, "", "columns", data.ReasonColumnCount, "9"},
		{9, "Montant TTC", Amount, data.ReasonConflict, "1 300,00"},
		{11, "N° facture", InvoiceNumber, data.ReasonRequired, ""},
		{12, "Client", ClientName, data.ReasonConflict, "Atelier Dufresne SAS"},
		{12, "E-mail", ClientEmail, data.ReasonConflict, "compta@dufresne.fr"},
	})
	if b.Rows != 11 {
		t.Errorf("%d rows read, want 11", b.Rows)
	}
	var numbers []string
	for _, inv := range b.Invoices {
		numbers = append(numbers, inv.Number)
	}
	// FA-203's client details are bad, not its invoice; FA-201 is read from
	// line 8, its first good line.
	if !slices.Equal(numbers, []string{"FA-203", "FA-201", "FA-207"}) {
		t.Errorf("invoices %v", numbers)
	}
	if inv := invoiceByNumber(t, b, "FA-201"); inv.Line != 8 || inv.Amount != data.Euros(1200, 0) {
		t.Errorf("FA-201 %+v", inv)
	}
	if c := clientByKey(t, b, "Garage Côté Sud"); c.SIREN != "" || c.Email != "" {
		t.Errorf("bad details kept: %+v", c)
	}
	for _, p := range b.Problems {
		if p.File != "erreurs.csv" {
			t.Errorf("problem names file %q", p.File)
		}
	}
}

func TestMissingColumnIsOneProblemOnTheHeader(t *testing.T) {
	tab, _ := Open("sans_montant.csv", []byte("Titre de l'export\n\nN° facture;Client;Date;Montant HT\nF-1;Acme;01/03/2026;100\n"))
	b := Read(tab, Guess(tab.Header))
	checkProblems(t, b.Problems, []problem{{3, "", Amount, data.ReasonMissingColumn, ""}})
	if len(b.Invoices) != 0 || len(b.Clients) != 0 {
		t.Errorf("read without its amount column: %+v", b)
	}
	tab, _ = Open("vide.csv", []byte("Colonne A;Colonne B\nx;y\n"))
	checkProblems(t, Read(tab, Guess(tab.Header)).Problems, []problem{{1, "", InvoiceNumber, data.ReasonMissingColumn, ""}})
}

func TestRowsWithMoreFieldsThanTheHeader(t *testing.T) {
	// In a comma-separated file, an unquoted decimal comma slips a column.
	tab, problems := Open("virgules.csv", []byte("Invoice,Customer,Date,Total\nA1,Acme,2026-03-01,100.00\nA2,Acme,2026-03-02,100,50\nA3,Acme\n"))
	checkProblems(t, problems, []problem{{3, "", "columns", data.ReasonColumnCount, "5"}})
	if len(tab.Rows) != 2 || tab.Rows[1].Line != 4 || tab.Rows[1].Cells[3] != "" {
		t.Errorf("rows %+v", tab.Rows)
	}
	b := Read(tab, Guess(tab.Header))
	checkProblems(t, b.Problems, []problem{
		{3, "", "columns", data.ReasonColumnCount, "5"},
		{4, "Date", IssueDate, data.ReasonRequired, ""},
		{4, "Total", Amount, data.ReasonRequired, ""},
	})
	if b.Rows != 3 {
		t.Errorf("%d rows, want 3", b.Rows)
	}
}

func TestOneCompanyUnderItsNameThenItsSIRENIsOneClient(t *testing.T) {
	tab, _ := Open("f.csv", []byte("N°;Client;SIREN;Date;Total\nF1;Atelier Dufresne;;01/03/2026;10\nF2;ATELIER  DUFRESNE;798765434;02/03/2026;20\nF3;Atelier Dufresne;;03/03/2026;30\n"))
	b := readClean(t, tab)
	if len(b.Clients) != 1 || b.Clients[0].Key != "798765434" || b.Clients[0].Line != 2 {
		t.Fatalf("clients %+v", b.Clients)
	}
	for _, inv := range b.Invoices {
		if inv.ClientKey != "798765434" {
			t.Errorf("%s points at %q", inv.Number, inv.ClientKey)
		}
	}
}

func TestStatusAndDocumentType(t *testing.T) {
	tab, _ := Open("f.csv", []byte("Type;N°;Client;Date;Total;Statut\nFacture;F1;Acme;01/03/2026;100;Payée\nFacture;F2;Acme;02/03/2026;200;Annulée\n"+
		"Avoir;AV1;Acme;03/03/2026;-50;\nFacture;F3;Acme;04/03/2026;300;Partiellement payée\nDevis;D1;Acme;05/03/2026;400;\n"+
		"Paiement;P1;Acme;06/03/2026;-300;\n"))
	b := readClean(t, tab)
	if len(b.Invoices) != 2 || len(b.CreditNotes) != 1 {
		t.Fatalf("invoices %+v, credit notes %+v", b.Invoices, b.CreditNotes)
	}
	if inv := invoiceByNumber(t, b, "F1"); !inv.OutstandingKnown || inv.Outstanding != 0 {
		t.Errorf("a paid invoice: %+v", inv)
	}
	if inv := invoiceByNumber(t, b, "F3"); inv.OutstandingKnown {
		t.Errorf("a partly paid invoice without amounts: %+v", inv)
	}
	want := imports.CreditNote{Line: 4, ClientKey: "Acme", Number: "AV1", Date: date("2026-03-03"), Amount: data.Euros(50, 0)}
	if b.CreditNotes[0] != want {
		t.Errorf("got %+v, want %+v", b.CreditNotes[0], want)
	}
}

func TestMonthFirstDatesAreFoundByADayAbove12(t *testing.T) {
	tab, _ := Open("us.csv", []byte("Invoice no,Customer,Invoice date,Due date,Total\n7,Acme,03/05/2026,04/04/2026,10.00\n8,Acme,03/15/2026,04/14/2026,20.00\n"))
	if !tab.MonthFirst {
		t.Fatal("month-first dates not noticed")
	}
	b := readClean(t, tab)
	if inv := invoiceByNumber(t, b, "7"); inv.IssueDate != date("2026-03-05") || inv.DueDate != date("2026-04-04") {
		t.Errorf("invoice 7: %+v", inv)
	}
}

func TestNotText(t *testing.T) {
	for name, in := range map[string][]byte{
		"binary":       {'a', 0, 'b', 0xff, 0},
		"xls (binary)": {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0},
		"empty":        {},
		"blank lines":  []byte("\r\n;;;\r\n  \r\n"),
	} {
		tab, problems := Open(name, in)
		if len(problems) != 1 || len(tab.Rows) != 0 {
			t.Errorf("%s: %+v, %d rows", name, problems, len(tab.Rows))
		}
	}
	_, problems := Open("x.csv", []byte{'a', 0})
	if problems[0].Reason != data.ReasonEncoding || problems[0].Field != "file" {
		t.Errorf("binary: %+v", problems[0])
	}
}

// A legacy Mac export: ISO-8859-15 (œ at 0xBD, € at 0xA4), lines ended by
// CR alone.
func TestISO885915WithMacLineEnds(t *testing.T) {
	tab, problems := Open("mac.csv", []byte("N\xb0;Client;Date;Montant TTC\rF1;C\xbdur de Lion;01/03/2026;12,00 \xa4\rF2;C\xbdur de Lion;02/03/2026;8,50 \xa4\r"))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	checkFormat(t, tab, format{imports.KindCSV, imports.ISO885915, ';', true, false, 1, 2})
	b := readClean(t, tab)
	if inv := invoiceByNumber(t, b, "F2"); inv.ClientKey != "Cœur de Lion" || inv.Amount != data.Euros(8, 50) || inv.Line != 3 {
		t.Errorf("invoice %+v", inv)
	}
}
