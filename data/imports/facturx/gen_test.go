package facturx_test

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/phpdave11/gofpdf"

	"relance/assets"
)

// update regenerates the sample PDFs of testdata: go test ./data/imports/facturx/ -run TestGenerateSamplePDFs -update
var update = flag.Bool("update", false, "regenerate testdata/en16931.pdf and testdata/plain.pdf")

// The document information of the Factur-X sample, written both in the
// Info dictionary and in the XMP metadata: PDF/A wants them equal.
const (
	sampleTitle    = "Facture FA-2026-0117"
	sampleAuthor   = "Atelier Borel SARL"
	sampleSubject  = "Facture FA-2026-0117 - Garage du Lac SAS"
	sampleCreator  = "Relance test data generator"
	sampleProducer = "gofpdf 1.4.3 and pdfcpu v0.6.0"
)

// sampleDate is when the sample says it was made.
func sampleDate() time.Time {
	return time.Date(2026, time.March, 5, 9, 30, 0, 0, time.FixedZone("CET", 3600))
}

// TestGenerateSamplePDFs writes the two PDFs of testdata, with -update
// only: the committed files are what the other tests read.
//
// en16931.pdf is made in three steps. gofpdf draws the invoice's page
// with Liberation Sans embedded (PDF/A wants every font embedded).
// pdfcpu then rewrites it whole, adding testdata/en16931.xml as the
// embedded file factur-x.xml (Subtype text/xml, ModDate), with
// AFRelationship /Alternative (the PDF and the XML are the same invoice,
// as Factur-X asks of the EN 16931 profile), the catalog's /AF array, and
// a PDF/A output intent whose sRGB-like ICC profile is built by
// iccProfile. Last, an incremental update adds the Info dictionary and
// the XMP metadata (PDF/A-3B identification, the Factur-X extension
// schema and fx: properties) with equal values: done in a full rewrite,
// pdfcpu would stamp its own producer and the current time into Info.
//
// No PDF/A validator (veraPDF) ran on it: it follows the PDF/A-3B rules
// its structure is checked for in TestSamplePDFIsFacturX, not a
// certification.
//
// plain.pdf is gofpdf's page alone: a PDF with no attachment.
func TestGenerateSamplePDFs(t *testing.T) {
	if !*update {
		t.Skip("run with -update to regenerate the sample PDFs")
	}
	invoiceXML, err := os.ReadFile(filepath.Join("testdata", "en16931.xml"))
	if err != nil {
		t.Fatal(err)
	}
	page, err := invoicePage()
	if err != nil {
		t.Fatal(err)
	}
	withXML, err := attachFacturX(page, invoiceXML)
	if err != nil {
		t.Fatal(err)
	}
	final, err := addMetadata(withXML)
	if err != nil {
		t.Fatal(err)
	}
	writeSample(t, "en16931.pdf", final)
	writeSample(t, "plain.pdf", page)
}

func writeSample(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join("testdata", name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// invoicePage draws the human-readable invoice: what the buyer reads,
// the same invoice as the XML.
func invoicePage() ([]byte, error) {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCreationDate(sampleDate())
	pdf.SetModificationDate(sampleDate())
	pdf.AddUTF8FontFromBytes("liberation", "", assets.FontRegular)
	pdf.AddUTF8FontFromBytes("liberation", "B", assets.FontBold)
	pdf.SetMargins(20, 20, 20)
	pdf.AddPage()
	pdf.SetFont("liberation", "B", 14)
	pdf.CellFormat(0, 8, "Atelier Borel SARL", "", 1, "L", false, 0, "")
	pdf.SetFont("liberation", "", 10)
	pdf.MultiCell(0, 5, "14 rue des Tanneurs\n69002 Lyon\nSIREN 842 157 638 – TVA FR62842157638\nfacturation@atelier-borel.example", "", "L", false)
	pdf.Ln(6)
	pdf.SetX(115)
	pdf.MultiCell(0, 5, "Garage du Lac SAS\nÀ l'attention de Claire Dubois\n12 avenue d'Albigny\nZone artisanale des Fins – Bâtiment C\n74000 Annecy", "", "L", false)
	pdf.Ln(8)
	pdf.SetFont("liberation", "B", 13)
	pdf.CellFormat(0, 8, "Facture FA-2026-0117", "", 1, "L", false, 0, "")
	pdf.SetFont("liberation", "", 10)
	pdf.MultiCell(0, 5, "Date : 05/03/2026 – Intervention du 03/03/2026 – Votre commande BC-4471\nÉchéance : 04/04/2026", "", "L", false)
	pdf.Ln(4)
	invoiceLines(pdf)
	pdf.Ln(6)
	pdf.MultiCell(0, 5, "Règlement par virement SEPA – IBAN FR76 3000 6000 0112 3456 7890 189 – référence FA-2026-0117.\n"+
		"En cas de retard de paiement, pénalités au taux de 3 fois le taux d'intérêt légal et indemnité forfaitaire pour frais de recouvrement de 40 €.\n"+
		"Atelier Borel SARL au capital de 10 000 € – RCS Lyon 842 157 638", "", "L", false)
	var out bytes.Buffer
	err := pdf.Output(&out)
	return out.Bytes(), err
}

// invoiceLines draws the lines and totals of the invoice.
func invoiceLines(pdf *gofpdf.Fpdf) {
	rows := [][4]string{
		{"Désignation", "Qté", "Prix HT", "Total HT"},
		{"Révision annuelle du pont élévateur", "1", "1 500,00 €", "1 500,00 €"},
		{"Remplacement flexible hydraulique", "2", "250,00 €", "500,00 €"},
	}
	widths := [4]float64{90, 15, 32, 33}
	for i, row := range rows {
		style := ""
		if i == 0 {
			style = "B"
		}
		pdf.SetFont("liberation", style, 10)
		for j, cell := range row {
			align := "R"
			if j == 0 {
				align = "L"
			}
			pdf.CellFormat(widths[j], 7, cell, "B", 0, align, false, 0, "")
		}
		pdf.Ln(-1)
	}
	pdf.Ln(2)
	for _, total := range [][2]string{
		{"Total HT", "2 000,00 €"}, {"TVA 20 %", "400,00 €"}, {"Total TTC", "2 400,00 €"},
		{"Acompte versé", "-400,00 €"}, {"Net à payer", "2 000,00 €"},
	} {
		pdf.CellFormat(137, 6, total[0], "", 0, "R", false, 0, "")
		pdf.CellFormat(33, 6, total[1], "", 1, "R", false, 0, "")
	}
}

// writeConfiguration is pdfcpu's configuration for the generator, built
// by hand for the reason readConfiguration is. Classic cross-reference
// tables keep the sample readable in a text editor.
func writeConfiguration() *model.Configuration {
	return &model.Configuration{
		Reader15:       true,
		ValidationMode: model.ValidationRelaxed,
		Eol:            types.EolLF,
		Cmd:            model.ADDATTACHMENTS,
	}
}

// attachFacturX embeds the invoice XML as PDF/A-3 and Factur-X want it.
func attachFacturX(page, invoiceXML []byte) ([]byte, error) {
	ctx, err := api.ReadContext(bytes.NewReader(page), writeConfiguration())
	if err != nil {
		return nil, err
	}
	if err := api.ValidateContext(ctx); err != nil {
		return nil, err
	}
	modTime := sampleDate()
	a := model.Attachment{Reader: bytes.NewReader(invoiceXML), ID: "factur-x.xml", Desc: "Factur-X invoice (EN 16931)", ModTime: &modTime}
	if err := ctx.AddAttachment(a, false); err != nil {
		return nil, err
	}
	specRef, ok := ctx.Names["EmbeddedFiles"].Value("factur-x.xml")
	if !ok {
		return nil, fmt.Errorf("factur-x.xml not in the name tree")
	}
	if err := markAlternative(ctx.XRefTable, specRef); err != nil {
		return nil, err
	}
	intent, err := outputIntent(ctx.XRefTable)
	if err != nil {
		return nil, err
	}
	catalog, err := ctx.Catalog()
	if err != nil {
		return nil, err
	}
	catalog.Insert("AF", types.Array{specRef})
	catalog.Insert("OutputIntents", types.Array{*intent})
	var out bytes.Buffer
	err = api.WriteContext(ctx, &out)
	return out.Bytes(), err
}

// markAlternative sets what PDF/A-3 asks of an associated file: its
// relationship to the document and its MIME type.
func markAlternative(x *model.XRefTable, specRef types.Object) error {
	spec, err := x.DereferenceDict(specRef)
	if err != nil {
		return err
	}
	spec.Insert("AFRelationship", types.Name("Alternative"))
	ef, err := x.DereferenceDict(spec["EF"])
	if err != nil {
		return err
	}
	stream, _, err := x.DereferenceStreamDict(ef["F"])
	if err != nil {
		return err
	}
	stream.Insert("Subtype", types.Name("text#2Fxml")) // a name writes "/" as #2F
	return nil
}

// outputIntent adds the PDF/A output intent: PDF/A allows device colours
// (gofpdf's text is DeviceGray, its rules DeviceRGB) only with one.
func outputIntent(x *model.XRefTable) (*types.IndirectRef, error) {
	profile, err := x.NewStreamDictForBuf(iccProfile())
	if err != nil {
		return nil, err
	}
	profile.InsertInt("N", 3)
	if err := profile.Encode(); err != nil {
		return nil, err
	}
	profileRef, err := x.IndRefForNewObject(*profile)
	if err != nil {
		return nil, err
	}
	d := types.NewDict()
	d.InsertName("Type", "OutputIntent")
	d.InsertName("S", "GTS_PDFA1")
	d.InsertString("OutputConditionIdentifier", "sRGB")
	d.InsertString("Info", "sRGB IEC61966-2.1 (matrix and gamma 2.2)")
	d.InsertString("RegistryName", "http://www.color.org")
	d.Insert("DestOutputProfile", *profileRef)
	return x.IndRefForNewObject(d)
}

// addMetadata appends an incremental update holding the Info dictionary
// and the XMP metadata stream, with the same values.
func addMetadata(pdf []byte) ([]byte, error) {
	ctx, err := api.ReadContext(bytes.NewReader(pdf), writeConfiguration())
	if err != nil {
		return nil, err
	}
	ctx.Write.Increment = true
	ctx.Write.Offset = ctx.Read.FileSize
	meta := types.StreamDict{Dict: types.NewDict(), Content: []byte(xmpPacket())}
	meta.InsertName("Type", "Metadata")
	meta.InsertName("Subtype", "XML")
	if err := meta.Encode(); err != nil { // unfiltered: PDF/A wants metadata readable as is
		return nil, err
	}
	metaRef, err := ctx.IndRefForNewObject(meta)
	if err != nil {
		return nil, err
	}
	infoRef, err := ctx.IndRefForNewObject(infoDict())
	if err != nil {
		return nil, err
	}
	catalog, err := ctx.Catalog()
	if err != nil {
		return nil, err
	}
	catalog.Update("Metadata", *metaRef)
	ctx.Info = infoRef
	for _, ref := range []types.IndirectRef{*ctx.Root, *metaRef, *infoRef} {
		ctx.Write.IncrementWithObjNr(ref.ObjectNumber.Value())
	}
	out := bytes.NewBuffer(bytes.Clone(pdf))
	err = api.WriteIncrement(ctx, out)
	return out.Bytes(), err
}

func infoDict() types.Dict {
	d := types.NewDict()
	d.InsertString("Title", sampleTitle)
	d.InsertString("Author", sampleAuthor)
	d.InsertString("Subject", sampleSubject)
	d.InsertString("Creator", sampleCreator)
	d.InsertString("Producer", sampleProducer)
	date := "D:" + sampleDate().Format("20060102150405") + "+01'00'"
	d.InsertString("CreationDate", date)
	d.InsertString("ModDate", date)
	return d
}

// xmpPacket is the XMP metadata of a Factur-X EN 16931 invoice: the
// PDF/A-3B identification, the document information, the PDF/A extension
// schema that declares the fx: properties, and the fx: properties.
func xmpPacket() string {
	date := sampleDate().Format(time.RFC3339)
	return `<?xpacket begin="` + "\uFEFF" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + sampleTitle + `</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>` + sampleAuthor + `</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + sampleSubject + `</rdf:li></rdf:Alt></dc:description>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>` + sampleProducer + `</pdf:Producer>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreatorTool>` + sampleCreator + `</xmp:CreatorTool>
   <xmp:CreateDate>` + date + `</xmp:CreateDate>
   <xmp:ModifyDate>` + date + `</xmp:ModifyDate>
   <xmp:MetadataDate>` + date + `</xmp:MetadataDate>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>fx</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>` + fxProperty("DocumentFileName", "The name of the embedded XML document") +
		fxProperty("DocumentType", "The type of the hybrid document in capital letters, e.g. INVOICE or ORDER") +
		fxProperty("Version", "The actual version of the standard applying to the embedded XML document") +
		fxProperty("ConformanceLevel", "The conformance level of the embedded XML document") + `
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
   <fx:DocumentType>INVOICE</fx:DocumentType>
   <fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>
   <fx:Version>1.0</fx:Version>
   <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`
}

func fxProperty(name, description string) string {
	return `
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>` + name + `</pdfaProperty:name>
         <pdfaProperty:valueType>Text</pdfaProperty:valueType>
         <pdfaProperty:category>external</pdfaProperty:category>
         <pdfaProperty:description>` + description + `</pdfaProperty:description>
        </rdf:li>`
}

// iccProfile builds a small ICC v2 display profile: the sRGB primaries
// (adapted to D50, as ICC wants) with a 2.2 gamma curve, close enough to
// sRGB for an output intent. No sRGB profile file ships with Go or with
// this repository, and this one is a few hundred bytes.
func iccProfile() []byte {
	type tag struct {
		sig  string
		data []byte
	}
	gamma := append(tagHeader("curv"), 0, 0, 0, 1, 0x02, 0x33, 0, 0) // 1 entry: gamma 563/256 = 2.2
	tags := []tag{
		{"desc", textDescription("sRGB IEC61966-2.1 (matrix and gamma 2.2)")},
		{"cprt", append(append(tagHeader("text"), "No copyright, use freely"...), 0)},
		{"wtpt", xyz(0.9642, 1.0, 0.8249)},
		{"rXYZ", xyz(0.4361, 0.2225, 0.0139)},
		{"gXYZ", xyz(0.3851, 0.7169, 0.0971)},
		{"bXYZ", xyz(0.1431, 0.0606, 0.7141)},
		{"rTRC", gamma}, {"gTRC", gamma}, {"bTRC", gamma},
	}
	header := make([]byte, 128)
	table := binary.BigEndian.AppendUint32(nil, uint32(len(tags)))
	var body []byte
	offset := 128 + 4 + 12*len(tags)
	for _, tg := range tags {
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
		table = append(table, tg.sig...)
		table = binary.BigEndian.AppendUint32(table, uint32(offset+len(body)))
		table = binary.BigEndian.AppendUint32(table, uint32(len(tg.data)))
		body = append(body, tg.data...)
	}
	size := 128 + len(table) + len(body)
	binary.BigEndian.PutUint32(header[0:], uint32(size))
	binary.BigEndian.PutUint32(header[8:], 0x02100000) // version 2.1
	copy(header[12:], "mntrRGB XYZ ")
	binary.BigEndian.PutUint16(header[24:], 2026) // creation date: 2026-03-05
	binary.BigEndian.PutUint16(header[26:], 3)
	binary.BigEndian.PutUint16(header[28:], 5)
	copy(header[36:], "acsp")
	copy(header[68:], xyz(0.9642, 1.0, 0.8249)[8:]) // the PCS illuminant, D50
	return append(append(header, table...), body...)
}

func tagHeader(typ string) []byte { return append([]byte(typ), 0, 0, 0, 0) }

// xyz is an XYZType tag: three s15Fixed16 numbers.
func xyz(x, y, z float64) []byte {
	b := tagHeader("XYZ ")
	for _, v := range []float64{x, y, z} {
		b = binary.BigEndian.AppendUint32(b, uint32(int32(v*65536+0.5)))
	}
	return b
}

// textDescription is an ICC v2 textDescriptionType: the ASCII text, no
// Unicode nor ScriptCode text.
func textDescription(s string) []byte {
	b := tagHeader("desc")
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)+1))
	b = append(append(b, s...), 0)
	b = append(b, make([]byte, 4+4+2+1+67)...) // Unicode language and count, ScriptCode code, count and text
	return b
}
