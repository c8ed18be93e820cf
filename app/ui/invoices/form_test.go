package invoices

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

// TestFieldErrorsGoWhenFixed: an error under a field goes as soon as the
// field is corrected, before the next Save; the others stay.
func TestFieldErrorsGoWhenFixed(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	OpenForm(u, 0)
	dlg := top(u)
	uitest.Fill(t, dlg, "amount", "douze")
	uitest.Fill(t, dlg, "client", "Personne")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if uitest.FieldError(t, dlg, "amount") == "" || uitest.FieldError(t, dlg, "client") == "" {
		t.Fatal("the wrong fields show no error")
	}
	uitest.Fill(t, dlg, "amount", "12")
	if got := uitest.FieldError(t, dlg, "amount"); got != "" {
		t.Fatalf("the corrected amount still says %q", got)
	}
	if uitest.FieldError(t, dlg, "client") == "" {
		t.Fatal("the client, still wrong, lost its error")
	}
	uitest.Fill(t, dlg, "client", "Berthier")
	if got := uitest.FieldError(t, dlg, "client"); got != "" {
		t.Fatalf("the corrected client still says %q", got)
	}
}

// TestTooLongSaysTheLimit: the message names how many characters fit.
func TestTooLongSaysTheLimit(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	OpenForm(u, 0)
	dlg := top(u)
	uitest.Fill(t, dlg, "number", strings.Repeat("7", 61))
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	want := lang.N("error.too_long_at_most", 60, map[string]any{"Max": 60})
	if got := uitest.FieldError(t, dlg, "number"); got != want || !strings.Contains(got, "60") {
		t.Fatalf("too long a number says %q, want %q", got, want)
	}
	must(t, kit.SetLanguage("fr"))
	t.Cleanup(func() { must(t, kit.SetLanguage("")) })
	if got := kit.FieldMessage(&data.FieldError{Field: "reason", Reason: data.ReasonTooLong, Limit: 120}); got != "Trop long (120 caractères au plus)." {
		t.Fatalf("in French: %q", got)
	}
}

// TestClientPickerListsMatchesAsYouType: the clients matching what is
// typed show under the field; a tap picks one.
func TestClientPickerListsMatchesAsYouType(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	OpenForm(u, 0)
	dlg := top(u)
	uitest.Fill(t, dlg, "client", "ma")
	var labels []string
	var pick *widget.Button
	uitest.Walk(uitest.FirstInput(t, dlg, "client"), nil, func(o, _ fyne.CanvasObject) {
		if btn, ok := o.(*widget.Button); ok && btn.Text != "" {
			labels = append(labels, btn.Text)
			if strings.HasPrefix(btn.Text, "Boulangerie Martin") {
				pick = btn
			}
		}
	})
	if len(labels) != 1 || pick == nil {
		t.Fatalf("typing %q lists %v", "ma", labels)
	}
	test.Tap(pick)
	// The picker names a client with its city, as the list showed it.
	if got := uitest.EntryOf(t, uitest.FirstInput(t, dlg, "client")).Text; got != "Boulangerie Martin (Lyon)" {
		t.Fatalf("after the tap the field reads %q", got)
	}
	var shown int
	uitest.Walk(uitest.FirstInput(t, dlg, "client"), nil, func(o, _ fyne.CanvasObject) {
		if btn, ok := o.(*widget.Button); ok && btn.Text != "" {
			shown++
		}
	})
	if shown != 0 {
		t.Fatalf("%d matches still listed once the client is picked", shown)
	}
}

// TestOverdueCountsAgree: the key figures Today's "overdue" card shows and
// the invoice list's "overdue" filter count the same invoices (a disputed late invoice is
// late money in both; a written-off one in neither).
func TestOverdueCountsAgree(t *testing.T) {
	b := newInvoiceBook(t)
	ctx := context.Background()
	k, err := b.store.GetKeyFigures(ctx, testDay, 7)
	if err != nil {
		t.Fatal(err)
	}
	list := b.u.invoices.result.counts[invFilterOverdue]
	if k.OverdueCount != list || list != 5 {
		t.Fatalf("Today counts %d overdue invoices, the invoice list %d (want 5)", k.OverdueCount, list)
	}
}

// TestDatePickerStartsOnMonday: the calendar a date field opens has its
// weeks from Monday, whatever the system's locale, with the catalogue's
// month names.
func TestDatePickerStartsOnMonday(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	OpenForm(u, 0)
	issue := uitest.FirstInput(t, top(u), "issue_date").(*kit.Entry)
	issue.SetText(kit.InputDate(data.MustDate("2026-11-10")))
	test.Tap(issue.ActionItem.(*widget.Button))
	var texts []string
	uitest.Walk(top(u), nil, func(o, _ fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			texts = append(texts, w.Text)
		case *widget.Button:
			texts = append(texts, w.Text)
		}
	})
	joined := "|" + strings.Join(texts, "|") + "|"
	monday, sunday := kit.WeekdayShort(time.Monday), kit.WeekdayShort(time.Sunday)
	if i, j := strings.Index(joined, "|"+monday+"|"), strings.Index(joined, "|"+sunday+"|"); i < 0 || j < i {
		t.Fatalf("the weekday headers are not Monday first: %v", texts)
	}
	if !strings.Contains(joined, kit.MonthTitle(data.MustDate("2026-11-01"))) {
		t.Fatalf("no month title %q in %v", kit.MonthTitle(data.MustDate("2026-11-01")), texts)
	}
}

// TestNewInvoiceShowsInTheList: an invoice saved through the form is in
// the list at once, as typed, and the footer counts it.
func TestNewInvoiceShowsInTheList(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	OpenForm(u, 0)
	dlg := top(u)
	number := uitest.EntryOf(t, uitest.FirstInput(t, dlg, "number")).Text
	if number != "FA-2026-0010" {
		t.Fatalf("the number suggested after FA-2026-0009 is %q", number)
	}
	uitest.Fill(t, dlg, "client", "Berthier")
	uitest.Fill(t, dlg, "amount", "1 250,50")
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if top(u) == dlg {
		t.Fatalf("the form stayed open: client %q, amount %q", uitest.FieldError(t, dlg, "client"), uitest.FieldError(t, dlg, "amount"))
	}
	inv, err := b.store.GetInvoiceByNumber(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	b.ids[number] = inv.ID
	row := b.row(t, number)
	if row.client != "Électricité Berthier EURL" || row.amount != kit.Money(125050) || row.st.Kind != data.StatusNotDue {
		t.Fatalf("the new invoice's row: %+v", row)
	}
	if got := len(b.shown()); got != len(uitest.InvoiceBookRows)+1 {
		t.Fatalf("the list shows %d rows, want %d", got, len(uitest.InvoiceBookRows)+1)
	}
}
