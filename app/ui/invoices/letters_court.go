package invoices

import (
	"context"
)

// onCourtFile prepares the invoice's court file in the data folder
// (documents/<year>/<invoice>-court_file-<date>/) and opens the folder.
func (a *invoiceActions) onCourtFile() {
	printer, invoiceID, number := a.d.letters, a.d.invoiceID, a.d.data.report.Invoice.Number
	printer.WriteThenOpen(func(ctx context.Context) (string, error) { return printer.PrepareCourtFile(ctx, invoiceID, number) }, nil)
}
