package data

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// PlanInvoice is what the dunning planner needs of an invoice. Amount is
// net of the invoice's credit notes (what it asks for: the base of the
// balance and of the penalties) and Paid is its payments only, so that
// Amount - Paid is what is still owed.
type PlanInvoice struct {
	ID           int64
	ClientID     int64
	Number       string
	IssueDate    Date
	DeliveryDate Date
	DueDate      Date
	Amount       Money
	Paid         Money
	State        InvoiceState
	Paused       bool
	PausedUntil  Date
	// EnteredOn is the local day the invoice was typed or imported: steps
	// that fell due before it were not missed by Relance, they predate it.
	EnteredOn Date
	// Imported: an import (still standing) brought the invoice in. Its
	// steps start the next business day, after the owner saw the summary
	// and could undo it.
	Imported bool
}

// Invoice returns the fields as an Invoice, for DeriveStatus and friends.
func (p *PlanInvoice) Invoice() Invoice {
	return Invoice{ID: p.ID, ClientID: p.ClientID, Number: p.Number, IssueDate: p.IssueDate,
		DeliveryDate: p.DeliveryDate, DueDate: p.DueDate, Amount: p.Amount, State: p.State,
		Paused: p.Paused, PausedUntil: p.PausedUntil}
}

// DunningBook is one consistent read of everything the planner works on:
// the invoices still open (due within the horizon) or paid lately after a
// reminder, their
// clients, history, promises and plans, and the rules (scenarios, rates,
// settings).
type DunningBook struct {
	Company    Company
	Scenarios  []Scenario
	Categories []Category
	ECBRates   []ECBRate
	LegalRates []LegalRate

	Invoices []PlanInvoice
	Clients  map[int64]*Client
	// Actions by invoice, oldest first, with what the planner reads of
	// them (planActionColumns): ID, InvoiceID, StepID, InstalmentID,
	// Status and the days DoneOn, SentOn, ReceivedOn, PresentedOn.
	Actions map[int64][]Action
	// Payments by invoice, oldest first, with what the planner reads of
	// them: ID, InvoiceID, Date and Amount.
	Payments    map[int64][]Payment
	Promises    map[int64][]Promise    // by invoice, oldest first, every status
	Plans       map[int64]*PaymentPlan // active plan by invoice
	LastMessage map[int64]Date         // by client: the last day a message went out
	// Grades are the clients' kept payer grades (client_grades), by client:
	// "A" to "E", absent or "" while too early to say. They are read with
	// the clients; the day's grading writes no change log, so a book kept
	// open past it holds the grades it read until its clients are read
	// again (they order Today's actions only).
	Grades      map[int64]string
	Tasks       []Task           // open
	Acknowledge map[int64][]Date // by invoice: recorded acknowledgments of the debt
	PlanSigned  map[int64][]Date // by invoice: days payment plans came back signed

	// Query is what the book holds; Seq the last row of the change log
	// (book_changes) it reflects: RefreshDunningBook applies the rows after it.
	Query BookQuery
	Seq   int64
}

// BookQuery says which part of the book to read.
type BookQuery struct {
	// Horizon: only open invoices due on or before it (zero: every open invoice).
	Horizon Date
	// PaidSince: also the paid invoices with a payment on or after this day
	// and a step taken before (the planner's thank-yous).
	PaidSince Date
	// MessagesSince: how far back to look for the last message to each client.
	MessagesSince Date
}

// planInvoiceColumns are what the planner reads of an invoice
// (scanPlanInvoice): all in the covering index invoices_open_plan.
const planInvoiceColumns = `id, client_id, number, issue_date, delivery_date, due_date,
	amount_cents - credited_cents, paid_cents - credited_cents, state, paused, paused_until, created_at`

func scanPlanInvoice(rows *sql.Rows) (PlanInvoice, error) {
	var p PlanInvoice
	var amount, paid int64
	var created string
	err := rows.Scan(&p.ID, &p.ClientID, &p.Number, &p.IssueDate, &p.DeliveryDate, &p.DueDate,
		&amount, &paid, &p.State, &p.Paused, &p.PausedUntil, &created)
	if err != nil {
		return p, err
	}
	p.Amount, p.Paid = Money(amount), Money(paid)
	at, err := parseTimeText(created)
	p.EnteredOn = DateOf(at.In(time.Local))
	return p, err
}

// paidLately selects the invoices paid lately after a reminder, from the
// payments made since a day (the parameter): a thank-you needs a step taken
// before, so invoices never reminded are left out, and so are those a credit
// note cancelled. Driven from the payments' date index: scanning invoices
// for "paid_cents >= amount_cents" would read the whole table.
const paidLately = `SELECT ` + planInvoiceColumns + ` FROM invoices
	WHERE id IN (SELECT invoice_id FROM payments INDEXED BY payments_day WHERE paid_on >= ?) AND ` + paidLatelyInvoice

// paidLatelyInvoice is what makes a paid invoice a thank-you candidate,
// once it received a payment lately.
const paidLatelyInvoice = `paid_cents >= amount_cents AND credit_closed = 0 AND client_id NOT IN ` + archivedClients + `
	AND EXISTS (SELECT 1 FROM actions a WHERE a.invoice_id = invoices.id)`

// openInvoices selects the unpaid invoices, from the covering index
// invoices_open_plan.
const openInvoices = `SELECT ` + planInvoiceColumns + ` FROM invoices INDEXED BY invoices_open_plan
	WHERE paid_cents < amount_cents AND client_id NOT IN ` + archivedClients

// archivedClients is the subquery of the archived clients' ids (read
// through the partial index clients_archived).
const archivedClients = `(SELECT id FROM clients WHERE archived_at IS NOT NULL)`

// idSet is an IN-list subquery over the invoices' ids, passed as a single
// JSON array parameter (json_each: no limit on the number of ids, one
// prepared statement whatever their number).
func idSet(invoices []PlanInvoice) (string, []any, error) {
	ids := make([]int64, len(invoices))
	for i := range invoices {
		ids[i] = invoices[i].ID
	}
	return jsonIDs(ids)
}

// jsonIDs is the IN-list subquery over ids (see idSet).
func jsonIDs(ids []int64) (string, []any, error) {
	if ids == nil {
		ids = []int64{} // "[]", not "null"
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return "", nil, err
	}
	return `(SELECT value FROM json_each(?))`, []any{string(list)}, nil
}

// rowScanner is a row to read: *sql.Rows or *sql.Row.
type rowScanner = interface{ Scan(...any) error }

// listOf runs query and reads every row with scan; what names the list in
// errors ("list payments").
func listOf[T any](ctx context.Context, s *Store, what string, scan func(rowScanner) (T, error), query string,
	args ...any) ([]T, error) {
	var out []T
	err := s.each(ctx, query, args, func(rows *sql.Rows) error {
		v, err := scan(rows)
		out = append(out, v)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// each runs query and hands every row to scan.
func (s *Store) each(ctx context.Context, query string, args []any, scan func(*sql.Rows) error) error {
	if s.observe != nil {
		s.observe(query, args)
	}
	rows, err := s.reader().QueryContext(ctx, query, args...)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// LoadDunningBook reads the book in one read transaction, so that every
// part of it reflects the same moment.
func (s *Store) LoadDunningBook(ctx context.Context, q BookQuery) (*DunningBook, error) {
	var b *DunningBook
	err := s.inSnapshot(ctx, func(r *Store) (err error) {
		b, err = r.loadDunningBook(ctx, q)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load dunning book: %w", err)
	}
	return b, nil
}

// inSnapshot runs fn on a store reading one consistent snapshot: a read
// transaction, or the transaction s is in (whose own writes it sees).
func (s *Store) inSnapshot(ctx context.Context, fn func(r *Store) error) error {
	if s.tx != nil {
		return fn(s)
	}
	// One snapshot for every read: SQLite's read transaction is one; on a
	// server, repeatable read makes it one.
	opts := &sql.TxOptions{ReadOnly: true}
	if s.server {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := s.read.BeginTx(ctx, opts)
	if err != nil {
		return translate(err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	r := *s
	r.tx = tx
	return fn(&r)
}

func (s *Store) loadDunningBook(ctx context.Context, q BookQuery) (*DunningBook, error) {
	b := &DunningBook{Query: q, Clients: map[int64]*Client{}, Actions: map[int64][]Action{},
		Payments: map[int64][]Payment{}, Promises: map[int64][]Promise{}, Plans: map[int64]*PaymentPlan{},
		Acknowledge: map[int64][]Date{}, PlanSigned: map[int64][]Date{}, LastMessage: map[int64]Date{}, Grades: map[int64]string{}}
	var err error
	if b.Seq, err = s.lastBookChange(ctx); err != nil {
		return nil, err
	}
	// The candidate invoices are read first; the other queries get their ids
	// as one JSON array, so the candidate query runs once, not once per table.
	if b.Invoices, err = s.loadPlanInvoices(ctx, q, "", nil); err != nil {
		return nil, err
	}
	if err := s.loadBookRules(ctx, b); err != nil {
		return nil, err
	}
	if b.Tasks, err = s.ListOpenTasks(ctx); err != nil {
		return nil, err
	}
	if err := s.loadBookParts(ctx, b, b.Invoices); err != nil {
		return nil, err
	}
	if err := s.loadBookClients(ctx, b, b.Invoices); err != nil {
		return nil, err
	}
	return b, s.loadLastMessages(ctx, b, q.MessagesSince, "", nil)
}

// loadBookRules reads what the whole book is planned with.
func (s *Store) loadBookRules(ctx context.Context, b *DunningBook) error {
	loaders := []func() error{
		func() (err error) { b.Company, err = s.GetCompany(ctx); return },
		func() (err error) { b.Scenarios, err = s.ListScenarios(ctx); return },
		func() (err error) { b.Categories, err = s.ListCategories(ctx); return },
		func() (err error) { b.ECBRates, err = s.ListECBRates(ctx); return },
		func() (err error) { b.LegalRates, err = s.ListLegalRates(ctx); return },
	}
	for _, load := range loaders {
		if err := load(); err != nil {
			return err
		}
	}
	return nil
}

// loadBookParts reads the actions, payments, promises, plans and
// acknowledgments of invoices into the book's maps.
func (s *Store) loadBookParts(ctx context.Context, b *DunningBook, invoices []PlanInvoice) error {
	if len(invoices) == 0 {
		return nil
	}
	cand, args, err := idSet(invoices)
	if err != nil {
		return err
	}
	for _, load := range []func(context.Context, *DunningBook, string, []any) error{
		s.loadBookActions, s.loadBookPayments, s.loadBookPromises, s.loadBookPlans, s.loadAcknowledgments,
	} {
		if err := load(ctx, b, cand, args); err != nil {
			return err
		}
	}
	return nil
}

// lastBookChange is the change log's last row number (0 before any).
func (s *Store) lastBookChange(ctx context.Context) (int64, error) {
	var seq int64
	query := `SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'book_changes'), 0)`
	if s.server { // the identity's sequence, which pruning the log leaves where it was, as SQLite's does
		query = `SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM book_changes_seq_seq`
	}
	err := s.reader().QueryRowContext(ctx, query).Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("read the change log: %w", translate(err))
	}
	return seq, nil
}

// loadPlanInvoices reads the candidate invoices, earliest due first: the
// unpaid ones from the covering index invoices_open_plan (in its order:
// nothing to sort, no row of the table to visit), then those paid lately
// after a reminder, then marks those an import standing brought in. With
// within (an IN-list subquery and its arguments), only the invoices it
// lists.
func (s *Store) loadPlanInvoices(ctx context.Context, q BookQuery, within string, withinArgs []any) ([]PlanInvoice, error) {
	var list []PlanInvoice
	scan := func(rows *sql.Rows) error {
		p, err := scanPlanInvoice(rows)
		list = append(list, p)
		return err
	}
	open, args := openInvoices, []any(nil)
	paidSince := q.PaidSince
	if paidSince.IsZero() {
		paidSince = MustDate("2999-12-31")
	}
	paid, paidArgs := paidLately, []any{paidSince}
	if within != "" {
		// A few ids: looked up by key, not through a scan of the open
		// invoices' index.
		open = `SELECT ` + planInvoiceColumns + ` FROM invoices WHERE id IN ` + within + `
			AND paid_cents < amount_cents AND client_id NOT IN ` + archivedClients
		args = slices.Clone(withinArgs)
		paid = `SELECT ` + planInvoiceColumns + ` FROM invoices WHERE id IN (SELECT invoice_id FROM payments
			WHERE invoice_id IN ` + within + ` AND paid_on >= ?) AND ` + paidLatelyInvoice
		paidArgs = append(append([]any(nil), withinArgs...), paidSince)
	}
	if !q.Horizon.IsZero() {
		open += ` AND due_date <= ?`
		args = append(args, q.Horizon)
	}
	if err := s.each(ctx, open+` ORDER BY due_date, id`, args, scan); err != nil {
		return nil, err
	}
	unpaid := len(list)
	if err := s.each(ctx, paid+` ORDER BY due_date, id`, paidArgs, scan); err != nil {
		return nil, err
	}
	if unpaid < len(list) { // both parts in due-date order, as one
		slices.SortStableFunc(list, comparePlanInvoices)
	}
	return list, s.markImported(ctx, list, within != "")
}

// comparePlanInvoices is the book's order of invoices: by due date, then id.
func comparePlanInvoices(x, y PlanInvoice) int {
	return cmp.Or(x.DueDate.Compare(y.DueDate), cmp.Compare(x.ID, y.ID))
}

// markImported flags the invoices an import still standing brought in: a
// handful of imports at most, read once rather than asked per invoice
// (few: asked for these invoices only, through import_items_entity).
func (s *Store) markImported(ctx context.Context, invoices []PlanInvoice, few bool) error {
	if len(invoices) == 0 {
		return nil
	}
	query := `SELECT ii.entity_id FROM import_items ii JOIN imports im ON im.id = ii.import_id
		WHERE ii.entity = 'invoice' AND ii.op = 'added' AND im.undone_at IS NULL`
	var args []any
	if few {
		var in string
		var err error
		if in, args, err = idSet(invoices); err != nil {
			return err
		}
		query += ` AND ii.entity_id IN ` + in
	}
	imported := map[int64]bool{}
	err := s.each(ctx, query, args, func(rows *sql.Rows) error {
		var id int64
		err := rows.Scan(&id)
		imported[id] = true
		return err
	})
	if err != nil || len(imported) == 0 {
		return err
	}
	for i := range invoices {
		invoices[i].Imported = imported[invoices[i].ID]
	}
	return nil
}

// loadBookClients reads the clients of invoices into the book.
func (s *Store) loadBookClients(ctx context.Context, b *DunningBook, invoices []PlanInvoice) error {
	cand, args, err := idSet(invoices)
	if err != nil {
		return err
	}
	clients := `(SELECT client_id FROM invoices WHERE id IN ` + cand + `)`
	err = s.each(ctx, `SELECT `+clientColumns+` FROM clients WHERE id IN `+clients,
		args, func(rows *sql.Rows) error {
			c, err := scanClient(rows)
			b.Clients[c.ID] = &c
			return err
		})
	if err != nil {
		return err
	}
	return s.loadBookGrades(ctx, b, clients, args)
}

// loadBookGrades reads the kept grades of the clients of the IN-list
// subquery clients, for those the book holds.
func (s *Store) loadBookGrades(ctx context.Context, b *DunningBook, clients string, args []any) error {
	if b.Grades == nil {
		b.Grades = map[int64]string{}
	}
	return s.each(ctx, `SELECT client_id, grade FROM client_grades WHERE client_id IN `+clients, args, func(rows *sql.Rows) error {
		var id int64
		var grade string
		err := rows.Scan(&id, &grade)
		if _, ok := b.Clients[id]; ok {
			b.Grades[id] = grade
		}
		return err
	})
}

// planActionColumns are what the planner, the calendar and the statements
// read of an action: the covering index actions_invoice_done holds them,
// so that the actions of the open invoices are read from it alone. The
// texts a screen shows (outcome, note, tracking number, file) are read
// with the invoice's page.
const planActionColumns = `id, invoice_id, step_id, COALESCE(instalment_id, 0), status, done_on, sent_on, received_on, presented_on`

// PlanAction is an action as a DunningBook holds it: only what
// planActionColumns reads. A book built another way (the demo's replay)
// gives its actions this shape, to plan as the store's book would.
func PlanAction(a Action) Action {
	return Action{ID: a.ID, InvoiceID: a.InvoiceID, StepID: a.StepID, InstalmentID: a.InstalmentID, Status: a.Status,
		DoneOn: a.DoneOn, SentOn: a.SentOn, ReceivedOn: a.ReceivedOn, PresentedOn: a.PresentedOn}
}

// PlanPayment is a payment as a DunningBook holds it (loadBookPayments):
// its day and amount.
func PlanPayment(p Payment) Payment {
	return Payment{ID: p.ID, InvoiceID: p.InvoiceID, Date: p.Date, Amount: p.Amount}
}

func (s *Store) loadBookActions(ctx context.Context, b *DunningBook, cand string, args []any) error {
	// Per invoice, oldest first: the order of the index, so that SQLite
	// sorts nothing (the planner reads each invoice's actions in order).
	return s.each(ctx, `SELECT `+planActionColumns+` FROM actions WHERE invoice_id IN `+cand+` ORDER BY invoice_id, done_at, id`, args,
		func(rows *sql.Rows) error {
			var a Action
			err := rows.Scan(&a.ID, &a.InvoiceID, &a.StepID, &a.InstalmentID, &a.Status, &a.DoneOn, &a.SentOn,
				&a.ReceivedOn, &a.PresentedOn)
			b.Actions[a.InvoiceID] = append(b.Actions[a.InvoiceID], a)
			return err
		})
}

func (s *Store) loadBookPayments(ctx context.Context, b *DunningBook, cand string, args []any) error {
	// From the covering index payments_invoice_plan, in its order.
	return s.each(ctx, `SELECT id, invoice_id, paid_on, amount_cents FROM payments WHERE invoice_id IN `+cand+`
		ORDER BY invoice_id, paid_on, id`, args,
		func(rows *sql.Rows) error {
			var p Payment
			var amount int64
			err := rows.Scan(&p.ID, &p.InvoiceID, &p.Date, &amount)
			p.Amount = Money(amount)
			b.Payments[p.InvoiceID] = append(b.Payments[p.InvoiceID], p)
			return err
		})
}

func (s *Store) loadBookPromises(ctx context.Context, b *DunningBook, cand string, args []any) error {
	return s.each(ctx, `SELECT `+promiseColumns+` FROM promises WHERE invoice_id IN `+cand+` ORDER BY made_on, id`, args,
		func(rows *sql.Rows) error {
			p, err := scanPromise(rows)
			b.Promises[p.InvoiceID] = append(b.Promises[p.InvoiceID], p)
			return err
		})
}

// loadBookPlans reads the active plans (with their instalments) and the
// days any plan came back signed.
func (s *Store) loadBookPlans(ctx context.Context, b *DunningBook, cand string, args []any) error {
	byPlan := map[int64]*PaymentPlan{}
	err := s.each(ctx, `SELECT id, invoice_id, agreed_on, signed_on, status FROM payment_plans
		WHERE invoice_id IN `+cand+` ORDER BY invoice_id, id`, args, func(rows *sql.Rows) error {
		var p PaymentPlan
		if err := rows.Scan(&p.ID, &p.InvoiceID, &p.AgreedOn, &p.SignedOn, &p.Status); err != nil {
			return err
		}
		if !p.SignedOn.IsZero() {
			b.PlanSigned[p.InvoiceID] = append(b.PlanSigned[p.InvoiceID], p.SignedOn)
		}
		if p.Status == PlanActive {
			b.Plans[p.InvoiceID] = &p
			byPlan[p.ID] = &p
		}
		return nil
	})
	if err != nil || len(byPlan) == 0 {
		return err
	}
	// The active plans' instalments, by plan id through instalments_plan.
	ids := make([]int64, 0, len(byPlan))
	for id := range byPlan {
		ids = append(ids, id)
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	return s.each(ctx, `SELECT id, plan_id, due_date, amount_cents FROM instalments
		WHERE plan_id IN (SELECT value FROM json_each(?)) ORDER BY due_date, id`, []any{string(list)},
		func(rows *sql.Rows) error {
			var in Instalment
			var amount int64
			if err := rows.Scan(&in.ID, &in.PlanID, &in.DueDate, &amount); err != nil {
				return err
			}
			in.Amount = Money(amount)
			if p := byPlan[in.PlanID]; p != nil {
				p.Instalments = append(p.Instalments, in)
			}
			return nil
		})
}

// loadLastMessages finds, per client, the last day a message step was done
// since a day (the throttle only looks back a few days); with clients (an
// IN-list subquery and its arguments), for those clients only.
func (s *Store) loadLastMessages(ctx context.Context, b *DunningBook, since Date, clients string, clientArgs []any) error {
	query := `SELECT i.client_id, MAX(a.done_on)
		FROM actions a
		JOIN invoices i ON i.id = a.invoice_id
		JOIN steps st ON st.id = a.step_id
		WHERE a.status = 'done' AND a.done_on >= ?
		  AND st.channel IN ('email', 'letter', 'registered_letter', 'thank_you')`
	if since.IsZero() { // every message: the first day a book holds (an empty text is no date on a server)
		since = MustDate("1900-01-01")
	}
	args := []any{since.String()}
	if clients != "" {
		query += ` AND i.client_id IN ` + clients
		args = append(args, clientArgs...)
	}
	return s.each(ctx, query+` GROUP BY i.client_id`, args, func(rows *sql.Rows) error {
		var clientID int64
		var last Date
		err := rows.Scan(&clientID, &last)
		b.LastMessage[clientID] = last
		return err
	})
}

// loadAcknowledgments reads the recorded acknowledgments of debt (events
// with the day in their "date" parameter), which restart the limitation period.
func (s *Store) loadAcknowledgments(ctx context.Context, b *DunningBook, cand string, args []any) error {
	return s.each(ctx, `SELECT invoice_id, params FROM events
		WHERE kind = '`+string(EventDebtAcknowledged)+`' AND invoice_id IN `+cand, args, func(rows *sql.Rows) error {
		var invoiceID int64
		var params string
		if err := rows.Scan(&invoiceID, &params); err != nil {
			return err
		}
		if d, err := dateParam(params); err == nil {
			b.Acknowledge[invoiceID] = append(b.Acknowledge[invoiceID], d)
		}
		return nil
	})
}

// dateParam extracts "date" from an event's JSON parameters.
func dateParam(params string) (Date, error) {
	var m map[string]string
	if err := json.Unmarshal([]byte(params), &m); err != nil {
		return Date{}, err
	}
	return ParseDate(m["date"])
}
