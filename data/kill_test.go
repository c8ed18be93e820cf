package data

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	killDBEnv    = "RELANCE_KILL_DB"    // the book the child writes to
	killCountEnv = "RELANCE_KILL_COUNT" // how many kills (make soak sets more)
)

// TestKillChild is the writer the kill test kills: it writes, one
// transaction at a time, a client with an invoice, a payment and an event,
// and says on stdout each invoice it committed; every 20 commits it writes
// a backup. It does nothing in a normal run.
func TestKillChild(t *testing.T) {
	path := os.Getenv(killDBEnv)
	if path == "" {
		t.Skip("run by TestKilledWritesLoseNothingCommitted")
	}
	store, err := Open(path, WithClock(ClockOn(testDay)))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	fmt.Println("ready")
	for i := 0; ; i++ {
		number := fmt.Sprintf("K-%d-%d", os.Getpid(), i)
		err := store.InTx(ctx, func(tx *Store) error {
			c := Client{Name: "Client " + number, Email: "compta@" + strings.ToLower(number) + ".fr"}
			if err := tx.CreateClient(ctx, &c); err != nil {
				return err
			}
			inv := Invoice{Number: number, ClientID: c.ID, IssueDate: testDay.AddDays(-40), DueDate: testDay.AddDays(-10),
				Amount: Money(1000 + i)}
			if err := tx.CreateInvoice(ctx, &inv); err != nil {
				return err
			}
			return tx.CreatePayment(ctx, &Payment{InvoiceID: inv.ID, Date: testDay, Amount: 500, Method: "transfer"})
		})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println("committed " + number) // os.Stdout is not buffered: said once on disk
		if i%20 == 19 {
			if err := store.BackupTo(ctx, filepath.Join(filepath.Dir(path), "backups", "relance-kill.db")); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestKilledWritesLoseNothingCommitted kills (SIGKILL) a process writing
// to the book at a random moment, again and again (200 times; make soak
// more): after each kill the book opens, PRAGMA integrity_check says ok,
// every invoice the process said committed is there with its payment, none
// is there half (an invoice without its client or payment), and the backup
// it was writing, when it got to the end of one, is a book that checks.
func TestKilledWritesLoseNothingCommitted(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	if raceEnabled {
		// Two hundred writers built with the race detector take minutes;
		// the race detector has nothing to find across processes. make test
		// runs this test without it.
		t.Skip("run without -race (make test does)")
	}
	kills := 200
	if n, err := strconv.Atoi(os.Getenv(killCountEnv)); err == nil && n > 0 {
		kills = n
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "relance.db")
	committed := map[string]bool{}
	ctx := context.Background()
	for k := range kills {
		child := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.count=1")
		child.Env = append(os.Environ(), killDBEnv+"="+path)
		out, err := child.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := child.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Killed at a random moment once the book is open: between two
		// writes, inside one, during a commit or a backup.
		ready := false
		timer := time.After(10 * time.Second)
		var kill <-chan time.Time
	read:
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					break read
				}
				switch {
				case line == "ready":
					ready = true
					kill = time.After(time.Duration(rand.IntN(50_000)) * time.Microsecond)
				case strings.HasPrefix(line, "committed "):
					committed[strings.TrimPrefix(line, "committed ")] = true
				}
			case <-kill:
				_ = child.Process.Kill()
				kill = nil
			case <-timer:
				_ = child.Process.Kill()
				t.Fatalf("kill %d: the writer did not get ready", k)
			}
		}
		state, _ := child.Process.Wait()
		if !ready {
			t.Fatalf("kill %d: the writer ended before it was ready (%v)", k, state)
		}
		checkAfterKill(t, ctx, path, committed, k)
	}
	t.Logf("%d kills, %d commits said", kills, len(committed))
}

// checkAfterKill opens the book the killed process wrote to and checks it.
func checkAfterKill(t *testing.T, ctx context.Context, path string, committed map[string]bool, k int) {
	t.Helper()
	s, err := Open(path, WithClock(ClockOn(testDay)))
	if err != nil {
		t.Fatalf("kill %d: the book does not open: %v", k, err)
	}
	defer s.Close()
	var result string
	if err := s.write.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&result); err != nil || result != "ok" {
		t.Fatalf("kill %d: integrity_check: %q %v", k, result, err)
	}
	var orphans int
	err = s.write.QueryRowContext(ctx, `SELECT COUNT(*) FROM invoices i WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = i.id)
		OR NOT EXISTS (SELECT 1 FROM clients c WHERE c.id = i.client_id)`).Scan(&orphans)
	if err != nil || orphans != 0 {
		t.Fatalf("kill %d: %d invoices written half (%v)", k, orphans, err)
	}
	rows, err := s.write.QueryContext(ctx, `SELECT number FROM invoices`)
	if err != nil {
		t.Fatal(err)
	}
	present := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		present[n] = true
	}
	rows.Close()
	for n := range committed {
		if !present[n] {
			t.Fatalf("kill %d: invoice %s was committed and is lost", k, n)
		}
	}
	backup := filepath.Join(filepath.Dir(path), "backups", "relance-kill.db")
	if _, err := os.Stat(backup); err == nil {
		if _, err := CheckBackup(ctx, backup); err != nil {
			t.Fatalf("kill %d: the backup in place does not check: %v", k, err)
		}
	}
}
