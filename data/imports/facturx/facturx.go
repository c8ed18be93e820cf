// Package facturx reads e-invoices into what a dunning app needs: the
// buyer to remind, the invoice's number, dates and amounts, and the
// credit notes that reduce them. It reads Factur-X and ZUGFeRD PDFs
// (PDF/A-3 with the invoice XML embedded), and the XML alone in either
// syntax EN 16931 allows: UN/CEFACT CII (Factur-X, ZUGFeRD 2, XRechnung
// CII) and UBL 2.1 (Peppol, XRechnung UBL). Like the other readers of
// package imports, it turns bytes into a Batch and touches nothing else.
package facturx

import (
	"bytes"
	"errors"

	"relance/data"
	"relance/data/imports"
)

// pdfHeaderWindow is how far into a file its %PDF header may be: readers
// accept junk before it, within the first kilobyte.
const pdfHeaderWindow = 1024

// Read reads one file: a Factur-X / ZUGFeRD PDF (PDF/A-3 with the invoice
// XML embedded), or the XML alone (UN/CEFACT CII, or UBL 2.1 Invoice /
// CreditNote). The Batch holds the buyer and the invoice (with the PDF as
// its attachment) or the credit note, or the problems that kept the
// document from being read: file-wide ones on line 0, the document's on
// line 1 with the XML path as their column. Several files are merged by
// the caller with imports.Merge.
func Read(name string, b []byte) imports.Batch {
	r := &reader{
		batch: imports.Batch{Kind: imports.KindFacturX, Files: []string{name}, Rows: 1},
		file:  name,
	}
	xmlData := b
	if isPDF(b) {
		var err error
		if xmlData, err = embeddedInvoice(b); err != nil {
			r.reportPDF(err)
			return r.batch
		}
		r.pdf = b
	}
	r.readXML(xmlData)
	return r.batch
}

// isPDF tells a PDF from XML: a %PDF header in the first kilobyte, unless
// the file starts as XML does (whose text might quote a header).
func isPDF(b []byte) bool {
	start := bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if bytes.HasPrefix(start, []byte("<")) {
		return false
	}
	return bytes.Contains(b[:min(len(b), pdfHeaderWindow)], []byte("%PDF-"))
}

// reportPDF says why no invoice XML came out of a PDF.
func (r *reader) reportPDF(err error) {
	if errors.Is(err, errNoInvoiceData) {
		r.reportFile(data.ReasonNoInvoiceData, "")
		return
	}
	r.reportFile(data.ReasonFileFormat, err.Error())
}

// readXML reads the invoice XML in whichever syntax its root names.
func (r *reader) readXML(b []byte) {
	root, err := parseXML(b)
	if err != nil {
		r.reportFile(data.ReasonFileFormat, err.Error())
		return
	}
	switch root.name.Space + " " + root.name.Local {
	case nsRSM + " CrossIndustryInvoice":
		r.add(readCII(root))
	case nsUBLInvoice + " Invoice":
		r.add(readUBL(root, false))
	case nsUBLCreditNote + " CreditNote":
		r.add(readUBL(root, true))
	default: // ZUGFeRD 1.0's CrossIndustryDocument among others
		r.reportFile(data.ReasonFileFormat, root.name.Local)
	}
}
