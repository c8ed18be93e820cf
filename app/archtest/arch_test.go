package archtest

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
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
