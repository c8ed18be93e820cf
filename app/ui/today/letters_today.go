package today

import (
	"context"

	"relance/app/ui/kit"
	"relance/app/ui/letters"
	"relance/data"
)

// Today's letter and registered-letter cards have a Print button beside
// "I sent it myself": it prints the group's letter (the lead invoice's
// template, listing the client's overdue invoices), archives it, records
// every invoice's step done with the file, and opens the PDF.

// todayPrintable reports whether a row is a letter Relance can print.
func todayPrintable(r *todayRow) bool {
	return !r.header && r.action == todayMarkSent &&
		(r.group.Channel == data.ChannelLetter || r.group.Channel == data.ChannelRegisteredLetter)
}

// onPrintRow prints a row's letter.
func (s *Screen) onPrintRow(row int) {
	if row < 0 || row >= len(s.rows) || s.busy[row] || !todayPrintable(&s.rows[row]) {
		return
	}
	g := s.rows[row].group
	job := letters.Job{InvoiceID: g.Lead.InvoiceID, Key: g.Lead.Step.TemplateKey, Deadline: g.Lead.Step.DeadlineDays, Group: &g}
	s.busy[row] = true
	s.list.RefreshItem(row)
	s.letters.WriteThenOpen(func(ctx context.Context) (string, error) { return s.letters.Print(ctx, job) }, func(ok bool) {
		if !ok { // on success the reload redraws the list
			delete(s.busy, row)
			s.list.RefreshItem(row)
		}
	})
}

// setPrintButton shows Print on the cards of letters.
func (it *todayItem) setPrintButton(r *todayRow, busy bool) {
	kit.SetVisible(it.print, todayPrintable(r))
	if busy {
		it.print.Disable()
	} else {
		it.print.Enable()
	}
}
