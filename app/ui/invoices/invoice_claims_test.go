package invoices

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/ui/uitest"
	"relance/data"
)

// The owner gives up the penalties of an invoice, with a reason in the
// timeline, and claims them again.
func TestInvoiceWaivePenalties(t *testing.T) {
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0001") // 30 days late
	if d.claims.waiver.Text != lang.L("claims.claimed") {
		t.Fatalf("claims read %q", d.claims.waiver.Text)
	}
	test.Tap(d.claims.waive)
	dlg := top(b.u)
	test.Type(uitest.AnyEntry(t, dlg), "client fidèle")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	inv, _ := b.store.GetInvoice(t.Context(), b.ids["FA-2026-0001"])
	if !inv.PenaltiesWaived {
		t.Fatal("penalties not waived")
	}
	d = b.openDetail(t, "FA-2026-0001")
	st := d.data.report.Statement
	if d.claims.waiver.Text != lang.L("claims.waived") || st.Penalties != 0 || st.Indemnity != 0 || st.Basis != "waived" {
		t.Fatalf("after the waiver: %q, statement %+v", d.claims.waiver.Text, st)
	}
	found := false
	for _, e := range d.data.events {
		found = found || (e.Kind == data.EventPenaltiesWaived && e.Params["reason"] == "client fidèle")
	}
	if !found {
		t.Fatalf("no waiver in the timeline: %+v", d.data.events)
	}
}

// A signed quote attached to the invoice is copied into the data folder,
// listed on the page, and removed with its file; a file that is not a PDF
// or an image is refused by name.
func TestInvoiceAttachCourtDocument(t *testing.T) {
	b := newInvoiceBook(t)
	d := b.openDetail(t, "FA-2026-0002")
	src := filepath.Join(t.TempDir(), "devis-signé.pdf")
	if err := os.WriteFile(src, []byte("%PDF-1.4 devis"), 0o600); err != nil {
		t.Fatal(err)
	}
	test.Tap(d.claims.add)
	dlg := top(b.u)
	uitest.FillIn(t, dlg, "attachment_file", filepath.Join(t.TempDir(), "devis.docx"))
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if msg := uitest.FieldError(t, dlg, "attachment_file"); msg == "" {
		t.Fatal("a .docx file accepted")
	}
	uitest.FillIn(t, dlg, "attachment_file", src)
	uitest.FillIn(t, dlg, "attachment_title", "Devis n° 118 signé")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	list, err := b.store.ListAttachmentsForInvoice(t.Context(), b.ids["FA-2026-0002"])
	if err != nil || len(list) != 1 || list[0].Kind != data.AttachContract || list[0].Title != "Devis n° 118 signé" {
		t.Fatalf("attachments %+v, %v", list, err)
	}
	copied := filepath.Join(b.u.DataDir(), filepath.FromSlash(list[0].Path))
	if body, err := os.ReadFile(copied); err != nil || string(body) != "%PDF-1.4 devis" {
		t.Fatalf("copy %s: %q, %v", copied, body, err)
	}
	d = b.openDetail(t, "FA-2026-0002")
	if !uitest.LabelContains(d.claims.docs, "Devis n° 118 signé") {
		t.Fatal("the document is not listed on the page")
	}
	d.claims.onRemove(list[0])
	test.Tap(uitest.FindButton(t, top(b.u), lang.L("Yes")))
	if list, _ = b.store.ListAttachmentsForInvoice(t.Context(), b.ids["FA-2026-0002"]); len(list) != 0 {
		t.Fatalf("still attached: %+v", list)
	}
	if _, err := os.Stat(copied); !os.IsNotExist(err) {
		t.Fatalf("the copy is left behind: %v", err)
	}
}
