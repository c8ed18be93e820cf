package ui

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"relance/app/ui/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/drafting"
	"relance/data"
	"relance/documents"
)

// The invoice page's Letters menu: print the formal notice (choosing the
// deadline), print the letter of the invoice's current step, print the
// penalty statement; once the notice went, enter the registered letter's
// number and dates, and prepare the court file.

// letterDeadlines are the delays a formal notice may give (LEGAL_FR.md:
// 8 days is usual, 15 or 30 possible).
var letterDeadlines = []int{8, 15, 30}

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
	if letterNoticeSent(dd.events) {
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

// letterNoticeSent reports whether a formal notice (a registered letter
// step) is on the invoice's timeline.
func letterNoticeSent(events []data.Event) bool {
	for _, e := range events {
		if e.Kind == data.EventStepDone && e.Params["channel"] == string(data.ChannelRegisteredLetter) {
			return true
		}
	}
	return false
}

// onPrintNotice asks for the deadline, then prints the formal notice,
// records the registered-letter step (unless done already) and opens it.
func (a *invoiceActions) onPrintNotice() {
	u, invoiceID := a.d.ui, a.d.invoiceID
	options := make([]string, len(letterDeadlines))
	for i, days := range letterDeadlines {
		options[i] = lang.N("letters.notice.days", days, map[string]any{"Days": days})
	}
	deadline := kit.NewSelect(u.win, options, nil)
	deadline.SetSelectedIndex(0)
	hint := &widget.Label{Text: lang.L("letters.notice.hint"), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	f := kit.NewForm()
	f.Add("deadline_days", true, container.NewVBox(deadline, hint))
	fd := kit.NewFormDialog(u, "letters.notice.title", f, fyne.NewSize(520, 230), func() (func(context.Context) error, error) {
		days := letterDeadlines[max(deadline.SelectedIndex(), 0)]
		return func(ctx context.Context) error {
			step, ok, err := letterScenarioStep(ctx, u.store, invoiceID, data.ChannelRegisteredLetter)
			if err != nil {
				return err
			}
			job := letterJob{invoiceID: invoiceID, key: documents.DocFormalNotice, deadline: days}
			if ok {
				job.step = step
			}
			// The dialog closes either way: a printing error is not a
			// field's, it gets its own message.
			rel, err := u.printLetter(ctx, job)
			fyne.Do(func() {
				if err != nil {
					u.showLetterError(err)
					return
				}
				u.openAttachment(rel)
			})
			return nil
		}, nil
	}, nil)
	fd.Save.SetText(lang.L("letters.notice.print"))
	fd.Save.SetIcon(theme.DocumentPrintIcon())
	fd.Show(deadline)
}

// onPrintStep prints the letter of the invoice's current step and records
// the step done.
func (a *invoiceActions) onPrintStep(st data.Step) {
	a.d.ui.runPrint(letterJob{invoiceID: a.d.invoiceID, key: st.TemplateKey, step: st})
}

// onPrintPenaltyStatement prints the penalty statement as of today.
func (a *invoiceActions) onPrintPenaltyStatement() {
	a.d.ui.runPrint(letterJob{invoiceID: a.d.invoiceID, key: documents.DocPenaltyStatement})
}

// onLetterTracking asks for the registered letter's La Poste number and its
// sending and receipt dates: the notice's deadline runs from receipt.
func (a *invoiceActions) onLetterTracking() {
	u, invoiceID := a.d.ui, a.d.invoiceID
	u.async(func() {
		notice, ok, err := drafting.NoticeAction(context.Background(), u.store, invoiceID)
		fyne.Do(func() {
			switch {
			case err != nil:
				u.showError(err)
			case !ok:
				u.showError(data.ErrNotFound)
			default:
				a.showTrackingDialog(notice)
			}
		})
	})
}

// showTrackingDialog is the form of a registered letter's number and dates;
// the invoice page reloads once it is saved.
func (a *invoiceActions) showTrackingDialog(notice data.Action) {
	a.d.ui.showTrackingDialog(notice, a.thenReload)
}

// showTrackingDialog is the form of a registered letter's number and dates
// (from an invoice's page, or from Today when the receipt is awaited); wrap
// (may be nil) wraps the write, to reload what shows the letter.
func (u *UI) showTrackingDialog(notice data.Action, wrap func(func(context.Context) error) func(context.Context) error) {
	if wrap == nil {
		wrap = func(w func(context.Context) error) func(context.Context) error { return w }
	}
	number := kit.NewEntry(u.win)
	number.SetText(notice.TrackingNumber)
	number.SetPlaceHolder("1A 123 456 7890 1")
	sentDay := notice.SentOn
	if sentDay.IsZero() {
		sentDay = notice.DoneOn
	}
	sent := kit.NewDateEntry(u.win, sentDay)
	received := kit.NewDateEntry(u.win, notice.ReceivedOn)
	presented := kit.NewDateEntry(u.win, notice.PresentedOn)
	f := kit.NewForm()
	f.Add("tracking_number", false, number)
	f.Add("sent_on", true, sent)
	f.Add("received_on", false, container.NewVBox(received,
		&widget.Label{Text: lang.L("letters.tracking.hint"), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}))
	f.Add("presented_on", false, container.NewVBox(presented,
		&widget.Label{Text: lang.L("letters.tracking.presented_hint"), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}))
	fd := kit.NewFormDialog(u, "letters.tracking.title", f, fyne.NewSize(520, 320), func() (func(context.Context) error, error) {
		var errs data.FieldErrors
		t := data.LetterTracking{Number: strings.TrimSpace(number.Text), SentOn: invoiceParseDate(sent, "sent_on", &errs)}
		t.ReceivedOn = optionalPastDate(received, "received_on", u.today(), &errs)
		t.PresentedOn = optionalPastDate(presented, "presented_on", u.today(), &errs)
		if err := invoiceFieldErrors(errs); err != nil {
			return nil, err
		}
		return wrap(func(ctx context.Context) error {
			return u.store.UpdateLetterTracking(ctx, notice.ID, t)
		}), nil
	}, nil)
	fd.Show(number)
}

// optionalPastDate reads a date field that may stay empty but not hold a
// day after today (La Poste cannot have delivered tomorrow).
func optionalPastDate(e *kit.Entry, field string, today data.Date, errs *data.FieldErrors) data.Date {
	if strings.TrimSpace(e.Text) == "" {
		return data.Date{}
	}
	d := invoiceParseDate(e, field, errs)
	if !d.IsZero() && d.After(today) {
		*errs = append(*errs, &data.FieldError{Field: field, Reason: data.ReasonOutOfRange, Value: d.String()})
	}
	return d
}

// showLetterError says in one sentence why a document was not printed.
func (u *UI) showLetterError(err error) {
	var left *contactLeftError
	if errors.As(err, &left) {
		u.confirmContact(left)
		return
	}
	if errors.Is(err, data.ErrCompanyIncomplete) {
		u.askCompanyDetails(err)
		return
	}
	slog.Error("print letter", "err", err)
	d := dialog.NewError(errors.New(kit.ErrorSentence(err)), u.win)
	u.track(d)
	d.Show()
}
