package settings

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/mail"
	"relance/app/ui/kit"
	"relance/data"
)

// mailSection is the Email tab of the settings: the sender, the SMTP
// server (with the providers' presets), the password kept in the OS
// keychain, the copy in the Sent folder, and Test connection.
type mailSection struct {
	host    kit.Host
	content fyne.CanvasObject
	loaded  data.MailAccount

	preset                                   *widget.Select
	fromName, fromAddress, replyTo           *kit.Entry
	smtpHost, port, username, secret         *kit.Entry
	checkAfter                               *kit.Entry // days in the outbox before an email is put to check
	imapHost, imapPort, imapFolder           *kit.Entry
	security, auth, imapSecurity             *widget.Select
	plaintext, bcc, sentCopy                 *widget.Check
	sender, server, sent                     *kit.Form
	secretField                              *kit.FormField
	imapBox                                  *fyne.Container
	secretHint, presetHint, testResult, save *widget.Label
	general                                  *widget.Label
	testButton, saveButton                   *widget.Button
	signIn                                   *mailSignIn
	inbox                                    *widget.Label // when the inbox was last read, and what was found
	inboxNow                                 *widget.Button
}

// mailSecurities are the security choices, in display order.
var mailSecurities = []data.Security{data.SecuritySSL, data.SecurityStartTLS, data.SecurityNone}

var mailSecurityKeys = map[data.Security]string{data.SecuritySSL: "mail.security.ssl",
	data.SecurityStartTLS: "mail.security.starttls", data.SecurityNone: "mail.security.none"}

// newMailSection builds the tab; set fills it.
func newMailSection(h kit.Host) *mailSection {
	s := &mailSection{host: h, general: kit.NewErrorLabel(),
		secretHint: settingsHint("mail.settings.secret_unknown"), presetHint: settingsHint("mail.settings.preset_hint"),
		testResult: &widget.Label{Wrapping: fyne.TextWrapWord}, save: newSavedLabel()}
	s.buildSender()
	s.buildServer()
	s.buildSent()
	s.signIn = newMailSignIn(s)
	s.inbox = settingsHint("mail.inbox.never")
	s.inboxNow = &widget.Button{Text: lang.L("mail.inbox.read_now"), Icon: theme.ViewRefreshIcon(), OnTapped: s.onReadInbox}
	s.fromAddress.OnChanged = func(text string) {
		s.save.Hide()
		s.signIn.onAddress(text)
	}
	s.testButton = &widget.Button{Text: lang.L("mail.settings.test"), Icon: theme.MailSendIcon(), OnTapped: s.onTest}
	s.saveButton = &widget.Button{Text: lang.L("button.save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance,
		OnTapped: s.onSave}
	body := container.NewVBox(
		settingsGroup("mail.settings.group.sender", s.sender.Content()),
		settingsGroup("mail.settings.group.server", s.presetHint, s.signIn.box, s.server.Content(), s.secretHint,
			s.signIn.advanced),
		settingsGroup("mail.settings.group.sent", s.imapBox,
			container.NewBorder(nil, nil, nil, s.inboxNow, s.inbox)),
		container.NewVBox(container.NewHBox(s.testButton), s.testResult))
	s.testResult.Hide()
	s.content = settingsPage("mail.settings.intro", body, settingsSaveBar(s.general, s.saveButton, s.save))
	return s
}

func (s *mailSection) newEntry(placeholder string) *kit.Entry {
	e := kit.NewEntry(s.host.Window())
	if placeholder != "" {
		e.PlaceHolder = lang.L(placeholder)
	}
	e.OnChanged = func(string) { s.save.Hide() }
	return e
}

func (s *mailSection) buildSender() {
	s.fromName = s.newEntry("mail.settings.from_name_hint")
	s.fromAddress = s.newEntry("")
	s.replyTo = s.newEntry("mail.settings.reply_to_hint")
	s.bcc = widget.NewCheck(lang.L("mail.settings.bcc"), func(bool) { s.save.Hide() })
	s.sender = kit.NewForm()
	s.sender.Add("from_name", false, s.fromName)
	s.sender.Add("from_address", true, s.fromAddress)
	s.sender.Add("reply_to", false, s.replyTo)
	s.sender.AddLabelled("mail.settings.copy", false, s.bcc)
	s.checkAfter = s.newEntry("")
	s.sender.Add("mail_check_after", true, container.NewVBox(s.checkAfter, settingsHint("mail.settings.check_after_hint")))
}

func (s *mailSection) buildServer() {
	names := []string{lang.L("mail.settings.preset_other")}
	for _, p := range mail.Presets {
		names = append(names, p.Name)
	}
	s.preset = widget.NewSelect(names, s.onPreset)
	s.smtpHost = s.newEntry("")
	s.port = s.newEntry("")
	s.security = widget.NewSelect(mailSecurityNames(), func(string) { s.onSecurity() })
	s.plaintext = widget.NewCheck(lang.L("mail.settings.plaintext"), func(bool) { s.save.Hide() })
	s.username = s.newEntry("mail.settings.username_hint")
	s.auth = widget.NewSelect(mailAuthNames(), func(string) { s.onAuth() })
	s.secret = s.newEntry("")
	s.secret.Password = true
	s.server = kit.NewForm()
	s.server.Add("mail_preset", false, s.preset)
	s.server.Add("smtp_host", true, s.smtpHost)
	s.server.Add("smtp_port", true, s.port)
	s.server.Add("smtp_security", true, container.NewVBox(s.security, s.plaintext))
	s.server.Add("smtp_username", false, s.username)
	s.server.Add("smtp_auth", false, s.auth)
	s.secretField = s.server.Add("smtp_password", false, s.secret)
}

func (s *mailSection) buildSent() {
	s.sentCopy = widget.NewCheck(lang.L("mail.settings.sent_copy"), func(bool) { s.save.Hide() })
	s.imapHost = s.newEntry("")
	s.imapPort = s.newEntry("")
	s.imapSecurity = widget.NewSelect(mailSecurityNames(), func(string) { s.save.Hide() })
	s.imapFolder = s.newEntry("mail.settings.folder_auto")
	s.sent = kit.NewForm()
	// The IMAP server is for reading the inbox (bounces, replies) and, when
	// asked, for the copy in Sent: always shown, required for the copy only.
	s.sent.Add("imap_host", false, s.imapHost)
	s.sent.Add("imap_port", false, s.imapPort)
	s.sent.Add("imap_security", false, s.imapSecurity)
	s.sent.Add("imap_folder", false, s.imapFolder)
	s.imapBox = container.NewVBox(s.sent.Content(), s.sentCopy, settingsHint("mail.settings.sent_hint"))
}

func mailSecurityNames() []string {
	out := make([]string, len(mailSecurities))
	for i, sec := range mailSecurities {
		out[i] = lang.L(mailSecurityKeys[sec])
	}
	return out
}

func mailAuthNames() []string {
	out := []string{lang.L("mail.auth.auto")}
	return append(out, data.AuthMechanisms[1:]...)
}

// set shows the stored account and the "check after" days; the secret's
// status is looked up in the keychain off the UI goroutine.
func (s *mailSection) set(a data.MailAccount, checkAfter int) {
	s.loaded = a
	s.checkAfter.SetText(strconv.Itoa(checkAfter))
	s.fromName.SetText(a.FromName)
	s.fromAddress.SetText(a.FromAddress)
	s.replyTo.SetText(a.ReplyTo)
	s.bcc.SetChecked(a.BCCSelf)
	s.preset.SetSelectedIndex(0)
	if _, ok := mail.PresetByKey(a.Preset); ok {
		s.preset.SetSelected(mailPresetName(a.Preset))
	}
	s.fillServer(a)
	s.username.SetText(a.Username)
	s.signIn.set(a)
	s.secret.SetText("")
	s.sentCopy.SetChecked(a.SentCopy)
	s.imapFolder.SetText(a.IMAPFolder)
	s.plaintext.SetChecked(a.AllowPlaintext)
	s.sender.ClearErrors()
	s.server.ClearErrors()
	s.sent.ClearErrors()
	s.save.Hide()
	s.testResult.Hide()
	s.host.Async(func() { s.showSecretStatus(context.Background()) })
	s.host.Async(s.showInbox)
}

// showInbox says when the inbox was last read and what was found there
// (off the UI goroutine).
func (s *mailSection) showInbox() {
	v, err := s.host.Store().GetState(context.Background(), mail.InboxReportKey)
	var r mail.InboxReport
	text := lang.L("mail.inbox.never")
	if err == nil && v != "" && json.Unmarshal([]byte(v), &r) == nil {
		text = lang.L("mail.inbox.last", map[string]any{"Date": kit.Date(data.DateOf(r.At.Local())),
			"Time": r.At.Local().Format("15:04"), "Found": inboxFound(r)})
	}
	fyne.Do(func() { s.inbox.SetText(text) })
}

// inboxFound says what a look at the inbox found: "2 new messages, 1
// reminder not delivered, 0 client replies".
func inboxFound(r mail.InboxReport) string {
	count := func(key string, n int) string { return lang.N(key, n, map[string]any{"Count": n}) }
	return count("mail.inbox.read_count", r.Read) + ", " + count("mail.inbox.bounce_count", r.Bounces) + ", " +
		count("mail.inbox.reply_count", r.Replies)
}

// onReadInbox reads the inbox now, as the window does every few minutes
// (with the account as saved), says what it found, and reloads the
// screens when a bounce or a reply came.
func (s *mailSection) onReadInbox() {
	s.inboxNow.Disable()
	s.inbox.SetText(lang.L("mail.inbox.reading"))
	s.host.Async(func() {
		report, err := s.host.Mail().CheckInbox(context.Background())
		s.showInbox()
		fyne.Do(func() {
			s.inboxNow.Enable()
			switch {
			case errors.Is(err, mail.ErrNoInbox):
				s.inbox.SetText(lang.L("mail.inbox.no_server"))
			case err != nil:
				s.inbox.SetText(lang.L("mail.inbox.failed", map[string]any{"Why": kit.MailCauseText(err)}))
			case report.Bounces+report.Replies > 0:
				s.host.Changed()
			}
		})
	})
}

// fillServer puts an account's server settings (a preset's) in the fields.
func (s *mailSection) fillServer(a data.MailAccount) {
	s.smtpHost.SetText(a.Host)
	s.port.SetText(mailPortText(a.Port))
	s.security.SetSelectedIndex(max(mailSecurityIndex(a.Security), 0))
	s.auth.SetSelectedIndex(max(indexOf(data.AuthMechanisms, a.Auth), 0))
	s.imapHost.SetText(a.IMAPHost)
	s.imapPort.SetText(mailPortText(a.IMAPPort))
	s.imapSecurity.SetSelectedIndex(max(mailSecurityIndex(a.IMAPSecurity), 0))
	s.onSecurity()
	s.onAuth()
}

func mailPortText(p int) string {
	if p <= 0 {
		return ""
	}
	return strconv.Itoa(p)
}

func mailSecurityIndex(sec data.Security) int { return indexOf(mailSecurities, sec) }

func indexOf[T comparable](list []T, v T) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}

func mailPresetName(key string) string {
	p, _ := mail.PresetByKey(key)
	return p.Name
}

// onPreset fills the server fields from the provider chosen.
func (s *mailSection) onPreset(name string) {
	s.save.Hide()
	for _, p := range mail.Presets {
		if p.Name != name {
			continue
		}
		a := s.read()
		p.Apply(&a)
		s.fillServer(a)
		s.sentCopy.SetChecked(a.SentCopy)
		s.plaintext.SetChecked(false)
		s.signIn.onPreset(p)
		return
	}
}

// onSecurity shows the "I understand" box only for an unencrypted server.
func (s *mailSection) onSecurity() {
	kit.SetVisible(s.plaintext, s.security.SelectedIndex() == mailSecurityIndex(data.SecurityNone))
	s.save.Hide()
}

// onAuth names the secret after the mechanism: a password, or an OAuth
// access token.
func (s *mailSection) onAuth() {
	key := "field.smtp_password"
	if a := s.read(); a.OAuth() {
		key = "field.smtp_token"
	}
	s.secretField.Label.SetText(lang.L(key))
	s.save.Hide()
}

// read gathers the fields into an account; a port that is not a number
// reads as 0, which validation refuses.
func (s *mailSection) read() data.MailAccount {
	a := data.MailAccount{FromName: s.fromName.Text, FromAddress: s.fromAddress.Text, ReplyTo: s.replyTo.Text,
		Host: s.smtpHost.Text, Username: s.username.Text, BCCSelf: s.bcc.Checked, AllowPlaintext: s.plaintext.Checked,
		SentCopy: s.sentCopy.Checked, IMAPHost: s.imapHost.Text, IMAPFolder: s.imapFolder.Text}
	a.Port, _ = strconv.Atoi(strings.TrimSpace(s.port.Text))
	a.IMAPPort, _ = strconv.Atoi(strings.TrimSpace(s.imapPort.Text))
	if i := s.security.SelectedIndex(); i >= 0 {
		a.Security = mailSecurities[i]
	}
	if i := s.imapSecurity.SelectedIndex(); i >= 0 {
		a.IMAPSecurity = mailSecurities[i]
	}
	if i := s.auth.SelectedIndex(); i >= 0 {
		a.Auth = data.AuthMechanisms[i]
	}
	if i := s.preset.SelectedIndex(); i > 0 {
		a.Preset = mail.Presets[i-1].Key
	}
	if s.signIn != nil {
		s.signIn.read(&a)
	}
	return a
}

// showSecretStatus says whether a password is saved, and where (runs off
// the UI goroutine: the keychain may take a moment).
func (s *mailSection) showSecretStatus(context.Context) {
	a := s.loaded
	secrets := s.host.Mail().Secrets()
	key := "mail.settings.secret_none"
	if !a.Configured() {
		key = "mail.settings.secret_unknown"
	} else if _, err := secrets.Get(kit.MailSecretKind(&a), &a); err == nil {
		key = "mail.settings.secret_saved"
	}
	text := lang.L(key)
	if why := secrets.Unavailable(); why != nil {
		key := "mail.settings.no_keychain"
		if a.OAuthProvider != "" { // no password: the sign-in is what is kept for the run
			key = "mail.settings.no_keychain_signin"
		}
		text = lang.L(key, map[string]any{"Reason": kit.MailKeychainText(why)})
	}
	fyne.Do(func() { s.secretHint.SetText(text) })
}

// onSave validates and saves the account, and the secret typed (in the
// keychain, or in memory for the run when there is none).
func (s *mailSection) onSave() {
	a := s.read()
	secret := s.secret.Text
	days, derr := s.readCheckAfter()
	if verr := s.validate(&a); derr != nil || verr != nil {
		s.showErrors(kit.MergeErrors(data.FieldErrorsOf(derr), verr))
		return
	}
	s.saveButton.Disable()
	s.host.Async(func() {
		ctx := context.Background()
		err := s.host.Store().UpdateMailAccount(ctx, &a)
		if err == nil {
			err = s.host.Store().SetMailCheckAfterDays(ctx, days)
		}
		hint := ""
		if err == nil && secret != "" {
			hint = s.storeSecret(&a, secret)
		}
		fyne.Do(func() {
			s.saveButton.Enable()
			if err != nil {
				s.showErrors(err)
				return
			}
			s.loaded = a
			s.secret.SetText("")
			s.showErrors(nil)
			s.save.Show()
			if hint != "" {
				s.secretHint.SetText(hint)
			}
		})
	})
}

// readCheckAfter reads the days an email may wait in the outbox before it
// is put to check: a whole number from 1 to 60.
func (s *mailSection) readCheckAfter() (int, error) {
	text := strings.TrimSpace(s.checkAfter.Text)
	days, err := strconv.Atoi(text)
	if err != nil || days < 1 || days > 60 {
		return 0, data.FieldErrors{&data.FieldError{Field: "mail_check_after", Reason: data.ReasonOutOfRange, Value: text}}
	}
	return days, nil
}

// storeSecret keeps the secret and says where it went.
func (s *mailSection) storeSecret(a *data.MailAccount, secret string) string {
	inKeychain, why := s.host.Mail().Secrets().Set(kit.MailSecretKind(a), a, secret)
	if inKeychain {
		return lang.L("mail.settings.secret_saved")
	}
	return lang.L("mail.settings.no_keychain", map[string]any{"Reason": kit.MailKeychainText(why)})
}

// validate checks the fields, the port's text first.
func (s *mailSection) validate(a *data.MailAccount) error {
	var errs data.FieldErrors
	for key, e := range map[string]*kit.Entry{"smtp_port": s.port, "imap_port": s.imapPort} {
		if _, err := strconv.Atoi(strings.TrimSpace(e.Text)); err != nil && (key == "smtp_port" || a.SentCopy) {
			errs = append(errs, &data.FieldError{Field: key, Reason: data.ReasonOutOfRange, Value: e.Text})
		}
	}
	errs = kit.MergeErrors(errs, a.Validate())
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// showErrors puts each field error under its field, in whichever group
// holds it; the rest at the bottom.
func (s *mailSection) showErrors(err error) {
	forms := []*kit.Form{s.sender, s.server, s.sent}
	for _, f := range forms {
		f.ClearErrors()
	}
	kit.SetError(s.general, "")
	if err == nil {
		return
	}
	fes := data.FieldErrorsOf(err)
	if len(fes) == 0 {
		kit.SetError(s.general, kit.ErrorSentence(err))
		return
	}
	for _, f := range forms {
		var mine data.FieldErrors
		for _, fe := range fes {
			if f.Field(fe.Field) != nil {
				mine = append(mine, fe)
			}
		}
		if len(mine) > 0 {
			f.ShowErrors(mine)
		}
	}
}

// onTest connects with the fields as they stand (saved or not), signs in
// and quits, then says how it went in plain words.
func (s *mailSection) onTest() {
	a := s.read()
	if err := s.validate(&a); err != nil {
		s.showErrors(err)
		return
	}
	s.showErrors(nil)
	typed := s.secret.Text
	s.testButton.Disable()
	s.showTest(lang.L("mail.settings.testing"), widget.MediumImportance)
	s.host.Async(func() {
		err := s.test(&a, typed)
		fyne.Do(func() {
			s.testButton.Enable()
			if err != nil {
				s.showTest(kit.MailCauseText(err), widget.DangerImportance)
				return
			}
			s.showTest(lang.L("mail.settings.test_ok", map[string]any{"Host": a.Host}), widget.SuccessImportance)
		})
	})
}

// test runs the connection test with the typed secret, else the saved one.
func (s *mailSection) test(a *data.MailAccount, typed string) error {
	svc := s.host.Mail()
	if a.OAuthProvider != "" { // signed in with the provider: its access token
		creds, err := svc.Credentials(context.Background(), a)
		if err != nil {
			return err
		}
		return svc.TestAccount(context.Background(), a, creds)
	}
	var creds mail.Credentials
	secret := typed
	if secret == "" && a.Username != "" {
		var err error
		if secret, err = svc.Secrets().Get(kit.MailSecretKind(a), a); err != nil {
			return err
		}
	}
	if a.OAuth() {
		creds.Token = secret
	} else {
		creds.Password = secret
	}
	return svc.TestAccount(context.Background(), a, creds)
}

func (s *mailSection) showTest(text string, importance widget.Importance) {
	s.testResult.Text, s.testResult.Importance = text, importance
	s.testResult.Show()
	s.testResult.Refresh()
}

// update reads the account off the UI goroutine and shows it.
func (s *mailSection) update(ctx context.Context) {
	a, err := s.host.Store().GetMailAccount(ctx)
	days, derr := s.host.Store().GetMailCheckAfterDays(ctx)
	fyne.Do(func() {
		if err = errors.Join(err, derr); err != nil {
			s.host.ShowError(err)
			return
		}
		s.set(a, days)
	})
}
