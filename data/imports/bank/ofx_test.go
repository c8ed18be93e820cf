package bank

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"relance/data"
	"relance/data/imports"
)

func TestReadOFX1(t *testing.T) {
	b := camtOFXSample(t, "ofx1.ofx")
	if utf8.Valid(b) || !bytes.Contains(b, []byte("CAF\xc9")) {
		t.Fatal("ofx1.ofx should be written in Windows-1252")
	}
	st := ReadOFX("ofx1.ofx", b)
	if len(st.Problems) != 0 {
		t.Fatalf("problems: %v", st.Problems)
	}
	const account = "300040012300012345678" // BANKID, BRANCHID, ACCTID
	if st.File != "ofx1.ofx" || st.Format != FormatOFX || st.Account != account {
		t.Errorf("statement = %q %q %q", st.File, st.Format, st.Account)
	}
	d := data.MustDate
	line := func(fitid string, fileLine int, booked string, amount data.Money, name, label string) Line {
		l := Line{FileLine: fileLine, Account: account, Booked: d(booked), Amount: amount, Currency: "EUR", Name: name, Label: label}
		if fitid != "" {
			l.ID = "ofx:" + account + ":" + fitid
		}
		return l
	}
	transfer := line("0000120260302001", 40, "2026-03-02", 120000, "VIR SEPA SARL CAFÉ DURAND", "VIR SEPA SARL CAFÉ DURAND FACT F2026-0012")
	transfer.Value = d("2026-03-01") // DTUSER
	fees := line("0000120260303001", 49, "2026-03-03", -1250, "FRAIS TENUE DE COMPTE", "FRAIS TENUE DE COMPTE")
	fees.Value = d("2026-03-03")
	card := line("", 58, "2026-03-04", -480, "CB BOULANGERIE LEFÈVRE", "CB BOULANGERIE LEFÈVRE CARTE 4975XXXX1234 04/03")
	card2 := card
	card2.FileLine = 65
	deposit := line("0000120260305002", 72, "2026-03-05", 50000, "VIR M. FRANÇOIS NOËL", "VIR M. FRANÇOIS NOËL ACOMPTE 500€ DEVIS D-12")
	deposit.Value = d("2026-03-05")
	debit := line("0000120260306001", 81, "2026-03-06", -4590, "PRLV SEPA ORANGE SA", "PRLV SEPA ORANGE SA")
	checkStatementLines(t, st.Lines, []Line{transfer, fees, card, card2, deposit, debit})
}

func TestReadOFX2(t *testing.T) {
	st := ReadOFX("ofx2.ofx", camtOFXSample(t, "ofx2.ofx"))
	if len(st.Problems) != 0 {
		t.Fatalf("problems: %v", st.Problems)
	}
	const account = "300661002100020123401"
	d := data.MustDate
	credit := Line{ID: "ofx:" + account + ":CIC-20260310-0001", FileLine: 33, Account: account,
		Booked: d("2026-03-10"), Value: d("2026-03-09"), Amount: 98040, Currency: "EUR",
		Name: "Boulangerie Lefèvre & Fils", Label: "Boulangerie Lefèvre & Fils Facture F2026-0019"}
	urssaf := Line{ID: "ofx:" + account + ":CIC-20260311-0001", FileLine: 42, Account: account,
		Booked: d("2026-03-11"), Amount: -12000, Currency: "EUR",
		Name: "URSSAF", Label: "PRLV URSSAF COTISATIONS FEVRIER"} // the memo says the name again
	sci := Line{ID: "ofx:" + account + ":CIC-20260312-0004", FileLine: 50, Account: account,
		Booked: d("2026-03-12"), Amount: 240050, Currency: "EUR", Name: "SCI Les Érables", Label: "SCI Les Érables"}
	checkStatementLines(t, st.Lines, []Line{credit, urssaf, sci})
}

// ofxDoc is an SGML OFX file with one STMTTRN a line, from line 4 on.
func ofxDoc(transactions ...string) []byte {
	return []byte("OFXHEADER:100\r\nCHARSET:1252\r\n" +
		"<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>30004<BRANCHID>00123<ACCTID>00012345678</BANKACCTFROM><BANKTRANLIST>\r\n" +
		strings.Join(transactions, "\r\n") +
		"\r\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\r\n")
}

// ofxTransaction is an SGML STMTTRN of the date, amount and FITID.
func ofxTransaction(posted, amount, fitid string) string {
	return "<STMTTRN><TRNTYPE>OTHER<DTPOSTED>" + posted + "<TRNAMT>" + amount + "<FITID>" + fitid + "<NAME>TEST</STMTTRN>"
}

func TestReadOFXProblems(t *testing.T) {
	good := ofxTransaction("20260302", "-1,00", "G")
	tests := []struct {
		name   string
		trn    string
		column string
		field  string
		reason data.Reason
		value  string
	}{
		{"no amount", "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260302<FITID>B</STMTTRN>", "STMTTRN/TRNAMT", "amount", data.ReasonRequired, ""},
		{"empty amount", ofxTransaction("20260302", "", "B"), "STMTTRN/TRNAMT", "amount", data.ReasonRequired, ""},
		{"not an amount", ofxTransaction("20260302", "douze", "B"), "STMTTRN/TRNAMT", "amount", data.ReasonMoneyFormat, "douze"},
		{"grouped thousands", ofxTransaction("20260302", "1.250,00", "B"), "STMTTRN/TRNAMT", "amount", data.ReasonMoneyFormat, "1.250,00"},
		{"three decimals", ofxTransaction("20260302", "-1,234", "B"), "STMTTRN/TRNAMT", "amount", data.ReasonMoneyDecimals, "-1,234"},
		{"no date", "<STMTTRN><TRNTYPE>DEBIT<TRNAMT>-1<FITID>B</STMTTRN>", "STMTTRN/DTPOSTED", "date", data.ReasonRequired, ""},
		{"day that does not exist", ofxTransaction("20260230", "-1", "B"), "STMTTRN/DTPOSTED", "date", data.ReasonDateInvalid, "20260230"},
		{"ISO date", ofxTransaction("2026-03-02", "-1", "B"), "STMTTRN/DTPOSTED", "date", data.ReasonDateFormat, "2026-03-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := ReadOFX("bad.ofx", ofxDoc(good, tt.trn, good))
			want := imports.Problem{File: "bad.ofx", Line: 5, Column: tt.column,
				FieldError: data.FieldError{Field: tt.field, Reason: tt.reason, Value: tt.value}}
			if len(st.Problems) != 1 || st.Problems[0] != want {
				t.Fatalf("problems = %+v, want %+v", st.Problems, want)
			}
			if len(st.Lines) != 2 || st.Lines[0].FileLine != 4 || st.Lines[1].FileLine != 6 {
				t.Errorf("lines = %+v", st.Lines)
			}
		})
	}
}

func TestReadOFXBadFiles(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		reason data.Reason
	}{
		{"empty", "", data.ReasonFileFormat},
		{"not OFX", "Date;Libellé;Montant\r\n02/03/2026;VIR;12,00\r\n", data.ReasonFileFormat},
		{"no statement", "OFXHEADER:100\r\n<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>15500</STATUS></SONRS></SIGNONMSGSRSV1></OFX>", data.ReasonFileFormat},
		{"binary", "OFXHEADER:100\x00\x01<OFX>", data.ReasonEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := ReadOFX("f.ofx", []byte(tt.file))
			if len(st.Lines) != 0 || len(st.Problems) != 1 {
				t.Fatalf("lines %+v, problems %+v", st.Lines, st.Problems)
			}
			if p := st.Problems[0]; p.File != "f.ofx" || p.Field != "file" || p.Reason != tt.reason {
				t.Errorf("problem = %+v", p)
			}
		})
	}
	// A statement without movements is no fault.
	if st := ReadOFX("f.ofx", ofxDoc()); len(st.Lines) != 0 || len(st.Problems) != 0 || st.Account == "" {
		t.Errorf("empty statement: %+v", st)
	}
}

func TestReadOFXStableIDs(t *testing.T) {
	for _, name := range []string{"ofx1.ofx", "ofx2.ofx"} {
		b := camtOFXSample(t, name)
		first, second := ReadOFX(name, b), ReadOFX(name, b)
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
	// Two identical card payments without FITID stay two, and keep their
	// IDs in a statement that overlaps.
	card := "<STMTTRN><TRNTYPE>POS<DTPOSTED>20260304<TRNAMT>-4,80<NAME>CB BOULANGERIE</STMTTRN>"
	early := ReadOFX("a.ofx", ofxDoc(ofxTransaction("20260303", "-1", "A"), card, card))
	late := ReadOFX("b.ofx", ofxDoc(card, card, ofxTransaction("20260305", "-1", "C")))
	if early.Lines[1].ID == early.Lines[2].ID || early.Lines[1].ID != late.Lines[0].ID || early.Lines[2].ID != late.Lines[1].ID {
		t.Errorf("IDs %q %q, then %q %q", early.Lines[1].ID, early.Lines[2].ID, late.Lines[0].ID, late.Lines[1].ID)
	}
	// A bank that repeats a FITID: the second movement is kept apart.
	twice := ReadOFX("c.ofx", ofxDoc(ofxTransaction("20260303", "-1", "A"), ofxTransaction("20260304", "-2", "A")))
	if len(twice.Lines) != 2 || twice.Lines[1].ID != twice.Lines[0].ID+"#2" {
		t.Errorf("repeated FITID: %+v", twice.Lines)
	}
}

func TestReadOFXCharset(t *testing.T) {
	// 0xB4 is an acute accent in Windows-1252 but Ž in ISO-8859-15, which
	// imports.DecodeText would guess from the bytes alone.
	st := ReadOFX("c.ofx", ofxDoc("<STMTTRN><DTPOSTED>20260302<TRNAMT>5<NAME>L\xb4ATELIER</STMTTRN>"))
	if len(st.Lines) != 1 || st.Lines[0].Name != "L´ATELIER" {
		t.Errorf("lines %+v, problems %+v", st.Lines, st.Problems)
	}
	// A file declared Windows-1252 but written in UTF-8 is read as UTF-8.
	st = ReadOFX("u.ofx", ofxDoc("<STMTTRN><DTPOSTED>20260302<TRNAMT>5<NAME>CAFÉ</STMTTRN>"))
	if len(st.Lines) != 1 || st.Lines[0].Name != "CAFÉ" {
		t.Errorf("lines %+v, problems %+v", st.Lines, st.Problems)
	}
}

func TestReadOFXAccounts(t *testing.T) {
	// A bank account and a card account in one file, each transaction on
	// its own; a foreign-currency card payment; an account number that
	// holds the whole RIB already.
	file := "OFXHEADER:100\n<OFX>" +
		"<BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>30004<BRANCHID>00123<ACCTID>3000400123 00012345678</BANKACCTFROM>" +
		"<BANKTRANLIST><STMTTRN><DTPOSTED>20260302<TRNAMT>5<FITID>1</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1>" +
		"<CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>EUR<CCACCTFROM><ACCTID>4975XXXX1234</CCACCTFROM>" +
		"<BANKTRANLIST><STMTTRN><DTPOSTED>20260303<TRNAMT>-9.99<FITID>2<CURRENCY><CURRATE>1.08<CURSYM>USD</CURRENCY></STMTTRN></BANKTRANLIST></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>"
	st := ReadOFX("m.ofx", []byte(file))
	if len(st.Problems) != 0 || len(st.Lines) != 2 {
		t.Fatalf("lines %+v, problems %+v", st.Lines, st.Problems)
	}
	if st.Account != "300040012300012345678" || st.Lines[0].ID != "ofx:300040012300012345678:1" {
		t.Errorf("bank account %q, line %+v", st.Account, st.Lines[0])
	}
	if l := st.Lines[1]; l.Account != "4975XXXX1234" || l.Currency != "USD" || l.Amount != -999 {
		t.Errorf("card line %+v", l)
	}
}

func TestLooksLikeOFX(t *testing.T) {
	for name, want := range map[string]bool{"camt053.xml": false, "camt054.xml": false, "ofx1.ofx": true, "ofx2.ofx": true} {
		b := camtOFXSample(t, name)
		if got := LooksLikeOFX(b[:min(512, len(b))]); got != want {
			t.Errorf("LooksLikeOFX(%s) = %v", name, got)
		}
	}
}

func TestReadOFXDeepFile(t *testing.T) {
	// Unclosed transactions nest each in the previous: every one is still
	// reported, in time linear in the file (a slice per level made it
	// quadratic: a minute for a megabyte).
	const n = 50000
	st := ReadOFX("deep.ofx", []byte("<OFX><STMTRS>"+strings.Repeat("<STMTTRN>", n)))
	if len(st.Lines) != 0 || len(st.Problems) != 2*n { // no amount, no date
		t.Errorf("%d lines, %d problems", len(st.Lines), len(st.Problems))
	}
}
