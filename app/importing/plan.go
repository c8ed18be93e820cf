package importing

import (
	"context"
)

// countTomorrow plans tomorrow on the book as the import leaves it, inside
// its transaction, and counts the actions on the imported invoices: what
// the owner will find on Today, once grouped per client and spaced by the
// pause between two messages to one client.
func (r *run) countTomorrow(ctx context.Context) error {
	if len(r.touched) == 0 {
		return nil
	}
	plan, err := r.svc.dunning.In(r.tx).PlanAsOf(ctx, r.today.AddDays(1))
	if err != nil {
		return err
	}
	for _, g := range plan.Groups {
		n := 0
		for _, it := range g.Items {
			if r.touched[it.InvoiceID] {
				n++
			}
		}
		if n == 0 {
			continue
		}
		r.rep.Tomorrow.Actions++
		r.rep.Tomorrow.Invoices += n
		if g.Channel.IsMessage() {
			r.rep.Tomorrow.Messages++
		}
	}
	return nil
}
