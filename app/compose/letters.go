package compose

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"

	"relance/app/dunning"
	"relance/data"
	"relance/documents"
)

// LetterContext is the Context of a printed document about an invoice as
// of a day: see DocumentContext, with what the document key adds. The
// account statement (documents.DocStatement) is about the invoice's
// client and lists all its open invoices; a formal notice is registered
// and carries the La Poste number already entered for it, if any.
func LetterContext(ctx context.Context, store *data.Store, svc *dunning.Service, invoiceID int64, key string,
	asOf data.Date) (*documents.Context, error) {
	if key == documents.DocStatement {
		inv, err := store.GetInvoice(ctx, invoiceID)
		if err != nil {
			return nil, err
		}
		return StatementContext(ctx, store, inv.ClientID, asOf)
	}
	c, err := DocumentContext(ctx, store, svc, invoiceID, asOf)
	if err != nil {
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
	return c, nil
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

// ErrNothingOwed: an account statement of a client who owes nothing.
var ErrNothingOwed = errors.New("the client owes nothing")
