package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exportCSV is what an invoicing tool exports: Windows-1252 would do as
// well; here UTF-8 with French headers, a decimal comma, CRLF, and a due
// date that does not exist on line 4.
const exportCSV = "N° facture;Client;SIREN;Date de facture;Échéance;Montant TTC;Reste dû\r\n" +
	"F-1;Boulangerie Martin;732829320;01/09/2026;01/10/2026;1 200,00;1 200,00\r\n" +
	"F-2;Café Durand;;15/10/2026;14/11/2026;450,50;200,00\r\n" +
	"F-3;Café Durand;;15/11/2026;31/02/2027;90,00;90,00\r\n"

func writeExport(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "factures.csv")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A bad line stops the import: exit 1, the line named, nothing written;
// --skip-errors writes the others; the same file again changes nothing.
func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	csv := writeExport(t, exportCSV)
	code, out, errOut := runCLI(t, "import", "--data", dir, csv, "--json")
	var rep importJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON (%v): %s %s", err, out, errOut)
	}
	if code != 1 || rep.Written || len(rep.Problems) != 1 || rep.Problems[0].Line != 4 || rep.Problems[0].Column != "Échéance" ||
		rep.Problems[0].Reason != "date_invalid" || errOut != "" {
		t.Fatalf("exit %d, report %+v, stderr %q", code, rep, errOut)
	}
	code, out, _ = runCLI(t, "import", "--data", dir, "--skip-errors", csv)
	if code != 1 || !strings.Contains(out, "ligne 4") && !strings.Contains(out, "line 4") {
		t.Fatalf("with --skip-errors: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "import", "--data", dir, "--skip-errors", "--json", csv)
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 || !rep.Written || rep.Added != 0 || rep.Unchanged != 2 {
		t.Fatalf("the same file again: exit %d, %+v (%v)", code, rep, err)
	}
	fixed := writeExport(t, strings.Replace(exportCSV, "31/02/2027", "28/02/2027", 1))
	code, out, errOut = runCLI(t, "import", "--data", dir, "--dry-run", "--json", fixed)
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 0 || rep.Written || rep.Added != 1 || rep.OwedCents != 9000 || errOut != "" {
		t.Fatalf("trial of the fixed file: exit %d, %+v (%v) %q", code, rep, err, errOut)
	}
}

func TestImportCommandErrors(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "import", "--data", dir); code != 2 || errOut == "" {
		t.Errorf("no file: exit %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "import", "--data", dir, "--kind", "ods", "x.ods"); code != 2 || !strings.Contains(errOut, "ods") {
		t.Errorf("bad kind: exit %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "import", "--data", dir, filepath.Join(dir, "missing.csv")); code != 1 || !strings.Contains(errOut, "missing.csv") {
		t.Errorf("missing file: exit %d %q", code, errOut)
	}
	csv := writeExport(t, exportCSV)
	if code, _, errOut := runCLI(t, "import", "--data", dir, "--preset", "Nope", csv); code != 1 || errOut == "" {
		t.Errorf("unknown preset: exit %d %q", code, errOut)
	}
}

// statementOFX is a French bank's OFX 1.0.2 statement, as its web site
// exports it: SGML with unclosed tags, a decimal comma.
const statementOFX = "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\n" +
	"COMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>" +
	"<STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>30004<BRANCHID>00001<ACCTID>00012345678<ACCTTYPE>CHECKING</BANKACCTFROM>" +
	"<BANKTRANLIST><DTSTART>20261101<DTEND>20261130\r\n" +
	"<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20261120<TRNAMT>1200,00<FITID>A1<NAME>BOULANGERIE MARTIN<MEMO>VIR F-1</STMTTRN>\r\n" +
	"<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261121<TRNAMT>-12,50<FITID>A2<NAME>FRAIS<MEMO>COTISATION</STMTTRN>\r\n" +
	"</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\r\n"

// A bank statement: the proposal printed, recorded with --confirm-above,
// and the same statement again records nothing.
func TestImportBankStatement(t *testing.T) {
	dir := t.TempDir()
	fixed := writeExport(t, strings.Replace(exportCSV, "31/02/2027", "28/02/2027", 1))
	if code, out, errOut := runCLI(t, "import", "--data", dir, fixed); code != 0 || errOut != "" {
		t.Fatalf("book import: exit %d\n%s%s", code, out, errOut)
	}
	ofx := filepath.Join(t.TempDir(), "releve.ofx")
	if err := os.WriteFile(ofx, []byte(statementOFX), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "import", "--data", dir, "--kind", "bank", "--dry-run", "--json", ofx)
	var reps []bankJSON
	if err := json.Unmarshal([]byte(out), &reps); err != nil || code != 0 || errOut != "" || len(reps) != 1 {
		t.Fatalf("dry run: exit %d (%v) %s %q", code, err, out, errOut)
	}
	rep := reps[0]
	if rep.Written || rep.Credits != 1 || len(rep.Proposals) != 1 || len(rep.Proposals[0].Candidates) == 0 ||
		rep.Proposals[0].Candidates[0].Allocations[0].Invoice != "F-1" || rep.Proposals[0].Candidates[0].Score < 90 {
		t.Fatalf("dry run report %+v", rep)
	}
	// Without --kind: the file says it is a statement.
	code, out, errOut = runCLI(t, "import", "--data", dir, "--confirm-above", "90", ofx)
	if code != 0 || errOut != "" || !strings.Contains(out, "F-1") {
		t.Fatalf("import: exit %d\n%s%q", code, out, errOut)
	}
	code, out, _ = runCLI(t, "import", "--data", dir, "--json", "--confirm-above", "90", ofx)
	if err := json.Unmarshal([]byte(out), &reps); err != nil || code != 0 || reps[0].Written || reps[0].New != 0 || reps[0].Known != 2 {
		t.Fatalf("the same statement again: exit %d %s", code, out)
	}
	if code, _, errOut := runCLI(t, "import", "--data", dir, "--confirm-above", "120", ofx); code != 2 || errOut == "" {
		t.Fatalf("--confirm-above 120: exit %d %q", code, errOut)
	}
}
