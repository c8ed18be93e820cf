package ui

import (
	"context"

	"relance/app/ui/calls"

	"relance/app/ui/kit"

	"fyne.io/fyne/v2"
)

// onPrimary runs a row's one-click action: record a message as sent by
// the owner, open the call dialog, or mark a task done.
func (s *todayScreen) onPrimary(row int) {
	if row < 0 || row >= len(s.rows) || s.busy[row] {
		return
	}
	r := s.rows[row]
	switch r.action {
	case todayLogCall:
		calls.Open(s.ui, r.group, nil)
	case todayTaskDone:
		s.record(row, func(ctx context.Context) error { return s.ui.store.CompleteTask(ctx, r.task.ID) })
	case todayReviewMail, todayMailSeen, todayMailHeld:
		s.onMailRow(row)
	case todayEnterReceipt:
		s.onEnterReceipt(r.letter)
	case todayOpenDeadline:
		s.ui.todayOpenInvoice(r.invoiceID)
	default:
		// Until Relance sends mail and prints letters itself, the owner does
		// it and the step is recorded done, with no archived file.
		s.record(row, func(ctx context.Context) error { return s.ui.dunning.Complete(ctx, r.group, "", "") })
	}
}

// onEnterReceipt opens the tracking form of the registered letter whose
// receipt is awaited; saving it reloads Today (the row goes).
func (s *todayScreen) onEnterReceipt(actionID int64) {
	u := s.ui
	u.async(func() {
		notice, err := u.store.GetAction(context.Background(), actionID)
		fyne.Do(func() {
			if err != nil {
				u.showError(err)
				return
			}
			u.letters.ShowTrackingDialog(notice, nil)
		})
	})
}

// record runs a row's write off the UI goroutine, its buttons disabled
// meanwhile; on success the screens reload and the row leaves the list.
func (s *todayScreen) record(row int, write func(context.Context) error) {
	s.busy[row] = true
	s.list.RefreshItem(row)
	s.ui.async(func() {
		err := write(context.Background())
		fyne.Do(func() {
			if err != nil {
				delete(s.busy, row)
				s.list.RefreshItem(row)
				s.ui.showError(err)
				return
			}
			s.ui.changed()
		})
	})
}

// onSkip asks why a step is skipped, then records it skipped with that
// reason: the timeline keeps why the client was not reminded.
func (s *todayScreen) onSkip(row int) {
	if row < 0 || row >= len(s.rows) || s.busy[row] || s.rows[row].action >= todayTaskDone { // tasks and emails have no step to skip
		return
	}
	g := s.rows[row].group
	kit.AskReason(s.ui, "today.skip.title", "today.skip.reason", true, func(ctx context.Context, reason string) error {
		return s.ui.dunning.Skip(ctx, g, reason)
	})
}

// onOpen shows the row's invoice on the Invoices screen.
func (s *todayScreen) onOpen(row int) {
	if row < 0 || row >= len(s.rows) || s.rows[row].invoiceID == 0 {
		return
	}
	s.ui.todayOpenInvoice(s.rows[row].invoiceID)
}

// todayOpenInvoice goes to the Invoices screen and opens an invoice there.
func (u *UI) todayOpenInvoice(invoiceID int64) {
	u.goTo(navInvoices)
	u.invoices.OpenInvoice(invoiceID)
}
