package settings

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/mail"
	"relance/app/sharedbook"
	"relance/app/ui/kit"
	"relance/data"
)

// What the connection dialog is for.
const (
	connectJoin = iota // open a shared book that exists (or an empty one, to start it)
	connectMove        // move this PC's book into an empty shared book
)

// tlsModes are the TLS modes offered, safest first, with their words.
var tlsModes = []string{sharedbook.VerifyFull, sharedbook.Require, sharedbook.Disable}

// connectDialog asks how to reach a shared book (server, database, role,
// password, TLS and the server's CA, the person's name), tries it, and
// then either connects the data folder to it or moves the book into it;
// either way the window starts again on the shared book.
type connectDialog struct {
	host     kit.Host
	mode     int
	dlg      dialog.Dialog
	form     *kit.Form
	server   *kit.Entry
	port     *kit.Entry
	database *kit.Entry
	user     *kit.Entry
	password *widget.Entry
	tls      *kit.Select
	caFile   *kit.Entry
	person   *kit.Entry
	act      *widget.Button
	cancel   *widget.Button
	progress *widget.ProgressBar
	status   *widget.Label
}

// ConnectSharedBook opens the dialog that connects the data folder to a
// shared book: the welcome's "Connect to a shared book" and Settings'.
func ConnectSharedBook(h kit.Host) { openConnectDialog(h, connectJoin) }

func openConnectDialog(h kit.Host, mode int) {
	win := h.Window()
	d := &connectDialog{host: h, mode: mode, form: kit.NewForm(), server: kit.NewEntry(win), port: kit.NewEntry(win),
		database: kit.NewEntry(win), user: kit.NewEntry(win), password: widget.NewPasswordEntry(),
		caFile: kit.NewEntry(win), person: kit.NewEntry(win), progress: widget.NewProgressBar(),
		status: &widget.Label{Wrapping: fyne.TextWrapWord}}
	labels := make([]string, len(tlsModes))
	for i, m := range tlsModes {
		labels[i] = lang.L("shared.tls." + m)
	}
	d.tls = kit.NewSelect(win, labels, func(string) { d.showCA() })
	d.server.SetPlaceHolder(lang.L("shared.server_hint"))
	d.database.SetPlaceHolder("relance")
	d.caFile.SetPlaceHolder(lang.L("shared.ca_hint"))
	d.fill(h)
	choose := &widget.Button{Text: lang.L("shared.ca_choose"), Icon: theme.FolderOpenIcon(), OnTapped: d.chooseCA}
	d.form.Add("shared_server", true, d.server)
	d.form.Add("shared_port", true, d.port)
	d.form.Add("shared_database", true, d.database)
	d.form.Add("shared_user", true, d.user)
	d.form.Add("shared_password", false, d.password)
	d.form.Add("shared_tls", true, d.tls)
	d.form.Add("shared_ca", false, container.NewBorder(nil, nil, nil, choose, d.caFile))
	d.form.Add("shared_person", false, d.person)
	d.showCA()
	d.progress.Hide()
	d.status.Hide()
	actKey, titleKey, introKey := "shared.connect", "shared.connect_title", "shared.connect_intro"
	if mode == connectMove {
		actKey, titleKey, introKey = "shared.move", "shared.move_title", "shared.move_intro"
	}
	d.act = &widget.Button{Text: lang.L(actKey), Icon: theme.LoginIcon(), Importance: widget.HighImportance, OnTapped: d.onAct}
	d.cancel = &widget.Button{Text: lang.L("button.cancel"), Icon: theme.CancelIcon(), OnTapped: func() { d.dlg.Hide() }}
	intro := &widget.Label{Text: lang.L(introKey), Wrapping: fyne.TextWrapWord}
	body := container.NewBorder(intro, container.NewVBox(d.progress, d.status,
		container.NewHBox(layout.NewSpacer(), d.cancel, d.act)), nil, nil, container.NewVScroll(d.form.Content()))
	d.dlg = dialog.NewCustomWithoutButtons(lang.L(titleKey), container.NewGridWrap(fyne.NewSize(640, 520), body), win)
	h.Track(d.dlg)
	d.dlg.Show()
	win.Canvas().Focus(d.server)
}

// fill puts in the connection the folder has, else the defaults: port
// 5432, the server's certificate checked, the person named after the
// system's user.
func (d *connectDialog) fill(h kit.Host) {
	c, ok := h.SharedBook()
	if !ok {
		c = sharedbook.Connection{Port: sharedbook.DefaultPort, TLS: sharedbook.VerifyFull}
	}
	d.server.SetText(c.Host)
	d.port.SetText(strconv.Itoa(c.Port))
	d.database.SetText(c.Database)
	d.user.SetText(c.User)
	d.caFile.SetText(c.CAFile)
	d.person.SetText(c.Person)
	for i, m := range tlsModes {
		if m == c.TLS {
			d.tls.SetSelectedIndex(i)
		}
	}
}

// showCA shows the CA's field when the certificate is checked.
func (d *connectDialog) showCA() {
	if f := d.form.Field("shared_ca"); f != nil {
		f.SetVisible(d.tlsMode() == sharedbook.VerifyFull)
	}
}

func (d *connectDialog) tlsMode() string {
	if i := d.tls.SelectedIndex(); i >= 0 {
		return tlsModes[i]
	}
	return sharedbook.VerifyFull
}

// chooseCA picks the server's CA certificate (a .pem or .crt file).
func (d *connectDialog) chooseCA() {
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		d.caFile.SetText(r.URI().Path())
	}, d.host.Window())
	open.SetFilter(storage.NewExtensionFileFilter([]string{".pem", ".crt", ".cer"}))
	d.host.Track(open)
	open.Show()
}

// read checks the fields and returns the connection typed, or the errors
// under their fields.
func (d *connectDialog) read() (sharedbook.Connection, error) {
	c := sharedbook.Connection{Host: strings.TrimSpace(d.server.Text), Database: strings.TrimSpace(d.database.Text),
		User: strings.TrimSpace(d.user.Text), TLS: d.tlsMode(), Person: strings.TrimSpace(d.person.Text)}
	if c.TLS == sharedbook.VerifyFull {
		c.CAFile = strings.TrimSpace(d.caFile.Text)
	}
	var errs data.FieldErrors
	port, err := strconv.Atoi(strings.TrimSpace(d.port.Text))
	if err != nil || port < 1 || port > 65535 {
		errs = append(errs, &data.FieldError{Field: "shared_port", Reason: data.ReasonOutOfRange, Value: d.port.Text})
	}
	c.Port = port
	for key, v := range map[string]string{"shared_server": c.Host, "shared_database": c.Database, "shared_user": c.User} {
		if v == "" {
			errs = append(errs, &data.FieldError{Field: key, Reason: data.ReasonRequired})
		}
	}
	if len(errs) > 0 {
		return c, errs
	}
	return c, c.Check()
}

// onAct tries the connection; on success it connects the folder (or
// moves the book) and starts the window again on the shared book.
func (d *connectDialog) onAct() {
	d.form.ClearErrors()
	c, err := d.read()
	if err != nil {
		d.showError(err, c)
		return
	}
	password := d.password.Text
	if password == "" {
		password, _ = sharedbook.NewPasswords(mail.SystemKeyring{}).Get(c)
	}
	d.working(true, lang.L("shared.trying", map[string]any{"Name": c.Name()}))
	d.host.Async(func() {
		ctx := context.Background()
		var err error
		var moved sharedbook.Moved
		if d.mode == connectMove {
			moved, err = sharedbook.MoveToServer(ctx, d.host.Store(), d.host.DataDir(), c, password, d.onProgress)
		} else {
			err = join(ctx, d.host.DataDir(), c, password)
		}
		if err == nil || d.mode == connectMove && moved.Report.Rows() > 0 {
			// The password is kept once the server took it.
			kept := sharedbook.NewPasswords(mail.SystemKeyring{}).Set(c, password)
			if !kept {
				d.say(lang.L("shared.password_not_kept"))
			}
		}
		fyne.Do(func() {
			d.working(false, "")
			if err != nil && !(d.mode == connectMove && moved.Report.Rows() > 0) {
				d.showError(err, c)
				return
			}
			d.done(moved, err)
		})
	})
}

// join checks that the shared book opens (made at this version on an
// empty database) and connects the folder to it.
func join(ctx context.Context, dir string, c sharedbook.Connection, password string) error {
	ctx, cancel := context.WithTimeout(ctx, joinTimeout)
	defer cancel()
	s, err := sharedbook.Open(ctx, c, password)
	if err != nil {
		return err
	}
	s.Close()
	return sharedbook.Save(dir, c)
}

func (d *connectDialog) onProgress(p sharedbook.MoveProgress) {
	fyne.Do(func() { d.status.SetText(showMove(d.progress, p)) })
}

// showMove moves bar to where a move is and says it in words.
func showMove(bar *widget.ProgressBar, p sharedbook.MoveProgress) string {
	if p.Total > 0 {
		bar.SetValue(float64(p.Done) / float64(p.Total))
	}
	key := "shared.moving_rows"
	if p.Stage == sharedbook.StageFiles {
		key = "shared.moving_files"
	}
	return lang.L(key, map[string]any{"Done": p.Done, "Total": p.Total})
}

func (d *connectDialog) say(text string) {
	fyne.Do(func() { kit.SetError(d.status, text) })
}

// working shows that the server is tried (or the book moved) and keeps
// the buttons from a second tap.
func (d *connectDialog) working(on bool, text string) {
	kit.SetEnabled(d.act, !on)
	kit.SetEnabled(d.cancel, !on)
	d.status.Importance = widget.MediumImportance
	d.status.SetText(text)
	kit.SetVisible(d.status, text != "")
	kit.SetVisible(d.progress, on && d.mode == connectMove)
	d.progress.SetValue(0)
}

// showError puts a field's error under it, anything else in words under
// the form.
func (d *connectDialog) showError(err error, c sharedbook.Connection) {
	if len(data.FieldErrorsOf(err)) > 0 {
		d.form.ShowErrors(err)
		return
	}
	d.status.Importance = widget.DangerImportance
	kit.SetError(d.status, kit.SharedTroubleText(err, c))
}

// done says what happened and starts the window again on the shared book.
func (d *connectDialog) done(moved sharedbook.Moved, filesErr error) {
	d.dlg.Hide()
	text := lang.L("shared.connected")
	if d.mode == connectMove {
		text = lang.L("shared.moved", map[string]any{"Rows": moved.Report.Rows(), "Invoices": tableRows(moved, "invoices"),
			"Payments": tableRows(moved, "payments"), "Files": moved.Files})
		if filesErr != nil {
			text += "\n" + lang.L("shared.files_failed", map[string]any{"Detail": kit.ErrorSentence(filesErr)})
		}
		if len(moved.Lost) > 0 {
			text += "\n" + lang.N("shared.files_lost", len(moved.Lost), map[string]any{"Count": len(moved.Lost)})
		}
	}
	info := dialog.NewInformation(lang.L("shared.restart_title"), text, d.host.Window())
	info.SetOnClosed(func() { d.host.SwitchBook() })
	d.host.Track(info)
	info.Show()
}

func tableRows(m sharedbook.Moved, name string) int {
	t, _ := m.Report.Table(name)
	return t.Rows
}

// joinTimeout bounds a try of the server from the dialog (the connection
// itself gives up after sharedbook's own timeout; making the tables of a
// new book takes a few seconds more).
const joinTimeout = time.Minute
