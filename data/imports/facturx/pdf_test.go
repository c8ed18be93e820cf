package facturx_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"relance/data"
	"relance/data/imports"
	"relance/data/imports/facturx"
)

// TestSamplePDFIsFacturX checks testdata/en16931.pdf has what Factur-X
// and PDF/A-3 ask of the embedded invoice, so that the reader is tested
// on the structure real Factur-X PDFs have.
func TestSamplePDFIsFacturX(t *testing.T) {
	ctx, err := api.ReadContext(bytes.NewReader(sample(t, "en16931.pdf")), writeConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if err := api.ValidateContext(ctx); err != nil {
		t.Fatalf("pdfcpu validation: %v", err)
	}
	catalog, err := ctx.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	af, err := ctx.DereferenceArray(catalog["AF"])
	if err != nil || len(af) != 1 {
		t.Fatalf("catalog /AF = %v (%v), want one file specification", af, err)
	}
	spec, err := ctx.DereferenceDict(af[0])
	if err != nil {
		t.Fatal(err)
	}
	assertFacturXFileSpec(t, ctx, spec)
	intents, _ := ctx.DereferenceArray(catalog["OutputIntents"])
	if len(intents) != 1 {
		t.Fatalf("catalog /OutputIntents = %v, want one", intents)
	}
	intent, _ := ctx.DereferenceDict(intents[0])
	assertName(t, intent, "S", "GTS_PDFA1")
	assertMetadata(t, ctx)
}

// assertFacturXFileSpec checks the file specification of the XML: its
// relationship, names, MIME type and modification date.
func assertFacturXFileSpec(t *testing.T, ctx *model.Context, spec types.Dict) {
	t.Helper()
	assertName(t, spec, "AFRelationship", "Alternative")
	for _, key := range []string{"F", "UF"} {
		if name, _ := ctx.DereferenceStringOrHexLiteral(spec[key], model.V10, nil); name != "factur-x.xml" {
			t.Errorf("file specification /%s = %q, want factur-x.xml", key, name)
		}
	}
	ef, err := ctx.DereferenceDict(spec["EF"])
	if err != nil {
		t.Fatal(err)
	}
	stream, _, err := ctx.DereferenceStreamDict(ef["F"])
	if err != nil || stream == nil {
		t.Fatalf("embedded file stream: %v", err)
	}
	assertName(t, stream.Dict, "Subtype", "text/xml") // written /text#2Fxml, read decoded
	if params := stream.DictEntry("Params"); params == nil || params.StringEntry("ModDate") == nil {
		t.Errorf("embedded file /Params = %v, want a ModDate", params)
	}
}

func assertName(t *testing.T, d types.Dict, key, want string) {
	t.Helper()
	got := d.NameEntry(key)
	if got == nil {
		t.Errorf("no /%s, want /%s", key, want)
	} else if *got != want {
		t.Errorf("/%s = /%s, want /%s", key, *got, want)
	}
}

// assertMetadata checks the XMP metadata says PDF/A-3B and Factur-X EN
// 16931, and agrees with the Info dictionary.
func assertMetadata(t *testing.T, ctx *model.Context) {
	t.Helper()
	catalog, _ := ctx.Catalog()
	meta, _, err := ctx.DereferenceStreamDict(catalog["Metadata"])
	if err != nil || meta == nil {
		t.Fatalf("catalog /Metadata: %v", err)
	}
	if err := meta.Decode(); err != nil {
		t.Fatal(err)
	}
	xmp := string(meta.Content)
	for _, want := range []string{
		"<pdfaid:part>3</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
		"<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>", "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>",
		"<pdf:Producer>" + sampleProducer + "</pdf:Producer>",
	} {
		if !strings.Contains(xmp, want) {
			t.Errorf("XMP metadata lacks %s", want)
		}
	}
	info, err := ctx.DereferenceDict(*ctx.Info)
	if err != nil {
		t.Fatal(err)
	}
	if producer, _ := ctx.DereferenceStringOrHexLiteral(info["Producer"], model.V10, nil); producer != sampleProducer {
		t.Errorf("Info /Producer = %q, want %q as in the XMP", producer, sampleProducer)
	}
}

// pdfWithAttachment is testdata/plain.pdf with one embedded file.
func pdfWithAttachment(t *testing.T, name string, content []byte) []byte {
	t.Helper()
	ctx, err := api.ReadContext(bytes.NewReader(sample(t, "plain.pdf")), writeConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if err := api.ValidateContext(ctx); err != nil {
		t.Fatal(err)
	}
	modTime := sampleDate()
	if err := ctx.AddAttachment(model.Attachment{Reader: bytes.NewReader(content), ID: name, ModTime: &modTime}, false); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := api.WriteContext(ctx, &out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestReadPDFAttachments(t *testing.T) {
	t.Run("ZUGFeRD-invoice.xml", func(t *testing.T) {
		pdf := pdfWithAttachment(t, "ZUGFeRD-invoice.xml", sample(t, "minimum.xml"))
		got := facturx.Read("zugferd.pdf", pdf)
		if len(got.Problems) > 0 || len(got.Invoices) != 1 {
			t.Fatalf("got invoices %v, problems %v; want one invoice", got.Invoices, got.Problems)
		}
		if inv := got.Invoices[0]; inv.Number != "FA-2026-0101" || !bytes.Equal(inv.Attachment, pdf) || inv.AttachmentName != "zugferd.pdf" {
			t.Errorf("got invoice %s with a %d-byte attachment %q, want FA-2026-0101 with the PDF", inv.Number, len(inv.Attachment), inv.AttachmentName)
		}
	})
	t.Run("a UBL credit note as xrechnung.xml", func(t *testing.T) {
		got := facturx.Read("avoir.pdf", pdfWithAttachment(t, "xrechnung.xml", sample(t, "ubl-creditnote.xml")))
		if len(got.Problems) > 0 || len(got.CreditNotes) != 1 || got.CreditNotes[0].InvoiceNumber != "FA-2026-0124" {
			t.Errorf("got credit notes %v, problems %v; want AV-2026-0007 for FA-2026-0124", got.CreditNotes, got.Problems)
		}
	})
	t.Run("another attachment", func(t *testing.T) {
		got := facturx.Read("notes.pdf", pdfWithAttachment(t, "notes.xml", sample(t, "minimum.xml")))
		assertFileProblem(t, got, data.ReasonNoInvoiceData)
	})
	t.Run("factur-x.xml that is not XML", func(t *testing.T) {
		got := facturx.Read("bad.pdf", pdfWithAttachment(t, "factur-x.xml", []byte("%PDF-1.7 not XML")))
		assertFileProblem(t, got, data.ReasonFileFormat)
	})
}

func assertFileProblem(t *testing.T, got imports.Batch, reason data.Reason) {
	t.Helper()
	if len(got.Problems) != 1 || got.Problems[0].Reason != reason || got.Problems[0].Line != 0 {
		t.Errorf("got problems %v, want one of the file: %s", got.Problems, reason)
	}
	if len(got.Invoices)+len(got.CreditNotes)+len(got.Clients) > 0 {
		t.Errorf("got records %+v %+v %+v with a problem", got.Clients, got.Invoices, got.CreditNotes)
	}
}

// TestReadPDFWritesNothing checks pdfcpu is kept from creating its
// configuration directory in the user's profile, as its default
// configuration does.
func TestReadPDFWritesNothing(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", home)
	t.Setenv("AppData", home)
	facturx.Read("en16931.pdf", sample(t, "en16931.pdf"))
	facturx.Read("plain.pdf", sample(t, "plain.pdf"))
	entries, err := os.ReadDir(home)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) > 0 {
		t.Errorf("reading PDFs wrote %v into the user's profile", entries)
	}
}
