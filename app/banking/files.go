package banking

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"relance/data/imports/bank"
)

// AllStatements reports whether every file looks like a bank statement,
// so that a statement dropped on the window, or given to `relance import`
// without --kind, goes to the bank import rather than the book import.
func AllStatements(paths []string) bool {
	for _, p := range paths {
		head, err := readHead(p)
		if strings.EqualFold(filepath.Ext(p), ".xlsx") {
			head, err = readWhole(p) // a workbook's columns are inside the zip: only the whole file tells
		}
		if err != nil || !bank.LooksLikeStatement(filepath.Base(p), head) {
			return false
		}
	}
	return len(paths) > 0
}

// readHead reads the start of a file, enough to tell its kind.
func readHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 8192)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return head[:n], nil
}

// maxWorkbook bounds the workbook read whole to tell its kind: a bank's
// export is far smaller.
const maxWorkbook = 32 << 20

// readWhole reads a file of at most maxWorkbook bytes.
func readWhole(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxWorkbook))
}

// ReadFile reads a statement file into a Statement (see bank.Read).
func ReadFile(path string) (bank.Statement, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return bank.Statement{}, err
	}
	return bank.Read(filepath.Base(path), b), nil
}
