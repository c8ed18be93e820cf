package clients

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/drafting"
	"relance/app/ui/letters"
	"relance/app/ui/uitest"
)

// TestClientStatement: the statement lists what the client still owes,
// is archived in the data folder, recorded on the client's timeline and
// handed to the system's viewer.
func TestClientStatement(t *testing.T) {
	u, store, b := newClientsTestUI(t)
	uitest.CompleteCompany(t, store)
	d := clientsOpen(t, u, "Hélène Vernet Architecture")
	test.Tap(uitest.FindButton(t, d.content, lang.L("letters.client.statement")))
	if len(u.Errors) != 0 {
		t.Fatalf("printing the statement failed: %v", u.Errors)
	}
	events, _ := store.ListEventsByClient(context.Background(), b.vernet.ID)
	last := events[len(events)-1]
	if last.Kind != letters.EventPrinted || last.File != "documents/2026/Helene-Vernet-Architecture-statement-2026-11-24.pdf" {
		t.Fatalf("last event %+v", last)
	}
	path := filepath.Join(u.DataDir(), filepath.FromSlash(last.File))
	if len(u.OpenedFiles) != 1 || u.OpenedFiles[0] != path {
		t.Errorf("opened %v, want the statement %s", u.OpenedFiles, path)
	}
	text := uitest.PDFText(t, path)
	for _, want := range []string{"FA-1", "FA-2", "Relevé de compte"} {
		if !strings.Contains(text, want) {
			t.Errorf("statement lacks %q", want)
		}
	}
	if d.timeline.Events()[0].ID != last.ID {
		t.Error("the client's timeline does not show the statement printed")
	}
}

func TestNoStatementForAClientWhoOwesNothing(t *testing.T) {
	u, store, b := newClientsTestUI(t)
	if d := clientsOpen(t, u, "Boulangerie Éclair"); !d.statement.Disabled() {
		t.Error("a statement is offered for a client who owes nothing")
	}
	_, err := drafting.StatementContext(context.Background(), store, b.eclair.ID, uitest.Day)
	if !errors.Is(err, drafting.ErrNothingOwed) {
		t.Errorf("err = %v, want drafting.ErrNothingOwed", err)
	}
}
