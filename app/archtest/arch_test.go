package archtest

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "relance"

// imports maps each package directory (relative to the module root) to the
// import paths its Go files use, tests included.
func imports(t *testing.T) map[string][]string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found at %s", root)
	}
	out := map[string][]string{}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out[rel] = append(out[rel], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func within(dir, parent string) bool { return dir == parent || strings.HasPrefix(dir, parent+"/") }

func TestOnlyUIAndCmdImportFyne(t *testing.T) {
	all := imports(t)
	if len(all) < 5 {
		t.Fatalf("found only %d packages: the walk is broken", len(all))
	}
	sawFyne := false
	for dir, list := range all {
		for _, p := range list {
			if !strings.HasPrefix(p, "fyne.io/") {
				continue
			}
			sawFyne = true
			if !within(dir, "app/ui") && !within(dir, "cmd") {
				t.Errorf("%s imports %s: only app/ui and cmd/ may import Fyne", dir, p)
			}
		}
	}
	if !sawFyne {
		t.Fatal("no package imports Fyne: the walk is broken")
	}
}

func TestDataImportsNothingOfOurs(t *testing.T) {
	for dir, list := range imports(t) {
		if dir != "data" {
			continue
		}
		for _, p := range list {
			if p == module || strings.HasPrefix(p, module+"/") {
				t.Errorf("data imports %s: data must import nothing of Relance's", p)
			}
		}
		return
	}
	t.Fatal("package data not found")
}

// The command line links no GUI code: neither its package nor anything it
// depends on is Fyne (a cron job must not start a GUI toolkit's init), and
// the shared words it prints are Fyne-free too. go list sees the whole
// dependency graph, not only direct imports.
func TestCommandLineLinksNoFyne(t *testing.T) {
	for _, pkg := range []string{module + "/cmd/relance/cli", module + "/app/words"} {
		out, err := exec.Command("go", "list", "-deps", "-tags", "migrated_fynedo", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		deps := strings.Fields(string(out))
		if len(deps) < 10 {
			t.Fatalf("%s has %d dependencies: go list is broken", pkg, len(deps))
		}
		for _, d := range deps {
			if strings.HasPrefix(d, "fyne.io/") {
				t.Errorf("%s depends on %s: the command line links no GUI code", pkg, d)
			}
		}
	}
}

// serviceConstructors build the services: only cmd/ (the composition root)
// calls them, so that the window and the commands share one clock, one
// outbox, one dunning engine. The exceptions: the demo's replay runs its
// own engine over a simulated year, day by day, with a clock of its own;
// uitest, a test fixture, builds them as cmd/relance does.
var serviceConstructors = []string{"dunning.NewService(", "mail.NewService(", "drafting.NewMailComposer(", "importing.New("}

func TestOnlyCmdBuildsServices(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, call := range serviceConstructors {
			if !strings.Contains(string(src), call) {
				continue
			}
			seen++
			dir := filepath.ToSlash(filepath.Dir(rel))
			if !within(dir, "cmd") && dir != "app/ui/uitest" && rel != "app/demo/history.go" {
				t.Errorf("%s calls %s: only cmd/ builds services", rel, strings.TrimSuffix(call, "("))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 3 {
		t.Fatalf("found %d service constructions: the walk is broken", seen)
	}
}

// The window reads and writes through the store and the services, never
// SQL of its own.
func TestUIImportsNoSQL(t *testing.T) {
	for dir, list := range imports(t) {
		if !within(dir, "app/ui") {
			continue
		}
		for _, p := range list {
			if p == "database/sql" || strings.HasPrefix(p, "modernc.org/sqlite") {
				t.Errorf("%s imports %s: all SQL stays in data/", dir, p)
			}
		}
	}
}

// The window's screens live in packages under app/ui (calendar, settings,
// ...) made with app/ui/kit; none imports another screen: a screen reaches
// another through its Host (OpenInvoice...), which the window wires. The
// features several screens open (kit: forms and words; calls: the call
// dialog; answers: the reasons for a delay and their answers; letters:
// printing; mailui: sending) are shared and import no screen; only tests
// use uitest.
func TestScreensImportNoOtherScreen(t *testing.T) {
	shared := map[string]bool{"app/ui/kit": true, "app/ui/uitest": true, "app/ui/letters": true, "app/ui/mailui": true, "app/ui/calls": true,
		"app/ui/answers": true}
	screens := 0
	for dir, list := range imports(t) {
		if !within(dir, "app/ui") || dir == "app/ui" {
			continue
		}
		if !shared[dir] {
			screens++
		}
		for _, p := range list {
			rel := strings.TrimPrefix(p, module+"/")
			if rel == p || !within(rel, "app/ui") || rel == dir {
				continue
			}
			switch {
			case rel == "app/ui":
				t.Errorf("%s imports the window's package app/ui: it reaches it through kit.Host", dir)
			case rel == "app/ui/uitest" && !strings.HasSuffix(dir, "uitest"):
				// tests only: imports counts test files too, so check below
			case !shared[rel]:
				t.Errorf("%s imports the screen %s: screens reach each other through kit.Host", dir, rel)
			case dir == "app/ui/kit":
				t.Errorf("kit imports %s: kit is what everything else is made of", rel)
			}
		}
	}
	if screens == 0 {
		t.Fatal("no screen package under app/ui: the walk is broken")
	}
}

// uitest is a test fixture: no production file imports it.
func TestOnlyTestsImportUITest(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if strings.Trim(imp.Path.Value, `"`) == module+"/app/ui/uitest" && !strings.Contains(path, "/app/ui/uitest/") {
				t.Errorf("%s imports uitest, a test fixture", path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
