package imports

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"relance/data"
)

// Encoding is how a text file's characters are written, as the import
// wizard names it.
type Encoding string

// The encodings Relance reads. Windows-1252 is what Excel writes on a
// French Windows; ISO-8859-15 is what the law asks of a FEC.
const (
	UTF8        Encoding = "UTF-8"
	UTF8BOM     Encoding = "UTF-8 (BOM)"
	UTF16LE     Encoding = "UTF-16 LE"
	UTF16BE     Encoding = "UTF-16 BE"
	Windows1252 Encoding = "Windows-1252"
	ISO885915   Encoding = "ISO-8859-15"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// DecodeText returns a whole file's text in UTF-8, without its byte-order
// mark, and the encoding it was found in. A file with a BOM is what the
// BOM says; otherwise valid UTF-8 is UTF-8, and anything else is read as
// the legacy encoding LegacyEncoding picks. A file holding NUL bytes
// without a UTF-16 BOM is not text: ReasonEncoding.
func DecodeText(b []byte) (string, Encoding, error) {
	switch {
	case bytes.HasPrefix(b, bomUTF8):
		b = b[len(bomUTF8):]
		if !utf8.Valid(b) {
			return "", UTF8BOM, encodingError()
		}
		return string(b), UTF8BOM, nil
	case bytes.HasPrefix(b, bomUTF16LE):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), b, UTF16LE)
	case bytes.HasPrefix(b, bomUTF16BE):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), b, UTF16BE)
	case bytes.IndexByte(b, 0) >= 0:
		return "", "", encodingError()
	case utf8.Valid(b):
		return string(b), UTF8, nil
	}
	legacy := LegacyEncoding(b)
	return decodeWith(legacy.charmap(), b, legacy)
}

// DecodeLine is one line of a file read line by line (a FEC of a million
// lines is never held whole): valid UTF-8 stays as it is, anything else is
// read in legacy, the encoding LegacyEncoding picked from the file's
// start. A line of Latin-1 accents is practically never valid UTF-8, so a
// file mixing both still reads right.
func DecodeLine(line []byte, legacy Encoding) string {
	if utf8.Valid(line) {
		return string(line)
	}
	out, err := legacy.charmap().NewDecoder().Bytes(line)
	if err != nil { // charmap decoders map every byte: cannot happen
		return string(bytes.ToValidUTF8(line, []byte("\uFFFD")))
	}
	return string(out)
}

// LegacyEncoding tells Windows-1252 from ISO-8859-15 in bytes that are not
// UTF-8. They differ in two places: 0x80–0x9F are letters and signs in
// Windows-1252 (€ ’ œ …) but control codes in ISO-8859-15, and eight
// bytes of 0xA4–0xBE are € Š š Ž ž Œ œ Ÿ in ISO-8859-15 but ¤ ¦ ¨ ´ ¸ ¼
// ½ ¾ in Windows-1252. A byte of the first range means Windows-1252; else
// a byte of the second means ISO-8859-15; else they read the same and
// Windows-1252 is named.
func LegacyEncoding(b []byte) Encoding {
	iso := false
	for _, c := range b {
		switch {
		case c >= 0x80 && c <= 0x9F:
			return Windows1252
		case c == 0xA4 || c == 0xA6 || c == 0xA8 || c == 0xB4 || c == 0xB8 || c == 0xBC || c == 0xBD || c == 0xBE:
			iso = true
		}
	}
	if iso {
		return ISO885915
	}
	return Windows1252
}

// charmap is the decoder of a legacy encoding.
func (e Encoding) charmap() encoding.Encoding {
	if e == ISO885915 {
		return charmap.ISO8859_15
	}
	return charmap.Windows1252
}

func decodeWith(enc encoding.Encoding, b []byte, name Encoding) (string, Encoding, error) {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", name, encodingError()
	}
	if name == UTF16LE || name == UTF16BE {
		out = bytes.TrimPrefix(out, bomUTF8) // the decoder keeps the BOM as U+FEFF
	}
	return string(out), name, nil
}

func encodingError() error {
	return &data.FieldError{Field: "file", Reason: data.ReasonEncoding}
}

// ParseYYYYMMDD reads the compact dates of the FEC and of Factur-X
// (format 102): "20260131". A day that does not exist is refused.
func ParseYYYYMMDD(s string) (data.Date, bool) {
	if len(s) != 8 {
		return data.Date{}, false
	}
	n := 0
	for i := 0; i < 8; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return data.Date{}, false
		}
		n = n*10 + int(c-'0')
	}
	d, err := data.ParseDate(s[0:4] + "-" + s[4:6] + "-" + s[6:8])
	return d, err == nil
}
