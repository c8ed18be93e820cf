package genbook

import (
	"strings"
	"sync"

	"relance/data"
)

// table gathers the rows of one table and writes them with multi-row
// INSERTs, the fastest way into SQLite: one statement of chunk rows, then
// smaller ones for the rest (a few statement shapes, each prepared once).
type table struct {
	name    string
	columns []string
	parents []*table // written first: the foreign keys are checked row by row
	args    []any
	rows    int
	shapes  map[int]string
}

// chunkRows are the statement sizes, largest first.
var chunkRows = []int{256, 32, 4, 1}

func newTable(name string, columns string, parents ...*table) *table {
	return &table{name: name, columns: strings.Fields(columns), parents: parents, shapes: map[int]string{}}
}

// add buffers a row (its values in the order of the columns) and writes
// the buffer once it holds a full chunk.
func (t *table) add(exec data.BulkExec, values ...any) error {
	t.args = append(t.args, values...)
	t.rows++
	if t.rows < chunkRows[0] {
		return nil
	}
	return t.flush(exec)
}

// flush writes the buffered rows, after those of the parent tables.
func (t *table) flush(exec data.BulkExec) error {
	for _, p := range t.parents {
		if err := p.flush(exec); err != nil {
			return err
		}
	}
	width, done := len(t.columns), 0
	for _, size := range chunkRows {
		for t.rows-done >= size {
			if err := exec(t.insert(size), t.args[done*width:(done+size)*width]...); err != nil {
				return err
			}
			done += size
		}
	}
	// A new buffer: the statements may still be running on the old one.
	t.args, t.rows = make([]any, 0, cap(t.args)), 0
	return nil
}

// insert is the statement that writes n rows.
func (t *table) insert(n int) string {
	if q, ok := t.shapes[n]; ok {
		return q
	}
	row := "(" + strings.Repeat("?, ", len(t.columns)-1) + "?)"
	q := "INSERT INTO " + t.name + " (" + strings.Join(t.columns, ", ") + ") VALUES " +
		strings.Repeat(row+", ", n-1) + row
	t.shapes[n] = q
	return q
}

// writer holds the tables of a book, parents before children.
type writer struct {
	exec         data.BulkExec
	clients      *table
	invoices     *table
	plans        *table
	instalments  *table
	payments     *table
	creditNotes  *table
	actions      *table
	promises     *table
	tasks        *table
	events       *table
	all          []*table
	paymentCount int
}

func newWriter(exec data.BulkExec) *writer {
	w := &writer{exec: exec}
	w.clients = newTable("clients", `id name kind debtor_type siren vat_number contact_civility contact_name email
		email_cc phone street postal_code city category language notes reminders_paused paused_reason archived_at
		created_at updated_at`)
	w.invoices = newTable("invoices", `id number client_id issue_date delivery_date due_date amount_cents po_ref state
		paid_cents credited_cents credit_closed paused paused_until pause_reason created_at updated_at`, w.clients)
	w.plans = newTable("payment_plans", `id invoice_id agreed_on signed_on status created_at`, w.invoices)
	w.instalments = newTable("instalments", `id plan_id due_date amount_cents missed_on`, w.plans)
	w.payments = newTable("payments", `invoice_id paid_on amount_cents method bank_ref created_at`, w.invoices)
	w.creditNotes = newTable("credit_notes", `invoice_id issued_on amount_cents reason created_at`, w.invoices)
	w.actions = newTable("actions", `invoice_id step_id instalment_id planned_on status outcome note done_at done_on
		tracking_number sent_on received_on presented_on`, w.invoices, w.instalments)
	w.promises = newTable("promises", `invoice_id made_on promised_on amount_cents channel status settled_on created_at`,
		w.invoices)
	w.tasks = newTable("tasks", `id client_id kind note due_on done_at created_at`, w.clients)
	w.events = newTable("events", `at client_id invoice_id kind params actor`, w.invoices)
	w.all = []*table{w.clients, w.invoices, w.plans, w.instalments, w.payments, w.creditNotes, w.actions,
		w.promises, w.tasks, w.events}
	return w
}

// flush writes every table's rows.
func (w *writer) flush() error {
	for _, t := range w.all {
		if err := t.flush(w.exec); err != nil {
			return err
		}
	}
	return nil
}

// pipe runs the statements on a goroutine of its own, in order: SQLite
// writes a batch while the generator makes the next one, so that on two
// cores the generation's share of the time (about a sixth) is hidden. The
// first error stops the writes and is returned from then on.
type pipe struct {
	jobs chan statement
	done chan struct{}
	mu   sync.Mutex
	err  error
}

type statement struct {
	query string
	args  []any
}

func startPipe(exec data.BulkExec) *pipe {
	p := &pipe{jobs: make(chan statement, 16), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		for st := range p.jobs {
			if p.failed() != nil {
				continue
			}
			if err := exec(st.query, st.args...); err != nil {
				p.mu.Lock()
				p.err = err
				p.mu.Unlock()
			}
		}
	}()
	return p
}

// exec queues a statement; it returns the error of an earlier one.
func (p *pipe) exec(query string, args ...any) error {
	if err := p.failed(); err != nil {
		return err
	}
	p.jobs <- statement{query: query, args: args}
	return nil
}

func (p *pipe) failed() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// close waits for the queued statements and returns the first error.
func (p *pipe) close() error {
	close(p.jobs)
	<-p.done
	return p.failed()
}
