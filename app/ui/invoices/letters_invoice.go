package invoices

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relance/app/drafting"
	"relance/app/ui/kit"
	"relance/app/ui/letters"
	"relance/data"
	"relance/documents"
)

// The invoice page's Letters menu: print the formal notice (choosing the
// deadline), print the letter of the invoice's current step, print the
// penalty statement; once the notice went, enter the registered letter's
// number and dates, and prepare the court file.

// onLetters opens the Letters menu under its button.
func (a *invoiceActions) onLetters() {
	c := fyne.CurrentApp().Driver().CanvasForObject(a.letters)
	if c == nil {
		return
	}
	widget.ShowPopUpMenuAtRelativePosition(a.lettersMenu(), c, fyne.NewPos(0, a.letters.Size().Height), a.letters)
}

// lettersMenu lists what can be printed for the invoice on show.
func (a *invoiceActions) lettersMenu() *fyne.Menu {
	dd := a.d.data
	var items []*fyne.MenuItem
	items = append(items, fyne.NewMenuItem(lang.L("letters.invoice.notice"), a.onPrintNotice))
	if st, ok := a.currentLetterStep(); ok {
		items = append(items, fyne.NewMenuItem(lang.L("letters.invoice.step", map[string]any{"Step": kit.StepName(st)}),
			func() { a.onPrintStep(st) }))
	}
	if dd.status.Kind == data.StatusOverdue {
		items = append(items, fyne.NewMenuItem(lang.L("letters.invoice.penalty_statement"), a.onPrintPenaltyStatement))
	}
	if letters.NoticeSent(dd.events) {
		items = append(items, fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("letters.invoice.tracking"), a.onLetterTracking),
			fyne.NewMenuItem(lang.L("letters.invoice.court_file"), a.onCourtFile))
	}
	return fyne.NewMenu("", items...)
}

// currentLetterStep is the invoice's next step when it is a letter (not
// the formal notice, which has its own item).
func (a *invoiceActions) currentLetterStep() (data.Step, bool) {
	n, ok := a.d.screen.nextOf(a.d.invoiceID)
	if !ok || !n.ok {
		return data.Step{}, false
	}
	st := n.step.Step
	if st.Channel != data.ChannelLetter && !(st.Channel == data.ChannelEmail && st.WithLetter) {
		return data.Step{}, false
	}
	return st, true
}

// onPrintStep prints the letter of the invoice's current step and records
// the step done.
func (a *invoiceActions) onPrintStep(st data.Step) {
	a.d.letters.Run(letters.Job{InvoiceID: a.d.invoiceID, Key: st.TemplateKey, Step: st})
}

// onPrintPenaltyStatement prints the penalty statement as of today.
func (a *invoiceActions) onPrintPenaltyStatement() {
	a.d.letters.Run(letters.Job{InvoiceID: a.d.invoiceID, Key: documents.DocPenaltyStatement})
}

// onLetterTracking asks for the registered letter's La Poste number and its
// sending and receipt dates: the notice's deadline runs from receipt.
func (a *invoiceActions) onLetterTracking() {
	h, invoiceID := a.d.host, a.d.invoiceID
	h.Async(func() {
		notice, ok, err := drafting.NoticeAction(context.Background(), h.Store(), invoiceID)
		fyne.Do(func() {
			switch {
			case err != nil:
				h.ShowError(err)
			case !ok:
				h.ShowError(data.ErrNotFound)
			default:
				a.showTrackingDialog(notice)
			}
		})
	})
}

// showTrackingDialog is the form of a registered letter's number and dates;
// the invoice page reloads once it is saved.
func (a *invoiceActions) showTrackingDialog(notice data.Action) {
	a.d.letters.ShowTrackingDialog(notice, a.thenReload)
}

// onPrintNotice asks for the deadline, then prints the formal notice and
// records its step (letters.Printer.ShowNoticeDialog).
func (a *invoiceActions) onPrintNotice() { a.d.letters.ShowNoticeDialog(a.d.invoiceID) }
