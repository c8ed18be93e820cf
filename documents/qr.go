package documents

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/big"
	"strings"
	"sync"
	"unicode/utf8"

	qrcode "github.com/skip2/go-qrcode"

	"relance/data"
)

// The payment QR code of a letter is the EPC's "SEPA credit transfer" code
// (GiroCode): a banking app that scans it fills in the transfer. Its
// payload is exactly what FORMATS.md gives; the IBAN and the reference are
// printed in clear next to it anyway, since French banking apps scan it
// less than German or Belgian ones.

// EPC limits.
const (
	epcMaxBytes = 331
	epcMaxName  = 70
	epcMaxText  = 140
	epcMaxRef   = 35
)

// ErrNoIBAN is returned when a payment code needs the company's IBAN.
var ErrNoIBAN = errors.New("no IBAN to pay to")

// EPCTransfer is what a payment QR code asks the bank to do.
type EPCTransfer struct {
	BIC    string
	Name   string     // the beneficiary, cut to 70 characters
	IBAN   string     // spaces allowed, removed
	Amount data.Money // 0: the payer types it
	// Either a structured creditor reference (RF..., ISO 11649) or a free
	// text (e.g. "Facture FA-2026-0042"), never both: Reference wins.
	Reference string
	Text      string
}

// EPCPayload writes the code's content: eleven lines at most, separated
// by LF, without trailing empty lines, at most 331 bytes (the free text is
// shortened if it must be).
func EPCPayload(t EPCTransfer) (string, error) {
	iban := compact(t.IBAN)
	if iban == "" {
		return "", ErrNoIBAN
	}
	amount := ""
	if t.Amount > 0 {
		amount = "EUR" + t.Amount.Decimal()
	}
	ref, text := compact(t.Reference), oneLine(t.Text)
	if ref != "" {
		text = ""
	}
	lines := []string{"BCD", "002", "1", "SCT", compact(t.BIC), cutRunes(oneLine(t.Name), epcMaxName), iban, amount, "",
		cutRunes(ref, epcMaxRef), cutRunes(text, epcMaxText)}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	payload := strings.Join(lines, "\n")
	for len(payload) > epcMaxBytes && text != "" {
		text = cutRunes(text, utf8.RuneCountInString(text)-1)
		lines[len(lines)-1] = text
		payload = strings.Join(lines, "\n")
	}
	if len(payload) > epcMaxBytes {
		return "", fmt.Errorf("EPC payload of %d bytes is over %d", len(payload), epcMaxBytes)
	}
	return payload, nil
}

// RFReference makes an ISO 11649 creditor reference of ref (letters and
// digits, spaces and dashes dropped): "RF", two check digits, then ref.
// AB2G59X56V543 gives RF19AB2G59X56V543.
func RFReference(ref string) (string, error) {
	ref = strings.ToUpper(strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '/' || r == '.' {
			return -1
		}
		return r
	}, ref))
	if ref == "" || len(ref) > 21 {
		return "", fmt.Errorf("creditor reference %q: 1 to 21 letters and digits", ref)
	}
	var digits strings.Builder
	for _, r := range ref + "RF00" {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			fmt.Fprint(&digits, int(r-'A')+10)
		default:
			return "", fmt.Errorf("creditor reference %q: only letters and digits", ref)
		}
	}
	n, _ := new(big.Int).SetString(digits.String(), 10)
	check := 98 - new(big.Int).Mod(n, big.NewInt(97)).Int64()
	return fmt.Sprintf("RF%02d%s", check, ref), nil
}

// qrPNG draws a QR code of payload, error correction M, as a black and
// white PNG with the standard quiet zone of four modules; scale pixels a
// module keep it sharp in any viewer. It is not compressed: a few
// kilobytes of 1-bit pixels, which saves a compressor per letter.
func qrPNG(payload string) ([]byte, error) {
	q, err := qrcode.New(payload, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("QR code: %w", err)
	}
	q.DisableBorder = true
	bits := q.Bitmap()
	const scale, quiet = 4, 4
	n := len(bits)
	size := (n + 2*quiet) * scale
	img := image.NewPaletted(image.Rect(0, 0, size, size), color.Palette{color.White, color.Black})
	for y, line := range bits {
		for x, dark := range line {
			if !dark {
				continue
			}
			for dy := range scale {
				off := img.PixOffset((x+quiet)*scale, (y+quiet)*scale+dy)
				for dx := range scale {
					img.Pix[off+dx] = 1
				}
			}
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.NoCompression, BufferPool: pngBuffers}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// pngBuffers lets the QR codes' PNG encoder reuse its buffers and its
// zlib writer (half a megabyte to allocate and clear) from one letter to
// the next; the pool is safe for concurrent use.
var pngBuffers = &pngBufferPool{}

type pngBufferPool struct{ pool sync.Pool }

func (p *pngBufferPool) Get() *png.EncoderBuffer {
	b, _ := p.pool.Get().(*png.EncoderBuffer)
	return b
}

func (p *pngBufferPool) Put(b *png.EncoderBuffer) { p.pool.Put(b) }

// compact removes spaces and upper-cases (an IBAN, a BIC, a reference).
func compact(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// cutRunes keeps the first n characters of s.
func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:max(n, 0)]))
}
