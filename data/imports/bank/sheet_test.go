package bank

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"relance/data"
)

// statementWorkbook is an XLSX export with account lines above its header,
// real dates and numbers, one with the float noise Excel stores. With
// RELANCE_WRITE_SAMPLES=1 the test that uses it writes it to
// testdata/releve.xlsx, the sample the other tests and the fuzzers read.
func statementWorkbook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const s = "Sheet1"
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	rows := [][]any{
		{"Relevé de compte", "SARL EXEMPLE"},
		{"IBAN", "FR76 3000 4000 0312 3456 7890 143"},
		{"Solde au 09/03/2026", 2418.83},
		nil,
		{"Date opération", "Date valeur", "Libellé", "Montant (EUR)"},
		{day(3), day(3), "VIR SEPA SARL DUPONT ÉLECTRICITÉ FA-2026-0042", 1250.0},
		{day(4), day(5), "PRLV SEPA EDF", -45.67},
		{day(6), day(6), "VIR SEPA ATELIER DUFRESNE", 1234.5599999999999},
		{day(7), day(7), "VIR SEPA CAFE DES ARTS", 50.0},
		{day(7), day(7), "VIR SEPA CAFE DES ARTS", 50.0},
		{"Total", nil, nil, 2538.89},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(s, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14}) // the built-in short date
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle(s, "A6", "B10", style); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("RELANCE_WRITE_SAMPLES") == "1" {
		if err := os.WriteFile(filepath.Join("testdata", "releve.xlsx"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// sheetLine is what a test expects of a Line read from a sheet.
type sheetLine struct {
	line          int
	booked, value string
	amount        data.Money
	label         string
}

func checkSheetLines(t *testing.T, st Statement, want []sheetLine) {
	t.Helper()
	if len(st.Lines) != len(want) {
		t.Fatalf("%d lines, want %d: %+v (problems %v)", len(st.Lines), len(want), st.Lines, st.Problems)
	}
	for i, w := range want {
		l := st.Lines[i]
		value := data.Date{}
		if w.value != "" {
			value = date(w.value)
		}
		if l.FileLine != w.line || l.Booked != date(w.booked) || l.Value != value || l.Amount != w.amount || l.Label != w.label || l.Currency != "EUR" {
			t.Errorf("line %d: %+v\nwant %+v", i, l, w)
		}
	}
}

// Crédit Agricole: Windows-1252, nine lines of account information, labels
// on several lines, debit and credit columns, then a card's section.
func TestReadSheetCreditAgricole(t *testing.T) {
	st := ReadSheet("ca.csv", sample(t, "ca.csv"))
	if st.Format != FormatCSV || st.Account != "12345678901" {
		t.Errorf("format %q account %q", st.Format, st.Account)
	}
	checkSheetLines(t, st, []sheetLine{
		{10, "2026-03-03", "", 125000, "VIREMENT EN VOTRE FAVEUR SARL DUPONT ÉLECTRICITÉ FACTURE FA-2026-0042"},
		{14, "2026-03-04", "", -4567, "PRELEVEMENT EDF"},
		{17, "2026-03-07", "", 5000, "VIREMENT EN VOTRE FAVEUR CAFÉ DES ARTS"},
		{20, "2026-03-07", "", 5000, "VIREMENT EN VOTRE FAVEUR CAFÉ DES ARTS"},
	})
	checkProblems(t, st.Problems, []wantProblem{
		{23, "amount", data.ReasonMoneyFormat},
		{24, "date", data.ReasonDateInvalid},
	})
	if st.Problems[0].Column != "Crédit euros" || st.Problems[1].Column != "Date" {
		t.Errorf("problem columns %q, %q", st.Problems[0].Column, st.Problems[1].Column)
	}
	checkIDs(t, func() Statement { return ReadSheet("ca.csv", sample(t, "ca.csv")) })
}

// BoursoBank: UTF-8 with a BOM, ISO dates, one signed amount, the account
// in a column.
func TestReadSheetBoursorama(t *testing.T) {
	st := ReadSheet("export-operations.csv", sample(t, "boursorama.csv"))
	if st.Problems != nil || st.Account != "00040613484" {
		t.Fatalf("problems %v account %q", st.Problems, st.Account)
	}
	checkSheetLines(t, st, []sheetLine{
		{2, "2026-03-03", "2026-03-03", 125000, "VIR SEPA SARL DUPONT ÉLECTRICITÉ FA-2026-0042"},
		{3, "2026-03-04", "2026-03-05", -4567, "PRLV SEPA EDF"},
		{4, "2026-03-07", "2026-03-07", -1250, "CARTE 06/03/26 CAFÉ DES ARTS CB*1234 déjeuner client"},
	})
	if st.Lines[0].Account != "00040613484" {
		t.Errorf("line account %q", st.Lines[0].Account)
	}
}

// An XLSX with account lines above the header: sheet.Open takes the first
// of them for the header, and the rows are looked at again.
func TestReadSheetWorkbookWithAccountLines(t *testing.T) {
	b := statementWorkbook(t)
	if committed := sample(t, "releve.xlsx"); len(committed) == 0 {
		t.Fatal("testdata/releve.xlsx is empty")
	}
	for name, file := range map[string][]byte{"generated": b, "testdata": sample(t, "releve.xlsx")} {
		st := ReadSheet("releve.xlsx", file)
		if st.Format != FormatXLSX || st.Account != "FR7630004000031234567890143" || st.Problems != nil {
			t.Errorf("%s: format %q account %q problems %v", name, st.Format, st.Account, st.Problems)
		}
		checkSheetLines(t, st, []sheetLine{
			{6, "2026-03-03", "2026-03-03", 125000, "VIR SEPA SARL DUPONT ÉLECTRICITÉ FA-2026-0042"},
			{7, "2026-03-04", "2026-03-05", -4567, "PRLV SEPA EDF"},
			{8, "2026-03-06", "2026-03-06", 123456, "VIR SEPA ATELIER DUFRESNE"},
			{9, "2026-03-07", "2026-03-07", 5000, "VIR SEPA CAFE DES ARTS"},
			{10, "2026-03-07", "2026-03-07", 5000, "VIR SEPA CAFE DES ARTS"},
		})
	}
	checkIDs(t, func() Statement { return ReadSheet("releve.xlsx", b) })
}

// An XLSX whose header is its first row is read as sheet.Open reads it.
func TestReadSheetWorkbookPlain(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"Date", "Libellé", "Débit", "Crédit"},
		{"03/03/2026", "VIR SEPA DUPONT", nil, 1250},
		{"04/03/2026", "PRLV SEPA EDF", 45.67, nil},
		{"05/03/2026", "FRAIS", "1,50", nil},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	st := ReadSheet("simple.xlsx", buf.Bytes())
	checkSheetLines(t, st, []sheetLine{
		{2, "2026-03-03", "", 125000, "VIR SEPA DUPONT"},
		{3, "2026-03-04", "", -4567, "PRLV SEPA EDF"},
		{4, "2026-03-05", "", -150, "FRAIS"},
	})
}

// Crédit Mutuel writes debits negative, in a Latin-9 file.
func TestReadSheetNegativeDebits(t *testing.T) {
	text := "Date;Date de valeur;Débit;Crédit;Libellé;Solde\r\n" +
		"09/07/2026;09/07/2026;-45,67;;PRLV EDF;1234,56\r\n" +
		"08/07/2026;08/07/2026;;2500,00;VIR SARL DUPONT FA-12;1280,23\r\n" +
		"07/07/2026;07/07/2026;;0,00;NOUVEAU TAUX DU LIVRET;1280,23\r\n"
	st := ReadSheet("cm.csv", latin1(text))
	checkSheetLines(t, st, []sheetLine{
		{2, "2026-07-09", "2026-07-09", -4567, "PRLV EDF"},
		{3, "2026-07-08", "2026-07-08", 250000, "VIR SARL DUPONT FA-12"},
	})
	if p, ok := DetectBank("cm.csv", latin1(text)); !ok || p.Name != "Crédit Mutuel / CIC" {
		t.Errorf("bank %q %v", p.Name, ok)
	}
}

// latin1 encodes a text of Latin-1 characters as such.
func latin1(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r))
	}
	return b
}

// Qonto: comma separated, dates with a time, decimal point, the bank's
// transaction ID, pending movements left out.
func TestReadSheetQonto(t *testing.T) {
	text := "Status,Settlement date (UTC),Operation date (UTC),Total amount (incl. VAT),Currency,Counterparty name,Payment method,Transaction ID,IBAN,Reference,Category,Note\n" +
		"settled,2026-03-03 10:12:00,2026-03-03 10:12:00,1250.00,EUR,SARL Dupont,transfer,tx-001,FR76 3000 4000 0312 3456 7890 143,FA-2026-0042,,\n" +
		"pending,2026-03-04 08:00:00,2026-03-04 08:00:00,-12.50,EUR,Café des Arts,card,tx-002,,,,\n" +
		"settled,2026-03-05 09:00:00,2026-03-05 09:00:00,\"-1,045.67\",EUR,EDF,direct_debit,tx-003,,PRLV EDF,,facture mars\n"
	st := ReadSheet("qonto.csv", []byte(text))
	checkSheetLines(t, st, []sheetLine{
		{2, "2026-03-03", "", 125000, "FA-2026-0042"},
		{4, "2026-03-05", "", -104567, "PRLV EDF facture mars"},
	})
	l := st.Lines[0]
	if l.ID != "csv::tx-001" || l.Name != "SARL Dupont" || l.IBAN != "FR7630004000031234567890143" {
		t.Errorf("line %+v", l)
	}
	if p, ok := DetectBank("qonto.csv", []byte(text)); !ok || p.Name != "Qonto" {
		t.Errorf("bank %q %v", p.Name, ok)
	}
}

// The same bank reference twice stays two lines.
func TestReadSheetRepeatedReference(t *testing.T) {
	text := "Date;Libellé;Montant;Transaction ID\n01/03/2026;A;1,00;X\n02/03/2026;B;2,00;X\n03/03/2026;C;3,00;\n"
	st := ReadSheet("a.csv", []byte(text))
	if len(st.Lines) != 3 || st.Lines[0].ID == st.Lines[1].ID || st.Lines[2].ID == "" {
		t.Errorf("lines %+v", st.Lines)
	}
}

func TestReadSheetProblems(t *testing.T) {
	text := "Date;Libellé;Montant;Date de valeur\n" +
		"01/03/2026;SANS MONTANT;;\n" +
		"02/03/2026;MAUVAISE VALEUR;10,00;30/02/2026\n" +
		"03/03/2026;DEVISE;12 USD;\n" +
		"Sous-total;;;\n" +
		"04/03/2026;BON;5,00;04/03/2026\n"
	st := ReadSheet("a.csv", []byte(text))
	checkSheetLines(t, st, []sheetLine{{6, "2026-03-04", "2026-03-04", 500, "BON"}})
	checkProblems(t, st.Problems, []wantProblem{
		{2, "amount", data.ReasonRequired},
		{3, "value_date", data.ReasonDateInvalid},
		{4, "amount", data.ReasonCurrency},
	})
}

func TestSheetColumns(t *testing.T) {
	tests := []struct {
		header                      string
		date, value, label, amount  int
		debit, credit, name, extras int
	}{
		{"Date;Libellé;Débit euros;Crédit euros", 0, -1, 1, -1, 2, 3, -1, 0},
		{"Date operation;Libelle court;Type operation;Libelle operation;Montant operation en euro", 0, -1, 3, 4, -1, -1, -1, 0},
		{"Date de l'opération;Libellé;Détail de l'écriture;Montant de l'opération;Devise", 0, -1, 1, 3, -1, -1, -1, 1},
		{"Date de comptabilisation;Libelle simplifie;Libelle operation;Reference;Informations complementaires;Type operation;Categorie;Sous categorie;Debit;Credit;Date operation;Date de valeur;Pointage operation", 0, 11, 2, -1, 8, 9, -1, 2},
		{"Date;Libellé;Montant(EUROS)", 0, -1, 1, 2, -1, -1, -1, 0},
		{"Transaction ID;Date de la valeur;Date d'opération;IBAN;Type de transaction;Transaction personnelle;Category;Débit;Crédit;Solde mouvement;Solde bancaire;Libellé;Nom de la contrepartie;Montant HT;Montant de TVA total;Pièces;Date d'ajout pièces;Commentaire", 2, 1, 11, 9, 7, 8, 12, 1},
		{"N° facture;Client;Montant TTC", -1, -1, -1, -1, -1, -1, -1, 0},
	}
	for _, tt := range tests {
		c := mapColumns(strings.Split(tt.header, ";"))
		got := []int{c.at[colDate], c.at[colValueDate], c.at[colLabel], c.at[colAmount], c.at[colDebit], c.at[colCredit], c.at[colName], len(c.extra)}
		want := []int{tt.date, tt.value, tt.label, tt.amount, tt.debit, tt.credit, tt.name, tt.extras}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: columns %v, want %v", tt.header, got, want)
				break
			}
		}
	}
}

// Every preset's header is read by the column names, and taken for its bank.
func TestSheetPresets(t *testing.T) {
	presets := BankPresets()
	for _, p := range presets {
		if p.Name == "" || p.Source == "" || len(p.Signature) == 0 {
			t.Errorf("preset %+v incomplete", p)
		}
		if !mapColumns(p.Signature).usable() {
			t.Errorf("%s: its header names no date and amount", p.Name)
		}
		text := strings.Join(p.Signature, ";") + "\n" + strings.Repeat("01/03/2026;", len(p.Signature)) + "\n"
		if got, ok := DetectBank(p.Name+".csv", []byte(text)); !ok || got.Name != p.Name {
			t.Errorf("%s: detected as %q", p.Name, got.Name)
		}
	}
	presets[0].Name = "changed"
	if BankPresets()[0].Name == "changed" {
		t.Error("BankPresets shares its slice")
	}
	if _, ok := DetectBank("x.csv", []byte("Date;Libellé;Montant\n")); ok {
		t.Error("a generic header taken for a bank's")
	}
}

func TestSheetPreambleAccount(t *testing.T) {
	tests := map[string]string{
		"CCHQ       no 62734091867;":                    "62734091867",
		"Numéro Compte   ;0123456A020":                  "0123456A020",
		"Compte de Dépôt carte n° 04106119371;":         "04106119371",
		"IBAN : FR76 3000 4000 0312 3456 7890 143":      "FR7630004000031234567890143",
		"Téléchargement du 19/12/2019;":                 "",
		"Solde au 18/12/19 : 13,37 EUR":                 "",
		"Compte courant;Mon compte;12345678;2021-01-01": "12345678",
	}
	for line, want := range tests {
		if got := preambleAccount([]string{line}); got != want {
			t.Errorf("preambleAccount(%q) = %q, want %q", line, got, want)
		}
	}
}
