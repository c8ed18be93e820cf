package exports

import (
	"context"
	"fmt"
	"io"

	"relance/app/words"
	"relance/data"
)

// Report names a table export, as the command line and the window offer
// them.
type Report string

// The table exports.
const (
	ReportInvoices   Report = "invoices"
	ReportAged       Report = "aged"
	ReportProfiles   Report = "profiles"
	ReportAccountant Report = "accountant"
)

// Reports are the table exports, in the order they are offered.
var Reports = []Report{ReportInvoices, ReportAged, ReportProfiles, ReportAccountant}

// ParseReport reads a report's name ("invoices", "aged", ...).
func ParseReport(s string) (Report, error) {
	for _, r := range Reports {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("export %q: want invoices, aged, profiles or accountant", s)
}

// Write writes report from the book on day as format: the one entry of
// the command line and of the window's buttons.
func Write(ctx context.Context, store *data.Store, report Report, out io.Writer, format Format, w words.Words, day data.Date) error {
	switch report {
	case ReportInvoices:
		return Invoices(ctx, store, out, format, w, day)
	case ReportAged:
		return Aged(ctx, store, out, format, w, day)
	case ReportProfiles:
		return Profiles(ctx, store, out, format, w, day)
	case ReportAccountant:
		return Accountant(ctx, store, out, format, w, day)
	}
	return fmt.Errorf("export: unknown report %q", report)
}

// FileName is the name an export is saved under by default, in the
// user's language and dated: "factures-2026-12-07.xlsx". ext is the
// format's extension, with its dot.
func FileName(w words.Words, report Report, day data.Date, ext string) string {
	return w.T.L("export.file."+string(report)) + "-" + day.String() + ext
}

// CalendarFileName is the calendar's default file name:
// "relance-calendrier-2026-12-07.ics".
func CalendarFileName(w words.Words, day data.Date) string {
	return w.T.L("export.file.calendar") + "-" + day.String() + ".ics"
}
