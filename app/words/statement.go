package words

import (
	"fmt"
	"io"
	"text/tabwriter"

	"relance/app/dunning"
)

// PrintStatement writes a penalty statement as text: one line per slice,
// then the totals and the warnings (`relance statement`).
func (w Words) PrintStatement(out io.Writer, r dunning.StatementReport) {
	st := r.Statement
	fmt.Fprintln(out, w.T.L("statement.title", map[string]any{"Number": r.Invoice.Number, "Client": r.Client.Name,
		"AsOf": w.Date(st.AsOf)}))
	fmt.Fprintln(out, w.T.L("statement.due_line", map[string]any{"Due": w.Date(st.Due), "Amount": w.Money(r.Invoice.Amount),
		"Days": st.DaysLate}))
	fmt.Fprintln(out, w.T.L("statement.basis."+st.Basis))
	if text := w.Imputation(st); text != "" {
		fmt.Fprintln(out, text)
	}
	if len(st.Slices) > 0 {
		fmt.Fprintln(out)
		tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, w.T.L("statement.slices_header")+"\t")
		for _, s := range st.Slices {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t\n", w.Date(s.From), w.Date(s.To), s.Days,
				w.Money(s.Base), w.RatePercent(s.RateBP), w.Money(s.Amount))
		}
		tw.Flush()
	}
	fmt.Fprintln(out)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, row := range w.StatementTotals(st) {
		fmt.Fprintf(tw, "%s\t%s\t\n", row[0], row[1])
	}
	tw.Flush()
	for _, warn := range st.Warnings {
		fmt.Fprintln(out, "! "+w.Warning(warn))
	}
}

// StatementTotals are the labelled totals of a statement, in display order:
// the principal still owed, the interest accrued (called by its name: late
// penalties, a consumer's legal interest, a public buyer's intérêts
// moratoires), what the payments settled of it, the indemnity, the total.
func (w Words) StatementTotals(st dunning.Statement) [][2]string {
	rows := [][2]string{
		{w.T.L("statement.outstanding"), w.Money(st.Outstanding)},
		{w.InterestLabel(st.Basis), w.Money(st.Penalties)},
	}
	if st.InterestPaid > 0 {
		rows = append(rows, [2]string{w.T.L("statement.interest_paid"), "−" + w.Money(st.InterestPaid)})
	}
	if st.Indemnity > 0 {
		rows = append(rows, [2]string{w.T.L("statement.indemnity"), w.Money(st.Indemnity)})
	}
	return append(rows, [2]string{w.T.L("statement.total"), w.Money(st.Total)})
}

// InterestLabel names the interest of a statement after its basis.
func (w Words) InterestLabel(basis string) string {
	switch basis {
	case dunning.BasisLegalRate:
		return w.T.L("statement.interest.legal_rate")
	case dunning.BasisPublic:
		return w.T.L("statement.interest.public")
	}
	return w.T.L("statement.penalties")
}

// Imputation says how the statement imputed partial payments; "" when it
// is not late (nothing to impute) or the penalties were waived.
func (w Words) Imputation(st dunning.Statement) string {
	if st.Imputation == "" || st.Basis == dunning.BasisWaived {
		return ""
	}
	return w.T.L("statement.imputation." + st.Imputation)
}
