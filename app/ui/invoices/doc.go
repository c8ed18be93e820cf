// Package invoices is the Invoices screen: every invoice with its status
// and next step, searched, filtered and sorted at the speed of typing on a
// book of years; an invoice's page (what is owed and claimed, payments,
// credit notes, the plan, the timeline, attached documents) with its
// actions (pay, remind, call, promise, dispute, pause, write off, print a
// letter, prepare the court file, correct or delete); and the invoice
// form, which Ctrl+N opens from anywhere through the window.
package invoices

import (
	"relance/app/ui/kit"
	"relance/app/ui/mailui"
	"relance/data"
)

// Host is the window as the Invoices screen sees it: besides what every
// screen has, the sending of reminders and the Clients screen's form and
// pages.
type Host interface {
	kit.Host
	// Mailer sends reminders through the outbox, with the send dialog.
	Mailer() *mailui.Mailer
	// NewClient opens the "New client" form; saved (may be nil) receives
	// the client once stored.
	NewClient(saved func(data.Client))
	// OpenClient shows a client's page on the Clients screen.
	OpenClient(id int64)
	// OpenImport opens the import wizard.
	OpenImport()
}
