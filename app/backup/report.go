package backup

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
)

// RestoreReport is what a restore made between two runs of the window
// did: the window that asked for it has closed, the next one says it.
type RestoreReport struct {
	File     string
	Clients  int
	Invoices int
	KeptAs   string // where the book before it was kept
	Reason   string // why it was refused (data.BackupError's), "" when it was done
	Detail   string // what else failed
}

// reportFile holds the report in the data folder until the next start.
const reportFile = "restore-report.json"

// WriteReport keeps a restore's report for the next start.
func WriteReport(dataDir string, r RestoreReport) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dataDir, reportFile), b, 0o600)
}

// TakeReport reads the report a restore left, and removes it: it is said
// once. ok is false when there is none.
func TakeReport(dataDir string) (r RestoreReport, ok bool) {
	path := filepath.Join(dataDir, reportFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) || err != nil {
		return r, false
	}
	_ = os.Remove(path)
	return r, json.Unmarshal(b, &r) == nil
}
