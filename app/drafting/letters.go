package drafting

import (
	"cmp"
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"

	"relance/app/archive"
	"relance/app/dunning"
	"relance/data"
	"relance/documents"
)

// LetterContext is the Context of a printed document about an invoice as
// of a day: see DocumentContext, with what the document key adds. It
// refuses (data.ErrCompanyIncomplete) while the company details every
// letter needs are missing. The
// account statement (documents.DocStatement) is about the invoice's
// client and lists all its open invoices; a formal notice is registered
// and carries the La Poste number already entered for it, if any. A
// formal notice and the court file's summary also claim the penalties and
// the 40 € of the client's invoices paid late (ClaimsPaidLate).
func LetterContext(ctx context.Context, store *data.Store, svc *dunning.Service, invoiceID int64, key string,
	asOf data.Date) (*documents.Context, error) {
	if key == documents.DocStatement {
		inv, err := store.GetInvoice(ctx, invoiceID)
		if err != nil {
			return nil, err
		}
		return StatementContext(ctx, store, inv.ClientID, asOf)
	}
	c, err := documentContext(ctx, store, svc, invoiceID, asOf, "", ClaimsPaidLate(key))
	if err != nil {
		return nil, err
	}
	if err := ReadyToPrint(c); err != nil {
		return nil, err
	}
	if strings.HasPrefix(key, documents.DocFormalNotice) {
		c.Registered = true
		notice, ok, err := NoticeAction(ctx, store, invoiceID)
		if err != nil {
			return nil, err
		}
		if ok {
			c.TrackingNumber = notice.TrackingNumber
		}
	}
	return c, nil
}

// ClaimsPaidLate tells whether the document of a key claims the
// penalties and the 40 € of invoices paid late: a formal notice and the
// court file do; a friendly reminder does not.
func ClaimsPaidLate(key string) bool {
	return strings.HasPrefix(key, documents.DocFormalNotice) || key == documents.DocCourtSummary
}

// StatementContext is the Context of a client's account statement as of a
// day: every invoice still owed (not paid, not written off), oldest due
// first, the oldest as the lead invoice. It is in the client's language.
func StatementContext(ctx context.Context, store *data.Store, clientID int64, asOf data.Date) (*documents.Context, error) {
	c := &documents.Context{Today: asOf}
	var err error
	if c.Client, err = store.GetClient(ctx, clientID); err != nil {
		return nil, err
	}
	c.Lang = c.Client.Language
	if c.Company, err = store.GetCompany(ctx); err != nil {
		return nil, err
	}
	all, err := store.ListInvoiceSummariesByClient(ctx, clientID)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(all, func(a, b data.InvoiceSummary) int {
		return cmp.Or(a.DueDate.Compare(b.DueDate), cmp.Compare(a.Number, b.Number))
	})
	for _, s := range all {
		if s.State == data.StateWrittenOff || s.Paid >= s.Amount {
			continue
		}
		if len(c.Invoices) == 0 {
			c.Invoice, c.Paid = s.Invoice, s.Paid
		}
		c.Invoices = append(c.Invoices, documents.InvoiceLine{Number: s.Number, IssueDate: s.IssueDate, DueDate: s.DueDate,
			Amount: s.Amount, Paid: s.Paid, Outstanding: s.Amount - s.Paid, DaysLate: max(asOf.DaysSince(s.DueDate), 0)})
	}
	if len(c.Invoices) == 0 {
		return nil, ErrNothingOwed
	}
	return c, ReadyToPrint(c)
}

// NoticeAction is the invoice's formal notice as recorded (its
// registered-letter step), if it was.
func NoticeAction(ctx context.Context, store *data.Store, invoiceID int64) (data.Action, bool, error) {
	actions, err := store.ListActionsByInvoice(ctx, invoiceID)
	if err != nil {
		return data.Action{}, false, err
	}
	for _, a := range actions {
		if a.Status != data.ActionDone {
			continue
		}
		st, err := store.GetStep(ctx, a.StepID)
		if err != nil {
			return data.Action{}, false, err
		}
		if st.Channel == data.ChannelRegisteredLetter {
			return a, true, nil
		}
	}
	return data.Action{}, false, nil
}

// ReadyToPrint refuses a printed letter that would lack what the post and
// the law need: the company details every letter needs and its registered
// office (*data.CompanyIncompleteError), the client's postal address
// (*ClientAddressError).
func ReadyToPrint(c *documents.Context) error {
	if err := c.Company.ReadyForPrint(); err != nil {
		return err
	}
	if !c.Client.Address.Complete() {
		return &ClientAddressError{ClientID: c.Client.ID, Client: c.Client.Name}
	}
	return nil
}

// ClientAddressError refuses a letter to a client without a postal address.
type ClientAddressError struct {
	ClientID int64
	Client   string
}

func (e *ClientAddressError) Error() string {
	return "client " + e.Client + " has no postal address to send a letter to"
}

// ErrNothingOwed refuses an account statement of a client who owes nothing.
var ErrNothingOwed = errors.New("the client owes nothing")

// CourtFileInput reads from the store what the court file of an invoice
// needs as of a day (documents.CourtFile writes it): the client's overdue
// invoices and those paid late, with their attached PDFs; the documents
// attached to them or to the client (contract, delivery, Kbis); and the
// reminders and formal notice sent about the invoice, each with its
// archived file or the context to print it again as it was on the day it
// went. The archived files come back as absolute paths in the data
// folder (fetched there from a shared book, archive.Files.Local); one
// that is nowhere keeps its path, for the file to list it as missing.
func CourtFileInput(ctx context.Context, store *data.Store, svc *dunning.Service, invoiceID int64, asOf data.Date,
	files *archive.Files) (documents.CourtFileInput, error) {
	c, err := documentContext(ctx, store, svc, invoiceID, asOf, "", true)
	if err != nil {
		return documents.CourtFileInput{}, err
	}
	if err := ReadyToPrint(c); err != nil {
		return documents.CourtFileInput{}, err
	}
	in := documents.CourtFileInput{Context: c, Source: documents.StoreSource(ctx, store)}
	var fetchErr error // the first file the book could not give
	abs := func(rel string) string {
		if rel == "" {
			return ""
		}
		p, err := files.Local(ctx, rel)
		if err != nil && !errors.Is(err, fs.ErrNotExist) && fetchErr == nil {
			fetchErr = err
		}
		return p
	}
	seen := map[int64]bool{} // a client's document supports every invoice: list it once
	for _, l := range c.Invoices {
		inv, err := store.GetInvoiceByNumber(ctx, l.Number)
		if err != nil {
			return in, err
		}
		in.Invoices = append(in.Invoices, documents.CourtInvoice{Number: inv.Number, IssueDate: inv.IssueDate, PDF: abs(inv.Attachment)})
		attached, err := store.ListAttachmentsForInvoice(ctx, inv.ID)
		if err != nil {
			return in, err
		}
		for _, a := range attached {
			if !seen[a.ID] {
				seen[a.ID] = true
				in.Documents = append(in.Documents, documents.CourtDocument{Kind: a.Kind, Title: a.Title, Date: a.DocDate, File: abs(a.Path)})
			}
		}
	}
	in.Letters, err = sentLetters(ctx, store, svc, invoiceID, abs)
	if err == nil {
		err = fetchErr
	}
	return in, err
}

// sentLetters are the reminders and the formal notice sent about an
// invoice, in the order recorded, each with the context it was printed
// from on the day it went.
func sentLetters(ctx context.Context, store *data.Store, svc *dunning.Service, invoiceID int64,
	abs func(string) string) ([]documents.SentLetter, error) {
	actions, err := store.ListActionsByInvoice(ctx, invoiceID)
	if err != nil {
		return nil, err
	}
	var out []documents.SentLetter
	for _, a := range actions {
		st, err := store.GetStep(ctx, a.StepID)
		if err != nil {
			return nil, err
		}
		if a.Status != data.ActionDone || !IsReminderStep(st) {
			continue
		}
		sent := cmp.Or(a.SentOn, a.DoneOn)
		then, err := LetterContext(ctx, store, svc, invoiceID, st.TemplateKey, sent)
		if err != nil {
			return nil, err
		}
		out = append(out, documents.SentLetter{Key: st.TemplateKey, Channel: st.Channel, SentOn: sent, Context: then,
			File: abs(a.File), Tracking: a.TrackingNumber, ReceivedOn: a.ReceivedOn})
	}
	return out, nil
}
