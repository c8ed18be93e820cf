package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var testDay = MustDate("2026-03-15")

// newTestStore opens a fresh database file in a temporary directory, with
// the clock fixed on testDay.
func newTestStore(t *testing.T) *Store {
	t.Helper()
	if os.Getenv("RELANCE_TEST_STORE") == "postgres" {
		return newServerTestStore(t)
	}
	return newFileTestStore(t)
}

// newFileTestStore is a store on a SQLite file whatever RELANCE_TEST_STORE
// says: the tests of what only a file does (its pragmas, its bulk load,
// text written into it in SQLite's words).
func newFileTestStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "relance.db"), WithClock(ClockOn(testDay)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func makeClient(t *testing.T, s *Store, name string) Client {
	t.Helper()
	c := Client{Name: name, Email: "compta@" + name + ".fr", Address: Address{Street: "3 rue Mercière", PostalCode: "69002", City: "Lyon"}}
	if err := s.CreateClient(context.Background(), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func makeInvoice(t *testing.T, s *Store, clientID int64, number string, amount Money) Invoice {
	t.Helper()
	inv := Invoice{Number: number, ClientID: clientID, IssueDate: MustDate("2026-02-01"),
		DueDate: MustDate("2026-03-03"), Amount: amount}
	if err := s.CreateInvoice(context.Background(), &inv); err != nil {
		t.Fatal(err)
	}
	return inv
}

func TestClientCRUD(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	if c.ID == 0 || c.Kind != Commercial || c.Category != "standard" || c.Language != "fr" {
		t.Fatalf("defaults not applied: %+v", c)
	}
	got, err := s.GetClient(ctx, c.ID)
	if err != nil || got.Name != "boulangerie" || got.Address.City != "Lyon" || !got.CreatedAt.Equal(ClockOn(testDay).Now()) {
		t.Fatalf("get: %+v, %v", got, err)
	}
	got.Kind, got.Phone, got.RemindersPaused, got.PausedReason = Consumer, "04 72 00 00 00", true, "vacances"
	if err := s.UpdateClient(ctx, &got); err != nil {
		t.Fatal(err)
	}
	again, _ := s.GetClient(ctx, c.ID)
	if again.Kind != Consumer || again.Phone != "04 72 00 00 00" || !again.RemindersPaused || again.PausedReason != "vacances" {
		t.Fatalf("update lost: %+v", again)
	}
	makeClient(t, s, "atelier")
	list, err := s.ListClients(ctx)
	if err != nil || len(list) != 2 || list[0].Name != "atelier" {
		t.Fatalf("list: %+v, %v", list, err)
	}
	if err := s.DeleteClient(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetClient(ctx, c.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	if err := s.DeleteClient(ctx, c.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("delete twice: %v", err)
	}
	missing := Client{ID: 999, Name: "x"}
	if err := s.UpdateClient(ctx, &missing); !errors.Is(err, ErrNotFound) {
		t.Fatalf("update missing: %v", err)
	}
}

func TestClientValidationWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := Client{Name: "  ", Email: "not an email", SIREN: "123", Kind: "alien"}
	err := s.CreateClient(ctx, &c)
	fields := map[string]Reason{}
	for _, fe := range FieldErrorsOf(err) {
		fields[fe.Field] = fe.Reason
	}
	want := map[string]Reason{"name": ReasonRequired, "email": ReasonEmailFormat, "siren": ReasonSIRENFormat, "kind": ReasonUnknownChoice}
	for f, r := range want {
		if fields[f] != r {
			t.Errorf("field %s: got %q, want %q (all: %v)", f, fields[f], r, err)
		}
	}
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("not ErrInvalid: %v", err)
	}
	if empty, _ := s.IsEmpty(ctx); !empty {
		t.Error("an invalid client was written")
	}
}

func TestInvoiceCRUD(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-2026-0001", 125000)
	got, err := s.GetInvoice(ctx, inv.ID)
	if err != nil || got.Number != "FA-2026-0001" || got.Amount != 125000 || got.DueDate != MustDate("2026-03-03") ||
		!got.DeliveryDate.IsZero() || got.State != StateOpen || got.Currency != "EUR" {
		t.Fatalf("get: %+v, %v", got, err)
	}
	got.DeliveryDate = MustDate("2026-01-30")
	got.Amount = 130000
	if err := s.UpdateInvoice(ctx, &got); err != nil {
		t.Fatal(err)
	}
	byNumber, err := s.GetInvoiceByNumber(ctx, "FA-2026-0001")
	if err != nil || byNumber.Amount != 130000 || byNumber.DeliveryDate != MustDate("2026-01-30") {
		t.Fatalf("by number: %+v, %v", byNumber, err)
	}
	list, err := s.ListInvoiceSummaries(ctx)
	if err != nil || len(list) != 1 || list[0].ClientName != "boulangerie" || list[0].Amount != 130000 {
		t.Fatalf("list: %+v, %v", list, err)
	}
	// Corrected only: it can still be deleted.
	if err := s.DeleteInvoice(ctx, inv.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetInvoice(ctx, inv.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	if err := s.DeleteInvoice(ctx, inv.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("delete twice: %v", err)
	}
}

func TestDuplicateInvoiceNumber(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	makeInvoice(t, s, c.ID, "FA-1", 1000)
	dup := Invoice{Number: "FA-1", ClientID: c.ID, IssueDate: testDay, DueDate: testDay, Amount: 5}
	err := s.CreateInvoice(ctx, &dup)
	if !errors.Is(err, ErrAlreadyExists) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("want ErrAlreadyExists, got %v", err)
	}
	if fe := FieldErrorsOf(err); len(fe) != 1 || fe[0].Field != "number" || fe[0].Reason != ReasonDuplicate {
		t.Fatalf("want a field error on number: %v", err)
	}
	list, _ := s.ListInvoiceSummaries(ctx)
	if len(list) != 1 {
		t.Fatalf("%d invoices after a refused duplicate", len(list))
	}
	// The refused insert must not leave its event behind either.
	events, _ := s.ListEventsByClient(ctx, c.ID)
	if len(events) != 2 { // client created, first invoice created
		t.Fatalf("%d events after a refused duplicate", len(events))
	}
}

func TestForeignKeys(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	orphan := Invoice{Number: "FA-9", ClientID: 424242, IssueDate: testDay, DueDate: testDay, Amount: 5}
	err := s.CreateInvoice(ctx, &orphan)
	if fe := FieldErrorsOf(err); len(fe) != 1 || fe[0].Field != "client" || fe[0].Reason != ReasonUnknownClient {
		t.Fatalf("want an unknown-client error, got %v", err)
	}
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 1000)
	if err := s.DeleteClient(ctx, c.ID); !errors.Is(err, ErrInUse) {
		t.Fatalf("deleting a client with invoices: %v", err)
	}
	if _, err := s.GetClient(ctx, c.ID); err != nil {
		t.Fatalf("client gone after refused delete: %v", err)
	}
	p := Payment{InvoiceID: 777, Date: testDay, Amount: 10}
	if err := s.CreatePayment(ctx, &p); !errors.Is(err, ErrNotFound) {
		t.Fatalf("payment on a missing invoice: %v", err)
	}
	if err := s.CreateEvent(ctx, &Event{ClientID: 555, Kind: EventNote}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("event on a missing client: %v", err)
	}
	_ = inv
}

func TestPaymentCRUDAndSummary(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	p1 := Payment{InvoiceID: inv.ID, Date: MustDate("2026-03-05"), Amount: 40000, BankRef: "VIR-001"}
	if err := s.CreatePayment(ctx, &p1); err != nil {
		t.Fatal(err)
	}
	p2 := Payment{InvoiceID: inv.ID, Date: MustDate("2026-03-06"), Amount: 10000, Method: "cheque"}
	if err := s.CreatePayment(ctx, &p2); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetPayment(ctx, p1.ID)
	if err != nil || got.Amount != 40000 || got.BankRef != "VIR-001" || got.Method != "transfer" || got.Date != MustDate("2026-03-05") {
		t.Fatalf("get: %+v %v", got, err)
	}
	dupRef := Payment{InvoiceID: inv.ID, Date: testDay, Amount: 1, BankRef: "VIR-001"}
	if err := s.CreatePayment(ctx, &dupRef); !errors.Is(err, ErrAlreadyExists) {
		t.Fatalf("duplicate bank ref: %v", err)
	}
	got.Amount = 45000
	if err := s.UpdatePayment(ctx, &got); err != nil {
		t.Fatal(err)
	}
	list, err := s.ListInvoiceSummaries(ctx)
	if err != nil || len(list) != 1 || list[0].Paid != 55000 {
		t.Fatalf("summary: %+v %v", list, err)
	}
	st := list[0].Status(testDay, 7)
	if st.Kind != StatusOverdue || st.DaysLate != 12 || st.Outstanding != 45000 || !st.PartiallyPaid() {
		t.Fatalf("status: %+v", st)
	}
	if err := s.DeletePayment(ctx, p2.ID); err != nil {
		t.Fatal(err)
	}
	payments, err := s.ListPaymentsByInvoice(ctx, inv.ID)
	if err != nil || len(payments) != 1 || payments[0].ID != p1.ID {
		t.Fatalf("after delete: %+v %v", payments, err)
	}
	if err := s.DeletePayment(ctx, p2.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("delete twice: %v", err)
	}
	bad := Payment{InvoiceID: inv.ID, Date: testDay, Amount: 0}
	if err := s.CreatePayment(ctx, &bad); !errors.Is(err, ErrInvalid) {
		t.Fatalf("zero payment: %v", err)
	}
}

func TestEventsTimeline(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	p := Payment{InvoiceID: inv.ID, Date: testDay, Amount: 100000}
	if err := s.CreatePayment(ctx, &p); err != nil {
		t.Fatal(err)
	}
	note := Event{InvoiceID: inv.ID, Kind: EventNote, Params: map[string]string{"text": "appelé, promet paiement"}}
	if err := s.CreateEvent(WithActor(ctx, "import"), &note); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetEvent(ctx, note.ID)
	if err != nil || got.ClientID != c.ID || got.Actor != "import" || got.Params["text"] != "appelé, promet paiement" ||
		!got.At.Equal(ClockOn(testDay).Now()) {
		t.Fatalf("get: %+v %v", got, err)
	}
	kinds := func(events []Event) []EventKind {
		var out []EventKind
		for _, e := range events {
			out = append(out, e.Kind)
		}
		return out
	}
	byInvoice, _ := s.ListEventsByInvoice(ctx, inv.ID)
	if k := kinds(byInvoice); len(k) != 3 || k[0] != EventInvoiceCreated || k[1] != EventPaymentRecorded || k[2] != EventNote {
		t.Fatalf("invoice timeline: %v", k)
	}
	byClient, _ := s.ListEventsByClient(ctx, c.ID)
	if k := kinds(byClient); len(k) != 4 || k[0] != EventClientCreated {
		t.Fatalf("client timeline: %v", k)
	}
	if byInvoice[1].Params["amount"] != "1000,00" {
		t.Fatalf("payment event params: %v", byInvoice[1].Params)
	}
	if _, err := s.GetEvent(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing event: %v", err)
	}
	// Paid: it has a history and is never deleted.
	if err := s.DeleteInvoice(ctx, inv.ID); !errors.Is(err, ErrHasHistory) || !errors.Is(err, ErrInUse) {
		t.Fatalf("deleting a paid invoice: %v", err)
	}
	if left, _ := s.ListEventsByInvoice(ctx, inv.ID); len(left) != len(byInvoice) {
		t.Fatalf("a refused delete changed the timeline: %v", kinds(left))
	}
}

func TestCompanySettings(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c, err := s.GetCompany(ctx)
	if err != nil || c.PaymentTermsDays != 30 || c.DueSoonDays != 7 || c.Onboarded {
		t.Fatalf("defaults: %+v %v", c, err)
	}
	c.LegalName, c.SIREN, c.IBAN, c.Capital = "Atelier Lumière SARL", "732 829 320", "FR76 3000 6000 0112 3456 7890 189", 1000000
	if err := s.UpdateCompany(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkOnboarded(ctx); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetCompany(ctx)
	if got.LegalName != "Atelier Lumière SARL" || got.IBAN != "FR7630006000011234567890189" || got.Capital != 1000000 || !got.Onboarded {
		t.Fatalf("saved: %+v", got)
	}
	bad := got
	bad.IBAN, bad.SIREN = "FR76 0000", "732829321"
	err = s.UpdateCompany(ctx, &bad)
	if len(FieldErrorsOf(err)) != 2 {
		t.Fatalf("want 2 field errors, got %v", err)
	}
	if again, _ := s.GetCompany(ctx); again.IBAN != got.IBAN {
		t.Fatal("invalid settings were written")
	}
}

func TestTransactionRollsBackEverything(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	boom := errors.New("boom")
	err := s.InTx(ctx, func(tx *Store) error {
		c := Client{Name: "éphémère"}
		if err := tx.CreateClient(ctx, &c); err != nil {
			return err
		}
		inv := Invoice{Number: "FA-X", ClientID: c.ID, IssueDate: testDay, DueDate: testDay, Amount: 1}
		if err := tx.CreateInvoice(ctx, &inv); err != nil {
			return err
		}
		if _, err := tx.GetInvoice(ctx, inv.ID); err != nil { // reads see the transaction's writes
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	if empty, _ := s.IsEmpty(ctx); !empty {
		t.Fatal("rolled-back writes are visible")
	}
}

func TestConcurrentWritersQueue(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	errs := make(chan error, 20)
	for i := range 20 {
		go func() {
			inv := Invoice{Number: "FA-" + time.Duration(i).String(), ClientID: c.ID, IssueDate: testDay, DueDate: testDay, Amount: 1}
			errs <- s.CreateInvoice(ctx, &inv)
		}()
	}
	for range 20 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	list, _ := s.ListInvoiceSummaries(ctx)
	if len(list) != 20 {
		t.Fatalf("%d invoices", len(list))
	}
}

func TestNextInvoiceNumber(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if n, err := s.NextInvoiceNumber(ctx, 2026); err != nil || n != "FA-2026-0001" {
		t.Fatalf("first: %q %v", n, err)
	}
	c := makeClient(t, s, "boulangerie")
	makeInvoice(t, s, c.ID, "FA-2026-0009", 100)
	makeInvoice(t, s, c.ID, "FA-2026-0010", 100)
	makeInvoice(t, s, c.ID, "FA-2025-0042", 100)
	makeInvoice(t, s, c.ID, "FA-2026-AVOIR", 100)
	if n, err := s.NextInvoiceNumber(ctx, 2026); err != nil || n != "FA-2026-0011" {
		t.Fatalf("next: %q %v", n, err)
	}
}

func TestTimeTextRoundTrip(t *testing.T) {
	for _, tm := range []time.Time{
		time.Date(2026, 3, 1, 9, 5, 7, 0, time.UTC),
		time.Date(2026, 12, 31, 23, 59, 59, 123456789, time.UTC),
		time.Date(2026, 6, 15, 8, 0, 0, 120000000, time.FixedZone("CEST", 7200)),
	} {
		got, err := parseTimeText(timeText(tm))
		if err != nil || !got.Equal(tm) {
			t.Errorf("%s -> %q -> %s, %v", tm, timeText(tm), got, err)
		}
	}
	if got, err := parseTimeText("2026-03-01T10:00:00+02:00"); err != nil || got.UTC().Hour() != 8 {
		t.Errorf("offset form: %s %v", got, err)
	}
	if _, err := parseTimeText("2026-03-01T10:00:0xZ"); err == nil {
		t.Error("a broken timestamp must be refused")
	}
}

func TestKeyFiguresAndClientSummaries(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t) // today is 2026-03-15
	a := makeClient(t, s, "alpha")
	b := makeClient(t, s, "beta")
	late := makeInvoice(t, s, a.ID, "FA-1", 100000) // due 2026-03-03
	soon := Invoice{Number: "FA-2", ClientID: a.ID, IssueDate: MustDate("2026-03-01"), DueDate: MustDate("2026-03-20"), Amount: 50000}
	if err := s.CreateInvoice(ctx, &soon); err != nil {
		t.Fatal(err)
	}
	gone := makeInvoice(t, s, b.ID, "FA-3", 7000)
	if err := s.SetInvoiceState(ctx, gone.ID, StateWrittenOff, ""); err != nil {
		t.Fatal(err)
	}
	for _, p := range []Payment{{InvoiceID: late.ID, Date: MustDate("2026-03-10"), Amount: 30000},
		{InvoiceID: soon.ID, Date: MustDate("2026-02-27"), Amount: 10000}} {
		if err := s.CreatePayment(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	k, err := s.GetKeyFigures(ctx, testDay, 7)
	if err != nil {
		t.Fatal(err)
	}
	want := KeyFigures{Outstanding: 110000, Overdue: 70000, OverdueCount: 1, DueSoon: 40000, DueSoonCount: 1,
		CollectedMonth: 30000, CollectedCount: 1}
	if k != want {
		t.Fatalf("key figures %+v, want %+v", k, want)
	}
	list, err := s.ListClientSummaries(ctx, testDay)
	if err != nil || len(list) != 2 {
		t.Fatalf("%v %v", list, err)
	}
	if list[0].Name != "alpha" || list[0].Invoices != 2 || list[0].Outstanding != 110000 || list[0].Overdue != 70000 || list[0].OverdueCount != 1 {
		t.Fatalf("alpha %+v", list[0])
	}
	if list[1].Invoices != 1 || list[1].Outstanding != 0 {
		t.Fatalf("beta (written off) %+v", list[1])
	}
}

// TestClientInvoiceCountsFollowWrites checks the invoice count the store
// keeps per client (client_invoice_counts) against a count of the rows,
// after invoices are added, moved to another client and deleted, and after
// a bulk load.
func TestClientInvoiceCountsFollowWrites(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	a, b, c := makeClient(t, s, "alpha"), makeClient(t, s, "beta"), makeClient(t, s, "gamma")
	one := makeInvoice(t, s, a.ID, "FA-1", 1000)
	makeInvoice(t, s, a.ID, "FA-2", 2000)
	moved := makeInvoice(t, s, a.ID, "FA-3", 3000)
	gone := makeInvoice(t, s, b.ID, "FA-4", 4000)
	moved.ClientID = c.ID
	if err := s.UpdateInvoice(ctx, &moved); err != nil {
		t.Fatal(err)
	}
	one.Amount = 1500 // an update that keeps the client counts nothing
	if err := s.UpdateInvoice(ctx, &one); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteInvoice(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	checkCounts := func(want map[string]int) {
		t.Helper()
		list, err := s.ListClientSummaries(ctx, testDay)
		if err != nil {
			t.Fatal(err)
		}
		for _, cs := range list {
			var counted int
			if err := s.reader().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM invoices WHERE client_id = ?`, cs.ID).Scan(&counted); err != nil {
				t.Fatal(err)
			}
			if cs.Invoices != counted || cs.Invoices != want[cs.Name] {
				t.Errorf("%s: listed %d invoices, %d in the book, want %d", cs.Name, cs.Invoices, counted, want[cs.Name])
			}
		}
	}
	checkCounts(map[string]int{"alpha": 2, "beta": 0, "gamma": 1})
	err := s.BulkLoad(ctx, func(exec BulkExec) error {
		return exec(`INSERT INTO invoices (number, client_id, issue_date, due_date, amount_cents, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, "FA-5", b.ID, "2026-02-01", "2026-03-03", 5000, "2026-03-01T09:00:00Z",
			"2026-03-01T09:00:00Z")
	})
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(map[string]int{"alpha": 2, "beta": 1, "gamma": 1})
}

func TestTemplatesAndEnvelopeWindow(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if _, err := s.GetTemplate(ctx, "reminder_1", "email", "fr"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("no edited template yet: %v", err)
	}
	tpl := TemplateText{Key: "reminder_1", Channel: "email", Lang: "fr", Subject: "Relance", Body: "Bonjour {{client_name}}"}
	if err := s.PutTemplate(ctx, &tpl); err != nil {
		t.Fatal(err)
	}
	tpl.Body = "Madame, Monsieur,"
	if err := s.PutTemplate(ctx, &tpl); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetTemplate(ctx, "reminder_1", "email", "fr")
	if err != nil || got.Body != "Madame, Monsieur," || got.Subject != "Relance" {
		t.Fatalf("%+v %v", got, err)
	}
	bad := TemplateText{Key: "x", Channel: "fax", Lang: "de", Body: " "}
	if err := s.PutTemplate(ctx, &bad); len(FieldErrorsOf(err)) != 3 {
		t.Fatalf("bad template: %v", err)
	}
	if list, _ := s.ListTemplates(ctx); len(list) != 1 {
		t.Fatalf("%d templates", len(list))
	}
	if err := s.ResetTemplate(ctx, "reminder_1", "email", "fr"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetTemplate(ctx, "reminder_1", "email", "fr"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after reset: %v", err)
	}

	c, _ := s.GetCompany(ctx)
	if c.Window != DefaultWindow {
		t.Fatalf("window %+v", c.Window)
	}
	c.Window.LeftMM10 = 1500
	if err := s.UpdateCompany(ctx, &c); len(FieldErrorsOf(err)) != 1 {
		t.Fatalf("a window off the page: %v", err)
	}
	c.Window.LeftMM10 = 1050
	if err := s.UpdateCompany(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.GetCompany(ctx); again.Window.LeftMM10 != 1050 {
		t.Fatalf("window %+v", again.Window)
	}
}

// TestAccountantEmailKept: the accountant's address is kept with the
// company, and one that is not an address is refused, naming its field.
func TestAccountantEmailKept(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c, err := s.GetCompany(ctx)
	if err != nil || c.AccountantEmail != "" {
		t.Fatalf("a new book's accountant %q, %v", c.AccountantEmail, err)
	}
	c.AccountantEmail = "cabinet@exemple.fr"
	if err := s.UpdateCompany(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetCompany(ctx); got.AccountantEmail != "cabinet@exemple.fr" {
		t.Errorf("kept %q", got.AccountantEmail)
	}
	c.AccountantEmail = "cabinet.exemple.fr"
	if fes := FieldErrorsOf(s.UpdateCompany(ctx, &c)); len(fes) != 1 || fes[0].Field != "accountant_email" {
		t.Errorf("a wrong address: %v", fes)
	}
}
