package ui

import (
	"fmt"
	"io"
	"text/tabwriter"

	"fyne.io/fyne/v2/lang"

	"relance/app/dunning"
)

// PrintStatement writes a penalty statement as text: one line per slice,
// then the totals and the warnings. The command line and the logs use it.
func PrintStatement(w io.Writer, r dunning.StatementReport) {
	st := r.Statement
	fmt.Fprintln(w, lang.L("statement.title", map[string]any{"Number": r.Invoice.Number, "Client": r.Client.Name,
		"AsOf": FormatDate(st.AsOf)}))
	fmt.Fprintln(w, lang.L("statement.due_line", map[string]any{"Due": FormatDate(st.Due), "Amount": FormatMoney(r.Invoice.Amount),
		"Days": st.DaysLate}))
	fmt.Fprintln(w, lang.L("statement.basis."+st.Basis))
	if len(st.Slices) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, lang.L("statement.slices_header")+"\t")
		for _, s := range st.Slices {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t\n", FormatDate(s.From), FormatDate(s.To), s.Days,
				FormatMoney(s.Base), RatePercent(s.RateBP), FormatMoney(s.Amount))
		}
		tw.Flush()
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, row := range StatementTotals(st) {
		fmt.Fprintf(tw, "%s\t%s\t\n", row[0], row[1])
	}
	tw.Flush()
	for _, warn := range st.Warnings {
		fmt.Fprintln(w, "! "+WarningText(warn))
	}
}

// StatementTotals are the labelled totals of a statement, in display order.
func StatementTotals(st dunning.Statement) [][2]string {
	return [][2]string{
		{lang.L("statement.outstanding"), FormatMoney(st.Outstanding)},
		{lang.L("statement.penalties"), FormatMoney(st.Penalties)},
		{lang.L("statement.indemnity"), FormatMoney(st.Indemnity)},
		{lang.L("statement.total"), FormatMoney(st.Total)},
	}
}
