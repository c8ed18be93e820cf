package data

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strconv"
)

// prunedThroughKey is the app_state key of the last change-log row pruned:
// a book that reflects less than that is read again whole.
const prunedThroughKey = "book_changes.pruned_through"

// refreshLimit: past this many invoices and clients changed since a book
// was read (an import, a bank statement of hundreds of lines), reading the
// book again whole costs less than reading each change.
const refreshLimit = 1000

// BookRefresh says what RefreshDunningBook did.
type BookRefresh struct {
	// Whole: the book was read again whole (the rules changed, the change
	// log was pruned past it, or too much changed).
	Whole bool
	// Invoices: else, the invoices read again, whether they are still in
	// the book or left it (paid, archived, deleted).
	Invoices []int64
	// Changed: anything in the book may differ (Whole, Invoices, a client,
	// the open tasks).
	Changed bool
}

// bookChanges is what the change log says changed since a book was read.
type bookChanges struct {
	whole, tasks bool
	invoices     map[int64]bool
	clients      map[int64]bool // changed themselves
	messaged     map[int64]bool // clients whose last message may have changed
	last         int64
}

// RefreshDunningBook brings a book read by LoadDunningBook up to date with
// what was written since, in one read transaction: it reads the change log
// after b.Seq and reads again the invoices it names (with their actions,
// payments, promises, plans, clients and the clients' last messages) and
// no other. It reads the book again whole when the rules changed, when
// more than refreshLimit invoices did, or when the log was pruned past the
// book. The result is the book LoadDunningBook(b.Query) would return now.
// b is changed in place: the caller must not share it while this runs.
func (s *Store) RefreshDunningBook(ctx context.Context, b *DunningBook) (BookRefresh, error) {
	var out BookRefresh
	err := s.inSnapshot(ctx, func(r *Store) error {
		ch, err := r.bookChangesSince(ctx, b.Seq)
		if err != nil {
			return err
		}
		if ch.readWhole() {
			out, err = r.readBookAgain(ctx, b, b.Query)
		} else {
			out, err = r.applyBookChanges(ctx, b, ch)
		}
		return err
	})
	if err != nil {
		return BookRefresh{}, fmt.Errorf("refresh dunning book: %w", err)
	}
	return out, nil
}

// WidenDunningBook brings a book read within a horizon up to date, as
// RefreshDunningBook does, and adds every open invoice due after the
// horizon (with their history and clients): the result is the book
// LoadDunningBook would return now for b.Query without its horizon. A
// session starts with the few invoices Today needs and reads the rest when
// a screen shows every open invoice.
func (s *Store) WidenDunningBook(ctx context.Context, b *DunningBook) (BookRefresh, error) {
	var out BookRefresh
	err := s.inSnapshot(ctx, func(r *Store) error {
		ch, err := r.bookChangesSince(ctx, b.Seq)
		if err != nil {
			return err
		}
		wide := b.Query
		wide.Horizon = Date{}
		if ch.readWhole() || b.Query.Horizon.IsZero() {
			out, err = r.readBookAgain(ctx, b, wide)
			return err
		}
		if out, err = r.applyBookChanges(ctx, b, ch); err != nil {
			return err
		}
		var extra []PlanInvoice
		err = r.each(ctx, openInvoices+` AND due_date > ? ORDER BY due_date, id`, []any{b.Query.Horizon}, func(rows *sql.Rows) error {
			p, err := scanPlanInvoice(rows)
			extra = append(extra, p)
			return err
		})
		if err != nil {
			return err
		}
		if err := r.markImported(ctx, extra, false); err != nil {
			return err
		}
		if err := r.loadBookParts(ctx, b, extra); err != nil {
			return err
		}
		if err := r.loadBookClients(ctx, b, extra); err != nil {
			return err
		}
		b.Invoices = append(b.Invoices, extra...)
		slices.SortStableFunc(b.Invoices, comparePlanInvoices)
		b.Query = wide
		for _, inv := range extra {
			out.Invoices = append(out.Invoices, inv.ID)
		}
		slices.Sort(out.Invoices)
		out.Invoices = slices.Compact(out.Invoices)
		out.Changed = true
		return nil
	})
	if err != nil {
		return BookRefresh{}, fmt.Errorf("widen dunning book: %w", err)
	}
	return out, nil
}

// readWhole reports whether reading the book again whole is needed (the
// rules changed, the log was pruned) or cheaper than reading each change.
func (ch *bookChanges) readWhole() bool {
	return ch.whole || len(ch.invoices)+len(ch.clients) > refreshLimit
}

// readBookAgain replaces b by the book q reads now.
func (s *Store) readBookAgain(ctx context.Context, b *DunningBook, q BookQuery) (BookRefresh, error) {
	fresh, err := s.loadDunningBook(ctx, q)
	if err != nil {
		return BookRefresh{}, err
	}
	*b = *fresh
	return BookRefresh{Whole: true, Changed: true}, nil
}

// bookChangesSince reads the change log after seq.
func (s *Store) bookChangesSince(ctx context.Context, seq int64) (*bookChanges, error) {
	ch := &bookChanges{invoices: map[int64]bool{}, clients: map[int64]bool{}, messaged: map[int64]bool{}, last: seq}
	pruned, err := s.GetState(ctx, prunedThroughKey)
	if err != nil {
		return nil, err
	}
	if n, _ := strconv.ParseInt(pruned, 10, 64); n > seq {
		ch.whole = true
		return ch, nil
	}
	// An action or a payment names its invoice only: its client, for the
	// last message, is the invoice's.
	err = s.each(ctx, `SELECT bc.seq, bc.part, COALESCE(bc.invoice_id, 0), COALESCE(bc.client_id, i.client_id, 0)
		FROM book_changes bc LEFT JOIN invoices i ON i.id = bc.invoice_id
		WHERE bc.seq > ? ORDER BY bc.seq`, []any{seq}, func(rows *sql.Rows) error {
		var part string
		var invoice, client int64
		if err := rows.Scan(&ch.last, &part, &invoice, &client); err != nil {
			return err
		}
		switch part {
		case "invoice":
			ch.invoices[invoice] = true
		case "client":
			ch.clients[client] = true
		case "tasks":
			ch.tasks = true
		default:
			ch.whole = true
		}
		if client != 0 {
			ch.messaged[client] = true
		}
		return nil
	})
	return ch, err
}

// applyBookChanges reads again what ch names into b.
func (s *Store) applyBookChanges(ctx context.Context, b *DunningBook, ch *bookChanges) (BookRefresh, error) {
	out := BookRefresh{Changed: len(ch.invoices) > 0 || len(ch.clients) > 0 || ch.tasks}
	b.Seq = ch.last
	if ch.tasks {
		var err error
		if b.Tasks, err = s.ListOpenTasks(ctx); err != nil {
			return out, err
		}
	}
	if len(ch.invoices) == 0 && len(ch.clients) == 0 {
		return out, nil
	}
	// Out of the book: the changed invoices and every invoice of a changed
	// client (archived, it takes them out; its pause changes their plan).
	touched := maps.Clone(ch.invoices)
	b.Invoices = slices.DeleteFunc(b.Invoices, func(inv PlanInvoice) bool {
		if ch.invoices[inv.ID] || ch.clients[inv.ClientID] {
			touched[inv.ID] = true
			return true
		}
		return false
	})
	for id := range touched {
		delete(b.Actions, id)
		delete(b.Payments, id)
		delete(b.Promises, id)
		delete(b.Plans, id)
		delete(b.PlanSigned, id)
		delete(b.Acknowledge, id)
	}
	// Back in, as the book's query finds them now: the changed invoices
	// and the changed clients' invoices.
	within := `(SELECT value FROM json_each(?) UNION SELECT id FROM invoices WHERE client_id IN (SELECT value FROM json_each(?)))`
	_, invoiceArgs, err := jsonIDs(slices.Sorted(maps.Keys(ch.invoices)))
	if err != nil {
		return out, err
	}
	_, clientArgs, err := jsonIDs(slices.Sorted(maps.Keys(ch.clients)))
	if err != nil {
		return out, err
	}
	back, err := s.loadPlanInvoices(ctx, b.Query, within, append(invoiceArgs, clientArgs...))
	if err != nil {
		return out, err
	}
	if err := s.loadBookParts(ctx, b, back); err != nil {
		return out, err
	}
	for _, inv := range back {
		touched[inv.ID] = true
		at, _ := slices.BinarySearchFunc(b.Invoices, inv, comparePlanInvoices)
		b.Invoices = slices.Insert(b.Invoices, at, inv)
	}
	out.Invoices = slices.Sorted(maps.Keys(touched))
	return out, s.refreshBookClients(ctx, b, ch, back)
}

// refreshBookClients reads again the clients concerned by the changes (the
// changed ones, those of the changed invoices and of the invoices back in
// the book): each row, kept while an invoice of the book refers to it, and
// its last message.
func (s *Store) refreshBookClients(ctx context.Context, b *DunningBook, ch *bookChanges, back []PlanInvoice) error {
	concerned := maps.Clone(ch.messaged)
	for id := range ch.clients {
		concerned[id] = true
	}
	for _, inv := range back {
		concerned[inv.ClientID] = true
	}
	// Which of them an invoice of the book still refers to: one pass over
	// the book, looking up the few concerned clients only.
	referred := make(map[int64]bool, len(concerned))
	for i := range b.Invoices {
		if id := b.Invoices[i].ClientID; concerned[id] {
			referred[id] = true
		}
	}
	for id := range concerned {
		delete(b.Clients, id)
		delete(b.LastMessage, id)
		delete(b.Grades, id)
	}
	clients, args, err := jsonIDs(slices.Sorted(maps.Keys(concerned)))
	if err != nil {
		return err
	}
	err = s.each(ctx, `SELECT `+clientColumns+` FROM clients WHERE id IN `+clients, args, func(rows *sql.Rows) error {
		c, err := scanClient(rows)
		if referred[c.ID] {
			b.Clients[c.ID] = &c
		}
		return err
	})
	if err != nil {
		return err
	}
	if err := s.loadBookGrades(ctx, b, clients, args); err != nil {
		return err
	}
	return s.loadLastMessages(ctx, b, b.Query.MessagesSince, clients, args)
}

// PruneBookChanges deletes the change log up to seq, once every book held
// in this process reflects it (a book another process holds that reflects
// less is read again whole: prunedThroughKey says so).
func (s *Store) PruneBookChanges(ctx context.Context, seq int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.writer().ExecContext(ctx, `DELETE FROM book_changes WHERE seq <= ?`, seq); err != nil {
			return fmt.Errorf("prune the change log: %w", translate(err))
		}
		pruned, err := tx.GetState(ctx, prunedThroughKey)
		if err != nil {
			return err
		}
		if n, _ := strconv.ParseInt(pruned, 10, 64); n >= seq {
			return nil
		}
		return tx.SetState(ctx, prunedThroughKey, strconv.FormatInt(seq, 10))
	})
}
