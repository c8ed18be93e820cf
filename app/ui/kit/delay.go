package kit

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"relance/data"
)

// DelayReasonName is a reason for a delay in the window's language ("" for
// none).
func DelayReasonName(r data.DelayReason) string {
	if r == data.DelayNone {
		return ""
	}
	return lang.L("delay.reason." + string(r))
}

// PauseReasonText is why an invoice's reminders are paused, as the owner
// reads it: the codes the app sets (a client's reply, a reason for the
// delay: data.PauseForDelay) in words, the owner's own text as typed.
func PauseReasonText(reason string) string {
	if reason == data.PauseClientReplied {
		return lang.L("invoices.pause.client_replied")
	}
	if code, ok := strings.CutPrefix(reason, data.PauseForDelay("")); ok {
		return lang.L("delay.paused", map[string]any{"Reason": DelayReasonName(data.DelayReason(code))})
	}
	return reason
}
