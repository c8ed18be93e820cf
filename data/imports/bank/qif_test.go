package bank

import (
	"strings"
	"testing"

	"relance/data"
)

func TestReadQIF(t *testing.T) {
	st := ReadQIF("releve.qif", sample(t, "releve.qif"))
	if st.Format != FormatQIF || st.Account != "Compte courant pro" {
		t.Errorf("format %q account %q", st.Format, st.Account)
	}
	type movement struct {
		line   int
		booked string
		amount data.Money
		name   string
		label  string
	}
	want := []movement{
		{6, "2026-03-03", 125000, "SARL DUPONT ÉLECTRICITÉ", "SARL DUPONT ÉLECTRICITÉ FACTURE FA-2026-0042"},
		{11, "2026-03-04", -4567, "PRLV SEPA EDF", "PRLV SEPA EDF"},
		{16, "2026-03-20", 250000, "CAFÉ DES ARTS", "CAFÉ DES ARTS FA-2026-0050 123456"},
		{22, "2026-03-07", 5000, "CAFE", "CAFE"},
		{26, "2026-03-07", 5000, "CAFE", "CAFE"},
	}
	if len(st.Lines) != len(want) {
		t.Fatalf("%d lines, want %d: %+v", len(st.Lines), len(want), st.Lines)
	}
	for i, w := range want {
		l := st.Lines[i]
		got := movement{l.FileLine, l.Booked.String(), l.Amount, l.Name, l.Label}
		if got != w || l.Currency != "EUR" || l.Account != "Compte courant pro" {
			t.Errorf("line %d: %+v %q %q\nwant %+v", i, got, l.Currency, l.Account, w)
		}
	}
	checkProblems(t, st.Problems, []wantProblem{
		{30, "date", data.ReasonDateInvalid},
		{34, "amount", data.ReasonMoneyFormat},
		{38, "amount", data.ReasonRequired},
	})
	checkIDs(t, func() Statement { return ReadQIF("releve.qif", sample(t, "releve.qif")) })
}

// An American Quicken file: a date with 15 in second place proves the
// dates month first, and amounts have a decimal point.
func TestReadQIFMonthFirst(t *testing.T) {
	text := "!Type:Bank\nD3/15'26\nT-1,234.56\nPRENT\n^\nD3/ 5'26\nT1,250\nPCLIENT\n^\nD1/2'6\nT.5\n^\n"
	st := ReadQIF("us.qif", []byte(text))
	if len(st.Lines) != 3 || st.Problems != nil {
		t.Fatalf("lines %+v problems %v", st.Lines, st.Problems)
	}
	for i, w := range []struct {
		booked string
		amount data.Money
	}{{"2026-03-15", -123456}, {"2026-03-05", 125000}, {"2006-01-02", 50}} {
		if l := st.Lines[i]; l.Booked != date(w.booked) || l.Amount != w.amount {
			t.Errorf("line %d: %v %d, want %s %d", i, l.Booked, l.Amount, w.booked, w.amount)
		}
	}
}

func TestQIFDates(t *testing.T) {
	tests := []struct {
		s          string
		monthFirst bool
		want       string
		reason     data.Reason
	}{
		{"15/03/2026", false, "2026-03-15", ""},
		{"15/03/26", false, "2026-03-15", ""},
		{"05/03/26", false, "2026-03-05", ""},
		{"05/03/26", true, "2026-05-03", ""},
		{" 5/ 3'26", false, "2026-03-05", ""},
		{"2026-03-15", false, "2026-03-15", ""},
		{"20260315", false, "2026-03-15", ""},
		{"20261315", false, "", data.ReasonDateInvalid},
		{"31/02/2026", false, "", data.ReasonDateInvalid},
		{"mars 2026", false, "", data.ReasonDateFormat},
		{"", false, "", data.ReasonRequired},
	}
	for _, tt := range tests {
		got, reason := qifDate(tt.s, tt.monthFirst)
		want := data.Date{}
		if tt.want != "" {
			want = date(tt.want)
		}
		if got != want || reason != tt.reason {
			t.Errorf("qifDate(%q, %v) = %v %q, want %v %q", tt.s, tt.monthFirst, got, reason, want, tt.reason)
		}
	}
}

func TestQIFAmounts(t *testing.T) {
	tests := []struct {
		s            string
		decimalComma bool
		want         data.Money
		reason       data.Reason
	}{
		{"1 250,00", true, 125000, ""},
		{"-1.234,56", true, -123456, ""},
		{"1.250", true, 125000, ""},
		{"-1,234.56", false, -123456, ""},
		{"1,250", false, 125000, ""},
		{"+12.5", false, 1250, ""},
		{"12.345", false, 0, data.ReasonMoneyDecimals},
		{"douze", true, 0, data.ReasonMoneyFormat},
	}
	for _, tt := range tests {
		got, reason := qifAmount(tt.s, tt.decimalComma)
		if got != tt.want || reason != tt.reason {
			t.Errorf("qifAmount(%q, %v) = %d %q, want %d %q", tt.s, tt.decimalComma, got, reason, tt.want, tt.reason)
		}
	}
}

// Categories, investments and the split lines of a transaction are no
// movements of the account; a file without !Type is a bank account's, and
// its last record may lack its "^".
func TestReadQIFSections(t *testing.T) {
	text := strings.Join([]string{
		"!Type:Cat", "NAlimentation", "E", "^",
		"!Type:Bank", "D01/03/2026", "T-100,00", "PCARREFOUR", "SCourses", "$-60,00", "SMaison", "$-40,00", "^",
		"!Type:Invst", "D02/03/2026", "NBuy", "T500,00", "^",
		"!Type:CCard", "D03/03/2026", "T-20,00", "PRESTAURANT",
	}, "\n")
	st := ReadQIF("a.qif", []byte(text))
	if len(st.Lines) != 2 || st.Lines[0].Amount != -10000 || st.Lines[1].Amount != -2000 || st.Lines[1].FileLine != 20 {
		t.Errorf("lines %+v problems %v", st.Lines, st.Problems)
	}
	st = ReadQIF("b.qif", []byte("D01/03/2026\nT12,00\nMmémo\nMsuite\n^"))
	if len(st.Lines) != 1 || st.Lines[0].Label != "mémo suite" {
		t.Errorf("lines %+v", st.Lines)
	}
}

func TestLooksLikeQIF(t *testing.T) {
	for head, want := range map[string]bool{
		"!Type:Bank\r\nD01/03/2026": true,
		"\ufeff!type:CCard\n":       true,
		"\n\n!Account\nNCompte":     true,
		"!Option:AutoSwitch\n":      true,
		"Date;Libellé;Montant":      false,
		"!Typo":                     false,
	} {
		if got := looksLikeQIF([]byte(head)); got != want {
			t.Errorf("looksLikeQIF(%q) = %v", head, got)
		}
	}
}
