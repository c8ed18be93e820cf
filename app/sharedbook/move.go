package sharedbook

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"relance/app/archive"
	"relance/app/datadir"
	"relance/data"
)

// Stages of a move, for its progress bar.
const (
	StageRows  = "rows"  // the book's records
	StageFiles = "files" // its archived files
)

// MoveProgress is how far a move is.
type MoveProgress struct {
	Stage       string // StageRows or StageFiles
	Table       string // the table being copied (StageRows)
	Done, Total int
}

// Moved is what a move did, for the window to say.
type Moved struct {
	Report data.CopyReport
	Files  int      // archived files carried
	Lost   []string // files the book names that the folder lacked
	KeptAs string   // MoveToFile: where the folder's earlier file was put aside
}

// MoveToServer copies the book in file (the data folder dir's) into the
// empty shared book c names, in one transaction checked row by row and sum
// by sum (data.CopyBook), then connects the folder to it: from the next
// start the folder opens the shared book. Its archived files follow into
// the shared book. The file stays where it was, untouched, for the way
// back should the office change its mind.
//
// When the files cannot all be sent (the connection dropped), the book is
// moved all the same and this PC still has them: UploadFiles sends the
// rest, and sends nothing twice.
func MoveToServer(ctx context.Context, file *data.Store, dir string, c Connection, password string,
	progress func(MoveProgress)) (Moved, error) {
	var moved Moved
	if file.Shared() {
		return moved, errors.New("the book is already on a server")
	}
	server, err := Open(ctx, c, password)
	if err != nil {
		return moved, err
	}
	defer server.Close()
	if moved.Report, err = data.CopyBook(ctx, file, server, rowsProgress(progress)); err != nil {
		return moved, err
	}
	if err := Save(dir, c); err != nil {
		return moved, err
	}
	moved.Files, moved.Lost, err = UploadFiles(ctx, server, dir, progress)
	return moved, err
}

// UploadFiles puts the archived files of the data folder dir into the
// shared book server (MoveToServer's second half, and its retry); it
// returns how many the book holds and those the folder lacked.
func UploadFiles(ctx context.Context, server *data.Store, dir string, progress func(MoveProgress)) (int, []string, error) {
	done := 0
	lost, err := (&archive.Files{Dir: dir, Store: server}).Upload(ctx, func(d, total int) {
		done = d
		if progress != nil {
			progress(MoveProgress{Stage: StageFiles, Done: d, Total: total})
		}
	})
	return done, lost, err
}

// MoveToFile copies the shared book server into a new book file in the
// data folder dir, with its archived files, and disconnects the folder
// from the server: for an office that downsizes to one PC. The folder's
// earlier file, if any (the one the book was moved from), is put aside
// under a dated name, never deleted. The shared book stays on the server
// as it is.
func MoveToFile(ctx context.Context, server *data.Store, dir string, now time.Time, progress func(MoveProgress)) (Moved, error) {
	var moved Moved
	if !server.Shared() {
		return moved, errors.New("the book is not on a server")
	}
	path := datadir.DBPath(dir)
	tmp := path + ".incoming"
	_ = os.Remove(tmp)
	file, err := data.Open(tmp)
	if err != nil {
		return moved, err
	}
	if moved.Report, err = data.CopyBook(ctx, server, file, rowsProgress(progress)); err != nil {
		file.Close()
		os.Remove(tmp)
		return moved, err
	}
	// A file book keeps its archived files in the folder: they come out
	// of the shared book into it, and out of the copied table.
	files := &archive.Files{Dir: dir, Store: server}
	err = files.Download(ctx, func(d, total int) {
		moved.Files = d
		if progress != nil {
			progress(MoveProgress{Stage: StageFiles, Done: d, Total: total})
		}
	})
	if err == nil {
		err = file.DeleteAllFiles(ctx)
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return moved, err
	}
	if _, err := os.Stat(path); err == nil {
		moved.KeptAs = filepath.Join(dir, fmt.Sprintf("relance-before-%s.db", now.Format("2006-01-02-150405")))
		if err := os.Rename(path, moved.KeptAs); err != nil {
			os.Remove(tmp)
			return moved, fmt.Errorf("put the earlier book aside: %w", err)
		}
		for _, side := range []string{"-wal", "-shm"} {
			_ = os.Rename(path+side, moved.KeptAs+side)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return moved, fmt.Errorf("put the book in place: %w", err)
	}
	return moved, Forget(dir)
}

func rowsProgress(progress func(MoveProgress)) func(data.CopyProgress) {
	if progress == nil {
		return nil
	}
	return func(p data.CopyProgress) {
		progress(MoveProgress{Stage: StageRows, Table: p.Table, Done: p.Done, Total: p.Total})
	}
}
