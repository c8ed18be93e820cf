package exports

import (
	"context"
	"path/filepath"
	"testing"

	"relance/app/words"
	"relance/data"
)

// testDay is the day the test book is read on.
var testDay = data.MustDate("2026-12-07")

// testBook is a small book whose figures are worked out by hand: Vernet
// owes 1 000,00 € 37 days late (1 250,50 € less 250,50 € paid) and
// 800,00 € not yet due; Orage owes 2 000,00 € 128 days late, has paid an
// invoice in full and had one written off.
type testBook struct {
	store   *data.Store
	vernet  data.Client
	orage   data.Client
	byNum   map[string]data.Invoice
	stepID  int64 // the reminder taken on FA-2026-0001
	company data.Company
}

func newTestBook(t *testing.T) *testBook {
	t.Helper()
	ctx := context.Background()
	store, err := data.Open(filepath.Join(t.TempDir(), "relance.db"), data.WithClock(data.ClockOn(testDay)))
	must(t, err)
	t.Cleanup(func() { store.Close() })
	b := &testBook{store: store, byNum: map[string]data.Invoice{}}
	b.company, err = store.GetCompany(ctx)
	must(t, err)
	b.company.LegalName, b.company.SIREN = "Atelier Dubois", "732829320"
	must(t, store.UpdateCompany(ctx, &b.company))
	b.vernet = data.Client{Name: "Boulangerie Vernet; Fils, & Cie", SIREN: "552100554", Email: "compta@vernet.fr"}
	b.orage = data.Client{Name: "Studio Orage", Email: "compta@orage.fr"}
	must(t, store.CreateClient(ctx, &b.vernet))
	must(t, store.CreateClient(ctx, &b.orage))
	b.invoice(t, "FA-2026-0001", b.vernet.ID, "2026-10-01", "2026-10-31", 125050)
	b.invoice(t, "FA-2026-0002", b.vernet.ID, "2026-11-20", "2026-12-20", 80000)
	b.invoice(t, "FA-2026-0003", b.orage.ID, "2026-07-01", "2026-08-01", 200000)
	b.invoice(t, "FA-2026-0004", b.orage.ID, "2026-09-01", "2026-10-01", 30000)
	b.invoice(t, "FA-2026-0005", b.orage.ID, "2026-03-01", "2026-04-01", 45000)
	must(t, store.CreatePayment(ctx, &data.Payment{InvoiceID: b.byNum["FA-2026-0001"].ID, Date: data.MustDate("2026-11-10"),
		Amount: 25050, Method: "transfer"}))
	must(t, store.CreatePayment(ctx, &data.Payment{InvoiceID: b.byNum["FA-2026-0004"].ID, Date: data.MustDate("2026-10-05"),
		Amount: 30000, Method: "transfer"}))
	must(t, store.SetInvoiceState(ctx, b.byNum["FA-2026-0005"].ID, data.StateWrittenOff, "liquidation"))
	scenarios, err := store.ListScenarios(ctx)
	must(t, err)
	for _, st := range scenarios[0].Steps {
		if st.TemplateKey == "reminder_1" {
			b.stepID = st.ID
		}
	}
	must(t, store.RecordAction(ctx, &data.Action{InvoiceID: b.byNum["FA-2026-0001"].ID, StepID: b.stepID,
		DoneOn: data.MustDate("2026-11-03")}))
	return b
}

func (b *testBook) invoice(t *testing.T, number string, client int64, issued, due string, cents int64) {
	t.Helper()
	inv := data.Invoice{Number: number, ClientID: client, IssueDate: data.MustDate(issued), DueDate: data.MustDate(due),
		Amount: data.Money(cents)}
	must(t, b.store.CreateInvoice(context.Background(), &inv))
	b.byNum[number] = inv
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// say is the words of a language, from the catalogues.
func say(t *testing.T, lang string) words.Words {
	t.Helper()
	c, err := words.Load(lang)
	must(t, err)
	return words.Words{T: c}
}
