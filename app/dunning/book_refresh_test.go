package dunning_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"relance/app/genbook/genbooktest"
	"relance/data"
)

// TestRefreshDunningBookMatchesAFreshRead (data.Store.RefreshDunningBook,
// tested here for the generated book data cannot import) writes to a generated book the
// way the app does (payments, actions, promises, plans, pauses, credit
// notes, acknowledgments, tasks, archived clients, new and deleted
// invoices) and checks, after each write, that the book refreshed from the
// change log is the very book a fresh read gives, and that it was not read
// whole to get there.
func TestRefreshDunningBookMatchesAFreshRead(t *testing.T) {
	ctx := context.Background()
	today := genbooktest.Today
	store, _ := openRealBook(t, 5_000, nil)
	for _, q := range []data.BookQuery{
		{Horizon: today.AddDays(20), PaidSince: today.AddDays(-7), MessagesSince: today.AddDays(-60)},
		{PaidSince: today.AddDays(-7), MessagesSince: today.AddDays(-60)}, // every open invoice
	} {
		book, err := store.LoadDunningBook(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		open := openInvoices(book, 12)
		if len(open) < 12 {
			t.Fatalf("the generated book has %d open invoices", len(open))
		}
		steps := book.Scenarios[0].Steps
		inv := func(i int) data.PlanInvoice { return open[i] }
		writes := []struct {
			name  string
			write func() error
		}{
			{"partial payment", func() error {
				return store.CreatePayment(ctx, &data.Payment{InvoiceID: inv(0).ID, Date: today, Amount: 100, Method: "transfer"})
			}},
			{"payment of the balance", func() error {
				return store.CreatePayment(ctx, &data.Payment{InvoiceID: inv(1).ID, Date: today,
					Amount: inv(1).Amount - inv(1).Paid, Method: "transfer"})
			}},
			{"step done", func() error {
				return store.RecordAction(ctx, &data.Action{InvoiceID: inv(2).ID, StepID: unusedStep(book, inv(2).ID, steps),
					PlannedOn: today, Status: data.ActionDone, DoneOn: today})
			}},
			{"promise", func() error {
				return store.CreatePromise(ctx, &data.Promise{InvoiceID: inv(3).ID, MadeOn: today, PromisedOn: today.AddDays(10),
					Amount: 1000, Channel: data.ChannelPhoneCall})
			}},
			{"payment plan", func() error {
				return store.CreatePaymentPlan(ctx, &data.PaymentPlan{InvoiceID: inv(4).ID, AgreedOn: today,
					Instalments: []data.Instalment{{DueDate: today.AddDays(30), Amount: inv(4).Amount - inv(4).Paid}}})
			}},
			{"pause", func() error { return store.PauseInvoice(ctx, inv(5).ID, today.AddDays(15), "test") }},
			{"credit note", func() error {
				return store.CreateCreditNote(ctx, &data.CreditNote{InvoiceID: inv(6).ID, Date: today, Amount: 50, Reason: "remise"})
			}},
			{"acknowledgment of the debt", func() error { return store.RecordAcknowledgment(ctx, inv(7).ID, today, "") }},
			{"task", func() error {
				return store.CreateTask(ctx, &data.Task{ClientID: inv(8).ClientID, InvoiceID: inv(8).ID, Kind: "custom",
					Note: "appeler", DueOn: today})
			}},
			{"client archived", func() error { return store.ArchiveClient(ctx, inv(9).ClientID, "test") }},
			{"client restored", func() error { return store.RestoreClient(ctx, inv(9).ClientID) }},
			{"client paused", func() error {
				c, err := store.GetClient(ctx, inv(10).ClientID)
				if err != nil {
					return err
				}
				c.RemindersPaused, c.PausedReason = true, "test"
				return store.UpdateClient(ctx, &c)
			}},
			{"new invoice", func() error {
				return store.CreateInvoice(ctx, &data.Invoice{Number: "T-REFRESH-1", ClientID: inv(11).ClientID,
					IssueDate: today.AddDays(-40), DueDate: today.AddDays(-10), Amount: 123_45})
			}},
			{"invoice deleted", func() error {
				n, err := store.GetInvoiceByNumber(ctx, "T-REFRESH-1")
				if err != nil {
					return err
				}
				return store.DeleteInvoice(ctx, n.ID)
			}},
		}
		for _, w := range writes {
			if err := w.write(); err != nil {
				t.Fatalf("%s: %v", w.name, err)
			}
			r, err := store.RefreshDunningBook(ctx, book)
			if err != nil {
				t.Fatalf("%s: %v", w.name, err)
			}
			if r.Whole || !r.Changed {
				t.Errorf("%s: refresh %+v, want a change read without reading the book whole", w.name, r)
			}
			fresh, err := store.LoadDunningBook(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(book, fresh) {
				t.Fatalf("%s: the refreshed book differs from a fresh read: %s", w.name, bookDiff(book, fresh))
			}
		}
		// Nothing written: nothing to read.
		if r, err := store.RefreshDunningBook(ctx, book); err != nil || r.Changed {
			t.Errorf("refresh with no write: %+v, %v", r, err)
		}
	}
}

// TestRefreshDunningBookReadsWhole: a change of the rules, or a change log
// pruned past the book, reads the book again whole.
func TestRefreshDunningBookReadsWhole(t *testing.T) {
	ctx := context.Background()
	today := genbooktest.Today
	store, _ := openRealBook(t, 5_000, nil)
	q := data.BookQuery{Horizon: today.AddDays(20), PaidSince: today.AddDays(-7), MessagesSince: today.AddDays(-60)}
	book, err := store.LoadDunningBook(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	company, err := store.GetCompany(ctx)
	if err != nil {
		t.Fatal(err)
	}
	company.ThrottleDays++
	if err := store.UpdateCompany(ctx, &company); err != nil {
		t.Fatal(err)
	}
	if r, err := store.RefreshDunningBook(ctx, book); err != nil || !r.Whole || book.Company.ThrottleDays != company.ThrottleDays {
		t.Fatalf("after a settings change: %+v, %v, throttle %d", r, err, book.Company.ThrottleDays)
	}

	// Another process's book, read before the log was pruned.
	stale, err := store.LoadDunningBook(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	open := openInvoices(book, 1)
	if err := store.PauseInvoice(ctx, open[0].ID, data.Date{}, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := store.RefreshDunningBook(ctx, book); err != nil {
		t.Fatal(err)
	}
	if err := store.PruneBookChanges(ctx, book.Seq); err != nil {
		t.Fatal(err)
	}
	if r, err := store.RefreshDunningBook(ctx, stale); err != nil || !r.Whole || !reflect.DeepEqual(stale, book) {
		t.Fatalf("a book older than the pruned log: %+v, %v, equal %v", r, err, reflect.DeepEqual(stale, book))
	}
	if r, err := store.RefreshDunningBook(ctx, book); err != nil || r.Changed {
		t.Fatalf("the book the log was pruned up to: %+v, %v", r, err)
	}
}

// openInvoices returns up to n unpaid, open invoices of the book, each of
// a different client.
func openInvoices(b *data.DunningBook, n int) []data.PlanInvoice {
	var out []data.PlanInvoice
	seen := map[int64]bool{}
	for _, inv := range b.Invoices {
		if len(out) == n {
			break
		}
		if inv.Paid < inv.Amount && inv.State == data.StateOpen && !inv.Paused && !seen[inv.ClientID] &&
			b.Plans[inv.ID] == nil && len(b.Promises[inv.ID]) == 0 && inv.Amount-inv.Paid > 1000 {
			seen[inv.ClientID] = true
			out = append(out, inv)
		}
	}
	return out
}

// unusedStep is a step of steps not yet done on the invoice.
func unusedStep(b *data.DunningBook, invoiceID int64, steps []data.Step) int64 {
	for _, st := range steps {
		if !slices.ContainsFunc(b.Actions[invoiceID], func(a data.Action) bool { return a.StepID == st.ID }) {
			return st.ID
		}
	}
	return 0
}

// bookDiff names the first part of two books that differs.
func bookDiff(a, b *data.DunningBook) string {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	for i := range va.NumField() {
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			return va.Type().Field(i).Name
		}
	}
	return "nothing"
}

// TestWidenDunningBook: a book read within Today's horizon, widened after
// writes, is the book of every open invoice a fresh read gives.
func TestWidenDunningBook(t *testing.T) {
	ctx := context.Background()
	today := genbooktest.Today
	store, _ := openRealBook(t, 5_000, nil)
	wide := data.BookQuery{PaidSince: today.AddDays(-7), MessagesSince: today.AddDays(-60)}
	narrow := wide
	narrow.Horizon = today.AddDays(20)
	book, err := store.LoadDunningBook(ctx, narrow)
	if err != nil {
		t.Fatal(err)
	}
	all, err := store.LoadDunningBook(ctx, wide)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Invoices) <= len(book.Invoices) {
		t.Fatalf("the horizon leaves out nothing: %d invoices, %d in all", len(book.Invoices), len(all.Invoices))
	}
	open := openInvoices(book, 2)
	if err := store.CreatePayment(ctx, &data.Payment{InvoiceID: open[0].ID, Date: today, Amount: 100, Method: "transfer"}); err != nil {
		t.Fatal(err)
	}
	if err := store.PauseInvoice(ctx, open[1].ID, data.Date{}, "test"); err != nil {
		t.Fatal(err)
	}
	r, err := store.WidenDunningBook(ctx, book)
	if err != nil || r.Whole || !r.Changed {
		t.Fatalf("widen: %+v, %v", r, err)
	}
	fresh, err := store.LoadDunningBook(ctx, wide)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(book, fresh) {
		t.Fatalf("the widened book differs from a fresh read: %s", bookDiff(book, fresh))
	}
}
