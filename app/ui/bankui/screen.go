package bankui

import (
	"context"
	"log/slog"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/banking"
	"relance/app/ui/kit"
	"relance/data"
)

// Host is the window as the Bank screen sees it.
type Host interface {
	kit.Host
	// Banking imports statements and records the owner's decisions.
	Banking() *banking.Service
}

// thresholds are the scores the owner may confirm from, in one click.
var thresholds = []int{100, 90, 80, 70}

// defaultThreshold is the score a proposal needs to be confirmed in bulk
// unless the owner picks another: a number or reference in the label
// with the exact amount, or an exact amount with a known payer.
const defaultThreshold = 80

// Screen lists the bank lines waiting for the owner.
type Screen struct {
	host      Host
	content   fyne.CanvasObject
	list      *widget.List
	summary   *widget.Label
	empty     *widget.Label
	threshold *widget.Select
	confirm   *widget.Button
	items     []banking.Item
	open      []data.OpenBalance // the invoices a credit may pay, for the search
	tolerance data.Money
}

// New builds the Bank screen.
func New(h Host) *Screen {
	s := &Screen{host: h}
	s.list = &widget.List{Length: func() int { return len(s.items) }, CreateItem: s.newRow, UpdateItem: s.updateRow}
	s.list.ExtendBaseWidget(s.list)
	s.summary = widget.NewLabel("")
	s.empty = &widget.Label{Text: lang.L("bank.empty"), Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter}
	options := make([]string, len(thresholds))
	for i, t := range thresholds {
		options[i] = lang.L("bank.threshold", map[string]any{"Score": t})
	}
	s.confirm = &widget.Button{Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: s.onConfirmAll}
	s.threshold = widget.NewSelect(options, func(string) { s.refreshConfirm() })
	s.threshold.SetSelectedIndex(indexOf(thresholds, defaultThreshold))
	s.content = s.layout()
	s.refreshConfirm()
	return s
}

func indexOf(list []int, v int) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return 0
}

func (s *Screen) layout() fyne.CanvasObject {
	title := &widget.Label{Text: lang.L("bank.title"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	importButton := &widget.Button{Text: lang.L("bank.import"), Icon: theme.FolderOpenIcon(), OnTapped: s.OnImport}
	history := &widget.Button{Text: lang.L("bank.history"), Icon: theme.HistoryIcon(), OnTapped: s.onHistory}
	top := container.NewVBox(
		container.NewHBox(title, layout.NewSpacer(), history, importButton),
		&widget.Label{Text: lang.L("bank.intro"), Wrapping: fyne.TextWrapWord},
		container.NewHBox(s.summary, layout.NewSpacer(), kit.FixedWidth(s.threshold, 200), s.confirm),
		widget.NewSeparator())
	return container.NewBorder(top, nil, nil, nil, container.NewStack(s.list, s.empty))
}

// View is the screen's content.
func (s *Screen) View() fyne.CanvasObject { return s.content }

// Update reloads the lines to decide and their proposals.
func (s *Screen) Update(ctx context.Context) {
	items, err := s.host.Banking().ToDecide(ctx)
	var open []data.OpenBalance
	var company data.Company
	if err == nil {
		open, err = s.host.Store().ListOpenBalances(ctx)
	}
	if err == nil {
		company, err = s.host.Store().GetCompany(ctx)
	}
	fyne.Do(func() {
		if err != nil {
			slog.Error("load bank lines", "err", err)
			s.host.ShowError(err)
			return
		}
		s.items, s.open, s.tolerance = items, open, company.BankFeeTolerance
		s.list.Refresh()
		kit.SetVisible(s.empty, len(items) == 0)
		s.summary.SetText(lang.N("bank.summary", len(items), map[string]any{"Count": len(items)}))
		s.refreshConfirm()
	})
}

// Threshold is the score chosen for the bulk confirmation.
func (s *Screen) Threshold() int {
	i := s.threshold.SelectedIndex()
	if i < 0 {
		return defaultThreshold
	}
	return thresholds[i]
}

// confirmable counts the proposals the bulk confirmation would record.
func (s *Screen) confirmable() int {
	n := 0
	for _, it := range s.items {
		if best, ok := it.Proposal.Best(); ok && best.Score >= s.Threshold() {
			n++
		}
	}
	return n
}

func (s *Screen) refreshConfirm() {
	n := s.confirmable()
	s.confirm.SetText(lang.N("bank.confirm_all", n, map[string]any{"Count": n}))
	kit.SetEnabled(s.confirm, n > 0)
}

// onConfirmAll records every proposal at or above the threshold.
func (s *Screen) onConfirmAll() {
	items, threshold := s.items, s.Threshold()
	n := s.confirmable()
	kit.Confirm(s.host, "bank.confirm_all_title", "bank.confirm_all_question", map[string]any{"Count": n,
		"Score": threshold}, func(ctx context.Context) error {
		_, err := s.host.Banking().ConfirmAbove(ctx, items, threshold)
		return err
	})
}

// onConfirm records one line's best proposal.
func (s *Screen) onConfirm(it banking.Item) {
	best, ok := it.Proposal.Best()
	if !ok {
		s.onChoose(it)
		return
	}
	s.run(func(ctx context.Context) error { return s.host.Banking().Confirm(ctx, it.Line.ID, banking.Parts(best)) })
}

// onIgnore sets a line aside as not a customer payment.
func (s *Screen) onIgnore(it banking.Item) {
	s.run(func(ctx context.Context) error { return s.host.Banking().Ignore(ctx, it.Line.ID) })
}

// run writes off the UI goroutine, then reloads or says what failed.
func (s *Screen) run(write func(context.Context) error) {
	s.host.Async(func() {
		err := write(context.Background())
		fyne.Do(func() {
			if err != nil {
				s.host.ShowError(err)
				return
			}
			s.host.Changed()
		})
	})
}

// scoreText is a proposal's score as shown: "95".
func scoreText(score int) string { return strconv.Itoa(score) }
