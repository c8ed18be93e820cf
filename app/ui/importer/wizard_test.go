package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relance/app/importing"
	"relance/app/ui/uitest"
	"relance/data"
)

// wizardUI is a test window the wizard opens in.
type wizardUI struct {
	*uitest.Host
	statements []string // the files handed to the Bank screen
}

func (u *wizardUI) Importer() *importing.Service { return u.Services.Importer }

func (u *wizardUI) ImportStatements(paths []string) { u.statements = append(u.statements, paths...) }

func newWizardUI(t *testing.T) *wizardUI {
	t.Helper()
	h := uitest.NewHost(t)
	h.Win.Resize(fyne.NewSize(1024, 700))
	return &wizardUI{Host: h}
}

// export is a shop's export: Windows-1252 would read the same; a due
// date that does not exist on line 4.
const export = "N° facture;Client;SIREN;Date de facture;Échéance;Montant TTC;Reste dû\r\n" +
	"F-1;Boulangerie Martin;732829320;01/09/2026;01/10/2026;1 200,00;1 200,00\r\n" +
	"F-2;Café Durand;;15/10/2026;14/11/2026;450,50;200,00\r\n" +
	"F-3;Café Durand;;15/11/2026;31/02/2027;90,00;90,00\r\n"

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	uitest.Must(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

// title is the wizard's page title.
func (w *Wizard) titleText() string { return w.title.Text }

// TestWizardImportsACSV goes through the wizard as the owner would: the
// columns guessed from the headers, the check that names the bad line and
// keeps Import off until it is left out, the import, then its undo.
func TestWizardImportsACSV(t *testing.T) {
	u := newWizardUI(t)
	w := OpenFiles(u, []string{writeFile(t, "factures.csv", export)})
	if w.titleText() != lang.L("import.step.columns") {
		t.Fatalf("a CSV opens on %q", w.titleText())
	}
	dlg := u.Top()
	for _, want := range []string{lang.L("import.role.invoice_number"), lang.L("import.role.due_date"), lang.L("import.role.outstanding")} {
		if !selectShows(dlg, want) {
			t.Errorf("no column is guessed to hold %q", want)
		}
	}
	if !uitest.LabelContains(dlg, "1 200,00 · 450,50 · 90,00") {
		t.Error("the amount column does not show its first values")
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("import.check")))
	if w.titleText() != lang.L("import.step.check") {
		t.Fatalf("Check leads to %q", w.titleText())
	}
	if !uitest.LabelContains(dlg, "ligne 4") && !uitest.LabelContains(dlg, "line 4") {
		t.Error("the check does not name line 4")
	}
	do := uitest.FindButton(t, dlg, lang.L("import.do"))
	if !do.Disabled() {
		t.Fatal("Import is offered with a line in error")
	}
	var leaveOut *widget.Check
	uitest.Walk(dlg, nil, func(o, _ fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && strings.HasPrefix(c.Text, strings.Fields(lang.N("import.leave_out", 1))[0]) {
			leaveOut = c
		}
	})
	if leaveOut == nil {
		t.Fatal("no way to leave the bad line out")
	}
	test.Tap(leaveOut)
	test.Tap(do)
	if w.titleText() != lang.L("import.step.done") {
		t.Fatalf("after Import: %q (errors %v)", w.titleText(), u.Errors)
	}
	ctx := context.Background()
	if list, _ := u.Store().ListInvoiceSummaries(ctx); len(list) != 2 {
		t.Fatalf("%d invoices imported, want 2", len(list))
	}
	if u.Changes == 0 {
		t.Error("the window was not told the book changed")
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("import.undo")))
	if list, _ := u.Store().ListInvoiceSummaries(ctx); len(list) != 0 {
		t.Fatalf("after undo, %d invoices", len(list))
	}
	if w.titleText() != lang.L("import.step.source") || !uitest.LabelContains(dlg, "factures.csv") {
		t.Error("after undo the wizard is not back on its first page with the import listed")
	}
}

// The wizard's first page lists earlier imports and undoes one after a
// confirmation; one used since offers no undo.
func TestWizardHistory(t *testing.T) {
	u := newWizardUI(t)
	ctx := context.Background()
	svc := u.Importer()
	batch, err := svc.ReadFiles(ctx, []string{writeFile(t, "factures.csv", export)}, "", "")
	uitest.Must(t, err)
	rep, err := svc.Run(ctx, batch, importing.Options{SkipProblems: true})
	uitest.Must(t, err)
	Open(u)
	dlg := u.Top()
	undo := uitest.FindButton(t, dlg, lang.L("import.undo"))
	test.Tap(undo)
	test.Tap(uitest.FindButton(t, u.Top(), lang.L("Yes")))
	if got, _ := u.Store().GetImport(ctx, rep.ImportID); !got.Undone() {
		t.Fatal("the import was not undone")
	}
	if uitest.FindButtonIfAny(dlg, lang.L("import.undo")) != nil {
		t.Error("an undone import still offers Undo")
	}
	// A second import, then a payment on one of its invoices: no Undo.
	rep, err = svc.Run(ctx, batch, importing.Options{SkipProblems: true})
	uitest.Must(t, err)
	inv, _ := u.Store().GetInvoiceByNumber(ctx, "F-1")
	uitest.Must(t, u.Store().CreatePayment(ctx, &data.Payment{InvoiceID: inv.ID, Date: uitest.Day, Amount: 1000, Method: "transfer"}))
	w := Open(u)
	if uitest.FindButtonIfAny(u.Top(), lang.L("import.undo")) != nil || !uitest.TextOnScreen(u.Top(), lang.L("import.history_used")) {
		t.Errorf("an import used since offers Undo (%s)", w.titleText())
	}
	_ = rep
}

// selectShows reports whether a select under root shows text.
func selectShows(root fyne.CanvasObject, text string) bool {
	found := false
	uitest.Walk(root, nil, func(o, _ fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && s.Selected == text {
			found = true
		}
	})
	return found
}

// The blank model reads back as a table the "Modèle Relance" preset takes
// whole.
func TestBlankModelReadsBack(t *testing.T) {
	u := newWizardUI(t)
	path := writeFile(t, "modele.csv", modelCSV()+"F-1;Café Durand;;;;;;;;01/11/2026;01/12/2026;100,00;100,00;;\r\n")
	ctx := context.Background()
	batch, err := u.Importer().ReadFiles(ctx, []string{path}, "", "")
	uitest.Must(t, err)
	if len(batch.Problems) != 0 || len(batch.Invoices) != 1 || batch.Invoices[0].Amount != 10000 || batch.Invoices[0].DueDate != data.MustDate("2026-12-01") {
		t.Fatalf("the model read back: %+v", batch)
	}
}

// TestWizardHandsAStatementOn: a bank statement chosen in the wizard is
// imported on the Bank screen, not mapped as a book.
func TestWizardHandsAStatementOn(t *testing.T) {
	u := newWizardUI(t)
	statement := writeFile(t, "releve.csv", "Date;Libellé;Débit euros;Crédit euros\r\n01/12/2026;VIR MARTIN;;1 200,00\r\n")
	OpenFiles(u, []string{statement})
	if len(u.statements) != 1 || u.statements[0] != statement {
		t.Fatalf("statements handed on: %v", u.statements)
	}
}
