package demo

import (
	"context"
	"fmt"

	"relance/app/dunning"
	"relance/data"
)

const (
	// comingDays is how far ahead a call looks in the book's payments: money
	// paid within that time was promised on the phone (most of the time).
	comingDays = 14
	// recentDays: a call this close to today with no money on its way gets a
	// promise that still runs today.
	recentDays = 7
	// taskOpenDays: the contact found wrong on a call older than this was
	// fixed since; a more recent one is still on the owner's list.
	taskOpenDays = 20
)

// voicemail is the owner's note on a call nobody answered.
const voicemail = "Messagerie ; message laissé."

// callCycle is what the older calls find when the book shows no money on
// its way: mostly voicemail or a promise (which the book then breaks), now
// and then a wrong number.
var callCycle = []string{
	data.OutcomeNoAnswer, data.OutcomePromise, data.OutcomeNoAnswer, data.OutcomePromise,
	data.OutcomeWrongContact, data.OutcomeNoAnswer, data.OutcomePromise, data.OutcomeNoAnswer,
}

// call logs a phone call and what came of it.
func (r *replay) call(ctx context.Context, day data.Date, g dunning.Group) error {
	out := r.callOutcome(day, g)
	if err := r.svc.LogCall(ctx, g, out); err != nil {
		return err
	}
	if out.Kind == data.OutcomeWrongContact {
		return r.followUp(ctx, day, g.ClientID)
	}
	return nil
}

// callOutcome decides a call: the script first (a dispute, a contact gone),
// then the book's payments (money on its way was promised), then, with
// nothing coming, a promise still running today for a recent call, or the
// next outcome of callCycle.
func (r *replay) callOutcome(day data.Date, g dunning.Group) dunning.CallOutcome {
	if out, ok := r.scriptedCall(g); ok {
		return out
	}
	if on, amount, ok := r.moneyComing(day, g); ok {
		if r.rng.IntN(4) == 0 {
			return dunning.CallOutcome{Kind: data.OutcomeNoAnswer, Note: voicemail}
		}
		return r.promise(on, amount)
	}
	if !day.Before(r.book.today.AddDays(-recentDays)) {
		on := day.AddDays(5)
		if soon := r.book.today.AddDays(2); on.Before(soon) {
			on = soon
		}
		return r.promise(r.cal.NextBusinessDay(on), 0)
	}
	kind := callCycle[r.calls%len(callCycle)]
	r.calls++
	switch kind {
	case data.OutcomePromise:
		return r.promise(r.cal.AddBusinessDays(day, 3+r.rng.IntN(5)), 0)
	case data.OutcomeWrongContact:
		return dunning.CallOutcome{Kind: kind, Note: r.wrongContactNote(g.ClientID)}
	}
	return dunning.CallOutcome{Kind: data.OutcomeNoAnswer, Note: voicemail}
}

func (r *replay) promise(on data.Date, amount data.Money) dunning.CallOutcome {
	return dunning.CallOutcome{Kind: data.OutcomePromise, PromiseDate: on, Amount: amount,
		Note: "Promet un virement pour le " + on.FormatFR() + "."}
}

// scriptedCall is the outcome the script gives the first call about one of
// the group's invoices. A dispute is taken only on a call about that one
// invoice (LogCall disputes every invoice of the group); otherwise the
// dispute comes as a state change on its date.
func (r *replay) scriptedCall(g dunning.Group) (dunning.CallOutcome, bool) {
	for _, d := range g.Items {
		p := &r.book.invoices[r.index[d.InvoiceID]]
		if p.call == "" || r.scripted[d.InvoiceID] {
			continue
		}
		r.scripted[d.InvoiceID] = true
		switch {
		case p.call == data.OutcomeWrongContact:
			return dunning.CallOutcome{Kind: p.call, Note: r.wrongContactNote(g.ClientID)}, true
		case p.call == data.OutcomeDispute && len(g.Items) == 1:
			return dunning.CallOutcome{Kind: p.call, Note: p.reason}, true
		}
		return dunning.CallOutcome{Kind: data.OutcomeNoAnswer, Note: voicemail}, true
	}
	return dunning.CallOutcome{}, false
}

// moneyComing looks in the book's payments for what pays the group within
// comingDays: the day the last of it arrives and the amount to promise
// (zero: the whole balance). A call about several invoices promises only
// when all of them are paid in full; a call about one invoice may promise
// part of it.
func (r *replay) moneyComing(day data.Date, g dunning.Group) (on data.Date, amount data.Money, ok bool) {
	for _, d := range g.Items {
		var coming data.Money
		for _, pay := range r.book.invoices[r.index[d.InvoiceID]].payments {
			if pay.Date.After(day) && !pay.Date.After(day.AddDays(comingDays)) {
				coming += pay.Amount
				on = data.LaterDate(on, pay.Date)
			}
		}
		switch {
		case coming >= d.Outstanding:
		case coming > 0 && len(g.Items) == 1:
			amount = coming
		default:
			return data.Date{}, 0, false
		}
	}
	return on, amount, true
}

func (r *replay) wrongContactNote(clientID int64) string {
	if c := r.ledger.clients[clientID]; c != nil && c.ContactName != "" {
		return c.ContactName + " n'est plus en poste ; demander le nouvel interlocuteur et son e-mail."
	}
	return "Numéro non attribué ; retrouver le bon numéro de téléphone."
}

// followUp deals with the task a wrong contact opened: fixed three business
// days later when the call is old, still open when it is recent.
func (r *replay) followUp(ctx context.Context, day data.Date, clientID int64) error {
	tasks, err := r.store.ListOpenTasks(ctx)
	if err != nil {
		return err
	}
	var id int64
	for _, t := range tasks {
		if t.ClientID == clientID {
			id = max(id, t.ID)
		}
	}
	if id != 0 && day.AddDays(taskOpenDays).Before(r.book.today) {
		r.at(r.cal.AddBusinessDays(day, 3), func(ctx context.Context) error { return r.store.CompleteTask(ctx, id) })
	}
	return nil
}

// sendNotice records a formal notice and the registered letter that carries
// it: La Poste's number and the day it was posted, then the day the
// acknowledgment of receipt was signed, one or two business days later
// (when that day has come).
func (r *replay) sendNotice(ctx context.Context, day data.Date, g dunning.Group) error {
	if err := r.svc.Complete(ctx, g, "", ""); err != nil {
		return err
	}
	tracking := r.trackingNumber()
	received := r.cal.AddBusinessDays(day, 1+r.rng.IntN(2))
	for _, d := range g.Items {
		// The letter may also carry a milder step of another invoice of the
		// client; only the notices get the letter's tracking.
		if d.Step.Channel != data.ChannelRegisteredLetter {
			continue
		}
		actions, err := r.store.ListActionsByInvoice(ctx, d.InvoiceID)
		if err != nil {
			return err
		}
		for _, a := range actions {
			if a.StepID != d.Step.ID || a.InstalmentID != d.InstalmentID {
				continue
			}
			if err := r.store.UpdateLetterTracking(ctx, a.ID, data.LetterTracking{Number: tracking, SentOn: day}); err != nil {
				return err
			}
			if received.Before(r.book.today) {
				r.at(received, func(ctx context.Context) error {
					if err := r.store.UpdateLetterTracking(ctx, a.ID, data.LetterTracking{Number: tracking, SentOn: day, ReceivedOn: received}); err != nil {
						return err
					}
					return r.ledger.refresh(ctx, a.InvoiceID, actionRows)
				})
			}
		}
	}
	return nil
}

// trackingNumber makes up a number in La Poste's registered-letter style,
// "1A 123 456 7890 1", the last digit a Luhn key.
func (r *replay) trackingNumber() string {
	n := withLuhnKey(fmt.Sprintf("%010d", r.rng.Int64N(10_000_000_000)))
	return fmt.Sprintf("1A %s %s %s %s", n[:3], n[3:6], n[6:10], n[10:])
}
