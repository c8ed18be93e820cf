package invoices

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

	"relance/app/drafting"
	"relance/app/ui/kit"
	"relance/app/ui/letters"
	"relance/app/ui/uitest"
	"relance/data"
	"relance/documents"
)

// lettersPDFText reads an archived PDF back with pdftotext (poppler-utils,
// installed by `make test`).
func lettersPDFText(t *testing.T, u *invoicesUI, rel string) string {
	t.Helper()
	return uitest.PDFText(t, filepath.Join(u.DataDir(), filepath.FromSlash(rel)))
}

// lettersMenuItem is the Letters menu's item labelled text.
func lettersMenuItem(t *testing.T, d *invoiceDetail, text string) *fyne.MenuItem {
	t.Helper()
	var labels []string
	for _, it := range d.actions.lettersMenu().Items {
		if it.Label == text {
			return it
		}
		labels = append(labels, it.Label)
	}
	t.Fatalf("no %q in the Letters menu: %q", text, labels)
	return nil
}

// lettersSelect is the first select of a dialog.
func lettersSelect(t *testing.T, root fyne.CanvasObject) *widget.Select {
	t.Helper()
	var found *widget.Select
	uitest.Walk(root, nil, func(o, _ fyne.CanvasObject) {
		if s, ok := uitest.AsSelect(o); ok && found == nil {
			found = s
		}
	})
	if found == nil {
		t.Fatal("no select in the dialog")
	}
	return found
}

// lettersNotice is the registered-letter action of an invoice.
func lettersNotice(t *testing.T, b *invoiceBook, number string) (data.Action, bool) {
	t.Helper()
	a, ok, err := drafting.NoticeAction(context.Background(), b.store, b.ids[number])
	if err != nil {
		t.Fatal(err)
	}
	return a, ok
}

func TestPrintFormalNoticeArchivesRecordsAndOpens(t *testing.T) {
	b := newInvoiceBook(t)
	ctx := context.Background()
	d := b.openDetail(t, "FA-2026-0001")
	if !d.actions.letters.Visible() {
		t.Fatal("no Letters button on an overdue invoice")
	}
	lettersMenuItem(t, d, lang.L("letters.invoice.notice")).Action()
	dlg := top(b.u)
	deadline := lettersSelect(t, dlg)
	if deadline.Selected != lang.N("letters.notice.days", 8, map[string]any{"Days": 8}) {
		t.Errorf("deadline preselected: %q, want 8 days", deadline.Selected)
	}
	deadline.SetSelectedIndex(1) // 15 days
	test.Tap(uitest.FindButton(t, dlg, lang.L("letters.notice.print")))

	notice, ok := lettersNotice(t, b, "FA-2026-0001")
	want := "documents/2026/FA-2026-0001-formal_notice-2026-11-24.pdf"
	if !ok || notice.File != want {
		t.Fatalf("notice recorded %v with file %q, want %q", ok, notice.File, want)
	}
	text := lettersPDFText(t, b.u, notice.File)
	for _, s := range []string{"MISE EN DEMEURE", "dans un délai de 15 jours", "Électricité Berthier EURL", "Lyon, le 24 novembre 2026",
		"Lettre recommandée avec accusé de réception n°"} {
		if !strings.Contains(text, s) {
			t.Errorf("the archived notice lacks %q", s)
		}
	}
	events, _ := b.store.ListEventsByInvoice(ctx, b.ids["FA-2026-0001"])
	if last := events[len(events)-1]; last.Kind != data.EventStepDone || last.File != want {
		t.Errorf("timeline's last event %+v, want the step done with its file", last)
	}

	// Printed again: the step stays recorded once; the reprint is archived
	// beside it and goes on the timeline.
	d = b.openDetail(t, "FA-2026-0001")
	lettersMenuItem(t, d, lang.L("letters.invoice.notice")).Action()
	test.Tap(uitest.FindButton(t, top(b.u), lang.L("letters.notice.print")))
	actions, _ := b.store.ListActionsByInvoice(ctx, b.ids["FA-2026-0001"])
	if len(actions) != 1 {
		t.Errorf("%d actions after printing twice", len(actions))
	}
	events, _ = b.store.ListEventsByInvoice(ctx, b.ids["FA-2026-0001"])
	if last := events[len(events)-1]; last.Kind != letters.EventPrinted || !strings.HasSuffix(last.File, "-2.pdf") {
		t.Errorf("the reprint is recorded as %+v", last)
	}
	if _, err := os.Stat(filepath.Join(b.u.DataDir(), filepath.FromSlash(events[len(events)-1].File))); err != nil {
		t.Error(err)
	}
}

func TestRegisteredLetterNumberAndDates(t *testing.T) {
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0001")
	for _, it := range d.actions.lettersMenu().Items {
		if it.Label == lang.L("letters.invoice.tracking") {
			t.Fatal("tracking offered before any notice")
		}
	}
	lettersMenuItem(t, d, lang.L("letters.invoice.notice")).Action()
	test.Tap(uitest.FindButton(t, top(b.u), lang.L("letters.notice.print")))
	d = b.openDetail(t, "FA-2026-0001")
	lettersMenuItem(t, d, lang.L("letters.invoice.tracking")).Action()
	dlg := top(b.u)
	uitest.FillIn(t, dlg, "tracking_number", "1A 234 567 8901 2")
	uitest.FillIn(t, dlg, "received_on", "30/11/2026") // after today
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if uitest.FieldError(t, dlg, "received_on") == "" {
		t.Fatal("a receipt date in the future was accepted")
	}
	if a, _ := lettersNotice(t, b, "FA-2026-0001"); a.TrackingNumber != "" {
		t.Fatal("written despite the error")
	}
	uitest.FillIn(t, dlg, "received_on", "24/11/2026")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	a, _ := lettersNotice(t, b, "FA-2026-0001")
	if a.TrackingNumber != "1A 234 567 8901 2" || a.SentOn != testDay || a.ReceivedOn != testDay {
		t.Errorf("tracking saved as %q sent %s received %s", a.TrackingNumber, a.SentOn, a.ReceivedOn)
	}
	// The next print carries the number.
	rel, err := letters.New(b.u).Print(context.Background(), letters.Job{InvoiceID: b.ids["FA-2026-0001"], Key: documents.DocFormalNotice})
	if err != nil {
		t.Fatal(err)
	}
	if text := lettersPDFText(t, b.u, rel); !strings.Contains(text, "Lettre recommandée avec accusé de réception n° 1A 234 567 8901 2") {
		t.Error("the reprint lacks the registered letter's number")
	}
}

func TestPenaltyStatementOnlyWhenLate(t *testing.T) {
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0004") // not due
	for _, it := range d.actions.lettersMenu().Items {
		if it.Label == lang.L("letters.invoice.penalty_statement") {
			t.Error("penalty statement offered on an invoice not due")
		}
	}
	d = b.openDetail(t, "FA-2026-0001")
	lettersMenuItem(t, d, lang.L("letters.invoice.penalty_statement")).Action()
	events, _ := b.store.ListEventsByInvoice(context.Background(), b.ids["FA-2026-0001"])
	last := events[len(events)-1]
	if last.Kind != letters.EventPrinted || !strings.Contains(last.File, "penalty_statement") {
		t.Fatalf("last event %+v", last)
	}
	if text := lettersPDFText(t, b.u, last.File); !strings.Contains(text, "Décompte des pénalités de retard au 24 novembre 2026") {
		t.Errorf("statement reads %q", text)
	}
	if got := kit.EventText(last); got != lang.L("event.letter_printed", map[string]any{"step": lang.L("step.penalty_statement")}) {
		t.Errorf("timeline says %q", got)
	}
}

func TestPrepareCourtFile(t *testing.T) {
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0001")
	lettersMenuItem(t, d, lang.L("letters.invoice.notice")).Action()
	test.Tap(uitest.FindButton(t, top(b.u), lang.L("letters.notice.print")))
	d = b.openDetail(t, "FA-2026-0001")
	lettersMenuItem(t, d, lang.L("letters.invoice.court_file")).Action()
	dir := filepath.Join(b.u.DataDir(), "documents", "2026", "FA-2026-0001-court_file-2026-11-24")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	// Nothing attached: the debtor's Kbis (1), the proof of the contract
	// (2), the invoice (3) and the proof of delivery (4) are to add; the
	// notice printed above is copied as exhibit 5, its receipt (6) to add,
	// the statement printed (7).
	want := []string{documents.CourtBordereauFile, documents.CourtSummaryFile, "05-mise-en-demeure-2026-11-24.pdf", "07-decompte-2026-11-24.pdf"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("court file holds %q, want %q", names, want)
	}
}
