package invoices

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relance/app/exports"
	"relance/app/ui/kit"
)

// newExportButton is the list's "Export…": a menu of the invoices and the
// aged balance as Excel or CSV, and the open items for the accountant,
// saved or mailed to them.
func (s *Screen) newExportButton() *widget.Button {
	return kit.ExportButton(s.host, s.exportItems)
}

// exportItems are the lines of the export menu.
func (s *Screen) exportItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{
		kit.ReportItem(s.host, "export.menu.invoices_xlsx", exports.ReportInvoices, exports.XLSX),
		kit.ReportItem(s.host, "export.menu.invoices_csv", exports.ReportInvoices, exports.CSV),
		kit.ReportItem(s.host, "export.menu.aged_xlsx", exports.ReportAged, exports.XLSX),
		kit.ReportItem(s.host, "export.menu.aged_csv", exports.ReportAged, exports.CSV),
		fyne.NewMenuItemSeparator(),
		kit.ReportItem(s.host, "export.menu.accountant", exports.ReportAccountant, exports.XLSX),
		fyne.NewMenuItem(lang.L("mail.accountant.menu"), s.host.Mailer().SendToAccountant),
	}
}
