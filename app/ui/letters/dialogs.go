package letters

import (
	"context"
	"errors"
	"log/slog"
	"path"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/drafting"
	"relance/app/ui/kit"
	"relance/data"
	"relance/documents"
)

// deadlines are the delays a formal notice may give (LEGAL_FR.md:
// 8 days is usual, 15 or 30 possible).
var deadlines = []int{8, 15, 30}

// ShowNoticeDialog asks for the deadline, then prints the formal notice,
// records the registered-letter step (unless done already) and opens it.
func (p *Printer) ShowNoticeDialog(invoiceID int64) {
	options := make([]string, len(deadlines))
	for i, days := range deadlines {
		options[i] = lang.N("letters.notice.days", days, map[string]any{"Days": days})
	}
	deadline := kit.NewSelect(p.host.Window(), options, nil)
	deadline.SetSelectedIndex(0)
	hint := &widget.Label{Text: lang.L("letters.notice.hint"), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	f := kit.NewForm()
	f.Add("deadline_days", true, container.NewVBox(deadline, hint))
	fd := kit.NewFormDialog(p.host, "letters.notice.title", f, fyne.NewSize(520, 230), func() (func(context.Context) error, error) {
		days := deadlines[max(deadline.SelectedIndex(), 0)]
		return func(ctx context.Context) error {
			step, ok, err := ScenarioStep(ctx, p.host.Store(), invoiceID, data.ChannelRegisteredLetter)
			if err != nil {
				return err
			}
			job := Job{InvoiceID: invoiceID, Key: documents.DocFormalNotice, Deadline: days}
			if ok {
				job.Step = step
			}
			// The dialog closes either way: a printing error is not a
			// field's, it gets its own message.
			rel, err := p.Print(ctx, job)
			fyne.Do(func() {
				if err != nil {
					p.ShowError(err)
					return
				}
				p.open(rel)
			})
			return nil
		}, nil
	}, nil)
	fd.Save.SetText(lang.L("letters.notice.print"))
	fd.Save.SetIcon(theme.DocumentPrintIcon())
	fd.Show(deadline)
}

// ShowTrackingDialog is the form of a registered letter's number and dates
// (from an invoice's page, or from Today when the receipt is awaited); wrap
// (may be nil) wraps the write, to reload what shows the letter.
func (p *Printer) ShowTrackingDialog(notice data.Action, wrap func(func(context.Context) error) func(context.Context) error) {
	if wrap == nil {
		wrap = func(w func(context.Context) error) func(context.Context) error { return w }
	}
	number := kit.NewEntry(p.host.Window())
	number.SetText(notice.TrackingNumber)
	number.SetPlaceHolder("1A 123 456 7890 1")
	sentDay := notice.SentOn
	if sentDay.IsZero() {
		sentDay = notice.DoneOn
	}
	sent := kit.NewDateEntry(p.host.Window(), sentDay)
	received := kit.NewDateEntry(p.host.Window(), notice.ReceivedOn)
	presented := kit.NewDateEntry(p.host.Window(), notice.PresentedOn)
	f := kit.NewForm()
	f.Add("tracking_number", false, number)
	f.Add("sent_on", true, sent)
	f.Add("received_on", false, container.NewVBox(received,
		&widget.Label{Text: lang.L("letters.tracking.hint"), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}))
	f.Add("presented_on", false, container.NewVBox(presented,
		&widget.Label{Text: lang.L("letters.tracking.presented_hint"), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}))
	fd := kit.NewFormDialog(p.host, "letters.tracking.title", f, fyne.NewSize(520, 320), func() (func(context.Context) error, error) {
		var errs data.FieldErrors
		t := data.LetterTracking{Number: strings.TrimSpace(number.Text), SentOn: kit.ParseDate(sent, "sent_on", &errs)}
		t.ReceivedOn = kit.OptionalPastDate(received, "received_on", p.host.Today(), &errs)
		t.PresentedOn = kit.OptionalPastDate(presented, "presented_on", p.host.Today(), &errs)
		if err := kit.FieldErrorsOrNil(errs); err != nil {
			return nil, err
		}
		return wrap(func(ctx context.Context) error {
			return p.host.Store().UpdateLetterTracking(ctx, notice.ID, t)
		}), nil
	}, nil)
	fd.Show(number)
}

// ShowError says in one sentence why a document was not printed.
func (p *Printer) ShowError(err error) {
	var left *contactLeftError
	if errors.As(err, &left) {
		p.confirmContact(left)
		return
	}
	if errors.Is(err, data.ErrCompanyIncomplete) {
		p.host.ShowError(err)
		return
	}
	slog.Error("print letter", "err", err)
	d := dialog.NewError(errors.New(kit.ErrorSentence(err)), p.host.Window())
	p.host.Track(d)
	d.Show()
}

// NoticeSent reports whether a formal notice (a registered letter
// step) is on the invoice's timeline.
func NoticeSent(events []data.Event) bool {
	for _, e := range events {
		if e.Kind == data.EventStepDone && e.Params["channel"] == string(data.ChannelRegisteredLetter) {
			return true
		}
	}
	return false
}

// PrepareCourtFile writes the court file into a folder of the archive
// (numbered -2, -3… when prepared again the same day) and records it on
// the timeline; it returns the folder, relative to the data folder.
func (p *Printer) PrepareCourtFile(ctx context.Context, invoiceID int64, number string) (string, error) {
	today := p.host.Today()
	in, err := drafting.CourtFileInput(ctx, p.host.Store(), p.host.Dunning(), invoiceID, today, p.host.Archive())
	if err != nil {
		return "", err
	}
	rel := path.Join(Dir, strconv.Itoa(today.Year()), documents.FileName(number)+"-court_file-"+today.String())
	rel, err = p.host.Archive().AddFolder(ctx, rel, func(dir string) error {
		_, err := documents.CourtFile(dir, in)
		return err
	})
	if err != nil {
		return "", err
	}
	e := data.Event{ClientID: in.Context.Client.ID, InvoiceID: invoiceID, Kind: EventPrinted, File: rel,
		Params: map[string]string{"number": number, "template": "court_file", "channel": string(data.ChannelLegalFile)}}
	return rel, p.host.Store().CreateEvent(ctx, &e)
}

// PrintStatement makes, archives and records a client's account statement
// as of today; it returns the archived file. Off the UI goroutine.
func (p *Printer) PrintStatement(ctx context.Context, clientID int64) (string, error) {
	today := p.host.Today()
	c, err := drafting.StatementContext(ctx, p.host.Store(), clientID, today)
	if err != nil {
		return "", err
	}
	pdf, err := documents.AccountStatement(documents.StoreSource(ctx, p.host.Store()), c)
	if err != nil {
		return "", err
	}
	rel, err := p.archive(ctx, c.Client.Name, documents.DocStatement, today, pdf)
	if err != nil {
		return "", err
	}
	e := data.Event{ClientID: clientID, Kind: EventPrinted, File: rel,
		Params: map[string]string{"number": c.Client.Name, "template": documents.DocStatement, "channel": string(data.ChannelLetter)}}
	if err := p.host.Store().CreateEvent(ctx, &e); err != nil {
		return "", err
	}
	return rel, nil
}
