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
	EventNoticePresented  EventKind = "notice_presented" // presented, not collected: avis de passage
	EventRemindedBefore   EventKind = "reminded_before"  // a reminder sent before the invoice was entered
	EventCallLogged       EventKind = "call_logged"      // a call outside the plan
)

const actionColumns = `id, invoice_id, step_id, COALESCE(instalment_id, 0), planned_on, status, outcome, note,
	catch_up, done_at, done_on, tracking_number, sent_on, received_on, presented_on, file`

func scanAction(row interface{ Scan(...any) error }) (Action, error) {
	var a Action
	var doneAt string
	err := row.Scan(&a.ID, &a.InvoiceID, &a.StepID, &a.InstalmentID, &a.PlannedOn, &a.Status, &a.Outcome, &a.Note,
		&a.CatchUp, &doneAt, &a.DoneOn, &a.TrackingNumber, &a.SentOn, &a.ReceivedOn, &a.PresentedOn, &a.File)
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
		id, err := tx.insertID(ctx, `
			INSERT INTO actions (invoice_id, step_id, instalment_id, planned_on, status, outcome, note, catch_up,
			       done_at, done_on, tracking_number, sent_on, received_on, presented_on, file)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.InvoiceID, a.StepID, nullID(a.InstalmentID), a.PlannedOn, a.Status, a.Outcome, a.Note, a.CatchUp,
			timeText(a.DoneAt), a.DoneOn, a.TrackingNumber, a.SentOn, a.ReceivedOn, a.PresentedOn, a.File)
		if err != nil {
			return fmt.Errorf("record step %d on invoice %s: %w", a.StepID, inv.Number, translate(err))
		}
		a.ID = id
		kind := EventStepDone
		switch {
		case a.Status == ActionSkipped:
			kind = EventStepSkipped
		case a.Outcome == OutcomeBeforeRelance:
			kind = EventRemindedBefore
		}
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: kind, File: a.File,
			Params: map[string]string{"number": inv.Number, "channel": string(step.Channel), "template": step.TemplateKey,
				"outcome": a.Outcome, "note": a.Note, "step": fmt.Sprint(step.ID), "date": a.DoneOn.String()}})
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

// LetterTracking is what La Poste tells of a registered letter: its
// number, the day it was posted, the day it was first presented when the
// client was out (the "avis de passage"), the day it was signed for.
type LetterTracking struct {
	Number      string
	SentOn      Date
	PresentedOn Date
	ReceivedOn  Date
}

func (t LetterTracking) validate() error {
	var es FieldErrors
	if !t.SentOn.IsZero() && !t.ReceivedOn.IsZero() && t.ReceivedOn.Before(t.SentOn) {
		es.add(invalid("received_on", ReasonOutOfRange, t.ReceivedOn.String()))
	}
	if !t.SentOn.IsZero() && !t.PresentedOn.IsZero() && t.PresentedOn.Before(t.SentOn) {
		es.add(invalid("presented_on", ReasonOutOfRange, t.PresentedOn.String()))
	}
	return es.err()
}

// UpdateLetterTracking records a registered letter's number, its sending,
// first presentation and receipt dates; the notice's deadline runs from
// receipt (from the first presentation when the letter was not collected).
func (s *Store) UpdateLetterTracking(ctx context.Context, actionID int64, t LetterTracking) error {
	if err := t.validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		a, err := tx.GetAction(ctx, actionID)
		if err != nil {
			return err
		}
		if _, err := tx.writer().ExecContext(ctx, `UPDATE actions SET tracking_number = ?, sent_on = ?, received_on = ?,
			       presented_on = ? WHERE id = ?`, t.Number, t.SentOn, t.ReceivedOn, t.PresentedOn, actionID); err != nil {
			return fmt.Errorf("update letter %d: %w", actionID, translate(err))
		}
		inv, err := tx.GetInvoice(ctx, a.InvoiceID)
		if err != nil {
			return err
		}
		ev := &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Params: map[string]string{"number": inv.Number, "tracking": t.Number}}
		switch {
		case !t.ReceivedOn.IsZero() && a.ReceivedOn != t.ReceivedOn:
			ev.Kind, ev.Params["received_on"] = EventNoticeReceived, t.ReceivedOn.String()
		case t.ReceivedOn.IsZero() && !t.PresentedOn.IsZero() && a.PresentedOn != t.PresentedOn:
			ev.Kind, ev.Params["date"] = EventNoticePresented, t.PresentedOn.String()
		default:
			return nil
		}
		return tx.appendEvent(ctx, ev)
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
