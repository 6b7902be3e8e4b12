package media

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"slices"

	"github.com/gen2brain/webp"
	"golang.org/x/image/draw"
)

// jpegQuality is high enough that artefacts do not show on photos viewed at
// the variant's own size; above it files grow faster than quality.
const jpegQuality = 82

// webpQuality gives WebP files about a third smaller than the JPEG
// variants at a similar look.
const webpQuality = 78

// makeVariant writes the variant k to path from its original and returns
// path. Only the original's header is read until its size is known to be
// within MaxPixels and k's width one the photo is made at. Every file made
// here is decoded pixels encoded afresh, so none of the original's
// metadata (Exif, GPS, XMP, comments) reaches a reader.
func (l *Library) makeVariant(k key, path string) (string, error) {
	// A request that found no file may get here just after another request
	// finished the same variant.
	if ok, err := exists(path); err != nil || ok {
		return path, err
	}
	data, mime, err := l.readOriginal(k)
	if err != nil {
		return "", err
	}
	h, err := readHeader(data, mime)
	if err != nil {
		return "", fmt.Errorf("variant %s: original: %w", k, err)
	}
	if !pixelsAllowed(image.Config{Width: h.width, Height: h.height}) {
		// Save refuses such files, so this one was put there by other means.
		return "", fmt.Errorf("variant %s: original has %d×%d pixels, over the limit", k, h.width, h.height)
	}
	uw, uh := h.uprightSize()
	// Rows recorded before orientation was applied hold the stored width,
	// and their pages name widths from it: those stay makeable too.
	if !slices.Contains(widthsFor(uw), k.width) && !slices.Contains(widthsFor(h.width), k.width) {
		return "", errNoImage()
	}

	l.slots <- struct{}{}
	defer func() { <-l.slots }()
	if l.hooks.decode != nil {
		l.hooks.decode()
	}
	src, err := decode(data, h)
	if err != nil {
		return "", fmt.Errorf("variant %s: original: %w", k, err)
	}
	height := max(int((int64(uh)*int64(k.width)+int64(uw)/2)/int64(uw)), 1)
	// Scale the stored pixels, then turn the small result upright.
	sw, sh := upright(k.width, height, h.orientation)
	dst := orient(scale(src, sw, sh, k.ext == ".jpg"), h.orientation)

	var buf bytes.Buffer
	switch k.ext {
	case ".png":
		err = png.Encode(&buf, dst)
	case ".webp":
		err = webp.Encode(&buf, unpremultiply(dst), webp.Options{Quality: webpQuality})
	default:
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: jpegQuality})
	}
	if err != nil {
		return "", fmt.Errorf("variant %s: %w", k, err)
	}
	if err := writeFileAtomic(path, buf.Bytes()); err != nil {
		return "", err
	}
	return path, nil
}

// readOriginal returns the bytes and type of the original k is made from.
func (l *Library) readOriginal(k key) ([]byte, string, error) {
	for _, o := range k.originals() {
		p := l.file(o)
		ok, err := exists(p)
		if err != nil {
			return nil, "", err
		}
		if ok {
			data, err := os.ReadFile(p)
			if err != nil {
				return nil, "", fmt.Errorf("variant %s: %w", k, err)
			}
			return data, mimeOf(o.ext), nil
		}
	}
	return nil, "", errNoImage()
}

// scale returns src resized to w×h. It uses Catmull-Rom rather than
// bilinear: a variant is made once and served for ever, so the sharper
// result is worth the roughly doubled resize time. With flatten, transparent
// parts (a WebP logo turned into JPEG) come out white instead of black.
func scale(src image.Image, w, h int, flatten bool) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	op := draw.Src
	if flatten {
		draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
		op = draw.Over // becomes Src inside Scale when src is opaque
	}
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), op, nil)
	return dst
}

// unpremultiply returns m with straight alpha, which the WebP encoder
// takes its pixel bytes as; an opaque m is the same either way.
func unpremultiply(m *image.RGBA) image.Image {
	if m.Opaque() {
		return m
	}
	n := image.NewNRGBA(m.Bounds())
	draw.Draw(n, n.Bounds(), m, m.Bounds().Min, draw.Src)
	return n
}
