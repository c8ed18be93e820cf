package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"relance/app/dunning"
	"relance/app/mail"
	"relance/data"
)

// onRemind opens the Send reminder dialog for the invoice on show: the
// email due now on it (grouped with the client's other invoices, as on
// Today), else its next email step, sent ahead of its date.
func (a *invoiceActions) onRemind() {
	u := a.d.ui
	id := a.d.data.report.Invoice.ID
	u.async(func() {
		g, ok, err := u.mailGroupFor(context.Background(), id)
		fyne.Do(func() {
			switch {
			case err != nil:
				u.showError(err)
			case !ok:
				u.mailShow("mail.invoice.none_title", lang.L("mail.invoice.none"))
			default:
				u.openSendDialog(g)
			}
		})
	})
}

// mailGroupFor finds the email to send about an invoice: the group of
// today's plan that holds it, else one made of its next step when that is
// an email. ok is false when the invoice has no email step ahead.
func (u *UI) mailGroupFor(ctx context.Context, invoiceID int64) (dunning.Group, bool, error) {
	plan, err := u.dunning.PlanAsOf(ctx, u.today())
	if err != nil {
		return dunning.Group{}, false, err
	}
	for _, g := range plan.Groups {
		for _, d := range g.Items {
			if d.InvoiceID == invoiceID && mail.Sendable(g) {
				return g, true, nil
			}
		}
	}
	next, ok := plan.Next[invoiceID]
	if !ok || next.Step.ID == 0 || (next.Step.Channel != data.ChannelEmail && next.Step.Channel != data.ChannelThankYou) {
		return dunning.Group{}, false, nil
	}
	inv, err := u.store.GetInvoice(ctx, invoiceID)
	if err != nil {
		return dunning.Group{}, false, err
	}
	summaries, err := u.store.ListInvoiceSummariesByClient(ctx, inv.ClientID)
	if err != nil {
		return dunning.Group{}, false, err
	}
	outstanding := inv.Amount
	for _, s := range summaries {
		if s.ID == invoiceID {
			outstanding = s.Amount - s.Paid
		}
	}
	d := dunning.Due{InvoiceID: inv.ID, Number: inv.Number, ClientID: inv.ClientID, InstalmentID: next.InstalmentID,
		Step: next.Step, Planned: u.today(), Outstanding: outstanding, DaysLate: max(u.today().DaysSince(inv.DueDate), 0)}
	return dunning.Group{ClientID: inv.ClientID, Channel: next.Step.Channel, Lead: d, Items: []dunning.Due{d}, Total: outstanding}, true, nil
}
