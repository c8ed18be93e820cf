package settings

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/backup"
	"relance/app/ui/kit"
	"relance/data"
)

// backupSection is the Backups tab: when the book was last copied and
// where, a second folder for the copies, "Back up now", the restore of a
// backup, and the zip of the whole book for another PC.
type backupSection struct {
	host    kit.Host
	content fyne.CanvasObject
	last    *widget.Label // the newest backup
	second  *widget.Label // the second folder, or none
	status  *widget.Label // what the last action did
	now     *widget.Button
	remove  *widget.Button // the second folder, shown when there is one
	busy    *widget.ProgressBarInfinite
	list    []backup.Backup
}

func newBackupSection(h kit.Host) *backupSection {
	s := &backupSection{host: h, last: &widget.Label{Wrapping: fyne.TextWrapWord},
		second: &widget.Label{Wrapping: fyne.TextWrapWord}, status: &widget.Label{Wrapping: fyne.TextWrapWord},
		busy: widget.NewProgressBarInfinite()}
	s.busy.Stop()
	s.busy.Hide()
	s.status.Hide()
	s.now = &widget.Button{Text: lang.L("backup.now"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance,
		OnTapped: s.onBackUpNow}
	restore := &widget.Button{Text: lang.L("backup.restore"), Icon: theme.HistoryIcon(), OnTapped: s.onRestore}
	chooseSecond := &widget.Button{Text: lang.L("backup.second.choose"), Icon: theme.FolderOpenIcon(), OnTapped: s.onChooseSecond}
	s.remove = &widget.Button{Text: lang.L("backup.second.remove"), Icon: theme.ContentClearIcon(),
		OnTapped: func() { s.setSecond("") }}
	s.remove.Hide()
	export := &widget.Button{Text: lang.L("backup.export"), Icon: theme.UploadIcon(), OnTapped: s.onExport}
	importZip := &widget.Button{Text: lang.L("backup.import"), Icon: theme.DownloadIcon(), OnTapped: s.onImport}
	// A backup is put back in place of the folder's file: a shared book is
	// on the server, whose own backups are its provider's. Its copies here
	// are book files, which "Come back to a file" and a move to a server
	// can take.
	sharedHint := settingsHint("backup.shared_hint")
	if _, shared := h.SharedBook(); shared {
		restore.Disable()
		importZip.Disable()
	} else {
		sharedHint.Hide()
	}
	body := container.NewVBox(
		settingsGroup("backup.group.copies", s.last, container.NewHBox(s.now, restore), sharedHint, s.busy, s.status),
		settingsGroup("backup.group.second", settingsHint("backup.second.hint"), s.second,
			container.NewHBox(chooseSecond, s.remove)),
		settingsGroup("backup.group.move", settingsHint("backup.move.hint"), container.NewHBox(export, importZip)),
		settingsGroup("backup.group.about", &widget.Label{Text: lang.L("backup.about", map[string]any{
			"Version": h.AppVersion(), "Folder": h.DataDir()}), Wrapping: fyne.TextWrapWord}))
	s.content = settingsPage("backup.intro", body, nil)
	return s
}

// load reads the backups and the second folder (off the UI goroutine) and
// shows them.
func (s *backupSection) load() {
	list, err := backup.List(filepath.Join(s.host.DataDir(), backup.Dir))
	second, serr := s.host.Store().GetState(context.Background(), backup.SecondFolderKey)
	failure, _ := s.host.Store().GetState(context.Background(), backup.LastErrorKey)
	fyne.Do(func() {
		if err != nil || serr != nil {
			s.host.ShowError(cmpErr(err, serr))
			return
		}
		s.list = list
		text := lang.L("backup.none")
		if len(list) > 0 {
			text = lang.L("backup.last", map[string]any{"When": kit.MailWhen(list[0].At), "Size": kit.FileSize(list[0].Size),
				"Kept": lang.N("backup.kept", len(list), map[string]any{"Count": len(list)}), "Folder": filepath.Dir(list[0].Path)})
		}
		if failure != "" {
			text += "\n" + lang.L("backup.last_failed", map[string]any{"Detail": failure})
		}
		s.last.SetText(text)
		kit.SetVisible(s.remove, second != "")
		if second == "" {
			s.second.SetText(lang.L("backup.second.none"))
		} else {
			s.second.SetText(lang.L("backup.second.folder", map[string]any{"Folder": second}))
		}
	})
}

func cmpErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// working shows the progress bar and disables "Back up now" while a copy
// is written.
func (s *backupSection) working(on bool) {
	kit.SetVisible(s.busy, on)
	if on {
		s.busy.Start()
		s.now.Disable()
	} else {
		s.busy.Stop()
		s.now.Enable()
	}
}

// say puts what an action did under the buttons.
func (s *backupSection) say(text string) {
	s.status.SetText(text)
	s.status.Show()
}

// onBackUpNow writes a backup now, and its copy in the second folder.
func (s *backupSection) onBackUpNow() {
	s.working(true)
	s.host.Async(func() {
		k := &backup.Keeper{Store: s.host.Store(), DataDir: s.host.DataDir()}
		res, err := k.Now(context.Background(), "")
		fyne.Do(func() {
			s.working(false)
			switch {
			case err != nil:
				s.say(lang.L("backup.failed", map[string]any{"Detail": err.Error()}))
			case res.SecondErr != nil:
				s.say(lang.L("backup.done_second_failed", map[string]any{"Path": res.Path, "Detail": res.SecondErr.Error()}))
			default:
				s.say(lang.L("backup.done", map[string]any{"Path": res.Path}))
			}
		})
		s.load()
	})
}

// onChooseSecond picks the second folder.
func (s *backupSection) onChooseSecond() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		s.setSecond(u.Path())
	}, s.host.Window())
	d.Resize(fyne.NewSize(860, 560))
	s.host.Track(d)
	d.Show()
}

// setSecond keeps the second folder ("" for none) after checking Relance
// can write there, and copies the newest backup to it at once.
func (s *backupSection) setSecond(folder string) {
	s.host.Async(func() {
		ctx := context.Background()
		err := backup.SetSecondFolder(ctx, s.host.Store(), folder)
		if err == nil && folder != "" {
			k := &backup.Keeper{Store: s.host.Store(), DataDir: s.host.DataDir()}
			var res backup.Result
			res, err = k.Now(ctx, "")
			if err == nil {
				err = res.SecondErr
			}
		}
		fyne.Do(func() {
			if err != nil {
				s.say(lang.L("backup.second.failed", map[string]any{"Folder": folder, "Detail": err.Error()}))
			} else if folder != "" {
				s.say(lang.L("backup.second.set", map[string]any{"Folder": folder}))
			}
		})
		s.load()
	})
}

// onRestore lists the backups to choose from, newest first, or another
// file (a backup on a USB key, the zip of a book).
func (s *backupSection) onRestore() {
	var d dialog.Dialog
	rows := container.NewVBox()
	for _, b := range s.list {
		b := b
		rows.Add(&widget.Button{Text: lang.L("backup.restore.item", map[string]any{"When": kit.MailWhen(b.At),
			"Size": kit.FileSize(b.Size)}), Alignment: widget.ButtonAlignLeading, Icon: theme.HistoryIcon(),
			OnTapped: func() { d.Hide(); s.confirmRestore(b.Path) }})
	}
	if len(s.list) == 0 {
		rows.Add(settingsHint("backup.none"))
	}
	other := &widget.Button{Text: lang.L("backup.restore.other"), Icon: theme.FolderOpenIcon(), OnTapped: func() {
		d.Hide()
		s.chooseFile([]string{".db", ".zip"}, s.confirmRestore)
	}}
	cancel := &widget.Button{Text: lang.L("button.cancel"), OnTapped: func() { d.Hide() }}
	body := container.NewBorder(settingsHint("backup.restore.hint"), container.NewHBox(other, layout.NewSpacer(), cancel), nil, nil,
		container.NewVScroll(rows))
	d = dialog.NewCustomWithoutButtons(lang.L("backup.restore.title"), container.NewGridWrap(fyne.NewSize(620, 420), body),
		s.host.Window())
	s.host.Track(d)
	d.Show()
}

// chooseFile opens a file of those kinds.
func (s *backupSection) chooseFile(exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		then(path)
	}, s.host.Window())
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Resize(fyne.NewSize(860, 560))
	s.host.Track(d)
	d.Show()
}

// confirmRestore checks the file (a .db; a zip is checked once unpacked)
// and says what it holds before the owner confirms: Relance then closes
// and opens again on it, the current book kept aside.
func (s *backupSection) confirmRestore(path string) {
	s.host.Async(func() {
		var info data.BackupInfo
		var err error
		if filepath.Ext(path) != ".zip" {
			info, err = data.CheckBackup(context.Background(), path)
		}
		fyne.Do(func() {
			if err != nil {
				s.say(kit.BackupRefusal(path, err))
				return
			}
			text := lang.L("backup.restore.confirm_zip", map[string]any{"File": filepath.Base(path)})
			if filepath.Ext(path) != ".zip" {
				text = lang.L("backup.restore.confirm", map[string]any{"File": filepath.Base(path), "Clients": info.Clients,
					"Invoices": info.Invoices})
			}
			d := dialog.NewConfirm(lang.L("backup.restore.title"), text, func(ok bool) {
				if ok {
					s.host.RestoreBook(path)
				}
			}, s.host.Window())
			d.SetConfirmText(lang.L("backup.restore.go"))
			d.SetDismissText(lang.L("button.cancel"))
			s.host.Track(d)
			d.Show()
		})
	})
}

// onExport saves the zip of the whole book.
func (s *backupSection) onExport() {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		s.working(true)
		s.host.Async(func() {
			err := backup.Export(context.Background(), s.host.Store(), s.host.DataDir(), wc)
			if cerr := wc.Close(); err == nil {
				err = cerr
			}
			if err == nil {
				err = os.Chmod(path, 0o600)
			}
			fyne.Do(func() {
				s.working(false)
				if err != nil {
					_ = os.Remove(path) // no half-written zip left to be taken for a whole one
					s.say(lang.L("backup.export.failed", map[string]any{"Detail": err.Error()}))
					return
				}
				s.say(lang.L("backup.export.done", map[string]any{"Path": path}))
			})
		})
	}, s.host.Window())
	d.SetFileName(fmt.Sprintf("relance-%s.zip", s.host.Today()))
	d.Resize(fyne.NewSize(860, 560))
	s.host.Track(d)
	d.Show()
}

// onImport restores the zip of a book made on another PC.
func (s *backupSection) onImport() { s.chooseFile([]string{".zip"}, s.confirmRestore) }
