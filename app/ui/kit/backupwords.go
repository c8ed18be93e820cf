package kit

import (
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2/lang"

	"relance/data"
)

// FileSize writes a file's size for the owner: "12.3 MB", "840 KB".
func FileSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
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
