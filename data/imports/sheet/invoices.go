package sheet

import (
	"strings"

	"relance/data"
	"relance/data/imports"
)

// lineKind is what a line of an invoices table records.
type lineKind int

const (
	invoiceLine lineKind = iota
	creditLine
	otherLine // a payment, a quote...: not for Relance
)

// kindOfLine reads the document type column: an empty one or one that says
// invoice is an invoice; a credit note is a credit note; anything else (a
// payment, a quote in a mixed export) is left out.
func kindOfLine(s string) lineKind {
	w := normalizeText(s)
	switch {
	case strings.Contains(w, "avoir") || strings.Contains(w, "credit"): // before "facture": "Facture d'avoir"
		return creditLine
	case w == "" || strings.Contains(w, "facture") || strings.Contains(w, "invoice"):
		return invoiceLine
	}
	return otherLine
}

// statusWords tell a status cell's meaning from its normalized words.
var (
	voidStatus = []string{"annul", "cancel", "void", "brouillon", "draft", "abandon", "supprim"}
	paidStatus = []string{"paye", "paid", "solde", "regle", "encaisse", "lettre", "settled", "closed"}
	openStatus = []string{"partiel", "partial", "non", "impaye", "unpaid", "retard", "overdue", "attente", "pending", "regler", "payer"}
)

// statusOf says whether a status cell voids the line (cancelled, draft)
// or says it is paid in full.
func statusOf(s string) (void, paid bool) {
	w := normalizeText(s)
	if w == "" {
		return false, false
	}
	if containsAny(w, voidStatus) {
		return true, false
	}
	return false, containsAny(w, paidStatus) && !containsAny(w, openStatus)
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// invoiceRow reads a line of an invoices table: its client, then its
// invoice or credit note.
func (r *reader) invoiceRow(row Row) {
	kind := kindOfLine(r.cell(row, DocType))
	void, _ := statusOf(r.cell(row, Status))
	if kind == otherLine || void {
		return
	}
	cc := r.readClient(row)
	key := ""
	if cc.ok {
		key = r.addClient(row, cc.client)
	}
	number := collapse(r.cell(row, InvoiceNumber))
	if number == "" {
		// A total or subtotal line has no number and no client; a line with
		// a client and an amount or a date is an invoice missing its number.
		if key != "" && (r.cell(row, Amount) != "" || r.cell(row, IssueDate) != "") {
			r.report(row, InvoiceNumber, data.ReasonRequired, "")
		}
		return
	}
	if key == "" {
		r.report(row, ClientName, data.ReasonRequired, "")
	}
	inv, credit, ok := r.readInvoice(row, number, key, kind == creditLine)
	switch {
	case !ok || key == "":
	case credit:
		r.addCredit(row, inv)
	default:
		r.addInvoice(row, inv)
	}
}

// cellReader reads a row's cells, reporting each bad one; ok turns false
// at the first.
type cellReader struct {
	r   *reader
	row Row
	ok  bool
}

func (c *cellReader) date(role Role, required bool) data.Date {
	s := c.r.cell(c.row, role)
	if s == "" {
		if required {
			c.fail(role, data.ReasonRequired, "")
		}
		return data.Date{}
	}
	d, reason := parseDate(s, c.r.t)
	if reason != "" {
		c.fail(role, reason, s)
	}
	return d
}

func (c *cellReader) money(role Role, required bool) (data.Money, bool) {
	s := c.r.cell(c.row, role)
	if s == "" {
		if required {
			c.fail(role, data.ReasonRequired, "")
		}
		return 0, false
	}
	m, reason := parseAmount(s, c.r.t.DecimalComma)
	if reason != "" {
		c.fail(role, reason, s)
		return 0, false
	}
	return m, true
}

// positive reads an amount that cannot be negative (what is paid or owed).
func (c *cellReader) positive(role Role) (data.Money, bool) {
	m, ok := c.money(role, false)
	if ok && m < 0 {
		c.fail(role, data.ReasonNegative, c.r.cell(c.row, role))
		return 0, false
	}
	return m, ok
}

func (c *cellReader) currency() {
	if s := c.r.cell(c.row, Currency); !isEuro(s) {
		c.fail(Currency, data.ReasonCurrency, s)
	}
}

func (c *cellReader) fail(role Role, reason data.Reason, value string) {
	c.r.report(c.row, role, reason, value)
	c.ok = false
}

// readInvoice reads the invoice cells of a line, and says whether the line
// is a credit note: the type said so, or the total is negative. What is
// owed and paid is not read for a credit note (its open balance is
// negative in reports).
func (r *reader) readInvoice(row Row, number, key string, credit bool) (imports.Invoice, bool, bool) {
	c := &cellReader{r: r, row: row, ok: true}
	inv := imports.Invoice{Line: row.Line, ClientKey: key, Number: number, PORef: collapse(r.cell(row, PORef))}
	inv.IssueDate = c.date(IssueDate, true)
	inv.DueDate = c.date(DueDate, false)
	inv.DeliveryDate = c.date(DeliveryDate, false)
	inv.RemindedOn = c.date(RemindedOn, false)
	inv.Amount, _ = c.money(Amount, true)
	c.currency()
	credit = credit || inv.Amount < 0
	if !credit {
		r.readOutstanding(c, &inv)
		if p, ok := r.readLinePayment(c, number); ok {
			inv.Payments = append(inv.Payments, p)
		}
	}
	if !inv.DueDate.IsZero() && !inv.IssueDate.IsZero() && inv.DueDate.Before(inv.IssueDate) {
		c.fail(DueDate, data.ReasonDueBeforeIssue, r.cell(row, DueDate))
	}
	return inv, credit, c.ok
}

// readOutstanding sets what is still owed: the "reste dû" column when it
// has a value; else the amount less the "paid" column; else nothing when
// a status says paid. An empty "reste dû" leaves it unknown.
func (r *reader) readOutstanding(c *cellReader, inv *imports.Invoice) {
	if out, ok := c.positive(Outstanding); ok {
		inv.Outstanding, inv.OutstandingKnown = out, true
		return
	}
	if paid, ok := c.positive(Paid); ok {
		inv.Outstanding, inv.OutstandingKnown = max(inv.Amount-paid, 0), true
		return
	}
	if _, paid := statusOf(r.cell(c.row, Status)); paid {
		inv.Outstanding, inv.OutstandingKnown = 0, true
	}
}

// readLinePayment reads the one payment a line of an invoices table may
// record (the Dolibarr "invoices and payments" export repeats the invoice
// once per payment). Only with a payment amount column: a payment date
// alone ("last payment date") says nothing of how much.
func (r *reader) readLinePayment(c *cellReader, number string) (imports.Payment, bool) {
	if !r.m.Has(PaymentAmount) || r.cell(c.row, PaymentAmount) == "" {
		return imports.Payment{}, false
	}
	p := imports.Payment{Line: c.row.Line, InvoiceNumber: number, BankRef: collapse(r.cell(c.row, PaymentRef))}
	p.Date = c.date(PaymentDate, true)
	p.Amount, _ = c.positive(PaymentAmount)
	return p, c.ok
}

// addInvoice records an invoice. The same number again with the same
// content is the same invoice (its payments are gathered); with another
// content it is a ReasonConflict on the later line, naming the first
// column that differs.
func (r *reader) addInvoice(row Row, inv imports.Invoice) {
	i, seen := r.invoices[inv.Number]
	if !seen {
		r.invoices[inv.Number] = len(r.batch.Invoices)
		r.batch.Invoices = append(r.batch.Invoices, inv)
		return
	}
	first := &r.batch.Invoices[i]
	if role, differs := r.invoiceDiff(*first, inv); differs {
		r.report(row, role, data.ReasonConflict, r.cell(row, role))
		return
	}
	for _, p := range inv.Payments {
		if !hasPayment(first.Payments, p) {
			first.Payments = append(first.Payments, p)
		}
	}
}

// invoiceDiff finds the first role in which two readings of an invoice
// differ.
func (r *reader) invoiceDiff(a, b imports.Invoice) (Role, bool) {
	switch {
	case r.resolve(a.ClientKey) != r.resolve(b.ClientKey):
		return r.clientRole(), true
	case a.IssueDate != b.IssueDate:
		return IssueDate, true
	case a.DueDate != b.DueDate:
		return DueDate, true
	case a.DeliveryDate != b.DeliveryDate:
		return DeliveryDate, true
	case a.Amount != b.Amount:
		return Amount, true
	case a.Outstanding != b.Outstanding || a.OutstandingKnown != b.OutstandingKnown:
		return r.outstandingRole(), true
	case a.PORef != b.PORef:
		return PORef, true
	case a.RemindedOn != b.RemindedOn:
		return RemindedOn, true
	}
	return "", false
}

// clientRole is the column that names the client: the name, else the SIREN.
func (r *reader) clientRole() Role {
	if r.m.Has(ClientName) {
		return ClientName
	}
	return ClientSIREN
}

// outstandingRole is the column the outstanding amount came from.
func (r *reader) outstandingRole() Role {
	for _, role := range []Role{Outstanding, Paid, Status} {
		if r.m.Has(role) {
			return role
		}
	}
	return Amount
}

func hasPayment(list []imports.Payment, p imports.Payment) bool {
	for _, q := range list {
		if q.Date == p.Date && q.Amount == p.Amount && q.BankRef == p.BankRef {
			return true
		}
	}
	return false
}

// addCredit records a credit note given as a line of its own (a negative
// total, or a type that says so). The same number twice is one note; with
// another content, a ReasonConflict.
func (r *reader) addCredit(row Row, inv imports.Invoice) {
	cn := imports.CreditNote{Line: inv.Line, ClientKey: inv.ClientKey, Number: inv.Number,
		Date: inv.IssueDate, Amount: max(inv.Amount, -inv.Amount)}
	i, seen := r.credits[cn.Number]
	if !seen {
		r.credits[cn.Number] = len(r.batch.CreditNotes)
		r.batch.CreditNotes = append(r.batch.CreditNotes, cn)
		return
	}
	first := r.batch.CreditNotes[i]
	switch {
	case r.resolve(first.ClientKey) != r.resolve(cn.ClientKey):
		r.report(row, r.clientRole(), data.ReasonConflict, r.cell(row, r.clientRole()))
	case first.Date != cn.Date:
		r.report(row, IssueDate, data.ReasonConflict, r.cell(row, IssueDate))
	case first.Amount != cn.Amount:
		r.report(row, Amount, data.ReasonConflict, r.cell(row, Amount))
	}
}

// paymentRow reads a line of a payments table: the invoice paid, the day
// and the amount.
func (r *reader) paymentRow(row Row) {
	number := collapse(r.cell(row, InvoiceNumber))
	amountRole := r.paymentAmountRole()
	if number == "" {
		if r.cell(row, PaymentDate) != "" || r.cell(row, amountRole) != "" {
			r.report(row, InvoiceNumber, data.ReasonRequired, "")
		}
		return
	}
	c := &cellReader{r: r, row: row, ok: true}
	p := imports.Payment{Line: row.Line, InvoiceNumber: number, BankRef: collapse(r.cell(row, PaymentRef))}
	p.Date = c.date(PaymentDate, true)
	p.Amount, _ = c.money(amountRole, true)
	c.currency()
	if c.ok && p.Amount <= 0 {
		c.fail(amountRole, data.ReasonNotPositive, r.cell(row, amountRole))
	}
	if c.ok {
		r.batch.Payments = append(r.batch.Payments, p)
	}
}

// paymentAmountRole is the column a payments table gives the amount in.
func (r *reader) paymentAmountRole() Role {
	for _, role := range []Role{PaymentAmount, Paid, Amount} {
		if r.m.Has(role) {
			return role
		}
	}
	return PaymentAmount
}
