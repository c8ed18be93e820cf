package documents

import (
	"bytes"
	"crypto/sha256"
	"image"
	"image/color"
	"image/draw"
	_ "image/jpeg" // logos and signatures may be JPEG
	"image/png"
	"sync"

	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
)

// Images of a letter (the company's logo and signature) are normalised
// once per process: the PDF writer refuses interlaced and 16-bit PNGs, and
// re-compresses a PNG with transparency on every document. A PNG is
// flattened on white and re-encoded as a plain 8-bit PNG, which the writer
// then copies as it is; a JPEG is kept.

// pdfImage is an image ready for the PDF writer.
type pdfImage struct {
	data          []byte
	ext           extension.Type
	width, height int // pixels
}

// imageCache remembers the normalised images by content: a letter run
// prints the same logo a thousand times. It holds a handful of entries.
type imageCache struct {
	mu    sync.Mutex
	items map[[32]byte]pdfImage
}

// imageCacheSize bounds the cache: a company has a logo and a signature.
const imageCacheSize = 8

var letterImages = &imageCache{items: map[[32]byte]pdfImage{}}

// get returns img ready for the PDF writer; ok is false when it cannot be
// read (the letter is then printed without it).
func (c *imageCache) get(img []byte) (pdfImage, bool) {
	key := sha256.Sum256(img)
	c.mu.Lock()
	out, ok := c.items[key]
	c.mu.Unlock()
	if ok {
		return out, true
	}
	out, ok = normaliseImage(img)
	if !ok {
		return out, false
	}
	c.mu.Lock()
	if len(c.items) >= imageCacheSize {
		clear(c.items)
	}
	c.items[key] = out
	c.mu.Unlock()
	return out, true
}

// normaliseImage decodes a PNG or JPEG and returns what the PDF writer
// takes best.
func normaliseImage(b []byte) (pdfImage, bool) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width == 0 || cfg.Height == 0 {
		return pdfImage{}, false
	}
	if format == "jpeg" {
		return pdfImage{data: b, ext: extension.Jpg, width: cfg.Width, height: cfg.Height}, true
	}
	src, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return pdfImage{}, false
	}
	bounds := src.Bounds()
	flat := image.NewRGBA(image.Rect(0, 0, bounds.Dx(), bounds.Dy()))
	draw.Draw(flat, flat.Bounds(), &image.Uniform{C: color.White}, image.Point{}, draw.Src)
	draw.Draw(flat, flat.Bounds(), src, bounds.Min, draw.Over)
	opaque := image.NewNRGBA(flat.Bounds()) // fully opaque: encoded as RGB without alpha
	copy(opaque.Pix, flat.Pix)
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, opaque); err != nil {
		return pdfImage{}, false
	}
	return pdfImage{data: buf.Bytes(), ext: extension.Png, width: cfg.Width, height: cfg.Height}, true
}
