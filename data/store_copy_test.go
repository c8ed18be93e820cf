package data

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// tickingClock moves on at every reading, by a step with microseconds, so
// that a book's instants all differ and carry fractions of a second (a
// server keeps microseconds).
type tickingClock struct {
	mu sync.Mutex
	at time.Time
}

func (c *tickingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = c.at.Add(1234567 * time.Microsecond)
	return c.at
}

func (c *tickingClock) Today() Date { return testDay }

// fillCopyBook writes, through the store's own methods, a book with
// something in most tables: clients (one archived, graded), invoices paid
// in part, in full, credited, paused; actions, acknowledgments, tasks,
// promises, payment plans; emails queued and cancelled; a bank statement
// whose credit paid an invoice and taught a payer; an import and what it
// added; a document; the
// company's logo; the mail account; an edited template; a rate added;
// the app's state; archived files, one empty.
func fillCopyBook(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	s = s.Using(&tickingClock{at: testDay.Time().Add(8 * time.Hour)})
	f := makeBookFixture(t, s)
	m, err := queueReminder(t, s, f.b2, "b2@relance")
	mustDo(t, err)
	c1, err := queueReminder(t, s, makeInvoiceDue(t, s, f.a.ID, "FA-A4", 12345, "2026-03-01"), "a4@relance")
	mustDo(t, err)
	mustDo(t, s.CancelOutboxMessage(ctx, c1.ID, "paid meanwhile"))
	_, err = s.ClaimOutboxMessage(ctx, m.ID, "run-1")
	mustDo(t, err)
	_, lines, _ := bankImport(t, s, credit("camt:A:1", 30000, "SARL ATELIER"), credit("camt:A:2", 999, "Inconnu"))
	mustDo(t, s.PayFromBankLine(ctx, lines[0].ID, []BankPayment{{InvoiceID: f.b2.ID, Amount: 29900, Fees: 100}}))
	im := Import{Kind: "csv", Files: []string{"factures.csv"}}
	mustDo(t, s.InTx(ctx, func(tx *Store) error { // its items out of the order of their ids: read in rowid order
		mustDo(t, tx.CreateImport(ctx, &im))
		c := makeClient(t, tx, "importe")
		inv := makeInvoice(t, tx, c.ID, "FA-I1", 4200)
		for _, it := range []ImportItem{{Entity: ImportFile, Path: "invoices/dropped.pdf"}, {Entity: ImportInvoice, ID: inv.ID},
			{Entity: ImportClient, ID: c.ID}, {Entity: ImportFile, Path: "invoices/FA-I1.pdf"}} {
			mustDo(t, tx.AddImportItem(ctx, im.ID, it))
		}
		return tx.FinishImport(ctx, &im)
	}))
	// A rowid no row holds any more, before the others: a copy that
	// numbered the rows again would be seen.
	_, err = s.write.ExecContext(ctx, `DELETE FROM import_items WHERE path = 'invoices/dropped.pdf'`)
	mustDo(t, err)
	mustDo(t, s.CreateCreditNote(ctx, &CreditNote{InvoiceID: f.b2.ID, Date: testDay, Amount: 5000, Reason: "remise"}))
	mustDo(t, s.CreateAttachment(ctx, &Attachment{ClientID: f.b.ID, InvoiceID: f.b2.ID, Kind: "contract",
		Title: "Devis signé", Path: "attachments/devis.pdf", DocDate: MustDate("2026-01-10")}))
	_, err = s.SaveGrades(ctx, testDay, []ClientGrade{{ClientID: f.a.ID, Grade: "C", GradedOn: testDay,
		Pending: "risky", PendingSince: testDay}, {ClientID: f.b.ID, Grade: "A", GradedOn: testDay}}, nil)
	mustDo(t, err)
	mustDo(t, s.ArchiveClient(ctx, f.c.ID, "ferme"))
	company, err := s.GetCompany(ctx)
	mustDo(t, err)
	company.LegalName, company.Logo = "Atelier Copie", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR binary \x00\xff")
	mustDo(t, s.UpdateCompany(ctx, &company))
	mustDo(t, s.MarkOnboarded(ctx))
	mustDo(t, s.UpdateMailAccount(ctx, &MailAccount{FromName: "Atelier", FromAddress: "moi@atelier.fr", Host: "smtp.atelier.fr",
		Port: 587, Security: "starttls", Username: "moi"}))
	mustDo(t, s.PutTemplate(ctx, &TemplateText{Key: "reminder_1", Channel: "email", Lang: "fr", Subject: "Rappel", Body: "Bonjour,"}))
	mustDo(t, s.PutECBRate(ctx, ECBRate{EffectiveOn: MustDate("2026-02-04"), RateBP: 190}))
	mustDo(t, s.SetState(ctx, "copy.test", "kept"))
	mustDo(t, s.PutFile(ctx, "mail/2026/b2@relance.eml", []byte("From: moi\r\n\r\n\x00\xffbinary")))
	mustDo(t, s.PutFile(ctx, "attachments/empty.pdf", nil))
}

// filledTables are the tables fillCopyBook must write rows in for the
// copy's tests to mean something: a change of the store that leaves one
// empty fails them here rather than let them pass on less.
var filledTables = []string{"actions", "attachments", "bank_lines", "book_changes", "client_grades",
	"client_invoice_counts", "clients", "credit_notes", "events", "files", "import_items", "imports",
	"instalments", "invoices", "mail_account", "outbox", "outbox_items", "payers", "payment_plans",
	"payments", "promises", "tasks", "templates"}

// checkFilled fails the test when a table of filledTables is empty.
func checkFilled(t *testing.T, dump map[string][]string) {
	t.Helper()
	for _, table := range filledTables {
		if len(dump[table]) == 0 {
			t.Errorf("the book to copy has no row in %s", table)
		}
	}
}

// bookTables lists a book's tables but the migrations' own, sorted.
func bookTables(t *testing.T, s *Store) []string {
	t.Helper()
	query := `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'schema_migrations'`
	if s.server {
		query = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
			AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'`
	}
	return names(t, s.read, query)
}

// dumpBook is every table of a book, each as its rows normalised
// (dumpValue) and sorted: what two copies of a book hold alike, whichever
// database keeps them.
func dumpBook(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, table := range bookTables(t, s) {
		out[table] = readRows(t, s, `SELECT * FROM `+quoteIdent(table))
		slices.Sort(out[table])
	}
	return out
}

// readRows runs query and gives each row as its columns' names and
// normalised values (dumpValue), in the order of the names; a column
// named rowid is left out (a server's twin of SQLite's implicit one).
func readRows(t *testing.T, s *Store, query string) []string {
	t.Helper()
	rows, err := s.read.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		t.Fatal(err)
	}
	values := make([]any, len(types))
	dest := make([]any, len(types))
	for i := range values {
		dest[i] = &values[i]
	}
	out := []string{} // an empty table is a table
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		var fields []string
		for i, ct := range types {
			if ct.Name() != rowidColumn {
				fields = append(fields, ct.Name()+"="+dumpValue(values[i], ct.DatabaseTypeName()))
			}
		}
		slices.Sort(fields)
		out = append(out, strings.Join(fields, " "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// dumpValue is a value as both databases' copies of it read: flags as
// 0/1, days YYYY-MM-DD, instants in UTC to the microsecond, bytes in hex.
func dumpValue(v any, dbType string) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		if x {
			return "1"
		}
		return "0"
	case []byte:
		return "x'" + hex.EncodeToString(x) + "'"
	case time.Time:
		if dbType == "DATE" {
			return x.Format(time.DateOnly)
		}
		return x.UTC().Round(time.Microsecond).Format(time.RFC3339Nano)
	case string:
		if at, err := parseTimeText(x); err == nil && x != "" {
			return at.UTC().Round(time.Microsecond).Format(time.RFC3339Nano)
		}
		if at, err := time.Parse(time.DateTime, x); err == nil {
			return at.Format(time.RFC3339Nano)
		}
		if _, err := time.Parse(time.DateOnly, x); err == nil {
			return x
		}
		return strconv.Quote(x)
	}
	return fmt.Sprintf("%T %v", v, v)
}

// sameDump fails the test where two dumps differ, table by table.
func sameDump(t *testing.T, what string, want, got map[string][]string) {
	t.Helper()
	if w, g := slices.Sorted(maps.Keys(want)), slices.Sorted(maps.Keys(got)); !slices.Equal(w, g) {
		t.Fatalf("%s: tables %v, want %v", what, g, w)
	}
	for table, rows := range want {
		if !slices.Equal(rows, got[table]) {
			t.Errorf("%s: %s differs:\n got %q\nwant %q", what, table, got[table], rows)
		}
	}
}

// rowids is, for tables SQLite keeps in rowid order and a server with a
// column of that name (outbox_items, import_items), each row with its
// rowid, in rowid order: the order the store reads them in.
func rowids(t *testing.T, s *Store, tables []string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, table := range tables {
		out[table] = readRows(t, s, `SELECT rowid AS row_number, * FROM `+quoteIdent(table)+` ORDER BY rowid`)
	}
	return out
}

// serverRowidTables are the tables whose PostgreSQL twin has a rowid
// column: the copy must carry it both ways.
func serverRowidTables(t *testing.T, pg *Store) []string {
	t.Helper()
	return names(t, pg.read, `SELECT table_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_name = 'rowid'`)
}

// moneyReads is what the lists read of a book's money: the invoices with
// their payments and credits, the open balances, the clients' figures.
func moneyReads(t *testing.T, s *Store) string {
	t.Helper()
	ctx := context.Background()
	lines, err := s.ListInvoiceLines(ctx)
	mustDo(t, err)
	balances, err := s.ListOpenBalances(ctx)
	mustDo(t, err)
	clients, err := s.ListClientSummaries(ctx, testDay)
	mustDo(t, err)
	slices.SortFunc(clients, func(a, b ClientSummary) int { return int(a.ID - b.ID) })
	return fmt.Sprintf("%+v\n%+v\n%+v", lines, balances, clients)
}

// bookReads is what the planner, the dashboard, the outbox and the
// settings read of a book, with their instants.
type bookReads struct {
	Book    *DunningBook
	Dash    DashboardBook
	Outbox  []OutboxMessage
	Company Company
	Money   string
}

func readBook(t *testing.T, s *Store) bookReads {
	t.Helper()
	ctx := context.Background()
	var r bookReads
	var err error
	r.Book, err = s.LoadDunningBook(ctx, BookQuery{})
	mustDo(t, err)
	r.Dash, err = s.LoadDashboardBook(ctx, testDay.AddMonths(-3))
	mustDo(t, err)
	r.Outbox, err = s.ListOutbox(ctx, OutboxQueued, OutboxSending, OutboxSent, OutboxFailed, OutboxCancelled)
	mustDo(t, err)
	if len(r.Outbox) < 2 {
		t.Fatalf("the outbox holds %d emails", len(r.Outbox))
	}
	r.Company, err = s.GetCompany(ctx)
	mustDo(t, err)
	r.Money = moneyReads(t, s)
	return r
}

// sameReads fails the test where two book files read differently.
func sameReads(t *testing.T, what string, want, got bookReads) {
	t.Helper()
	if !reflect.DeepEqual(want, got) {
		t.Errorf("%s reads\n%+v\nthe book\n%+v", what, got, want)
	}
}

// writesAfterCopy checks that a copied book takes new rows under new ids,
// past the copied ones, and that its change log goes on past the source's.
func writesAfterCopy(t *testing.T, s *Store, what string) {
	t.Helper()
	ctx := context.Background()
	var maxClient, maxInvoice, maxPayment, maxEvent int64
	mustDo(t, s.read.QueryRow(`SELECT (SELECT MAX(id) FROM clients), (SELECT MAX(id) FROM invoices),
		(SELECT MAX(id) FROM payments), (SELECT MAX(id) FROM events)`).Scan(&maxClient, &maxInvoice, &maxPayment, &maxEvent))
	seq, err := s.lastBookChange(ctx)
	mustDo(t, err)
	c := makeClient(t, s, "nouveau")
	inv := makeInvoice(t, s, c.ID, "FA-NEW", 12300)
	p := Payment{InvoiceID: inv.ID, Date: testDay, Amount: 100}
	mustDo(t, s.CreatePayment(ctx, &p))
	e := Event{ClientID: c.ID, Kind: EventNote, Params: map[string]string{"text": "après la copie"}}
	mustDo(t, s.CreateEvent(ctx, &e))
	if c.ID <= maxClient || inv.ID <= maxInvoice || p.ID <= maxPayment || e.ID <= maxEvent {
		t.Errorf("%s: new ids client %d, invoice %d, payment %d, event %d; the copy's largest %d, %d, %d, %d",
			what, c.ID, inv.ID, p.ID, e.ID, maxClient, maxInvoice, maxPayment, maxEvent)
	}
	if after, err := s.lastBookChange(ctx); err != nil || after <= seq {
		t.Errorf("%s: the change log is at %d after writes, %d before (%v)", what, after, seq, err)
	}
}

// copyChecked copies from into to and checks the report and the progress
// told: every table once at least, Done growing to Total, the whole book.
func copyChecked(t *testing.T, from, to *Store) CopyReport {
	t.Helper()
	var told []CopyProgress
	report, err := CopyBook(context.Background(), from, to, func(p CopyProgress) { told = append(told, p) })
	if err != nil {
		t.Fatal(err)
	}
	tables := map[string]bool{}
	for i, p := range told {
		tables[p.Table] = true
		if p.Total != report.Rows() || (i > 0 && p.Done < told[i-1].Done) {
			t.Fatalf("progress %+v after %+v, %d rows in all", p, told[max(0, i-1)], report.Rows())
		}
	}
	if last := told[len(told)-1]; last.Done != last.Total || len(tables) != len(report.Tables) {
		t.Errorf("progress ended at %+v over %d tables, the report has %d", last, len(tables), len(report.Tables))
	}
	return report
}

// TestCopyBookFileToFile: a book copied into a new file holds the same
// rows (rowids and the change log's sequence included), reads the same,
// and takes new rows under new ids; the report counts and sums what the
// book holds.
func TestCopyBookFileToFile(t *testing.T) {
	from, to := newFileTestStore(t), newFileTestStore(t)
	fillCopyBook(t, from)
	report := copyChecked(t, from, to)
	want := dumpBook(t, from)
	checkFilled(t, want)
	sameDump(t, "file to file", want, dumpBook(t, to))
	withRowid := []string{"outbox_items", "import_items", "categories", "files"}
	if w, g := rowids(t, from, withRowid), rowids(t, to, withRowid); !maps.EqualFunc(w, g, slices.Equal) {
		t.Errorf("rowids %v, want %v", g, w)
	}
	sameReads(t, "the copy", readBook(t, from), readBook(t, to))
	var rows int
	var amount, paid, credited Money
	mustDo(t, from.read.QueryRow(`SELECT COUNT(*), SUM(amount_cents), SUM(paid_cents), SUM(credited_cents) FROM invoices`).
		Scan(&rows, &amount, &paid, &credited))
	invoices, ok := report.Table("invoices")
	if !ok || invoices.Rows != rows || rows < 7 {
		t.Fatalf("report of invoices: %+v, the book has %d", invoices, rows)
	}
	sums := map[string]Money{}
	for _, m := range invoices.Money {
		sums[m.Column] = m.Sum
	}
	if sums["amount_cents"] != amount || sums["paid_cents"] != paid || sums["credited_cents"] != credited || credited == 0 {
		t.Errorf("invoices' sums %+v, the book's %v, %v, %v", invoices.Money, amount, paid, credited)
	}
	if tables := bookTables(t, from); len(report.Tables) != len(tables) {
		t.Errorf("report of %d tables, the book has %d", len(report.Tables), len(tables))
	}
	writesAfterCopy(t, to, "file to file")
}

// TestCopyBookToServerAndBack: a book file copied to a server, then the
// server's back into a new file and into another server: at each step every table holds the same
// rows, values normalised (days, instants, flags, bytes in each
// database's type), the rows the store orders by rowid in the same order,
// the change log's sequence where it was; the server and the new file
// read the same invoices and balances (the file the same as the first,
// planner and dashboard included), and both take new rows under new ids.
func TestCopyBookToServerAndBack(t *testing.T) {
	server := newServerTestStore(t)
	from, back := newFileTestStore(t), newFileTestStore(t)
	fillCopyBook(t, from)
	copyChecked(t, from, server)
	want := dumpBook(t, from)
	checkFilled(t, want)
	sameDump(t, "to the server", want, dumpBook(t, server))
	copyChecked(t, server, back)
	sameDump(t, "back to a file", want, dumpBook(t, back))
	other := newServerTestStore(t)
	copyChecked(t, server, other)
	sameDump(t, "server to server", want, dumpBook(t, other))

	withRowid := serverRowidTables(t, server)
	if len(withRowid) < 2 {
		t.Fatalf("tables with a rowid on the server: %v", withRowid)
	}
	wantRowids := rowids(t, from, withRowid)
	for what, s := range map[string]*Store{"server": server, "back": back, "other": other} {
		if got := rowids(t, s, withRowid); !maps.EqualFunc(wantRowids, got, slices.Equal) {
			t.Errorf("%s: rowids %v, want %v", what, got, wantRowids)
		}
	}
	ctx := context.Background()
	seq, err := from.lastBookChange(ctx)
	mustDo(t, err)
	for what, s := range map[string]*Store{"server": server, "back": back, "other": other} {
		if got, err := s.lastBookChange(ctx); err != nil || got != seq {
			t.Errorf("%s: the change log at %d (%v), the book at %d", what, got, err, seq)
		}
	}
	if w, g := moneyReads(t, from), moneyReads(t, server); w != g {
		t.Errorf("the server reads\n%s\nthe book\n%s", g, w)
	}
	sameReads(t, "the file back", readBook(t, from), readBook(t, back))
	writesAfterCopy(t, server, "server")
	writesAfterCopy(t, back, "back")
	writesAfterCopy(t, other, "server to server")
}

// copyDestinations are the kinds of book a copy goes into: a file, and a
// server's when RELANCE_TEST_PG names one.
var copyDestinations = map[string]func(t *testing.T) *Store{"file": newFileTestStore, "server": newServerTestStore}

// triggerCount counts a book's triggers at work.
func triggerCount(t *testing.T, s *Store) int {
	t.Helper()
	query := `SELECT COUNT(*) FROM sqlite_schema WHERE type = 'trigger'`
	if s.server {
		query = `SELECT COUNT(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'`
	}
	var n int
	mustDo(t, s.read.QueryRow(query).Scan(&n))
	return n
}

// TestCopyBookRefusesANonEmptyBook: a book holding a client, or a rate
// more than a new book, is no destination; the refusal names the table
// and leaves the book as it was.
func TestCopyBookRefusesANonEmptyBook(t *testing.T) {
	from := newFileTestStore(t)
	fillCopyBook(t, from)
	for kind, open := range copyDestinations {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			for table, write := range map[string]func(s *Store){
				"clients":   func(s *Store) { makeClient(t, s, "dejala") },
				"ecb_rates": func(s *Store) { mustDo(t, s.PutECBRate(ctx, ECBRate{EffectiveOn: testDay, RateBP: 100})) },
			} {
				to := open(t)
				write(to)
				before := dumpBook(t, to)
				_, err := CopyBook(ctx, from, to, nil)
				if !errors.Is(err, ErrNotEmptyBook) || !strings.Contains(err.Error(), table) {
					t.Fatalf("a book with a row in %s: %v, want ErrNotEmptyBook naming it", table, err)
				}
				sameDump(t, "refused", before, dumpBook(t, to))
			}
		})
	}
}

// TestCopyBookFailureLeavesTheDestinationEmpty: a copy cancelled after its
// first table, or whose check finds a table short of a row, leaves the
// destination as new (its triggers at work), and a copy after goes
// through.
func TestCopyBookFailureLeavesTheDestinationEmpty(t *testing.T) {
	from := newFileTestStore(t)
	fillCopyBook(t, from)
	for kind, open := range copyDestinations {
		t.Run(kind, func(t *testing.T) {
			to := open(t)
			before, triggers := dumpBook(t, to), triggerCount(t, to)

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			first := ""
			_, err := CopyBook(ctx, from, to, func(p CopyProgress) {
				if first == "" {
					first = p.Table
				} else if p.Table != first {
					cancel()
				}
			})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("a copy cancelled after %s: %v", first, err)
			}
			sameDump(t, "cancelled", before, dumpBook(t, to))

			var payments int
			mustDo(t, from.read.QueryRow(`SELECT COUNT(*) FROM payments`).Scan(&payments))
			_, err = copyBook(context.Background(), from, to, nil, func(ctx context.Context, tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, `DELETE FROM payments WHERE id = (SELECT MIN(id) FROM payments)`)
				return err
			})
			short := fmt.Sprintf("payments has %d rows, the source %d", payments-1, payments)
			if err == nil || !strings.Contains(err.Error(), short) {
				t.Fatalf("a copy short of a payment: %v", err)
			}
			sameDump(t, "short", before, dumpBook(t, to))
			if got := triggerCount(t, to); got != triggers {
				t.Errorf("%d triggers after the failed copies, %d before", got, triggers)
			}

			copyChecked(t, from, to)
			sameDump(t, "after the failures", dumpBook(t, from), dumpBook(t, to))
		})
	}
}

// TestCopyBookRefusesAnotherSchema: books at two schema versions are not
// copied into one another.
func TestCopyBookRefusesAnotherSchema(t *testing.T) {
	from, to := newFileTestStore(t), newFileTestStore(t)
	if _, err := to.write.Exec(`INSERT INTO schema_migrations (version, name) VALUES (999, '0999_future.sql')`); err != nil {
		t.Fatal(err)
	}
	if _, err := CopyBook(context.Background(), from, to, nil); !errors.Is(err, ErrSchemaDiffers) {
		t.Fatalf("copy into a newer book: %v, want ErrSchemaDiffers", err)
	}
	if _, err := CopyBook(context.Background(), from, from, nil); err == nil {
		t.Fatal("a book copied into itself")
	}
}

// TestCopyBookToServerAsItsOwner: the role that owns the server's book,
// no superuser, copies a book into it (its triggers switched off and on,
// its sequences set, its tables analysed) and the book works after.
func TestCopyBookToServerAsItsOwner(t *testing.T) {
	server := os.Getenv("RELANCE_TEST_PG")
	if server == "" {
		t.Skip("RELANCE_TEST_PG is not set: make test-pg runs this test beside a throwaway PostgreSQL")
	}
	admin, err := sql.Open("pgx", server)
	mustDo(t, err)
	t.Cleanup(func() { admin.Close() })
	name := fmt.Sprintf("relance_owner_%d", time.Now().UnixNano())
	for _, q := range []string{`CREATE ROLE ` + name + ` LOGIN PASSWORD 'proprietaire' NOSUPERUSER NOCREATEDB NOCREATEROLE`,
		`CREATE DATABASE ` + name + ` OWNER ` + name} {
		if _, err := admin.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	t.Cleanup(func() {
		for _, q := range []string{`DROP DATABASE ` + name + ` WITH (FORCE)`, `DROP ROLE ` + name} {
			if _, err := admin.Exec(q); err != nil {
				t.Errorf("%s: %v", q, err)
			}
		}
	})
	u, err := url.Parse(server)
	mustDo(t, err)
	u.User, u.Path = url.UserPassword(name, "proprietaire"), "/"+name
	to, err := OpenServer(context.Background(), u.String(), WithClock(ClockOn(testDay)))
	mustDo(t, err)
	defer to.Close()
	from := newFileTestStore(t)
	fillCopyBook(t, from)
	triggers := triggerCount(t, to)
	copyChecked(t, from, to)
	sameDump(t, "as the owner", dumpBook(t, from), dumpBook(t, to))
	if got := triggerCount(t, to); got != triggers {
		t.Errorf("%d triggers at work after the copy, %d before", got, triggers)
	}
	writesAfterCopy(t, to, "as the owner")
}
