// Package today is the Today screen, the owner's morning list: the key
// figures of the book, then what is due now grouped in sections (to send,
// to call, to print, receipts to enter, emails to check), each card with
// its one-click action and a skip, the call dialog and the letters
// printed from a card; a banner while the company details letters need
// are missing.
package today

import (
	"context"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/app/ui/mailui"
)

// Host is the window as the Today screen sees it.
type Host interface {
	kit.Host
	// Mailer sends reminders through the outbox, with the send dialog.
	Mailer() *mailui.Mailer
	// DayPlan is the day's plan as of now (dunning.PlanDay, with the steps
	// that fell due since Relance last ran flagged as caught up): the plan
	// the day started with, when nothing was written since, else a new one.
	DayPlan(ctx context.Context) (*dunning.Plan, error)
	// OpenCompanySettings shows the company details in Settings.
	OpenCompanySettings()
}
