package importer

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data/imports/sheet"
)

// samplesShown is how many values of each column the mapping shows: the
// file's first rows, read down.
const samplesShown = 3

// columnsPage is the mapping of a table's columns to what Relance keeps.
type columnsPage struct {
	w       *Wizard
	presets []sheet.Preset
	preset  *widget.Select
	roles   []*widget.Select // one per column of the file
	missing *widget.Label    // what the import needs and no column gives
}

// showColumns is the page of a CSV or XLSX: how the file was read, the
// preset, and for each column what it holds, with its first values.
func (w *Wizard) showColumns() {
	p := &columnsPage{w: w, missing: &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}}
	p.preset = widget.NewSelect(nil, p.onPreset)
	save := &widget.Button{Text: lang.L("import.preset_save"), Icon: theme.DocumentSaveIcon(), OnTapped: p.onSavePreset}
	monthFirst := widget.NewCheck(lang.L("import.month_first"), func(on bool) { w.table.MonthFirst = on })
	monthFirst.SetChecked(w.table.MonthFirst)
	info := &widget.Label{Text: tableInfo(w.table), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	presetRow := container.NewBorder(nil, nil, widget.NewLabel(lang.L("import.preset")), save, p.preset)
	top := container.NewVBox(info, presetRow, monthFirst, p.missing, widget.NewSeparator())
	list := container.NewVBox()
	for i, header := range w.table.Header {
		list.Add(p.columnRow(i, header))
	}
	p.showMapping()
	w.page("import.step.columns", container.NewBorder(top, nil, nil, nil, container.NewVScroll(list)),
		w.showSource, p.onNext, "import.check")
	p.loadPresets()
}

// tableInfo says how the file was read: "factures.csv — UTF-8, ';', 1 234,56 — 48 rows".
func tableInfo(t sheet.Table) string {
	how := string(t.Encoding)
	if t.Sheet != "" {
		how = lang.L("import.sheet", map[string]any{"Sheet": t.Sheet})
	} else if t.Separator != 0 {
		how += ", " + lang.L("import.separator", map[string]any{"Separator": separatorName(t.Separator)})
	}
	decimal := "1,234.56"
	if t.DecimalComma {
		decimal = "1 234,56"
	}
	return lang.N("import.table_info", len(t.Rows), map[string]any{"File": t.Name, "How": how, "Decimal": decimal, "Rows": len(t.Rows)})
}

func separatorName(r rune) string {
	switch r {
	case '\t':
		return lang.L("import.separator_tab")
	case ' ':
		return lang.L("import.separator_space")
	}
	return lang.L("import.separator_char", map[string]any{"Char": string(r)})
}

// columnRow is one column: its header, the select of what it holds, and
// its first values.
func (p *columnsPage) columnRow(i int, header string) fyne.CanvasObject {
	options := []string{lang.L("import.role_none")}
	for _, r := range sheet.Roles() {
		options = append(options, lang.L("import.role."+string(r)))
	}
	sel := widget.NewSelect(options, func(string) { p.onRole(i) })
	p.roles = append(p.roles, sel)
	title := &widget.Label{Text: header, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	samples := &widget.Label{Text: p.samples(i), Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	return container.NewGridWithColumns(3, title, sel, samples)
}

// samples are a column's first values, read down the file.
func (p *columnsPage) samples(col int) string {
	var out []string
	for _, row := range p.w.table.Rows {
		if col < len(row.Cells) && strings.TrimSpace(row.Cells[col]) != "" {
			out = append(out, row.Cells[col])
		}
		if len(out) == samplesShown {
			break
		}
	}
	return strings.Join(out, " · ")
}

// showMapping puts the mapping in the selects, without calling onRole.
func (p *columnsPage) showMapping() {
	byColumn := map[int]sheet.Role{}
	for role, col := range p.w.mapping {
		byColumn[col] = role
	}
	for i, sel := range p.roles {
		changed := sel.OnChanged
		sel.OnChanged = nil
		sel.SetSelectedIndex(roleIndex(byColumn[i]))
		sel.OnChanged = changed
	}
	p.showMissing()
}

// roleIndex is a role's option in a column's select (0: not imported).
func roleIndex(r sheet.Role) int {
	for i, role := range sheet.Roles() {
		if role == r {
			return i + 1
		}
	}
	return 0
}

// onRole records what the owner says column i holds; a role is one
// column's only, so the column that held it before loses it.
func (p *columnsPage) onRole(i int) {
	for role, col := range p.w.mapping {
		if col == i {
			delete(p.w.mapping, role)
		}
	}
	if idx := p.roles[i].SelectedIndex(); idx > 0 {
		role := sheet.Roles()[idx-1]
		delete(p.w.mapping, role)
		p.w.mapping[role] = i
	}
	p.showMapping()
}

// showMissing says which of what an import of invoices needs no column
// gives yet.
func (p *columnsPage) showMissing() {
	var missing []string
	if p.w.mapping.Has(sheet.InvoiceNumber) || !p.w.mapping.Has(sheet.ClientName) {
		for _, r := range []sheet.Role{sheet.InvoiceNumber, sheet.ClientName, sheet.Amount} {
			if !p.w.mapping.Has(r) {
				missing = append(missing, lang.L("import.role."+string(r)))
			}
		}
	}
	p.missing.SetText("")
	if len(missing) > 0 {
		p.missing.SetText(lang.L("import.columns_missing", map[string]any{"Roles": strings.Join(missing, ", ")}))
	}
	kit.SetVisible(p.missing, len(missing) > 0)
}

// loadPresets fills the preset select: the headers guessed, then the
// presets, the one that recognises the file chosen.
func (p *columnsPage) loadPresets() {
	p.w.host.Async(func() {
		presets, err := p.w.host.Importer().Presets(context.Background())
		fyne.Do(func() {
			if err != nil {
				p.w.host.ShowError(err)
				return
			}
			p.presets = presets
			options := []string{lang.L("import.preset_guessed")}
			for _, pr := range presets {
				options = append(options, pr.Name)
			}
			changed := p.preset.OnChanged
			p.preset.OnChanged = nil
			p.preset.Options = options
			p.preset.SetSelectedIndex(0)
			if found, _, ok := sheet.Detect(p.w.table.Header, presets); ok {
				p.preset.SetSelected(found.Name)
			}
			p.preset.OnChanged = changed
		})
	})
}

// onPreset maps the columns by the preset chosen, or by their headers.
func (p *columnsPage) onPreset(string) {
	i := p.preset.SelectedIndex()
	if i <= 0 || i > len(p.presets) {
		p.w.mapping = sheet.Guess(p.w.table.Header)
	} else {
		p.w.mapping, _ = p.presets[i-1].Match(p.w.table.Header)
	}
	p.showMapping()
}

// onSavePreset keeps the columns as they are mapped under a name, for the
// next export of the same tool.
func (p *columnsPage) onSavePreset() {
	kit.AskReason(p.w.host, "import.preset_save", "import.preset_name", true, func(ctx context.Context, name string) error {
		if err := p.w.host.Importer().SavePreset(ctx, sheet.NewPreset(name, p.w.table.Header, p.w.mapping)); err != nil {
			return err
		}
		p.loadPresets()
		return nil
	})
}

// onNext reads the table by the mapping and checks it.
func (p *columnsPage) onNext() {
	p.w.batch = sheet.Read(p.w.table, p.w.mapping)
	p.w.check()
}
