package invoices

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/exports"
	"relance/app/ui/kit"
)

// newExportButton is the list's "Export…": a menu of the invoices and the
// aged balance as Excel or CSV, and the open items for the accountant.
func (s *Screen) newExportButton() *widget.Button {
	b := &widget.Button{Text: lang.L("export.button"), Icon: theme.DocumentSaveIcon()}
	b.OnTapped = func() { kit.PopUnder(b, s.host.Window(), s.exportItems()...) }
	return b
}

// exportItems are the lines of the export menu.
func (s *Screen) exportItems() []*fyne.MenuItem {
	item := func(key string, report exports.Report, format exports.Format) *fyne.MenuItem {
		return kit.ExportItem(s.host, lang.L(key), func() kit.Export { return kit.ReportExport(s.host, report, format) })
	}
	return []*fyne.MenuItem{
		item("export.menu.invoices_xlsx", exports.ReportInvoices, exports.XLSX),
		item("export.menu.invoices_csv", exports.ReportInvoices, exports.CSV),
		item("export.menu.aged_xlsx", exports.ReportAged, exports.XLSX),
		item("export.menu.aged_csv", exports.ReportAged, exports.CSV),
		fyne.NewMenuItemSeparator(),
		item("export.menu.accountant", exports.ReportAccountant, exports.XLSX),
	}
}
