package data

import (
	"context"
	"fmt"
)

// CreatePaymentPlan stores a plan with its instalments in one transaction.
func (s *Store) CreatePaymentPlan(ctx context.Context, p *PaymentPlan) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		inv, err := tx.GetInvoice(ctx, p.InvoiceID)
		if err != nil {
			return err
		}
		id, err := tx.insertID(ctx, `
			INSERT INTO payment_plans (invoice_id, agreed_on, signed_on, status, created_at) VALUES (?, ?, ?, ?, ?)`,
			p.InvoiceID, p.AgreedOn, p.SignedOn, p.Status, timeText(tx.Now()))
		if err != nil {
			return fmt.Errorf("create payment plan: %w", translate(err))
		}
		p.ID = id
		var total Money
		for i := range p.Instalments {
			in := &p.Instalments[i]
			in.PlanID = p.ID
			id, err := tx.insertID(ctx, `INSERT INTO instalments (plan_id, due_date, amount_cents) VALUES (?, ?, ?)`,
				p.ID, in.DueDate, int64(in.Amount))
			if err != nil {
				return fmt.Errorf("create instalment: %w", translate(err))
			}
			in.ID = id
			total += in.Amount
		}
		err = tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventPlanAgreed,
			Params: map[string]string{"number": inv.Number, "count": fmt.Sprint(len(p.Instalments)), "amount": total.Plain()}})
		if err != nil || p.SignedOn.IsZero() {
			return err
		}
		return tx.planSignedEvent(ctx, inv, p.SignedOn)
	})
}

func (s *Store) planSignedEvent(ctx context.Context, inv Invoice, on Date) error {
	return s.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventPlanSigned,
		Params: map[string]string{"number": inv.Number, "date": on.String()}})
}

// SignPaymentPlan records the day the debtor's signed agreement came back:
// an acknowledgment of the debt.
func (s *Store) SignPaymentPlan(ctx context.Context, planID int64, on Date) error {
	return s.InTx(ctx, func(tx *Store) error {
		var invoiceID int64
		if err := tx.reader().QueryRowContext(ctx, `SELECT invoice_id FROM payment_plans WHERE id = ?`, planID).Scan(&invoiceID); err != nil {
			return fmt.Errorf("plan %d: %w", planID, ErrNotFound)
		}
		inv, err := tx.GetInvoice(ctx, invoiceID)
		if err != nil {
			return err
		}
		if _, err := tx.writer().ExecContext(ctx, `UPDATE payment_plans SET signed_on = ? WHERE id = ?`, on, planID); err != nil {
			return fmt.Errorf("sign plan %d: %w", planID, translate(err))
		}
		return tx.planSignedEvent(ctx, inv, on)
	})
}

// SetPaymentPlanStatus closes a plan (completed, broken, cancelled).
func (s *Store) SetPaymentPlanStatus(ctx context.Context, planID int64, status string) error {
	switch status {
	case PlanActive, PlanCompleted, PlanBroken, PlanCancelled:
	default:
		return invalid("status", ReasonUnknownChoice, status)
	}
	res, err := s.writer().ExecContext(ctx, `UPDATE payment_plans SET status = ? WHERE id = ?`, status, planID)
	if err != nil {
		return fmt.Errorf("set plan %d status: %w", planID, translate(err))
	}
	return checkAffected(res, "payment plan", planID)
}

// ListPaymentPlansByInvoice returns an invoice's plans with their instalments.
func (s *Store) ListPaymentPlansByInvoice(ctx context.Context, invoiceID int64) ([]PaymentPlan, error) {
	return s.listPlans(ctx, `WHERE invoice_id = ?`, invoiceID)
}

func (s *Store) listPlans(ctx context.Context, where string, args ...any) ([]PaymentPlan, error) {
	rows, err := s.reader().QueryContext(ctx,
		`SELECT id, invoice_id, agreed_on, signed_on, status FROM payment_plans `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list payment plans: %w", translate(err))
	}
	var plans []PaymentPlan
	index := map[int64]int{}
	for rows.Next() {
		var p PaymentPlan
		if err := rows.Scan(&p.ID, &p.InvoiceID, &p.AgreedOn, &p.SignedOn, &p.Status); err != nil {
			rows.Close()
			return nil, err
		}
		index[p.ID] = len(plans)
		plans = append(plans, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(plans) == 0 {
		return plans, err
	}
	inst, err := s.reader().QueryContext(ctx, `
		SELECT id, plan_id, due_date, amount_cents FROM instalments
		WHERE plan_id IN (SELECT id FROM payment_plans `+where+`) ORDER BY due_date, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list instalments: %w", translate(err))
	}
	defer inst.Close()
	for inst.Next() {
		var in Instalment
		var amount int64
		if err := inst.Scan(&in.ID, &in.PlanID, &in.DueDate, &amount); err != nil {
			return nil, err
		}
		in.Amount = Money(amount)
		if i, ok := index[in.PlanID]; ok {
			plans[i].Instalments = append(plans[i].Instalments, in)
		}
	}
	return plans, inst.Err()
}

// MarkInstalmentMissed flags an instalment as missed on day on and records
// it on the timeline, once: flagging it again does nothing.
func (s *Store) MarkInstalmentMissed(ctx context.Context, instalmentID int64, on Date) error {
	return s.InTx(ctx, func(tx *Store) error {
		res, err := tx.writer().ExecContext(ctx, `UPDATE instalments SET missed_on = ? WHERE id = ? AND missed_on IS NULL`, on, instalmentID)
		if err != nil {
			return fmt.Errorf("flag instalment %d: %w", instalmentID, translate(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		var invoiceID, amount int64
		var due Date
		if err := tx.reader().QueryRowContext(ctx, `
			SELECT p.invoice_id, i.amount_cents, i.due_date FROM instalments i JOIN payment_plans p ON p.id = i.plan_id
			WHERE i.id = ?`, instalmentID).Scan(&invoiceID, &amount, &due); err != nil {
			return err
		}
		inv, err := tx.GetInvoice(ctx, invoiceID)
		if err != nil {
			return err
		}
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventInstalmentMissed,
			Params: map[string]string{"number": inv.Number, "amount": Money(amount).Plain(), "date": due.String()}})
	})
}
