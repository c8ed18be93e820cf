package data

import (
	"context"
	"fmt"
)

// DelayReason is why an invoice is unpaid, as the client said it on the
// phone or in a reply: each has its answer (dunning.AnswerTo), and the
// payer profile counts them.
type DelayReason string

// The reasons a client gives for paying late.
const (
	DelayNone           DelayReason = ""
	DelayForgotten      DelayReason = "forgotten"
	DelayCashDifficulty DelayReason = "cash_difficulty"
	DelayInvoiceError   DelayReason = "invoice_error"
	DelayMissingPO      DelayReason = "missing_po" // a purchase order or an approval is missing
	DelayDispute        DelayReason = "dispute"
	DelayOther          DelayReason = "other"
)

// DelayReasons lists the reasons in the order the dialogs offer them.
var DelayReasons = []DelayReason{DelayForgotten, DelayCashDifficulty, DelayInvoiceError, DelayMissingPO,
	DelayDispute, DelayOther}

// Known reports whether r is one of DelayReasons.
func (r DelayReason) Known() bool {
	for _, v := range DelayReasons {
		if r == v {
			return true
		}
	}
	return false
}

// EventDelayReason records the reason a client gave for the delay; its
// parameter "delay" holds the DelayReason.
const EventDelayReason EventKind = "delay_reason"

// TaskObtainPO is the task a missing purchase order (or approval) opens:
// get it from the client, then resume the reminders.
const TaskObtainPO = "obtain_po"

// PauseForDelay is the pause reason stored for an invoice paused because
// of a delay reason (an invoice error, a missing purchase order): a code
// the window turns into words, not a text typed by the owner.
func PauseForDelay(r DelayReason) string { return "delay:" + string(r) }

// SetDelayReason records on an invoice why it is unpaid, with the
// client's words (note, may be empty), and puts it on the timeline.
func (s *Store) SetDelayReason(ctx context.Context, invoiceID int64, r DelayReason, note string) error {
	if !r.Known() {
		return FieldErrors{invalid("delay_reason", ReasonUnknownChoice, string(r))}
	}
	return s.InTx(ctx, func(tx *Store) error {
		inv, err := tx.GetInvoice(ctx, invoiceID)
		if err != nil {
			return err
		}
		if _, err := tx.writer().ExecContext(ctx, `UPDATE invoices SET delay_reason = ?, updated_at = ? WHERE id = ?`,
			string(r), timeText(tx.Now()), invoiceID); err != nil {
			return fmt.Errorf("set delay reason of invoice %d: %w", invoiceID, translate(err))
		}
		params := map[string]string{"number": inv.Number, "delay": string(r)}
		if note != "" {
			params["note"] = note
		}
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventDelayReason, Params: params})
	})
}

// EventPromiseConfirmed records that a promise was confirmed to the
// client in writing; its File is the archived email.
const EventPromiseConfirmed EventKind = "promise_confirmed"

// RecordPromiseConfirmation puts on the invoice's timeline the email that
// confirmed a promise (eml: the archived message).
func (s *Store) RecordPromiseConfirmation(ctx context.Context, invoiceID int64, eml string) error {
	return s.InTx(ctx, func(tx *Store) error {
		inv, err := tx.GetInvoice(ctx, invoiceID)
		if err != nil {
			return err
		}
		p, err := tx.LastPromise(ctx, invoiceID)
		if err != nil {
			return err
		}
		return tx.appendEvent(ctx, &Event{ClientID: inv.ClientID, InvoiceID: inv.ID, Kind: EventPromiseConfirmed, File: eml,
			Params: map[string]string{"number": inv.Number, "amount": p.Amount.Plain(), "date": p.PromisedOn.String()}})
	})
}

// LastPromise returns the invoice's latest promise, or ErrNotFound.
func (s *Store) LastPromise(ctx context.Context, invoiceID int64) (Promise, error) {
	list, err := s.listPromises(ctx, `WHERE invoice_id = ? ORDER BY made_on DESC, id DESC LIMIT 1`, invoiceID)
	if err != nil {
		return Promise{}, err
	}
	if len(list) == 0 {
		return Promise{}, fmt.Errorf("promise of invoice %d: %w", invoiceID, ErrNotFound)
	}
	return list[0], nil
}
