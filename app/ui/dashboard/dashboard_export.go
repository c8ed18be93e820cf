package dashboard

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/exports"
	"relance/app/ui/kit"
)

// newExportButton is the dashboard's "Export…": the aged balance as Excel
// or CSV, and the open items for the accountant, each read from the book
// as it is when saved.
func (s *Screen) newExportButton() *widget.Button {
	b := &widget.Button{Text: lang.L("export.button"), Icon: theme.DocumentSaveIcon()}
	item := func(key string, report exports.Report, format exports.Format) *fyne.MenuItem {
		return kit.ExportItem(s.host, lang.L(key), func() kit.Export { return kit.ReportExport(s.host, report, format) })
	}
	b.OnTapped = func() {
		kit.PopUnder(b, s.host.Window(),
			item("export.menu.aged_xlsx", exports.ReportAged, exports.XLSX),
			item("export.menu.aged_csv", exports.ReportAged, exports.CSV),
			fyne.NewMenuItemSeparator(),
			item("export.menu.accountant", exports.ReportAccountant, exports.XLSX))
	}
	return b
}
