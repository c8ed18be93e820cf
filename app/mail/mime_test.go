package mail

import (
	"bytes"
	"encoding/base64"
	"io"
	"log/slog"
	"mime/quotedprintable"
	"os"
	"testing"
)

func quotedPrintable(b []byte) io.Reader { return quotedprintable.NewReader(bytes.NewReader(b)) }

func base64Reader(b []byte) io.Reader {
	return base64.NewDecoder(base64.StdEncoding, bytes.NewReader(bytes.ReplaceAll(b, []byte("\r\n"), nil)))
}

func TestMain(m *testing.M) {
	// The service logs each message; keep test output to failures.
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	os.Exit(m.Run())
}
