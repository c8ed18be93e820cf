package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Event kinds of the dunning timeline.
const (
	EventStepDone         EventKind = "step_done"
	EventStepSkipped      EventKind = "step_skipped"
	EventPromiseMade      EventKind = "promise_made"
	EventPromiseKept      EventKind = "promise_kept"
	EventPromiseBroken    EventKind = "promise_broken"
	EventPlanAgreed       EventKind = "plan_agreed"
	EventPlanSigned       EventKind = "plan_signed"
	EventInstalmentMissed EventKind = "instalment_missed"
	EventDebtAcknowledged EventKind = "debt_acknowledged"
	EventInvoicePaused    EventKind = "invoice_paused"
	EventInvoiceResumed   EventKind = "invoice_resumed"
	EventTaskCreated      EventKind = "task_created"
	EventTaskDone         EventKind = "task_done"
	EventNoticeReceived   EventKind = "notice_received"
	EventCallLogged       EventKind = "call_logged" // a call outside the plan
)

const actionColumns = `id, invoice_id, step_id, COALESCE(instalment_id, 0), planned_on, status, outcome, note,
	catch_up, done_at, done_on, tracking_number, sent_on, received_on, file`

func scanAction(row interface{ Scan(...any) error }) (Action, error) {
	var a Action
	var doneAt string
	err := row.Scan(&a.ID, &a.InvoiceID, &a.StepID, &a.InstalmentID, &a.PlannedOn, &a.Status, &a.Outcome, &a.Note,
		&a.CatchUp, &doneAt, &a.DoneOn, &a.TrackingNumber, &a.SentOn, &a.ReceivedOn, &a.File)
	if err != nil {
		return Action{}, err
	}
	a.DoneAt, err = parseTimeText(doneAt)
	return a, err
}

// RecordAction stores a step taken or skipped on an invoice and adds it to
// the timeline. The same step twice on one invoice (or instalment) is
// refused with ErrAlreadyExists: that is what keeps a reminder from going
// out twice.
func (s *Store) RecordAction(ctx context.Context, a *Action) error {
	if a.Status == "" {
		a.Status = ActionDone
	}
	if a.DoneOn.IsZero() {
		a.DoneOn = s.Today()
	}
	if a.PlannedOn.IsZero() {
		a.PlannedOn = a.DoneOn
	}
	return s.InTx(ctx, func(tx *Store) error {
		inv, err := tx.GetInvoice(ctx, a.InvoiceID)
		if err != nil {
			return err
		}
		step, err := tx.GetStep(ctx, a.StepID)
		if err != nil {
			return err
		}
		a.DoneAt = tx.Now()
		res, err := tx.writer().ExecContext(ctx, `
			INSERT INTO actions (invoice_id, step_id, instalment_id, planned_on, status, outcome, note, catch_up,
			       done_at, done_on, tracking_number, sent_on, received_on, file)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.InvoiceID, a.StepID, nullID(a.InstalmentID), a.PlannedOn, a.Status, a.Outcome, a.Note, a.CatchUp,
			timeText(a.DoneAt), a.DoneOn, a.TrackingNumber, a.SentOn, a.ReceivedOn, a.File)
		if err != nil {
			return fmt.Errorf("record step %d on invoice %s: %w", a.StepID, inv.Number, translate(err))
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		kind := EventStepDone
		if a.Status == ActionSkipped {
			kind = EventStepSkipped
		}
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: kind, File: a.File,
			Params: map[string]string{"number": inv.Number, "channel": string(step.Channel), "template": step.TemplateKey,
				"outcome": a.Outcome, "note": a.Note, "step": fmt.Sprint(step.ID)}})
	})
}

// GetAction returns an action by id.
func (s *Store) GetAction(ctx context.Context, id int64) (Action, error) {
	a, err := scanAction(s.reader().QueryRowContext(ctx, `SELECT `+actionColumns+` FROM actions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Action{}, fmt.Errorf("action %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Action{}, fmt.Errorf("get action %d: %w", id, translate(err))
	}
	return a, nil
}

// ListActionsByInvoice returns the steps taken on an invoice, oldest first.
func (s *Store) ListActionsByInvoice(ctx context.Context, invoiceID int64) ([]Action, error) {
	return s.listActions(ctx, `WHERE invoice_id = ? ORDER BY done_at, id`, invoiceID)
}

func (s *Store) listActions(ctx context.Context, tail string, args ...any) ([]Action, error) {
	return listOf(ctx, s, "list actions", scanAction, `SELECT `+actionColumns+` FROM actions `+tail, args...)
}

// UpdateLetterTracking records a registered letter's number and its sending
// and receipt dates; the notice's deadline runs from receipt.
func (s *Store) UpdateLetterTracking(ctx context.Context, actionID int64, tracking string, sent, received Date) error {
	return s.InTx(ctx, func(tx *Store) error {
		a, err := tx.GetAction(ctx, actionID)
		if err != nil {
			return err
		}
		if !received.IsZero() && !sent.IsZero() && received.Before(sent) {
			return FieldErrors{invalid("received_on", ReasonOutOfRange, received.String())}
		}
		if _, err := tx.writer().ExecContext(ctx, `UPDATE actions SET tracking_number = ?, sent_on = ?, received_on = ? WHERE id = ?`,
			tracking, sent, received, actionID); err != nil {
			return fmt.Errorf("update letter %d: %w", actionID, translate(err))
		}
		if received.IsZero() || a.ReceivedOn == received {
			return nil
		}
		inv, err := tx.GetInvoice(ctx, a.InvoiceID)
		if err != nil {
			return err
		}
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventNoticeReceived,
			Params: map[string]string{"number": inv.Number, "tracking": tracking, "received_on": received.String()}})
	})
}

// PauseInvoice stops reminders on an invoice until the end of day until
// (zero: until resumed by hand), with a reason for the timeline.
func (s *Store) PauseInvoice(ctx context.Context, id int64, until Date, reason string) error {
	return s.setPause(ctx, id, true, until, reason, EventInvoicePaused)
}

// ResumeInvoice lets reminders run again on an invoice.
func (s *Store) ResumeInvoice(ctx context.Context, id int64) error {
	return s.setPause(ctx, id, false, Date{}, "", EventInvoiceResumed)
}

func (s *Store) setPause(ctx context.Context, id int64, paused bool, until Date, reason string, kind EventKind) error {
	return s.InTx(ctx, func(tx *Store) error {
		inv, err := tx.GetInvoice(ctx, id)
		if err != nil {
			return err
		}
		if _, err := tx.writer().ExecContext(ctx, `UPDATE invoices SET paused = ?, paused_until = ?, pause_reason = ?, updated_at = ? WHERE id = ?`,
			paused, until, reason, timeText(tx.Now()), id); err != nil {
			return fmt.Errorf("pause invoice %d: %w", id, translate(err))
		}
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: id, Kind: kind,
			Params: map[string]string{"number": inv.Number, "until": until.String(), "reason": reason}})
	})
}

// RecordAcknowledgment records that the client acknowledged the debt in
// writing on day on (it restarts the limitation period).
func (s *Store) RecordAcknowledgment(ctx context.Context, invoiceID int64, on Date, note string) error {
	if on.IsZero() {
		return FieldErrors{invalid("date", ReasonRequired, "")}
	}
	return s.InTx(ctx, func(tx *Store) error {
		inv, err := tx.GetInvoice(ctx, invoiceID)
		if err != nil {
			return err
		}
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventDebtAcknowledged,
			Params: map[string]string{"number": inv.Number, "date": on.String(), "note": note}})
	})
}
