package letters

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"relance/app/drafting"
	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/data"
	"relance/documents"
)

// Letters: the window prints a document (a step's letter, a formal notice,
// a statement), archives the PDF in the data folder, records it, and opens
// it in the system's PDF viewer. Printing a step's letter records the step
// done with the archived file (unless it was already: then the print goes
// on the timeline as a reprint).

// Printer prints the documents of the window: it archives each PDF in the
// data folder, records it and opens it.
type Printer struct {
	host kit.Host
}

// New is the printer of a window.
func New(h kit.Host) *Printer { return &Printer{host: h} }

// open hands a file of the data folder to the system's viewer.
func (p *Printer) open(rel string) { kit.OpenDataFile(p.host, rel) }

// Dir is where printed documents are archived, inside the data
// folder: documents/<year>/<invoice>-<step>-<date>.pdf.
const Dir = "documents"

// EventPrinted is the timeline's record of a document printed outside
// a step (a statement, a reprint); its sentence is "event.letter_printed".
const EventPrinted data.EventKind = "letter_printed"

// Job is a document to print about an invoice.
type Job struct {
	InvoiceID int64
	Key       string    // documents.Document's key: a template key, or a statement
	Deadline  int       // formal notice: the days given to pay (0: the default)
	Step      data.Step // the step the letter fulfils (ID 0: none)
	// Group, when printed from Today: its steps are recorded with the file.
	Group *dunning.Group
	// contactChecked: the owner confirmed the contact the letter names,
	// though a call said they had left.
	contactChecked bool
}

// contactLeftError: the letter would be addressed to a contact an open
// task says has left; the owner confirms before it is printed.
type contactLeftError struct {
	job   Job
	tasks []data.Task
}

func (e *contactLeftError) Error() string {
	return "the client's contact is to check: " + e.tasks[0].Note
}

// checkContact refuses a letter addressed by name to a contact a call
// said has left, until the owner confirms it.
func (p *Printer) checkContact(ctx context.Context, job Job, c *documents.Context) error {
	if job.contactChecked || strings.TrimSpace(c.Client.ContactName) == "" {
		return nil
	}
	tasks, err := p.host.Store().ListOpenTasksByClient(ctx, data.TaskFixContact)
	if err != nil {
		return err
	}
	if open := tasks[c.Client.ID]; len(open) > 0 {
		return &contactLeftError{job: job, tasks: open}
	}
	return nil
}

// confirmContact asks whether the contact a letter names is still right;
// if so, the tasks that said otherwise are done and the letter printed.
func (p *Printer) confirmContact(e *contactLeftError) {
	t := e.tasks[0]
	text := lang.L("mail.contact.left", map[string]any{"Date": kit.Date(t.DueOn)})
	if note := strings.TrimSpace(t.Note); note != "" {
		text += " " + lang.L("mail.contact.note", map[string]any{"Note": note})
	}
	text += "\n\n" + lang.L("letters.contact.question")
	d := dialog.NewConfirm(lang.L("letters.contact.title"), text, func(ok bool) {
		if !ok {
			return
		}
		p.host.Async(func() {
			var err error
			for _, t := range e.tasks {
				err = errors.Join(err, p.host.Store().CompleteTask(context.Background(), t.ID))
			}
			fyne.Do(func() {
				if err != nil {
					p.host.ShowError(err)
					return
				}
				job := e.job
				job.contactChecked = true
				p.Run(job)
			})
		})
	}, p.host.Window())
	d.SetConfirmText(lang.L("letters.contact.print"))
	p.host.Track(d)
	d.Show()
}

// Print makes the job's PDF, archives it and records it; it returns
// the archived file, relative to the data folder. Off the UI goroutine.
func (p *Printer) Print(ctx context.Context, job Job) (string, error) {
	today := p.host.Today()
	c, err := drafting.LetterContext(ctx, p.host.Store(), p.host.Dunning(), job.InvoiceID, job.Key, today)
	if err != nil {
		return "", err
	}
	if err := p.checkContact(ctx, job, c); err != nil {
		return "", err
	}
	if job.Deadline > 0 {
		c.DeadlineDays, c.Deadline = job.Deadline, today.AddDays(job.Deadline)
	}
	c.Dropped = &documents.DroppedRunes{}
	pdf, err := documents.Document(job.Key, documents.StoreSource(ctx, p.host.Store()), c)
	if err != nil {
		return "", err
	}
	p.warnDropped(c.Dropped.Runes())
	name := c.Invoice.Number
	if job.Key == documents.DocStatement {
		name = c.Client.Name
	}
	rel, err := p.archive(ctx, name, job.Key, today, pdf)
	if err != nil {
		return "", err
	}
	return rel, p.record(ctx, job, c, rel)
}

// warnDropped tells the owner which characters a PDF left out because its
// font has none for them (an emoji typed in a client's name): the letter
// is printed without them, never with "?".
func (p *Printer) warnDropped(runes []rune) {
	if len(runes) == 0 {
		return
	}
	chars := make([]string, len(runes))
	for i, r := range runes {
		chars[i] = string(r)
	}
	slog.Warn("letter: characters the font lacks left out", "chars", strings.Join(chars, " "))
	fyne.Do(func() {
		dialog.ShowInformation(lang.L("letters.dropped.title"),
			lang.L("letters.dropped.text", map[string]any{"Chars": strings.Join(chars, " ")}), p.host.Window())
	})
}

// record records a printed document: the step done with its file,
// the group's steps when printed from Today, or a "printed" event.
func (p *Printer) record(ctx context.Context, job Job, c *documents.Context, rel string) error {
	if job.Group != nil {
		return recordLetterGroup(ctx, p.host.Store(), *job.Group, p.host.Today(), rel)
	}
	if job.Step.ID != 0 {
		done, err := letterStepDone(ctx, p.host.Store(), job.InvoiceID, job.Step.ID)
		if err != nil {
			return err
		}
		if !done {
			a := data.Action{InvoiceID: job.InvoiceID, StepID: job.Step.ID, DoneOn: p.host.Today(), File: rel}
			return p.host.Store().RecordAction(ctx, &a)
		}
	}
	e := data.Event{ClientID: c.Client.ID, Kind: EventPrinted, File: rel,
		Params: map[string]string{"number": c.Invoice.Number, "template": job.Key, "channel": string(data.ChannelLetter)}}
	if job.Key != documents.DocStatement {
		e.InvoiceID = job.InvoiceID
	}
	return p.host.Store().CreateEvent(ctx, &e)
}

// recordLetterGroup records a Today group's letter as sent with its file:
// each invoice's step done, the earlier steps a catch-up stood for
// skipped, in one transaction (as dunning.Service.Complete, with the file).
func recordLetterGroup(ctx context.Context, store *data.Store, g dunning.Group, today data.Date, rel string) error {
	return store.InTx(ctx, func(tx *data.Store) error {
		for _, d := range g.Items {
			for _, passed := range d.Passed {
				a := data.Action{InvoiceID: d.InvoiceID, StepID: passed.ID, InstalmentID: d.InstalmentID, PlannedOn: d.Planned,
					Status: data.ActionSkipped, Note: "catch_up", CatchUp: true, DoneOn: today}
				if err := tx.RecordAction(ctx, &a); err != nil {
					return err
				}
			}
			a := data.Action{InvoiceID: d.InvoiceID, StepID: d.Step.ID, InstalmentID: d.InstalmentID, PlannedOn: d.Planned,
				Status: data.ActionDone, CatchUp: d.CatchUp, DoneOn: today, File: rel}
			if err := tx.RecordAction(ctx, &a); err != nil {
				return err
			}
		}
		return nil
	})
}

// letterStepDone reports whether a step was already recorded on an invoice.
func letterStepDone(ctx context.Context, store *data.Store, invoiceID, stepID int64) (bool, error) {
	actions, err := store.ListActionsByInvoice(ctx, invoiceID)
	for _, a := range actions {
		if a.StepID == stepID && a.InstalmentID == 0 {
			return true, err
		}
	}
	return false, err
}

// archive archives a PDF under documents/<year>/ as
// <name>-<key>-<date>.pdf (with -2, -3… when printed again the same day)
// and returns its path relative to the data folder.
func (p *Printer) archive(ctx context.Context, name, key string, day data.Date, pdf []byte) (string, error) {
	rel := path.Join(Dir, strconv.Itoa(day.Year()), documents.FileName(name)+"-"+key+"-"+day.String()+".pdf")
	rel, err := p.host.Archive().Add(ctx, rel, pdf)
	if err != nil {
		return "", fmt.Errorf("archive letter: %w", err)
	}
	return rel, nil
}

// Run prints a job, then opens the PDF: see writeThenOpen.
func (p *Printer) Run(job Job) {
	p.WriteThenOpen(func(ctx context.Context) (string, error) { return p.Print(ctx, job) }, nil)
}

// WriteThenOpen writes a file of the data folder (a letter, a statement, a
// court file) off the UI goroutine; then, on it, settle (may be nil) learns
// whether that worked, and either the error is shown or the screens reload
// and the file opens.
func (p *Printer) WriteThenOpen(write func(context.Context) (string, error), settle func(ok bool)) {
	p.host.Async(func() {
		rel, err := write(context.Background())
		fyne.Do(func() {
			if settle != nil {
				settle(err == nil)
			}
			if err != nil {
				p.ShowError(err)
				return
			}
			p.host.Changed()
			p.open(rel)
		})
	})
}

// ScenarioStep finds, in the scenario of an invoice's client, the
// first step of a channel (the registered letter of a formal notice).
func ScenarioStep(ctx context.Context, store *data.Store, invoiceID int64, channel data.Channel) (data.Step, bool, error) {
	inv, err := store.GetInvoice(ctx, invoiceID)
	if err != nil {
		return data.Step{}, false, err
	}
	client, err := store.GetClient(ctx, inv.ClientID)
	if err != nil {
		return data.Step{}, false, err
	}
	scenarios, err := store.ListScenarios(ctx)
	if err != nil {
		return data.Step{}, false, err
	}
	categories, err := store.ListCategories(ctx)
	if err != nil {
		return data.Step{}, false, err
	}
	sc := dunning.ScenarioFor(&client, scenarios, categories)
	if sc == nil {
		return data.Step{}, false, nil
	}
	for _, st := range sc.Steps {
		if st.Channel == channel {
			return st, true, nil
		}
	}
	return data.Step{}, false, nil
}
