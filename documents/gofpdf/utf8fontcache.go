package gofpdf

// Added in relance's copy (see README.md): a TrueType file given to
// AddUTF8Font or AddUTF8FontFromBytes is parsed once per process, not once
// per document.
//
// Upstream parses the whole file for every document that registers it
// (character map, widths of all 65,536 BMP code points, glyph offsets),
// hashes the resulting definition through encoding/json to name the font,
// then parses the tables a second time when it cuts the subset it embeds.
// For a letter in Liberation Sans this was over half the time and most of
// the memory of a document. What does not depend on the document is now
// kept in utf8FontShared, keyed by a hash of the file's bytes (compared in
// full on a hit), read by every document and never written after it is
// built. The subset of the runes a document sets is cut from the cached
// tables, once per set of runes (utf8FontSubset).

import (
	"bytes"
	"hash/maphash"
	"sort"
	"sync"
)

// utf8FontShared is what a TrueType file yields independently of any
// document. It is immutable once built and shared by all documents and
// goroutines.
type utf8FontShared struct {
	// data is a private copy of the file: the caller's slice may change.
	data []byte
	// meta holds the font's metrics and widths (parseFile).
	meta *utf8FontFile
	// cut holds the tables the subsetting reads; nil when the font has no
	// Unicode character map (the subset is then empty, as upstream).
	cut *utf8CutTables
	// ids caches the font ID (generateFontID) per font key.
	ids sync.Map
	// subsets are the subsets documents embedded, by set of runes
	// (subsetKey).
	subsetsMu sync.Mutex
	subsets   map[string]*utf8Subset
}

// utf8CutTables are the parsed tables GenerateCutFont starts from.
type utf8CutTables struct {
	tableDescriptions    map[string]*tableDescription
	charSymbolDictionary map[int]int // rune → glyph index
	symbolPosition       []int       // glyph offsets in glyf (loca)
	locaFormat           int
	metricsCount         int // numberOfHMetrics (hhea)
	numSymbols           int // glyph count (maxp)
}

// utf8FontCache holds the fonts parsed in this process.
var utf8FontCache = struct {
	seed  maphash.Seed
	fonts sync.Map // uint64 hash of the file → *utf8FontShared
}{seed: maphash.MakeSeed()}

// sharedUTF8Font returns the parsed font for the TrueType file data,
// parsing it on first use in the process.
func sharedUTF8Font(data []byte) (*utf8FontShared, error) {
	c := &utf8FontCache
	h := maphash.Bytes(c.seed, data)
	if v, ok := c.fonts.Load(h); ok {
		if s := v.(*utf8FontShared); bytes.Equal(s.data, data) {
			return s, nil
		}
		// Another file with the same 64-bit hash: parse it without
		// caching rather than evict the first.
		return parseUTF8Font(data)
	}
	s, err := parseUTF8Font(data)
	if err != nil {
		return nil, err
	}
	if v, loaded := c.fonts.LoadOrStore(h, s); loaded && bytes.Equal(v.(*utf8FontShared).data, data) {
		return v.(*utf8FontShared), nil // another goroutine parsed it first
	}
	return s, nil
}

// parseUTF8Font parses a private copy of data.
func parseUTF8Font(data []byte) (*utf8FontShared, error) {
	data = bytes.Clone(data)
	meta := newUTF8Font(&fileReader{array: data})
	if err := meta.parseFile(); err != nil {
		return nil, err
	}
	cut := newUTF8Font(&fileReader{array: data})
	return &utf8FontShared{data: data, meta: meta, cut: cut.readCutTables(), subsets: map[string]*utf8Subset{}}, nil
}

// newFile is a document's own view of the font: the shared metrics and
// widths (read only), its own reader position and subsetting state.
func (s *utf8FontShared) newFile() *utf8FontFile {
	m := s.meta
	return &utf8FontFile{
		fileReader:         &fileReader{array: s.data},
		shared:             s,
		Ascent:             m.Ascent,
		Descent:            m.Descent,
		Bbox:               m.Bbox,
		CapHeight:          m.CapHeight,
		StemV:              m.StemV,
		ItalicAngle:        m.ItalicAngle,
		Flags:              m.Flags,
		UnderlinePosition:  m.UnderlinePosition,
		UnderlineThickness: m.UnderlineThickness,
		CharWidths:         m.CharWidths,
		DefaultWidth:       m.DefaultWidth,
		fontElementSize:    m.fontElementSize,
	}
}

// fontDef is the definition of the font registered under fontKey, as
// upstream builds it, for one document: usedRunes and utf8File are the
// document's own, the widths and the font ID are shared.
func (s *utf8FontShared) fontDef(fontKey string, usedRunes map[int]int) fontDefType {
	m := s.meta
	def := fontDefType{
		Tp:   "UTF8",
		Name: fontKey,
		Desc: FontDescType{
			Ascent:       m.Ascent,
			Descent:      m.Descent,
			CapHeight:    m.CapHeight,
			Flags:        m.Flags,
			FontBBox:     m.Bbox,
			ItalicAngle:  m.ItalicAngle,
			StemV:        m.StemV,
			MissingWidth: round(m.DefaultWidth),
		},
		Up:        int(round(m.UnderlinePosition)),
		Ut:        round(m.UnderlineThickness),
		Cw:        m.CharWidths,
		utf8File:  s.newFile(),
		usedRunes: usedRunes,
	}
	if id, ok := s.ids.Load(fontKey); ok {
		def.i = id.(string)
	} else {
		// The ID hashes the definition's exported fields, all of which
		// are the font's and the key's (File is left out by
		// generateFontID), so one per key is enough.
		def.i, _ = generateFontID(def)
		s.ids.Store(fontKey, def.i)
	}
	return def
}

// readCutTables reads the tables subsetting needs, as upstream's
// GenerateCutFont did at its start on every call.
func (utf *utf8FontFile) readCutTables() *utf8CutTables {
	utf.fileReader.readerPosition = 0
	utf.skip(4)
	utf.generateTableDescriptions()

	utf.SeekTable("head")
	utf.skip(50)
	locaFormat := utf.readUint16()

	utf.SeekTable("hhea")
	utf.skip(34)
	metricsCount := utf.readUint16()

	utf.SeekTable("maxp")
	utf.skip(4)
	numSymbols := utf.readUint16()

	if utf.generateCMAP() == nil {
		return nil
	}
	utf.parseLOCATable(locaFormat, numSymbols)
	return &utf8CutTables{
		tableDescriptions:    utf.tableDescriptions,
		charSymbolDictionary: utf.charSymbolDictionary,
		symbolPosition:       utf.symbolPosition,
		locaFormat:           locaFormat,
		metricsCount:         metricsCount,
		numSymbols:           numSymbols,
	}
}

// zlibWriters reuse compressors: a new zlib writer allocates and clears
// about a megabyte, and a document compresses a dozen streams.
var zlibWriters sync.Pool

// utf8Subset is what a document embeds for a UTF-8 font: the TrueType
// subset of the runes it sets, its widths and its CID-to-glyph map. Read
// only once made: documents setting the same runes in the same font share
// it.
type utf8Subset struct {
	font        []byte // the subset, compressed
	fontSize    int    // its length uncompressed (Length1)
	cidToGIDMap []byte // compressed
	widths      string // the CIDFont's /W entry
}

// maxSubsets bounds the subsets kept per font. A run of letters from one
// template sets much the same runes, so a few cover it; when the bound is
// reached the font's subsets are dropped and made again as needed.
const maxSubsets = 32

// utf8FontSubset returns the subset of font for the runes the document
// used: from the font's cache when a document set the same runes before,
// otherwise cut and compressed as upstream's putfonts did.
func utf8FontSubset(font *fontDefType) *utf8Subset {
	usedRunes := font.usedRunes
	delete(usedRunes, 0)
	shared := font.utf8File.shared
	if shared == nil {
		return makeUTF8Subset(font, usedRunes)
	}
	key := subsetKey(usedRunes)
	shared.subsetsMu.Lock()
	sub := shared.subsets[key]
	shared.subsetsMu.Unlock()
	if sub != nil {
		return sub
	}
	sub = makeUTF8Subset(font, usedRunes)
	shared.subsetsMu.Lock()
	if len(shared.subsets) >= maxSubsets {
		clear(shared.subsets)
	}
	shared.subsets[key] = sub
	shared.subsetsMu.Unlock()
	return sub
}

// subsetKey names a set of used runes. GenerateCutFont reads the values of
// usedRunes and cidFontWidths which keys above 255 have a non-zero value;
// the values are the runes set (and 0 for the first 57 keys, reserved but
// unused), so their sorted set determines both.
func subsetKey(usedRunes map[int]int) string {
	runes := make([]int, 0, len(usedRunes))
	for _, r := range usedRunes {
		runes = append(runes, r)
	}
	sort.Ints(runes)
	key := make([]byte, 0, 3*len(runes))
	for i, r := range runes {
		if i > 0 && r == runes[i-1] {
			continue
		}
		key = append(key, byte(r>>16), byte(r>>8), byte(r))
	}
	return string(key)
}

// makeUTF8Subset cuts and compresses a font's subset, as upstream's
// putfonts did inline.
func makeUTF8Subset(font *fontDefType, usedRunes map[int]int) *utf8Subset {
	stream := font.utf8File.GenerateCutFont(usedRunes)
	codeSignDictionary := font.utf8File.CodeSymbolDictionary
	delete(codeSignDictionary, 0)
	cidToGidMap := make([]byte, 256*256*2)
	for cc, glyph := range codeSignDictionary {
		cidToGidMap[cc*2] = byte(glyph >> 8)
		cidToGidMap[cc*2+1] = byte(glyph & 0xFF)
	}
	return &utf8Subset{
		font:        sliceCompress(stream),
		fontSize:    len(stream),
		cidToGIDMap: sliceCompress(cidToGidMap),
		widths:      cidFontWidths(font, font.utf8File.LastRune),
	}
}
