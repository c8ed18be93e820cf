package documents

import (
	"bytes"
	"errors"
	"image/png"
	"strings"
	"testing"

	"relance/data"
)

func TestRFReference(t *testing.T) {
	tests := []struct{ in, want string }{
		{"AB2G59X56V543", "RF19AB2G59X56V543"}, // FORMATS.md
		{"539007547034", "RF18539007547034"},   // ISO 11649's example
		{"fa-2026-0042", "RF83FA20260042"},     // checked independently
	}
	for _, tt := range tests {
		if got, err := RFReference(tt.in); err != nil || got != tt.want {
			t.Errorf("RFReference(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "FACTURE N°1", strings.Repeat("9", 22)} {
		if _, err := RFReference(bad); err == nil {
			t.Errorf("RFReference(%q) accepted", bad)
		}
	}
}

func TestEPCPayload(t *testing.T) {
	got, err := EPCPayload(EPCTransfer{BIC: "AGRIFRPP", Name: "Atelier Dubois", IBAN: "FR76 3000 6000 0112 3456 7890 189",
		Amount: data.Euros(1250, 0), Text: "Facture FA-2026-0042"})
	want := "BCD\n002\n1\nSCT\nAGRIFRPP\nAtelier Dubois\nFR7630006000011234567890189\nEUR1250.00\n\n\nFacture FA-2026-0042"
	if err != nil || got != want {
		t.Fatalf("payload = %q, %v\nwant %q", got, err, want)
	}
	// A structured reference replaces the text, and nothing trails it.
	ref, _ := RFReference("AB2G59X56V543")
	got, _ = EPCPayload(EPCTransfer{Name: "Atelier Dubois", IBAN: "FR7630006000011234567890189", Amount: data.Euros(12, 5),
		Reference: ref, Text: "ignored"})
	if want := "BCD\n002\n1\nSCT\n\nAtelier Dubois\nFR7630006000011234567890189\nEUR12.05\n\nRF19AB2G59X56V543"; got != want {
		t.Errorf("structured = %q\nwant %q", got, want)
	}
	// Long fields are cut: name to 70 characters, the payload to 331 bytes.
	got, err = EPCPayload(EPCTransfer{Name: strings.Repeat("é", 90), IBAN: "FR7630006000011234567890189", Text: strings.Repeat("ü", 200)})
	lines := strings.Split(got, "\n")
	if err != nil || len(got) > 331 || len([]rune(lines[5])) != 70 || lines[7] != "" || strings.HasSuffix(got, "\n") {
		t.Errorf("long payload: %d bytes, name %d characters, err %v", len(got), len([]rune(lines[5])), err)
	}
	if _, err := EPCPayload(EPCTransfer{Name: "x"}); !errors.Is(err, ErrNoIBAN) {
		t.Errorf("no IBAN: err = %v", err)
	}
}

// TestQRCodeImage: the code is a square of whole modules (version 1 is
// 21 modules, each version adds 4), quiet zone included.
func TestQRCodeImage(t *testing.T) {
	payload, _ := EPCPayload(EPCTransfer{BIC: "AGRIFRPP", Name: "Atelier Dubois", IBAN: "FR7630006000011234567890189",
		Amount: data.Euros(1250, 0), Text: "Facture FA-2026-0042"})
	b, err := qrPNG(payload)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	size := img.Bounds().Dx()
	modules := size/4 - 8
	if size != img.Bounds().Dy() || size%4 != 0 || (modules-21)%4 != 0 || modules < 21 {
		t.Fatalf("QR image %d × %d px: not a QR code of 4-pixel modules", size, img.Bounds().Dy())
	}
	// The top-left finder pattern: dark from the quiet zone's edge.
	if r, _, _, _ := img.At(16, 16).RGBA(); r != 0 {
		t.Error("no finder pattern at the top left")
	}
	if r, _, _, _ := img.At(2, 2).RGBA(); r == 0 {
		t.Error("no quiet zone")
	}
}
