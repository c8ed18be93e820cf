package ui

import (
	"context"
	"errors"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/demo"
	"relance/app/ui/kit"
	"relance/app/ui/settings"
)

// welcomeScreen is the first-start onboarding, in two steps: the company's
// letterhead details (skippable), then the choice between exploring with
// demo data and starting an empty book.
type welcomeScreen struct {
	ui      *UI
	content *fyne.Container // the step on show

	// Step 1: the company.
	companyStep *fyne.Container
	company     *settings.CompanyForm
	skip        *widget.Button
	next        *widget.Button

	// Step 2: demo or empty.
	choiceStep *fyne.Container
	loadDemo   *widget.Button
	empty      *widget.Button
	importBook *widget.Button // an empty book, then the import wizard
	joinShared *widget.Button // a shared book on a server, instead of this PC's file
	back       *widget.Button
	kept       *widget.Label // says the company typed at step 1 is kept
	progress   *widget.ProgressBarInfinite
	status     *widget.Label
}

// newWelcomeScreen builds both steps and shows the first.
func newWelcomeScreen(u *UI) *welcomeScreen {
	s := &welcomeScreen{ui: u}
	s.companyStep = s.buildCompanyStep()
	s.choiceStep = s.buildChoiceStep()
	s.content = container.NewStack(s.companyStep)
	return s
}

// view returns the onboarding, on its first step, and loads the company
// the book already has (typed at a first start left unfinished).
func (s *welcomeScreen) view() fyne.CanvasObject {
	s.ui.async(func() {
		c, err := s.ui.store.GetCompany(context.Background())
		fyne.Do(func() {
			if err != nil {
				s.ui.showError(err)
				return
			}
			s.company.Fill(c)
		})
	})
	return s.content
}

// welcomeHeader is the icon and title on top of both steps, with the
// step's own title under them.
func welcomeHeader(stepKey, introKey string) fyne.CanvasObject {
	icon := canvas.NewImageFromResource(appIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	title := &widget.Label{Text: lang.L("welcome.title"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	step := &widget.Label{Text: lang.L(stepKey), TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.HighImportance}
	intro := &widget.Label{Text: lang.L(introKey), Wrapping: fyne.TextWrapWord}
	return container.NewVBox(container.NewBorder(nil, nil, icon, nil, container.NewVBox(title, step)), intro)
}

// buildCompanyStep is step 1: the essential letterhead fields, Skip and
// Continue.
func (s *welcomeScreen) buildCompanyStep() *fyne.Container {
	s.company = settings.NewCompanyForm(s.ui, settings.CompanyEssentialKeys, nil)
	s.skip = &widget.Button{Text: lang.L("welcome.skip"), OnTapped: s.onSkip}
	s.next = &widget.Button{Text: lang.L("welcome.continue"), Icon: theme.NavigateNextIcon(), IconPlacement: widget.ButtonIconTrailingText,
		Importance: widget.HighImportance, OnTapped: s.onContinue}
	g := s.company.Grid
	fields := container.NewGridWithColumns(2,
		g("legal_name", "legal_form", "siren", "street", "postal_code", "email"),
		g("phone", "iban", "signatory_name", "signatory_role", "logo"))
	header := welcomeHeader("welcome.company_step", "welcome.company_intro")
	// Someone joining the office's book has no company to type: the
	// shared book has it.
	join := &widget.Button{Text: lang.L("welcome.shared"), Icon: theme.LoginIcon(), Importance: widget.LowImportance,
		OnTapped: func() { settings.ConnectSharedBook(s.ui) }}
	padded := container.NewPadded(fields)
	buttons := container.NewVBox(layout.NewSpacer(), widget.NewSeparator(),
		container.NewBorder(nil, nil, join, container.NewHBox(s.skip, s.next), s.company.Form.General()))
	body := container.NewBorder(header, buttons, nil, nil, container.NewScroll(padded))
	// As high as the fields need, so that the buttons sit under them; a
	// lower window scrolls the fields.
	natural := func() float32 {
		return header.MinSize().Height + padded.MinSize().Height + buttons.MinSize().Height + 4*theme.Padding()
	}
	return container.New(&welcomeLayout{max: fyne.NewSize(1040, 700), natural: natural}, body)
}

// buildChoiceStep is step 2: demo data or an empty book.
func (s *welcomeScreen) buildChoiceStep() *fyne.Container {
	s.status, s.progress = kit.NewErrorLabel(), widget.NewProgressBarInfinite()
	s.progress.Stop()
	s.progress.Hide()
	s.loadDemo = &widget.Button{Text: lang.L("welcome.load_demo"), Icon: theme.DownloadIcon(),
		Importance: widget.HighImportance, OnTapped: s.onLoadDemo}
	s.empty = &widget.Button{Text: lang.L("welcome.start_empty"), Icon: theme.DocumentCreateIcon(), OnTapped: s.onStartEmpty}
	s.importBook = &widget.Button{Text: lang.L("welcome.import"), Icon: theme.UploadIcon(), OnTapped: s.onImport}
	s.joinShared = &widget.Button{Text: lang.L("welcome.shared"), Icon: theme.LoginIcon(),
		OnTapped: func() { settings.ConnectSharedBook(s.ui) }}
	s.back = &widget.Button{Text: lang.L("welcome.back"), Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance,
		OnTapped: func() { s.showStep(s.companyStep) }}
	s.kept = &widget.Label{Text: lang.L("welcome.company_kept"), Wrapping: fyne.TextWrapWord, Importance: widget.SuccessImportance}
	s.kept.Hide()
	demoHint := &widget.Label{Text: lang.L("welcome.demo_hint"), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	emptyHint := &widget.Label{Text: lang.L("welcome.empty_hint"), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	importHint := &widget.Label{Text: lang.L("welcome.import_hint"), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	sharedHint := &widget.Label{Text: lang.L("welcome.shared_hint"), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	box := container.NewVBox(welcomeHeader("welcome.choice_step", "welcome.intro"), s.kept, widget.NewSeparator(),
		s.loadDemo, demoHint, s.importBook, importHint, s.empty, emptyHint, s.joinShared, sharedHint, s.progress, s.status,
		widget.NewSeparator(),
		container.NewHBox(s.back))
	natural := func() float32 { return box.MinSize().Height }
	return container.New(&welcomeLayout{max: fyne.NewSize(620, 640), natural: natural}, box)
}

// showStep puts one of the steps on show.
func (s *welcomeScreen) showStep(step *fyne.Container) {
	s.content.Objects = []fyne.CanvasObject{step}
	s.content.Refresh()
}

// onSkip goes to the choice without writing anything.
func (s *welcomeScreen) onSkip() {
	s.company.Form.ClearErrors()
	s.showStep(s.choiceStep)
}

// onContinue saves the company typed, then goes to the choice. The book
// stays not onboarded until the choice is made.
func (s *welcomeScreen) onContinue() {
	s.company.Form.ClearErrors()
	apply, err := s.company.Read()
	if err != nil {
		s.showCompanyErrors(err)
		return
	}
	s.next.Disable()
	s.ui.async(func() {
		err := settings.SaveCompany(context.Background(), s.ui.store, apply)
		fyne.Do(func() {
			s.next.Enable()
			if err != nil {
				s.showCompanyErrors(err)
				return
			}
			s.kept.Show()
			s.showStep(s.choiceStep)
		})
	})
}

// showCompanyErrors puts the errors under their fields and lets the step
// grow to show them.
func (s *welcomeScreen) showCompanyErrors(err error) {
	s.company.Form.ShowErrors(err)
	// Twice: a wrapped error knows its height once it has a width.
	s.companyStep.Refresh()
	s.companyStep.Refresh()
}

// setBusy shows the demo loading and keeps the buttons from a second tap.
func (s *welcomeScreen) setBusy(busy bool) {
	if busy {
		s.loadDemo.Disable()
		s.empty.Disable()
		s.importBook.Disable()
		s.joinShared.Disable()
		s.back.Disable()
		s.progress.Show()
		s.progress.Start()
		return
	}
	s.loadDemo.Enable()
	s.empty.Enable()
	s.importBook.Enable()
	s.joinShared.Enable()
	s.back.Enable()
	s.progress.Stop()
	s.progress.Hide()
}

// onLoadDemo loads the demo off the UI goroutine.
func (s *welcomeScreen) onLoadDemo() {
	s.setBusy(true)
	kit.SetError(s.status, "")
	s.ui.async(func() { s.loadDemoData(context.Background()) })
}

// loadDemoData fills the book (one transaction: all or nothing) and moves
// on to the screens. A company typed at step 1 is kept: the demo only
// puts its own in an unnamed book.
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
			kit.SetError(s.status, kit.ErrorSentence(err))
			return
		}
		s.ui.showScreens(ctx)
	})
}

// onStartEmpty ends the onboarding on an empty book.
// onImport starts with an empty book and opens the import wizard on it:
// the owner's existing book comes in from the tool they used before.
func (s *welcomeScreen) onImport() {
	pending := len(s.ui.pendingImport) > 0 // files opened with Relance: their wizard opens with the screens
	s.onStartEmpty()
	if !pending && s.ui.root.Objects != nil && s.ui.root.Objects[0] == s.ui.tabs {
		s.ui.OpenImport()
	}
}

func (s *welcomeScreen) onStartEmpty() {
	ctx := context.Background()
	if err := s.ui.store.MarkOnboarded(ctx); err != nil {
		kit.SetError(s.status, kit.ErrorSentence(err))
		return
	}
	s.ui.showScreens(ctx)
}

// welcomeLayout centres its content at most max wide and high (and no
// higher than natural, when set), smaller in a smaller window.
type welcomeLayout struct {
	max     fyne.Size
	natural func() float32
}

// Layout centres the objects in the space given, capped at max.
func (l *welcomeLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	w, h := min(size.Width, l.max.Width), min(size.Height, l.max.Height)
	if l.natural != nil {
		h = min(h, l.natural())
	}
	for _, o := range objects {
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, (size.Height-h)/2))
	}
}

// MinSize is the content's, so that a small window still shows it whole.
func (l *welcomeLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objects {
		m = m.Max(o.MinSize())
	}
	return m
}
