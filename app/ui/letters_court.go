package ui

import (
	"context"
)

// onCourtFile prepares the invoice's court file in the data folder
// (documents/<year>/<invoice>-court_file-<date>/) and opens the folder.
func (a *invoiceActions) onCourtFile() {
	u, invoiceID, number := a.d.ui, a.d.invoiceID, a.d.data.report.Invoice.Number
	u.letters.WriteThenOpen(func(ctx context.Context) (string, error) { return u.letters.PrepareCourtFile(ctx, invoiceID, number) }, nil)
}
