package today

import (
	"context"

	"fyne.io/fyne/v2"

	"relance/app/ui/answers"
	"relance/app/ui/calls"
	"relance/app/ui/kit"
)

// onPrimary runs a row's one-click action: record a message as sent by
// the owner, open the call dialog, or mark a task done.
func (s *Screen) onPrimary(row int) {
	if row < 0 || row >= len(s.rows) || s.busy[row] {
		return
	}
	r := s.rows[row]
	switch r.action {
	case todayLogCall:
		calls.Open(s.host, r.group, nil)
	case todayTaskDone:
		s.record(row, func(ctx context.Context) error { return s.host.Store().CompleteTask(ctx, r.task.ID) })
	case todayReviewMail, todayMailSeen, todayMailHeld, todayBounce, todayReply:
		s.onMailRow(row)
	case todayEnterReceipt:
		s.onEnterReceipt(r.letter)
	case todayOpenDeadline:
		s.host.OpenInvoice(r.invoiceID)
	default:
		// Until Relance sends mail and prints letters itself, the owner does
		// it and the step is recorded done, with no archived file.
		s.record(row, func(ctx context.Context) error { return s.host.Dunning().Complete(ctx, r.group, "", "") })
	}
}

// onEnterReceipt opens the tracking form of the registered letter whose
// receipt is awaited; saving it reloads Today (the row goes).
func (s *Screen) onEnterReceipt(actionID int64) {
	h := s.host
	h.Async(func() {
		notice, err := h.Store().GetAction(context.Background(), actionID)
		fyne.Do(func() {
			if err != nil {
				h.ShowError(err)
				return
			}
			s.letters.ShowTrackingDialog(notice, nil)
		})
	})
}

// record runs a row's write off the UI goroutine, its buttons disabled
// meanwhile; on success the screens reload and the row leaves the list.
func (s *Screen) record(row int, write func(context.Context) error) {
	s.busy[row] = true
	s.list.RefreshItem(row)
	s.host.Async(func() {
		err := write(context.Background())
		fyne.Do(func() {
			if err != nil {
				delete(s.busy, row)
				s.list.RefreshItem(row)
				s.host.ShowError(err)
				return
			}
			s.host.Changed()
		})
	})
}

// onSkip asks why a step is skipped, then records it skipped with that
// reason: the timeline keeps why the client was not reminded.
func (s *Screen) onSkip(row int) {
	if row < 0 || row >= len(s.rows) || s.busy[row] {
		return
	}
	switch s.rows[row].action {
	case todayBounce, todayReply: // the second button of what came back from the inbox
		s.onMailSecondary(row)
		return
	}
	if s.rows[row].action >= todayTaskDone { // tasks and emails have no step to skip
		return
	}
	g := s.rows[row].group
	kit.AskReason(s.host, "today.skip.title", "today.skip.reason", true, func(ctx context.Context, reason string) error {
		return s.host.Dunning().Skip(ctx, g, reason)
	})
}

// onCopyMessage puts the short message of a row's step on the clipboard,
// for the client's mobile or LinkedIn.
func (s *Screen) onCopyMessage(row int) {
	if row < len(s.rows) {
		calls.CopyMessage(s.host, s.rows[row].group)
	}
}

// onReplyReason asks why the client who replied has not paid: the reason
// is recorded on the reply's invoices and answered (answers.Ask).
func (s *Screen) onReplyReason(row int) {
	if row < len(s.rows) {
		answers.Ask(s.host, s.rows[row].reply.InvoiceIDs, nil)
	}
}

// onOpen shows the row's invoice on the Invoices screen.
func (s *Screen) onOpen(row int) {
	if row < 0 || row >= len(s.rows) || s.rows[row].invoiceID == 0 {
		return
	}
	s.host.OpenInvoice(s.rows[row].invoiceID)
}
