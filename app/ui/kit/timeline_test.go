package kit_test

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

// TestTimelineSaysWhoOnASharedBook: an event a person recorded on a shared
// book starts with their name, where a long line's truncation spares it;
// the app's own events and a book one person keeps name nobody.
func TestTimelineSaysWhoOnASharedBook(t *testing.T) {
	uitest.LoadTranslations(t)
	a := test.NewTempApp(t)
	w := a.NewWindow("timeline")
	defer w.Close()
	tl := kit.NewTimeline(nil)
	w.SetContent(tl.List())
	w.Resize(fyne.NewSize(900, 300))
	at := time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC)
	paid := data.Event{ID: 1, At: at, Kind: data.EventNote, Actor: "user", Person: "Paul", Params: map[string]string{"text": "rappelé"}}
	auto := data.Event{ID: 2, At: at, Kind: data.EventNote, Actor: "app", Params: map[string]string{"text": "noté"}}
	tl.Set([]data.Event{paid, auto})
	who := lang.L("timeline.by", map[string]any{"Person": "Paul"})
	if !uitest.LabelContains(w.Content(), who+" "+kit.EventText(paid)) {
		t.Errorf("Paul's note does not start with %q", who)
	}
	if !uitest.LabelContains(w.Content(), kit.EventText(auto)) || uitest.LabelContains(w.Content(), who+" "+kit.EventText(auto)) {
		t.Error("the app's own note names someone")
	}
}
