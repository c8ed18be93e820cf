package cli

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"relance/app/sharedbook/sharedbooktest"
	"relance/app/words"
	"relance/data"
)

// childArgs carries the arguments of a relance process the two-process
// test starts: this test binary, running Run as main does.
const childArgs = "RELANCE_CLI_CHILD_ARGS"

// TestCLIChild is the relance process TestTwoProcessesSendOnce starts. It
// does nothing in a normal run.
func TestCLIChild(t *testing.T) {
	args := os.Getenv(childArgs)
	if args == "" {
		t.Skip("run by TestTwoProcessesSendOnce")
	}
	os.Exit(Run(strings.Split(args, "\x1f"), os.Stdout, os.Stderr, func(Book, []string) int { return 3 }))
}

// serverBook makes a throwaway database on the test server and returns
// its URL.
func serverBook(t *testing.T) string {
	t.Helper()
	_, _, u := sharedbooktest.NewDatabase(t)
	return u
}

// TestTwoProcessesSendOnce: two send-due processes, each with its own
// data folder as two PCs have, run at the same instant on one shared book,
// round after round. Every reminder due goes out once: none is lost, none
// is sent twice, each step is recorded once.
func TestTwoProcessesSendOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	db := serverBook(t)
	srv := startSink(t)
	ctx := context.Background()
	store, err := data.OpenServer(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	fillAutoBook(t, store, srv) // FA-2026-0077, due
	clients, err := store.ListClients(ctx)
	if err != nil || len(clients) != 1 {
		t.Fatalf("clients: %v %v", clients, err)
	}
	today := data.SystemClock{}.Today()
	const rounds, perRound = 6, 8
	pcs := []string{t.TempDir(), t.TempDir()}
	want := 0
	for round := range rounds {
		// The round's invoices, due as FA-2026-0077 was, each its client's
		// (a client's reminders due together go in one email).
		n := perRound
		if round == 0 {
			n-- // FA-2026-0077 is the first round's
		}
		for i := range n {
			c := data.Client{Name: fmt.Sprintf("Client %d-%d", round, i), Email: fmt.Sprintf("c%d-%d@client.fr", round, i)}
			if err := store.CreateClient(ctx, &c); err != nil {
				t.Fatal(err)
			}
			inv := data.Invoice{Number: fmt.Sprintf("FA-%d-%d", round, i), ClientID: c.ID, IssueDate: today.AddDays(-36),
				DueDate: today.AddDays(-6), Amount: 98000}
			if err := store.CreateInvoice(ctx, &inv); err != nil {
				t.Fatal(err)
			}
		}
		want += perRound
		var wg sync.WaitGroup
		outs := make([]string, len(pcs))
		for i, dir := range pcs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := exec.Command(os.Args[0], "-test.run=^TestCLIChild$")
				cmd.Env = append(os.Environ(), childArgs+"="+strings.Join([]string{"send-due", "--data", dir, "--db", db}, "\x1f"))
				out, _ := cmd.CombinedOutput()
				outs[i] = string(out)
			}()
		}
		wg.Wait()
		if round == 0 {
			t.Logf("first round, PC 1:\n%sPC 2:\n%s", outs[0], outs[1])
		}
		// Each run reports what it sent itself: the two reports together
		// name each email once.
		catalogue, err := words.Load(words.SystemLanguage()) // the children's language
		if err != nil {
			t.Fatal(err)
		}
		sentWord := strings.Fields(catalogue.L("cli.send_due.sent", map[string]any{}))[0]
		reported := 0
		for _, out := range outs {
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, sentWord) {
					reported++
				}
			}
		}
		if reported != perRound {
			t.Fatalf("round %d: the two runs report %d emails sent, want %d\nPC 1: %s\nPC 2: %s", round, reported, perRound, outs[0], outs[1])
		}
		if got := srv.count(); got != want {
			t.Fatalf("round %d: %d emails received, want %d\nPC 1: %s\nPC 2: %s", round, got, want, outs[0], outs[1])
		}
	}
	// Each invoice's first reminder is recorded done once, by one email.
	scenarios, err := store.ListScenarios(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var reminder int64
	for _, st := range scenarios[0].Steps {
		if st.TemplateKey == "reminder_1" {
			reminder = st.ID
		}
	}
	list, err := store.ListInvoiceSummaries(ctx)
	if err != nil || len(list) != want {
		t.Fatalf("%d invoices, %v", len(list), err)
	}
	for _, inv := range list {
		actions, err := store.ListActionsByInvoice(ctx, inv.ID)
		if err != nil {
			t.Fatal(err)
		}
		done := 0
		for _, a := range actions {
			if a.StepID == reminder && a.Status == data.ActionDone {
				done++
			}
		}
		if done != 1 {
			t.Errorf("%s: its first reminder recorded %d times", inv.Number, done)
		}
	}
	sent, err := store.ListOutbox(ctx, data.OutboxSent)
	if err != nil || len(sent) != want {
		t.Fatalf("%d emails sent in the outbox, want %d (%v)", len(sent), want, err)
	}
	t.Logf("%d rounds of two send-due processes at once: %d reminders due, %d emails received, each step recorded once",
		rounds, want, srv.count())
}

// TestMoveSaysWhere: relance move wants one destination, and a server's
// address it can read.
func TestMoveSaysWhere(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "move", "--data", dir); code != 2 || strings.TrimSpace(errOut) != say.T.L("cli.move.which") {
		t.Fatalf("no destination: %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "move", "--data", dir, "--to", "mysql://a@b/c", "--to-file"); code != 2 || errOut == "" {
		t.Fatalf("two destinations: %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "move", "--data", dir, "--to", "mysql://a@b/c"); code != 2 || !strings.Contains(errOut, "postgres://") {
		t.Fatalf("not a server: %d %q", code, errOut)
	}
}

// TestMoveToTheServerAndBack: the demo book moves to the test server with
// relance move, the folder then opens the shared book (due reads it), and
// moves back into a file, the first one kept aside.
func TestMoveToTheServerAndBack(t *testing.T) {
	db := serverBook(t)
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %q", errOut)
	}
	code, out, errOut := runCLI(t, "move", "--data", dir, "--to", db)
	if code != 0 || errOut != "" || !strings.Contains(out, "150") {
		t.Fatalf("move to the server: %d %q %q", code, out, errOut)
	}
	if _, err := os.Stat(dir + "/shared-book.json"); err != nil {
		t.Fatal("the folder is not connected")
	}
	// No keychain on a test machine: the next command's password comes
	// from PostgreSQL's own variable.
	u, _ := url.Parse(db)
	password, _ := u.User.Password()
	t.Setenv("PGPASSWORD", password)
	if code, out, _ := runCLI(t, "due", "--data", dir, "--json"); code != 0 || !strings.Contains(out, "FA-2026-") {
		t.Fatalf("due on the shared book: %d %q", code, out)
	}
	code, out, errOut = runCLI(t, "move", "--data", dir, "--to-file")
	if code != 0 || errOut != "" || !strings.Contains(out, "relance-before-") {
		t.Fatalf("back to a file: %d %q %q", code, out, errOut)
	}
	if _, err := os.Stat(dir + "/shared-book.json"); err == nil {
		t.Fatal("still connected")
	}
}
