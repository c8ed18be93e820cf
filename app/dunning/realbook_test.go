package dunning_test

import (
	"context"
	"database/sql"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"relance/app/dunning"
	"relance/app/genbook/genbooktest"
	"relance/data"
)

// observed is a list query the store ran, with its arguments.
type observed struct {
	query string
	args  []any
}

// openRealBook opens a copy of the generated realistic book of that many
// invoices, recording the list queries the store runs when record is set.
func openRealBook(tb testing.TB, invoices int, record *[]observed) (*data.Store, string) {
	tb.Helper()
	path := genbooktest.Cached(tb, invoices)
	opts := []data.Option{data.WithClock(data.ClockOn(genbooktest.Today))}
	if record != nil {
		opts = append(opts, data.WithQueryObserver(func(q string, args []any) {
			*record = append(*record, observed{q, append([]any(nil), args...)})
		}))
	}
	store, err := data.Open(path, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	return store, path
}

// smallTables are the tables (and the aliases our queries give them)
// that stay small whatever the book's history: the rules, the settings,
// the imports, the ids passed as JSON. A hot query may read them whole.
// Any other table is read through an index (SEARCH), never whole (SCAN) —
// but for a scan of a partial index, which holds only the few rows a hot
// path wants (the unpaid invoices, the archived clients, the open tasks).
var (
	smallTables    = regexp.MustCompile(`^SCAN (steps|st|scenarios|categories|company|ecb_rates|legal_rates|settings|app_state|imports|im|json_each|CONSTANT ROW)\b`)
	partialIndexes = regexp.MustCompile(`USING (COVERING )?INDEX (invoices_open|invoices_open_plan|clients_archived|clients_paused|tasks_open)$`)
)

// readsWhole reports whether a step of a query plan reads a large table
// whole.
func readsWhole(step string) bool {
	return strings.HasPrefix(step, "SCAN ") && !smallTables.MatchString(step) && !partialIndexes.MatchString(step)
}

// TestHotQueriesUseIndexes runs what Today, the invoices' next steps and
// the calendar's month read on a realistic book, and checks the query
// plan of every query: none reads a table of the book's history whole.
func TestHotQueriesUseIndexes(t *testing.T) {
	var queries []observed
	store, path := openRealBook(t, 5_000, &queries)
	ctx := context.Background()
	svc := dunning.NewService(store, data.ClockOn(genbooktest.Today))
	if _, err := svc.PlanDay(ctx, genbooktest.Today.AddDays(-1)); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.NextSteps(ctx); err != nil {
		t.Fatal(err)
	}
	first := genbooktest.Today.AddDays(1 - genbooktest.Today.Day())
	if _, err := svc.Feed(ctx, first, first.AddDays(41)); err != nil {
		t.Fatal(err)
	}
	if _, err := store.ListInvoiceLinesOf(ctx, data.UnpaidInvoiceLines); err != nil {
		t.Fatal(err)
	}
	// The invoice list opened on its overdue filter.
	if _, err := store.ListUnpaidInvoiceLines(ctx, data.OverdueLines, genbooktest.Today, 7); err != nil {
		t.Fatal(err)
	}
	if _, err := store.CountUnpaidInvoices(ctx, genbooktest.Today, 7); err != nil {
		t.Fatal(err)
	}
	// The refresh after a payment and a client's change.
	plan, err := svc.PlanDay(ctx, genbooktest.Today.AddDays(-1))
	if err != nil || len(plan.Groups) == 0 {
		t.Fatalf("%v, %d groups", err, len(plan.Groups))
	}
	lead := plan.Groups[0].Lead
	if err := store.CreatePayment(ctx, &data.Payment{InvoiceID: lead.InvoiceID, Date: genbooktest.Today, Amount: 1,
		Method: "transfer"}); err != nil {
		t.Fatal(err)
	}
	client, err := store.GetClient(ctx, lead.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	client.Notes += "."
	if err := store.UpdateClient(ctx, &client); err != nil {
		t.Fatal(err)
	}
	before := len(queries)
	if _, err := svc.PlanDay(ctx, genbooktest.Today.AddDays(-1)); err != nil {
		t.Fatal(err)
	}
	if len(queries)-before < 5 {
		t.Fatalf("the refresh ran %d queries", len(queries)-before)
	}
	if len(queries) < 10 {
		t.Fatalf("only %d queries observed", len(queries))
	}
	db := openRaw(t, path)
	for _, q := range queries {
		for _, step := range explain(t, db, q) {
			if readsWhole(step) {
				t.Errorf("%s\nreads a whole table: %s", strings.Join(strings.Fields(q.query), " "), step)
			}
		}
	}
}

// explain is the query plan of a query, one line per step.
func explain(tb testing.TB, db *sql.DB, q observed) []string {
	tb.Helper()
	rows, err := db.Query("EXPLAIN QUERY PLAN "+q.query, q.args...)
	if err != nil {
		tb.Fatalf("explain %s: %v", q.query, err)
	}
	defer rows.Close()
	var steps []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			tb.Fatal(err)
		}
		steps = append(steps, detail)
	}
	return steps
}

func openRaw(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=query_only(1)")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkTodayPlan100k is the Today list made from scratch on the
// realistic book of 100,000 invoices, as at the start of the app (a new
// service, which reads the book whole), then the plan.
func BenchmarkTodayPlan100k(b *testing.B) { benchmarkToday(b, 100_000) }

// BenchmarkTodayPlan1M is the same on the book of 1,000,000 invoices;
// generating it takes minutes, so it runs when RELANCE_BENCH_1M is set
// (make bench sets it).
func BenchmarkTodayPlan1M(b *testing.B) {
	if os.Getenv("RELANCE_BENCH_1M") == "" {
		b.Skip("set RELANCE_BENCH_1M=1 to generate and use the 1,000,000-invoice book")
	}
	benchmarkToday(b, 1_000_000)
}

func benchmarkToday(b *testing.B, invoices int) {
	store, _ := openRealBook(b, invoices, nil)
	ctx := context.Background()
	for b.Loop() {
		svc := dunning.NewService(store, data.ClockOn(genbooktest.Today))
		plan, err := svc.PlanDay(ctx, genbooktest.Today.AddDays(-1))
		if err != nil || len(plan.Groups) == 0 {
			b.Fatalf("%v, %d groups", err, len(plan.Groups))
		}
	}
}

// BenchmarkTodayRaw100k runs the very queries the Today list makes, read
// with no conversion to domain values (each column scanned as raw bytes):
// the floor the Today list is compared with.
func BenchmarkTodayRaw100k(b *testing.B) {
	var queries []observed
	store, path := openRealBook(b, 100_000, &queries)
	svc := dunning.NewService(store, data.ClockOn(genbooktest.Today))
	if _, err := svc.PlanDay(context.Background(), genbooktest.Today.AddDays(-1)); err != nil {
		b.Fatal(err)
	}
	db := openRaw(b, path)
	b.ResetTimer()
	loopRaw(b, db, queries)
}

// loopRaw is a raw benchmark's loop: the queries, each row read raw.
func loopRaw(b *testing.B, db *sql.DB, queries []observed) {
	for b.Loop() {
		n := 0
		for _, q := range queries {
			n += readRaw(b, db, q)
		}
		if n == 0 {
			b.Fatal("no row")
		}
	}
}

// readRaw runs a query and scans every column of every row as raw bytes.
func readRaw(b *testing.B, db *sql.DB, q observed) int {
	rows, err := db.Query(q.query, q.args...)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	dest := make([]any, len(cols))
	for i := range dest {
		dest[i] = new(sql.RawBytes)
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			b.Fatal(err)
		}
		n++
	}
	return n
}

// BenchmarkOverdueRaw100k reads the columns the invoice list shows of the
// overdue invoices only, raw: the floor app/ui/invoices'
// BenchmarkOverdueList100k is compared with.
func BenchmarkOverdueRaw100k(b *testing.B) {
	db := openRaw(b, genbooktest.Cached(b, 100_000))
	q := observed{query: `SELECT i.id, i.number, i.client_id, c.name, c.reminders_paused, i.due_date, i.amount_cents,
		i.paid_cents, i.credited_cents, i.credit_closed, i.state, i.paused, i.paused_until
		FROM invoices i JOIN clients c ON c.id = i.client_id
		WHERE i.paid_cents < i.amount_cents AND i.due_date < ? AND i.state <> 'written_off'`, args: []any{genbooktest.Today}}
	for b.Loop() {
		if readRaw(b, db, q) == 0 {
			b.Fatal("no overdue invoice")
		}
	}
}

// BenchmarkMakePlan100k is the planner alone on the Today book of the
// realistic 100k book, read once: what a refresh costs beyond its reads.
func BenchmarkMakePlan100k(b *testing.B) {
	store, _ := openRealBook(b, 100_000, nil)
	book, err := store.LoadDunningBook(context.Background(), data.BookQuery{Horizon: genbooktest.Today.AddDays(30),
		PaidSince: genbooktest.Today.AddDays(-7), MessagesSince: genbooktest.Today.AddDays(-60)})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		dunning.MakePlan(dunning.Input{Book: book, Today: genbooktest.Today, LastRun: genbooktest.Today.AddDays(-1)})
	}
}

// BenchmarkTodayRefresh100k is the Today list as the app shows it after a
// write, on the realistic 100k book: a payment is recorded (not timed),
// then Today is planned again from the book the service keeps, which reads
// what changed since.
func BenchmarkTodayRefresh100k(b *testing.B) { benchmarkRefresh(b, 100_000) }

// BenchmarkTodayRefresh1M is the same on the 1,000,000-invoice book
// (with RELANCE_BENCH_1M, as BenchmarkTodayPlan1M).
func BenchmarkTodayRefresh1M(b *testing.B) {
	if os.Getenv("RELANCE_BENCH_1M") == "" {
		b.Skip("set RELANCE_BENCH_1M=1 to generate and use the 1,000,000-invoice book")
	}
	benchmarkRefresh(b, 1_000_000)
}

func benchmarkRefresh(b *testing.B, invoices int) {
	store, _ := openRealBook(b, invoices, nil)
	svc := dunning.NewService(store, data.ClockOn(genbooktest.Today))
	ctx := context.Background()
	pay := payer(b, store, svc)
	for b.Loop() {
		b.StopTimer()
		pay()
		b.StartTimer()
		plan, err := svc.PlanDay(ctx, genbooktest.Today.AddDays(-1))
		if err != nil || len(plan.Groups) == 0 {
			b.Fatalf("%v, %d groups", err, len(plan.Groups))
		}
	}
}

// BenchmarkTodayRefreshRaw100k runs the queries one refresh after a
// payment makes (BenchmarkTodayRefresh100k), read raw.
func BenchmarkTodayRefreshRaw100k(b *testing.B) {
	var queries []observed
	store, path := openRealBook(b, 100_000, &queries)
	svc := dunning.NewService(store, data.ClockOn(genbooktest.Today))
	pay := payer(b, store, svc)
	pay()
	queries = queries[:0]
	if _, err := svc.PlanDay(context.Background(), genbooktest.Today.AddDays(-1)); err != nil {
		b.Fatal(err)
	}
	refresh := slices.Clone(queries)
	db := openRaw(b, path)
	b.ResetTimer()
	loopRaw(b, db, refresh)
}

// payer plans Today once (the book is read whole) and returns a function
// that records a one-cent payment on the next of Today's invoices.
func payer(b *testing.B, store *data.Store, svc *dunning.Service) func() {
	plan, err := svc.PlanDay(context.Background(), genbooktest.Today.AddDays(-1))
	if err != nil {
		b.Fatal(err)
	}
	var ids []int64
	for _, g := range plan.Groups {
		for _, d := range g.Items {
			if d.Outstanding > 1 {
				ids = append(ids, d.InvoiceID)
			}
		}
	}
	if len(ids) == 0 {
		b.Fatal("nothing due")
	}
	i := 0
	return func() {
		i++
		err := store.CreatePayment(context.Background(), &data.Payment{InvoiceID: ids[i%len(ids)], Date: genbooktest.Today,
			Amount: 1, Method: "transfer"})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCalendarMonth100k is the calendar's month on the realistic 100k
// book, as the screen reloads it once the session's book is kept: the
// invoices falling due in the six weeks shown, and what the open invoices
// put on those days (next steps, promises, instalments, deadlines).
func BenchmarkCalendarMonth100k(b *testing.B) {
	store, _ := openRealBook(b, 100_000, nil)
	svc := dunning.NewService(store, data.ClockOn(genbooktest.Today))
	first := genbooktest.Today.AddDays(1 - genbooktest.Today.Day())
	ctx := context.Background()
	if _, err := svc.Feed(ctx, first, first.AddDays(41)); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		items, err := svc.Feed(ctx, first, first.AddDays(41))
		if err != nil || len(items) == 0 {
			b.Fatalf("%v, %d items", err, len(items))
		}
	}
}

// BenchmarkCalendarMonthRaw100k runs the queries a kept book's calendar
// month makes (BenchmarkCalendarMonth100k), read raw.
func BenchmarkCalendarMonthRaw100k(b *testing.B) {
	var queries []observed
	store, path := openRealBook(b, 100_000, &queries)
	svc := dunning.NewService(store, data.ClockOn(genbooktest.Today))
	first := genbooktest.Today.AddDays(1 - genbooktest.Today.Day())
	ctx := context.Background()
	if _, err := svc.Feed(ctx, first, first.AddDays(41)); err != nil {
		b.Fatal(err)
	}
	queries = queries[:0]
	if _, err := svc.Feed(ctx, first, first.AddDays(41)); err != nil {
		b.Fatal(err)
	}
	month := slices.Clone(queries)
	db := openRaw(b, path)
	b.ResetTimer()
	loopRaw(b, db, month)
}

// BenchmarkClientListRaw100k runs the client list's query
// (data.Store.ListClientSummaries) on the realistic 100k book, read raw:
// the floor app/ui/clients' BenchmarkClientList100k is compared with.
func BenchmarkClientListRaw100k(b *testing.B) {
	var queries []observed
	store, path := openRealBook(b, 100_000, &queries)
	if _, err := store.ListClientSummaries(context.Background(), genbooktest.Today); err != nil {
		b.Fatal(err)
	}
	list := slices.Clone(queries)
	db := openRaw(b, path)
	b.ResetTimer()
	loopRaw(b, db, list)
}

// BenchmarkTodayRowsRaw100k reads raw, by their ids, the rows the Today
// list shows on the realistic 100k book (each due invoice with its
// client): the floor of any screen that shows those rows, which the Today
// list after a write is compared with.
func BenchmarkTodayRowsRaw100k(b *testing.B) {
	store, path := openRealBook(b, 100_000, nil)
	plan, err := dunning.NewService(store, data.ClockOn(genbooktest.Today)).PlanDay(context.Background(),
		genbooktest.Today.AddDays(-1))
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	for _, g := range plan.Groups {
		for _, d := range g.Items {
			ids = append(ids, strconv.FormatInt(d.InvoiceID, 10))
		}
	}
	if len(ids) == 0 {
		b.Fatal("nothing due")
	}
	q := observed{query: `SELECT i.id, i.number, i.issue_date, i.due_date, i.amount_cents, i.paid_cents, i.credited_cents,
		i.state, c.id, c.name, c.email, c.phone, c.category
		FROM invoices i JOIN clients c ON c.id = i.client_id
		WHERE i.id IN (SELECT value FROM json_each(?))`, args: []any{"[" + strings.Join(ids, ",") + "]"}}
	db := openRaw(b, path)
	b.ResetTimer()
	for b.Loop() {
		if readRaw(b, db, q) != len(ids) {
			b.Fatal("rows missing")
		}
	}
	b.ReportMetric(float64(len(ids)), "rows")
}
