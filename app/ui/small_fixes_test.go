package ui

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"relance/app/ui/uitest"

	"relance/app/ui/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relance/data"
)

// TestFieldErrorsGoWhenFixed: an error under a field goes as soon as the
// field is corrected, before the next Save; the others stay.
func TestFieldErrorsGoWhenFixed(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	u.onNewInvoice()
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
	u.onNewInvoice()
	dlg := top(u)
	uitest.Fill(t, dlg, "number", strings.Repeat("7", 61))
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	want := lang.N("error.too_long_at_most", 60, map[string]any{"Max": 60})
	if got := uitest.FieldError(t, dlg, "number"); got != want || !strings.Contains(got, "60") {
		t.Fatalf("too long a number says %q, want %q", got, want)
	}
	must(t, SetLanguage("fr"))
	t.Cleanup(func() { must(t, SetLanguage("")) })
	if got := kit.FieldMessage(&data.FieldError{Field: "reason", Reason: data.ReasonTooLong, Limit: 120}); got != "Trop long (120 caractères au plus)." {
		t.Fatalf("in French: %q", got)
	}
}

// TestClientPickerListsMatchesAsYouType: the clients matching what is
// typed show under the field; a tap picks one.
func TestClientPickerListsMatchesAsYouType(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	u.onNewInvoice()
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

// TestOverdueCountsAgree: Today's "overdue" card and the invoice list's
// "overdue" filter count the same invoices (a disputed late invoice is
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
	b.u.goTo(navToday)
	card := b.u.home.figures.overdue.detail.Text
	if card != lang.N("today.figure.invoices", list, map[string]any{"Count": list}) {
		t.Fatalf("Today's card reads %q", card)
	}
}

// TestTimelineHasWordsForEveryCode: no code (catch_up, an outcome, a task
// kind, a changed field) is shown raw in the timeline: every code the app
// writes has a sentence in both languages.
func TestTimelineHasWordsForEveryCode(t *testing.T) {
	if err := LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	fr, en := merged(t, "fr"), merged(t, "en")
	codes := map[string]*regexp.Regexp{
		"note.":    regexp.MustCompile(`Note:\s*"([a-z_]+)"`),
		"outcome.": regexp.MustCompile(`Outcome[A-Za-z]*\s*=\s*"([a-z_]+)"`),
		"task.":    regexp.MustCompile(`Task\{[^}]*Kind:\s*"([a-z_]+)"`),
		"field.":   regexp.MustCompile(`\b(?:c|params)\.add\("([a-z_]+)"`),
	}
	found := 0
	for _, dir := range []string{".", "../../data", "../dunning", "../mail"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for prefix, re := range codes {
				for _, m := range re.FindAllStringSubmatch(string(src), -1) {
					found++
					if _, ok := fr[prefix+m[1]]; !ok {
						t.Errorf("%s writes %q: no %q in French", f, m[1], prefix+m[1])
					}
					if _, ok := en[prefix+m[1]]; !ok {
						t.Errorf("%s writes %q: no %q in English", f, m[1], prefix+m[1])
					}
				}
			}
		}
	}
	if found < 10 {
		t.Fatalf("found only %d codes: the scan is broken", found)
	}
	skipped := data.Event{Kind: data.EventStepSkipped, Params: map[string]string{"number": "FA-1", "channel": "email",
		"template": "pre_due", "note": "catch_up"}}
	if text := kit.EventText(skipped); strings.Contains(text, "catch_up") || !strings.Contains(text, lang.L("note.catch_up")) {
		t.Fatalf("a caught-up step reads %q", text)
	}
	call := data.Event{Kind: data.EventStepDone, Params: map[string]string{"number": "FA-1", "channel": "phone_call",
		"template": "call", "outcome": data.OutcomeNoAnswer}}
	if text := kit.EventText(call); !strings.Contains(text, lang.L("outcome.no_answer")) {
		t.Fatalf("a call's outcome is not said: %q", text)
	}
	if text := kit.EventText(data.Event{Kind: "some_future_kind"}); strings.Contains(text, "some_future_kind") {
		t.Fatalf("an unknown kind shows its code: %q", text)
	}
}

// TestDatePickerStartsOnMonday: the calendar a date field opens has its
// weeks from Monday, whatever the system's locale, with the catalogue's
// month names.
func TestDatePickerStartsOnMonday(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	u.onNewInvoice()
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
