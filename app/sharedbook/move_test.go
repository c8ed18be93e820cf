package sharedbook

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"relance/app/archive"
	"relance/app/datadir"
	"relance/data"
)

// TestMoveToAServerAndBack: a book file with an archived email moves to an
// empty shared book (checked, connected, its file in the book), a second
// PC reads it there, and it comes back to a file for an office of one,
// the first file kept aside.
func TestMoveToAServerAndBack(t *testing.T) {
	c, password, _ := testServer(t)
	ctx := context.Background()
	dir := t.TempDir()
	file, err := data.Open(datadir.DBPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	client := data.Client{Name: "Boulangerie Vernet", Email: "compta@vernet.fr"}
	if err := file.CreateClient(ctx, &client); err != nil {
		t.Fatal(err)
	}
	inv := data.Invoice{Number: "FA-1", ClientID: client.ID, IssueDate: data.MustDate("2026-10-01"),
		DueDate: data.MustDate("2026-10-31"), Amount: 120000}
	if err := file.CreateInvoice(ctx, &inv); err != nil {
		t.Fatal(err)
	}
	if err := file.CreatePayment(ctx, &data.Payment{InvoiceID: inv.ID, Date: data.MustDate("2026-11-10"), Amount: 20000, Method: "transfer"}); err != nil {
		t.Fatal(err)
	}
	eml := []byte("Subject: Rappel FA-1\r\n\r\nBonjour,\r\n")
	attachment := "invoices/FA-1.pdf"
	if err := (&archive.Files{Dir: dir, Store: file}).Write(ctx, attachment, eml); err != nil {
		t.Fatal(err)
	}
	inv.Attachment = attachment
	if err := file.UpdateInvoice(ctx, &inv); err != nil {
		t.Fatal(err)
	}
	var steps []MoveProgress
	moved, err := MoveToServer(ctx, file, dir, c, password, func(p MoveProgress) { steps = append(steps, p) })
	file.Close()
	if err != nil {
		t.Fatal(err)
	}
	if invoices, ok := moved.Report.Table("invoices"); !ok || invoices.Rows != 1 || moved.Files != 1 || len(moved.Lost) != 0 {
		t.Fatalf("moved %+v", moved)
	}
	if len(steps) == 0 || steps[len(steps)-1].Stage != StageFiles {
		t.Fatalf("progress told %+v", steps)
	}
	if got, ok, err := Load(dir); !ok || err != nil || got != c {
		t.Fatalf("the folder is not connected: %+v %v %v", got, ok, err)
	}

	// Another PC, another folder: the book and its file are there.
	other := t.TempDir()
	server, err := Open(ctx, c, password)
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	list, err := server.ListInvoiceSummaries(ctx)
	if err != nil || len(list) != 1 || list[0].Paid != 20000 || list[0].Attachment != attachment {
		t.Fatalf("the shared book reads %+v, %v", list, err)
	}
	local, err := (&archive.Files{Dir: other, Store: server}).Local(ctx, attachment)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(local); !bytes.Equal(b, eml) {
		t.Fatalf("the other PC opens %q", b)
	}
	// Moving again into a book that holds one is refused.
	again, err := data.Open(filepath.Join(t.TempDir(), "again.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if _, err := MoveToServer(ctx, again, t.TempDir(), c, password, nil); err == nil {
		t.Fatal("a book moved into a shared book that holds one")
	}

	// Back to a file, in the other PC's folder (which has no file yet)
	// and in the first one's (whose file is put aside).
	for _, folder := range []string{other, dir} {
		back, err := MoveToFile(ctx, server, folder, time.Date(2026, 12, 8, 9, 30, 0, 0, time.UTC), nil)
		if err != nil {
			t.Fatal(err)
		}
		if (folder == dir) != (back.KeptAs != "") {
			t.Fatalf("%s: kept as %q", folder, back.KeptAs)
		}
		if _, ok, _ := Load(folder); ok {
			t.Fatal("still connected after the way back")
		}
		f, err := data.Open(datadir.DBPath(folder))
		if err != nil {
			t.Fatal(err)
		}
		list, err := f.ListInvoiceSummaries(ctx)
		if err != nil || len(list) != 1 || list[0].Paid != 20000 {
			t.Fatalf("the file reads %+v, %v", list, err)
		}
		if paths, err := f.ListFilePaths(ctx, ""); err != nil || len(paths) != 0 {
			t.Fatalf("a file book keeping files in its table: %v %v", paths, err)
		}
		if b, err := os.ReadFile(filepath.Join(folder, filepath.FromSlash(attachment))); err != nil || !bytes.Equal(b, eml) {
			t.Fatalf("the archived file in %s: %q %v", folder, b, err)
		}
		f.Close()
	}
}
