package mailui

import (
	"bytes"
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/exports"
	"relance/app/mail"
	"relance/app/ui/kit"
	"relance/data"
)

// SendToAccountant mails the open items (exports.ReportAccountant: the
// invoices left to pay and the aged balance, as one workbook) to the
// company's accountant through the owner's account, after a dialog that
// shows the address, the subject and the words, all editable. The address
// used is kept as the accountant's for the next time.
func (m *Mailer) SendToAccountant() {
	m.host.Async(func() {
		company, err := m.host.Store().GetCompany(context.Background())
		fyne.Do(func() {
			if err != nil {
				m.host.ShowError(err)
				return
			}
			m.accountantDialog(company)
		})
	})
}

// accountantDialog is the dialog of SendToAccountant, drafted from the
// company's details.
func (m *Mailer) accountantDialog(company data.Company) {
	today := m.host.Today()
	file := exports.FileName(kit.Say, exports.ReportAccountant, today, exports.XLSX.Ext())
	words := map[string]any{"Date": kit.LongDate(today), "Company": company.LegalName, "Signatory": company.SignatoryName,
		"File": file}
	form := kit.NewForm()
	to, subject, body := kit.NewEntry(m.host.Window()), kit.NewEntry(m.host.Window()), kit.NewEntry(m.host.Window())
	to.SetText(company.AccountantEmail)
	to.PlaceHolder = lang.L("mail.accountant.to_placeholder")
	subject.SetText(lang.L("mail.accountant.subject", words))
	body.MultiLine, body.Wrapping = true, fyne.TextWrapWord
	body.SetText(lang.L("mail.accountant.body", words))
	body.SetMinRowsVisible(9)
	form.Add("accountant_email", true, to)
	form.Add("mail_subject", true, subject)
	form.Add("mail_body", true, body)
	form.AddLabelled("mail.accountant.file", false, &widget.Label{Text: file, Importance: widget.LowImportance})
	submit := func() (func(context.Context) error, error) {
		msg := mail.Message{To: data.SplitEmails(to.Text), Subject: strings.TrimSpace(subject.Text), Text: body.Text}
		if err := checkAccountantDraft(msg); err != nil {
			return nil, err
		}
		return func(ctx context.Context) error { return m.sendOpenItems(ctx, msg, file, today) }, nil
	}
	fd := kit.NewFormDialog(m.host, "mail.accountant.title", form, fyne.NewSize(620, 430), submit, func() {
		m.Show("mail.accountant.sent_title", lang.L("mail.accountant.sent", map[string]any{"To": to.Text, "File": file}))
	})
	fd.Save.SetText(lang.L("mail.send.send"))
	fd.Save.SetIcon(theme.MailSendIcon())
	fd.Show(to)
}

// checkAccountantDraft names the field an email to the accountant cannot
// go without.
func checkAccountantDraft(msg mail.Message) error {
	var es data.FieldErrors
	if len(msg.To) == 0 {
		es = append(es, &data.FieldError{Field: "accountant_email", Reason: data.ReasonRequired})
	} else if err := data.CheckEmails("accountant_email", strings.Join(msg.To, ",")); err != nil {
		es = append(es, data.FieldErrorsOf(err)...)
	}
	if msg.Subject == "" {
		es = append(es, &data.FieldError{Field: "mail_subject", Reason: data.ReasonRequired})
	}
	if len(es) > 0 {
		return es
	}
	return nil
}

// sendOpenItems writes the open items as a workbook, mails it, then keeps
// the address as the accountant's.
func (m *Mailer) sendOpenItems(ctx context.Context, msg mail.Message, file string, today data.Date) error {
	var buf bytes.Buffer
	if err := exports.Write(ctx, m.host.Store(), exports.ReportAccountant, &buf, exports.XLSX, kit.Say, today); err != nil {
		return err
	}
	msg.Attachments = []mail.Attachment{{Name: file, Kind: "export", Data: buf.Bytes()}}
	if _, err := m.svc.SendNow(ctx, msg); err != nil {
		return err
	}
	company, err := m.host.Store().GetCompany(ctx)
	if err != nil {
		return err
	}
	if address := strings.Join(msg.To, ", "); company.AccountantEmail != address {
		company.AccountantEmail = address
		return m.host.Store().UpdateCompany(ctx, &company)
	}
	return nil
}
