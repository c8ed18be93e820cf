package templates

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/drafting"
	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
	"relance/documents"
)

// templatesBook is a small book as of uitest.Day (2026-11-24):
//   - Boulangerie Martin (professional, French): FA-101 1 250 € due 30 Sep,
//     250 € paid on 15 Oct, first reminder sent on 7 Oct; FA-102 480,50 €
//     due 31 Oct; FA-103 300 € due 15 Dec (not due);
//   - Dunmore Ltd (professional, English): FA-201 2 000 € due 10 Nov.
type templatesBook struct {
	martin, dunmore      data.Client
	fa101, fa102, fa103  data.Invoice
	fa201                data.Invoice
	reminderDay, paidDay data.Date
	reminderStep         data.Step
}

func newTemplatesBook(t *testing.T, store *data.Store) templatesBook {
	t.Helper()
	ctx := context.Background()
	b := templatesBook{reminderDay: data.MustDate("2026-10-07"), paidDay: data.MustDate("2026-10-15")}
	b.martin = uitest.Client(t, store, data.Client{Name: "Boulangerie Martin", ContactName: "Paul Martin",
		Email: "paul@martin.fr", Language: "fr", Address: data.Address{Street: "3 place Bellecour", PostalCode: "69002", City: "Lyon"}})
	b.dunmore = uitest.Client(t, store, data.Client{Name: "Dunmore Ltd", Language: "en",
		Address: data.Address{Street: "1 Grafton Street", City: "Dublin", Country: "IE"}})
	b.fa101 = uitest.Invoice(t, store, b.martin.ID, "FA-101", "2026-09-30", data.Euros(1250, 0))
	b.fa102 = uitest.Invoice(t, store, b.martin.ID, "FA-102", "2026-10-31", data.Euros(480, 50))
	b.fa103 = uitest.Invoice(t, store, b.martin.ID, "FA-103", "2026-12-15", data.Euros(300, 0))
	b.fa201 = uitest.Invoice(t, store, b.dunmore.ID, "FA-201", "2026-11-10", data.Euros(2000, 0))
	must(t, store.CreatePayment(ctx, &data.Payment{InvoiceID: b.fa101.ID, Date: b.paidDay, Amount: data.Euros(250, 0), Method: "transfer"}))
	scenarios, err := store.ListScenarios(ctx)
	must(t, err)
	for _, st := range scenarios[0].Steps {
		if st.TemplateKey == "reminder_1" {
			b.reminderStep = st
		}
	}
	if b.reminderStep.ID == 0 {
		t.Fatal("the default scenario has no first reminder")
	}
	must(t, store.RecordAction(ctx, &data.Action{InvoiceID: b.fa101.ID, StepID: b.reminderStep.ID, DoneOn: b.reminderDay}))
	return b
}

// templatesUI is the Templates screen alone in a test window, over a
// book of its own.
type templatesUI struct {
	*uitest.Host
	templates *Screen
	win       fyne.Window
	store     *data.Store
	dunning   *dunning.Service
}

// newTemplatesUI shows the Templates screen on an empty book.
func newTemplatesUI(t *testing.T) *templatesUI {
	t.Helper()
	h := uitest.NewHost(t)
	return &templatesUI{Host: h, win: h.Win, store: h.Store(), dunning: h.Dunning()}
}

// show builds the screen and loads it.
func (u *templatesUI) show() {
	u.templates = New(u)
	u.Host.Show(u.templates)
}

// newTemplatesTestUI fills a book with templatesBook and shows the
// Templates screen.
func newTemplatesTestUI(t *testing.T) (*templatesUI, *data.Store, templatesBook) {
	t.Helper()
	u := newTemplatesUI(t)
	b := newTemplatesBook(t, u.store)
	u.show()
	return u, u.store, b
}

func top(u *templatesUI) fyne.CanvasObject { return u.Top() }

func must(t *testing.T, err error) {
	t.Helper()
	uitest.Must(t, err)
}

// templatesOpen opens a template of the listed language in the editor.
func templatesOpen(t *testing.T, u *templatesUI, key, channel string) *Screen {
	t.Helper()
	s := u.templates
	i := slices.Index(s.items, templateRef{key, channel, s.lang})
	if i < 0 {
		t.Fatalf("no template %s/%s/%s in the list", key, channel, s.lang)
	}
	s.list.Select(i)
	if s.editor.ref != s.items[i] {
		t.Fatalf("the editor shows %v", s.editor.ref)
	}
	return s
}

// The screen opens on the first template of the list.
func TestTemplatesOpensOnTheFirstTemplate(t *testing.T) {
	u, _, _ := newTemplatesTestUI(t)
	s := u.templates
	if len(s.items) != len(documents.DefaultTemplates()) || s.selected != 0 || s.editor.body.Text == "" {
		t.Fatalf("%d templates listed, %d open", len(s.items), s.selected)
	}
}

func TestTemplatesUnknownFieldIsShownAndNotSaved(t *testing.T) {
	u, store, _ := newTemplatesTestUI(t)
	must(t, kit.SetLanguage("fr"))
	t.Cleanup(func() { _ = kit.SetLanguage("") })
	s := templatesOpen(t, u, "reminder_1", documents.ChannelEmail)
	e := s.editor
	e.body.SetText("Madame, Monsieur,\n\nVotre facture {{invoice_number}}\nreste due, {{nom_du_chat}}.")
	want := "Ligne 4, colonne 12 : le champ {{nom_du_chat}} n'existe pas"
	if !e.problem.Visible() || e.problem.Text != want {
		t.Fatalf("problem shown: %q (visible %v), want %q", e.problem.Text, e.problem.Visible(), want)
	}
	if !e.save.Disabled() {
		t.Fatal("Save is on while the template does not parse")
	}
	test.Tap(e.save)
	e.onSave() // even called directly, the store is not touched
	if list, _ := store.ListTemplates(context.Background()); len(list) != 0 {
		t.Fatalf("a broken template was saved: %+v", list)
	}
	if !strings.Contains(s.preview.note.Text, "erreur") || !s.preview.note.Visible() {
		t.Errorf("preview note %q", s.preview.note.Text)
	}

	e.subject.SetText("Relance {{overdue_table}}")
	e.body.SetText("ok")
	if want := "Objet, colonne 9 : un tableau ({{overdue_table}}) ne peut pas figurer dans l'objet"; e.problem.Text != want {
		t.Errorf("subject problem %q", e.problem.Text)
	}
	e.subject.SetText("Relance")
	e.body.SetText("Bonjour {{client_name")
	if want := "Ligne 1, colonne 9 : « {{ » n'est pas refermé par « }} »"; e.problem.Text != want {
		t.Errorf("unclosed problem %q", e.problem.Text)
	}
	e.body.SetText("Bonjour {{client_name}}")
	if e.problem.Visible() || e.save.Disabled() {
		t.Error("a corrected template still shows a problem")
	}
}

func TestTemplatesSaveIsUsedByRender(t *testing.T) {
	ctx := context.Background()
	u, store, b := newTemplatesTestUI(t)
	s := templatesOpen(t, u, "reminder_1", documents.ChannelEmail)
	e := s.editor
	if !e.save.Disabled() || !e.reset.Disabled() {
		t.Fatal("nothing to save or reset on an unedited default")
	}
	e.subject.SetText("Petit rappel {{invoice_number}}")
	e.body.SetText("Bonjour {{client_contact}},\n\nIl reste {{total_outstanding}} à régler.")
	if e.save.Disabled() || e.revert.Disabled() {
		t.Fatal("Save and Undo should be on after an edit")
	}
	test.Tap(e.save)
	stored, err := store.GetTemplate(ctx, "reminder_1", documents.ChannelEmail, s.lang)
	if err != nil || stored.Subject != "Petit rappel {{invoice_number}}" {
		t.Fatalf("stored %+v, %v", stored, err)
	}
	templatesExpect(t, map[string]bool{
		"Save off after saving":         e.save.Disabled(),
		"Reset on after saving":         !e.reset.Disabled(),
		"nothing unsaved after saving":  !e.dirty(),
		"the edited marker in the list": strings.Contains(templatesRowDetail(s, e.ref), lang.L("templates.edited")),
	})

	// The letters and emails find the owner's version through the store.
	subject, body, edited, err := documents.StoreSource(ctx, store).Template("reminder_1", documents.ChannelEmail, s.lang)
	if err != nil || !edited {
		t.Fatalf("store source: %v %v", edited, err)
	}
	c, err := drafting.DocumentContext(ctx, u.store, u.dunning, b.fa101.ID, uitest.Day)
	must(t, err)
	r, err := documents.Render(subject, body, c)
	must(t, err)
	templatesExpect(t, map[string]bool{
		"the saved subject filled":      r.Subject == "Petit rappel FA-101",
		"the saved body filled":         strings.Contains(r.Text, "Bonjour Paul Martin,"),
		"the total outstanding, French": strings.Contains(r.Text, "1\u202f480,50\u00a0€"),
	})
}

// templatesExpect reports, by its description, every check that failed.
func templatesExpect(t *testing.T, checks map[string]bool) {
	t.Helper()
	for what, ok := range checks {
		if !ok {
			t.Errorf("want %s", what)
		}
	}
}

// templatesRowDetail is the second line of a template's row in the list.
func templatesRowDetail(s *Screen, ref templateRef) string {
	item := newTemplatesListItem()
	s.updateListItem(slices.Index(s.items, ref), item)
	return item.(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*canvas.Text).Text
}

func TestTemplatesResetRestoresTheDefault(t *testing.T) {
	ctx := context.Background()
	u, store, _ := newTemplatesTestUI(t)
	s := templatesOpen(t, u, "reminder_2", documents.ChannelLetter)
	e := s.editor
	e.body.SetText("Texte à moi {{client_name}}")
	test.Tap(e.save)
	if _, err := store.GetTemplate(ctx, "reminder_2", documents.ChannelLetter, s.lang); err != nil {
		t.Fatal(err)
	}
	test.Tap(e.reset)
	test.Tap(uitest.FindButton(t, top(u), lang.L("Yes")))
	if _, err := store.GetTemplate(ctx, "reminder_2", documents.ChannelLetter, s.lang); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("after reset the store still has it: %v", err)
	}
	_, def, _ := documents.DefaultTemplate("reminder_2", documents.ChannelLetter, s.lang)
	if e.body.Text != def || e.edited || !e.reset.Disabled() {
		t.Errorf("editor after reset: edited %v, body %q", e.edited, e.body.Text[:min(len(e.body.Text), 40)])
	}
	if detail := templatesRowDetail(s, e.ref); strings.Contains(detail, lang.L("templates.edited")) {
		t.Errorf("the list still marks it edited: %q", detail)
	}
}

func TestTemplatesRevertAndDiscard(t *testing.T) {
	u, _, _ := newTemplatesTestUI(t)
	s := templatesOpen(t, u, "thank_you", documents.ChannelEmail)
	e := s.editor
	original := e.body.Text
	e.body.SetText("brouillon")
	test.Tap(e.revert)
	if e.body.Text != original || e.dirty() {
		t.Fatal("Undo changes did not restore the text")
	}
	e.body.SetText("brouillon")
	other := slices.Index(s.items, templateRef{"pre_due", documents.ChannelEmail, s.lang})
	s.list.Select(other)
	test.Tap(uitest.FindButton(t, top(u), lang.L("No")))
	if e.ref.key != "thank_you" || e.body.Text != "brouillon" {
		t.Fatal("declining to discard must keep the draft")
	}
	s.list.Select(other)
	test.Tap(uitest.FindButton(t, top(u), lang.L("Yes")))
	if e.ref.key != "pre_due" || e.dirty() {
		t.Fatalf("after discarding, the editor shows %v", e.ref)
	}
}

func TestTemplatesFieldInsertion(t *testing.T) {
	u, _, _ := newTemplatesTestUI(t)
	s := templatesOpen(t, u, "reminder_1", documents.ChannelEmail)
	e := s.editor
	insert := func(name string) {
		t.Helper()
		for i, row := range s.fields.rows {
			if row.field != nil && row.field.Name == name {
				s.fields.list.Select(i)
				return
			}
		}
		t.Fatalf("no field %s in the list", name)
	}
	e.body.SetText("Bonjour ,\nMerci.")
	u.win.Canvas().Focus(e.body)
	e.body.CursorRow, e.body.CursorColumn = 0, 8
	insert("client_name")
	if e.body.Text != "Bonjour {{client_name}},\nMerci." {
		t.Fatalf("body %q", e.body.Text)
	}
	// A table goes alone on its line.
	e.body.CursorRow, e.body.CursorColumn = 1, 2
	insert("overdue_table")
	if e.body.Text != "Bonjour {{client_name}},\nMe\n{{overdue_table}}\nrci." {
		t.Fatalf("body %q", e.body.Text)
	}
	// In the subject, a field goes at its cursor; a table still goes to the
	// body, at its cursor (after the table inserted above).
	e.subject.SetText("Rappel")
	u.win.Canvas().Focus(e.subject)
	e.subject.CursorColumn = 6
	insert("invoice_number")
	if e.subject.Text != "Rappel{{invoice_number}}" {
		t.Fatalf("subject %q", e.subject.Text)
	}
	insert("penalty_statement")
	if e.subject.Text != "Rappel{{invoice_number}}" || e.body.Text != "Bonjour {{client_name}},\nMe\n{{overdue_table}}\n{{penalty_statement}}\nrci." {
		t.Fatalf("table inserted in subject %q / body %q", e.subject.Text, e.body.Text)
	}
	if e.problem.Visible() {
		t.Errorf("inserted fields make a problem: %s", e.problem.Text)
	}
}

func TestTemplatesPreviewShowsTheChosenInvoice(t *testing.T) {
	u, _, b := newTemplatesTestUI(t)
	s := templatesOpen(t, u, "reminder_1", documents.ChannelEmail)
	p := s.preview
	if p.chosen != b.fa101.ID {
		t.Fatalf("the preview uses invoice %d, not the most overdue one (FA-101)", p.chosen)
	}
	text := p.text.String()
	for _, want := range []string{"FA-101", "FA-102", documentsMoney(s.lang, data.Euros(1250, 0)), documentsMoney(s.lang, data.Euros(1480, 50))} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "FA-103") {
		t.Error("an invoice not due is in the overdue table")
	}
	i := slices.IndexFunc(p.invoices, func(inv data.InvoiceSummary) bool { return inv.ID == b.fa201.ID })
	p.pick.SetSelectedIndex(i)
	text = p.text.String()
	if !strings.Contains(text, "FA-201") || !strings.Contains(text, documentsMoney(s.lang, data.Euros(2000, 0))) ||
		strings.Contains(text, "FA-101") {
		t.Errorf("preview on FA-201:\n%s", text)
	}
	// The preview follows the text as it is typed.
	s.editor.body.SetText("Solde : {{total_outstanding}} pour {{client_name}}")
	if text = p.text.String(); !strings.Contains(text, "Dunmore Ltd") {
		t.Errorf("preview after an edit:\n%s", text)
	}
}

// documentsMoney writes an amount the way a document in code does.
func documentsMoney(code string, m data.Money) string {
	if code == "en" {
		return m.FormatEN()
	}
	return m.FormatFR()
}

func TestTemplatesPreviewOnEmptyBook(t *testing.T) {
	u := newTemplatesUI(t)
	u.show()
	p := u.templates.preview
	if !p.note.Visible() || p.note.Text != lang.L("templates.preview.no_invoice") || !p.pick.Disabled() {
		t.Fatalf("empty book preview note %q", p.note.Text)
	}
}

func TestTemplatesCataloguesCoverFieldsAndNames(t *testing.T) {
	fr, en := uitest.Catalogue(t, "fr"), uitest.Catalogue(t, "en")
	var keys []string
	groups := map[string]bool{}
	for _, f := range documents.Fields {
		keys = append(keys, "templates.field."+f.Name)
		groups[f.Group] = true
	}
	for g := range groups {
		keys = append(keys, "templates.group."+g)
	}
	for _, k := range templateErrorKeys {
		keys = append(keys, k)
	}
	keys = append(keys, "templates.error.block_subject", "templates.subject.email", "templates.subject.letter", "templates.subject.script")
	for _, id := range documents.DefaultTemplates() {
		if _, ok := fr["step."+id.Key]; !ok {
			keys = append(keys, "templates.name."+id.Key)
		}
	}
	for _, k := range keys {
		if _, ok := fr[k]; !ok {
			t.Errorf("fr lacks %s", k)
		}
		if _, ok := en[k]; !ok {
			t.Errorf("en lacks %s", k)
		}
	}
}
