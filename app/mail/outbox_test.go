package mail

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"relance/data"
)

var pdfBytes = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// part is one leaf of a parsed MIME message.
type part struct {
	contentType string
	filename    string
	body        []byte
}

// leaves walks a MIME entity and returns its leaves, decoded.
func leaves(t *testing.T, header mail.Header, body io.Reader) []part {
	t.Helper()
	mediaType, params, err := mime.ParseMediaType(header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("content type %q: %v", header.Get("Content-Type"), err)
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		var out []part
		r := multipart.NewReader(body, params["boundary"])
		for {
			p, err := r.NextRawPart()
			if err == io.EOF {
				return out
			}
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, leaves(t, mail.Header(p.Header), p)...)
		}
	}
	raw, _ := io.ReadAll(body)
	var decoded []byte
	switch strings.ToLower(header.Get("Content-Transfer-Encoding")) {
	case "quoted-printable":
		decoded, err = io.ReadAll(quotedPrintable(raw))
	case "base64":
		decoded, err = io.ReadAll(base64Reader(raw))
	default:
		decoded = raw
	}
	if err != nil {
		t.Fatal(err)
	}
	_, dparams, _ := mime.ParseMediaType(header.Get("Content-Disposition"))
	return []part{{contentType: mediaType, filename: dparams["filename"], body: decoded}}
}

func TestSendReminderArrivesIntact(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 1)
	a := testAccount(srv)
	a.BCCSelf = true
	svc := b.service(t, a, srv.password)
	m := b.message(0)
	m.Attachments = []Attachment{{Name: "FA-2026-0001.pdf", Kind: "invoice", Data: pdfBytes}}
	om, err := svc.Queue(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	results, err := svc.Deliver(ctx, []int64{om.ID}, nil)
	if err != nil || len(results) != 1 || results[0].State != data.OutboxSent {
		t.Fatalf("deliver: %+v, %v", results, err)
	}
	got := srv.received()
	if len(got) != 1 {
		t.Fatalf("server received %d messages", len(got))
	}
	r := got[0]
	if r.from != a.FromAddress || !slices.Equal(r.to, []string{"compta@vernet.fr", "gerant@vernet.fr", a.FromAddress}) {
		t.Fatalf("envelope from %q to %v (the copy to the owner goes as Bcc)", r.from, r.to)
	}
	archived, err := os.ReadFile(filepath.Join(b.dir, filepath.FromSlash(om.EML)))
	if err != nil || !bytes.Equal(normalise(archived), normalise(r.data)) {
		t.Fatalf("the archived .eml differs from what the server got (%v)", err)
	}
	if !strings.HasPrefix(om.EML, "mail/2026/") || !strings.HasSuffix(om.EML, om.MessageID+".eml") {
		t.Errorf("archived as %s", om.EML)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(r.data))
	if err != nil {
		t.Fatal(err)
	}
	checkHeaders(t, msg.Header, om.MessageID, m.Subject)
	parts := leaves(t, msg.Header, msg.Body)
	var text, html, pdf *part
	for i := range parts {
		switch {
		case parts[i].filename != "":
			pdf = &parts[i]
		case parts[i].contentType == "text/plain":
			text = &parts[i]
		case parts[i].contentType == "text/html":
			html = &parts[i]
		}
	}
	if text == nil || string(normalise(text.body)) != m.Text {
		t.Errorf("text part %q", text)
	}
	if html == nil || !strings.Contains(string(html.body), "Sauf erreur de notre part") {
		t.Errorf("html part %v", html)
	}
	if pdf == nil || pdf.filename != "FA-2026-0001.pdf" || pdf.contentType != "application/pdf" || !bytes.Equal(pdf.body, pdfBytes) {
		t.Errorf("attachment %+v", pdf)
	}
	checkRecorded(t, b, om)
}

func normalise(b []byte) []byte {
	return bytes.TrimRight(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), "\n")
}

func checkHeaders(t *testing.T, h mail.Header, messageID, subject string) {
	t.Helper()
	dec := new(mime.WordDecoder)
	gotSubject, _ := dec.DecodeHeader(h.Get("Subject"))
	from, _ := h.AddressList("From")
	to, _ := h.AddressList("To")
	cc, _ := h.AddressList("Cc")
	reply, _ := h.AddressList("Reply-To")
	switch {
	case gotSubject != subject:
		t.Errorf("subject %q, want %q", gotSubject, subject)
	case len(from) != 1 || from[0].Name != "Atelier Dupont" || from[0].Address != "moi@atelier-dupont.fr":
		t.Errorf("from %v", from)
	case len(to) != 1 || to[0].Address != "compta@vernet.fr", len(cc) != 1 || cc[0].Address != "gerant@vernet.fr":
		t.Errorf("to %v cc %v", to, cc)
	case len(reply) != 1 || reply[0].Address != "compta@atelier-dupont.fr":
		t.Errorf("reply-to %v", reply)
	case h.Get("Bcc") != "":
		t.Errorf("the owner's copy shows in a Bcc header: %q", h.Get("Bcc"))
	case h.Get("Message-Id") != "<"+messageID+">":
		t.Errorf("Message-ID %q, want <%s>", h.Get("Message-Id"), messageID)
	case h.Get("Date") == "":
		t.Error("no Date header")
	}
}

// checkRecorded checks the email is marked sent and its step recorded
// done with the archived file, on the invoice's timeline.
func checkRecorded(t *testing.T, b *book, om data.OutboxMessage) {
	t.Helper()
	ctx := context.Background()
	got, _ := b.store.GetOutboxMessage(ctx, om.ID)
	if got.State != data.OutboxSent || got.SentAt.IsZero() || got.Attempts != 1 {
		t.Errorf("outbox row %+v", got)
	}
	inv := om.Items[0].InvoiceID
	actions, _ := b.store.ListActionsByInvoice(ctx, inv)
	if len(actions) != 1 || actions[0].StepID != b.step.ID || actions[0].File != om.EML {
		t.Errorf("actions %+v", actions)
	}
	events, _ := b.store.ListEventsByInvoice(ctx, inv)
	if e := events[len(events)-1]; e.Kind != data.EventStepDone || e.File != om.EML {
		t.Errorf("last event %+v", e)
	}
}

func TestSendFailuresSetTheOutboxState(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	cases := []struct {
		name     string
		onMail   func(string) error
		onData   func(int, []byte) error
		password string
		state    data.OutboxState
		cause    Cause
		code     int
		words    string
	}{
		{"421 closing", func(string) error { return smtpErr(421, smtp.EnhancedCode{4, 3, 2}, "Service not available, closing") },
			nil, srv.password, data.OutboxQueued, CauseTemporary, 421, "Service not available, closing"},
		{"451 greylisted", func(string) error { return smtpErr(451, smtp.EnhancedCode{4, 7, 1}, "Greylisted, try again later") },
			nil, srv.password, data.OutboxQueued, CauseTemporary, 451, "Greylisted, try again later"},
		{"550 refused", nil, func(int, []byte) error { return smtpErr(550, smtp.EnhancedCode{5, 7, 1}, "Message refusé : spam") },
			srv.password, data.OutboxFailed, CauseRejected, 550, "Message refusé : spam"},
		// The account is wrong, not the email: it waits on hold for the owner
		// to fix the account, never marked failed.
		{"535 wrong password", nil, nil, "faux", data.OutboxQueued, CauseAuth, 535, "Authentication failed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv.setHooks(c.onMail, c.onData)
			defer srv.setHooks(nil, nil)
			b := newBook(t, 1)
			svc := b.service(t, testAccount(srv), c.password)
			om, err := svc.Queue(ctx, b.message(0))
			if err != nil {
				t.Fatal(err)
			}
			res, err := svc.Deliver(ctx, []int64{om.ID}, nil)
			if err != nil || len(res) != 1 || res[0].State != c.state || CauseOf(res[0].Err) != c.cause {
				t.Fatalf("result %+v, %v", res, err)
			}
			got, _ := b.store.GetOutboxMessage(ctx, om.ID)
			if got.State != c.state || got.ErrorCause != string(c.cause) || got.ErrorCode != c.code ||
				!strings.Contains(got.LastError, c.words) || got.Attempts != 1 {
				t.Fatalf("outbox row %+v", got)
			}
			held := c.cause == CauseAuth
			if got.Held != held || res[0].Held != held {
				t.Errorf("held %v (result %v), want %v", got.Held, res[0].Held, held)
			}
			if c.state == data.OutboxQueued && !held && !got.NextAttemptAt.After(b.store.Now()) {
				t.Errorf("a temporary failure is retried at once (next %s)", got.NextAttemptAt)
			}
			if c.state == data.OutboxQueued {
				if due, _ := b.store.ListOutboxDue(ctx, b.store.Now()); len(due) != 0 {
					t.Error("a message to retry later is due now")
				}
			}
			if actions, _ := b.store.ListActionsByInvoice(ctx, b.invoices[0].ID); len(actions) != 0 {
				t.Error("a failed send recorded its step")
			}
			attention, _ := svc.Attention(ctx)
			if held {
				attention, _ = svc.Held(ctx)
			}
			if len(attention) != 1 || attention[0].ID != om.ID {
				t.Errorf("the failure is not listed for the owner: %+v", attention)
			}
		})
	}
}

func TestTimeoutAndClosedPortRetryLater(t *testing.T) {
	ctx := context.Background()
	for name, port := range map[string]int{"timeout": silentServer(t), "closed": closedPort(t)} {
		b := newBook(t, 1)
		srv := &smtpServer{port: port, user: "moi@atelier-dupont.fr"}
		svc := b.service(t, testAccount(srv), "secret")
		svc.transport.Timeout = 500 * time.Millisecond
		om, err := svc.Queue(ctx, b.message(0))
		if err != nil {
			t.Fatal(err)
		}
		res, _ := svc.Deliver(ctx, []int64{om.ID}, nil)
		want := map[string]Cause{"timeout": CauseTimeout, "closed": CauseRefused}[name]
		if len(res) != 1 || res[0].State != data.OutboxQueued || CauseOf(res[0].Err) != want {
			t.Fatalf("%s: %+v", name, res)
		}
	}
}

func TestPaymentBetweenQueueAndSendStopsTheMail(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 2)
	svc := b.service(t, testAccount(srv), srv.password)
	first, err := svc.Queue(ctx, b.message(0))
	if err != nil {
		t.Fatal(err)
	}
	second, err := svc.Queue(ctx, b.message(1))
	if err != nil {
		t.Fatal(err)
	}
	pay := data.Payment{InvoiceID: b.invoices[0].ID, Date: testDay, Amount: b.invoices[0].Amount}
	if err := b.store.CreatePayment(ctx, &pay); err != nil {
		t.Fatal(err)
	}
	res, err := svc.Deliver(ctx, []int64{first.ID, second.ID}, nil)
	if err != nil || len(res) != 2 {
		t.Fatal(res, err)
	}
	if res[0].State != data.OutboxCancelled || !errors.Is(res[0].Err, data.ErrNotSendable) || res[1].State != data.OutboxSent {
		t.Fatalf("results %+v", res)
	}
	got := srv.received()
	if len(got) != 1 || !strings.Contains(string(got[0].data), second.MessageID) {
		t.Fatalf("the server got %d messages; the paid invoice's reminder must not be one", len(got))
	}
}

func TestQueueRefusals(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 1)
	svc := b.service(t, testAccount(srv), srv.password)
	m := b.message(0)
	m.To = nil
	if _, err := svc.Queue(ctx, m); !errors.Is(err, ErrNoRecipient) {
		t.Errorf("no recipient: %v", err)
	}
	m = b.message(0)
	m.Cc = []string{"pas une adresse"}
	if _, err := svc.Queue(ctx, m); data.FieldErrorsOf(err) == nil {
		t.Errorf("bad cc: %v", err)
	}
	if err := b.store.SetState(ctx, DemoStateKey, "1"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Queue(ctx, b.message(0)); !errors.Is(err, ErrDemoBook) {
		t.Errorf("the demo book mailed a client: %v", err)
	}
	own := b.message(0)
	own.To, own.Cc, own.OwnAddress = []string{"moi@atelier-dupont.fr"}, nil, true
	if _, err := svc.Queue(ctx, own); err != nil {
		t.Errorf("the owner's own address on the demo book: %v", err)
	}
	if n, _ := b.store.ListOutbox(ctx, data.OutboxQueued); len(n) != 1 {
		t.Fatalf("%d messages queued, want the owner's one", len(n))
	}
	entries, _ := os.ReadDir(filepath.Join(b.dir, "mail", "2026"))
	if len(entries) != 1 {
		t.Errorf("%d archived files: a refused message left its .eml", len(entries))
	}
}

func TestDeliverNeedsTheSecret(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 1)
	svc := b.service(t, testAccount(srv), "")
	om, err := svc.Queue(ctx, b.message(0))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Deliver(ctx, []int64{om.ID}, nil); CauseOf(err) != CauseNoSecret {
		t.Fatalf("deliver without a password: %v", err)
	}
	if got, _ := b.store.GetOutboxMessage(ctx, om.ID); got.State != data.OutboxQueued || got.Attempts != 0 {
		t.Fatalf("a message was touched without a password: %+v", got)
	}
}

func TestCancelledBatchLeavesTheRestToDo(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 4)
	svc := b.service(t, testAccount(srv), srv.password)
	var ids []int64
	for i := range 4 {
		om, err := svc.Queue(ctx, b.message(i))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, om.ID)
	}
	var seen []Progress
	res, err := svc.Deliver(ctx, ids, func(p Progress) {
		seen = append(seen, p)
		if p.Done == 2 {
			cancel()
		}
	})
	if err != nil || len(res) != 4 || len(seen) != 4 || seen[3].Done != 4 || seen[3].Total != 4 {
		t.Fatalf("results %+v progress %+v %v", res, seen, err)
	}
	for i, want := range []data.OutboxState{data.OutboxSent, data.OutboxSent, data.OutboxCancelled, data.OutboxCancelled} {
		if res[i].State != want {
			t.Errorf("message %d: %s, want %s", i, res[i].State, want)
		}
	}
	if len(srv.received()) != 2 {
		t.Errorf("server received %d", len(srv.received()))
	}
	pending, _ := b.store.ListOutboxPending(context.Background())
	if len(pending) != 0 {
		t.Errorf("cancelled messages still hold their steps: %v", pending)
	}
}

func TestInterruptedIsShownNotResent(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 1)
	svc := b.service(t, testAccount(srv), srv.password)
	om, _ := svc.Queue(ctx, b.message(0))
	// A process that died after claiming it.
	if _, err := b.store.ClaimOutboxMessage(ctx, om.ID, "dead-run"); err != nil {
		t.Fatal(err)
	}
	if res, _ := svc.RetryDue(ctx, nil); len(res) != 0 {
		t.Fatalf("an interrupted message was resent by itself: %+v", res)
	}
	attention, _ := svc.Attention(ctx)
	if len(attention) != 1 || !attention[0].Interrupted(svc.Run()) {
		t.Fatalf("attention %+v", attention)
	}
	if err := svc.ConfirmSent(ctx, om.ID); err != nil {
		t.Fatal(err)
	}
	checkRecorded(t, b, om)
	if len(srv.received()) != 0 {
		t.Fatal("confirming sent a message")
	}
}

// An email queued by an earlier run and never tried (the window was closed
// while it asked for the password) is shown at the next start, not left
// holding its step out of sight; the run that queued it does not report it
// while it is about to send it.
func TestQueuedByAnEarlierRunIsShown(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 1)
	first := b.service(t, testAccount(srv), srv.password)
	om, err := first.Queue(ctx, b.message(0))
	if err != nil {
		t.Fatal(err)
	}
	if attention, _ := first.Attention(ctx); len(attention) != 0 {
		t.Fatalf("the run that queued it reports it: %+v", attention)
	}
	next := NewService(b.store, b.files(), first.Secrets(), first.Transport())
	attention, err := next.Attention(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(attention) != 1 || attention[0].ID != om.ID || attention[0].State != data.OutboxQueued {
		t.Fatalf("next run's attention: %+v", attention)
	}
	if len(srv.received()) != 0 {
		t.Fatal("showing it sent it")
	}
}
