package clients

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"relance/app/exports"
	"relance/app/ui/kit"
)

// newExportButton is the list's "Export…": the payer profiles as Excel
// or CSV.
func (s *Screen) newExportButton() *widget.Button {
	return kit.ExportButton(s.host, func() []*fyne.MenuItem {
		return []*fyne.MenuItem{
			kit.ReportItem(s.host, "export.menu.profiles_xlsx", exports.ReportProfiles, exports.XLSX),
			kit.ReportItem(s.host, "export.menu.profiles_csv", exports.ReportProfiles, exports.CSV),
		}
	})
}
