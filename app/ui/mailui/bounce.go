package mailui

import (
	"context"

	"fyne.io/fyne/v2"

	"relance/app/dunning"
	"relance/data"
)

// FixBounce is "fix the address, send again" on an email that came back:
// the client's form opens; once the owner saved it, the email's steps are
// taken back (the client never received them) and the Send dialog opens
// on them, drafted again to the address as it now stands. Closing the form
// without saving changes nothing.
func (m *Mailer) FixBounce(b data.BouncedEmail) {
	m.host.Async(func() {
		c, err := m.host.Store().GetClient(context.Background(), b.Message.ClientID)
		fyne.Do(func() {
			if err != nil {
				m.host.ShowError(err)
				return
			}
			m.host.EditClient(c, func(data.Client) { m.sendBouncedAgain(b) })
		})
	})
}

// sendBouncedAgain reopens a bounced email's steps and opens the Send
// dialog on the first of its invoices.
func (m *Mailer) sendBouncedAgain(b data.BouncedEmail) {
	m.host.Async(func() {
		ctx := context.Background()
		invoices, err := m.host.Store().ReopenBounced(ctx, b.Message.ID)
		var g dunning.Group
		ok := false
		if err == nil && len(invoices) > 0 {
			g, ok, err = m.GroupFor(ctx, invoices[0])
		}
		fyne.Do(func() {
			m.host.Changed()
			if err != nil {
				m.host.ShowError(err)
				return
			}
			if ok {
				m.OpenSendDialog(g)
			}
		})
	})
}
