package clients

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/exports"
	"relance/app/ui/kit"
)

// newExportButton is the list's "Export…": the payer profiles as Excel
// or CSV.
func (s *Screen) newExportButton() *widget.Button {
	b := &widget.Button{Text: lang.L("export.button"), Icon: theme.DocumentSaveIcon()}
	b.OnTapped = func() {
		kit.PopUnder(b, s.host.Window(),
			kit.ExportItem(s.host, lang.L("export.menu.profiles_xlsx"), func() kit.Export {
				return kit.ReportExport(s.host, exports.ReportProfiles, exports.XLSX)
			}),
			kit.ExportItem(s.host, lang.L("export.menu.profiles_csv"), func() kit.Export {
				return kit.ReportExport(s.host, exports.ReportProfiles, exports.CSV)
			}))
	}
	return b
}
