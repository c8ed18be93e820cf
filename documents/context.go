package documents

import "relance/data"

// Context is everything a document or an email is about. The caller (the
// window, the command line, the outbox) reads it from the store and the
// dunning service; documents only turn it into text and PDF bytes.
type Context struct {
	Lang  string    // "fr" or "en": the client's language
	Today data.Date // the document's date

	Company data.Company
	Client  data.Client

	// Invoice is the invoice the document is about (the lead invoice of a
	// grouped reminder); Paid is what was received on it.
	Invoice data.Invoice
	Paid    data.Money

	// Invoices are the client's invoices the document lists (its overdue
	// ones for a reminder or a notice, all open ones for a statement of
	// account), oldest due first.
	Invoices []InvoiceLine

	// Statement is the penalty statement of Invoice (nil when none applies,
	// e.g. before the due date).
	Statement *Statement

	Deadline     data.Date // the date given to pay (formal notice)
	DeadlineDays int

	EarlierReminders []data.Date // days earlier reminders went out, oldest first
	// AttachedInvoices are the numbers of the invoices whose PDF goes with
	// the email: the text says "ci-joint" only of those.
	AttachedInvoices []string
	PaymentReference string // what to quote on the transfer (the invoice number by default)

	Promise *data.Promise // a promise being confirmed, if any
	// BrokenPromise is the promise that broke since the last reminder,
	// which the next reminder quotes (nil when none did).
	BrokenPromise *data.Promise
	Plan          *data.PaymentPlan // a payment plan being proposed, if any

	// Dropped, when set, collects the characters a PDF made from this
	// Context left out for want of a glyph, so that the owner is told.
	Dropped *DroppedRunes

	// Registered letters: La Poste's number, when known at printing.
	Registered     bool
	TrackingNumber string
}

// InvoiceLine is one invoice as a table of a letter shows it.
type InvoiceLine struct {
	Number      string
	IssueDate   data.Date
	DueDate     data.Date
	Amount      data.Money
	Paid        data.Money
	Outstanding data.Money
	DaysLate    int
	// PaidLate: the invoice is paid but was paid after its due date; a
	// formal notice or a court file still claims its penalties and the
	// 40 € (L441-10, D441-5). PaidOn is the day it was paid off.
	PaidLate bool
	PaidOn   data.Date
}

// Statement is a penalty statement ready to print: the rows of the
// computation, its totals, and the sentences that explain it (basis,
// warnings) already in the document's language.
type Statement struct {
	AsOf data.Date
	Rows []StatementRow
	// Outstanding is the principal still owed once the payments are
	// imputed; Penalties the interest accrued over the whole delay, of
	// which InterestPaid was settled by payments (Code civil 1343-1).
	// Total is Outstanding + PenaltiesDue() + Indemnity.
	Outstanding  data.Money
	Penalties    data.Money
	InterestPaid data.Money
	Indemnity    data.Money
	Total        data.Money
	BasisCode    string // one of the Basis* constants: penalties or a consumer's interest
	Basis        string // how it is computed, one sentence
	// Imputation is the rule partial payments followed (data.Impute*): every
	// statement states it. "" when nothing was imputed (a waiver).
	Imputation string
	Warnings   []string // what the reader must check
}

// PenaltiesDue is what is still owed of the interest or penalties: what
// accrued less what the payments settled.
func (st *Statement) PenaltiesDue() data.Money { return st.Penalties - st.InterestPaid }

// StatementRow is one slice of a penalty statement (From and To inclusive).
// Invoice is the number of the invoice the slice belongs to: a statement
// summing several invoices shows it in its own column.
type StatementRow struct {
	Invoice  string
	From, To data.Date
	Days     int
	Base     data.Money
	RateBP   int
	Amount   data.Money
}
