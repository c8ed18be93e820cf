package settings

import (
	"context"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
)

// Screen holds the settings in sections, one tab each: the
// company's letterhead, the dunning scenarios and their steps, the rates
// table, the dunning rules and the language.
type Screen struct {
	host      kit.Host
	content   fyne.CanvasObject
	tabs      *container.AppTabs
	company   *companySection
	scenarios *scenarioSection
	rates     *ratesSection
	rules     *rulesSection
	language  *languageSection
	mail      *mailSection
	letters   *lettersSection // the envelope window (settings_letters.go)
	backups   *backupSection  // settings_backup.go
	shared    *sharedSection  // settings_shared.go
}

// The sections, in tab order.
const (
	SectionCompany = iota
	SectionScenarios
	SectionRates
	SectionRules
	SectionLanguage
	SectionMail
	SectionLetters
	SectionBackups
	SectionShared
)

// New builds the sections, on section (the one the user was in before a
// change of language rebuilt the window); Update fills them.
func New(h kit.Host, section int) *Screen {
	s := &Screen{host: h}
	s.company = newCompanySection(h)
	s.scenarios = newScenarioSection(h)
	s.rates = newRatesSection(h)
	s.rules = newRulesSection(h)
	s.language = newLanguageSection(h)
	s.mail = newMailSection(h)
	s.letters = newLettersSection(h)
	s.backups = newBackupSection(h)
	s.shared = newSharedSection(h)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("settings.section.company"), theme.HomeIcon(), s.company.content),
		container.NewTabItemWithIcon(lang.L("settings.section.scenarios"), theme.ListIcon(), s.scenarios.content),
		container.NewTabItemWithIcon(lang.L("settings.section.rates"), theme.GridIcon(), s.rates.content),
		container.NewTabItemWithIcon(lang.L("settings.section.rules"), theme.SettingsIcon(), s.rules.content),
		container.NewTabItemWithIcon(lang.L("settings.section.language"), theme.ComputerIcon(), s.language.content),
		container.NewTabItemWithIcon(lang.L("mail.settings.section"), theme.MailComposeIcon(), s.mail.content),
		container.NewTabItemWithIcon(lang.L("letters.settings.section"), theme.DocumentPrintIcon(), s.letters.content),
		container.NewTabItemWithIcon(lang.L("settings.section.backup"), theme.HistoryIcon(), s.backups.content),
		container.NewTabItemWithIcon(lang.L("settings.section.shared"), theme.StorageIcon(), s.shared.content),
	)
	s.tabs.SelectIndex(section)
	s.content = s.tabs
	return s
}

// Section is the section on show (SectionCompany...).
func (s *Screen) Section() int { return s.tabs.SelectedIndex() }

// ShowSection shows a section: SectionMail to fix the account.
func (s *Screen) ShowSection(section int) { s.tabs.SelectIndex(section) }

// View is the sections' tabs.
func (s *Screen) View() fyne.CanvasObject { return s.content }

// settingsData is everything the sections show, read in one go.
type settingsData struct {
	company    data.Company
	scenarios  []data.Scenario
	categories []data.Category
	stepUses   map[int64]int
	ecb        []data.ECBRate
	legal      []data.LegalRate
	// categoryFromGrade: the payer grade moves clients between categories.
	categoryFromGrade bool
}

// Update reads the settings off the UI goroutine and shows them.
func (s *Screen) Update(ctx context.Context) {
	s.mail.update(ctx)
	s.backups.load()
	d, err := loadSettings(ctx, s.host.Store())
	fyne.Do(func() {
		if err != nil {
			slog.Error("load settings", "err", err)
			s.host.ShowError(err)
			return
		}
		s.company.set(d)
		s.scenarios.set(d)
		s.rates.set(d)
		s.rules.set(d)
		s.letters.set(d)
		s.shared.show()
	})
}

// loadSettings reads what every section shows.
func loadSettings(ctx context.Context, store *data.Store) (settingsData, error) {
	var d settingsData
	var err error
	if d.company, err = store.GetCompany(ctx); err != nil {
		return d, err
	}
	if d.scenarios, err = store.ListScenarios(ctx); err != nil {
		return d, err
	}
	if d.categories, err = store.ListCategories(ctx); err != nil {
		return d, err
	}
	if d.stepUses, err = store.CountStepActions(ctx); err != nil {
		return d, err
	}
	if d.ecb, err = store.ListECBRates(ctx); err != nil {
		return d, err
	}
	if d.categoryFromGrade, err = store.GetCategoryFromGrade(ctx); err != nil {
		return d, err
	}
	d.legal, err = store.ListLegalRates(ctx)
	return d, err
}

// settingsPage is the frame of a section: a short explanation on top, the
// content under it, scrolled when taller than the window, and bottom (may
// be nil: a Save bar) always in view.
func settingsPage(introKey string, body, bottom fyne.CanvasObject) fyne.CanvasObject {
	intro := &widget.Label{Text: lang.L(introKey), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	// Scrolled both ways: two columns of fields must not set the window's
	// least width, a narrow window scrolls sideways instead.
	scroll := container.NewScroll(container.NewPadded(container.NewVBox(intro, body)))
	if bottom == nil {
		return scroll
	}
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), container.NewPadded(bottom)), nil, nil, scroll)
}

// settingsHeading is the title of a group of settings inside a section.
func settingsHeading(key string) *widget.Label {
	return &widget.Label{Text: lang.L(key), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
}

// settingsGroup is a titled group of settings, on a card-like background.
func settingsGroup(titleKey string, content ...fyne.CanvasObject) fyne.CanvasObject {
	return widget.NewCard("", "", container.NewVBox(append([]fyne.CanvasObject{settingsHeading(titleKey)}, content...)...))
}

// settingsGroupWithAction is a settingsGroup with a button (Add...) at the
// right of its title, in reach above a long list.
func settingsGroupWithAction(titleKey string, action *widget.Button, content ...fyne.CanvasObject) fyne.CanvasObject {
	title := container.NewBorder(nil, nil, nil, action, settingsHeading(titleKey))
	return widget.NewCard("", "", container.NewVBox(append([]fyne.CanvasObject{title}, content...)...))
}

// settingsHint is a sentence that explains a setting, under it.
func settingsHint(key string, args ...any) *widget.Label {
	return &widget.Label{Text: lang.L(key, args...), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
}

// settingsSaveBar is the bottom of a section that is saved as a whole:
// its errors that belong to no field, the word that confirms a save, and
// the Save button on the right, as in the dialogs.
func settingsSaveBar(general *widget.Label, save *widget.Button, saved *widget.Label) fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, container.NewHBox(saved, save), general)
}

// newSavedLabel is the "Saved." shown after a section was saved, until the
// next edit.
func newSavedLabel() *widget.Label {
	l := &widget.Label{Text: lang.L("settings.saved"), Importance: widget.SuccessImportance}
	l.Hide()
	return l
}

// SectionCount is how many sections the settings have.
func (s *Screen) SectionCount() int { return len(s.tabs.Items) }
