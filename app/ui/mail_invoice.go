package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// onRemind opens the Send reminder dialog for the invoice on show: the
// email due now on it (grouped with the client's other invoices, as on
// Today), else its next email step, sent ahead of its date.
func (a *invoiceActions) onRemind() {
	u := a.d.ui
	id := a.d.data.report.Invoice.ID
	u.async(func() {
		g, ok, err := u.mail.GroupFor(context.Background(), id)
		fyne.Do(func() {
			switch {
			case err != nil:
				u.showError(err)
			case !ok:
				u.mail.Show("mail.invoice.none_title", lang.L("mail.invoice.none"))
			default:
				u.mail.OpenSendDialog(g)
			}
		})
	})
}
