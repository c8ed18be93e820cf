package settings

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/backup"
	"relance/app/ui/kit"
	"relance/app/ui/uitest"
)

// TestBackUpNowThenRestore: "Back up now" writes a backup in the data
// folder and says where; a second folder receives a copy; "Restore…"
// lists the backup, says what it holds and, confirmed, asks the window to
// put it back.
func TestBackUpNowThenRestore(t *testing.T) {
	u, _ := openSettings(t, SectionBackups)
	s := u.settings.backups
	if !strings.Contains(s.last.Text, lang.L("backup.none")) {
		t.Errorf("before any backup: %q", s.last.Text)
	}
	if !uitest.LabelContains(u.settings.content, "Relance "+u.AppVersion()) {
		t.Error("the version is not shown")
	}
	test.Tap(s.now)
	list, err := backup.List(filepath.Join(u.DataDir(), backup.Dir))
	if err != nil || len(list) != 1 {
		t.Fatalf("backups: %+v %v", list, err)
	}
	if s.status.Text != lang.L("backup.done", map[string]any{"Path": list[0].Path}) {
		t.Errorf("status %q", s.status.Text)
	}
	if strings.Contains(s.last.Text, lang.L("backup.none")) {
		t.Errorf("the last backup is not said: %q", s.last.Text)
	}

	second := t.TempDir()
	s.setSecond(second)
	if copies, _ := backup.List(second); len(copies) != 1 {
		t.Errorf("the second folder holds %d copies", len(copies))
	}
	if s.second.Text != lang.L("backup.second.folder", map[string]any{"Folder": second}) || !s.remove.Visible() {
		t.Errorf("second folder line %q (Remove shown: %v)", s.second.Text, s.remove.Visible())
	}
	s.setSecond(filepath.Join(second, "missing", "deeper"))
	if !strings.HasPrefix(s.status.Text, strings.Split(lang.L("backup.second.failed", map[string]any{"Folder": "X", "Detail": ""}), "X")[0]) {
		t.Errorf("an unwritable folder: %q", s.status.Text)
	}

	list, _ = backup.List(filepath.Join(u.DataDir(), backup.Dir))
	test.Tap(uitest.FindButton(t, u.settings.content, lang.L("backup.restore")))
	dlg := top(u)
	newest := lang.L("backup.restore.item", map[string]any{"When": kit.MailWhen(list[0].At), "Size": kit.FileSize(list[0].Size)})
	test.Tap(uitest.FindButton(t, dlg, newest))
	confirm := top(u)
	if !uitest.LabelContains(confirm, filepath.Base(list[0].Path)) {
		t.Fatal("the confirmation does not name the backup")
	}
	test.Tap(uitest.FindButton(t, confirm, lang.L("backup.restore.go")))
	if len(u.Restored) != 1 || u.Restored[0] != list[0].Path {
		t.Fatalf("restore asked of the window: %v", u.Restored)
	}
}
