package genbook

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"relance/app/dunning"
	"relance/data"
)

var testToday = data.MustDate("2026-06-01")

const testInvoices = 2000

// testBook is the 2,000-invoice book most tests read, generated once.
var testBook struct {
	once sync.Once
	dir  string
	path string
	sum  Summary
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if testBook.dir != "" {
		os.RemoveAll(testBook.dir)
	}
	os.Exit(code)
}

func sharedBook(t *testing.T) (string, Summary) {
	t.Helper()
	testBook.once.Do(func() {
		testBook.dir, testBook.err = os.MkdirTemp("", "genbook-test-")
		if testBook.err != nil {
			return
		}
		testBook.path = filepath.Join(testBook.dir, "book.db")
		testBook.sum, testBook.err = generate(testBook.path, 1)
	})
	if testBook.err != nil {
		t.Fatal(testBook.err)
	}
	return testBook.path, testBook.sum
}

func generate(path string, seed uint64) (Summary, error) {
	store, err := data.Open(path, data.WithClock(data.ClockOn(testToday)))
	if err != nil {
		return Summary{}, err
	}
	defer store.Close()
	return Write(context.Background(), store, Options{Invoices: testInvoices, Today: testToday, Seed: seed})
}

func openBook(t *testing.T, path string) *data.Store {
	t.Helper()
	store, err := data.Open(path, data.WithClock(data.ClockOn(testToday)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// rawBook opens the book's file for queries the store has no method for.
func rawBook(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// count runs a query that returns one number.
func count(t *testing.T, db *sql.DB, query string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestRatiosOfARealBook(t *testing.T) {
	path, sum := sharedBook(t)
	db := rawBook(t, path)
	invoices := count(t, db, `SELECT COUNT(*) FROM invoices`)
	if invoices != testInvoices || sum.Invoices != testInvoices || sum.Clients != testInvoices/10 {
		t.Fatalf("%d invoices in the book, summary %+v", invoices, sum)
	}
	paid := count(t, db, `SELECT COUNT(*) FROM invoices WHERE paid_cents >= amount_cents`)
	overdue := count(t, db, `SELECT COUNT(*) FROM invoices WHERE paid_cents < amount_cents AND due_date < '2026-06-01'`)
	open := invoices - paid
	share := func(n int) float64 { return 100 * float64(n) / float64(invoices) }
	t.Logf("paid %.1f %%, open %.1f %%, overdue %.1f %%; summary %+v", share(paid), share(open), share(overdue), sum)
	if p := share(paid); p < 88 || p > 96 {
		t.Errorf("paid %.1f %%, want 88-96", p)
	}
	if p := share(open); p < 6 || p > 10 {
		t.Errorf("open %.1f %%, want 6-10", p)
	}
	if p := share(overdue); p < 2 || p > 6 {
		t.Errorf("overdue %.1f %%, want 2-6", p)
	}
	if sum.Paid != paid || sum.Open != open || sum.Overdue != overdue {
		t.Errorf("summary says %d paid, %d open, %d overdue", sum.Paid, sum.Open, sum.Overdue)
	}
}

// DESIGN.md's book: 300,000 payments for 100,000 invoices, and the events
// the store writes for them (see the package doc on their number).
func TestPaymentsAndEventsPerInvoice(t *testing.T) {
	_, sum := sharedBook(t)
	perInvoice := func(n int) float64 { return float64(n) / float64(sum.Invoices) }
	if p := perInvoice(sum.Payments); p < 2 || p > 4 {
		t.Errorf("%.2f payments per invoice, want about 3", p)
	}
	if e := perInvoice(sum.Events); e < 6 || e > 14 {
		t.Errorf("%.2f events per invoice, want about 10", e)
	}
}

func TestInvoicesCacheWhatTheirPaymentsAndCreditNotesSay(t *testing.T) {
	path, sum := sharedBook(t)
	db := rawBook(t, path)
	if sum.CreditNotes == 0 || sum.Plans == 0 || sum.Promises == 0 {
		t.Fatalf("no credit note, plan or promise: %+v", sum)
	}
	// refreshSettled's own computation, over the whole book.
	wrong := count(t, db, `
		SELECT COUNT(*) FROM (SELECT i.amount_cents AS amount, i.paid_cents, i.credited_cents, i.credit_closed,
		       (SELECT COALESCE(SUM(amount_cents), 0) FROM payments WHERE invoice_id = i.id) AS paid,
		       (SELECT MAX(paid_on) FROM payments WHERE invoice_id = i.id) AS paid_last,
		       (SELECT COALESCE(SUM(amount_cents), 0) FROM credit_notes WHERE invoice_id = i.id) AS credited,
		       (SELECT MAX(issued_on) FROM credit_notes WHERE invoice_id = i.id) AS credit_last
		       FROM invoices i)
		WHERE paid_cents <> paid + credited OR credited_cents <> credited OR paid_cents > amount
		   OR credit_closed <> (CASE WHEN credited > 0 AND paid < amount AND paid + credited >= amount
		                             AND (paid_last IS NULL OR credit_last >= paid_last) THEN 1 ELSE 0 END)`)
	if wrong != 0 {
		t.Fatalf("%d invoices cache other amounts than their payments and credit notes", wrong)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM invoices i JOIN clients c ON c.id = i.client_id
		WHERE c.archived_at IS NOT NULL AND i.paid_cents < i.amount_cents`); n != 0 {
		t.Errorf("%d invoices of archived clients still open", n)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM payments WHERE paid_on > '2026-06-01'`); n != 0 {
		t.Errorf("%d payments after today", n)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM invoices WHERE state = 'written_off'`); n == 0 {
		t.Error("no invoice written off")
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events WHERE kind = 'state_changed' AND json_extract(params, '$.to') = 'disputed'`); n == 0 {
		t.Error("no invoice disputed")
	}
}

func TestEveryRecordHasItsEvent(t *testing.T) {
	path, sum := sharedBook(t)
	db := rawBook(t, path)
	for _, c := range []struct{ records, kind string }{
		{`SELECT COUNT(*) FROM payments`, "payment_recorded"},
		{`SELECT COUNT(*) FROM actions`, "step_done"},
		{`SELECT COUNT(*) FROM invoices`, "invoice_created"},
		{`SELECT COUNT(*) FROM clients`, "client_created"},
		{`SELECT COUNT(*) FROM promises`, "promise_made"},
		{`SELECT COUNT(*) FROM promises WHERE status = 'kept'`, "promise_kept"},
		{`SELECT COUNT(*) FROM promises WHERE status = 'broken'`, "promise_broken"},
		{`SELECT COUNT(*) FROM credit_notes`, "credit_note"},
		{`SELECT COUNT(*) FROM payment_plans`, "plan_agreed"},
		{`SELECT COUNT(*) FROM tasks`, "task_created"},
		{`SELECT COUNT(*) FROM actions WHERE received_on IS NOT NULL`, "notice_received"},
	} {
		records := count(t, db, c.records)
		events := count(t, db, `SELECT COUNT(*) FROM events WHERE kind = '`+c.kind+`'`)
		if records != events {
			t.Errorf("%s: %d records, %d events", c.kind, records, events)
		}
	}
	// Each payment's event names its invoice, amount, day and method.
	missing := count(t, db, `SELECT COUNT(*) FROM payments p JOIN invoices i ON i.id = p.invoice_id
		WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.invoice_id = p.invoice_id AND e.kind = 'payment_recorded'
		      AND json_extract(e.params, '$.date') = p.paid_on AND json_extract(e.params, '$.number') = i.number
		      AND json_extract(e.params, '$.method') = p.method
		      AND json_extract(e.params, '$.amount') = printf('%d,%02d', p.amount_cents / 100, p.amount_cents % 100))`)
	if missing != 0 {
		t.Errorf("%d payments without their event", missing)
	}
	if events := count(t, db, `SELECT COUNT(*) FROM events`); events != sum.Events {
		t.Errorf("%d events, summary says %d", events, sum.Events)
	}
	// Nothing happens to an invoice or a client before it was entered.
	if n := count(t, db, `SELECT COUNT(*) FROM events e JOIN invoices i ON i.id = e.invoice_id WHERE e.at < i.created_at`); n != 0 {
		t.Errorf("%d events before their invoice", n)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events e JOIN clients c ON c.id = e.client_id WHERE e.at < c.created_at`); n != 0 {
		t.Errorf("%d events before their client", n)
	}
	// Events come in time order, as in a book used day after day.
	if n := count(t, db, `SELECT COUNT(*) FROM events a JOIN events b ON b.id = a.id + 1 WHERE b.at < a.at`); n != 0 {
		t.Errorf("%d events out of time order", n)
	}
}

func TestActionsAreStepsOfTheClientsScenario(t *testing.T) {
	path, _ := sharedBook(t)
	db := rawBook(t, path)
	if n := count(t, db, `SELECT COUNT(*) FROM actions WHERE step_id NOT IN (SELECT id FROM steps)`); n != 0 {
		t.Fatalf("%d actions on steps that do not exist", n)
	}
	n := count(t, db, `SELECT COUNT(*) FROM actions a JOIN invoices i ON i.id = a.invoice_id
		JOIN clients c ON c.id = i.client_id JOIN categories k ON k.key = c.category JOIN steps s ON s.id = a.step_id
		WHERE s.scenario_id <> k.scenario_id`)
	if n != 0 {
		t.Fatalf("%d actions on another scenario's steps", n)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM actions WHERE done_on >= '2026-06-01' OR done_on < planned_on`); n != 0 {
		t.Errorf("%d actions done today or later, or before their day", n)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM (SELECT 1 FROM actions WHERE instalment_id IS NOT NULL)`); n == 0 {
		t.Error("no instalment reminded")
	}
}

// The planner, run on the book's last day, finds the history complete: what
// it proposes was planned for today, nothing was missed before.
func TestPlannerFindsTheHistoryUpToDate(t *testing.T) {
	path, _ := sharedBook(t)
	store := openBook(t, path)
	ctx := context.Background()
	book, err := store.LoadDunningBook(ctx, data.BookQuery{PaidSince: testToday.AddDays(-7), MessagesSince: testToday.AddDays(-60)})
	if err != nil {
		t.Fatal(err)
	}
	plan := dunning.MakePlan(dunning.Input{Book: book, Today: testToday, LastRun: testToday.AddDays(-3)})
	late := missedSteps(book, plan, testToday)
	for _, d := range late {
		t.Logf("%s: %s planned %s, catch-up %v, passed %d", d.Number, d.Step.TemplateKey, d.Planned, d.CatchUp, len(d.Passed))
	}
	if len(late) > 0 {
		t.Errorf("%d steps the history missed", len(late))
	}
	if len(plan.Groups) == 0 {
		t.Error("nothing to do today")
	}
	lines, err := store.ListInvoiceLines(ctx)
	if err != nil || len(lines) != testInvoices {
		t.Fatalf("%d invoice lines, %v", len(lines), err)
	}
}

// missedSteps are the steps the plan proposes that the history should have
// taken: caught up, passing others over, or planned days ago.
func missedSteps(book *data.DunningBook, plan *dunning.Plan, today data.Date) []dunning.Due {
	entered := map[int64]data.Date{}
	for _, inv := range book.Invoices {
		entered[inv.ID] = inv.EnteredOn
	}
	// A promise found kept or broken today releases the steps it held, at
	// once: those are not the history's.
	released := map[int64]bool{}
	for _, o := range plan.Promises {
		released[o.Promise.InvoiceID] = true
	}
	var late []dunning.Due
	for _, g := range plan.Groups {
		for _, d := range g.Items {
			// A step planned before the invoice was entered is proposed on its
			// first day (an invoice due on receipt gets its pre-due notice).
			old := d.Planned.Before(today.AddDays(-3)) && !d.Planned.Before(entered[d.InvoiceID])
			if !released[d.InvoiceID] && (d.CatchUp || len(d.Passed) > 0 || old) {
				late = append(late, d)
			}
		}
	}
	return late
}

func TestClientsAndInvoicesPassTheStoresChecks(t *testing.T) {
	path, _ := sharedBook(t)
	store := openBook(t, path)
	ctx := context.Background()
	clients, err := store.ListClients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	withSIREN, withEmail := 0, 0
	for _, c := range clients {
		if err := c.Validate(); err != nil {
			t.Errorf("client %d %q: %v", c.ID, c.Name, err)
		}
		withSIREN += min(len(c.SIREN), 1)
		withEmail += min(len(c.Email), 1)
	}
	if withSIREN == 0 || withEmail == 0 || withEmail == len(clients) {
		t.Errorf("%d clients, %d with a SIREN, %d with an email", len(clients), withSIREN, withEmail)
	}
	for id := int64(1); id <= testInvoices; id += 97 {
		inv, err := store.GetInvoice(ctx, id)
		if err == nil {
			err = inv.Validate()
		}
		if err != nil {
			t.Errorf("invoice %d: %v", id, err)
		}
	}
}

func TestTheBookIsWholeAndReady(t *testing.T) {
	path, _ := sharedBook(t)
	store, db := openBook(t, path), rawBook(t, path)
	ctx := context.Background()
	company, err := store.GetCompany(ctx)
	if err != nil || len(company.MissingForLetters()) > 0 || !company.Onboarded {
		t.Errorf("company %+v, %v", company, err)
	}
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity check: %q %v", check, err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM pragma_foreign_key_check`); n != 0 {
		t.Errorf("%d foreign keys broken", n)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM sqlite_stat1`); n == 0 {
		t.Error("no statistics: ANALYZE did not run")
	}
}

func TestSameSeedSameBook(t *testing.T) {
	path, _ := sharedBook(t)
	dir := t.TempDir()
	again, other := filepath.Join(dir, "again.db"), filepath.Join(dir, "other.db")
	if _, err := generate(again, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := generate(other, 2); err != nil {
		t.Fatal(err)
	}
	first, second, third := checksum(t, path), checksum(t, again), checksum(t, other)
	if first != second {
		t.Errorf("the same seed gave another book: %s then %s", first, second)
	}
	if first == third {
		t.Error("another seed gave the same book")
	}
}

// checksum hashes the rows of the book's main tables.
func checksum(t *testing.T, path string) string {
	t.Helper()
	db := rawBook(t, path)
	h := sha256.New()
	for _, q := range []string{
		`SELECT id, name, siren, email, category, created_at FROM clients ORDER BY id`,
		`SELECT id, number, client_id, due_date, amount_cents, paid_cents, state, created_at FROM invoices ORDER BY id`,
		`SELECT id, invoice_id, paid_on, amount_cents, method FROM payments ORDER BY id`,
		`SELECT id, invoice_id, step_id, done_at, outcome FROM actions ORDER BY id`,
		`SELECT id, at, kind, params FROM events ORDER BY id`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		values := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range values {
			ptrs[i] = &values[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(h, values...)
		}
		rows.Close()
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestRefusesABookThatIsNotEmpty(t *testing.T) {
	path, _ := sharedBook(t)
	store := openBook(t, path)
	_, err := Write(context.Background(), store, Options{Invoices: 10, Today: testToday})
	if !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second book: %v", err)
	}
}

func TestParamsAreWrittenAsTheStoreWritesThem(t *testing.T) {
	for _, kv := range [][]string{
		{"number", "FA-2026-00001", "amount", "1250,00", "date", "2026-01-02"},
		{"reason", "Litige réglé : avoir de 12,00 € accordé.", "to", "open", "from", "disputed"},
		{"note", `Dit "<non>" & raccroche` + "\n", "a", ""},
		{},
	} {
		m := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		want, _ := json.Marshal(m)
		if got := params(kv); got != string(want) {
			t.Errorf("params %v = %s, want %s", kv, got, want)
		}
	}
}
