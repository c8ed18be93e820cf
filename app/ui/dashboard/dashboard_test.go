package dashboard

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"relance/app/ui/kit"
	"relance/app/ui/mailui"
	"relance/app/ui/uitest"
	"relance/data"
)

// dashHost records where the dashboard sends the owner.
type dashHost struct {
	*uitest.Host
	mailer  *mailui.Mailer
	titles  []string
	shown   [][]int64
	clients []int64
}

func (h *dashHost) Mailer() *mailui.Mailer                    { return h.mailer }
func (h *dashHost) EditClient(data.Client, func(data.Client)) {}
func (h *dashHost) OpenMailSettings()                         {}

// newDashHost is a dashHost over an empty book.
func newDashHost(t *testing.T) *dashHost {
	h := &dashHost{Host: uitest.NewHost(t)}
	h.mailer = mailui.New(h, h.Services.Mail, h.Services.Composer)
	t.Cleanup(h.mailer.Stop)
	return h
}

func (h *dashHost) OpenClient(id int64) { h.clients = append(h.clients, id) }

func (h *dashHost) ShowInvoices(title string, ids []int64) {
	h.titles = append(h.titles, title)
	h.shown = append(h.shown, ids)
}

// dashBook is a book as of Tuesday 24 November 2026: Martin owes 1,000 €
// due on 4 December and 500 € 45 days late; Leroy paid 300 € last
// Friday, 19 days late.
func dashBook(t *testing.T) (*dashHost, map[string]int64, map[string]data.Client) {
	t.Helper()
	h := newDashHost(t)
	b := uitest.NewBook(t, h.Store())
	martin, leroy := b.Client("Boulangerie Martin", ""), b.Client("Garage Leroy", "")
	ids := map[string]int64{
		"soon": b.Invoice(martin, "FA-1", "2026-12-04", 100000).ID,
		"late": b.Invoice(martin, "FA-2", "2026-10-10", 50000).ID,
	}
	paid := b.Invoice(leroy, "FA-3", "2026-11-01", 30000)
	b.Pay(paid, "2026-11-20", 30000)
	ids["paid"] = paid.ID
	return h, ids, map[string]data.Client{"martin": martin, "leroy": leroy}
}

func TestDashboardShowsTheBookAndOpensWhatIsBehindABar(t *testing.T) {
	h, ids, clients := dashBook(t)
	s := New(h)
	h.Show(s)
	if len(h.Errors) > 0 {
		t.Fatal(h.Errors)
	}
	if got := s.figures.outstanding.Value.Text; got != kit.Money(150000) {
		t.Errorf("outstanding %q", got)
	}
	if got := s.figures.overdue.Value.Text; got != kit.Money(50000) {
		t.Errorf("overdue %q", got)
	}
	if got := s.figures.avgLate.Value.Text; got != days(19) {
		t.Errorf("average days late %q, want Leroy's 19 days", got)
	}
	wantAged := []data.Money{100000, 0, 50000, 0, 0}
	for i, b := range s.aged.bars {
		if b.amount != wantAged[i] {
			t.Errorf("aged bar %d (%s): %v, want %v", i, b.label, b.amount, wantAged[i])
		}
	}
	if got := test.WidgetRenderer(s.aged).(*barChartRenderer).values[2].Text; got != shortMoney(50000) {
		t.Errorf("the 31-60 days bar says %q", got)
	}

	tapBar(s.aged, 2) // 31-60 days
	tapBar(s.cash, 7) // the week to today: Leroy's payment
	tapBar(s.cash, 9) // the week from 1 December: Martin's 1,000 €
	want := [][]int64{{ids["late"]}, {ids["paid"]}, {ids["soon"]}}
	if !slices.EqualFunc(h.shown, want, slices.Equal) {
		t.Errorf("bars opened %v (%q), want %v", h.shown, h.titles, want)
	}

	s.late.Select(0)
	if len(s.shown.Late) != 1 || !slices.Equal(h.clients, []int64{clients["martin"].ID}) {
		t.Errorf("most late %+v, opened %v", s.shown.Late, h.clients)
	}
}

// TestDashboardAfterAPayment: the screen reloads to the book as it is.
func TestDashboardAfterAPayment(t *testing.T) {
	h, ids, _ := dashBook(t)
	s := New(h)
	h.Show(s)
	p := data.Payment{InvoiceID: ids["late"], Date: uitest.Day, Amount: 50000}
	if err := h.Store().CreatePayment(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	s.Update(context.Background())
	if got := s.figures.overdue.Value.Text; got != kit.Money(0) {
		t.Errorf("overdue %q after the payment", got)
	}
	if !s.noLate.Visible() {
		t.Error("a client still listed as late")
	}
	if got := s.cash.bars[7].amount; got != 80000 {
		t.Errorf("this week received %v, want 800.00", got)
	}
}

// tapBar taps the middle of bar i's column.
func tapBar(c *barChart, i int) {
	slot := c.Size().Width / float32(len(c.bars))
	test.TapAt(c, fyne.NewPos(slot*(float32(i)+0.5), c.Size().Height/2))
}

// TestChartColoursStandOutInBothVariants: every bar colour keeps 3:1
// against the background of the light and the dark theme, and the
// amounts are written in the text colour.
func TestChartColoursStandOutInBothVariants(t *testing.T) {
	for _, dark := range []bool{false, true} {
		appearance, variant := kit.AppearanceLight, theme.VariantLight
		if dark {
			appearance, variant = kit.AppearanceDark, theme.VariantDark
		}
		th := kit.Theme{Appearance: appearance}
		test.NewTempApp(t).Settings().SetTheme(th)
		if themeIsDark() != dark {
			t.Fatalf("%s: the variant is not told from the background", appearance)
		}
		bg := th.Color(theme.ColorNameBackground, variant)
		for c := range chartColorCount {
			if got := kit.Contrast(paint(c), bg); got < 3 {
				t.Errorf("%s: bar colour %d has a contrast of %.2f", appearance, c, got)
			}
		}
		chart := newBarChart(nil)
		chart.setBars([]bar{{amount: 12300, label: "x", color: chartGreen}})
		r := test.TempWidgetRenderer(t, chart).(*barChartRenderer)
		if r.values[0].Color != th.Color(theme.ColorNameForeground, variant) || r.values[0].Text != shortMoney(12300) {
			t.Errorf("%s: the amount %q is drawn in %v", appearance, r.values[0].Text, r.values[0].Color)
		}
	}
}

// TestShortMoney: the amounts on the bars, short, in the window's
// language.
func TestShortMoney(t *testing.T) {
	uitest.LoadTranslations(t)
	want := map[data.Money]string{85000: "€850", 1234000: "€12k", 123456: "€1.2k", 123456789: "€1.2M", 0: "€0"}
	if kit.Language() == "fr" {
		want = map[data.Money]string{85000: "850\u00a0€", 1234000: "12\u00a0k€", 123456: "1,2\u00a0k€", 123456789: "1,2\u00a0M€", 0: "0\u00a0€"}
	}
	for cents, w := range want {
		if got := shortMoney(cents); got != w {
			t.Errorf("%d cents: %q, want %q", cents, got, w)
		}
	}
}

// TestDashboardExportMenu: "Export…" offers the aged balance and the
// accountant's open items, and a line opens the save dialog on the
// report's dated name.
func TestDashboardExportMenu(t *testing.T) {
	h, _, _ := dashBook(t)
	s := New(h)
	h.Show(s)
	test.Tap(uitest.FindButton(t, s.View(), lang.L("export.button")))
	for _, key := range []string{"export.menu.aged_xlsx", "export.menu.aged_csv", "export.menu.accountant", "mail.accountant.menu"} {
		if !uitest.DrawnText(h.Win.Canvas().Overlays().Top(), lang.L(key)) {
			t.Errorf("the menu has no %q", lang.L(key))
		}
	}
}

// TestDashboardOfAnEmptyBook: nothing owed, no sales to count back over:
// the figures say so rather than show a DSO of 0, and no client is late.
func TestDashboardOfAnEmptyBook(t *testing.T) {
	h := newDashHost(t)
	s := New(h)
	h.Show(s)
	if len(h.Errors) > 0 {
		t.Fatal(h.Errors)
	}
	if got := s.figures.dso.Value.Text; got != lang.L("dashboard.figure.unknown") {
		t.Errorf("DSO %q on an empty book", got)
	}
	if got := s.figures.outstanding.Value.Text; got != kit.Money(0) {
		t.Errorf("outstanding %q", got)
	}
	if !s.noLate.Visible() || s.undated.Visible() {
		t.Error("an empty book lists late clients or undated money")
	}
	tapBar(s.aged, 4)
	if len(h.shown) != 0 {
		t.Errorf("an empty bar opened %v", h.shown)
	}
}

// TestBarsFromTheKeyboard: Tab reaches a chart, the arrows choose a bar
// and Enter opens it, as a click does.
func TestBarsFromTheKeyboard(t *testing.T) {
	h, ids, _ := dashBook(t)
	s := New(h)
	h.Show(s)
	c := h.Win.Canvas()
	c.Focus(s.aged)
	if !s.aged.focused || s.aged.hovered != 0 {
		t.Fatalf("the chart takes the focus on bar %d (focused %v)", s.aged.hovered, s.aged.focused)
	}
	for range 2 {
		s.aged.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	s.aged.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(h.shown) != 1 || !slices.Equal(h.shown[0], []int64{ids["late"]}) {
		t.Fatalf("Enter on the third bar opened %v", h.shown)
	}
	s.aged.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) // 61-90 days: nothing there
	s.aged.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if len(h.shown) != 1 {
		t.Errorf("an empty bar opened %v", h.shown[1:])
	}
}
