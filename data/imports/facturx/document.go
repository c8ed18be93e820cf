package facturx

import (
	"strings"

	"relance/data"
	"relance/data/imports"
)

// document is what an e-invoice says that a dunning app needs, read from
// either syntax and not yet checked.
type document struct {
	dates dateStyle

	typeCode field
	// creditNote: the root itself says credit note (a UBL CreditNote),
	// whatever the type code.
	creditNote bool

	number       field
	issueDate    field
	dueDate      field
	deliveryDate field
	currency     field
	orderRef     string
	total        field // including VAT
	payable      field // what is left to pay: the total less prepayments
	invoiceRef   string
	buyer        party
	seller       party // who issued it: the owner's company, unless dropped by mistake
}

// party is the buyer, the client to remind.
type party struct {
	name    field
	siren   string
	vat     string
	email   string
	phone   string
	contact string
	address data.Address
}

// documentLine is the "line" of the only document a file holds: a file is
// one row of the import.
const documentLine = 1

// reader gathers what one file gives into its Batch.
type reader struct {
	batch imports.Batch
	file  string
	pdf   []byte // the PDF the document came in, kept with the invoice; nil for bare XML
}

// report records a problem of the document at an XML path.
func (r *reader) report(column, fieldKey string, reason data.Reason, value string) {
	r.batch.Report(r.file, documentLine, column, fieldKey, reason, value)
}

// reportFile records a problem of the file as a whole.
func (r *reader) reportFile(reason data.Reason, value string) {
	r.batch.Report(r.file, 0, "", "file", reason, value)
}

// checked is a document's values once read and checked.
type checked struct {
	credit       bool
	number       string
	issueDate    data.Date
	dueDate      data.Date
	deliveryDate data.Date
	currency     string
	total        data.Money
	payable      data.Money
	payableKnown bool
}

// add checks a document and adds its client and invoice or credit note to
// the batch, or its problems: every one found, so that the user sees them
// all at once.
func (r *reader) add(doc document) {
	before := len(r.batch.Problems)
	c := checked{
		credit:       r.isCreditNote(doc),
		number:       r.required(doc.number, "number"),
		issueDate:    r.date(doc, doc.issueDate, "issue_date", true),
		dueDate:      r.date(doc, doc.dueDate, "due_date", false),
		deliveryDate: r.date(doc, doc.deliveryDate, "delivery_date", false),
		currency:     r.currency(doc.currency),
	}
	r.required(doc.buyer.name, "client")
	c.total, _ = r.amount(doc.total, "amount", true)
	c.payable, c.payableKnown = r.amount(doc.payable, "outstanding", false)
	// EN 16931 writes a credit as a negative invoice as well as a credit
	// note (381): both reduce what the client owes.
	c.credit = c.credit || c.total < 0
	if !c.credit && c.payable < 0 {
		r.report(doc.payable.path, "outstanding", data.ReasonNegative, doc.payable.value)
	}
	if len(r.batch.Problems) > before {
		return
	}
	key := r.addClient(doc.buyer)
	if c.credit {
		r.addCreditNote(doc, c, key)
		return
	}
	r.addInvoice(doc, c, key)
}

func (r *reader) addInvoice(doc document, c checked, clientKey string) {
	inv := imports.Invoice{
		File:             r.file,
		Line:             documentLine,
		ClientKey:        clientKey,
		Number:           c.number,
		IssueDate:        c.issueDate,
		DeliveryDate:     c.deliveryDate,
		DueDate:          c.dueDate,
		Amount:           c.total,
		Outstanding:      c.payable,
		OutstandingKnown: c.payableKnown,
		Currency:         c.currency,
		PORef:            doc.orderRef,
		SellerSIREN:      doc.seller.siren,
		SellerVAT:        doc.seller.vat,
		SellerName:       doc.seller.name.value,
	}
	if r.pdf != nil {
		inv.Attachment, inv.AttachmentName = r.pdf, r.file
	}
	r.batch.Invoices = append(r.batch.Invoices, inv)
}

func (r *reader) addCreditNote(doc document, c checked, clientKey string) {
	r.batch.CreditNotes = append(r.batch.CreditNotes, imports.CreditNote{
		File:          r.file,
		Line:          documentLine,
		ClientKey:     clientKey,
		Number:        c.number,
		InvoiceNumber: doc.invoiceRef,
		Date:          c.issueDate,
		Amount:        abs(c.total),
	})
}

// addClient adds the buyer and returns its key: the SIREN when the file
// gives it, else the VAT number, else the name as written. The SIREN and
// the VAT number name the company whatever the spelling of its name, so
// that two invoices of one client meet on one key.
func (r *reader) addClient(p party) string {
	key := p.siren
	if key == "" {
		key = p.vat
	}
	if key == "" {
		key = p.name.value
	}
	r.batch.Clients = append(r.batch.Clients, imports.Client{
		Key:         key,
		File:        r.file,
		Line:        documentLine,
		Name:        p.name.value,
		SIREN:       p.siren,
		VATNumber:   p.vat,
		Email:       p.email,
		Phone:       p.phone,
		ContactName: p.contact,
		Address:     p.address,
	})
	return key
}

// isCreditNote reads the type code: true for a credit note, false for an
// invoice or a missing code. A code of neither kind (a pro forma, 325,
// asks for nothing) is a problem.
func (r *reader) isCreditNote(doc document) bool {
	code := doc.typeCode.value
	switch {
	case doc.creditNote || isCreditNoteCode(code):
		return true
	case code == "" || isInvoiceCode(code):
		return false
	}
	r.report(doc.typeCode.path, "type", data.ReasonUnknownChoice, code)
	return false
}

// required is the value of a field the document must give.
func (r *reader) required(f field, fieldKey string) string {
	if f.value == "" {
		r.report(f.path, fieldKey, data.ReasonRequired, "")
	}
	return f.value
}

// date reads a date field; an absent optional one is the zero date.
func (r *reader) date(doc document, f field, fieldKey string, required bool) data.Date {
	if f.value == "" {
		if required {
			r.report(f.path, fieldKey, data.ReasonRequired, "")
		}
		return data.Date{}
	}
	d, reason := doc.dates.parse(f)
	if reason != "" {
		r.report(f.path, fieldKey, reason, f.value)
	}
	return d
}

// amount reads an amount field; known is false when an optional one is
// absent.
func (r *reader) amount(f field, fieldKey string, required bool) (m data.Money, known bool) {
	if f.value == "" {
		if required {
			r.report(f.path, fieldKey, data.ReasonRequired, "")
		}
		return 0, false
	}
	m, reason := parseAmount(f.value)
	if reason != "" {
		r.report(f.path, fieldKey, reason, f.value)
		return 0, false
	}
	return m, true
}

// currency checks the document is in euros: Relance reminds in euros
// only, and a conversion would put on the letter an amount the invoice
// does not show. A document that names no currency is taken as euros.
func (r *reader) currency(f field) string {
	code := strings.ToUpper(f.value)
	if code != "" && code != "EUR" {
		r.report(f.path, "currency", data.ReasonCurrency, f.value)
	}
	return code
}

func abs(m data.Money) data.Money {
	if m < 0 {
		return -m
	}
	return m
}

// isInvoiceCode: the UNTDID 1001 codes of documents that ask to be paid
// (commercial, corrected, prepayment, self-billed, factored, partial
// invoices, debit notes...), as EN 16931 and the French CIUS list them.
func isInvoiceCode(code string) bool {
	switch code {
	case "71", "80", "82", "84", "102", "130", "202", "203", "204", "211",
		"218", "219", "295", "326", "331", "380", "382", "383", "384",
		"385", "386", "387", "388", "389", "390", "393", "394", "395",
		"456", "457", "471", "472", "473", "500", "501", "527", "553",
		"575", "623", "633", "751", "780", "817", "870", "875", "876",
		"877", "935":
		return true
	}
	return false
}

// isCreditNoteCode: the UNTDID 1001 codes of credit notes.
func isCreditNoteCode(code string) bool {
	switch code {
	case "81", "83", "261", "262", "296", "308", "381", "396", "420",
		"458", "502", "503", "532":
		return true
	}
	return false
}
