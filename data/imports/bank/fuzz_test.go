package bank

import (
	"reflect"
	"strings"
	"testing"
)

func FuzzReadCAMT(f *testing.F) {
	f.Add(camtOFXSample(f, "camt053.xml"))
	f.Add(camtOFXSample(f, "camt054.xml"))
	f.Add(camtDoc("camt.053.001.02",
		camtEntryXML("1.234", "CRDT", "2026-02-30", ""),
		`<Ntry><Amt Ccy="EUR">5</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>PDNG</Sts></Ntry>`,
		camtEntryXML("5", "CRDT", "2026-03-02",
			`<NtryDtls><TxDtls><Amt Ccy="EUR">2</Amt><CdtDbtInd>DBIT</CdtDbtInd></TxDtls><TxDtls><Amt Ccy="EUR">7</Amt></TxDtls></NtryDtls>`)))
	f.Fuzz(func(t *testing.T, b []byte) {
		st := ReadCAMT("f.xml", b)
		checkFuzzedStatement(t, st, FormatCAMT)
		if got, want := len(st.Lines)+len(st.Problems), camtMovements(b); got < want {
			t.Errorf("%d lines and problems for %d booked entries", got, want)
		}
		if again := ReadCAMT("f.xml", b); !reflect.DeepEqual(st, again) {
			t.Error("read twice, two results")
		}
	})
}

func FuzzReadOFX(f *testing.F) {
	f.Add(camtOFXSample(f, "ofx1.ofx"))
	f.Add(camtOFXSample(f, "ofx2.ofx"))
	f.Add(ofxDoc(ofxTransaction("20260230", "-1,234", ""), "<STMTTRN><NAME>L\xb4ATELIER<MEMO><TRNAMT>5</STMTTRN>",
		"<!-- <STMTTRN> --><STMTTRN><DTPOSTED>20260302<TRNAMT>5<FITID>A<MEMO/></MEMO>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		st := ReadOFX("f.ofx", b)
		checkFuzzedStatement(t, st, FormatOFX)
		if got, want := len(st.Lines)+len(st.Problems), ofxMovements(b); got < want {
			t.Errorf("%d lines and problems for %d transactions", got, want)
		}
		if again := ReadOFX("f.ofx", b); !reflect.DeepEqual(st, again) {
			t.Error("read twice, two results")
		}
	})
}

// checkFuzzedStatement checks what holds of any statement read: every
// line has a booking day and an ID of the format, unique in the
// statement; every problem says where and why.
func checkFuzzedStatement(t *testing.T, st Statement, format Format) {
	t.Helper()
	seen := map[string]bool{}
	for _, l := range st.Lines {
		if !strings.HasPrefix(l.ID, string(format)+":") || seen[l.ID] {
			t.Errorf("ID %q: not of the format, or twice", l.ID)
		}
		seen[l.ID] = true
		if l.Booked.IsZero() || l.Currency == "" || l.FileLine <= 0 {
			t.Errorf("line %+v", l)
		}
	}
	for _, p := range st.Problems {
		if p.File == "" || p.Field == "" || p.Reason == "" || p.Line < 0 {
			t.Errorf("problem %+v", p)
		}
	}
}

// camtMovements is how many lines or problems, at least, a CAMT file
// gives: one per booked entry, or one for a file that is no statement.
func camtMovements(b []byte) int {
	root, _, err := parseCAMTTree(b)
	if err != nil {
		return 1
	}
	statements := camtStatements(root)
	if len(statements) == 0 {
		return 1
	}
	n := 0
	for _, s := range statements {
		for _, e := range s.all("Ntry") {
			if !camtPending(e) {
				n++
			}
		}
	}
	return n
}

// ofxMovements is how many lines or problems, at least, an OFX file
// gives: one per STMTTRN, or one for a file that is no statement (a
// statement may have no transaction).
func ofxMovements(b []byte) int {
	text, err := ofxDecode(b)
	if err != nil {
		return 1
	}
	root := parseOFXTree(text)
	transactions := len(root.collect("STMTTRN"))
	if root.find("OFX") == nil || transactions == 0 && ofxStatement(root) == nil {
		return 1
	}
	return transactions
}
