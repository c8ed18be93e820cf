package kit

import "relance/app/dunning"

// StatementTotals are the labelled totals of a statement, in display order.
func StatementTotals(st dunning.Statement) [][2]string { return Say.StatementTotals(st) }

// ImputationText says how the statement imputed partial payments.
func ImputationText(st dunning.Statement) string { return Say.Imputation(st) }
