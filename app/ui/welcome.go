package ui

import (
	"context"
	"errors"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/demo"
)

// welcomeScreen is the first-start choice: explore with demo data, or start
// an empty book.
type welcomeScreen struct {
	ui       *UI
	content  fyne.CanvasObject
	loadDemo *widget.Button
	empty    *widget.Button
	progress *widget.ProgressBarInfinite
	status   *widget.Label
}

func newWelcomeScreen(u *UI) *welcomeScreen {
	s := &welcomeScreen{ui: u, status: newErrorLabel(), progress: widget.NewProgressBarInfinite()}
	s.progress.Stop()
	s.progress.Hide()
	s.loadDemo = &widget.Button{Text: lang.L("welcome.load_demo"), Icon: theme.DownloadIcon(),
		Importance: widget.HighImportance, OnTapped: s.onLoadDemo}
	s.empty = &widget.Button{Text: lang.L("welcome.start_empty"), Icon: theme.DocumentCreateIcon(), OnTapped: s.onStartEmpty}

	icon := canvas.NewImageFromResource(appIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(96, 96))
	title := &widget.Label{Text: lang.L("welcome.title"), TextStyle: fyne.TextStyle{Bold: true},
		Alignment: fyne.TextAlignCenter, SizeName: theme.SizeNameHeadingText}
	intro := &widget.Label{Text: lang.L("welcome.intro"), Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	demoHint := &widget.Label{Text: lang.L("welcome.demo_hint"), Alignment: fyne.TextAlignCenter,
		Wrapping: fyne.TextWrapWord}
	box := container.NewVBox(icon, title, intro, widget.NewSeparator(),
		s.loadDemo, s.empty, demoHint, s.progress, s.status)
	s.content = container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 420), box))
	return s
}

func (s *welcomeScreen) view() fyne.CanvasObject { return s.content }

func (s *welcomeScreen) setBusy(busy bool) {
	if busy {
		s.loadDemo.Disable()
		s.empty.Disable()
		s.progress.Show()
		s.progress.Start()
		return
	}
	s.loadDemo.Enable()
	s.empty.Enable()
	s.progress.Stop()
	s.progress.Hide()
}

func (s *welcomeScreen) onLoadDemo() {
	s.setBusy(true)
	setError(s.status, "")
	s.ui.async(func() { s.loadDemoData(context.Background()) })
}

// loadDemoData fills the book (one transaction: all or nothing) and moves
// on to the invoice list.
func (s *welcomeScreen) loadDemoData(ctx context.Context) {
	_, err := demo.Load(ctx, s.ui.store, s.ui.today())
	if errors.Is(err, demo.ErrNotEmpty) {
		err = nil // someone already filled it: the list will show it
	}
	if err == nil {
		err = s.ui.store.MarkOnboarded(ctx)
	}
	fyne.Do(func() {
		s.setBusy(false)
		if err != nil {
			slog.Error("load demo data", "err", err)
			setError(s.status, errorSentence(err))
			return
		}
		s.ui.showScreens(ctx)
	})
}

func (s *welcomeScreen) onStartEmpty() {
	ctx := context.Background()
	if err := s.ui.store.MarkOnboarded(ctx); err != nil {
		setError(s.status, errorSentence(err))
		return
	}
	s.ui.showScreens(ctx)
}
