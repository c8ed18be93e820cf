package mail

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync/atomic"
	"testing"
	"time"

	"relance/app/archive"
	"relance/data"
)

const crashDirEnv = "RELANCE_MAIL_CRASH_DIR"

// TestOutboxCrashChild is the sender the crash test kills: it delivers the
// queue of the book in $RELANCE_MAIL_CRASH_DIR. It does nothing in a
// normal run.
func TestOutboxCrashChild(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("run by TestOutboxSurvivesAKilledSender")
	}
	store, err := data.Open(filepath.Join(dir, "relance.db"), data.WithClock(data.ClockOn(testDay)))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	svc := NewService(store, &archive.Files{Dir: dir, Store: store}, NewSecrets(failingKeyring{}), Transport{Timeout: 10 * time.Second})
	if _, err := svc.RetryDue(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
}

// TestOutboxSurvivesAKilledSender queues 50 reminders, lets a separate
// process send them and kills it (SIGKILL) while the server holds the
// 21st, then restarts: no message arrives twice, none is lost, and the one
// in flight at the kill is shown interrupted, not resent.
func TestOutboxSurvivesAKilledSender(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{noTLS: true})
	b := newBook(t, 50)
	a := testAccount(srv)
	a.Security, a.AllowPlaintext, a.Username = data.SecurityNone, true, ""
	svc := b.service(t, a, "")
	var queued []data.OutboxMessage
	for i := range 50 {
		om, err := svc.Queue(ctx, b.message(i))
		if err != nil {
			t.Fatal(err)
		}
		queued = append(queued, om)
	}

	const killAt = 20 // messages received before the one in flight
	child := exec.Command(os.Args[0], "-test.run=^TestOutboxCrashChild$", "-test.count=1")
	child.Env = append(os.Environ(), crashDirEnv+"="+b.dir)
	var process atomic.Pointer[os.Process]
	srv.setHooks(nil, func(n int, _ []byte) error {
		if n == killAt {
			if p := process.Load(); p != nil {
				_ = p.Kill() // before the server's 250: the sender never hears back
			}
		}
		return nil
	})
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	process.Store(child.Process)
	waitErr := child.Wait()
	srv.setHooks(nil, nil)
	if state := child.ProcessState; state == nil || state.Success() {
		t.Fatalf("the sender was not killed: %v", waitErr)
	}
	// The server records the message in flight once the hook that killed
	// the sender returns, which may be after Wait saw the process die.
	if got := waitReceived(srv, killAt+1, 10*time.Second); got != killAt+1 {
		t.Fatalf("the server got %d messages before the kill, want %d", got, killAt+1)
	}

	// Restart: a new process (a new run) over the same book.
	restarted := NewService(b.store, b.files(), NewSecrets(failingKeyring{}), testTransport(t))
	// The owner sees the message in flight as interrupted, and the ones the
	// dead run queued but never tried as waiting.
	attention, err := restarted.Attention(ctx)
	if err != nil {
		t.Fatal(err)
	}
	interrupted := 0
	for _, m := range attention {
		switch {
		case m.Interrupted(restarted.Run()) && m.ID == queued[killAt].ID:
			interrupted++
		case m.State == data.OutboxQueued && m.Attempts == 0:
		default:
			t.Errorf("after the crash, unexpected in the owner's list: %+v", m)
		}
	}
	if interrupted != 1 || len(attention) != 50-killAt {
		t.Fatalf("after the crash, the owner must see the message in flight as interrupted and the %d others waiting: %+v",
			50-killAt-1, attention)
	}
	res, err := restarted.RetryDue(ctx, nil)
	if err != nil || len(res) != 50-killAt-1 {
		t.Fatalf("after restart: %d sent, %v", len(res), err)
	}
	attention, err = restarted.Attention(ctx)
	if err != nil || len(attention) != 1 || !attention[0].Interrupted(restarted.Run()) || attention[0].ID != queued[killAt].ID {
		t.Fatalf("once the others are sent, only the interrupted message is left to the owner: %+v, %v", attention, err)
	}

	ids := regexp.MustCompile(`(?m)^Message-I[Dd]: <([^>]+)>`)
	count := map[string]int{}
	for _, r := range srv.received() {
		m := ids.FindSubmatch(r.data)
		if m == nil {
			t.Fatal("a received message has no Message-ID")
		}
		count[string(m[1])]++
	}
	for i, om := range queued {
		if count[om.MessageID] != 1 {
			t.Errorf("message %d (%s) received %d times", i, om.MessageID, count[om.MessageID])
		}
		got, _ := b.store.GetOutboxMessage(ctx, om.ID)
		want := data.OutboxSent
		if i == killAt {
			want = data.OutboxSending
		}
		if got.State != want {
			t.Errorf("message %d is %s, want %s", i, got.State, want)
		}
	}
	if len(count) != 50 {
		t.Errorf("the server got %d distinct messages, want 50", len(count))
	}
}

// waitReceived waits until the server has recorded want messages, or the
// time is up, and returns how many it has.
func waitReceived(srv *smtpServer, want int, within time.Duration) int {
	deadline := time.Now().Add(within)
	for {
		got := len(srv.received())
		if got >= want || time.Now().After(deadline) {
			return got
		}
		time.Sleep(10 * time.Millisecond)
	}
}
