package mailui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/drafting"
	"relance/app/dunning"
	"relance/app/mail"
	"relance/app/ui/kit"
	"relance/data"
)

// sendDialog is the Send reminder dialog: the recipients, the subject, the
// body drafted from the step's template (editable, with its preview), the
// files attached, and Send.
type sendDialog struct {
	m       *Mailer
	group   dunning.Group
	draft   mail.Draft
	client  data.Client
	demo    bool
	account data.MailAccount
	// contactTasks: open "wrong contact" tasks of the client. While there
	// is one, Send waits for the owner to confirm or fix the contact.
	contactTasks []data.Task

	// hide closes the dialog (or the dialog the email shows in).
	hide func()
	// sent, when set, runs off the UI goroutine once the server accepted
	// the email: an email that fulfils no step puts itself on the
	// timeline there (a promise's confirmation).
	sent func(context.Context, data.OutboxMessage) error

	dlg                 dialog.Dialog
	contactBanner       *fyne.Container
	form                *kit.Form
	to, cc, subject     *kit.Entry
	own                 *kit.Entry // demo book: the owner's own address
	ownConfirm          *kit.Check
	body                *kit.Entry
	preview             *widget.RichText
	files               []*kit.Check
	status              *widget.Label
	progress            *widget.ProgressBarInfinite
	send, cancel, byOwn *widget.Button
	content             fyne.CanvasObject // all of the above, laid out
}

// sendData is what the dialog needs, read off the UI goroutine.
type sendData struct {
	draft        mail.Draft
	client       data.Client
	account      data.MailAccount
	demo         bool
	contactTasks []data.Task
}

// OpenSendDialog drafts the group's email and opens the dialog.
func (m *Mailer) OpenSendDialog(g dunning.Group) {
	m.host.Async(func() {
		ctx := context.Background()
		d, err := m.loadSendData(ctx, g)
		fyne.Do(func() {
			if err != nil {
				m.host.ShowError(err)
				return
			}
			newSendDialog(m, g, d).show()
		})
	})
}

func (m *Mailer) loadSendData(ctx context.Context, g dunning.Group) (sendData, error) {
	var d sendData
	var err error
	if d.account, err = m.host.Store().GetMailAccount(ctx); err != nil {
		return d, err
	}
	if d.client, err = m.host.Store().GetClient(ctx, g.ClientID); err != nil {
		return d, err
	}
	if d.demo, err = m.svc.DemoBook(ctx); err != nil {
		return d, err
	}
	tasks, err := m.host.Store().ListOpenTasksByClient(ctx, data.TaskFixContact)
	if err != nil {
		return d, err
	}
	d.contactTasks = tasks[g.ClientID]
	d.draft, err = m.composer.Compose(ctx, g)
	return d, err
}

func newSendDialog(m *Mailer, g dunning.Group, d sendData) *sendDialog {
	s := newSendContent(m, g, d)
	title := lang.L("mail.send.title", map[string]any{"Client": d.client.Name})
	s.dlg = dialog.NewCustomWithoutButtons(title, container.NewGridWrap(fyne.NewSize(760, 560), s.content), m.host.Window())
	s.hide = s.dlg.Hide
	return s
}

// newSendContent builds the dialog's content for g's email as
// drafted in d (s.content), without the dialog around it.
func newSendContent(m *Mailer, g dunning.Group, d sendData) *sendDialog {
	s := &sendDialog{m: m, group: g, draft: d.draft, client: d.client, demo: d.demo, account: d.account,
		contactTasks: d.contactTasks, status: kit.NewErrorLabel(), progress: widget.NewProgressBarInfinite()}
	s.progress.Stop()
	s.progress.Hide()
	s.send = &widget.Button{Text: lang.L("mail.send.send"), Icon: theme.MailSendIcon(), Importance: widget.HighImportance, OnTapped: s.onSend}
	s.cancel = &widget.Button{Text: lang.L("button.cancel"), Icon: theme.CancelIcon(), OnTapped: func() { s.hide() }}
	s.byOwn = &widget.Button{Text: lang.L("today.action.sent_myself"), Icon: theme.ConfirmIcon(), OnTapped: s.onSentMyself}
	if g.Lead.Step.ID == 0 {
		s.byOwn.Hide() // it fulfils no step: there is nothing to record done
	}
	var content fyne.CanvasObject
	if !d.account.Configured() {
		// Nothing can be sent, but the drafted message still shows: the
		// owner may copy it into their own mail client, then record it
		// with "I sent it myself". The real recipients show, not the demo
		// book's safe-address field, since nothing leaves from here.
		s.demo = false
		content = container.NewBorder(s.notConfigured(), nil, nil, nil, s.compose())
	} else {
		content = s.compose()
	}
	if len(s.contactTasks) > 0 {
		content = container.NewBorder(s.contactWarning(), nil, nil, nil, content)
	}
	buttons := container.NewHBox(s.byOwn, layout.NewSpacer(), s.cancel, s.send)
	s.content = container.NewBorder(nil, container.NewVBox(s.progress, s.status, buttons), nil, nil, content)
	return s
}

func (s *sendDialog) show() {
	s.m.host.Track(s.dlg)
	s.dlg.Show()
	if s.own != nil {
		s.m.host.Window().Canvas().Focus(s.own)
	}
}

// contactWarning is the banner of a client a call found gone: who said
// so and when, and the two ways on, "the contact is right" or "edit the
// client". Send waits until the owner took one.
func (s *sendDialog) contactWarning() fyne.CanvasObject {
	t := s.contactTasks[0]
	text := lang.L("mail.contact.left", map[string]any{"Date": kit.Date(t.DueOn)})
	if note := strings.TrimSpace(t.Note); note != "" {
		text += " " + lang.L("mail.contact.note", map[string]any{"Note": note})
	}
	msg := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	right := &widget.Button{Text: lang.L("mail.contact.right"), Icon: theme.ConfirmIcon(), OnTapped: s.onContactRight}
	edit := &widget.Button{Text: lang.L("mail.contact.edit"), Icon: theme.DocumentCreateIcon(), OnTapped: s.onEditContact}
	s.send.Disable()
	s.contactBanner = container.NewVBox(msg, container.NewHBox(edit, right), widget.NewSeparator())
	return s.contactBanner
}

// onContactRight: the owner checked the contact; the task is done and the
// email may go.
func (s *sendDialog) onContactRight() {
	s.closeContactTasks(func() {
		s.contactBanner.Hide()
		s.send.Enable()
	})
}

// onEditContact opens the client's form; once saved, the contact is fixed
// (the task done) and the email is drafted again to the new address.
func (s *sendDialog) onEditContact() {
	s.m.host.EditClient(s.client, func(data.Client) {
		s.closeContactTasks(func() {
			s.hide()
			s.m.OpenSendDialog(s.group)
		})
	})
}

// closeContactTasks records the client's "wrong contact" tasks done, then
// runs then on the UI goroutine.
func (s *sendDialog) closeContactTasks(then func()) {
	tasks := s.contactTasks
	s.m.host.Async(func() {
		var err error
		for _, t := range tasks {
			err = errors.Join(err, s.m.host.Store().CompleteTask(context.Background(), t.ID))
		}
		fyne.Do(func() {
			if err != nil {
				kit.SetError(s.status, kit.ErrorSentence(err))
				return
			}
			s.contactTasks = nil
			then()
		})
	})
}

// notConfigured is the dialog's content when no mail account is set up:
// what to do, and the way to record a message sent by hand.
func (s *sendDialog) notConfigured() fyne.CanvasObject {
	s.send.Hide()
	open := &widget.Button{Text: lang.L("mail.send.open_settings"), Icon: theme.SettingsIcon(), OnTapped: func() {
		s.hide()
		s.m.host.OpenMailSettings()
	}}
	msg := &widget.Label{Text: lang.L("mail.send.not_configured"), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	return container.NewVBox(msg, container.NewHBox(open), widget.NewSeparator())
}

// compose lays out the recipients, the subject, the body and its preview,
// and the files.
func (s *sendDialog) compose() fyne.CanvasObject {
	s.form = kit.NewForm()
	top := container.NewVBox()
	if s.demo {
		top.Add(s.demoBanner())
	} else {
		s.to, s.cc = kit.NewEntry(s.m.host.Window()), kit.NewEntry(s.m.host.Window())
		s.to.SetText(strings.Join(s.draft.To, ", "))
		s.cc.SetText(strings.Join(s.draft.Cc, ", "))
		s.form.Add("mail_to", true, s.to)
		s.form.Add("mail_cc", false, s.cc)
	}
	s.subject = kit.NewEntry(s.m.host.Window())
	s.subject.SetText(s.draft.Subject)
	s.form.Add("mail_subject", true, s.subject)
	top.Add(s.form.Content())
	s.body = kit.NewEntry(s.m.host.Window())
	s.body.MultiLine, s.body.Wrapping = true, fyne.TextWrapWord
	s.body.TextStyle = fyne.TextStyle{Monospace: true} // the plain text's tables are aligned with spaces
	s.body.SetText(s.draft.Text)
	s.preview = widget.NewRichText()
	s.preview.Wrapping = fyne.TextWrapWord
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("mail.send.tab_text"), theme.DocumentCreateIcon(), s.body),
		container.NewTabItemWithIcon(lang.L("mail.send.tab_preview"), theme.VisibilityIcon(), container.NewVScroll(s.preview)))
	tabs.OnSelected = func(*container.TabItem) { s.refreshPreview() }
	return container.NewBorder(top, s.filesBox(), nil, nil, tabs)
}

// demoBanner: the demo book's clients are invented, their addresses may
// be someone's: the email can only go to an address the owner types and
// confirms as theirs.
func (s *sendDialog) demoBanner() fyne.CanvasObject {
	warn := &widget.Label{Text: lang.L("mail.send.demo"), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	s.own = kit.NewEntry(s.m.host.Window())
	s.own.SetText(s.account.FromAddress)
	s.ownConfirm = kit.NewCheck(s.m.host.Window(), lang.L("mail.send.demo_confirm"), nil)
	s.form.Add("mail_own", true, container.NewVBox(s.own, s.ownConfirm))
	return warn
}

// filesBox lists the files to attach, each with a box to leave it out;
// and the invoices the email is about.
func (s *sendDialog) filesBox() fyne.CanvasObject {
	box := container.NewVBox(widget.NewSeparator())
	numbers := make([]string, len(s.group.Items))
	for i, d := range s.group.Items {
		numbers[i] = d.Number
	}
	box.Add(&widget.Label{Text: lang.N("mail.send.invoices", len(numbers), map[string]any{"Count": len(numbers),
		"Numbers": strings.Join(numbers, ", "), "Total": kit.Money(s.group.Total)}), Truncation: fyne.TextTruncateEllipsis})
	for _, att := range s.draft.Attachments {
		c := kit.NewCheck(s.m.host.Window(), lang.L("mail.send.attach", map[string]any{"Name": att.Name, "Kind": lang.L("mail.kind." + att.Kind)}), nil)
		c.SetChecked(true)
		c.OnChanged = func(bool) { s.onFilesChanged() }
		s.files = append(s.files, c)
		path := att.Path
		open := &widget.Button{Icon: theme.VisibilityIcon(), Importance: widget.LowImportance, OnTapped: func() { s.m.host.OpenFile(path) }}
		box.Add(container.NewBorder(nil, nil, nil, open, c))
	}
	if len(s.draft.Attachments) == 0 && s.group.Lead.Step.AttachInvoice {
		box.Add(&widget.Label{Text: lang.L("mail.send.no_pdf"), Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord})
	}
	return box
}

// kept are the files the owner leaves ticked.
func (s *sendDialog) kept() []mail.Attachment {
	var out []mail.Attachment
	for i, att := range s.draft.Attachments {
		if s.files[i].Checked {
			out = append(out, att)
		}
	}
	return out
}

// onFilesChanged writes the email again for the files kept, so that it
// never says "ci-joint" of an invoice left out; words the owner already
// edited are theirs and stay.
func (s *sendDialog) onFilesChanged() {
	if s.draft.Rewrite == nil || s.body.Text != s.draft.Text {
		return
	}
	b, err := s.draft.Rewrite(s.kept())
	if err != nil {
		kit.SetError(s.status, kit.ErrorSentence(err))
		return
	}
	if strings.TrimSpace(s.subject.Text) == s.draft.Subject {
		s.subject.SetText(b.Subject)
	}
	s.draft.Subject, s.draft.Text, s.draft.HTML = b.Subject, b.Text, b.HTML
	s.body.SetText(b.Text)
	s.refreshPreview()
}

// html is the HTML alternative: the template's when the owner did not
// touch the text, else made from the edited text.
func (s *sendDialog) html() string {
	if s.body.Text == s.draft.Text && s.draft.HTML != "" {
		return s.draft.HTML
	}
	return drafting.TextHTML(s.body.Text)
}

func (s *sendDialog) refreshPreview() {
	s.preview.Segments = mailPreviewSegments(s.html())
	s.preview.Refresh()
}

// message reads the dialog into the message to queue, or the field errors.
func (s *sendDialog) message() (mail.Message, error) {
	var errs data.FieldErrors
	d := mail.Draft{Subject: strings.TrimSpace(s.subject.Text), Text: s.body.Text, HTML: s.html()}
	m := mail.Message{}
	if s.demo {
		d.To = data.SplitEmails(s.own.Text)
		if len(d.To) != 1 || !s.ownConfirm.Checked {
			errs = append(errs, &data.FieldError{Field: "mail_own", Reason: reasonMailOwn})
		}
	} else {
		d.To, d.Cc = data.SplitEmails(s.to.Text), data.SplitEmails(s.cc.Text)
		if len(d.To) == 0 {
			errs = append(errs, &data.FieldError{Field: "mail_to", Reason: data.ReasonRequired})
		}
	}
	if d.Subject == "" {
		errs = append(errs, &data.FieldError{Field: "mail_subject", Reason: data.ReasonRequired})
	}
	d.Attachments = s.kept()
	if len(errs) > 0 {
		return m, errs
	}
	m = mail.MessageFor(s.group, d)
	m.OwnAddress = s.demo
	return m, nil
}

// reasonMailOwn: on the demo book, one address, confirmed as the owner's.
const reasonMailOwn data.Reason = "mail_own"

// onSend queues the message (archived first) and sends it.
func (s *sendDialog) onSend() {
	m, err := s.message()
	if err != nil {
		s.form.ShowErrors(err)
		return
	}
	s.form.ClearErrors()
	s.busy(true)
	s.m.host.Async(func() {
		om, err := s.m.svc.Queue(context.Background(), m)
		fyne.Do(func() {
			if err != nil {
				s.busy(false)
				s.showError(err)
				return
			}
			s.m.Deliver([]int64{om.ID}, func(res []mail.Result, err error) {
				s.busy(false)
				if errors.Is(err, mail.ErrNoSecret) { // the owner did not give the password: nothing went
					s.m.Withdraw([]int64{om.ID})
					kit.SetError(s.status, kit.MailCauseText(err))
					return
				}
				s.afterSend(om, res, err)
			})
		})
	})
}

// showError shows a refusal in the dialog: under its field when it is one.
func (s *sendDialog) showError(err error) {
	var fe *data.FieldError
	if errors.As(err, &fe) && s.form.Field(fe.Field) != nil {
		s.form.ShowErrors(err)
		return
	}
	kit.SetError(s.status, kit.MailCauseText(err))
}

func (s *sendDialog) busy(on bool) {
	kit.SetVisible(s.progress, on)
	if on {
		s.progress.Start()
		s.send.Disable()
		s.byOwn.Disable()
		kit.SetError(s.status, "")
		return
	}
	s.progress.Stop()
	if len(s.contactTasks) == 0 {
		s.send.Enable()
	}
	s.byOwn.Enable()
}

// onSentMyself records the step done without sending: the owner sent the
// message from their own mailbox.
func (s *sendDialog) onSentMyself() {
	g := s.group
	s.busy(true)
	s.m.host.Async(func() {
		err := s.m.host.Dunning().Complete(context.Background(), g, "", "")
		fyne.Do(func() {
			s.busy(false)
			if err != nil {
				kit.SetError(s.status, kit.ErrorSentence(err))
				return
			}
			s.hide()
			s.m.host.Changed()
		})
	})
}

// afterSend closes the dialog once the email was handed over, says how
// the send went, and runs sent when the server accepted it.
func (s *sendDialog) afterSend(om data.OutboxMessage, res []mail.Result, err error) {
	s.hide()
	accepted := err == nil && len(res) == 1 && res[0].State == data.OutboxSent
	if s.sent == nil || !accepted {
		s.m.host.Changed()
		s.m.Report(res, err)
		return
	}
	om.State = data.OutboxSent
	sent := s.sent
	s.m.host.Async(func() {
		err := sent(context.Background(), om)
		fyne.Do(func() {
			s.m.host.Changed()
			if err != nil {
				s.m.host.ShowError(err)
			}
		})
	})
}
