package kit

import (
	"net"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"relance/app/sharedbook"
)

// SharedTroubleText says in the user's language why the shared book c
// names could not be opened (sharedbook.TroubleOf), with what to do.
func SharedTroubleText(err error, c sharedbook.Connection) string {
	trouble := sharedbook.TroubleOf(err)
	if trouble == "" {
		return ""
	}
	return lang.L("shared.trouble."+string(trouble), map[string]any{
		"Address":  net.JoinHostPort(c.Host, strconv.Itoa(c.Port)),
		"Database": c.Database,
		"Detail":   err.Error(),
	})
}
