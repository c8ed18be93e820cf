package kit

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"

	"relance/data"
)

// FileSize writes a file's size for the owner, in the window's language:
// "12,3 Mo", "840 Ko" in French, "12.3 MB", "840 KB" in English.
func FileSize(n int64) string {
	var text string
	switch {
	case n >= 1<<30:
		text = lang.L("size.gb", map[string]any{"N": fmt.Sprintf("%.1f", float64(n)/(1<<30))})
	case n >= 1<<20:
		text = lang.L("size.mb", map[string]any{"N": fmt.Sprintf("%.1f", float64(n)/(1<<20))})
	case n >= 1<<10:
		text = lang.L("size.kb", map[string]any{"N": n >> 10})
	default:
		text = lang.L("size.b", map[string]any{"N": n})
	}
	if Language() == "fr" {
		text = strings.Replace(text, ".", ",", 1) // the decimal comma
	}
	return text
}

// BackupRefusal says why a file cannot be restored: not a backup of
// Relance, damaged, from a newer Relance, or what else failed.
func BackupRefusal(path string, err error) string {
	file := filepath.Base(path)
	var be *data.BackupError
	if errors.As(err, &be) {
		return lang.L("backup.refused."+be.Reason, map[string]any{"File": file})
	}
	return lang.L("backup.refused.other", map[string]any{"File": file, "Detail": err.Error()})
}
