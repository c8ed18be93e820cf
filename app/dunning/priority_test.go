package dunning

import (
	"testing"

	"relance/data"
)

// TestPriorityOrdersByStakeRiskAndWait: the money at stake weighted by
// the client's grade and by the days the step waited, the highest first.
func TestPriorityOrdersByStakeRiskAndWait(t *testing.T) {
	today := data.MustDate("2026-12-07")
	group := func(client int64, euros int64, plannedDaysAgo int) Group {
		return Group{ClientID: client, Total: data.Money(euros * 100),
			Lead: Due{ClientID: client, Planned: today.AddDays(-plannedDaysAgo)}}
	}
	for _, tc := range []struct {
		name   string
		grades map[int64]string
		groups []Group
		want   []int64   // clients, in order
		scores []float64 // in the same order
	}{
		{"the larger amount first", nil,
			[]Group{group(1, 500, 0), group(2, 2000, 0)}, []int64{2, 1}, []float64{2000, 500}},
		{"a risky client's smaller debt before a good payer's larger one", map[int64]string{1: "A", 2: "E"},
			[]Group{group(1, 3000, 0), group(2, 1000, 0)}, []int64{2, 1}, []float64{3000, 1500}},
		{"too early to grade counts as standard", map[int64]string{1: "", 2: "B"},
			[]Group{group(1, 1000, 0), group(2, 1000, 0)}, []int64{1, 2}, []float64{1000, 1000}},
		{"waiting three days doubles the weight", map[int64]string{1: "B", 2: "B"},
			[]Group{group(1, 1500, 0), group(2, 1000, 3)}, []int64{2, 1}, []float64{2000, 1500}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &planner{in: Input{Today: today, Book: &data.DunningBook{Grades: tc.grades}}, plan: &Plan{Groups: tc.groups}}
			p.prioritise()
			for i, g := range p.plan.Groups {
				if g.ClientID != tc.want[i] || g.Priority.Score != tc.scores[i] {
					t.Errorf("place %d: client %d scored %v, want client %d scored %v", i, g.ClientID, g.Priority.Score, tc.want[i], tc.scores[i])
				}
			}
		})
	}
}

// TestDailyLimitKeepsTheMostPressing: with room for one message, the
// risky client's goes and the good payer's waits for the next business
// day; a call is never held.
func TestDailyLimitKeepsTheMostPressing(t *testing.T) {
	today := data.MustDate("2026-12-07") // a Monday
	email := data.Step{Channel: data.ChannelEmail}
	groups := []Group{
		{ClientID: 1, Channel: data.ChannelEmail, Total: 300000, Items: []Due{{InvoiceID: 11, Step: email}}, Lead: Due{Planned: today}},
		{ClientID: 2, Channel: data.ChannelEmail, Total: 100000, Items: []Due{{InvoiceID: 12, Step: email}}, Lead: Due{Planned: today}},
		{ClientID: 3, Channel: data.ChannelPhoneCall, Total: 1000, Lead: Due{Planned: today}},
	}
	book := &data.DunningBook{Grades: map[int64]string{1: "A", 2: "E"}, Company: data.Company{DailyMessageLimit: 1}}
	p := newPlanner(Input{Book: book, Today: today}, 0)
	p.plan = &Plan{Groups: groups, Next: map[int64]NextStep{}}
	p.prioritise()
	p.limitMessages()
	if len(p.plan.Groups) != 2 || p.plan.Groups[0].ClientID != 2 || p.plan.Groups[1].ClientID != 3 || p.plan.Held != 1 {
		t.Fatalf("kept %+v, %d held", p.plan.Groups, p.plan.Held)
	}
	if next := p.plan.Next[11]; next.Wait != WaitDailyLimit || next.Date != data.MustDate("2026-12-08") {
		t.Errorf("the good payer's email waits %+v", next)
	}
}
