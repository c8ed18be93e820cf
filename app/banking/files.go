package banking

import (
	"path/filepath"
	"strings"

	"relance/app/importing"
	"relance/data/imports/bank"
)

// AllStatements reports whether every file looks like a bank statement,
// so that a statement dropped on the window, or given to `relance import`
// without --kind, goes to the bank import rather than the book import.
func AllStatements(paths []string) bool {
	for _, p := range paths {
		read := importing.ReadHead
		if strings.EqualFold(filepath.Ext(p), ".xlsx") {
			read = importing.ReadWhole // a workbook's columns are inside the zip: only the whole file tells
		}
		head, err := read(p)
		if err != nil || !bank.LooksLikeStatement(filepath.Base(p), head) {
			return false
		}
	}
	return len(paths) > 0
}

// ReadFile reads a statement file into a Statement (see bank.Read).
func ReadFile(path string) (bank.Statement, error) {
	b, err := importing.ReadWhole(path)
	if err != nil {
		return bank.Statement{}, err
	}
	return bank.Read(filepath.Base(path), b), nil
}
