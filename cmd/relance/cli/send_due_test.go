package cli

import (
	"context"
	"io"
	"log"
	"net"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"

	"relance/app/datadir"
	"relance/app/mail"
	"relance/data"
)

// sinkServer is an SMTP server on 127.0.0.1 that keeps what it gets, or
// refuses everything.
type sinkServer struct {
	port   int
	mu     sync.Mutex
	got    []string
	refuse bool
}

func startSink(t *testing.T) *sinkServer {
	t.Helper()
	s := &sinkServer{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &sinkSession{s}, nil }))
	srv.ErrorLog = log.New(io.Discard, "", 0)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.port = l.Addr().(*net.TCPAddr).Port
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

func (s *sinkServer) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.got)
}

type sinkSession struct{ s *sinkServer }

func (x *sinkSession) Mail(string, *smtp.MailOptions) error { return nil }
func (x *sinkSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (x *sinkSession) Reset()                               {}
func (x *sinkSession) Logout() error                        { return nil }
func (x *sinkSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	if x.s.refuse {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user"}
	}
	x.s.got = append(x.s.got, string(b))
	return err
}

// autoBook is a data folder whose one invoice has its first reminder due
// today, the step marked "send automatically", and a mail account on srv
// that needs no password (no keychain on a test machine).
func autoBook(t *testing.T, srv *sinkServer) string {
	t.Helper()
	dir := t.TempDir()
	store, err := data.Open(datadir.DBPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	fillAutoBook(t, store, srv)
	return dir
}

// fillAutoBook fills store as autoBook says.
func fillAutoBook(t *testing.T, store *data.Store, srv *sinkServer) {
	t.Helper()
	ctx := context.Background()
	today := data.SystemClock{}.Today()
	c := data.Client{Name: "Boulangerie Vernet", Email: "compta@vernet.fr"}
	if err := store.CreateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	// Due six days ago: the reminder at D+3 fell due on a business day by
	// today whatever the weekday; the call at D+10 is still ahead.
	inv := data.Invoice{Number: "FA-2026-0077", ClientID: c.ID, IssueDate: today.AddDays(-36), DueDate: today.AddDays(-6), Amount: 98000}
	if err := store.CreateInvoice(ctx, &inv); err != nil {
		t.Fatal(err)
	}
	scenarios, _ := store.ListScenarios(ctx)
	for _, st := range scenarios[0].Steps {
		switch st.TemplateKey {
		case "pre_due":
			if err := store.RecordAction(ctx, &data.Action{InvoiceID: inv.ID, StepID: st.ID, DoneOn: today.AddDays(-13)}); err != nil {
				t.Fatal(err)
			}
		case "reminder_1":
			st.AutoSend = true
			if err := store.UpdateStep(ctx, &st); err != nil {
				t.Fatal(err)
			}
		}
	}
	co, err := store.GetCompany(ctx)
	if err != nil {
		t.Fatal(err)
	}
	co.LegalName, co.IBAN, co.SignatoryName = "Atelier Dupont", "FR7630006000011234567890189", "Claire Dupont"
	if err := store.UpdateCompany(ctx, &co); err != nil {
		t.Fatal(err)
	}
	a := data.MailAccount{FromAddress: "moi@atelier-dupont.fr", Host: "127.0.0.1", Port: srv.port, Security: data.SecurityNone,
		AllowPlaintext: true}
	if err := store.UpdateMailAccount(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if err := store.MarkOnboarded(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestSendDueSendsTheAutomaticReminder(t *testing.T) {
	srv := startSink(t)
	dir := autoBook(t, srv)
	code, out, errOut := runCLI(t, "send-due", "--dry-run", "--data", dir)
	if code != 0 || !strings.Contains(out, "FA-2026-0077") || srv.count() != 0 {
		t.Fatalf("dry run: %d %q %q, %d sent", code, out, errOut, srv.count())
	}
	code, out, errOut = runCLI(t, "send-due", "--data", dir)
	if code != 0 || srv.count() != 1 || !strings.Contains(out, "FA-2026-0077") || !strings.Contains(out, "compta@vernet.fr") {
		t.Fatalf("send-due: %d %q %q, %d sent", code, out, errOut, srv.count())
	}
	code, out, _ = runCLI(t, "send-due", "--data", dir)
	if code != 0 || srv.count() != 1 || strings.TrimSpace(out) != say.T.L("cli.send_due.none") {
		t.Fatalf("a second run: %d %q, %d sent", code, out, srv.count())
	}
}

func TestSendDueFailsLoudly(t *testing.T) {
	srv := startSink(t)
	srv.refuse = true
	dir := autoBook(t, srv)
	code, out, _ := runCLI(t, "send-due", "--data", dir)
	if code != 1 || !strings.Contains(out, "550") {
		t.Fatalf("a refused message: exit %d, %q", code, out)
	}
	lock, err := datadir.Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	code, _, errOut := runCLI(t, "send-due", "--data", dir)
	if code != 1 || errOut != say.T.L("cli.send_due.locked", map[string]any{"Dir": dir})+"\n" {
		t.Fatalf("while the window is open: %d %q", code, errOut)
	}
	demo := demoBook(t)
	if code, _, errOut := runCLI(t, "send-due", "--data", demo); code != 1 || !strings.Contains(errOut, say.T.L("cli.send_due.demo")) {
		t.Fatalf("on the demo book: %d %q", code, errOut)
	}
}

// A relance.db of 0 bytes is refused with a sentence saying what to do,
// and stays as it is: not silently turned into an empty book that the
// unattended run would then find nothing to send in.
// Company details missing: send-due says which, in words, and sends
// nothing.
func TestSendDueRefusesWithoutCompanyDetails(t *testing.T) {
	srv := startSink(t)
	dir := autoBook(t, srv)
	editBook(t, dir, func(ctx context.Context, store *data.Store) {
		co, _ := store.GetCompany(ctx)
		co.SignatoryName = ""
		if err := store.UpdateCompany(ctx, &co); err != nil {
			t.Fatal(err)
		}
	})
	code, _, errOut := runCLI(t, "send-due", "--data", dir)
	want := say.T.L("cli.company_incomplete", map[string]any{"Fields": say.T.L("field.signatory_name")})
	if code != 1 || strings.TrimSpace(errOut) != want || srv.count() != 0 {
		t.Fatalf("send-due without a signatory: exit %d %q, %d sent; want %q", code, errOut, srv.count(), want)
	}
}

// An account that signs in, with no password in the keychain (none on a
// headless machine): send-due says so in words and queues nothing.
func TestSendDueRefusesWithoutAPassword(t *testing.T) {
	srv := startSink(t)
	dir := autoBook(t, srv)
	editBook(t, dir, func(ctx context.Context, store *data.Store) {
		a, _ := store.GetMailAccount(ctx)
		a.Username = "moi@atelier-dupont.fr"
		if err := store.UpdateMailAccount(ctx, &a); err != nil {
			t.Fatal(err)
		}
	})
	code, _, errOut := runCLI(t, "send-due", "--data", dir)
	if code != 1 || strings.TrimSpace(errOut) != say.T.L("cli.send_due.no_secret") || srv.count() != 0 {
		t.Fatalf("send-due without a password: exit %d %q, %d sent", code, errOut, srv.count())
	}
	editBook(t, dir, func(ctx context.Context, store *data.Store) {
		if q, _ := store.ListOutbox(ctx, data.OutboxQueued, data.OutboxFailed); len(q) != 0 {
			t.Errorf("%d emails queued without a password", len(q))
		}
	})
}

func TestSendDueRefusesAnEmptyBook(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(datadir.DBPath(dir), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "send-due", "--data", dir)
	if code != 1 || strings.TrimSpace(errOut) != say.T.L("cli.empty_book", map[string]any{"Dir": dir}) {
		t.Fatalf("send-due on a 0-byte book: %d %q", code, errOut)
	}
	if info, err := os.Stat(datadir.DBPath(dir)); err != nil || info.Size() != 0 {
		t.Fatalf("the empty book was written to: %v", err)
	}
}

// editBook opens the data folder's book for a test to change it.
func editBook(t *testing.T, dir string, edit func(ctx context.Context, store *data.Store)) {
	t.Helper()
	store, err := data.Open(datadir.DBPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	edit(context.Background(), store)
}

// After an incident the report says what became of each email, once, in
// its words: waiting for a retry is not "failed".
func TestSendDueReportsAnIncidentInItsWords(t *testing.T) {
	srv := startSink(t)
	dir := autoBook(t, srv)
	editBook(t, dir, func(ctx context.Context, store *data.Store) {
		a, _ := store.GetMailAccount(ctx)
		l, _ := net.Listen("tcp", "127.0.0.1:0")
		a.Port = l.Addr().(*net.TCPAddr).Port
		l.Close()
		if err := store.UpdateMailAccount(ctx, &a); err != nil {
			t.Fatal(err)
		}
	})
	code, out, errOut := runCLI(t, "send-due", "--data", dir)
	tally := say.T.L("cli.send_due.tally", map[string]any{"Sent": 0, "Later": 1, "Held": 0, "Check": 0, "Failed": 0, "Review": 0})
	if code != 1 || !strings.Contains(out, tally) || strings.Count(out, "compta@vernet.fr") != 1 {
		t.Fatalf("server down: exit %d\n%s\n%s\nwant the tally %q", code, out, errOut, tally)
	}
	if strings.Contains(errOut, "level=") {
		t.Errorf("the log went to the terminal, not relance.log: %q", errOut)
	}
}

// The run remembers the day it ran: a reminder that fell due while the
// computer was off is left for review, not sent late.
func TestSendDueLeavesAStepMissedWhileOffForReview(t *testing.T) {
	srv := startSink(t)
	dir := autoBook(t, srv)
	today := data.SystemClock{}.Today()
	editBook(t, dir, func(ctx context.Context, store *data.Store) {
		if err := store.SetState(ctx, mail.SendDueLastRunKey, today.AddDays(-10).String()); err != nil {
			t.Fatal(err)
		}
	})
	code, out, _ := runCLI(t, "send-due", "--data", dir)
	if code != 0 || srv.count() != 0 || !strings.Contains(out, say.T.L("cli.send_due.why_catch_up")) {
		t.Fatalf("a reminder missed while off: exit %d, %d sent\n%s", code, srv.count(), out)
	}
	editBook(t, dir, func(ctx context.Context, store *data.Store) {
		if v, _ := store.GetState(ctx, mail.SendDueLastRunKey); v != today.String() {
			t.Errorf("last run recorded %q, want %s", v, today)
		}
	})
}

// A pre-due notice marked "send automatically" never goes out once the
// due date has passed (the planner drops it, and send-due would refuse it).
func TestSendDueNeverSendsAPreDueNoticeLate(t *testing.T) {
	srv := startSink(t)
	dir := t.TempDir()
	today := data.SystemClock{}.Today()
	editBook(t, dir, func(ctx context.Context, store *data.Store) {
		c := data.Client{Name: "Boulangerie Vernet", Email: "compta@vernet.fr"}
		if err := store.CreateClient(ctx, &c); err != nil {
			t.Fatal(err)
		}
		// Entered when it was issued, a month ago: the notice was planned
		// for a week before the due date, while the computer was off.
		inv := data.Invoice{Number: "FA-2026-0078", ClientID: c.ID, IssueDate: today.AddDays(-32), DueDate: today.AddDays(-2), Amount: 98000}
		if err := store.Using(data.ClockOn(inv.IssueDate)).CreateInvoice(ctx, &inv); err != nil {
			t.Fatal(err)
		}
		scenarios, _ := store.ListScenarios(ctx)
		for _, st := range scenarios[0].Steps {
			if st.TemplateKey == "pre_due" {
				st.AutoSend = true
				if err := store.UpdateStep(ctx, &st); err != nil {
					t.Fatal(err)
				}
			}
		}
		a := data.MailAccount{FromAddress: "moi@atelier-dupont.fr", Host: "127.0.0.1", Port: srv.port, Security: data.SecurityNone,
			AllowPlaintext: true}
		if err := store.UpdateMailAccount(ctx, &a); err != nil {
			t.Fatal(err)
		}
		if err := store.MarkOnboarded(ctx); err != nil {
			t.Fatal(err)
		}
	})
	code, out, _ := runCLI(t, "send-due", "--data", dir)
	if srv.count() != 0 {
		t.Fatalf("a pre-due notice went out two days after the due date: exit %d\n%s", code, out)
	}
}
