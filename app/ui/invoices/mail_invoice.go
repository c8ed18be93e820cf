package invoices

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// onRemind opens the Send reminder dialog for the invoice on show: the
// email due now on it (grouped with the client's other invoices, as on
// Today), else its next email step, sent ahead of its date.
func (a *invoiceActions) onRemind() {
	h := a.d.host
	id := a.d.data.report.Invoice.ID
	h.Async(func() {
		g, ok, err := h.Mailer().GroupFor(context.Background(), id)
		fyne.Do(func() {
			switch {
			case err != nil:
				h.ShowError(err)
			case !ok:
				h.Mailer().Show("mail.invoice.none_title", lang.L("mail.invoice.none"))
			default:
				h.Mailer().OpenSendDialog(g)
			}
		})
	})
}
