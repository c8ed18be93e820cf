package ui

import (
	"cmp"
	"context"
	"path"
	"path/filepath"
	"strconv"

	"relance/app/compose"
	"relance/app/dunning"
	"relance/data"
	"relance/documents"
)

// CourtFileInput reads from the store what the court file of an invoice
// needs as of a day (documents.CourtFile writes it): the client's overdue
// invoices with their attached PDFs, and the reminders and formal notice
// sent about the invoice, each with its archived file or the context to
// print it again as it was on the day it went.
func CourtFileInput(ctx context.Context, store *data.Store, svc *dunning.Service, invoiceID int64, asOf data.Date,
	dataDir string) (documents.CourtFileInput, error) {
	c, err := compose.DocumentContext(ctx, store, svc, invoiceID, asOf)
	if err != nil {
		return documents.CourtFileInput{}, err
	}
	in := documents.CourtFileInput{Context: c, Source: documents.StoreSource(ctx, store)}
	abs := func(rel string) string {
		if rel == "" {
			return ""
		}
		return filepath.Join(dataDir, filepath.FromSlash(rel))
	}
	for _, l := range c.Invoices {
		inv, err := store.GetInvoiceByNumber(ctx, l.Number)
		if err != nil {
			return in, err
		}
		in.Invoices = append(in.Invoices, documents.CourtInvoice{Number: inv.Number, IssueDate: inv.IssueDate, PDF: abs(inv.Attachment)})
	}
	actions, err := store.ListActionsByInvoice(ctx, invoiceID)
	if err != nil {
		return in, err
	}
	for _, a := range actions {
		st, err := store.GetStep(ctx, a.StepID)
		if err != nil {
			return in, err
		}
		if a.Status != data.ActionDone || !compose.IsReminderStep(st) {
			continue
		}
		sent := cmp.Or(a.SentOn, a.DoneOn)
		then, err := compose.LetterContext(ctx, store, svc, invoiceID, st.TemplateKey, sent)
		if err != nil {
			return in, err
		}
		in.Letters = append(in.Letters, documents.SentLetter{Key: st.TemplateKey, Channel: st.Channel, SentOn: sent, Context: then,
			File: abs(a.File), Tracking: a.TrackingNumber, ReceivedOn: a.ReceivedOn})
	}
	return in, nil
}

// onCourtFile prepares the invoice's court file in the data folder
// (documents/<year>/<invoice>-court_file-<date>/) and opens the folder.
func (a *invoiceActions) onCourtFile() {
	u, invoiceID, number := a.d.ui, a.d.invoiceID, a.d.data.report.Invoice.Number
	u.writeThenOpen(func(ctx context.Context) (string, error) { return u.prepareCourtFile(ctx, invoiceID, number) }, nil)
}

// prepareCourtFile writes the court file and records it on the timeline;
// it returns the folder, relative to the data folder.
func (u *UI) prepareCourtFile(ctx context.Context, invoiceID int64, number string) (string, error) {
	today := u.today()
	in, err := CourtFileInput(ctx, u.store, u.dunning, invoiceID, today, u.opts.DataDir)
	if err != nil {
		return "", err
	}
	rel := path.Join(lettersDir, strconv.Itoa(today.Year()), letterFileName(number)+"-court_file-"+today.String())
	if _, err := documents.CourtFile(filepath.Join(u.opts.DataDir, filepath.FromSlash(rel)), in); err != nil {
		return "", err
	}
	e := data.Event{ClientID: in.Context.Client.ID, InvoiceID: invoiceID, Kind: eventLetterPrinted, File: rel,
		Params: map[string]string{"number": number, "template": "court_file", "channel": string(data.ChannelLegalFile)}}
	return rel, u.store.CreateEvent(ctx, &e)
}
