package imports

import (
	"errors"
	"testing"

	"relance/data"
)

func TestDecodeText(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []byte
		want string
		enc  Encoding
	}{
		{"utf-8", []byte("Échéance;Montant\r\n"), "Échéance;Montant\r\n", UTF8},
		{"utf-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, "Réf;Dû"...), "Réf;Dû", UTF8BOM},
		{"windows-1252: é, ’ and €", []byte{'C', 'a', 'f', 0xE9, ' ', 0x92, 0x80}, "Café ’€", Windows1252},
		{"iso-8859-15: € at 0xA4, œ at 0xBD", []byte{'C', 0xBD, 'u', 'r', ' ', 0xA4}, "Cœur €", ISO885915},
		{"latin letters read the same in both", []byte{'D', 0xFB}, "Dû", Windows1252},
		{"utf-16 LE with BOM (Excel's Unicode text)", []byte{0xFF, 0xFE, 'N', 0, 0xB0, 0, '\t', 0}, "N°\t", UTF16LE},
		{"utf-16 BE with BOM", []byte{0xFE, 0xFF, 0, 'O', 0, 'K'}, "OK", UTF16BE},
	} {
		got, enc, err := DecodeText(c.in)
		if err != nil || got != c.want || enc != c.enc {
			t.Errorf("%s: %q %s %v, want %q %s", c.name, got, enc, err, c.want, c.enc)
		}
	}
	for name, in := range map[string][]byte{
		"binary (NUL bytes, no BOM)": {'P', 'K', 3, 4, 0, 0},
		"BOM then invalid UTF-8":     {0xEF, 0xBB, 0xBF, 'a', 0xFF},
	} {
		var fe *data.FieldError
		if _, _, err := DecodeText(in); !errors.As(err, &fe) || fe.Reason != data.ReasonEncoding {
			t.Errorf("%s: %v, want ReasonEncoding", name, err)
		}
	}
}

func TestDecodeLineKeepsUTF8AndReadsLegacy(t *testing.T) {
	if got := DecodeLine([]byte("Pénalités"), ISO885915); got != "Pénalités" {
		t.Errorf("a UTF-8 line was decoded again: %q", got)
	}
	if got := DecodeLine([]byte{'P', 0xE9, 'n', 'a', 'l', 'i', 't', 0xE9, 's', ' ', 0xA4}, ISO885915); got != "Pénalités €" {
		t.Errorf("an ISO-8859-15 line reads %q", got)
	}
}

func TestParseYYYYMMDD(t *testing.T) {
	if d, ok := ParseYYYYMMDD("20260131"); !ok || d != data.MustDate("2026-01-31") {
		t.Errorf("20260131 reads %v %v", d, ok)
	}
	for _, bad := range []string{"20260230", "2026013", "2026-01-31", "2026013a", ""} {
		if _, ok := ParseYYYYMMDD(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}
