// Package backup owns the copies of the book that let an owner recover
// from a dead PC or a mistake: a dated copy of the database in the data
// folder's backups/ at start and every day the app runs (the last 14 days
// and the last 12 months kept), a second copy in a folder the owner picks
// (a USB key, a synced folder), the restore of any of them, and one zip of
// everything (database and archived files) to move to another PC. It
// writes files only; the window and the command line say what happened.
package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"relance/data"
)

// Dir is the folder of the backups inside the data folder.
const Dir = "backups"

// FilesDir is, in the second folder, the copy of the data folder's
// archived files (sent emails, letters, attachments): the database refers
// to them, so a book restored from the second folder on a new PC gets them
// back.
const FilesDir = "files"

// Kept: how many daily and monthly backups stay.
const (
	KeepDays   = 14
	KeepMonths = 12
)

// filePrefix and fileExt frame a backup's name: relance-2026-12-07.db,
// relance-2026-12-07-153012.db for one made by hand.
const (
	filePrefix = "relance-"
	fileExt    = ".db"
)

// Backup is one backup file.
type Backup struct {
	Path string
	Day  data.Date // the day it was made
	At   time.Time // when (its file's time)
	Size int64
}

// Keeper makes and prunes the backups of one book.
type Keeper struct {
	Store   *data.Store
	DataDir string
	// Second, when set, is a folder that receives a copy of each backup
	// (a USB key, a synced folder) and of the archived files, else the one
	// the book names (SecondFolderKey); a failure there never fails the
	// backup.
	Second string
}

// Result is what a backup did.
type Result struct {
	Path       string
	SecondPath string // "" when there is no second folder
	SecondErr  error  // why the second copy failed
	Pruned     int
}

// Daily makes today's backup unless one exists, then prunes. made is false
// when today's was already there.
func (k *Keeper) Daily(ctx context.Context) (res Result, made bool, err error) {
	today := k.Store.Today()
	list, err := List(k.dir())
	if err != nil {
		return res, false, err
	}
	if slices.ContainsFunc(list, func(b Backup) bool { return b.Day == today }) {
		return res, false, nil
	}
	res, err = k.make(ctx, filePrefix+today.String()+fileExt)
	return res, err == nil, err
}

// Now makes a backup now, whatever exists (the "Back up now" button), to
// the backups folder or to dir when given (relance backup --to DIR: then
// nothing is pruned there).
func (k *Keeper) Now(ctx context.Context, dir string) (Result, error) {
	name := filePrefix + k.Store.Now().Local().Format("2006-01-02-150405") + fileExt
	if dir != "" {
		path := filepath.Join(dir, name)
		return Result{Path: path}, k.Store.BackupTo(ctx, path)
	}
	return k.make(ctx, name)
}

func (k *Keeper) dir() string { return filepath.Join(k.DataDir, Dir) }

// make writes a backup of that name in the backups folder, copies it to
// the second folder, and prunes both. It keeps in the book why it failed
// ("" once it succeeds), for Settings.
func (k *Keeper) make(ctx context.Context, name string) (Result, error) {
	res, err := k.write(ctx, name)
	failure := ""
	if err != nil {
		failure = err.Error()
	}
	if serr := k.Store.SetState(ctx, LastErrorKey, failure); err == nil {
		err = serr
	}
	return res, err
}

func (k *Keeper) write(ctx context.Context, name string) (Result, error) {
	res := Result{Path: filepath.Join(k.dir(), name)}
	if err := k.Store.BackupTo(ctx, res.Path); err != nil {
		return res, err
	}
	today := k.Store.Today()
	var err error
	if res.Pruned, err = Prune(k.dir(), today); err != nil {
		return res, err
	}
	second := k.Second
	if second == "" {
		if second, err = k.Store.GetState(ctx, SecondFolderKey); err != nil {
			return res, err
		}
	}
	if second != "" {
		res.SecondPath = filepath.Join(second, name)
		if res.SecondErr = copyFile(res.Path, res.SecondPath); res.SecondErr == nil {
			_, res.SecondErr = Prune(second, today)
		}
		if res.SecondErr == nil {
			res.SecondErr = mirrorFiles(ctx, k.DataDir, filepath.Join(second, FilesDir))
		}
	}
	return res, nil
}

// List returns the backups in dir, newest first; a missing folder holds
// none.
func List(dir string) ([]Backup, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("backups: %w", err)
	}
	var out []Backup
	for _, e := range entries {
		day, ok := dayOf(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, Backup{Path: filepath.Join(dir, e.Name()), Day: day, At: info.ModTime(), Size: info.Size()})
	}
	slices.SortFunc(out, func(a, b Backup) int {
		if c := b.Day.Compare(a.Day); c != 0 {
			return c
		}
		if c := b.At.Compare(a.At); c != 0 { // the later of the day first
			return c
		}
		return strings.Compare(b.Path, a.Path)
	})
	return out, nil
}

// dayOf reads the day out of a backup's name; ok is false for another file.
func dayOf(name string) (data.Date, bool) {
	if !strings.HasPrefix(name, filePrefix) || !strings.HasSuffix(name, fileExt) {
		return data.Date{}, false
	}
	stem := strings.TrimSuffix(strings.TrimPrefix(name, filePrefix), fileExt)
	if len(stem) != len("2006-01-02") && len(stem) != len("2006-01-02-150405") {
		return data.Date{}, false
	}
	d, err := data.ParseDate(stem[:10])
	return d, err == nil
}

// Prune deletes the backups in dir beyond what is kept: the newest of each
// of the last KeepDays days, and the newest of each of the last KeepMonths
// months. It returns how many it deleted.
func Prune(dir string, today data.Date) (int, error) {
	list, err := List(dir)
	if err != nil {
		return 0, err
	}
	keep := map[string]bool{}
	days, months := map[data.Date]bool{}, map[string]bool{}
	for _, b := range list { // newest first: the first seen of a day or month is its newest
		if today.DaysSince(b.Day) < KeepDays && !days[b.Day] {
			days[b.Day], keep[b.Path] = true, true
		}
		month := b.Day.String()[:7]
		if monthsBetween(b.Day, today) < KeepMonths && !months[month] {
			months[month], keep[b.Path] = true, true
		}
	}
	pruned := 0
	for _, b := range list {
		if keep[b.Path] {
			continue
		}
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return pruned, fmt.Errorf("prune backups: %w", err)
		}
		pruned++
	}
	return pruned, nil
}

// monthsBetween counts whole calendar months from a's month to b's.
func monthsBetween(a, b data.Date) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// copyFile copies a file, through a temporary name, readable by the owner
// only.
func copyFile(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
		return err
	}
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	tmp := to + ".part"
	dst, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		os.Remove(tmp)
		return err
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		os.Remove(tmp)
		return err
	}
	if err := dst.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, to)
}

// Restore puts a backup in place of the book in dataDir, once it checked
// (data.CheckBackup): the current file and its companions (-wal, -shm)
// are kept aside as relance.db.before-restore-<time>, never deleted. The
// caller has closed the book and holds the data folder's lock; it opens
// the book again after. It returns the name the current book was kept
// under ("" when there was none).
func Restore(ctx context.Context, dataDir, backupPath string, now time.Time) (info data.BackupInfo, keptAs string, err error) {
	if info, err = data.CheckBackup(ctx, backupPath); err != nil {
		return info, "", err
	}
	db := filepath.Join(dataDir, "relance.db")
	if _, err := os.Stat(db); err == nil {
		keptAs = db + ".before-restore-" + now.Local().Format("2006-01-02-150405")
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Rename(db+suffix, keptAs+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				return info, "", fmt.Errorf("restore: keep the current book aside: %w", err)
			}
		}
	}
	if err := copyFile(backupPath, db); err != nil {
		// Put the book back as it was: nothing lost.
		if keptAs != "" {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				_ = os.Rename(keptAs+suffix, db+suffix)
			}
		}
		return info, "", fmt.Errorf("restore: %w", err)
	}
	// A backup of the second folder has the archived files beside it: the
	// ones missing here come back (a new PC has none).
	if files := filepath.Join(filepath.Dir(backupPath), FilesDir); isDir(files) {
		if err := restoreFiles(ctx, files, dataDir); err != nil {
			return info, keptAs, fmt.Errorf("restore the archived files: %w", err)
		}
	}
	return info, keptAs, nil
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// archived reports whether a file of the data folder (its path relative to
// it, with slashes) is an archived file the book refers to: anything in a
// folder of its own (mail/, letters/, attachments/...), but the backups and
// an import's unpacking.
func archived(rel string) bool {
	return strings.Contains(rel, "/") && !strings.HasPrefix(rel, Dir+"/") && !strings.HasPrefix(rel, importDir+"/")
}

// mirrorFiles copies the data folder's archived files to dst, those not
// there yet (an archived file never changes once written).
func mirrorFiles(ctx context.Context, dataDir, dst string) error {
	return walkFiles(ctx, dataDir, func(p, rel string) error {
		if !archived(rel) {
			return nil
		}
		return copyMissing(p, filepath.Join(dst, filepath.FromSlash(rel)))
	})
}

// restoreFiles copies to dataDir the archived files of files it lacks; a
// file already there is left as it is.
func restoreFiles(ctx context.Context, files, dataDir string) error {
	return walkFiles(ctx, files, func(p, rel string) error {
		return copyMissing(p, filepath.Join(dataDir, filepath.FromSlash(rel)))
	})
}

// copyMissing copies from to to unless to exists with the same size.
func copyMissing(from, to string) error {
	src, err := os.Stat(from)
	if err != nil {
		return err
	}
	if dst, err := os.Stat(to); err == nil && dst.Size() == src.Size() {
		return nil
	}
	return copyFile(from, to)
}

// App state keys of the backups (in the book: a restored book brings its
// own).
const (
	// SecondFolderKey names the second folder backups are copied to.
	SecondFolderKey = "backup.second_folder"
	// LastErrorKey holds why the last automatic backup failed ("" once one
	// succeeds), for Settings.
	LastErrorKey = "backup.last_error"
)

// SetSecondFolder keeps the second folder ("" for none), once a file can
// be written there (a USB key unplugged, a folder read-only are said now,
// not at the next backup).
func SetSecondFolder(ctx context.Context, store *data.Store, folder string) error {
	if folder != "" {
		probe := filepath.Join(folder, ".relance-write-test")
		if err := os.WriteFile(probe, []byte("relance"), 0o600); err != nil {
			return fmt.Errorf("second folder %s: %w", folder, err)
		}
		_ = os.Remove(probe)
	}
	return store.SetState(ctx, SecondFolderKey, folder)
}
