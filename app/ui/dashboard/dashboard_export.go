package dashboard

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relance/app/exports"
	"relance/app/ui/kit"
)

// newExportButton is the dashboard's "Export…": the aged balance as Excel
// or CSV, and the open items for the accountant, saved or mailed to them,
// each read from the book as it is then.
func (s *Screen) newExportButton() *widget.Button {
	return kit.ExportButton(s.host, func() []*fyne.MenuItem {
		return []*fyne.MenuItem{
			kit.ReportItem(s.host, "export.menu.aged_xlsx", exports.ReportAged, exports.XLSX),
			kit.ReportItem(s.host, "export.menu.aged_csv", exports.ReportAged, exports.CSV),
			fyne.NewMenuItemSeparator(),
			kit.ReportItem(s.host, "export.menu.accountant", exports.ReportAccountant, exports.XLSX),
			fyne.NewMenuItem(lang.L("mail.accountant.menu"), s.host.Mailer().SendToAccountant),
		}
	})
}
