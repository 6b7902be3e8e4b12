package media

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"

	"golang.org/x/image/draw"
)

// jpegQuality is high enough that artefacts do not show on photos viewed at
// the variant's own size; above it files grow faster than quality.
const jpegQuality = 82

// makeVariant writes the variant k to path from its original and returns
// path. Only the original's header is read until its size is known to be
// within MaxPixels and wider than the variant.
func (l *Library) makeVariant(k key, path string) (string, error) {
	// A request that found no file may get here just after another request
	// finished the same variant.
	if ok, err := exists(path); err != nil || ok {
		return path, err
	}
	data, err := l.readOriginal(k)
	if err != nil {
		return "", err
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return "", fmt.Errorf("variant %s: original: %w", k, err)
	}
	if !pixelsAllowed(cfg) {
		// Save refuses such files, so this one was put there by other means.
		return "", fmt.Errorf("variant %s: original has %d×%d pixels, over the limit", k, cfg.Width, cfg.Height)
	}
	if k.width >= cfg.Width {
		return "", errNoImage()
	}

	l.slots <- struct{}{}
	defer func() { <-l.slots }()
	if l.hooks.decode != nil {
		l.hooks.decode()
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return "", fmt.Errorf("variant %s: original: %w", k, err)
	}
	height := int((int64(cfg.Height)*int64(k.width) + int64(cfg.Width)/2) / int64(cfg.Width))
	dst := scale(src, k.width, max(height, 1), k.ext == ".jpg")

	var buf bytes.Buffer
	if k.ext == ".png" {
		err = png.Encode(&buf, dst)
	} else {
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

// readOriginal returns the bytes of the original k is made from.
func (l *Library) readOriginal(k key) ([]byte, error) {
	for _, o := range k.originals() {
		p := l.file(o)
		ok, err := exists(p)
		if err != nil {
			return nil, err
		}
		if ok {
			data, err := os.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("variant %s: %w", k, err)
			}
			return data, nil
		}
	}
	return nil, errNoImage()
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
