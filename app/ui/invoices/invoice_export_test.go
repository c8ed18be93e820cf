package invoices

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"relance/app/dashboard"
	"relance/app/exports"
	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

// TestExportButton: "Export…" opens a menu of the invoices and the aged
// balance as Excel or CSV and of the open items for the accountant; a
// line asks where to save under the dated default name.
func TestExportButton(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	test.Tap(uitest.FindButton(t, u.Win.Content(), lang.L("export.button")))
	menu := u.Win.Canvas().Overlays().Top()
	if menu == nil {
		t.Fatal("no menu on top")
	}
	for _, key := range []string{"export.menu.invoices_xlsx", "export.menu.aged_csv", "export.menu.accountant"} {
		if !uitest.DrawnText(menu, lang.L(key)) {
			t.Errorf("the menu has no line %q", lang.L(key))
		}
	}
	u.Win.Canvas().Overlays().Remove(menu)
	items := u.invoices.exportItems()
	items[0].Action() // Invoices (Excel)
	want := "factures-" + testDay.String() + ".xlsx"
	if lang.L("lang.code") == "en" {
		want = "invoices-" + testDay.String() + ".xlsx"
	}
	var named bool
	uitest.Walk(u.Win.Canvas().Overlays().Top(), nil, func(o, _ fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.Text == want {
			named = true
		}
	})
	if !named {
		t.Errorf("the save dialog does not offer %s", want)
	}
}

// TestWriteExport: what a menu line does once the file is chosen: the
// invoices written as a workbook excelize reads back, then a dialog that
// says where and opens the file; a failed export says why and leaves no
// file behind.
func TestWriteExport(t *testing.T) {
	b := newInvoiceBook(t)
	u := b.u
	path := filepath.Join(t.TempDir(), "factures.xlsx")
	f, err := os.Create(path)
	uitest.Must(t, err)
	kit.WriteExport(u, f, path, kit.ReportExport(u, exports.ReportInvoices, exports.XLSX))
	x, err := excelize.OpenFile(path)
	uitest.Must(t, err)
	rows, err := x.GetRows(x.GetSheetList()[0])
	uitest.Must(t, err)
	x.Close()
	if len(rows) != 1+len(b.ids)+1 {
		t.Errorf("%d rows for %d invoices (header and total besides)", len(rows), len(b.ids))
	}
	if !uitest.LabelContains(u.Top(), path) {
		t.Fatal("the dialog does not say where the file went")
	}
	test.Tap(uitest.FindButton(t, u.Top(), lang.L("export.open")))
	if len(u.OpenedFiles) != 1 || u.OpenedFiles[0] != path {
		t.Errorf("opened %q", u.OpenedFiles)
	}

	bad := filepath.Join(t.TempDir(), "bad.xlsx")
	f, err = os.Create(bad)
	uitest.Must(t, err)
	kit.WriteExport(u, f, bad, kit.Export{Name: "bad.xlsx", Write: func(context.Context, io.Writer) error {
		return errors.New("disk full")
	}})
	if !uitest.LabelContains(u.Top(), "disk full") {
		t.Error("the failure is not said")
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("the failed file is left behind: %v", err)
	}
}

// TestAgedExport: the aged balance as the export menus save it: the dated
// name, and a CSV with a line per client and the total.
func TestAgedExport(t *testing.T) {
	b := newInvoiceBook(t)
	lines, err := b.store.ListInvoiceLinesOf(context.Background(), data.UnpaidInvoiceLines)
	uitest.Must(t, err)
	rows := dashboard.AgedByClient(lines, testDay)
	e := kit.ReportExport(b.u, exports.ReportAged, exports.CSV)
	if !strings.HasSuffix(e.Name, "-"+testDay.String()+".csv") {
		t.Errorf("name %q", e.Name)
	}
	var buf bytes.Buffer
	uitest.Must(t, e.Write(context.Background(), &buf))
	if got := strings.Count(buf.String(), "\r\n"); len(rows) == 0 || got != 1+len(rows)+1 {
		t.Errorf("%d lines for %d clients:\n%s", got, len(rows), buf.String())
	}
}
