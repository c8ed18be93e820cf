package settings

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/datadir"
	"relance/app/mail"
	"relance/app/sharedbook"
	"relance/app/ui/kit"
)

// sharedSection is the "Shared book" tab: where the book is (a file on
// this PC, or a shared book on a server, and as whom), and the moves
// between the two: connect to a shared book, move this book to a server,
// send the archived files again, come back to a file, disconnect.
type sharedSection struct {
	host    kit.Host
	content fyne.CanvasObject
	where   *widget.Label
	status  *widget.Label
	busy    *widget.ProgressBar
	buttons *fyne.Container
}

func newSharedSection(h kit.Host) *sharedSection {
	s := &sharedSection{host: h, where: &widget.Label{Wrapping: fyne.TextWrapWord},
		status: &widget.Label{Wrapping: fyne.TextWrapWord}, busy: widget.NewProgressBar(), buttons: container.NewVBox()}
	s.status.Hide()
	s.busy.Hide()
	body := container.NewVBox(
		settingsGroup("shared.group.book", s.where, s.buttons, s.busy, s.status),
		settingsGroup("shared.group.office", settingsHint("shared.office_hint")))
	s.content = settingsPage("shared.intro", body, nil)
	s.show()
	return s
}

// show says where the book is and offers the moves that apply.
func (s *sharedSection) show() {
	button := func(key string, icon fyne.Resource, tapped func()) *widget.Button {
		return &widget.Button{Text: lang.L(key), Icon: icon, OnTapped: tapped, Alignment: widget.ButtonAlignLeading}
	}
	c, shared := s.host.SharedBook()
	if !shared {
		s.where.SetText(lang.L("shared.where_file", map[string]any{"Path": datadir.DBPath(s.host.DataDir())}))
		connect := button("shared.connect_button", theme.LoginIcon(), func() { openConnectDialog(s.host, connectJoin) })
		connect.Importance = widget.HighImportance
		s.buttons.Objects = []fyne.CanvasObject{
			container.NewHBox(connect, button("shared.move_button", theme.UploadIcon(), func() { openConnectDialog(s.host, connectMove) }))}
		s.buttons.Refresh()
		return
	}
	text := lang.L("shared.where_server", map[string]any{"Name": c.Name(), "TLS": lang.L("shared.tls." + c.TLS),
		"Person": c.PersonName()})
	if s.host.ReadOnly() {
		text += "\n" + lang.L("shared.read_only")
	}
	s.where.SetText(text)
	change := button("shared.change_button", theme.SettingsIcon(), func() { openConnectDialog(s.host, connectJoin) })
	upload := button("shared.upload_button", theme.UploadIcon(), s.onUpload)
	back := button("shared.back_button", theme.DownloadIcon(), s.onBack)
	leave := button("shared.leave_button", theme.LogoutIcon(), s.onLeave)
	if s.host.ReadOnly() {
		upload.Disable()
	}
	s.buttons.Objects = []fyne.CanvasObject{container.NewHBox(change, upload), container.NewHBox(back, leave)}
	s.buttons.Refresh()
}

// working shows a move under way and keeps the buttons from a second tap.
func (s *sharedSection) working(on bool) {
	kit.SetVisible(s.busy, on)
	s.busy.SetValue(0)
	for _, row := range s.buttons.Objects {
		for _, b := range row.(*fyne.Container).Objects {
			kit.SetEnabled(b.(*widget.Button), !on)
		}
	}
}

func (s *sharedSection) say(text string) {
	s.status.SetText(text)
	s.status.Show()
}

func (s *sharedSection) progress(p sharedbook.MoveProgress) {
	fyne.Do(func() { s.say(showMove(s.busy, p)) })
}

// onUpload sends the archived files of this PC's folder that the shared
// book lacks (a move whose files did not all go, or files written while
// the server could not be reached).
func (s *sharedSection) onUpload() {
	s.working(true)
	s.host.Async(func() {
		n, lost, err := sharedbook.UploadFiles(context.Background(), s.host.Store(), s.host.DataDir(), s.progress)
		fyne.Do(func() {
			s.working(false)
			if err != nil {
				s.say(lang.L("shared.files_failed", map[string]any{"Detail": kit.ErrorSentence(err)}))
				return
			}
			text := lang.N("shared.uploaded", n, map[string]any{"Count": n})
			if len(lost) > 0 {
				text += "\n" + lang.N("shared.files_lost", len(lost), map[string]any{"Count": len(lost)})
			}
			s.say(text)
		})
	})
}

// onBack copies the shared book into a file on this PC, after asking, and
// starts the window again on it.
func (s *sharedSection) onBack() {
	ask := dialog.NewConfirm(lang.L("shared.back_title"), lang.L("shared.back_question"), func(ok bool) {
		if !ok {
			return
		}
		s.working(true)
		s.host.Async(func() {
			moved, err := sharedbook.MoveToFile(context.Background(), s.host.Store(), s.host.DataDir(), time.Now(), s.progress)
			fyne.Do(func() {
				s.working(false)
				if err != nil {
					s.say(lang.L("shared.back_failed", map[string]any{"Detail": kit.ErrorSentence(err)}))
					return
				}
				text := lang.L("shared.back_done", map[string]any{"Invoices": tableRows(moved, "invoices"),
					"Payments": tableRows(moved, "payments"), "Files": moved.Files})
				if moved.KeptAs != "" {
					text += "\n" + lang.L("shared.back_kept", map[string]any{"Path": moved.KeptAs})
				}
				s.restart(text)
			})
		})
	}, s.host.Window())
	s.host.Track(ask)
	ask.Show()
}

// onLeave disconnects this PC from the shared book, after asking: the
// folder opens its own file again (the one the book was moved from, or an
// empty one). The shared book stays on the server for the others.
func (s *sharedSection) onLeave() {
	c, _ := s.host.SharedBook()
	ask := dialog.NewConfirm(lang.L("shared.leave_title"), lang.L("shared.leave_question", map[string]any{"Name": c.Name()}),
		func(ok bool) {
			if !ok {
				return
			}
			if err := sharedbook.Forget(s.host.DataDir()); err != nil {
				s.host.ShowError(err)
				return
			}
			_ = sharedbook.NewPasswords(mail.SystemKeyring{}).Forget(c)
			s.restart(lang.L("shared.left"))
		}, s.host.Window())
	s.host.Track(ask)
	ask.Show()
}

// restart says what was done, then starts the window again on the book.
func (s *sharedSection) restart(text string) {
	info := dialog.NewInformation(lang.L("shared.restart_title"), text, s.host.Window())
	info.SetOnClosed(func() { s.host.SwitchBook() })
	s.host.Track(info)
	info.Show()
}
