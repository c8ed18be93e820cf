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
	Tasks       []Task                 // open
	Acknowledge map[int64][]Date       // by invoice: recorded acknowledgments of the debt
	PlanSigned  map[int64][]Date       // by invoice: days payment plans came back signed
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

// paidLately is the subquery of the invoices paid lately after a reminder:
// a thank-you needs a step taken before, so invoices never reminded are
// left out, and so are those a credit note cancelled. Driven from the
// payments' date index: scanning invoices for "paid_cents >= amount_cents"
// would read the whole table.
const paidLately = `SELECT p.invoice_id FROM payments p INDEXED BY payments_paid_on JOIN invoices i ON i.id = p.invoice_id
	WHERE p.paid_on >= ? AND i.paid_cents >= i.amount_cents AND i.credit_closed = 0
	  AND i.client_id NOT IN ` + archivedClients + `
	  AND EXISTS (SELECT 1 FROM actions a WHERE a.invoice_id = i.id)`

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
	r := *s
	if s.tx == nil { // inside a transaction, read its state; else take a consistent snapshot
		tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return nil, fmt.Errorf("load dunning book: %w", translate(err))
		}
		defer tx.Rollback() //nolint:errcheck // read-only
		r.tx = tx
	}
	b := &DunningBook{}
	paidSince := q.PaidSince
	if paidSince.IsZero() {
		paidSince = MustDate("2999-12-31")
	}
	// The candidate invoices are read first; the other queries get their ids
	// as one JSON array, so the candidate query runs once, not once per table.
	if err := r.loadPlanInvoices(ctx, b, q.Horizon, paidSince); err != nil {
		return nil, fmt.Errorf("load dunning book: %w", err)
	}
	cand, args, err := idSet(b.Invoices)
	if err != nil {
		return nil, err
	}
	loaders := []func() error{
		func() (err error) { b.Company, err = r.GetCompany(ctx); return },
		func() (err error) { b.Scenarios, err = r.ListScenarios(ctx); return },
		func() (err error) { b.Categories, err = r.ListCategories(ctx); return },
		func() (err error) { b.ECBRates, err = r.ListECBRates(ctx); return },
		func() (err error) { b.LegalRates, err = r.ListLegalRates(ctx); return },
		func() (err error) { b.Tasks, err = r.ListOpenTasks(ctx); return },
		func() error { return r.loadBookClients(ctx, b, cand, args) },
		func() error { return r.loadBookActions(ctx, b, cand, args) },
		func() error { return r.loadBookPayments(ctx, b, cand, args) },
		func() error { return r.loadBookPromises(ctx, b, cand, args) },
		func() error { return r.loadBookPlans(ctx, b, cand, args) },
		func() error { return r.loadLastMessages(ctx, b, q.MessagesSince) },
		func() error { return r.loadAcknowledgments(ctx, b, cand, args) },
	}
	for _, load := range loaders {
		if err := load(); err != nil {
			return nil, fmt.Errorf("load dunning book: %w", err)
		}
	}
	return b, nil
}

// loadPlanInvoices reads the candidate invoices, earliest due first: the
// unpaid ones from the covering index invoices_open_plan (in its order:
// nothing to sort, no row of the table to visit), then those paid lately
// after a reminder, then marks those an import standing brought in.
func (s *Store) loadPlanInvoices(ctx context.Context, b *DunningBook, horizon, paidSince Date) error {
	scan := func(rows *sql.Rows) error {
		p, err := scanPlanInvoice(rows)
		b.Invoices = append(b.Invoices, p)
		return err
	}
	open := `SELECT ` + planInvoiceColumns + ` FROM invoices INDEXED BY invoices_open_plan
		WHERE paid_cents < amount_cents AND client_id NOT IN ` + archivedClients
	var args []any
	if !horizon.IsZero() {
		open += ` AND due_date <= ?`
		args = append(args, horizon)
	}
	if err := s.each(ctx, open+` ORDER BY due_date, id`, args, scan); err != nil {
		return err
	}
	unpaid := len(b.Invoices)
	paid := `SELECT ` + planInvoiceColumns + ` FROM invoices WHERE id IN (` + paidLately + `) ORDER BY due_date, id`
	if err := s.each(ctx, paid, []any{paidSince}, scan); err != nil {
		return err
	}
	if unpaid < len(b.Invoices) { // both parts in due-date order, as one
		slices.SortStableFunc(b.Invoices, func(x, y PlanInvoice) int {
			return cmp.Or(x.DueDate.Compare(y.DueDate), cmp.Compare(x.ID, y.ID))
		})
	}
	return s.markImported(ctx, b)
}

// markImported flags the invoices an import still standing brought in: a
// handful of imports at most, read once rather than asked per invoice.
func (s *Store) markImported(ctx context.Context, b *DunningBook) error {
	imported := map[int64]bool{}
	err := s.each(ctx, `SELECT ii.entity_id FROM import_items ii JOIN imports im ON im.id = ii.import_id
		WHERE ii.entity = 'invoice' AND ii.op = 'added' AND im.undone_at IS NULL`, nil, func(rows *sql.Rows) error {
		var id int64
		err := rows.Scan(&id)
		imported[id] = true
		return err
	})
	if err != nil || len(imported) == 0 {
		return err
	}
	for i := range b.Invoices {
		b.Invoices[i].Imported = imported[b.Invoices[i].ID]
	}
	return nil
}

func (s *Store) loadBookClients(ctx context.Context, b *DunningBook, cand string, args []any) error {
	b.Clients = map[int64]*Client{}
	return s.each(ctx, `SELECT `+clientColumns+` FROM clients WHERE id IN (SELECT client_id FROM invoices WHERE id IN `+cand+`)`,
		args, func(rows *sql.Rows) error {
			c, err := scanClient(rows)
			b.Clients[c.ID] = &c
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
	b.Actions = map[int64][]Action{}
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
	b.Payments = map[int64][]Payment{}
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
	b.Promises = map[int64][]Promise{}
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
	b.Plans, b.PlanSigned = map[int64]*PaymentPlan{}, map[int64][]Date{}
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
// since a day (the throttle only looks back a few days).
func (s *Store) loadLastMessages(ctx context.Context, b *DunningBook, since Date) error {
	rows, err := s.reader().QueryContext(ctx, `
		SELECT i.client_id, MAX(a.done_on)
		FROM actions a
		JOIN invoices i ON i.id = a.invoice_id
		JOIN steps st ON st.id = a.step_id
		WHERE a.status = 'done' AND a.done_on >= ?
		  AND st.channel IN ('email', 'letter', 'registered_letter', 'thank_you')
		GROUP BY i.client_id`, since.String())
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	b.LastMessage = map[int64]Date{}
	for rows.Next() {
		var clientID int64
		var last Date
		if err := rows.Scan(&clientID, &last); err != nil {
			return err
		}
		b.LastMessage[clientID] = last
	}
	return rows.Err()
}

// loadAcknowledgments reads the recorded acknowledgments of debt (events
// with the day in their "date" parameter), which restart the limitation period.
func (s *Store) loadAcknowledgments(ctx context.Context, b *DunningBook, cand string, args []any) error {
	b.Acknowledge = map[int64][]Date{}
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
