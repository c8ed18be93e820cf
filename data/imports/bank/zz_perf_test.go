package bank

import (
	"strings"
	"testing"
	"time"
)

func TestPerfCAMTOFX(t *testing.T) {
	inputs := map[string]string{
		"nested stmttrn": "<OFX><STMTRS>" + strings.Repeat("<STMTTRN>", 120000),
		"deep unique":    "<OFX><STMTRS>" + strings.Repeat("<A>", 100000) + strings.Repeat("<STMTTRN><TRNAMT>1<DTPOSTED>20260101</STMTTRN>", 20000),
		"many junk":      "<OFX><STMTRS>" + strings.Repeat("<X>1", 100000) + strings.Repeat("<STMTTRN><TRNAMT>1<DTPOSTED>20260101</STMTTRN>", 20000),
		"one line":       "<OFX><STMTRS><BANKTRANLIST>" + strings.Repeat("<STMTTRN><TRNAMT>1<DTPOSTED>20260101<NAME>X<MEMO>Y</STMTTRN>", 30000),
	}
	for name, in := range inputs {
		start := time.Now()
		st := ReadOFX(name, []byte(in))
		t.Logf("%s: %v, %d lines %d problems", name, time.Since(start), len(st.Lines), len(st.Problems))
	}
	camt := map[string]string{
		"deep":  "<Document><BkToCstmrStmt><Stmt>" + strings.Repeat("<A>", 100000) + strings.Repeat("</A>", 100000) + "</Stmt></BkToCstmrStmt></Document>",
		"many":  string(camtDoc("camt.053.001.02", strings.Repeat(camtEntryXML("1", "CRDT", "2026-03-02", "<AddtlNtryInf>X</AddtlNtryInf>"), 20000))),
		"txs":   string(camtDoc("camt.053.001.02", camtEntryXML("20000", "CRDT", "2026-03-02", "<NtryDtls>"+strings.Repeat(`<TxDtls><Amt Ccy="EUR">1</Amt></TxDtls>`, 20000)+"</NtryDtls>"))),
	}
	for name, in := range camt {
		start := time.Now()
		st := ReadCAMT(name, []byte(in))
		t.Logf("%s: %v, %d lines %d problems", name, time.Since(start), len(st.Lines), len(st.Problems))
	}
}
