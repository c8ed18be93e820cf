package mail

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"relance/app/archive"
	"relance/app/sharedbook/sharedbooktest"
	"relance/data"
)

// sharedBookAddress is the address of an empty database of its own on the
// throwaway test server (sharedbooktest).
func sharedBookAddress(t *testing.T) string {
	t.Helper()
	_, _, address := sharedbooktest.NewDatabase(t)
	return address
}

// TestSharedBookEmailQueuedOnOnePCSentFromAnother: on a shared book, an
// email queued on one PC (data folder A) is sent from another (data folder
// B), which reads its archive from the book; the archive, dated as it
// went, is what the server received, and opens so on both PCs.
func TestSharedBookEmailQueuedOnOnePCSentFromAnother(t *testing.T) {
	ctx := context.Background()
	address := sharedBookAddress(t)
	open := func() *data.Store {
		s, err := data.OpenServer(ctx, address, data.WithClock(data.ClockOn(testDay)))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	b := fillBook(t, open(), t.TempDir(), 1) // PC A
	srv := startSMTP(t, serverOptions{})
	pcA := b.service(t, testAccount(srv), srv.password)
	om, err := pcA.Queue(ctx, b.message(0))
	if err != nil {
		t.Fatal(err)
	}
	storeB := open()
	filesB := &archive.Files{Dir: t.TempDir(), Store: storeB}
	pcB := NewService(storeB.Using(data.FixedClock{At: storeB.Now().Add(2 * time.Hour)}), filesB, pcA.Secrets(), pcA.Transport())
	results, err := pcB.Deliver(ctx, []int64{om.ID}, nil)
	if err != nil || len(results) != 1 || results[0].State != data.OutboxSent {
		t.Fatalf("B delivers A's email: %+v, %v", results, err)
	}
	got := srv.received()
	if len(got) != 1 {
		t.Fatalf("the server received %d messages", len(got))
	}
	for pc, files := range map[string]*archive.Files{"A": b.files(), "B": filesB} {
		p, err := files.Local(ctx, om.EML)
		if err != nil {
			t.Fatalf("%s opens the email: %v", pc, err)
		}
		archived, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(normalise(archived), normalise(got[0].data)) {
			t.Errorf("%s's archive differs from what the server got (%v):\n%s", pc, err, archived)
		}
	}
}
