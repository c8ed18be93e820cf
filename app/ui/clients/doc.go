// Package clients is the Clients screen: the list of clients with what
// each owes and is late on, searchable and sortable, archived ones on
// request; a client's page (contact, how they are reminded, notes, their
// invoices, the timeline, the account statement to print); and the client
// form, which the invoice form and the send dialog open too, through the
// window.
package clients

import (
	"relance/app/ui/kit"
)

// Host is the window as the Clients screen sees it.
type Host interface {
	kit.Host
}
