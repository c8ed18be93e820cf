package ui

import (
	"context"

	"relance/app/drafting"
	"relance/data"
	"relance/documents"
)

// onStatement prints the client's account statement (every invoice still
// owed, with the cover letter), archives it, records it on the client's
// timeline and opens it.
func (d *clientDetail) onStatement() {
	u, clientID := d.ui, d.data.client.ID
	if clientID == 0 {
		return
	}
	d.statement.Disable()
	u.writeThenOpen(func(ctx context.Context) (string, error) { return u.printStatement(ctx, clientID) },
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

// printStatement makes, archives and records a client's account statement
// as of today; it returns the archived file. Off the UI goroutine.
func (u *UI) printStatement(ctx context.Context, clientID int64) (string, error) {
	today := u.today()
	c, err := drafting.StatementContext(ctx, u.store, clientID, today)
	if err != nil {
		return "", err
	}
	pdf, err := documents.AccountStatement(documents.StoreSource(ctx, u.store), c)
	if err != nil {
		return "", err
	}
	rel, err := u.archiveLetter(c.Client.Name, documents.DocStatement, today, pdf)
	if err != nil {
		return "", err
	}
	e := data.Event{ClientID: clientID, Kind: eventLetterPrinted, File: rel,
		Params: map[string]string{"number": c.Client.Name, "template": documents.DocStatement, "channel": string(data.ChannelLetter)}}
	if err := u.store.CreateEvent(ctx, &e); err != nil {
		return "", err
	}
	return rel, nil
}
