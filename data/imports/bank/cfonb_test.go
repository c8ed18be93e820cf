package bank

import (
	"strings"
	"testing"

	"relance/data"
)

// cfonbRecordText builds a 120-character record from text at 1-based positions.
func cfonbRecordText(fields map[int]string) string {
	r := []rune(strings.Repeat(" ", cfonbWidth))
	for pos, text := range fields {
		copy(r[pos-1:], []rune(text))
	}
	return string(r)
}

// movementRecord is a 04 record of the account 30002 00550 0000123456A.
func movementRecord(op, booked, label, amount string) string {
	return cfonbRecordText(map[int]string{1: "04", 3: "30002", 8: "9162", 12: "00550", 17: "EUR", 20: "2",
		22: "0000123456A", 33: op, 35: booked, 43: booked, 49: label, 82: "0000000", 91: amount})
}

// detailRecord is a 05 record.
func detailRecord(qualifier, text string) string {
	return cfonbRecordText(map[int]string{1: "05", 3: "30002", 8: "9162", 12: "00550", 17: "EUR", 20: "2",
		22: "0000123456A", 46: qualifier, 49: text})
}

func TestReadCFONB(t *testing.T) {
	st := ReadCFONB("releve.cfonb", sample(t, "releve.cfonb"))
	if st.Format != FormatCFONB || st.Account != "30002005500000123456A" || st.File != "releve.cfonb" {
		t.Errorf("statement %q %q %q", st.Format, st.Account, st.File)
	}
	type movement struct {
		line          int
		booked, value string
		amount        data.Money
		name, label   string
		reference     string
		endToEnd      string
		ret           bool
		reason        string
	}
	want := []movement{
		{2, "2026-03-03", "2026-03-03", 125000, "SARL DUPONT ÉLECTRICITÉ", "VIR SEPA SARL DUPONT FACTURE FA-2026-0042 E2E-0042", "", "E2E-0042", false, ""},
		{6, "2026-03-04", "2026-03-05", -4567, "EDF", "PRLV SEPA EDF", "", "", false, ""},
		{8, "2026-03-06", "2026-03-06", -12000, "", "IMPAYE PRLV SEPA MARTIN", "", "", true, "04"},
		{9, "2026-03-07", "2026-03-07", 5000, "CAFÉ DES ARTS", "VIR SEPA CAFE DES ARTS", "RF18539007547034", "RF18539007547034", false, ""},
		{12, "2026-03-07", "2026-03-07", 5000, "CAFÉ DES ARTS", "VIR SEPA CAFE DES ARTS", "RF18539007547034", "RF18539007547034", false, ""},
	}
	if len(st.Lines) != len(want) {
		t.Fatalf("%d lines, want %d: %+v", len(st.Lines), len(want), st.Lines)
	}
	for i, w := range want {
		l := st.Lines[i]
		got := movement{l.FileLine, l.Booked.String(), l.Value.String(), l.Amount, l.Name, l.Label, l.Reference, l.EndToEnd, l.Return, l.ReturnReason}
		if got != w || l.Currency != "EUR" || l.Account != st.Account {
			t.Errorf("line %d: %+v %q %q\nwant %+v", i, got, l.Currency, l.Account, w)
		}
	}
	checkProblems(t, st.Problems, []wantProblem{
		{15, "date", data.ReasonDateInvalid},
		{16, "amount", data.ReasonMoneyFormat},
	})
	checkIDs(t, func() Statement { return ReadCFONB("releve.cfonb", sample(t, "releve.cfonb")) })
}

// The same statement without line breaks, with LF only, or with the
// trailing spaces trimmed reads the same, with the same IDs.
func TestReadCFONBLayouts(t *testing.T) {
	b := string(sample(t, "releve.cfonb"))
	want := ReadCFONB("a", []byte(b))
	var trimmed []string
	for _, l := range strings.Split(b, "\r\n") {
		trimmed = append(trimmed, strings.TrimRight(l, " "))
	}
	layouts := map[string]string{
		"no line breaks": strings.ReplaceAll(b, "\r\n", ""),
		"LF":             strings.ReplaceAll(b, "\r\n", "\n"),
		"trimmed":        strings.Join(trimmed, "\n"),
		"blank lines":    strings.ReplaceAll(b, "\r\n", "\r\n\r\n"),
	}
	for name, text := range layouts {
		st := ReadCFONB("a", []byte(text))
		if len(st.Lines) != len(want.Lines) || len(st.Problems) != len(want.Problems) {
			t.Errorf("%s: %d lines, %d problems; want %d, %d", name, len(st.Lines), len(st.Problems), len(want.Lines), len(want.Problems))
			continue
		}
		for i := range st.Lines {
			if st.Lines[i].ID != want.Lines[i].ID || st.Lines[i].Label != want.Lines[i].Label {
				t.Errorf("%s: line %d is %+v, want %+v", name, i, st.Lines[i], want.Lines[i])
			}
		}
	}
	// Without line breaks, records are numbered by rank, as they are here.
	st := ReadCFONB("a", []byte(layouts["no line breaks"]))
	if st.Problems[0].Line != 15 || st.Lines[1].FileLine != 6 {
		t.Errorf("records numbered %d and %d, want 15 and 6", st.Problems[0].Line, st.Lines[1].FileLine)
	}
}

func TestCFONBAmount(t *testing.T) {
	tests := []struct {
		amount, decimals string
		want             data.Money
		reason           data.Reason
	}{
		{"0000000012345{", "2", 123450, ""},
		{"0000000000456P", "2", -4567, ""},
		{"0000000001200}", "2", -12000, ""},
		{"0000000000001J", "2", -11, ""},
		{"0000000000001R", "2", -19, ""},
		{"0000000000001I", "2", 19, ""},
		{"0000000000012A", "0", 12100, ""},  // XPF: no decimals
		{"0000000012345E", "3", 12346, ""},  // 123,455 rounds to 123,46
		{"0000000012345N", "3", -12346, ""}, // away from zero
		{"0000000000456P", " ", -4567, ""},  // LCL leaves the count blank
		{"         4567{", "2", 45670, ""},  // leading blanks
		{"0000000000456X", "2", 0, data.ReasonMoneyFormat},
		{"00000000004a6P", "2", 0, data.ReasonMoneyFormat},
		{"0000000000456P", "x", 0, data.ReasonMoneyFormat},
		{"00000000004566", "2", 0, data.ReasonMoneyFormat},
	}
	for _, tt := range tests {
		got, reason := cfonbAmount(tt.amount, tt.decimals)
		if got != tt.want || reason != tt.reason {
			t.Errorf("cfonbAmount(%q, %q) = %d %q, want %d %q", tt.amount, tt.decimals, got, reason, tt.want, tt.reason)
		}
	}
}

func TestCFONBDates(t *testing.T) {
	tests := []struct {
		s        string
		required bool
		want     string
		reason   data.Reason
	}{
		{"150326", true, "2026-03-15", ""},
		{"290225", true, "", data.ReasonDateInvalid},
		{"      ", false, "", ""},
		{"000000", false, "", ""},
		{"      ", true, "", data.ReasonRequired},
		{"15O326", true, "", data.ReasonDateFormat},
	}
	for _, tt := range tests {
		got, reason := cfonbDate(tt.s, tt.required)
		want := data.Date{}
		if tt.want != "" {
			want = date(tt.want)
		}
		if got != want || reason != tt.reason {
			t.Errorf("cfonbDate(%q) = %v %q, want %v %q", tt.s, got, reason, want, tt.reason)
		}
	}
}

// The 140 characters of a SEPA remittance come in an LCC and an LC2: a
// word cut between them is joined again.
func TestCFONBRemittanceAcrossRecords(t *testing.T) {
	lcc := strings.Repeat("X", 53) + " FACTURE FA-2026" // 69 characters
	lcc += "-"                                          // the 70th
	text := strings.Join([]string{
		movementRecord("05", "030326", "VIR SEPA DUPONT", "0000000012500{"),
		detailRecord("LCC", lcc),
		detailRecord("LC2", "0042 MERCI"),
		detailRecord("LIB", "ACOMPTE"),
		detailRecord("LCS", "RF18 5390 0754 7034"),
		detailRecord("NBE", "MA SOCIETE"),
		detailRecord("NPY", "SARL DUPONT"),
	}, "\n")
	st := ReadCFONB("a", []byte(text))
	if len(st.Lines) != 1 {
		t.Fatalf("lines %+v problems %v", st.Lines, st.Problems)
	}
	l := st.Lines[0]
	if !strings.HasSuffix(l.Label, "FACTURE FA-2026-0042 MERCI ACOMPTE") || l.Reference != "RF18539007547034" || l.Name != "SARL DUPONT" {
		t.Errorf("line %+v", l)
	}
}

func TestCFONBReturns(t *testing.T) {
	tests := []struct {
		op, reject string
		ret        bool
		reason     string
	}{
		{"05", "  ", false, ""},
		{"05", "00", false, ""},
		{"B3", "  ", true, "B3"},
		{"12", "  ", true, "12"},
		{"B1", "04", true, "04"},
	}
	for _, tt := range tests {
		var l Line
		markReturn(&l, tt.op, tt.reject)
		if l.Return != tt.ret || l.ReturnReason != tt.reason {
			t.Errorf("markReturn(%q, %q) = %v %q", tt.op, tt.reject, l.Return, l.ReturnReason)
		}
	}
}

func TestCFONBBadRecords(t *testing.T) {
	text := strings.Join([]string{
		detailRecord("NPY", "ORPHELIN"), // a 05 with no 04: nothing to complete
		"03" + strings.Repeat(" ", 118),
		movementRecord("05", "030326", "VIR", "0000000012500{"),
		"0",
	}, "\r\n")
	st := ReadCFONB("a.txt", []byte(text))
	if len(st.Lines) != 1 || st.Lines[0].Name != "" {
		t.Errorf("lines %+v", st.Lines)
	}
	checkProblems(t, st.Problems, []wantProblem{{2, "record", data.ReasonFileFormat}, {4, "record", data.ReasonFileFormat}})
	st = ReadCFONB("a.txt", []byte("04\x00"))
	checkProblems(t, st.Problems, []wantProblem{{0, "file", data.ReasonEncoding}})
}

func TestLooksLikeCFONB(t *testing.T) {
	b := sample(t, "releve.cfonb")
	tests := map[string]struct {
		head []byte
		want bool
	}{
		"file":           {b, true},
		"cut":            {b[:250], true},
		"no line breaks": {[]byte(strings.ReplaceAll(string(b), "\r\n", "")), true},
		"csv":            {[]byte("01/03/2026;VIR;12,00\n04/03/2026;PRLV;-3,00\n"), false},
		"short lines":    {[]byte("01 hello\n04 world\n"), false},
		"empty":          {nil, false},
	}
	for name, tt := range tests {
		if got := looksLikeCFONB(tt.head); got != tt.want {
			t.Errorf("%s: looksLikeCFONB = %v", name, got)
		}
	}
}
