package settings

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
)

// scenarioSection is the Scenarios tab: the list of scenarios on the left;
// on the right the selected one's steps in order, and under them which
// scenario each category of clients follows.
type scenarioSection struct {
	host    kit.Host
	content fyne.CanvasObject
	list    *widget.List
	title   *widget.Label
	usedBy  *widget.Label
	steps   *fyne.Container // the header and one row per step
	rows    []*stepRow
	empty   *widget.Label
	rename  *widget.Button
	del     *widget.Button
	addStep *widget.Button
	mapping *fyne.Container // one line per category
	// fromGrade: the payer grade moves clients between categories
	// (settings_grades.go).
	fromGrade *widget.Check

	scenarios  []data.Scenario
	categories []data.Category
	stepUses   map[int64]int
	selected   int64 // the scenario shown on the right
}

// newScenarioSection lays out the list, the steps and the categories.
func newScenarioSection(h kit.Host) *scenarioSection {
	s := &scenarioSection{host: h, steps: container.NewVBox(), mapping: container.NewGridWithColumns(4),
		title:  &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Truncation: fyne.TextTruncateEllipsis},
		usedBy: &widget.Label{Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord},
		empty:  &widget.Label{Text: lang.L("settings.scenario.no_steps"), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}}
	s.list = &widget.List{
		Length:     func() int { return len(s.scenarios) },
		CreateItem: func() fyne.CanvasObject { return newScenarioListItem() },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) { updateScenarioListItem(o, s.scenarios[id]) },
		OnSelected: func(id widget.ListItemID) { s.onSelect(id) },
	}
	s.list.ExtendBaseWidget(s.list)
	newScenario := &widget.Button{Text: lang.L("settings.scenario.new"), Icon: theme.ContentAddIcon(), OnTapped: s.onNewScenario}
	s.rename = &widget.Button{Text: lang.L("settings.scenario.rename"), Icon: theme.DocumentCreateIcon(),
		Importance: widget.LowImportance, OnTapped: s.onRename}
	s.del = &widget.Button{Text: lang.L("settings.scenario.delete"), Icon: theme.DeleteIcon(),
		Importance: widget.LowImportance, OnTapped: s.onDeleteScenario}
	s.addStep = &widget.Button{Text: lang.L("settings.step.add"), Icon: theme.ContentAddIcon(),
		Importance: widget.HighImportance, OnTapped: s.onAddStep}

	left := container.NewBorder(settingsHeading("settings.scenario.list"), newScenario, nil, nil, s.list)
	header := container.NewBorder(nil, nil, nil, container.NewHBox(s.rename, s.del), s.title)
	stepsBox := container.NewVBox(header, s.usedBy, s.steps, s.empty, container.NewHBox(s.addStep))
	s.fromGrade = newFromGradeCheck(s.onFromGrade)
	mapping := settingsGroup("settings.category.title", settingsHint("settings.category.hint"), s.mapping,
		s.fromGrade, settingsHint("settings.category.from_grade_hint"))
	// Scrolled both ways, as settingsPage: the steps and the category grid
	// must not set the window's least width (1024-pixel screens).
	right := container.NewScroll(container.NewPadded(container.NewVBox(widget.NewCard("", "", stepsBox), mapping)))
	split := container.NewHSplit(container.NewPadded(left), right)
	split.Offset = 0.22
	intro := &widget.Label{Text: lang.L("settings.scenario.intro"), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	s.content = container.NewBorder(container.NewPadded(intro), nil, nil, nil, split)
	return s
}

// newScenarioListItem is a line of the scenario list: its name, and how
// many steps it has.
func newScenarioListItem() fyne.CanvasObject {
	name := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	count := &widget.Label{Importance: widget.LowImportance}
	return container.NewBorder(nil, nil, nil, count, name)
}

// updateScenarioListItem shows sc in a line of the list.
func updateScenarioListItem(o fyne.CanvasObject, sc data.Scenario) {
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(scenarioName(sc))
	box.Objects[1].(*widget.Label).SetText(lang.N("settings.scenario.step_count", len(sc.Steps),
		map[string]any{"Count": len(sc.Steps)}))
}

// scenarioName is the name the user gave, or the translated name of a
// seeded scenario ("scenario.<key>"), or its key.
func scenarioName(sc data.Scenario) string {
	if sc.Name != "" {
		return sc.Name
	}
	key := "scenario." + sc.Key
	if name := lang.L(key); name != key {
		return name
	}
	return sc.Key
}

// categoryName is the translated name of a category ("category.<key>", in
// the clients' catalogue, which names them too), or its key for one the
// user made up.
func categoryName(key string) string {
	k := "category." + key
	if name := lang.L(k); name != k {
		return name
	}
	return key
}

// set shows the loaded scenarios, keeping the selected one when it still
// exists.
func (s *scenarioSection) set(d settingsData) {
	s.scenarios, s.categories, s.stepUses = d.scenarios, d.categories, d.stepUses
	s.showFromGrade(d.categoryFromGrade)
	s.render()
}

// render draws the loaded scenarios, the selected one on the right.
func (s *scenarioSection) render() {
	index := slices.IndexFunc(s.scenarios, func(sc data.Scenario) bool { return sc.ID == s.selected })
	if index < 0 {
		index = 0
	}
	s.list.Refresh()
	if len(s.scenarios) > 0 {
		s.list.Select(index)
	}
	s.showSelected()
	s.showMapping()
}

// onSelect shows the scenario picked in the list.
func (s *scenarioSection) onSelect(id widget.ListItemID) {
	if id < 0 || id >= len(s.scenarios) {
		return
	}
	s.selected = s.scenarios[id].ID
	s.showSelected()
}

// current is the scenario shown on the right (nil when there is none).
func (s *scenarioSection) current() *data.Scenario {
	for i := range s.scenarios {
		if s.scenarios[i].ID == s.selected {
			return &s.scenarios[i]
		}
	}
	return nil
}

// showSelected draws the selected scenario's name, users and steps.
func (s *scenarioSection) showSelected() {
	sc := s.current()
	s.rows = nil
	s.steps.Objects = nil
	for _, b := range []*widget.Button{s.rename, s.del, s.addStep} {
		if sc == nil {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if sc == nil {
		s.title.SetText("")
		s.usedBy.SetText("")
		s.empty.Hide()
		s.steps.Refresh()
		return
	}
	s.title.SetText(scenarioName(*sc))
	s.usedBy.SetText(s.usedByText(sc.ID))
	if len(sc.Steps) > 0 {
		s.steps.Add(stepHeader())
	}
	for i := range sc.Steps {
		row := newStepRow(s, sc, i)
		s.rows = append(s.rows, row)
		s.steps.Add(row.content)
	}
	s.empty.Hidden = len(sc.Steps) > 0
	s.steps.Refresh()
	s.empty.Refresh()
}

// usedByText says which categories follow a scenario.
func (s *scenarioSection) usedByText(id int64) string {
	var names []string
	for _, c := range s.categories {
		if c.ScenarioID == id {
			names = append(names, categoryName(c.Key))
		}
	}
	if len(names) == 0 {
		return lang.L("settings.scenario.no_category")
	}
	return lang.N("settings.scenario.categories", len(names), map[string]any{"Names": joinNames(names)})
}

// joinNames lists names: "A", "A and B", "A, B and C".
func joinNames(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	out := names[0]
	for _, n := range names[1 : len(names)-1] {
		out += ", " + n
	}
	return out + lang.L("settings.and") + names[len(names)-1]
}

// showMapping draws one line per category with the scenario it follows.
func (s *scenarioSection) showMapping() {
	s.mapping.Objects = nil
	names := make([]string, len(s.scenarios))
	for i, sc := range s.scenarios {
		names[i] = scenarioName(sc)
	}
	for _, c := range s.categories {
		choice := kit.NewSelect(s.host.Window(), names, nil)
		if i := slices.IndexFunc(s.scenarios, func(sc data.Scenario) bool { return sc.ID == c.ScenarioID }); i >= 0 {
			choice.SetSelectedIndex(i)
		}
		key := c.Key
		choice.OnChanged = func(string) { s.onCategoryScenario(key, choice.SelectedIndex()) }
		label := &widget.Label{Text: categoryName(c.Key), Alignment: fyne.TextAlignTrailing}
		s.mapping.Add(label)
		s.mapping.Add(choice)
	}
	s.mapping.Refresh()
}

// onCategoryScenario makes a category follow the scenario at index.
func (s *scenarioSection) onCategoryScenario(key string, index int) {
	if index < 0 || index >= len(s.scenarios) {
		return
	}
	id := s.scenarios[index].ID
	s.run(func(ctx context.Context) error { return s.host.Store().SetCategoryScenario(ctx, key, id) })
}

// run does a write off the UI goroutine, then reloads the screens or says
// what failed.
func (s *scenarioSection) run(write func(context.Context) error) {
	s.host.Async(func() {
		err := write(context.Background())
		fyne.Do(func() {
			if err != nil {
				s.host.ShowError(err)
			}
			s.host.Changed()
		})
	})
}

// onNewScenario asks for a name and shows the new, empty scenario.
func (s *scenarioSection) onNewScenario() {
	s.askName("settings.scenario.new_title", "", func(ctx context.Context, name string) (int64, error) {
		sc := data.Scenario{Name: name}
		err := s.host.Store().CreateScenario(ctx, &sc)
		return sc.ID, err
	})
}

// onRename renames the selected scenario.
func (s *scenarioSection) onRename() {
	sc := s.current()
	if sc == nil {
		return
	}
	id := sc.ID
	s.askName("settings.scenario.rename_title", scenarioName(*sc), func(ctx context.Context, name string) (int64, error) {
		return id, s.host.Store().RenameScenario(ctx, id, name)
	})
}

// askName asks for a scenario's name, then runs save and shows the scenario
// it returns.
func (s *scenarioSection) askName(titleKey, initial string, save func(context.Context, string) (int64, error)) {
	f := kit.NewForm()
	name := kit.NewEntry(s.host.Window())
	name.SetText(initial)
	f.Add("scenario_name", true, name)
	var id int64
	fd := kit.NewFormDialog(s.host, titleKey, f, fyne.NewSize(460, 170), func() (func(context.Context) error, error) {
		text := strings.TrimSpace(name.Text)
		if text == "" {
			return nil, kit.RequiredError("scenario_name")
		}
		return func(ctx context.Context) error {
			var err error
			id, err = save(ctx, text)
			return kit.AsField(err, "scenario_name")
		}, nil
	}, func() {
		s.selected = id
		s.render()
	})
	fd.Show(name)
}

// onDeleteScenario deletes the selected scenario after a confirmation, or
// says what still uses it.
func (s *scenarioSection) onDeleteScenario() {
	sc := s.current()
	if sc == nil {
		return
	}
	id, name := sc.ID, scenarioName(*sc)
	s.host.Async(func() {
		usage, err := s.host.Store().GetScenarioUsage(context.Background(), id)
		fyne.Do(func() {
			switch {
			case err != nil:
				s.host.ShowError(err)
			case usage.InUse():
				s.showInUse(name, usage)
			default:
				kit.Confirm(s.host, "settings.scenario.delete_title", "settings.scenario.delete_confirm", map[string]any{"Name": name},
					func(ctx context.Context) error { return s.host.Store().DeleteScenario(ctx, id) })
			}
		})
	})
}

// showInUse explains why a scenario cannot be deleted, one line per user.
func (s *scenarioSection) showInUse(name string, usage data.ScenarioUsage) {
	text := lang.L("settings.scenario.in_use", map[string]any{"Name": name})
	if n := len(usage.Categories); n > 0 {
		names := make([]string, n)
		for i, k := range usage.Categories {
			names[i] = categoryName(k)
		}
		text += "\n• " + lang.N("settings.scenario.in_use_categories", n, map[string]any{"Names": joinNames(names)})
	}
	if usage.Clients > 0 {
		text += "\n• " + lang.N("settings.scenario.in_use_clients", usage.Clients, map[string]any{"Count": usage.Clients})
	}
	if usage.Actions > 0 {
		text += "\n• " + lang.N("settings.scenario.in_use_actions", usage.Actions, map[string]any{"Count": usage.Actions})
	}
	if len(usage.Categories) > 0 || usage.Clients > 0 {
		text += "\n\n" + lang.L("settings.scenario.in_use_hint")
	} else {
		text += "\n\n" + lang.L("settings.scenario.in_use_history")
	}
	d := dialog.NewCustom(lang.L("settings.scenario.delete_title"), lang.L("button.close"), widget.NewLabel(text), s.host.Window())
	s.host.Track(d)
	d.Show()
}
