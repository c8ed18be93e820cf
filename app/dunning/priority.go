package dunning

import (
	"cmp"
	"slices"
)

// Priority is why an action of the day comes before another: the money
// at stake, weighted by the client's risk (its payer grade) and by how
// long the step has waited. The daily limit on messages keeps the highest
// first; the rest wait for the next business day.
type Priority struct {
	Score float64
	// Grade is the client's kept payer grade ("" while too early to say)
	// and Risk the weight it gives.
	Grade string
	Risk  float64
	// Waited is how many days the step has waited since it fell due
	// (held by the limit, or missed while Relance was closed).
	Waited int
}

// riskWeights weigh the money at stake by the client's grade: a euro owed
// by a client who pays months late, or not at all, is more at risk than
// one owed by a client who pays on time. A client too new to grade counts
// as standard.
var riskWeights = map[string]float64{"A": 0.5, "B": 1, "C": 1.5, "D": 2, "E": 3, "": 1}

// waitWeight is what each day of waiting adds to the weight (a third):
// under a tight daily limit, a small amount owed by a good payer still
// goes out within days rather than never.
const waitWeight = 1.0 / 3

// prioritise scores each group of the day and orders them, the highest
// first (then the oldest step, then the client), so that Today lists the
// most pressing first and the daily limit holds back the least.
func (p *planner) prioritise() {
	for i := range p.plan.Groups {
		g := &p.plan.Groups[i]
		grade := p.in.Book.Grades[g.ClientID]
		risk, ok := riskWeights[grade]
		if !ok {
			risk = 1
		}
		waited := max(0, p.in.Today.DaysSince(g.Lead.Planned))
		g.Priority = Priority{Grade: grade, Risk: risk, Waited: waited,
			Score: float64(g.Total) / 100 * risk * (1 + waitWeight*float64(waited))}
	}
	slices.SortStableFunc(p.plan.Groups, func(a, b Group) int {
		return cmp.Or(cmp.Compare(b.Priority.Score, a.Priority.Score), a.Lead.Planned.Compare(b.Lead.Planned),
			cmp.Compare(a.ClientID, b.ClientID))
	})
}
