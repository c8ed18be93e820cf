package data

import (
	"context"
	"database/sql"
	"fmt"
)

// DashboardBook is what the dashboard reads of the book as of a day: the
// unpaid invoices, what was invoiced and paid over the recent past, and
// the promises and plans that say when open money should come in.
type DashboardBook struct {
	// Open are the invoices with something left to pay, without their
	// number and client's name (the dashboard names a few clients only:
	// ClientNames).
	Open     []InvoiceLine
	Sales    []DaySum            // invoiced per issue day, from since on
	Received []PaidDay           // received per day, from since on
	Promises map[int64]Promise   // each unpaid invoice's open promise, the latest
	Plans    map[int64]PlanAhead // each unpaid invoice's active plan
}

// DaySum is an amount on a day.
type DaySum struct {
	Day    Date
	Amount Money
}

// PaidDay is what was received on a day, and how late: the sum over its
// payments of amount × days past the invoice's due date (0 when on time),
// for an average weighted by amount.
type PaidDay struct {
	Day          Date
	Amount       Money
	CentDaysLate int64
}

// PlanAhead is an active payment plan: its instalments and what was paid
// on the invoice since it was agreed, which pays them in due-date order.
type PlanAhead struct {
	AgreedOn    Date
	Instalments []Instalment // by due date
	PaidSince   Money
}

// LoadDashboardBook reads, in one snapshot, the unpaid invoices (through
// their covering index), the sales and payments from day since on, and
// the open promises and active plans of unpaid invoices. Settled history
// before since is not read: on a book of years, it is most of the book.
func (s *Store) LoadDashboardBook(ctx context.Context, since Date) (DashboardBook, error) {
	b := DashboardBook{Promises: map[int64]Promise{}, Plans: map[int64]PlanAhead{}}
	err := s.inSnapshot(ctx, func(tx *Store) error {
		for _, read := range []func(context.Context, *DashboardBook, Date) error{
			tx.readDashboardOpen, tx.readDashboardSales, tx.readDashboardPayments, tx.readDashboardPromises, tx.readDashboardPlans,
		} {
			if err := read(ctx, &b, since); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return DashboardBook{}, fmt.Errorf("dashboard: %w", err)
	}
	return b, nil
}

// readDashboardOpen reads the unpaid invoices' amounts and dates from
// their covering index, and nothing the figures do not use: no join with
// the clients, no text but the state.
func (s *Store) readDashboardOpen(ctx context.Context, b *DashboardBook, _ Date) error {
	err := s.each(ctx, `SELECT id, client_id, due_date, amount_cents, paid_cents - credited_cents, credited_cents,
		       credit_closed, state
		FROM invoices INDEXED BY invoices_open_plan WHERE paid_cents < amount_cents ORDER BY due_date, id`, nil,
		func(rows *sql.Rows) error {
			var l InvoiceLine
			err := rows.Scan(&l.ID, &l.ClientID, &l.DueDate, &l.Amount, &l.Paid, &l.Credited, &l.CreditClosed, &l.State)
			b.Open = append(b.Open, l)
			return err
		})
	if err != nil {
		return fmt.Errorf("open invoices: %w", err)
	}
	return nil
}

// ClientNames returns the names of the clients with those ids.
func (s *Store) ClientNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	set, arg, err := idList(ids)
	if err != nil {
		return nil, err
	}
	err = s.each(ctx, `SELECT id, name FROM clients WHERE id IN `+set, []any{arg}, func(rows *sql.Rows) error {
		var id int64
		var name string
		err := rows.Scan(&id, &name)
		out[id] = name
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("client names: %w", err)
	}
	return out, nil
}

func (s *Store) readDashboardSales(ctx context.Context, b *DashboardBook, since Date) error {
	err := s.each(ctx, `SELECT issue_date, SUM(amount_cents) FROM invoices INDEXED BY invoices_issued WHERE issue_date >= ? GROUP BY issue_date ORDER BY issue_date`,
		[]any{since}, func(rows *sql.Rows) error {
			var d DaySum
			err := rows.Scan(&d.Day, &d.Amount)
			b.Sales = append(b.Sales, d)
			return err
		})
	if err != nil {
		return fmt.Errorf("sales: %w", err)
	}
	return nil
}

// readDashboardPayments adds up the payments per day in SQL: a book
// receives hundreds a week, and each would cost a row here.
func (s *Store) readDashboardPayments(ctx context.Context, b *DashboardBook, since Date) error {
	err := s.each(ctx, `SELECT p.paid_on, SUM(p.amount_cents),
		       SUM(p.amount_cents * MAX(0, CAST(julianday(p.paid_on) - julianday(i.due_date) AS INTEGER)))
		FROM payments p INDEXED BY payments_day JOIN invoices i ON i.id = p.invoice_id
		WHERE p.paid_on >= ? GROUP BY p.paid_on ORDER BY p.paid_on`, []any{since}, func(rows *sql.Rows) error {
		var d PaidDay
		err := rows.Scan(&d.Day, &d.Amount, &d.CentDaysLate)
		b.Received = append(b.Received, d)
		return err
	})
	if err != nil {
		return fmt.Errorf("payments: %w", err)
	}
	return nil
}

// ListInvoiceIDsPaidBetween returns the invoices that received a payment
// from first to last (both included), each once: the dashboard's past
// weeks, when the owner asks what is behind one.
func (s *Store) ListInvoiceIDsPaidBetween(ctx context.Context, first, last Date) ([]int64, error) {
	var ids []int64
	err := s.each(ctx, `SELECT DISTINCT invoice_id FROM payments INDEXED BY payments_day WHERE paid_on BETWEEN ? AND ?`,
		[]any{first, last}, func(rows *sql.Rows) error {
			var id int64
			err := rows.Scan(&id)
			ids = append(ids, id)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("invoices paid from %s to %s: %w", first, last, err)
	}
	return ids, nil
}

// readDashboardPromises keeps each unpaid invoice's latest open promise.
func (s *Store) readDashboardPromises(ctx context.Context, b *DashboardBook, _ Date) error {
	err := s.each(ctx, `SELECT p.id, p.invoice_id, p.made_on, p.promised_on, p.amount_cents
		FROM promises p JOIN invoices i ON i.id = p.invoice_id
		WHERE p.status = 'open' AND i.paid_cents < i.amount_cents ORDER BY p.made_on, p.id`, nil, func(rows *sql.Rows) error {
		p := Promise{Status: PromiseOpen}
		err := rows.Scan(&p.ID, &p.InvoiceID, &p.MadeOn, &p.PromisedOn, &p.Amount)
		b.Promises[p.InvoiceID] = p
		return err
	})
	if err != nil {
		return fmt.Errorf("promises: %w", err)
	}
	return nil
}

// readDashboardPlans reads the active plan of each unpaid invoice (the
// latest, should there be two) with its instalments, then what was paid on
// the invoice since the plan was agreed.
func (s *Store) readDashboardPlans(ctx context.Context, b *DashboardBook, _ Date) error {
	planOf := map[int64]int64{}
	err := s.each(ctx, `SELECT pl.invoice_id, pl.id, pl.agreed_on, n.id, n.due_date, n.amount_cents
		FROM payment_plans pl
		JOIN invoices i ON i.id = pl.invoice_id
		JOIN instalments n ON n.plan_id = pl.id
		WHERE pl.status = 'active' AND i.paid_cents < i.amount_cents
		ORDER BY pl.id, n.due_date, n.id`, nil, func(rows *sql.Rows) error {
		var invoiceID int64
		var agreed Date
		var in Instalment
		if err := rows.Scan(&invoiceID, &in.PlanID, &agreed, &in.ID, &in.DueDate, &in.Amount); err != nil {
			return err
		}
		p := b.Plans[invoiceID]
		if planOf[invoiceID] != in.PlanID {
			planOf[invoiceID] = in.PlanID
			p = PlanAhead{AgreedOn: agreed}
		}
		p.Instalments = append(p.Instalments, in)
		b.Plans[invoiceID] = p
		return nil
	})
	if err != nil {
		return fmt.Errorf("plans: %w", err)
	}
	for invoiceID, p := range b.Plans {
		err := s.reader().QueryRowContext(ctx, `SELECT COALESCE(SUM(amount_cents), 0) FROM payments
			WHERE invoice_id = ? AND paid_on >= ?`, invoiceID, p.AgreedOn).Scan(&p.PaidSince)
		if err != nil {
			return fmt.Errorf("plan payments: %w", translate(err))
		}
		b.Plans[invoiceID] = p
	}
	return nil
}
