package words

import (
	"relance/app/importing"
	"relance/data/imports"
)

// Problem says where a file is wrong and why, in one sentence: "factures.csv,
// line 12, column « Échéance »: 31/02/2026 is not a day of the calendar."
func (w Words) Problem(p imports.Problem) string {
	where := p.File
	switch {
	case p.Line > 0 && p.Column != "":
		where = w.T.L("import.where.line_column", map[string]any{"File": p.File, "Line": p.Line, "Column": p.Column})
	case p.Line > 0:
		where = w.T.L("import.where.line", map[string]any{"File": p.File, "Line": p.Line})
	}
	what := w.T.L("import.role."+p.Field, nil)
	if what == "import.role."+p.Field {
		what = w.T.L("field."+p.Field, nil)
	}
	if what == "field."+p.Field {
		what = p.Field
	}
	reason := w.T.L("error."+string(p.Reason), map[string]any{"Value": p.Value})
	if p.Field == "line" || p.Field == "file" || p.Field == "columns" || p.Field == "header" { // the line or the file as a whole: no field to name
		return w.T.L("import.problem_column", map[string]any{"Where": where, "Reason": reason})
	}
	if p.Column != "" { // the column names the field already
		if p.Value != "" {
			return w.T.L("import.problem_column_value", map[string]any{"Where": where, "Value": p.Value, "Reason": reason})
		}
		return w.T.L("import.problem_column", map[string]any{"Where": where, "Reason": reason})
	}
	if p.Value != "" {
		return w.T.L("import.problem_value", map[string]any{"Where": where, "Field": what, "Value": p.Value, "Reason": reason})
	}
	return w.T.L("import.problem", map[string]any{"Where": where, "Field": what, "Reason": reason})
}

// ImportCounts says what an import did (or would do) to invoices and
// clients, in one sentence.
func (w Words) ImportCounts(r importing.Report) string {
	text := w.T.L("import.counts", map[string]any{
		"Added": r.Added, "Updated": r.Updated, "Unchanged": r.Unchanged, "Skipped": r.Skipped,
		"ClientsAdded": r.ClientsAdded, "ClientsUpdated": r.ClientsUpdated})
	if r.LeftOut > 0 {
		text += " " + w.T.N("import.left_out", r.LeftOut, map[string]any{"Count": r.LeftOut})
	}
	return text
}

// ImportOwed says what the imported invoices owe, and how much of it late.
func (w Words) ImportOwed(r importing.Report) string {
	return w.T.N("import.owed", r.Added+r.Updated, map[string]any{"Owed": w.Money(r.Owed), "Overdue": r.Overdue,
		"Count": r.Added + r.Updated})
}

// ImportTomorrow says what tomorrow's Today will hold of the import.
func (w Words) ImportTomorrow(r importing.Report) string {
	if r.Tomorrow.Actions == 0 {
		return w.T.L("import.tomorrow_none")
	}
	return w.T.N("import.tomorrow", r.Tomorrow.Actions, map[string]any{"Actions": r.Tomorrow.Actions,
		"Messages": r.Tomorrow.Messages, "Invoices": r.Tomorrow.Invoices})
}

// ImportBalance says how a client's share of a FEC import stands against
// its receivable balance: equal, or in credit.
func (w Words) ImportBalance(c importing.ClientTotal) string {
	switch {
	case !c.BalanceKnown:
		return ""
	case c.Balance < 0:
		return w.T.L("import.balance_credit", map[string]any{"Amount": w.Money(-c.Balance)})
	case c.Balance == c.Owed:
		return w.T.L("import.balance_equal")
	}
	return w.T.L("import.balance_differs", map[string]any{"Amount": w.Money(c.Balance)})
}
