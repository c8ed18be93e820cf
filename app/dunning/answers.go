package dunning

import (
	"context"

	"relance/data"
)

// AnswerAction is what the owner does next about an invoice, given the
// reason the client gave for not paying it.
type AnswerAction string

// The answers to the reasons for a delay.
const (
	AnswerNone    AnswerAction = ""            // nothing in particular: the scenario goes on
	AnswerResend  AnswerAction = "resend"      // send the invoice again, attached to the next email
	AnswerPlan    AnswerAction = "plan"        // offer a payment plan over the balance
	AnswerCorrect AnswerAction = "credit_note" // issue a credit note or a corrected invoice
	AnswerTask    AnswerAction = "task"        // a task for the owner (obtain the purchase order)
	AnswerDispute AnswerAction = "dispute"     // the dispute flow: the invoice is disputed, the reminders wait
)

// Answer is how Relance answers a reason for a delay: the action the
// window offers, whether the reminders pause meanwhile, and the task it
// opens.
type Answer struct {
	Action AnswerAction
	// Pause: the reminders stop on the invoice until the owner resumes
	// them (the pause's reason says why: data.PauseForDelay).
	Pause bool
	// Task is the kind of the task opened for the owner ("" for none).
	Task string
}

// AnswerTo is the answer to a reason for a delay: a forgotten invoice is
// sent again; a cash difficulty is met with a payment plan; an error in
// the invoice is corrected (credit note or corrected invoice) while the
// reminders wait; a missing purchase order or approval is obtained (a
// task) while they wait; a dispute goes the dispute's way; any other
// reason lets the scenario go on.
func AnswerTo(r data.DelayReason) Answer {
	switch r {
	case data.DelayForgotten:
		return Answer{Action: AnswerResend}
	case data.DelayCashDifficulty:
		return Answer{Action: AnswerPlan}
	case data.DelayInvoiceError:
		return Answer{Action: AnswerCorrect, Pause: true}
	case data.DelayMissingPO:
		return Answer{Action: AnswerTask, Pause: true, Task: data.TaskObtainPO}
	case data.DelayDispute:
		return Answer{Action: AnswerDispute}
	}
	return Answer{}
}

// RecordDelayReason records the reason a client gave for the delay on
// each invoice (note: the client's words, may be empty) and does what its
// answer does in the book: pauses the reminders, opens the task (a pause
// a client's reply set is over: the reply is answered). What the
// answer asks of the owner (send, offer a plan, issue a credit note,
// dispute) is for the window to offer.
func (s *Service) RecordDelayReason(ctx context.Context, invoiceIDs []int64, r data.DelayReason, note string) error {
	return s.store.InTx(ctx, func(tx *data.Store) error {
		return s.In(tx).recordDelayReason(ctx, invoiceIDs, r, note)
	})
}

func (s *Service) recordDelayReason(ctx context.Context, invoiceIDs []int64, r data.DelayReason, note string) error {
	a := AnswerTo(r)
	today := s.clock.Today()
	for _, id := range invoiceIDs {
		inv, err := s.store.GetInvoice(ctx, id)
		if err != nil {
			return err
		}
		if err := s.store.SetDelayReason(ctx, id, r, note); err != nil {
			return err
		}
		switch {
		case a.Pause:
			err = s.store.PauseInvoice(ctx, id, data.Date{}, data.PauseForDelay(r))
		case inv.Paused && inv.PauseReason == data.PauseClientReplied:
			// The reply that paused it is read and answered: the reminders
			// (or the plan's) run again.
			err = s.store.ResumeInvoice(ctx, id)
		}
		if err != nil {
			return err
		}
		if a.Task == "" {
			continue
		}
		t := data.Task{ClientID: inv.ClientID, InvoiceID: id, Kind: a.Task, Note: note, DueOn: today}
		if err := s.store.CreateTask(ctx, &t); err != nil {
			return err
		}
	}
	return nil
}

// SplitInstalments spreads total over n monthly instalments from first
// on, in whole cents: the same amount each, the cents left over on the
// last. n below 1 counts as 1.
func SplitInstalments(total data.Money, n int, first data.Date) []data.Instalment {
	n = max(n, 1)
	each := total / data.Money(n)
	out := make([]data.Instalment, n)
	for i := range out {
		out[i] = data.Instalment{DueDate: first.AddMonths(i), Amount: each}
	}
	out[n-1].Amount = total - each*data.Money(n-1)
	return out
}
