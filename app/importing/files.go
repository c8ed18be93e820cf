package importing

import (
	"context"
	"log/slog"
	"path"
	"slices"
	"strconv"
	"strings"

	"relance/app/archive"
	"relance/app/drafting"
	"relance/data"
	"relance/data/imports"
)

// pdfDir is where the invoice PDFs of Factur-X files are kept in the data
// folder, beside those the owner attaches by hand.
const pdfDir = "attachments"

// pdfPath is where an invoice's PDF from the file will be kept, relative
// to the data folder: attachments/<number>.pdf, or <number>-2.pdf and so
// on when that name is taken (in the archive, or by this import). "" when
// the file brings no PDF.
func (r *run) pdfPath(ctx context.Context, fi *imports.Invoice) (string, error) {
	if len(fi.Attachment) == 0 {
		return "", nil
	}
	base := strings.TrimSuffix(drafting.PDFFileName(fi.Number, 0), ".pdf")
	for n := 1; ; n++ {
		name := base + ".pdf"
		if n > 1 {
			name = base + "-" + strconv.Itoa(n) + ".pdf"
		}
		rel := path.Join(pdfDir, name)
		if slices.Contains(r.files, rel) {
			continue
		}
		taken, err := r.archive().Exists(ctx, rel)
		if err != nil || !taken {
			return rel, err
		}
	}
}

// archive is where the import archives the PDFs: on a shared book, the
// book keeps them within the import's transaction.
func (r *run) archive() *archive.Files { return r.svc.files.In(r.tx) }

// writePDF archives the file's PDF under rel (nothing when rel is ""),
// recorded so that undoing the import removes it and removed at once if
// the import rolls back.
func (r *run) writePDF(ctx context.Context, fi *imports.Invoice, rel string) error {
	if rel == "" || r.opts.DryRun { // a trial run writes no file
		return nil
	}
	if err := r.archive().Write(ctx, rel, fi.Attachment); err != nil {
		return err
	}
	r.files = append(r.files, rel)
	return r.tx.AddImportItem(ctx, r.im.ID, data.ImportItem{Entity: data.ImportFile, Path: rel})
}

// removeFiles takes back the PDFs an import that did not go through wrote.
func (r *run) removeFiles(ctx context.Context) { removeFiles(ctx, r.svc.files, r.files) }

// removeFiles removes archived files, what it can of them: a file left
// would only be clutter, named by nothing in the book.
func removeFiles(ctx context.Context, files *archive.Files, rels []string) {
	for _, rel := range rels {
		if err := files.Remove(ctx, rel); err != nil {
			slog.Warn("remove an imported PDF", "file", rel, "err", err)
		}
	}
}
