package importing

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"relance/data"
	"relance/data/imports"
	"relance/data/imports/facturx"
	"relance/data/imports/fec"
	"relance/data/imports/sheet"
)

// KindOf tells what kind of file name is from its first bytes: a PDF or
// an XML e-invoice is Factur-X, a zip is a workbook, a text whose header
// names the FEC's columns is a FEC, any other text a CSV.
func KindOf(name string, head []byte) imports.Kind {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	switch {
	case bytes.HasPrefix(trimmed, []byte("%PDF")), bytes.HasPrefix(trimmed, []byte("<")):
		return imports.KindFacturX
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return imports.KindXLSX
	}
	firstLine, _, _ := bytes.Cut(trimmed, []byte("\n"))
	lower := strings.ToLower(string(firstLine))
	if strings.Contains(lower, "journalcode") && strings.Contains(lower, "ecrituredate") && strings.Contains(lower, "comptenum") {
		return imports.KindFEC
	}
	if strings.EqualFold(filepath.Ext(name), ".xml") {
		return imports.KindFacturX
	}
	return imports.KindCSV
}

// presetsKey is where the mappings the owner saved are kept in the book.
const presetsKey = "import.presets"

// Presets are the mappings of a CSV or XLSX that the wizard and the
// command offer: the owner's saved ones first, then those shipped for the
// common invoicing tools.
func (s *Service) Presets(ctx context.Context) ([]sheet.Preset, error) {
	saved, err := s.savedPresets(ctx)
	if err != nil {
		return nil, err
	}
	return append(saved, sheet.Presets()...), nil
}

func (s *Service) savedPresets(ctx context.Context) ([]sheet.Preset, error) {
	raw, err := s.store.GetState(ctx, presetsKey)
	if err != nil || raw == "" {
		return nil, err
	}
	var list []sheet.Preset
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		return nil, fmt.Errorf("saved import presets: %w", err)
	}
	return list, nil
}

// SavePreset keeps a mapping under its name, replacing one of that name.
func (s *Service) SavePreset(ctx context.Context, p sheet.Preset) error {
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" {
		return data.FieldErrors{{Field: "preset_name", Reason: data.ReasonRequired}}
	}
	saved, err := s.savedPresets(ctx)
	if err != nil {
		return err
	}
	out := []sheet.Preset{p}
	for _, q := range saved {
		if !strings.EqualFold(q.Name, p.Name) {
			out = append(out, q)
		}
	}
	raw, err := json.Marshal(out)
	if err != nil {
		return err
	}
	return s.store.SetState(ctx, presetsKey, string(raw))
}

// maxFileSize bounds the files read whole (a CSV, an XLSX, a PDF): a
// FEC, which can be far larger, is read as a stream.
const maxFileSize = 64 << 20

// ReadFiles reads files into one batch: one FEC, one CSV or XLSX (mapped
// by the preset named, else the preset that recognises its header, else
// the columns guessed from their headers), or any number of Factur-X
// files. kind "" finds the kind from the first file.
func (s *Service) ReadFiles(ctx context.Context, paths []string, kind imports.Kind, preset string) (imports.Batch, error) {
	if len(paths) == 0 {
		return imports.Batch{}, fmt.Errorf("no file to import")
	}
	if kind == "" {
		head, err := ReadHead(paths[0])
		if err != nil {
			return imports.Batch{}, err
		}
		kind = KindOf(paths[0], head)
	}
	switch kind {
	case imports.KindFEC:
		return readFEC(paths)
	case imports.KindFacturX:
		return readFacturX(paths)
	case imports.KindCSV, imports.KindXLSX:
		return s.readSheet(ctx, paths, preset)
	}
	return imports.Batch{}, fmt.Errorf("unknown kind of import %q", kind)
}

// ErrOneFile is returned when several files are given for a kind that
// takes one.
var ErrOneFile = fmt.Errorf("one file at a time for this kind of import: %w", data.ErrInvalid)

func readFEC(paths []string) (imports.Batch, error) {
	if len(paths) != 1 {
		return imports.Batch{}, ErrOneFile
	}
	f, err := os.Open(paths[0])
	if err != nil {
		return imports.Batch{}, err
	}
	defer f.Close()
	return fec.Read(filepath.Base(paths[0]), f, fec.Options{})
}

func readFacturX(paths []string) (imports.Batch, error) {
	var batches []imports.Batch
	for _, p := range paths {
		b, err := ReadWhole(p)
		if err != nil {
			return imports.Batch{}, err
		}
		batches = append(batches, facturx.Read(filepath.Base(p), b))
	}
	return imports.Merge(batches...), nil
}

func (s *Service) readSheet(ctx context.Context, paths []string, presetName string) (imports.Batch, error) {
	if len(paths) != 1 {
		return imports.Batch{}, ErrOneFile
	}
	b, err := ReadWhole(paths[0])
	if err != nil {
		return imports.Batch{}, err
	}
	table, _ := sheet.Open(filepath.Base(paths[0]), b)
	m, err := s.Mapping(ctx, table, presetName)
	if err != nil {
		return imports.Batch{}, err
	}
	return sheet.Read(table, m), nil
}

// ErrNoPreset is returned for a preset name that is neither saved nor
// shipped.
var ErrNoPreset = fmt.Errorf("no such preset: %w", data.ErrNotFound)

// Mapping is how a table's columns are read: by the preset named, else by
// the preset that recognises the header, else as guessed from the headers.
func (s *Service) Mapping(ctx context.Context, t sheet.Table, presetName string) (sheet.Mapping, error) {
	presets, err := s.Presets(ctx)
	if err != nil {
		return nil, err
	}
	if presetName != "" {
		for _, p := range presets {
			if strings.EqualFold(p.Name, presetName) {
				m, _ := p.Match(t.Header)
				return m, nil
			}
		}
		return nil, fmt.Errorf("%q: %w", presetName, ErrNoPreset)
	}
	if _, m, ok := sheet.Detect(t.Header, presets); ok {
		return m, nil
	}
	return sheet.Guess(t.Header), nil
}

// ReadHead reads the start of a file, enough to tell its kind (KindOf,
// and the bank import's statement check).
func ReadHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	return head[:n], nil
}

// ErrFileTooLarge is returned for a file too large to be a CSV, an XLSX or
// an invoice.
var ErrFileTooLarge = fmt.Errorf("the file is larger than %d MB: %w", maxFileSize>>20, data.ErrInvalid)

// ReadWhole reads a file, refusing one too large to be an export, an
// invoice or a statement (ErrFileTooLarge).
func ReadWhole(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.Size() > maxFileSize {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), ErrFileTooLarge)
	}
	return os.ReadFile(path)
}
