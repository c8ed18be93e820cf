package ui

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"relance/app/ui/kit"
	"relance/app/ui/uitest"
	"relance/data"
)

// TestTimelineHasWordsForEveryCode: no code (catch_up, an outcome, a task
// kind, a changed field) is shown raw in the timeline: every code the app
// writes has a sentence in both languages.
func TestTimelineHasWordsForEveryCode(t *testing.T) {
	if err := LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	fr, en := uitest.Catalogue(t, "fr"), uitest.Catalogue(t, "en")
	codes := map[string]*regexp.Regexp{
		"note.":    regexp.MustCompile(`Note:\s*"([a-z_]+)"`),
		"outcome.": regexp.MustCompile(`Outcome[A-Za-z]*\s*=\s*"([a-z_]+)"`),
		"task.":    regexp.MustCompile(`Task\{[^}]*Kind:\s*"([a-z_]+)"`),
		"field.":   regexp.MustCompile(`\b(?:c|params)\.add\("([a-z_]+)"`),
	}
	found := 0
	var files []string
	for _, dir := range []string{".", "../../data", "../dunning", "../mail"} {
		// Every package below each: the window's screens are packages
		// under this one.
		err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.IsDir() && strings.HasSuffix(path, ".go") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for prefix, re := range codes {
			for _, m := range re.FindAllStringSubmatch(string(src), -1) {
				found++
				if _, ok := fr[prefix+m[1]]; !ok {
					t.Errorf("%s writes %q: no %q in French", f, m[1], prefix+m[1])
				}
				if _, ok := en[prefix+m[1]]; !ok {
					t.Errorf("%s writes %q: no %q in English", f, m[1], prefix+m[1])
				}
			}
		}
	}
	if found < 10 {
		t.Fatalf("found only %d codes: the scan is broken", found)
	}
	if !slices.ContainsFunc(files, func(f string) bool { return strings.HasPrefix(f, "invoices"+string(filepath.Separator)) }) {
		t.Fatalf("the scan does not reach the screens' packages: %v", files)
	}
	skipped := data.Event{Kind: data.EventStepSkipped, Params: map[string]string{"number": "FA-1", "channel": "email",
		"template": "pre_due", "note": "catch_up"}}
	if text := kit.EventText(skipped); strings.Contains(text, "catch_up") || !strings.Contains(text, lang.L("note.catch_up")) {
		t.Fatalf("a caught-up step reads %q", text)
	}
	call := data.Event{Kind: data.EventStepDone, Params: map[string]string{"number": "FA-1", "channel": "phone_call",
		"template": "call", "outcome": data.OutcomeNoAnswer}}
	if text := kit.EventText(call); !strings.Contains(text, lang.L("outcome.no_answer")) {
		t.Fatalf("a call's outcome is not said: %q", text)
	}
	if text := kit.EventText(data.Event{Kind: "some_future_kind"}); strings.Contains(text, "some_future_kind") {
		t.Fatalf("an unknown kind shows its code: %q", text)
	}
}
