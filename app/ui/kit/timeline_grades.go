package kit

import (
	"relance/app/payers"
	"relance/data"
)

// categoryMoveArgs fills the sentence of a move by grade: the categories
// by their names and the grade's reasons in the reader's language ("moved
// from Standard to Risky: grade D — 9 of 12 invoices paid late, 23 days
// late on average"), said when shown, from the facts the event keeps.
func categoryMoveArgs(e data.Event, args map[string]any) {
	args["from"], args["to"] = CategoryName(e.Params["from"]), CategoryName(e.Params["to"])
	args["reasons"] = Say.PayerReasons(&payers.Profile{Reasons: payers.DecodeReasons(e.Params["reasons"])})
}
