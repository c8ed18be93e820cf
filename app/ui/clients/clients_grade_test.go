package clients

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

// clientsGradeCell is the Grade cell of a row as the table draws it.
func clientsGradeCell(s *Screen, row int) *widget.Label {
	cell := newClientsCell()
	s.updateCell(widget.TableCellID{Row: row, Col: clientsColGrade}, cell)
	return cell.(*fyne.Container).Objects[0].(*widget.Label)
}

// TestClientGradeColumnAndSort shows the kept grades in their column, D in
// red and A plain, a dash for a client never graded, and sorts the list
// riskiest first.
func TestClientGradeColumnAndSort(t *testing.T) {
	ctx := context.Background()
	u, store, b := newClientsTestUI(t)
	grades := []data.ClientGrade{{ClientID: b.vernet.ID, Grade: "D"}, {ClientID: b.eclair.ID, Grade: "A"}}
	if _, err := store.SaveGrades(ctx, u.Today(), grades, nil); err != nil {
		t.Fatal(err)
	}
	s := u.clients
	s.Update(ctx)
	if got := lang.L(clientsColumnKeys[clientsColGrade]); got != lang.L("clients.column.grade") {
		t.Fatalf("column %q", got)
	}
	s.sortBy.SetSelected(lang.L("clients.sort.grade"))
	if got := strings.Join(clientsNames(s), "|"); got != "Hélène Vernet Architecture|Boulangerie Éclair|Zinc & Cie" {
		t.Fatalf("by grade: %s", got)
	}
	want := []struct {
		text       string
		importance widget.Importance
	}{{"D", widget.DangerImportance}, {"A", widget.MediumImportance}, {"—", widget.MediumImportance}}
	for row, w := range want {
		if l := clientsGradeCell(s, row); l.Text != w.text || l.Importance != w.importance {
			t.Errorf("row %d: grade %q (importance %v), want %q (%v)", row, l.Text, l.Importance, w.text, w.importance)
		}
	}
	s.sortBy.SetSelected(lang.L("clients.sort.name"))
	if got := clientsNames(s); got[0] != "Boulangerie Éclair" {
		t.Errorf("back by name: %v", got)
	}
}

// TestClientCategoryByHandAndBack: a category chosen in the form is kept
// whatever the grade; ticking "moved by the payer grade" gives it back to
// the grade.
func TestClientCategoryByHandAndBack(t *testing.T) {
	ctx := context.Background()
	u, store, b := newClientsTestUI(t)
	d := clientsOpen(t, u, "Hélène Vernet Architecture")
	auto := func(dlg fyne.CanvasObject) *kit.Check {
		return clientsFind(t, dlg, func(c *kit.Check) bool { return c.Text == lang.L("clients.form.category_from_grade") })
	}

	test.Tap(uitest.FindButton(t, d.content, lang.L("clients.detail.edit")))
	dlg := top(u)
	if !auto(dlg).Checked {
		t.Fatal("a new client's category is not the grade's")
	}
	uitest.SelectIn(t, dlg, "category", lang.L("category.risky"))
	if auto(dlg).Checked {
		t.Error("choosing a category left it to the grade")
	}
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if c, _ := store.GetClient(ctx, b.vernet.ID); c.Category != "risky" || !c.CategoryByHand {
		t.Fatalf("after a choice by hand: %s, by hand %v", c.Category, c.CategoryByHand)
	}

	test.Tap(uitest.FindButton(t, d.content, lang.L("clients.detail.edit")))
	dlg = top(u)
	if auto(dlg).Checked {
		t.Fatal("the form forgot the choice by hand")
	}
	test.Tap(auto(dlg))
	test.Tap(uitest.FindButton(t, dlg, lang.L("button.save")))
	if c, _ := store.GetClient(ctx, b.vernet.ID); c.Category != "risky" || c.CategoryByHand {
		t.Errorf("given back to the grade: %s, by hand %v", c.Category, c.CategoryByHand)
	}
}

// TestCategoryMoveSaidOnTheTimeline says a move by grade with the
// categories' names and the grade's reasons in the window's language.
func TestCategoryMoveSaidOnTheTimeline(t *testing.T) {
	uitest.LoadTranslations(t)
	e := data.Event{Kind: data.EventCategoryMoved, Params: map[string]string{"from": "standard", "to": "risky",
		"grade": "D", "reasons": "late:9:12:23;broken:2:0:0"}}
	got := kit.EventText(e)
	for _, part := range []string{lang.L("category.standard"), lang.L("category.risky"), " D ",
		lang.N("payer.reason.late", 9, map[string]any{"N": 9, "M": 12, "Days": 23}),
		lang.N("payer.reason.broken", 2, map[string]any{"N": 2})} {
		if !strings.Contains(got, part) {
			t.Errorf("%q does not say %q", got, part)
		}
	}
}

// TestClientsSortByColumnTitle: a click on a title that sorts sorts the
// list (the "Sort by" choice follows), with the arrow on that title; a
// title that does not sort does nothing.
func TestClientsSortByColumnTitle(t *testing.T) {
	ctx := context.Background()
	u, store, b := newClientsTestUI(t)
	grades := []data.ClientGrade{{ClientID: b.vernet.ID, Grade: "D"}, {ClientID: b.eclair.ID, Grade: "A"}}
	if _, err := store.SaveGrades(ctx, u.Today(), grades, nil); err != nil {
		t.Fatal(err)
	}
	s := u.clients
	s.Update(ctx)
	header := func(col int) *clientsHeader {
		h := newClientsHeader(s)
		h.set(col)
		return h
	}
	test.Tap(header(clientsColGrade))
	if s.sortBy.SelectedIndex() != clientsSortGrade || clientsNames(s)[0] != "Hélène Vernet Architecture" {
		t.Fatalf("after a click on the grade: sort %d, %v", s.sortBy.SelectedIndex(), clientsNames(s))
	}
	if header(clientsColGrade).icon.Resource == nil || header(clientsColName).icon.Resource != nil {
		t.Error("the arrow is not on the grade's title alone")
	}
	test.Tap(header(clientsColCity))
	if s.sortBy.SelectedIndex() != clientsSortGrade {
		t.Error("the city's title sorted the list")
	}
	test.Tap(header(clientsColName))
	if got := clientsNames(s); s.sortBy.SelectedIndex() != clientsSortName || got[0] != "Boulangerie Éclair" {
		t.Errorf("back by name: %v", got)
	}
}
