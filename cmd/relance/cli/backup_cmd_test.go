package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"relance/app/backup"
	"relance/data"
)

// TestBackupThenRestoreFromTheCommandLine: `relance backup --to DIR`
// writes a backup that checks; after a change to the book, `relance
// restore` puts it back (the changed book kept aside); a file that is no
// backup is refused with the book untouched, on stderr, exit 1.
func TestBackupThenRestoreFromTheCommandLine(t *testing.T) {
	dir := demoBook(t)
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "backup", "--data", dir, "--to", out)
	if code != 0 || stderr != "" {
		t.Fatalf("backup: %d %q %q", code, stdout, stderr)
	}
	list, err := backup.List(out)
	if err != nil || len(list) != 1 || !strings.Contains(stdout, list[0].Path) {
		t.Fatalf("backups in --to: %+v %v (said %q)", list, err, stdout)
	}
	var clients int
	editBook(t, dir, func(ctx context.Context, store *data.Store) {
		all, _ := store.ListClients(ctx)
		clients = len(all)
		c := data.Client{Name: "Ajouté après la sauvegarde"}
		if err := store.CreateClient(ctx, &c); err != nil {
			t.Fatal(err)
		}
	})

	text := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(text, []byte(strings.Repeat("pas une base ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCLI(t, "restore", "--data", dir, text)
	if code != 1 || stdout != "" || !strings.Contains(stderr, "notes.db") {
		t.Fatalf("restore of a text file: %d %q %q", code, stdout, stderr)
	}
	editBook(t, dir, func(ctx context.Context, store *data.Store) {
		if all, _ := store.ListClients(ctx); len(all) != clients+1 {
			t.Errorf("a refused restore changed the book: %d clients", len(all))
		}
	})

	code, stdout, stderr = runCLI(t, "restore", "--data", dir, list[0].Path)
	if code != 0 || stderr != "" {
		t.Fatalf("restore: %d %q %q", code, stdout, stderr)
	}
	editBook(t, dir, func(ctx context.Context, store *data.Store) {
		if all, _ := store.ListClients(ctx); len(all) != clients {
			t.Errorf("restored: %d clients, want %d", len(all), clients)
		}
	})
	kept, err := filepath.Glob(filepath.Join(dir, "relance.db.before-restore-*"))
	if err != nil || len(kept) == 0 {
		t.Fatalf("the book before the restore was not kept: %v %v", kept, err)
	}
	if info, err := data.CheckBackup(context.Background(), kept[0]); err != nil || info.Clients != clients+1 {
		t.Errorf("the book kept aside: %+v %v", info, err)
	}
}
