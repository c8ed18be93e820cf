package mailui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/data"
)

// PromiseTemplate is the template of the email that confirms a promise.
const PromiseTemplate = "promise_confirmation"

// ConfirmPromise drafts the email that confirms the promise just recorded
// on an invoice ("as agreed by phone on ..., you will pay ... on ...", its
// own template in the client's language) and shows it in fd, in place of
// the form that recorded the promise: Send mails it through the outbox
// (archived, and put on the invoice's timeline once the server took it);
// Cancel leaves it unsent.
func (m *Mailer) ConfirmPromise(fd *kit.FormDialog, invoiceID int64) {
	m.host.Async(func() {
		ctx := context.Background()
		st := data.Step{TemplateKey: PromiseTemplate, Channel: data.ChannelEmail}
		g, err := m.InvoiceGroup(ctx, invoiceID, st, 0)
		var d sendData
		if err == nil {
			d, err = m.loadSendData(ctx, g)
		}
		fyne.Do(func() {
			if err != nil {
				fd.Hide()
				m.host.ShowError(err)
				return
			}
			m.showIn(fd, g, d, func(ctx context.Context, om data.OutboxMessage) error {
				return m.host.Store().RecordPromiseConfirmation(ctx, invoiceID, om.EML)
			})
		})
	})
}

// showIn shows g's drafted email in fd; sent runs once it went.
func (m *Mailer) showIn(fd *kit.FormDialog, g dunning.Group, d sendData, sent func(context.Context, data.OutboxMessage) error) {
	s := newSendContent(m, g, d)
	s.hide, s.sent = fd.Hide, sent
	saved := &widget.Label{Text: lang.L("promise.confirm.saved"), Wrapping: fyne.TextWrapWord, Importance: widget.SuccessImportance}
	fd.Replace(container.NewBorder(saved, nil, nil, nil, s.content), fyne.NewSize(760, 580))
	if s.own != nil {
		m.host.Window().Canvas().Focus(s.own)
	}
}
