package ui

import (
	"context"
	"path"
	"path/filepath"
	"strconv"

	"relance/app/drafting"
	"relance/data"
	"relance/documents"
)

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
	in, err := drafting.CourtFileInput(ctx, u.store, u.dunning, invoiceID, today, u.opts.DataDir)
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
