// Package today is the Today screen, the owner's morning list: the key
// figures of the book, then what is due now grouped in sections (to send,
// to call, to print, receipts to enter, emails to check), each card with
// its one-click action and a skip, the call dialog and the letters
// printed from a card; a banner while the company details letters need
// are missing.
package today

import (
	"relance/app/ui/kit"
	"relance/app/ui/mailui"
	"relance/data"
)

// Host is the window as the Today screen sees it.
type Host interface {
	kit.Host
	// Mailer sends reminders through the outbox, with the send dialog.
	Mailer() *mailui.Mailer
	// PlannedSince is the day Relance ran before the current day started:
	// the day's plan flags the steps that fell due since as caught up.
	PlannedSince() data.Date
	// OpenCompanySettings shows the company details in Settings.
	OpenCompanySettings()
}
