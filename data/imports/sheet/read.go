package sheet

import (
	"cmp"
	"slices"

	"relance/data"
	"relance/data/imports"
)

// tableKind is what a table lists, from its mapped columns.
type tableKind int

const (
	listsNothing tableKind = iota
	listsClients
	listsInvoices
	listsPayments
)

// kindOf tells a table's kind from its mapping: an invoice number with a
// payment date and an amount but no client lists payments of invoices in
// the book; an invoice number otherwise lists invoices; client columns
// alone list clients.
func kindOf(m Mapping) tableKind {
	hasClient := m.hasAny(clientRoles...)
	switch {
	case m.Has(InvoiceNumber) && !hasClient && m.Has(PaymentDate) && m.hasAny(PaymentAmount, Paid, Amount):
		return listsPayments
	case m.Has(InvoiceNumber):
		return listsInvoices
	case hasClient:
		return listsClients
	}
	return listsNothing
}

// required are the roles each kind of table cannot do without; a pair
// means either.
var required = map[tableKind][][]Role{
	listsNothing:  {{InvoiceNumber}},
	listsClients:  {{ClientName, ClientSIREN}},
	listsInvoices: {{InvoiceNumber}, {ClientName, ClientSIREN}, {Amount}, {IssueDate}},
	listsPayments: {{InvoiceNumber}, {PaymentDate}, {PaymentAmount, Paid, Amount}},
}

// Read turns a table into a Batch with the columns the mapping gives:
// clients, invoices and credit notes, or the payments of a payments table.
// Every cell that cannot be read is a Problem naming its line, its column
// as the file writes it, its role and why. A line whose invoice or payment
// cells are bad gives no invoice or payment; a bad client detail (SIREN,
// e-mail) is left out of the client, and the line's invoice still counts.
// A role the table needs and the mapping lacks is one ReasonMissingColumn
// on the header line, and then no line is read. The table's own problems
// (from Open) are in the batch too, all in line order.
//
// The table's conventions are Read's: the wizard may set DecimalComma or
// MonthFirst on the Table before reading when the user corrects them.
func Read(t Table, m Mapping) imports.Batch {
	r := newReader(&t, m.within(len(t.Header)))
	r.batch.Problems = append(r.batch.Problems, t.Problems...)
	kind := kindOf(r.m)
	if r.checkRequired(kind) {
		for _, row := range t.Rows {
			r.readRow(kind, row)
		}
		r.finish()
	}
	slices.SortStableFunc(r.batch.Problems, func(a, b imports.Problem) int { return cmp.Compare(a.Line, b.Line) })
	return r.batch
}

// reader holds what Read has gathered so far.
type reader struct {
	t     *Table
	m     Mapping
	file  string
	batch imports.Batch

	clients  map[string]int    // Client.Key → index in batch.Clients
	byName   map[string]string // folded name → the key of the client of that name
	aliases  map[string]string // a name key that turned out to have a SIREN → that SIREN
	dropped  map[int]bool      // clients merged into another
	invoices map[string]int    // invoice number → index in batch.Invoices
	credits  map[string]int    // credit note number → index in batch.CreditNotes
}

func newReader(t *Table, m Mapping) *reader {
	file := t.baseName()
	rows := len(t.Rows)
	for _, p := range t.Problems {
		if p.Line > 0 {
			rows++ // a line Open refused is a line read, and bad
		}
	}
	return &reader{
		t: t, m: m, file: file,
		batch:   imports.Batch{Kind: t.Kind, Files: []string{file}, Rows: rows},
		clients: map[string]int{}, byName: map[string]string{}, aliases: map[string]string{},
		dropped: map[int]bool{}, invoices: map[string]int{}, credits: map[string]int{},
	}
}

// checkRequired reports each required role the mapping lacks, and says
// whether the table can be read.
func (r *reader) checkRequired(kind tableKind) bool {
	ok := true
	for _, choice := range required[kind] {
		if !r.m.hasAny(choice...) {
			r.batch.Report(r.file, r.t.HeaderLine, "", string(choice[0]), data.ReasonMissingColumn, "")
			ok = false
		}
	}
	return ok
}

func (r *reader) readRow(kind tableKind, row Row) {
	switch kind {
	case listsClients:
		r.clientRow(row)
	case listsInvoices:
		r.invoiceRow(row)
	case listsPayments:
		r.paymentRow(row)
	}
}

// cell is the text of a row's cell for a role ("" when the role is not
// mapped).
func (r *reader) cell(row Row, role Role) string {
	i, ok := r.m[role]
	if !ok || i >= len(row.Cells) {
		return ""
	}
	return row.Cells[i]
}

// column is the header of a role's column, as the file writes it.
func (r *reader) column(role Role) string {
	if i, ok := r.m[role]; ok {
		return r.t.Header[i]
	}
	return ""
}

// report records a bad cell.
func (r *reader) report(row Row, role Role, reason data.Reason, value string) {
	r.batch.Report(r.file, row.Line, r.column(role), string(role), reason, value)
}

// clientRow reads a row of a clients table.
func (r *reader) clientRow(row Row) {
	cc := r.readClient(row)
	if cc.ok {
		r.addClient(row, cc.client)
		return
	}
	if r.anyClientCell(row) {
		r.report(row, ClientName, data.ReasonRequired, "")
	}
}

// anyClientCell reports whether the row says anything of a client.
func (r *reader) anyClientCell(row Row) bool {
	for _, role := range clientRoles {
		if r.cell(row, role) != "" {
			return true
		}
	}
	return false
}

// finish points invoices and credit notes at the final client keys and
// drops the clients merged into another.
func (r *reader) finish() {
	for i := range r.batch.Invoices {
		r.batch.Invoices[i].ClientKey = r.resolve(r.batch.Invoices[i].ClientKey)
	}
	for i := range r.batch.CreditNotes {
		r.batch.CreditNotes[i].ClientKey = r.resolve(r.batch.CreditNotes[i].ClientKey)
	}
	if len(r.dropped) == 0 {
		return
	}
	kept := r.batch.Clients[:0]
	for i, c := range r.batch.Clients {
		if !r.dropped[i] {
			kept = append(kept, c)
		}
	}
	r.batch.Clients = kept
}

// resolve follows a name key to the SIREN found for it later.
func (r *reader) resolve(key string) string {
	if k, ok := r.aliases[key]; ok {
		return k
	}
	return key
}
