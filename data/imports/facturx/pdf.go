package facturx

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// errNoInvoiceData: a readable PDF that embeds no invoice XML (a scan, a
// PDF printed from a word processor).
var errNoInvoiceData = errors.New("the PDF embeds no Factur-X or ZUGFeRD XML")

// isInvoiceFileName reports whether an embedded file is the invoice XML,
// by the names the specifications give it: factur-x.xml (Factur-X 1.0,
// ZUGFeRD 2.1 and later), zugferd-invoice.xml (ZUGFeRD 2.0; ZUGFeRD 1.0
// spelled it ZUGFeRD-invoice.xml), xrechnung.xml (XRechnung in a PDF).
func isInvoiceFileName(name string) bool {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml":
		return true
	}
	return false
}

// readConfiguration is pdfcpu's configuration for reading only. It is
// built here rather than by model.NewDefaultConfiguration, which on first
// use writes a configuration directory into the user's profile (and ends
// the process when it cannot); api.DisableConfigDir would avoid that by
// changing a global of pdfcpu for the whole app.
func readConfiguration() *model.Configuration {
	return &model.Configuration{
		// PDF 1.5 cross-reference and object streams: what every
		// PDF/A-3 writer produces.
		Reader15:       true,
		ValidationMode: model.ValidationRelaxed,
		Eol:            types.EolLF,
		Cmd:            model.EXTRACTATTACHMENTS,
	}
}

// embeddedInvoice is the invoice XML a PDF embeds: the content of the
// embedded file named as isInvoiceFileName says. It returns
// errNoInvoiceData when the PDF embeds no such file, another error when
// the PDF cannot be read.
func embeddedInvoice(pdf []byte) (content []byte, err error) {
	defer func() {
		// pdfcpu trusts the offsets, lengths and indexes a file gives
		// and panics on some damaged files. A damaged file is the user's
		// data, not a fault of the app: it is reported like any
		// unreadable file.
		if p := recover(); p != nil {
			content, err = nil, fmt.Errorf("pdfcpu: %v", p)
		}
	}()
	ctx, err := api.ReadContext(bytes.NewReader(pdf), readConfiguration())
	if err != nil {
		return nil, err
	}
	spec, err := invoiceFileSpec(ctx.XRefTable)
	if err != nil {
		return nil, err
	}
	return embeddedFileContent(ctx.XRefTable, spec)
}

// maxNameTreeDepth bounds the walk of a name tree: real ones are two or
// three levels deep, a damaged one may nest without end.
const maxNameTreeDepth = 32

// invoiceFileSpec finds the file specification of the invoice XML: in
// the document's EmbeddedFiles name tree, where PDF/A-3 lists every
// attachment, else in the catalog's /AF array of associated files. The
// tree is walked here rather than through pdfcpu's attachment API, which
// needs the whole document validated first: many invoicing tools write
// PDFs that pdfcpu's validation refuses for faults far from the XML.
func invoiceFileSpec(x *model.XRefTable) (types.Object, error) {
	catalog, err := x.Catalog()
	if err != nil {
		return nil, err
	}
	f := specFinder{x: x, seen: map[int]bool{}}
	if names, err := x.DereferenceDict(catalog["Names"]); err == nil && names != nil {
		f.walk(names["EmbeddedFiles"], 0)
	}
	if f.found == nil {
		associated, _ := x.DereferenceArray(catalog["AF"])
		for _, spec := range associated {
			if f.found == nil && isInvoiceFileName(fileSpecName(x, spec)) {
				f.found = spec
			}
		}
	}
	if f.found == nil {
		return nil, errNoInvoiceData
	}
	return f.found, nil
}

// specFinder walks a name tree (PDF 32000-1, 7.9.6) for the invoice XML.
type specFinder struct {
	x     *model.XRefTable
	seen  map[int]bool // the nodes walked: a damaged tree may loop
	found types.Object
}

// walk looks through a node's Names, a flat [key value ...] array, then
// through its Kids.
func (f *specFinder) walk(node types.Object, depth int) {
	if f.found != nil || depth > maxNameTreeDepth || f.visited(node) {
		return
	}
	d, err := f.x.DereferenceDict(node)
	if err != nil || d == nil {
		return
	}
	names, _ := f.x.DereferenceArray(d["Names"])
	for i := 0; i+1 < len(names) && f.found == nil; i += 2 {
		key, _ := f.x.DereferenceStringOrHexLiteral(names[i], model.V10, nil)
		if isInvoiceFileName(key) || isInvoiceFileName(fileSpecName(f.x, names[i+1])) {
			f.found = names[i+1]
		}
	}
	kids, _ := f.x.DereferenceArray(d["Kids"])
	for _, kid := range kids {
		f.walk(kid, depth+1)
	}
}

// visited reports whether an indirect node was walked already, and marks
// it walked.
func (f *specFinder) visited(node types.Object) bool {
	ref, ok := node.(types.IndirectRef)
	if !ok {
		return false
	}
	n := ref.ObjectNumber.Value()
	if f.seen[n] {
		return true
	}
	f.seen[n] = true
	return false
}

// fileSpecName is the file name a file specification gives: the Unicode
// one (UF) when there is one, else F.
func fileSpecName(x *model.XRefTable, o types.Object) string {
	d, err := x.DereferenceDict(o)
	if err != nil || d == nil {
		return ""
	}
	for _, key := range []string{"UF", "F"} {
		if v, found := d.Find(key); found {
			if s, err := x.DereferenceStringOrHexLiteral(v, model.V10, nil); err == nil && s != "" {
				return s
			}
		}
	}
	return ""
}

// embeddedFileContent is the decoded content of the embedded file a file
// specification points at (its /EF dictionary).
func embeddedFileContent(x *model.XRefTable, spec types.Object) ([]byte, error) {
	d, err := x.DereferenceDict(spec)
	if err != nil || d == nil {
		return nil, fmt.Errorf("invoice file specification: %w", errOr(err))
	}
	efObj, _ := d.Find("EF")
	ef, err := x.DereferenceDict(efObj)
	if err != nil || ef == nil {
		return nil, fmt.Errorf("invoice file specification has no embedded file: %w", errOr(err))
	}
	stream, found := ef.Find("F")
	if !found {
		stream, found = ef.Find("UF")
	}
	if !found {
		return nil, errors.New("invoice file specification has no embedded file")
	}
	sd, _, err := x.DereferenceStreamDict(stream)
	if err != nil || sd == nil {
		return nil, fmt.Errorf("embedded invoice file: %w", errOr(err))
	}
	if err := sd.Decode(); err != nil {
		return nil, fmt.Errorf("embedded invoice file: %w", err)
	}
	return sd.Content, nil
}

// errOr is err, or an error saying an object is missing when pdfcpu
// found nothing without failing.
func errOr(err error) error {
	if err != nil {
		return err
	}
	return errors.New("missing object")
}
