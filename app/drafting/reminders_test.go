package drafting

import (
	"slices"
	"testing"

	"relance/data"
)

// done records a step of the standard scenario as done on a day.
func (b *book) done(inv data.Invoice, template, on string) {
	b.t.Helper()
	scenarios, err := b.store.ListScenarios(b.ctx)
	if err != nil {
		b.t.Fatal(err)
	}
	for _, st := range scenarios[0].Steps {
		if st.TemplateKey == template {
			a := data.Action{InvoiceID: inv.ID, StepID: st.ID, DoneOn: data.MustDate(on)}
			if err := b.store.RecordAction(b.ctx, &a); err != nil {
				b.t.Fatal(err)
			}
			return
		}
	}
	b.t.Fatalf("no step %s", template)
}

// The days of the reminders a notice and a court file recall are those of
// the reminders, not of an earlier formal notice: "relancé le ..., puis
// mis en demeure".
func TestEarlierRemindersLeaveOutTheFormalNotice(t *testing.T) {
	b := newBook(t, "2026-06-01")
	inv := b.invoice(b.client("Garage Leroy", data.Commercial), "FA-1", "2026-03-01", 100000)
	b.done(inv, "reminder_1", "2026-03-04")
	b.done(inv, "reminder_2", "2026-03-16")
	b.done(inv, "formal_notice", "2026-03-31")
	c := b.letterContext(inv, "court_file", "2026-06-01")
	want := []data.Date{data.MustDate("2026-03-04"), data.MustDate("2026-03-16")}
	if !slices.Equal(c.EarlierReminders, want) {
		t.Fatalf("earlier reminders %v, want %v", c.EarlierReminders, want)
	}
}
