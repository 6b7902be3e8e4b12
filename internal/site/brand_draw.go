package site

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"

	"github.com/go-fonts/liberation/liberationserifbold"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// The paper's pictures for share previews and search engines, drawn in Go
// from its mark (the red square with the lines of a page, as in logo.svg)
// and its name: Facebook and Zalo show no SVG, and Google wants a raster
// publisher logo. The name is set in Liberation Serif Bold, which has
// every Vietnamese letter (the Go fonts lack ạ, ơ, ư and the rest of
// Latin Extended Additional) and is close to the masthead's serif.

// The pictures' sizes: the share picture is what Facebook and Zalo show
// large (1.91:1), the logo the largest Google takes for publisher.logo.
const (
	shareWidth, shareHeight = 1200, 630
	logoWidth, logoHeight   = 600, 60
)

// The colours of style.css.
var (
	brandRed   = color.RGBA{0xb3, 0x12, 0x1b, 0xff}
	brandWhite = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// brandFont is the parsed typeface; parsing it once is what a drawing
// would otherwise spend most on.
type brandFont struct{ font *opentype.Font }

func newBrandFont() (brandFont, error) {
	f, err := opentype.Parse(liberationserifbold.TTF)
	if err != nil {
		return brandFont{}, fmt.Errorf("brand font: %w", err)
	}
	return brandFont{font: f}, nil
}

func (b brandFont) face(size float64) (font.Face, error) {
	return opentype.NewFace(b.font, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
}

// drawShare draws the 1200×630 share picture: the mark above the name,
// centred on white, over a red band.
func (b brandFont) drawShare(name string) ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, shareWidth, shareHeight))
	draw.Draw(img, img.Bounds(), image.NewUniform(brandWhite), image.Point{}, draw.Src)
	const band = 36
	draw.Draw(img, image.Rect(0, shareHeight-band, shareWidth, shareHeight), image.NewUniform(brandRed), image.Point{}, draw.Src)

	face, lines, err := b.fit(name, shareWidth-120, 96, 44, 3)
	if err != nil {
		return nil, err
	}
	defer func() { _ = face.Close() }() // an opentype face holds nothing to free
	m := face.Metrics()
	lineHeight := (m.Ascent + m.Descent).Ceil() + 8
	const markSize, gap = 180, 40
	top := (shareHeight - band - (markSize + gap + lineHeight*len(lines))) / 2
	drawMark(img, (shareWidth-markSize)/2, top, markSize)
	y := top + markSize + gap + m.Ascent.Ceil()
	for _, line := range lines {
		w := font.MeasureString(face, line).Ceil()
		drawText(img, face, line, (shareWidth-w)/2, y)
		y += lineHeight
	}
	return encodePNG(img)
}

// drawLogo draws the 600×60 logo: the mark at the left, the name beside
// it on one line, as logo.svg lays them out.
func (b brandFont) drawLogo(name string) ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, logoWidth, logoHeight))
	draw.Draw(img, img.Bounds(), image.NewUniform(brandWhite), image.Point{}, draw.Src)
	drawMark(img, 0, 8, 44)
	face, lines, err := b.fit(name, logoWidth-58-4, 34, 16, 1)
	if err != nil {
		return nil, err
	}
	defer func() { _ = face.Close() }() // an opentype face holds nothing to free
	drawText(img, face, lines[0], 58, 30+face.Metrics().CapHeight.Ceil()/2)
	return encodePNG(img)
}

// fit finds the largest size from most down to least at which name fits
// width on at most maxLines lines, breaking between words; at the least
// size, what does not fit is cut with an ellipsis.
func (b brandFont) fit(name string, width int, most, least float64, maxLines int) (font.Face, []string, error) {
	words := strings.Fields(name)
	if len(words) == 0 {
		words = []string{" "}
	}
	for size := most; ; size -= 2 {
		face, err := b.face(max(size, least))
		if err != nil {
			return nil, nil, err
		}
		lines, ok := wrap(face, words, width, maxLines)
		if ok || size <= least {
			return face, lines, nil
		}
		if err := face.Close(); err != nil {
			return nil, nil, err
		}
	}
}

// wrap breaks words into lines of at most width pixels; ok is false when
// they need more than maxLines lines or a word is wider than a line, and
// the lines are then cut to fit.
func wrap(face font.Face, words []string, width, maxLines int) (lines []string, ok bool) {
	fits := func(s string) bool { return font.MeasureString(face, s).Ceil() <= width }
	ok = true
	for _, w := range words {
		if n := len(lines); n > 0 && fits(lines[n-1]+" "+w) {
			lines[n-1] += " " + w
			continue
		}
		if !fits(w) {
			ok = false
		}
		lines = append(lines, w)
	}
	if len(lines) > maxLines {
		ok = false
		lines[maxLines-1] = strings.Join(lines[maxLines-1:], " ")
		lines = lines[:maxLines]
	}
	for i, l := range lines {
		lines[i] = clip(face, l, width)
	}
	return lines, ok
}

// clip cuts s to width pixels, ending it with an ellipsis when it is cut.
func clip(face font.Face, s string, width int) string {
	if font.MeasureString(face, s).Ceil() <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && font.MeasureString(face, string(r)+"…").Ceil() > width {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}

func drawText(dst draw.Image, face font.Face, s string, x, baseline int) {
	d := font.Drawer{Dst: dst, Src: image.NewUniform(brandRed), Face: face, Dot: fixed.P(x, baseline)}
	d.DrawString(s)
}

// drawMark draws the mark, a size×size red square with rounded corners
// and four white lines of text, at (x, y). Its proportions are logo.svg's
// 44-unit mark.
func drawMark(dst draw.Image, x, y, size int) {
	u := float32(size) / 44
	z := vector.NewRasterizer(size, size)
	roundedRect(z, 0, 0, 44*u, 44*u, 8*u)
	z.Draw(dst, image.Rect(x, y, x+size, y+size), image.NewUniform(brandRed), image.Point{})
	z = vector.NewRasterizer(size, size)
	for _, l := range [][4]float32{{10, 10, 24, 4}, {10, 18, 15, 3}, {10, 25, 24, 3}, {10, 32, 18, 3}} {
		x0, y0, x1, y1 := l[0]*u, l[1]*u, (l[0]+l[2])*u, (l[1]+l[3])*u
		z.MoveTo(x0, y0)
		z.LineTo(x1, y0)
		z.LineTo(x1, y1)
		z.LineTo(x0, y1)
		z.ClosePath()
	}
	z.Draw(dst, image.Rect(x, y, x+size, y+size), image.NewUniform(brandWhite), image.Point{})
}

// roundedRect adds a rectangle with corners of radius r to z.
func roundedRect(z *vector.Rasterizer, x0, y0, x1, y1, r float32) {
	z.MoveTo(x0+r, y0)
	z.LineTo(x1-r, y0)
	z.QuadTo(x1, y0, x1, y0+r)
	z.LineTo(x1, y1-r)
	z.QuadTo(x1, y1, x1-r, y1)
	z.LineTo(x0+r, y1)
	z.QuadTo(x0, y1, x0, y1-r)
	z.LineTo(x0, y0+r)
	z.QuadTo(x0, y0, x0+r, y0)
	z.ClosePath()
}

func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode brand picture: %w", err)
	}
	return buf.Bytes(), nil
}
