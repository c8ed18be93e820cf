package mailui

import (
	"context"
	"slices"
	"time"

	"fyne.io/fyne/v2"

	"relance/app/dunning"
	"relance/app/mail"
	"relance/app/ui/kit"
	"relance/data"
)

// Mailer is how the window sends: the outbox service and the composer it
// was given, the Send dialog, batches with their progress, the retry of
// emails waiting after a temporary failure, and the dialogs that explain
// what went wrong and how to fix it.
type Mailer struct {
	host     Host
	svc      *mail.Service
	composer mail.Composer
	retry    *time.Timer // the next retry of a temporary failure, when one waits
}

// Host is what mail needs of the window besides kit.Host: the client's
// form (to fix a contact) and the Email section of the settings.
type Host interface {
	kit.Host
	// EditClient opens the client's form; saved receives the client once
	// saved.
	EditClient(c data.Client, saved func(data.Client))
	// OpenMailSettings shows the Email section of the settings.
	OpenMailSettings()
}

// New is the mailer of a window over its outbox and composer.
func New(h Host, svc *mail.Service, composer mail.Composer) *Mailer {
	return &Mailer{host: h, svc: svc, composer: composer}
}

// Service is the outbox.
func (m *Mailer) Service() *mail.Service { return m.svc }

// Composer drafts the reminders.
func (m *Mailer) Composer() mail.Composer { return m.composer }

// Stop stops the retry timer when the window closes.
func (m *Mailer) Stop() {
	if m.retry != nil {
		m.retry.Stop()
	}
}

// ScheduleRetry arranges for the queued messages waiting after a
// temporary failure to be tried again when due, while the window is open.
func (m *Mailer) ScheduleRetry(ctx context.Context) {
	due, err := m.host.Store().ListOutbox(ctx, data.OutboxQueued)
	due = slices.DeleteFunc(due, func(m data.OutboxMessage) bool { return m.Held }) // they wait for the owner
	if err != nil || len(due) == 0 {
		return
	}
	next := due[0].NextAttemptAt
	for _, msg := range due {
		if msg.NextAttemptAt.Before(next) {
			next = msg.NextAttemptAt
		}
	}
	wait := max(time.Until(next), time.Second)
	fyne.Do(func() {
		if m.retry != nil {
			m.retry.Stop()
		}
		m.retry = time.AfterFunc(wait, func() { m.retryNow() })
	})
}

// retryNow sends the messages due for a retry, then reloads.
func (m *Mailer) retryNow() {
	ctx := context.Background()
	res, err := m.svc.RetryDue(ctx, nil)
	if err != nil || len(res) == 0 {
		return
	}
	fyne.Do(m.host.Changed)
	m.ScheduleRetry(ctx)
}

// GroupFor finds the email to send about an invoice: the group of
// today's plan that holds it, else one made of its next step when that is
// an email. ok is false when the invoice has no email step ahead.
func (m *Mailer) GroupFor(ctx context.Context, invoiceID int64) (dunning.Group, bool, error) {
	plan, err := m.host.Dunning().PlanAsOf(ctx, m.host.Today())
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
	g, err := m.InvoiceGroup(ctx, invoiceID, next.Step, next.InstalmentID)
	return g, err == nil, err
}

// InvoiceGroup is the group of one invoice's email of step st (an
// instalment's reminder when instalmentID is set). A step of id 0 is an
// email outside the scenario, which fulfils no step: a promise's
// confirmation, the invoice sent again.
func (m *Mailer) InvoiceGroup(ctx context.Context, invoiceID int64, st data.Step, instalmentID int64) (dunning.Group, error) {
	inv, err := m.host.Store().GetInvoice(ctx, invoiceID)
	if err != nil {
		return dunning.Group{}, err
	}
	summaries, err := m.host.Store().ListInvoiceSummariesByClient(ctx, inv.ClientID)
	if err != nil {
		return dunning.Group{}, err
	}
	outstanding := inv.Amount
	for _, s := range summaries {
		if s.ID == invoiceID {
			outstanding = s.Amount - s.Paid
		}
	}
	d := dunning.Due{InvoiceID: inv.ID, Number: inv.Number, ClientID: inv.ClientID, InstalmentID: instalmentID,
		Step: st, Planned: m.host.Today(), Outstanding: outstanding, DaysLate: max(m.host.Today().DaysSince(inv.DueDate), 0)}
	return dunning.Group{ClientID: inv.ClientID, Channel: st.Channel, Lead: d, Items: []dunning.Due{d}, Total: outstanding}, nil
}
