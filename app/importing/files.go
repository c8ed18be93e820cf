package importing

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"relance/app/drafting"
	"relance/data"
	"relance/data/imports"
)

// pdfDir is where the invoice PDFs of Factur-X files are kept in the data
// folder, beside those the owner attaches by hand.
const pdfDir = "attachments"

// pdfPath is where an invoice's PDF from the file will be kept, relative
// to the data folder: attachments/<number>.pdf, or <number>-2.pdf and so
// on when that name is taken. "" when the file brings no PDF.
func (r *run) pdfPath(fi *imports.Invoice) string {
	if len(fi.Attachment) == 0 {
		return ""
	}
	base := strings.TrimSuffix(drafting.PDFFileName(fi.Number, 0), ".pdf")
	for n := 1; ; n++ {
		name := base + ".pdf"
		if n > 1 {
			name = base + "-" + strconv.Itoa(n) + ".pdf"
		}
		rel := path.Join(pdfDir, name)
		if _, err := os.Stat(r.abs(rel)); errors.Is(err, fs.ErrNotExist) && !r.wrote(rel) {
			return rel
		}
	}
}

func (r *run) abs(rel string) string { return filepath.Join(r.svc.dataDir, filepath.FromSlash(rel)) }

func (r *run) wrote(rel string) bool {
	for _, f := range r.files {
		if f == rel {
			return true
		}
	}
	return false
}

// writePDF copies the file's PDF to rel in the data folder (nothing when
// rel is ""), recorded so that undoing the import removes it and removed
// at once if the import rolls back.
func (r *run) writePDF(ctx context.Context, fi *imports.Invoice, rel string) error {
	if rel == "" || r.opts.DryRun { // a trial run writes no file
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(r.abs(rel)), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(r.abs(rel), fi.Attachment, 0o644); err != nil {
		return err
	}
	r.files = append(r.files, rel)
	return r.tx.AddImportItem(ctx, r.im.ID, data.ImportItem{Entity: data.ImportFile, Path: rel})
}

// removeFiles takes back the PDFs an import that did not go through wrote.
func (r *run) removeFiles() { removeDataFiles(r.svc.dataDir, r.files) }

func removeDataFiles(dir string, rels []string) {
	for _, rel := range rels {
		os.Remove(filepath.Join(dir, filepath.FromSlash(rel)))
	}
}
