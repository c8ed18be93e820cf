package words

import (
	"strings"

	"relance/app/payers"
)

// PayerReasons says why a client has its grade, in one sentence: "paid 9
// of 12 invoices late, 23 days on average; 2 promises broken".
func (w Words) PayerReasons(p *payers.Profile) string {
	parts := make([]string, 0, len(p.Reasons))
	for _, r := range p.Reasons {
		args := map[string]any{"N": r.N, "M": r.M, "Days": r.Days}
		if r.Kind == payers.ReasonDelay {
			args["Reason"] = w.T.L("delay.reason." + string(r.Delay) + ".short")
		}
		parts = append(parts, w.T.N("payer.reason."+string(r.Kind), r.N, args))
	}
	return strings.Join(parts, w.T.L("payer.reason.separator"))
}

// PayerGrade names a grade: "A", or "—" when the history is too short.
func (w Words) PayerGrade(g payers.Grade) string {
	if g == "" {
		return "—"
	}
	return string(g)
}
