package today

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/ui/uitest"
	"relance/data"
)

// lettersPDFText reads an archived PDF back with pdftotext (poppler-utils,
// installed by `make test`).
func lettersPDFText(t *testing.T, u *todayUI, rel string) string {
	t.Helper()
	return uitest.PDFText(t, filepath.Join(u.DataDir(), filepath.FromSlash(rel)))
}

func TestTodayPrintsALetter(t *testing.T) {
	b := newTodayBook(t)
	martin := b.Client("Boulangerie Martin", "04 78 00 00 00")
	inv := b.Invoice(martin, "FA-2026-042", "2026-10-25", 125000) // the notice falls on 24 November
	b.Done(inv, "pre_due", "reminder_1", "call", "reminder_2")
	b.refresh()
	card := b.mustCard("FA-2026-042")
	if !card.print.Visible() || !card.primary.Visible() {
		t.Fatal("a registered letter's card has no Print beside I sent it myself")
	}
	test.Tap(card.print)
	var notice data.Action
	for _, a := range b.Actions(inv) {
		if a.StepID == b.Steps["formal_notice"].ID {
			notice = a
		}
	}
	if notice.File == "" || notice.Status != data.ActionDone {
		t.Fatalf("the printed notice is recorded as %+v", notice)
	}
	if text := lettersPDFText(t, b.u, notice.File); !strings.Contains(text, "MISE EN DEMEURE") {
		t.Error("Today printed something else than the notice")
	}
	// The notice's card goes; Today now asks for its receipt date.
	for _, r := range b.u.home.rows {
		if r.invoiceID == inv.ID && r.action != todayEnterReceipt {
			t.Errorf("a card stays on Today once printed: %+v", r)
		}
	}
	if b.card(lang.L("today.receipt.invoice", map[string]any{"Number": "FA-2026-042"})) == nil {
		t.Error("Today does not ask for the printed notice's receipt")
	}
	// Emails get no Print.
	other := b.Invoice(b.Client("Café Durand", ""), "FA-2026-043", "2026-11-20", 5000)
	b.refresh()
	if c := b.mustCard(other.Number); c.print.Visible() {
		t.Error("an email card has Print")
	}
}
