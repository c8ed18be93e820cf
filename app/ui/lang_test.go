package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"relance/app/dunning"
	"relance/app/ui/kit"
	"relance/app/words"
	"relance/data"
)

// merged reads the whole catalogue of one language (all its files); a
// value is a string, or a map of plural forms.
func merged(t *testing.T, code string) map[string]any {
	t.Helper()
	raw, err := kit.Catalogue(code)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s: %v", code, err)
	}
	return m
}

func TestCataloguesAreComplete(t *testing.T) {
	fr, en := merged(t, "fr"), merged(t, "en")
	for _, pair := range []struct {
		name        string
		have, other map[string]any
	}{{"fr", fr, en}, {"en", en, fr}} {
		for key, value := range pair.have {
			if _, ok := pair.other[key]; !ok {
				t.Errorf("%s has %q, the other catalogue does not", pair.name, key)
			}
			switch v := value.(type) {
			case string:
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s: %q is empty", pair.name, key)
				}
			case map[string]any:
				if s, _ := v["other"].(string); s == "" {
					t.Errorf("%s: plural %q has no \"other\" form", pair.name, key)
				}
			default:
				t.Errorf("%s: %q has a value of type %T", pair.name, key, value)
			}
		}
	}
	for _, key := range usedKeys(t) {
		if _, ok := fr[key]; !ok {
			t.Errorf("key %q is used in the code but missing from the catalogues", key)
		}
	}
}

var (
	literalKey = regexp.MustCompile(`(?:lang|\.T)\.[LN]\("([a-z_.]+[a-z_])"`)
	mapKey     = regexp.MustCompile(`"((?:column|kind|language|cli\.cmd|cli\.opt|slice|detail|statement|next|nav|today|calendar|category|scenario|clients|invoices|settings|welcome|outcome|state|task|promise_status|method)\.[a-z_.]+[a-z_])"`)
	formKey    = regexp.MustCompile(`\.Add\("([a-z_]+)"`)
	eventKind  = regexp.MustCompile(`(?:data\.)?EventKind\s*=\s*"([a-z_]+)"`)
	dataField  = regexp.MustCompile(`invalid\("([a-z_]+)"|Field: "([a-z_]+)"`)
)

// usedKeys lists the translation keys the code asks for: literal keys, keys
// kept in tables, and the keys built from data's field names, reasons and
// statuses.
func usedKeys(t *testing.T) []string {
	keys := map[string]bool{}
	scan := func(dir string, patterns ...*regexp.Regexp) {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, re := range patterns {
				for _, m := range re.FindAllStringSubmatch(string(src), -1) {
					prefix := ""
					switch re {
					case formKey, dataField:
						prefix = "field."
					case eventKind:
						prefix = "event."
					}
					for _, g := range m[1:] {
						if g != "" {
							keys[prefix+g] = true
						}
					}
				}
			}
		}
	}
	scan(".", literalKey, mapKey, formKey, dataField, eventKind)
	subdirs, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range subdirs {
		if d.IsDir() {
			scan(d.Name(), literalKey, mapKey, formKey, dataField, eventKind)
		}
	}
	scan("../words", literalKey, mapKey)
	scan("../../cmd/relance/cli", literalKey, mapKey)
	scan("../../data", dataField, eventKind)
	for _, r := range data.Reasons() {
		keys["error."+string(r)] = true
	}
	for k := data.StatusNotDue; k <= data.StatusCancelled; k++ {
		keys["status."+k.Key()] = true
	}
	for _, c := range data.Channels {
		keys["channel."+string(c)] = true
	}
	for _, w := range dunning.WarningKeys {
		keys["warning."+w] = true
	}
	for _, b := range dunning.Bases {
		keys["statement.basis."+b] = true
	}
	for _, imp := range []string{data.ImputeInterestFirst, data.ImputePrincipal} {
		keys["statement.imputation."+imp] = true
	}
	for _, w := range dunning.WaitReasons {
		keys["next.wait."+w] = true
	}
	for _, t := range []string{"pre_due", "reminder_1", "call", "reminder_2", "formal_notice", "court_file", "thank_you", "review"} {
		keys["step."+t] = true
	}
	keys["half_year.1"], keys["half_year.2"] = true, true
	var out []string
	for k := range keys {
		out = append(out, k)
	}
	sort.Strings(out)
	if len(out) < 50 {
		t.Fatalf("found only %d keys: the scan is broken", len(out))
	}
	return out
}

// The command line's catalogue (package words, without Fyne) says every
// sentence as the window's (Fyne's lang) does, in both languages, plural
// forms included: one set of files, two readers that must agree.
func TestWordsCatalogueSaysWhatFyneSays(t *testing.T) {
	if err := LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = SetLanguage("") })
	sample := map[string]any{}
	for _, name := range []string{"Name", "Number", "Date", "Days", "Count", "Dir", "Detail", "Client", "Amount", "Total",
		"Year", "Fields", "Invoice", "Rate", "Half", "Step", "When", "Open", "Close", "Field", "Line", "Col"} {
		sample[name] = "«" + name + "»"
	}
	for _, code := range words.Languages {
		if err := SetLanguage(code); err != nil {
			t.Fatal(err)
		}
		cat, err := words.Load(code)
		if err != nil {
			t.Fatal(err)
		}
		if cat.L("lang.code") != code || lang.L("lang.code") != code {
			t.Fatalf("%s: the catalogues name themselves %q and %q", code, cat.L("lang.code"), lang.L("lang.code"))
		}
		for key, value := range merged(t, code) {
			if _, plural := value.(map[string]any); plural {
				for _, n := range []int{0, 1, 2, 7} {
					if n == 0 && code == "fr" {
						// Fyne files the chosen catalogue under the system's
						// locale (SetLanguage), whose plural rules then apply:
						// English's "0 factures" under this test's C locale,
						// French's "0 facture" on a French system, as words.
						continue
					}
					if got, want := cat.N(key, n, sample), lang.N(key, n, sample); got != want {
						t.Errorf("%s N(%s, %d): words %q, Fyne %q", code, key, n, got, want)
					}
				}
				continue
			}
			if got, want := cat.L(key, sample), lang.L(key, sample); got != want {
				t.Errorf("%s L(%s): words %q, Fyne %q", code, key, got, want)
			}
		}
	}
}
