package dunning

import "maps"

// planMemo keeps, between plans of one kind on one book, each invoice's
// part of the plan, so that a plan after a write plans again the few
// invoices the write changed, not the thousands it did not. Planning an
// invoice depends on the invoice, its client, its history and the rules,
// never on another invoice: only grouping and limiting, which run on every
// plan, look across invoices.
type planMemo struct {
	plan    *Plan                  // the last plan made, given again while nothing changed
	next    map[int64]NextStep     // each invoice's next step, before grouping
	parts   map[int64]*invoicePart // what each invoice added besides, when it added anything
	pending map[int64]bool         // invoices changed since they were planned
}

func newPlanMemo() *planMemo { return &planMemo{pending: map[int64]bool{}} }

// invoicePart is what planning one invoice added to a plan besides its
// next step.
type invoicePart struct {
	due           []Due
	promises      []PromiseOutcome
	missed        []MissedInstalment
	completed     []int64
	prescriptions []PrescriptionAlert
	receipts      []AwaitingReceipt
}

// planMark is how much of each list a plan held before an invoice was planned.
type planMark struct{ due, promises, missed, completed, prescriptions, receipts int }

func (p *planner) mark() planMark {
	return planMark{len(p.due), len(p.plan.Promises), len(p.plan.Missed), len(p.plan.CompletedPlans),
		len(p.plan.Prescriptions), len(p.plan.Receipts)}
}

// partSince is what the plan gained since mark (nil when nothing).
func (p *planner) partSince(m planMark) *invoicePart {
	if m == p.mark() {
		return nil
	}
	return &invoicePart{due: clone(p.due[m.due:]), promises: clone(p.plan.Promises[m.promises:]),
		missed: clone(p.plan.Missed[m.missed:]), completed: clone(p.plan.CompletedPlans[m.completed:]),
		prescriptions: clone(p.plan.Prescriptions[m.prescriptions:]), receipts: clone(p.plan.Receipts[m.receipts:])}
}

// clone copies a non-empty slice (nil for an empty one).
func clone[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return append([]T(nil), s...)
}

// planPending plans the memo's pending invoices (all, for a new memo) into
// it, then fills the plan from the memo in the book's order.
func (p *planner) planPending(m *planMemo) {
	all := m.next == nil
	if all {
		m.next, m.parts = make(map[int64]NextStep, len(p.in.Book.Invoices)), map[int64]*invoicePart{}
	}
	for id := range m.pending {
		delete(m.next, id)
		delete(m.parts, id)
	}
	invoices := p.in.Book.Invoices
	for i := range invoices {
		inv := &invoices[i]
		if (!all && !m.pending[inv.ID]) || !p.inView(inv) {
			continue
		}
		before := p.mark()
		p.planInvoice(inv)
		if next, ok := p.plan.Next[inv.ID]; ok {
			m.next[inv.ID] = next
		}
		if part := p.partSince(before); part != nil {
			m.parts[inv.ID] = part
		}
	}
	clear(m.pending)
	// The plan, as MakePlan would have made it: the parts in the book's
	// order, and the next steps as planned, before grouping changes some.
	p.plan.Next = maps.Clone(m.next)
	p.due = p.due[:0]
	p.plan.Promises, p.plan.Missed, p.plan.CompletedPlans, p.plan.Prescriptions, p.plan.Receipts = nil, nil, nil, nil, nil
	if len(m.parts) == 0 {
		return
	}
	for i := range invoices {
		part := m.parts[invoices[i].ID]
		if part == nil {
			continue
		}
		p.due = append(p.due, part.due...)
		p.plan.Promises = append(p.plan.Promises, part.promises...)
		p.plan.Missed = append(p.plan.Missed, part.missed...)
		p.plan.CompletedPlans = append(p.plan.CompletedPlans, part.completed...)
		p.plan.Prescriptions = append(p.plan.Prescriptions, part.prescriptions...)
		p.plan.Receipts = append(p.plan.Receipts, part.receipts...)
	}
}

// pend marks invoices as changed in every memo, and drops the plans made.
func pend(memos map[planKey]*planMemo, invoices []int64) {
	for _, m := range memos {
		m.plan = nil
		for _, id := range invoices {
			m.pending[id] = true
		}
	}
}
