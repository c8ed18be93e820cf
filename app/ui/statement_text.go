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
	if text := ImputationText(st); text != "" {
		fmt.Fprintln(w, text)
	}
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

// StatementTotals are the labelled totals of a statement, in display order:
// the principal still owed, the interest accrued (called by its name: late
// penalties, a consumer's legal interest, a public buyer's intérêts
// moratoires), what the payments settled of it, the indemnity, the total.
func StatementTotals(st dunning.Statement) [][2]string {
	rows := [][2]string{
		{lang.L("statement.outstanding"), FormatMoney(st.Outstanding)},
		{InterestLabel(st.Basis), FormatMoney(st.Penalties)},
	}
	if st.InterestPaid > 0 {
		rows = append(rows, [2]string{lang.L("statement.interest_paid"), "−" + FormatMoney(st.InterestPaid)})
	}
	if st.Indemnity > 0 {
		rows = append(rows, [2]string{lang.L("statement.indemnity"), FormatMoney(st.Indemnity)})
	}
	return append(rows, [2]string{lang.L("statement.total"), FormatMoney(st.Total)})
}

// InterestLabel names the interest of a statement after its basis.
func InterestLabel(basis string) string {
	switch basis {
	case dunning.BasisLegalRate:
		return lang.L("statement.interest.legal_rate")
	case dunning.BasisPublic:
		return lang.L("statement.interest.public")
	}
	return lang.L("statement.penalties")
}

// ImputationText says how the statement imputed partial payments; "" when
// it is not late (nothing to impute).
func ImputationText(st dunning.Statement) string {
	if st.Imputation == "" || st.Basis == dunning.BasisWaived {
		return ""
	}
	return lang.L("statement.imputation." + st.Imputation)
}
