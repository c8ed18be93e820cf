package clients

import (
	"context"

	"relance/app/ui/letters"
)

// onStatement prints the client's account statement (every invoice still
// owed, with the cover letter), archives it, records it on the client's
// timeline and opens it.
func (d *clientDetail) onStatement() {
	clientID := d.data.client.ID
	if clientID == 0 {
		return
	}
	d.statement.Disable()
	printer := letters.New(d.host)
	printer.WriteThenOpen(func(ctx context.Context) (string, error) { return printer.PrintStatement(ctx, clientID) },
		func(bool) { d.statement.Enable() })
}

// setStatementButton offers the statement only to a client who owes
// something.
func (d *clientDetail) setStatementButton() {
	if d.data.outstanding > 0 {
		d.statement.Enable()
	} else {
		d.statement.Disable()
	}
}
