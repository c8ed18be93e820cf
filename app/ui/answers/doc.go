// Package answers is what the window does with the reason a client gives
// for not paying (data.DelayReason): the list to choose it from, in the
// call dialog, on a reply and on the invoice's page; its answer
// (dunning.AnswerTo) carried out: the invoice sent again, a payment plan
// offered (its dialog, pre-filled), a credit note offered while the
// reminders wait, a task to obtain the purchase order, the dispute. It is
// a dialog package like calls: Today and the invoice page open it, and it
// imports no screen.
package answers

import (
	"relance/app/ui/kit"
	"relance/app/ui/mailui"
)

// Host is what the answers need of the window: besides what every screen
// has, the mailer that sends an invoice again.
type Host interface {
	kit.Host
	// Mailer sends emails through the outbox, with the send dialog.
	Mailer() *mailui.Mailer
}
