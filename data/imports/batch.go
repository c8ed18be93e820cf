package imports

import (
	"fmt"

	"relance/data"
)

// Kind is the kind of file a Batch was read from.
type Kind string

// The kinds of file Relance imports.
const (
	KindCSV     Kind = "csv"
	KindXLSX    Kind = "xlsx"
	KindFEC     Kind = "fec"
	KindFacturX Kind = "facturx" // a Factur-X / ZUGFeRD PDF, or CII or UBL XML
)

// Batch is what one file (or several Factur-X files) holds, read and
// checked on its own: ready for the import pipeline, which matches it
// against the book.
type Batch struct {
	Kind  Kind
	Files []string // the base names of the files read, for messages and the timeline
	Rows  int      // the data lines (or documents) read, good or bad

	Clients     []Client // each Key at most once
	Invoices    []Invoice
	CreditNotes []CreditNote // credit notes the file gives apart from their invoice
	// Payments are payments a file lists on their own (a CSV of payments):
	// each names its invoice by number, in the file or in the book.
	Payments []Payment
	Problems []Problem // every line that could not be read, in file order

	// Balances is, for a FEC, what each client owes according to its
	// receivable accounts, by Client.Key: debits less credits over the
	// lines left open. The open invoices of a client add up to it (a
	// client in credit has none). Nil for the other kinds.
	Balances map[string]data.Money
}

// Client is a client as a file names it. Empty fields are unknown: the
// pipeline leaves what the book already has.
type Client struct {
	// Key is how the file's invoices refer to the client: the FEC
	// auxiliary account, the SIREN, or the name as written.
	Key  string
	File string // the file naming it (set by Merge when empty)
	Line int    // the first line naming it

	Name        string
	SIREN       string
	VATNumber   string
	Email       string
	Phone       string
	ContactName string
	Address     data.Address
}

// Invoice is an invoice as a file gives it.
type Invoice struct {
	File      string // the file it comes from (set by Merge when empty)
	Line      int    // the line (or document) it comes from
	ClientKey string // a Client.Key of the same Batch

	Number       string
	IssueDate    data.Date
	DeliveryDate data.Date  // zero: unknown
	DueDate      data.Date  // zero: unknown; the pipeline applies the payment terms
	Amount       data.Money // the total including VAT
	// Outstanding is what is still owed according to the file, after the
	// payments and credit notes it knows of. OutstandingKnown says the
	// file gives it (a "Reste dû" column, the FEC's open balance); when it
	// does not, the whole amount less Payments is owed.
	Outstanding      data.Money
	OutstandingKnown bool
	Currency         string // ISO 4217; empty means euros
	PORef            string
	// SellerSIREN and SellerVAT say who issued the invoice, when the file
	// says (an e-invoice): the pipeline refuses an invoice of another
	// company, a supplier's invoice dropped by mistake, which would
	// otherwise be chased as money owed to the owner.
	SellerSIREN, SellerVAT, SellerName string
	// RemindedOn is the day the last reminder was sent before Relance,
	// when the file says: the scenario goes on from it.
	RemindedOn data.Date
	Payments   []Payment // payments the file dates (the FEC's lettered credits)

	// Attachment is the legal invoice itself when the file is one (a
	// Factur-X PDF): the pipeline keeps it as the invoice's PDF.
	Attachment     []byte
	AttachmentName string
}

// Payment is a payment a file records against an invoice.
type Payment struct {
	File          string // in Batch.Payments: set by Merge when empty
	Line          int
	InvoiceNumber string // in Batch.Payments: the invoice paid
	Date          data.Date
	Amount        data.Money
	BankRef       string // the file's reference of it, when there is one
}

// CreditNote is a credit note a file gives as a document of its own (a
// Factur-X of type 381): it reduces the invoice it names.
type CreditNote struct {
	File          string // set by Merge when empty
	Line          int
	ClientKey     string
	Number        string
	InvoiceNumber string // the invoice credited; empty when the file does not say
	Date          data.Date
	Amount        data.Money
}

// Problem is a line of a file that could not be read, and why. The
// FieldError's Field is the stable key of what was expected there
// ("due_date", "amount", ...), its Reason the stable key of the fault.
type Problem struct {
	File   string
	Line   int    // 1-based line, row or document; 0: the file as a whole
	Column string // the column's header as written in the file, or the XML path
	data.FieldError
}

// Error says where and what, in English, for logs and the command line.
func (p Problem) Error() string {
	where := p.File
	if p.Line > 0 {
		where = fmt.Sprintf("%s line %d", where, p.Line)
	}
	if p.Column != "" {
		where = fmt.Sprintf("%s, column %q", where, p.Column)
	}
	return where + ": " + p.FieldError.Error()
}

// Report records a fault of a line: where (file, line, the column as the
// file names it), what was expected there (field) and why.
func (b *Batch) Report(file string, line int, column, field string, reason data.Reason, value string) {
	b.Problems = append(b.Problems, Problem{File: file, Line: line, Column: column,
		FieldError: data.FieldError{Field: field, Reason: reason, Value: value}})
}

// Merge puts several batches of the same kind together (Factur-X files
// dropped at once), each client once, every record knowing its file.
func Merge(batches ...Batch) Batch {
	var out Batch
	seen := map[string]bool{}
	for _, b := range batches {
		b.fillFile()
		if out.Kind == "" {
			out.Kind = b.Kind
		}
		out.Files = append(out.Files, b.Files...)
		out.Rows += b.Rows
		for _, c := range b.Clients {
			if !seen[c.Key] {
				seen[c.Key] = true
				out.Clients = append(out.Clients, c)
			}
		}
		out.Invoices = append(out.Invoices, b.Invoices...)
		out.CreditNotes = append(out.CreditNotes, b.CreditNotes...)
		out.Payments = append(out.Payments, b.Payments...)
		out.Problems = append(out.Problems, b.Problems...)
		for key, balance := range b.Balances {
			if out.Balances == nil {
				out.Balances = map[string]data.Money{}
			}
			out.Balances[key] += balance
		}
	}
	return out
}

// fillFile names the batch's first file on each record that names none, so
// that a record still says where it came from once batches are merged.
func (b *Batch) fillFile() {
	if len(b.Files) == 0 {
		return
	}
	name := b.Files[0]
	for i := range b.Clients {
		if b.Clients[i].File == "" {
			b.Clients[i].File = name
		}
	}
	for i := range b.Invoices {
		if b.Invoices[i].File == "" {
			b.Invoices[i].File = name
		}
	}
	for i := range b.CreditNotes {
		if b.CreditNotes[i].File == "" {
			b.CreditNotes[i].File = name
		}
	}
	for i := range b.Payments {
		if b.Payments[i].File == "" {
			b.Payments[i].File = name
		}
	}
}
