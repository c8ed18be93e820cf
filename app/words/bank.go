package words

import (
	"strings"

	"relance/app/banking"
	"relance/app/matching"
)

// Evidence says one reason behind a proposal: "label contains
// FA-2026-0103", "amount equals its balance".
func (w Words) Evidence(e matching.Evidence) string {
	return w.T.L("bank.evidence."+string(e.Kind), map[string]any{"Number": e.Number, "Value": e.Value,
		"Amount": w.Money(e.Amount)})
}

// Because joins a candidate's evidence in one phrase.
func (w Words) Because(c matching.Candidate) string {
	parts := make([]string, 0, len(c.Evidence))
	for _, e := range c.Evidence {
		parts = append(parts, w.Evidence(e))
	}
	return strings.Join(parts, "; ")
}

// Allocations names what a candidate pays: "FA-2026-0103" or
// "FA-2026-0103 (600,00 €) + FA-2026-0107 (400,00 €)".
func (w Words) Allocations(c matching.Candidate) string {
	if len(c.Allocations) == 1 {
		return c.Allocations[0].Number
	}
	parts := make([]string, 0, len(c.Allocations))
	for _, a := range c.Allocations {
		parts = append(parts, a.Number+" ("+w.Money(a.Amount)+")")
	}
	return strings.Join(parts, " + ")
}

// Proposal says what the app proposes for a credit, in one sentence.
func (w Words) Proposal(p matching.Proposal) string {
	switch {
	case len(p.Candidates) == 0:
		return w.T.L("bank.proposal.none")
	case p.Ambiguous:
		names := make([]string, 0, len(p.Candidates))
		for _, c := range p.Candidates {
			names = append(names, w.Allocations(c))
		}
		return w.T.L("bank.proposal.ambiguous", map[string]any{"Choices": strings.Join(names, w.T.L("bank.or"))})
	}
	best := p.Candidates[0]
	return w.T.L("bank.proposal.best", map[string]any{"Invoices": w.Allocations(best), "Score": best.Score,
		"Because": w.Because(best)})
}

// StatementCounts says what a statement import found: lines, new, known.
func (w Words) StatementCounts(r banking.Report) string {
	return w.T.L("bank.counts", map[string]any{"File": r.File, "Lines": r.Lines, "New": r.New, "Known": r.Known,
		"Credits": r.Credits, "Debits": r.Debits, "Returns": len(r.Returns)})
}

// ReturnDone says what a return did: the payment it re-opened, or that
// none was found.
func (w Words) ReturnDone(r banking.Return) string {
	reason := r.Line.ReturnReason
	if reason != "" {
		if text := w.T.L("bank.return_reason."+reason, nil); text != "bank.return_reason."+reason {
			reason = reason + " — " + text
		}
	}
	fields := map[string]any{"Amount": w.Money(-r.Line.Amount), "Date": w.Date(r.Line.Booked), "Reason": reason,
		"Number": r.Number, "Paid": w.Date(r.Payment.Date)}
	if r.Found() {
		return w.T.L("bank.return.reopened", fields)
	}
	return w.T.L("bank.return.not_found", fields)
}
