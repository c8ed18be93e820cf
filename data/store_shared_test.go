package data

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"testing"
	"time"
)

// The tests of a book shared by several PCs: each opens the same server
// database through stores of its own, as two processes would.

// TestSharedBookTellsTheOtherWindows: a payment recorded on one PC is told
// to the other's listener within seconds; its own writes are not told back
// to the writer.
func TestSharedBookTellsTheOtherWindows(t *testing.T) {
	u := newServerTestURL(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	mine, theirs := openServerTestStore(t, u), openServerTestStore(t, u)
	c := makeClient(t, theirs, "boulangerie")
	inv := makeInvoice(t, theirs, c.ID, "FA-1", 100000)
	told := make(chan struct{}, 16)
	go mine.WatchChanges(ctx, func() { told <- struct{}{} })
	// Listening starts on its own connection: a write made before may be
	// told or not; wait until a write is told, then drain.
	deadline := time.After(20 * time.Second)
	for listening := false; !listening; {
		if err := theirs.CreateEvent(ctx, &Event{InvoiceID: inv.ID, Kind: EventNote, Params: map[string]string{"text": "x"}}); err != nil {
			t.Fatal(err)
		}
		select {
		case <-told:
			listening = true
		case <-time.After(500 * time.Millisecond):
		case <-deadline:
			t.Fatal("the listener never heard a change")
		}
	}
	drain(told, time.Second)

	if err := mine.CreatePayment(ctx, &Payment{InvoiceID: inv.ID, Date: testDay, Amount: 30000, Method: "transfer"}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-told:
		t.Fatal("a window was told of its own payment")
	case <-time.After(1500 * time.Millisecond):
	}
	start := time.Now()
	if err := theirs.CreatePayment(ctx, &Payment{InvoiceID: inv.ID, Date: testDay, Amount: 20000, Method: "cheque"}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-told:
		t.Logf("the other PC's payment told after %v", time.Since(start).Round(time.Millisecond))
	case <-time.After(10 * time.Second):
		t.Fatal("the other PC's payment was not told within 10 s")
	}
	got, err := mine.ListInvoiceSummaries(ctx)
	if err != nil || len(got) != 1 || got[0].Paid != 50000 {
		t.Fatalf("the book as read after the news: %+v, %v", got, err)
	}
}

func drain(ch chan struct{}, quiet time.Duration) {
	for {
		select {
		case <-ch:
		case <-time.After(quiet):
			return
		}
	}
}

// TestSharedBookClaimsAnEmailOnce: two PCs claiming the same queued email
// at the same instant, many times over: one gets it, the other is told it
// is no longer queued. Never both.
func TestSharedBookClaimsAnEmailOnce(t *testing.T) {
	u := newServerTestURL(t)
	ctx := context.Background()
	a, b := openServerTestStore(t, u), openServerTestStore(t, u)
	c := makeClient(t, a, "boulangerie")
	const trials = 40
	for i := range trials {
		inv := makeInvoice(t, a, c.ID, fmt.Sprintf("FA-%d", i), 100000)
		m, err := queueReminder(t, a, inv, fmt.Sprintf("m%d@relance", i))
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var claims [2]error
		for j, s := range []*Store{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, claims[j] = s.ClaimOutboxMessage(ctx, m.ID, fmt.Sprintf("run-%d", j))
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range claims {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, ErrOutboxState):
				t.Fatalf("trial %d: %v", i, err)
			}
		}
		if won != 1 {
			t.Fatalf("trial %d: %d claims won (%v)", i, won, claims)
		}
		got, _ := a.GetOutboxMessage(ctx, m.ID)
		if got.Attempts != 1 || got.State != OutboxSending {
			t.Fatalf("trial %d: the email after two claims: %s, %d attempts", i, got.State, got.Attempts)
		}
	}
}

// TestSharedBookClaimWaitsForAPayment: a payment recorded on one PC while
// the other claims the email: whichever commits first, the email is
// either sent on an unpaid invoice or cancelled as paid, never sent on a
// paid one.
func TestSharedBookClaimWaitsForAPayment(t *testing.T) {
	u := newServerTestURL(t)
	ctx := context.Background()
	a, b := openServerTestStore(t, u), openServerTestStore(t, u)
	c := makeClient(t, a, "boulangerie")
	claimed, cancelled := 0, 0
	for i := range 30 {
		inv := makeInvoice(t, a, c.ID, fmt.Sprintf("FA-%d", i), 100000)
		m, err := queueReminder(t, a, inv, fmt.Sprintf("p%d@relance", i))
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var claimErr, payErr error
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, claimErr = a.ClaimOutboxMessage(ctx, m.ID, "run-a")
		}()
		go func() {
			defer wg.Done()
			payErr = b.CreatePayment(ctx, &Payment{InvoiceID: inv.ID, Date: testDay, Amount: 100000, Method: "transfer"})
		}()
		wg.Wait()
		if payErr != nil {
			t.Fatal(payErr)
		}
		got, _ := a.GetOutboxMessage(ctx, m.ID)
		switch {
		case claimErr == nil && got.State == OutboxSending:
			claimed++ // claimed before the payment committed
		case notSendable(claimErr) == NotSendablePaid && got.State == OutboxCancelled:
			cancelled++
		default:
			t.Fatalf("trial %d: claim %v, email %s", i, claimErr, got.State)
		}
	}
	t.Logf("claimed before the payment: %d, cancelled as paid: %d", claimed, cancelled)
}

// TestSharedBookReadOnlyRole: the accountant's role, granted SELECT alone,
// opens the book at this version, reads it, and each write is refused as
// ErrReadOnly; the book says it may only be read.
func TestSharedBookReadOnlyRole(t *testing.T) {
	u := newServerTestURL(t)
	ctx := context.Background()
	owner := openServerTestStore(t, u)
	c := makeClient(t, owner, "boulangerie")
	makeInvoice(t, owner, c.ID, "FA-1", 100000)
	role := fmt.Sprintf("comptable_%d", time.Now().UnixNano())
	for _, q := range []string{
		`CREATE ROLE ` + role + ` LOGIN PASSWORD 'lecture'`,
		// As the README tells an office's provider.
		`GRANT USAGE ON SCHEMA public TO ` + role,
		`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ` + role,
		`GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO ` + role,
	} {
		if _, err := owner.write.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	t.Cleanup(func() {
		_, _ = owner.write.ExecContext(context.Background(), `DROP OWNED BY `+role)
		_, _ = owner.write.ExecContext(context.Background(), `DROP ROLE `+role)
	})
	ro, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	ro.User = url.UserPassword(role, "lecture")
	reader := openServerTestStore(t, ro.String())
	if only, err := reader.ReadOnly(ctx); err != nil || !only {
		t.Fatalf("read-only = %v, %v", only, err)
	}
	if only, err := owner.ReadOnly(ctx); err != nil || only {
		t.Fatalf("the owner read-only = %v, %v", only, err)
	}
	if list, err := reader.ListInvoiceSummaries(ctx); err != nil || len(list) != 1 {
		t.Fatalf("the accountant reads %d invoices, %v", len(list), err)
	}
	if _, err := reader.LoadDunningBook(ctx, BookQuery{}); err != nil {
		t.Fatalf("the accountant's Today: %v", err)
	}
	err = reader.CreateClient(ctx, &Client{Name: "Nouveau", Email: "a@b.fr"})
	if !errors.Is(err, ErrReadOnly) {
		t.Fatalf("a write by the read-only role: %v", err)
	}
}

// TestSharedBookSaysWho: on a shared book each PC's events carry its
// person's name; automatic work and a book without a person carry none.
func TestSharedBookSaysWho(t *testing.T) {
	u := newServerTestURL(t)
	ctx := context.Background()
	marie := openServerTestStore(t, u, WithPerson("Marie"))
	paul := openServerTestStore(t, u, WithPerson("Paul"))
	c := makeClient(t, marie, "boulangerie")
	inv := makeInvoice(t, marie, c.ID, "FA-1", 100000)
	for _, e := range []struct {
		s   *Store
		ctx context.Context
	}{{marie, ctx}, {paul, ctx}, {paul, WithActor(ctx, "app")}} {
		if err := e.s.CreateEvent(e.ctx, &Event{InvoiceID: inv.ID, Kind: EventNote, Params: map[string]string{"text": "x"}}); err != nil {
			t.Fatal(err)
		}
	}
	events, err := marie.ListEventsByInvoice(ctx, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	var who []string
	for _, e := range events {
		if e.Kind == EventNote {
			who = append(who, e.Actor+":"+e.Person)
		}
	}
	if fmt.Sprint(who) != "[user:Marie user:Paul app:]" && fmt.Sprint(who) != "[app: user:Paul user:Marie]" {
		t.Fatalf("who = %v", who)
	}
}

// TestSharedBookBackupIsABookFile: a PC's backup of a shared book is a
// book file, checked as any backup is, with the book's records and its
// archived files.
func TestSharedBookBackupIsABookFile(t *testing.T) {
	ctx := context.Background()
	s := newServerTestStore(t)
	c := makeClient(t, s, "boulangerie")
	makeInvoice(t, s, c.ID, "FA-1", 100000)
	makeInvoice(t, s, c.ID, "FA-2", 50000)
	if err := s.PutFile(ctx, "mail/2026/a@relance.eml", []byte("Subject: x\r\n\r\ny")); err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/relance-2026-12-08.db"
	if err := s.BackupTo(ctx, path); err != nil {
		t.Fatal(err)
	}
	info, err := CheckBackup(ctx, path)
	if err != nil || info.Clients != 1 || info.Invoices != 2 {
		t.Fatalf("the backup checks as %+v, %v", info, err)
	}
	file, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	if b, err := file.File(ctx, "mail/2026/a@relance.eml"); err != nil || len(b) == 0 {
		t.Fatalf("the archived email in the backup: %q, %v", b, err)
	}
}

// TestSharedBookMadeByPCsStartingAtOnce: four PCs open a new shared book at
// the same instant: one makes each migration, the others wait and find it
// made; all open the book at this version.
func TestSharedBookMadeByPCsStartingAtOnce(t *testing.T) {
	u := newServerTestURL(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	stores := make([]*Store, 4)
	for i := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i], errs[i] = OpenServer(ctx, u)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("PC %d: %v", i, err)
		}
		defer stores[i].Close()
		if v, err := stores[i].SchemaVersion(ctx); err != nil || v != LatestSchema() {
			t.Fatalf("PC %d at version %d (%v), want %d", i, v, err, LatestSchema())
		}
	}
}

// TestSharedBookToldOfAMoveIntoIt: a window open on an empty shared book is
// told when another PC moves its book in (the copy's triggers are off).
func TestSharedBookToldOfAMoveIntoIt(t *testing.T) {
	u := newServerTestURL(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watching := openServerTestStore(t, u)
	told := make(chan struct{}, 4)
	go watching.WatchChanges(ctx, func() { told <- struct{}{} })
	time.Sleep(time.Second) // the listener connects
	file := newFileTestStore(t)
	c := makeClient(t, file, "boulangerie")
	makeInvoice(t, file, c.ID, "FA-1", 100000)
	target := openServerTestStore(t, u)
	if _, err := CopyBook(context.Background(), file, target, nil); err != nil {
		t.Fatal(err)
	}
	select {
	case <-told:
	case <-time.After(10 * time.Second):
		t.Fatal("the open window was not told of the move")
	}
}

// TestSharedBookRecordsAReplyOnce: two PCs reading the inbox find the same
// client's reply at the same instant, over and over: it is written on the
// timeline once each time.
func TestSharedBookRecordsAReplyOnce(t *testing.T) {
	u := newServerTestURL(t)
	ctx := context.Background()
	a, b := openServerTestStore(t, u), openServerTestStore(t, u)
	c := makeClient(t, a, "boulangerie")
	for i := range 15 {
		inv := makeInvoice(t, a, c.ID, fmt.Sprintf("FA-%d", i), 100000)
		m, err := queueReminder(t, a, inv, fmt.Sprintf("r%d@relance", i))
		if err != nil {
			t.Fatal(err)
		}
		e := SentEmail{OutboxID: m.ID, MessageID: m.MessageID, ClientID: c.ID, InvoiceIDs: []int64{inv.ID}}
		reply := ReplyRecord{MessageID: fmt.Sprintf("answer%d@client.fr", i), From: "compta@client.fr", Subject: "Re: relance"}
		var wg sync.WaitGroup
		var recorded [2]bool
		var errs [2]error
		for j, s := range []*Store{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				recorded[j], errs[j] = s.RecordReply(ctx, e, reply)
			}()
		}
		wg.Wait()
		if errs[0] != nil || errs[1] != nil || recorded[0] == recorded[1] {
			t.Fatalf("trial %d: recorded %v, %v", i, recorded, errs)
		}
		events, err := a.ListEventsByInvoice(ctx, inv.ID)
		if err != nil {
			t.Fatal(err)
		}
		replies := 0
		for _, ev := range events {
			if ev.Kind == EventClientReplied {
				replies++
			}
		}
		if replies != 1 {
			t.Fatalf("trial %d: the reply is %d times on the timeline", i, replies)
		}
	}
}
