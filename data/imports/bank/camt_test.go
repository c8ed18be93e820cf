package bank

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"relance/data"
	"relance/data/imports"
)

const camtOwnerIBAN = "FR7630004000031234567890143"

// camtOFXSample reads a file of testdata.
func camtOFXSample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkStatementLines compares lines field by field. A wanted line with no
// ID wants a digest ID (format:account:20 hex digits:rank), whose value
// the identity tests check.
func checkStatementLines(t *testing.T, got, want []Line) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d lines, want %d: %+v", len(got), len(want), got)
	}
	digest := regexp.MustCompile(`^(camt|ofx):[0-9A-Z]*:[0-9a-f]{20}:[1-9][0-9]*$`)
	for i := range want {
		g := got[i]
		if want[i].ID == "" {
			if !digest.MatchString(g.ID) {
				t.Errorf("line %d: ID %q is not a digest ID", i, g.ID)
			}
			g.ID = ""
		}
		if g != want[i] {
			t.Errorf("line %d:\n got %+v\nwant %+v", i, g, want[i])
		}
	}
}

func TestReadCAMT053(t *testing.T) {
	st := ReadCAMT("camt053.xml", camtOFXSample(t, "camt053.xml"))
	if len(st.Problems) != 0 {
		t.Fatalf("problems: %v", st.Problems)
	}
	if st.File != "camt053.xml" || st.Format != FormatCAMT || st.Account != camtOwnerIBAN {
		t.Errorf("statement = %q %q %q", st.File, st.Format, st.Account)
	}
	d := data.MustDate
	entry := func(id string, fileLine int, booked string, amount data.Money) Line {
		l := Line{FileLine: fileLine, Account: camtOwnerIBAN, Booked: d(booked), Value: d(booked), Amount: amount, Currency: "EUR"}
		if id != "" {
			l.ID = "camt:" + camtOwnerIBAN + ":" + id
		}
		return l
	}
	// One credit of three payers, cut into three lines.
	cafe := entry("2026030500001/2026030500001-A", 71, "2026-03-05", 120000)
	cafe.Name, cafe.IBAN, cafe.Label, cafe.EndToEnd = "SARL CAFÉ DURAND", "FR1420041010050500013M02606", "FACTURE F2026-0012 MERCI", "F2026-0012"
	bakery := entry("2026030500001/2026030500001-B", 95, "2026-03-05", 215000)
	bakery.Name, bakery.IBAN, bakery.Label = "Boulangerie Lefèvre & Fils", "FR7630006000011234567890189", "F2026-0015 F2026-0016"
	muller := entry("2026030500001/3", 118, "2026-03-05", 100000) // no reference of its own: its rank
	muller.Name, muller.IBAN, muller.Label, muller.EndToEnd = "Müller Ingénierie GmbH", "DE89370400440532013000", "ACOMPTE DEVIS D-2026-004", "MUL-77120"
	// A transfer giving an RF creditor reference.
	rf := entry("2026030600007", 166, "2026-03-06", 84000)
	rf.Name, rf.IBAN, rf.Reference, rf.EndToEnd = "Pâtisserie Noël", "FR7617515900000800123456789", "RF18539007547034", "E2E-TR-88412"
	// Bank charges without reference: digest IDs; twice the same commission.
	fee := entry("", 200, "2026-03-06", -1200)
	fee.Label = "FRAIS CARTE BUSINESS MARS"
	commission := entry("", 223, "2026-03-09", -50)
	commission.Label = "COMMISSION VIREMENT INSTANTANE"
	commission2 := commission
	commission2.FileLine = 237
	// An unpaid direct debit: the other party is the debtor, not the owner.
	unpaid := entry("2026031000003", 274, "2026-03-10", -35000)
	unpaid.Name, unpaid.IBAN, unpaid.Label = "EURL Martin", "FR7610278060410002051370129", "IMPAYE PRLV SEPA F2026-0009"
	unpaid.EndToEnd, unpaid.Return, unpaid.ReturnReason, unpaid.ReturnOf = "PRLV-F2026-0009", true, "AM04", "PRLV-F2026-0009"
	// The pending entry is left out.
	checkStatementLines(t, st.Lines, []Line{cafe, bakery, muller, rf, fee, commission, commission2, unpaid})
}

func TestReadCAMT054(t *testing.T) {
	st := ReadCAMT("camt054.xml", camtOFXSample(t, "camt054.xml"))
	if len(st.Problems) != 0 {
		t.Fatalf("problems: %v", st.Problems)
	}
	if st.Account != camtOwnerIBAN { // written with spaces in the file
		t.Errorf("account = %q", st.Account)
	}
	d := data.MustDate
	// Version 02: Dbtr/Nm, AmtDtls/TxAmt/Amt, BookgDt/DtTm.
	credit := Line{ID: "camt:" + camtOwnerIBAN + ":N-20260312-001", FileLine: 37, Account: camtOwnerIBAN,
		Booked: d("2026-03-12"), Value: d("2026-03-13"), Amount: 150000, Currency: "EUR",
		Name: "SCI Les Érables", IBAN: "FR7618206000106500123456789", Label: "REGLEMENT FACTURE F2026-0021",
		EndToEnd: "SCI-ERABLES-0321"}
	// A reversed debit is a return.
	reversal := Line{ID: "camt:" + camtOwnerIBAN + ":N-20260312-002", FileLine: 75, Account: camtOwnerIBAN,
		Booked: d("2026-03-12"), Value: d("2026-03-12"), Amount: -7500, Currency: "EUR",
		Name: "Garage Dubois", Label: "ANNULATION VIREMENT", EndToEnd: "E2E-9981", Return: true, ReturnOf: "E2E-9981"}
	// Two transactions without amounts of their own: one line, both
	// labels; booked on its value date, the only one given.
	batch := Line{FileLine: 90, Account: camtOwnerIBAN, Booked: d("2026-03-12"), Value: d("2026-03-12"),
		Amount: 30000, Currency: "EUR", Label: "F2026-0030 F2026-0031"}
	checkStatementLines(t, st.Lines, []Line{credit, reversal, batch})
}

// camtDoc is a CAMT.053 document with one entry a line, from line 3 on.
func camtDoc(namespace string, entries ...string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:` + namespace + `"><BkToCstmrStmt><Stmt><Acct><Id><IBAN>` + camtOwnerIBAN + `</IBAN></Id></Acct>
` + strings.Join(entries, "\n") + `
</Stmt></BkToCstmrStmt></Document>`)
}

// camtEntryXML is an entry, its amount, direction and booking day, and
// what else it holds.
func camtEntryXML(amount, ind, day, rest string) string {
	return `<Ntry><Amt Ccy="EUR">` + amount + `</Amt><CdtDbtInd>` + ind + `</CdtDbtInd><BookgDt><Dt>` + day + `</Dt></BookgDt>` + rest + `</Ntry>`
}

func TestReadCAMTProblems(t *testing.T) {
	good := camtEntryXML("10.00", "CRDT", "2026-03-02", "<AcctSvcrRef>G1</AcctSvcrRef>")
	tests := []struct {
		name   string
		entry  string
		column string
		field  string
		reason data.Reason
		value  string
	}{
		{"no amount", `<Ntry><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-03-02</Dt></BookgDt></Ntry>`,
			"Ntry/Amt", "amount", data.ReasonRequired, ""},
		{"decimal comma", camtEntryXML("12,50", "CRDT", "2026-03-02", ""), "Ntry/Amt", "amount", data.ReasonMoneyFormat, "12,50"},
		{"three decimals", camtEntryXML("1.234", "CRDT", "2026-03-02", ""), "Ntry/Amt", "amount", data.ReasonMoneyDecimals, "1.234"},
		{"negative", camtEntryXML("-5.00", "DBIT", "2026-03-02", ""), "Ntry/Amt", "amount", data.ReasonNegative, "-5.00"},
		{"no direction", `<Ntry><Amt Ccy="EUR">5</Amt><BookgDt><Dt>2026-03-02</Dt></BookgDt></Ntry>`,
			"Ntry/CdtDbtInd", "amount", data.ReasonRequired, ""},
		{"unknown direction", camtEntryXML("5", "CREDIT", "2026-03-02", ""), "Ntry/CdtDbtInd", "amount", data.ReasonUnknownChoice, "CREDIT"},
		{"day that does not exist", camtEntryXML("5", "CRDT", "2026-02-30", ""), "Ntry/BookgDt", "date", data.ReasonDateInvalid, "2026-02-30"},
		{"not a date", camtEntryXML("5", "CRDT", "le 2 mars", ""), "Ntry/BookgDt", "date", data.ReasonDateFormat, "le 2 mars"},
		{"empty booking date", `<Ntry><Amt Ccy="EUR">5</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt></BookgDt></Ntry>`,
			"Ntry/BookgDt", "date", data.ReasonRequired, ""},
		{"no date", `<Ntry><Amt Ccy="EUR">5</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>`, "Ntry/BookgDt", "date", data.ReasonRequired, ""},
		{"bad transaction amount", camtEntryXML("5", "CRDT", "2026-03-02",
			`<NtryDtls><TxDtls><Amt Ccy="EUR">2</Amt></TxDtls><TxDtls><Amt Ccy="EUR">3 EUR</Amt></TxDtls></NtryDtls>`),
			"TxDtls/Amt", "amount", data.ReasonMoneyFormat, "3 EUR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := ReadCAMT("bad.xml", camtDoc("camt.053.001.02", good, tt.entry, good))
			want := imports.Problem{File: "bad.xml", Line: 4, Column: tt.column,
				FieldError: data.FieldError{Field: tt.field, Reason: tt.reason, Value: tt.value}}
			if len(st.Problems) != 1 || st.Problems[0] != want {
				t.Fatalf("problems = %+v, want %+v", st.Problems, want)
			}
			// The broken entry gives no line, the others theirs.
			if len(st.Lines) != 2 || st.Lines[0].FileLine != 3 || st.Lines[1].FileLine != 5 {
				t.Errorf("lines = %+v", st.Lines)
			}
		})
	}
}

func TestReadCAMTBadFiles(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		line   int
		reason data.Reason
	}{
		{"cut short", `<?xml version="1.0"?>` + "\n<Document><BkToCstmrStmt><Stmt>\n<Ntry><Amt>1</Ntry>", 3, data.ReasonFileFormat},
		{"empty", "", 0, data.ReasonFileFormat},
		{"not XML", "Date;Libellé;Montant\n", 0, data.ReasonFileFormat},
		{"another message", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>`, 1, data.ReasonFileFormat},
		{"unknown encoding", `<?xml version="1.0" encoding="EBCDIC"?><Document/>`, 1, data.ReasonFileFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := ReadCAMT("f.xml", []byte(tt.file))
			if len(st.Lines) != 0 || len(st.Problems) != 1 {
				t.Fatalf("lines %+v, problems %+v", st.Lines, st.Problems)
			}
			p := st.Problems[0]
			if p.File != "f.xml" || p.Field != "file" || p.Reason != tt.reason || p.Line != tt.line {
				t.Errorf("problem = %+v", p)
			}
		})
	}
}

func TestReadCAMTReturns(t *testing.T) {
	tests := []struct {
		name     string
		entry    string
		returned bool
		reason   string
	}{
		{"returned transfer by its code", camtEntryXML("5", "DBIT", "2026-03-02",
			`<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>RRTN</SubFmlyCd></Fmly></Domn></BkTxCd>`), true, ""},
		{"return information only", camtEntryXML("5", "DBIT", "2026-03-02",
			`<NtryDtls><TxDtls><RtrInf><Rsn><Cd>MD06</Cd></Rsn></RtrInf></TxDtls></NtryDtls>`), true, "MD06"},
		{"proprietary reason", camtEntryXML("5", "DBIT", "2026-03-02",
			`<NtryDtls><TxDtls><RtrInf><Rsn><Prtry>IMPAYE</Prtry></Rsn></RtrInf></TxDtls></NtryDtls>`), true, "IMPAYE"},
		{"reversed debit", camtEntryXML("5", "DBIT", "2026-03-02", `<RvslInd>true</RvslInd>`), true, ""},
		{"reversed credit gives money back to the owner", camtEntryXML("5", "CRDT", "2026-03-02", `<RvslInd>true</RvslInd>`), false, ""},
		{"ordinary debit", camtEntryXML("5", "DBIT", "2026-03-02",
			`<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>`), false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := ReadCAMT("r.xml", camtDoc("camt.053.001.04", tt.entry))
			if len(st.Problems) != 0 || len(st.Lines) != 1 {
				t.Fatalf("lines %+v, problems %+v", st.Lines, st.Problems)
			}
			if l := st.Lines[0]; l.Return != tt.returned || l.ReturnReason != tt.reason {
				t.Errorf("Return %v %q, want %v %q", l.Return, l.ReturnReason, tt.returned, tt.reason)
			}
		})
	}
}

func TestReadCAMTStableIDs(t *testing.T) {
	for _, name := range []string{"camt053.xml", "camt054.xml"} {
		b := camtOFXSample(t, name)
		first, second := ReadCAMT(name, b), ReadCAMT(name, b)
		seen := map[string]bool{}
		for i, l := range first.Lines {
			if l.ID != second.Lines[i].ID {
				t.Errorf("%s line %d: ID %q then %q", name, i, l.ID, second.Lines[i].ID)
			}
			if seen[l.ID] {
				t.Errorf("%s: ID %q twice", name, l.ID)
			}
			seen[l.ID] = true
		}
	}
	// The statement and the notification of one movement give it one ID,
	// as does a statement that overlaps another.
	entry := camtEntryXML("5", "CRDT", "2026-03-02", "<AcctSvcrRef>X1</AcctSvcrRef>")
	fee := camtEntryXML("0.50", "DBIT", "2026-03-03", "<AddtlNtryInf>FRAIS</AddtlNtryInf>")
	march := ReadCAMT("a.xml", camtDoc("camt.053.001.02", entry, fee, fee))
	notification := []byte(strings.NewReplacer("BkToCstmrStmt", "BkToCstmrDbtCdtNtfctn", "Stmt>", "Ntfctn>").
		Replace(string(camtDoc("camt.054.001.08", fee, fee))))
	later := ReadCAMT("b.xml", notification)
	if len(march.Lines) != 3 || len(later.Lines) != 2 {
		t.Fatalf("lines %+v and %+v", march.Lines, later.Lines)
	}
	if march.Lines[1].ID != later.Lines[0].ID || march.Lines[2].ID != later.Lines[1].ID || march.Lines[1].ID == march.Lines[2].ID {
		t.Errorf("IDs %q %q, then %q %q", march.Lines[1].ID, march.Lines[2].ID, later.Lines[0].ID, later.Lines[1].ID)
	}
}

func TestReadCAMTEncodings(t *testing.T) {
	entry := camtEntryXML("5", "CRDT", "2026-03-02",
		"<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>CAF\xc9 NO\xcbL</Nm></Dbtr></RltdPties></TxDtls></NtryDtls>")
	declared := strings.Replace(string(camtDoc("camt.053.001.02", entry)), "UTF-8", "ISO-8859-1", 1)
	undeclared := "\xef\xbb\xbf" + strings.Replace(string(camtDoc("camt.053.001.02", entry)), ` encoding="UTF-8"`, "", 1)
	for name, file := range map[string]string{"declared": declared, "undeclared": undeclared} {
		st := ReadCAMT("e.xml", []byte(file))
		if len(st.Problems) != 0 || len(st.Lines) != 1 || st.Lines[0].Name != "CAFÉ NOËL" {
			t.Errorf("%s: lines %+v, problems %+v", name, st.Lines, st.Problems)
		}
	}
}

func TestLooksLikeCAMT(t *testing.T) {
	for name, want := range map[string]bool{"camt053.xml": true, "camt054.xml": true, "ofx1.ofx": false, "ofx2.ofx": false} {
		b := camtOFXSample(t, name)
		if got := LooksLikeCAMT(b[:min(512, len(b))]); got != want {
			t.Errorf("LooksLikeCAMT(%s) = %v", name, got)
		}
	}
	if !LooksLikeCAMT([]byte(`<?xml version="1.0"?><n:Document xmlns:n="x"><n:BkToCstmrAcctRpt>`)) {
		t.Error("CAMT.052 with a prefix not recognised")
	}
}

func TestDigestIDs(t *testing.T) {
	day := data.MustDate("2026-03-04")
	fee := Line{Account: "A", Booked: day, Amount: -50, Label: "Frais  virement"}
	shouted := fee
	shouted.Label = " FRAIS VIREMENT "
	other := fee
	other.Amount = -60
	known := Line{ID: "camt:A:REF", Account: "A", Booked: day, Amount: -50, Label: "Frais virement"}
	lines := []Line{fee, known, shouted, other}
	DigestIDs(FormatCFONB, lines)
	if lines[1].ID != "camt:A:REF" {
		t.Errorf("a bank reference was replaced: %q", lines[1].ID)
	}
	// The label is compared upper case and spaced once: the second fee
	// is the same movement again, ranked 2.
	base, ok := strings.CutSuffix(lines[0].ID, ":1")
	if !ok || !strings.HasPrefix(base, "cfonb:A:") || lines[2].ID != base+":2" {
		t.Errorf("IDs %q and %q", lines[0].ID, lines[2].ID)
	}
	if strings.HasPrefix(lines[3].ID, base) {
		t.Errorf("another amount, same digest: %q", lines[3].ID)
	}
	// The same lines in another statement get the same IDs.
	again := []Line{fee, shouted}
	DigestIDs(FormatCFONB, again)
	if again[0].ID != lines[0].ID || again[1].ID != lines[2].ID {
		t.Errorf("IDs %q %q, then %q %q", lines[0].ID, lines[2].ID, again[0].ID, again[1].ID)
	}
}
