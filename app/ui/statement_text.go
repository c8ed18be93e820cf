package ui

import "relance/app/dunning"

// statementTotals are the labelled totals of a statement, in display order.
func statementTotals(st dunning.Statement) [][2]string { return say.StatementTotals(st) }

// imputationText says how the statement imputed partial payments.
func imputationText(st dunning.Statement) string { return say.Imputation(st) }
