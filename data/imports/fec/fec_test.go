package fec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"relance/data"
	"relance/data/imports"
)

// The samples of testdata (see testdata/README.md) and what they hold,
// written out so that a difference reads as a line of the file.
func TestReadSamples(t *testing.T) {
	for _, c := range []struct {
		file        string
		opts        Options
		rows        int
		clients     []string
		invoices    []string
		creditNotes []string
		problems    []string
	}{{
		file: "tab_iso885915_crlf.txt",
		rows: 35,
		clients: []string{
			`C001 "Société Générale Électricité" l2 balance 1200,00`,
			`C002 "Boulangerie Œuvre & Fils" l3 balance 550,00`,
			`C004 "Œnologie Saint-Émilion" l4 balance -150,00`,
			`C003 "Électricité Dupont SARL" l13 balance 960,00`,
		},
		invoices: []string{
			"C001 FA-2025-0150 l2 issued 2025-12-15 due - amount 1200,00 open 400,00 | l29 2026-03-25 500,00 VIR-0325",
			"C002 FA-2025-0170 l3 issued 2025-12-28 due - amount 150,00 open 150,00",
			"C002 FA-2026-0002 l10 issued 2026-01-15 due - amount 600,00 open 400,00 | l36 2026-04-20 200,00 FA-2026-0002",
			"C003 FA-2026-0003 l13 issued 2026-02-05 due - amount 960,00 open 960,00",
			"C001 FA-2026-0004 l23 issued 2026-03-01 due - amount 1800,00 open 800,00 | l27 2026-03-20 1000,00 CHQ-1234",
		},
		creditNotes: []string{"C001 AV-2026-0001 on FA-2025-0150 l30 2026-03-31 300,00"},
	}, {
		file: "tab_iso885915_crlf.txt",
		opts: Options{Accounts: []string{"411"}}, // the 416 line is not read: the transfer credit settles FA-2026-0003
		rows: 35,
		clients: []string{
			`C001 "Société Générale Électricité" l2 balance 1200,00`,
			`C002 "Boulangerie Œuvre & Fils" l3 balance 550,00`,
			`C004 "Œnologie Saint-Émilion" l4 balance -150,00`,
		},
		invoices: []string{
			"C001 FA-2025-0150 l2 issued 2025-12-15 due - amount 1200,00 open 400,00 | l29 2026-03-25 500,00 VIR-0325",
			"C002 FA-2025-0170 l3 issued 2025-12-28 due - amount 150,00 open 150,00",
			"C002 FA-2026-0002 l10 issued 2026-01-15 due - amount 600,00 open 400,00 | l36 2026-04-20 200,00 FA-2026-0002",
			"C001 FA-2026-0004 l23 issued 2026-03-01 due - amount 1800,00 open 800,00 | l27 2026-03-20 1000,00 CHQ-1234",
		},
		creditNotes: []string{"C001 AV-2026-0001 on FA-2025-0150 l30 2026-03-31 300,00"},
	}, {
		file: "pipe_utf8bom_duedate.txt",
		rows: 9,
		clients: []string{
			`411DUP "Dupont Électricité" l2 balance 600,00`,
			`411MAR "Martin & Cie" l7 balance 240,00`,
		},
		invoices: []string{
			"411DUP FA-10 l2 issued 2026-01-15 due 2026-03-31 amount 1200,00 open 600,00 | l11 2026-03-01 600,00 REL-0301",
			"411MAR FA-11 l7 issued 2026-01-20 due 2026-03-15 amount 240,00 open 240,00",
		},
	}, {
		file:        "montant_sens_cp1252.txt",
		rows:        8,
		clients:     []string{`CL0007 "L’Atelier Cœur de Bœuf" l2 balance 850,00`},
		invoices:    []string{"CL0007 F2026-031 l2 issued 2026-02-03 due - amount 1500,00 open 850,00 | l9 2026-02-28 500,00 VIR 2802"},
		creditNotes: []string{"CL0007 A2026-004 on F2026-031 l5 2026-02-10 150,00"},
	}, {
		file:     "bad_lines.txt",
		rows:     7,
		clients:  []string{`C010 "Dubois Électricité" l2 balance 100,00`},
		invoices: []string{"C010 FA-1 l2 issued 2026-01-05 due - amount 120,00 open 100,00 | l9 2026-01-31 20,00 VIR-2"},
		problems: []string{
			`l3 "ECRITUREDATE" entry_date date_format "2026-01-15"`,
			`l4 "Credit" credit money_format "12O,00"`,
			`l5 "" line column_count "17"`,
			`l6 "PieceDate" issue_date date_invalid "20260231"`,
			`l8 "Credit" credit money_decimals "12,345"`,
		},
	}, {
		file: "missing_columns.txt",
		problems: []string{
			`l1 "" CompteNum missing_column ""`,
			`l1 "" Credit missing_column ""`,
		},
	}} {
		t.Run(c.file+fmt.Sprint(c.opts.Accounts), func(t *testing.T) {
			b := readSample(t, c.file, c.opts)
			if b.Kind != imports.KindFEC || !slices.Equal(b.Files, []string{c.file}) || b.Rows != c.rows {
				t.Errorf("kind %q files %v rows %d, want fec [%s] %d", b.Kind, b.Files, b.Rows, c.file, c.rows)
			}
			checkFiles(t, b, c.file)
			same(t, "clients", describeClients(b), c.clients)
			same(t, "invoices", describeInvoices(b), c.invoices)
			same(t, "credit notes", describeCreditNotes(b), c.creditNotes)
			same(t, "problems", describeProblems(b), c.problems)
			checkInvariants(t, b)
		})
	}
}

// Faults of the file as a whole, and of the Montant/Sens variant.
func TestReadRefusals(t *testing.T) {
	const h18 = "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\n"
	const variant = "JournalCode|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Montant|Sens|EcritureLet\n"
	for _, c := range []struct {
		name, in string
		problems []string
	}{
		{"empty file", "", []string{`l0 "" file file_format ""`}},
		{"blank lines only", "\r\n\n  \n", []string{`l0 "" file file_format ""`}},
		{"a CSV with semicolons", "JournalCode;EcritureNum\nVT;1\n", []string{`l1 "" file file_format "JournalCode;EcritureNum"`}},
		{"UTF-16", "\xFF\xFEJ\x00o\x00", []string{`l0 "" file encoding ""`}},
		{"binary", "PK\x03\x04\x00\x00", []string{`l0 "" file encoding ""`}},
		{"Montant without Sens", "JournalCode|Montant\n", []string{
			`l1 "" EcritureNum missing_column ""`, `l1 "" EcritureDate missing_column ""`,
			`l1 "" CompteNum missing_column ""`, `l1 "" CompteLib missing_column ""`,
			`l1 "" CompAuxNum missing_column ""`, `l1 "" CompAuxLib missing_column ""`,
			`l1 "" PieceRef missing_column ""`, `l1 "" PieceDate missing_column ""`,
			`l1 "" EcritureLib missing_column ""`, `l1 "" EcritureLet missing_column ""`,
			`l1 "" Sens missing_column ""`,
		}},
		{"unknown Sens, empty Sens", variant +
			"VT|1|20260105|411000|Clients|C1|Un|FA-1|20260105|Facture|100,00|X|\n" +
			"VT|1|20260105|706000|Ventes|||FA-1|20260105|Facture|100,00||\n",
			[]string{`l2 "Sens" direction unknown_choice "X"`, `l3 "Sens" direction required ""`}},
		{"too long a line", h18 + strings.Repeat("x", maxLine+10) + "\n", []string{`l2 "" line too_long ""`}},
		{"an invoice with no number", h18 + "VT\tVentes\t\t20260105\t411000\tClients\tC1\tUn\t\t20260105\tFacture\t100,00\t\t\t\t\t\t\n",
			[]string{`l2 "PieceRef" number required ""`}},
		{"a bad due date", strings.TrimSuffix(h18, "\n") + "\tEcheance\n" +
			"VT\tVentes\t1\t20260105\t411000\tClients\tC1\tUn\tFA-1\t20260105\tFacture\t100,00\t\t\t\t\t\t\t31/02/2026\n",
			[]string{`l2 "Echeance" due_date date_invalid "31/02/2026"`}},
		{"a date out of range", h18 + "VT\tVentes\t1\t18991231\t706000\tVentes\t\t\tFA-1\t\tFacture\t\t100\t\t\t\t\t\n",
			[]string{`l2 "EcritureDate" entry_date date_out_of_range "18991231"`}},
	} {
		b, err := Read("x.txt", strings.NewReader(c.in), Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(b.Invoices) != 0 {
			t.Errorf("%s: %d invoices read", c.name, len(b.Invoices))
		}
		same(t, c.name, describeProblems(b), c.problems)
	}
}

// The Montant/Sens variant and odd amounts read as the Debit/Credit form.
func TestReadAmountForms(t *testing.T) {
	const head = "JournalCode|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Montant|Sens|EcritureLet\n"
	in := head +
		"VT|1|20260105|411000|Clients|C1|Un|FA-1|20260105|Facture|1 250,5|+1|\n" +
		"VT|2|20260106|411000|Clients|C1|Un|FA-2|20260106|Facture|\"99.990\"|Débit|\n" +
		"BQ|3|20260110|411000|Clients|C1|Un|CHQ-1|20260110|Chèque|,5|-1|\n" +
		"BQ|4|20260111|411000|Clients|C1|Un|CHQ-2|20260111|Chèque|  100,500 |crédit|\n"
	b, err := Read("x.txt", strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	same(t, "problems", describeProblems(b), nil)
	if got := b.Balances["C1"]; got != data.Euros(1249, 49) {
		t.Errorf("balance %s", got.Plain())
	}
	same(t, "invoices", describeInvoices(b), []string{
		"C1 FA-1 l2 issued 2026-01-05 due - amount 1250,50 open 1149,50 | l4 2026-01-10 0,50 CHQ-1 | l5 2026-01-11 100,50 CHQ-2",
		"C1 FA-2 l3 issued 2026-01-06 due - amount 99,99 open 99,99",
	})
}

// Credits are told apart as settle says: a credit in a sales journal or
// labelled "avoir" is a credit note, any other (bank, à-nouveaux) a
// payment; unlettered, they go to the oldest invoice first.
func TestCreditNotesAndPayments(t *testing.T) {
	in := "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise\n" +
		"AN|A nouveaux|1|20260101|411000|Clients|C1|Un|FA-0|20251220|Facture FA-0|1000,00||||||\n" +
		"AN|A nouveaux|1|20260101|411000|Clients|C1|Un|RG-0|20251228|Règlement non lettré|0,00|30,00|||||\n" +
		"VT|Ventes|2|20260110|411000|Clients|C1|Un|FA-1|20260110|Facture FA-1|200,00||||||\n" +
		"VT|Ventes|3|20260115|411000|Clients|C1|Un|RC-1|20260115|Remise commerciale||20,00|||||\n" +
		"BQ|Banque|4|20260120|411000|Clients|C1|Un|AV-9|20260120|Avoir AV-9 remboursé||10,00|||||\n" +
		"BQ|Banque|5|20260125|411000|Clients|C1|Un|VIR-1|20260125|Virement||50,00|||||\n" +
		"VT|Ventes|6|20260130|411000|Clients|C2|Deux|FA-2|20260130|Facture FA-2|80,00||||||\n"
	b, err := Read("x.txt", strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	same(t, "problems", describeProblems(b), nil)
	same(t, "invoices", describeInvoices(b), []string{
		"C1 FA-0 l2 issued 2025-12-20 due - amount 1000,00 open 890,00 | l3 2026-01-01 30,00 RG-0 | l7 2026-01-25 50,00 VIR-1",
		"C1 FA-1 l4 issued 2026-01-10 due - amount 200,00 open 200,00",
		"C2 FA-2 l8 issued 2026-01-30 due - amount 80,00 open 80,00",
	})
	same(t, "credit notes", describeCreditNotes(b), []string{
		"C1 RC-1 on FA-0 l5 2026-01-15 20,00",
		"C1 AV-9 on FA-0 l6 2026-01-20 10,00",
	})
	checkInvariants(t, b)
}

// A bank reference is given once in a batch, as the book holds it once:
// a statement number used as the PieceRef of several receipts, or one
// receipt paying two invoices, gets a suffix from its second use on.
func TestBankRefsAreUnique(t *testing.T) {
	in := "JournalCode|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet\n" +
		"VT|1|20260105|411000|Clients|C1|Un|FA-1|20260105|Facture|100,00||\n" +
		"VT|2|20260106|411000|Clients|C1|Un|FA-2|20260106|Facture|100,00||\n" +
		"BQ|3|20260131|411000|Clients|C1|Un|RLV-01|20260131|Virement||150,00|\n" +
		"BQ|4|20260131|411000|Clients|C1|Un|RLV-01|20260131|Virement||30,00|\n"
	b, err := Read("x.txt", strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	same(t, "invoices", describeInvoices(b), []string{
		"C1 FA-2 l3 issued 2026-01-06 due - amount 100,00 open 20,00 | l4 2026-01-31 50,00 RLV-01 | l5 2026-01-31 30,00 RLV-01/2",
	})
}

// A failing reader is the one error of Read; sums too large for cents
// are a problem of the line that passes the bound, not an overflow.
func TestReadErrorsAndBounds(t *testing.T) {
	const head = "JournalCode|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet\n"
	disk := errors.New("disk unplugged")
	_, err := Read("x.txt", io.MultiReader(strings.NewReader(head), iotest.ErrReader(disk)), Options{})
	if !errors.Is(err, disk) || !strings.HasPrefix(err.Error(), "read FEC x.txt: ") {
		t.Errorf("a reader failing at once gives %v", err)
	}
	lines := head + strings.Repeat("VT|1|20260105|706000|Ventes|||FA-1|20260105|Facture|0|100,00|\n", 2000)
	_, err = Read("x.txt", io.MultiReader(strings.NewReader(lines), iotest.ErrReader(disk)), Options{})
	if !errors.Is(err, disk) || !strings.HasPrefix(err.Error(), "read FEC x.txt line 2002: ") {
		t.Errorf("a reader failing past the first 64 KB gives %v", err)
	}
	var in strings.Builder
	in.WriteString(head)
	for i := range 50 {
		fmt.Fprintf(&in, "VT|%d|20260105|411000|Clients|C1|Un|FA-%d|20260105|Facture|999999999999999,99||\n", i, i)
	}
	b, err := Read("x.txt", strings.NewReader(in.String()), Options{})
	if err != nil || len(b.Problems) != 4 || b.Problems[0].Line != 48 || b.Problems[0].Reason != data.ReasonMoneyTooLarge || b.Problems[0].Column != "Debit" {
		t.Fatalf("%v: %v", err, describeProblems(b))
	}
	checkInvariants(t, b)
}

// The open invoices of a client add up to its balance whenever it is not
// negative, a client in credit has none, and each invoice's amount less
// its payments and credit notes is what it still owes: on every sample
// and on a generated year of a small business.
func TestBalancesMatchOpenInvoices(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, f := range files {
		checkInvariants(t, readSample(t, filepath.Base(f), Options{}))
	}
	b, err := Read("generated.txt", newGenerator(60_000, 1), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Problems) > 0 || len(b.Invoices) < 100 || len(b.Clients) < 100 {
		t.Fatalf("generated FEC: %d problems (%v), %d invoices, %d clients", len(b.Problems), b.Problems[:min(3, len(b.Problems))], len(b.Invoices), len(b.Clients))
	}
	checkInvariants(t, b)
}

func readSample(t testing.TB, file string, opts Options) imports.Batch {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Read(file, bytes.NewReader(raw), opts)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkInvariants checks what the pipeline relies on (see settle), and
// that a bank reference is given once (see uniqueBankRefs).
func checkInvariants(t testing.TB, b imports.Batch) {
	t.Helper()
	open := map[string]data.Money{}
	credited := map[string]data.Money{}
	for _, n := range b.CreditNotes {
		credited[n.ClientKey+"\x00"+n.InvoiceNumber] += n.Amount
	}
	refs := map[string]bool{}
	for _, inv := range b.Invoices {
		paid := credited[inv.ClientKey+"\x00"+inv.Number]
		for _, p := range inv.Payments {
			paid += p.Amount
			if p.BankRef != "" && refs[p.BankRef] {
				t.Errorf("bank reference %q twice", p.BankRef)
			}
			refs[p.BankRef] = true
		}
		if !inv.OutstandingKnown || inv.Outstanding <= 0 || inv.Amount-paid != inv.Outstanding {
			t.Errorf("invoice %s of %s: amount %d, paid or credited %d, outstanding %d", inv.Number, inv.ClientKey, inv.Amount, paid, inv.Outstanding)
		}
		open[inv.ClientKey] += inv.Outstanding
	}
	checkBalances(t, b, open)
}

// checkBalances: each client once, and its open invoices (open, by client)
// adding up to its balance when it is not negative.
func checkBalances(t testing.TB, b imports.Batch, open map[string]data.Money) {
	t.Helper()
	keys := map[string]bool{}
	for _, c := range b.Clients {
		if keys[c.Key] {
			t.Errorf("client %q twice", c.Key)
		}
		keys[c.Key] = true
	}
	for key, balance := range b.Balances {
		want := max(balance, 0)
		if open[key] != want || !keys[key] {
			t.Errorf("client %q: balance %d, open invoices %d (listed: %v)", key, balance, open[key], keys[key])
		}
	}
	for key := range open {
		if _, ok := b.Balances[key]; !ok {
			t.Errorf("client %q has open invoices and no balance", key)
		}
	}
}

// checkFiles: every record names its file, as the pipeline reports by it.
func checkFiles(t *testing.T, b imports.Batch, file string) {
	t.Helper()
	var files []string
	for _, c := range b.Clients {
		files = append(files, c.File)
	}
	for _, inv := range b.Invoices {
		files = append(files, inv.File)
		for _, p := range inv.Payments {
			files = append(files, p.File)
		}
	}
	for _, n := range b.CreditNotes {
		files = append(files, n.File)
	}
	for _, p := range b.Problems {
		files = append(files, p.File)
	}
	for _, f := range files {
		if f != file {
			t.Errorf("a record of %s names the file %q", file, f)
			return
		}
	}
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got  %s\n want %s", what, strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}

func describeClients(b imports.Batch) []string {
	var out []string
	for _, c := range b.Clients {
		out = append(out, fmt.Sprintf("%s %q l%d balance %s", c.Key, c.Name, c.Line, b.Balances[c.Key].Plain()))
	}
	return out
}

func describeInvoices(b imports.Batch) []string {
	var out []string
	for _, inv := range b.Invoices {
		due := inv.DueDate.String()
		if due == "" {
			due = "-"
		}
		s := fmt.Sprintf("%s %s l%d issued %s due %s amount %s open %s", inv.ClientKey, inv.Number, inv.Line,
			inv.IssueDate, due, inv.Amount.Plain(), inv.Outstanding.Plain())
		for _, p := range inv.Payments {
			s += fmt.Sprintf(" | l%d %s %s %s", p.Line, p.Date, p.Amount.Plain(), p.BankRef)
		}
		out = append(out, s)
	}
	return out
}

func describeCreditNotes(b imports.Batch) []string {
	var out []string
	for _, n := range b.CreditNotes {
		out = append(out, fmt.Sprintf("%s %s on %s l%d %s %s", n.ClientKey, n.Number, n.InvoiceNumber, n.Line, n.Date, n.Amount.Plain()))
	}
	return out
}

func describeProblems(b imports.Batch) []string {
	var out []string
	for _, p := range b.Problems {
		out = append(out, fmt.Sprintf("l%d %q %s %s %q", p.Line, p.Column, p.Field, p.Reason, p.Value))
	}
	return out
}
