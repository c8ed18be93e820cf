package dunning

import (
	"testing"

	"relance/data"
)

// TestStatementHonoursTheEarlyPaymentDiscount: an invoice whose terms
// grant 2 % for a payment 10 days early, paid in time at the amount less
// the discount, owes nothing in its statement and is never reminded; paid
// as much after the deadline, its statement still claims the 20.00 € and,
// once past due, the penalties on them.
func TestStatementHonoursTheEarlyPaymentDiscount(t *testing.T) {
	for _, tc := range []struct {
		name, paidOn string
		want         data.Money
	}{
		{"in time", "2026-03-21", 0},
		{"after the deadline", "2026-03-22", data.Euros(20, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, "2026-03-01")
			co, err := f.store.GetCompany(f.ctx)
			if err != nil {
				t.Fatal(err)
			}
			co.EarlyDiscount = data.EarlyDiscount{Rate: 200, Days: 10}
			if err := f.store.UpdateCompany(f.ctx, &co); err != nil {
				t.Fatal(err)
			}
			cl := f.client("Escompte SARL", "")
			inv := f.invoice(cl, "FA-E1", "2026-03-31", data.Euros(1000, 0)) // issued 1 March, deadline 21 March
			f.pay(inv, tc.paidOn, data.Euros(980, 0))
			r, err := f.svc.Statement(f.ctx, inv.ID, data.MustDate("2026-03-25"))
			if err != nil {
				t.Fatal(err)
			}
			if r.Statement.Outstanding != tc.want || r.Statement.Total != tc.want {
				t.Errorf("statement before the due date: outstanding %d, total %d; want %d", r.Statement.Outstanding, r.Statement.Total, tc.want)
			}
			late, err := f.svc.Statement(f.ctx, inv.ID, data.MustDate("2026-05-30"))
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == 0 && late.Statement.Total != 0 {
				t.Errorf("a discounted invoice paid in time is claimed %d two months later", late.Statement.Total)
			}
			if tc.want > 0 && (late.Statement.Outstanding != tc.want || late.Statement.Penalties <= 0) {
				t.Errorf("after the deadline: outstanding %d, penalties %d; want 20.00 and penalties on it",
					late.Statement.Outstanding, late.Statement.Penalties)
			}
		})
	}
}
