package media

import (
	"bytes"
	"encoding/binary"
	"image/color"
	"testing"

	"golang.org/x/image/webp"
)

// webpLossless returns a valid lossless (VP8L) WebP of w×h pixels, all c.
// Each of the five prefix codes is a "simple code" with one symbol, so every
// pixel costs zero bits: the file is ~30 bytes at any size, which also makes
// it a real decompression bomb when w×h is large. Layout from the WebP
// lossless bitstream specification in RFC 9649.
func webpLossless(w, h int, c color.NRGBA) []byte {
	var bw bitWriter
	bw.write(0x2f, 8) // VP8L signature
	bw.write(uint32(w-1), 14)
	bw.write(uint32(h-1), 14)
	alpha := uint32(0)
	if c.A != 0xff {
		alpha = 1
	}
	bw.write(alpha, 1) // alpha_is_used hint
	bw.write(0, 3)     // version
	bw.write(0, 1)     // no transform
	bw.write(0, 1)     // no color cache
	bw.write(0, 1)     // no meta prefix codes
	// The codes in stream order: green, red, blue, alpha, distance.
	for _, sym := range []uint8{c.G, c.R, c.B, c.A, 0} {
		bw.write(1, 1) // simple code
		bw.write(0, 1) // one symbol
		if sym < 2 {
			bw.write(0, 1)
			bw.write(uint32(sym), 1)
		} else {
			bw.write(1, 1)
			bw.write(uint32(sym), 8)
		}
	}
	chunk := bw.bytes()

	var b bytes.Buffer
	pad := len(chunk) % 2
	b.WriteString("RIFF")
	b.Write(binary.LittleEndian.AppendUint32(nil, uint32(4+8+len(chunk)+pad)))
	b.WriteString("WEBPVP8L")
	b.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(chunk))))
	b.Write(chunk)
	if pad == 1 {
		b.WriteByte(0)
	}
	return b.Bytes()
}

// bitWriter packs values least significant bit first, as VP8L reads them.
type bitWriter struct {
	buf  []byte
	acc  uint64
	nacc uint
}

func (bw *bitWriter) write(v uint32, n uint) {
	bw.acc |= uint64(v) << bw.nacc
	bw.nacc += n
	for bw.nacc >= 8 {
		bw.buf = append(bw.buf, byte(bw.acc))
		bw.acc >>= 8
		bw.nacc -= 8
	}
}

func (bw *bitWriter) bytes() []byte {
	if bw.nacc > 0 {
		return append(bw.buf, byte(bw.acc))
	}
	return bw.buf
}

// TestWebPHelper checks the test's own encoder against x/image/webp, so the
// WebP tests below stand on a file we know to be valid.
func TestWebPHelper(t *testing.T) {
	t.Parallel()
	tests := []struct {
		w, h int
		c    color.NRGBA
	}{
		{1, 1, color.NRGBA{0xff, 0, 0, 0xff}},
		{3, 2, color.NRGBA{0x12, 0x34, 0x56, 0xff}},
		{17, 5, color.NRGBA{0, 1, 0xfe, 0x80}},
	}
	for _, tt := range tests {
		data := webpLossless(tt.w, tt.h, tt.c)
		img, err := webp.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%d×%d: %v", tt.w, tt.h, err)
		}
		if b := img.Bounds(); b.Dx() != tt.w || b.Dy() != tt.h {
			t.Fatalf("%d×%d decoded as %v", tt.w, tt.h, b)
		}
		for _, p := range [][2]int{{0, 0}, {tt.w - 1, tt.h - 1}} {
			if got := color.NRGBAModel.Convert(img.At(p[0], p[1])); got != tt.c {
				t.Errorf("%d×%d pixel %v = %v, want %v", tt.w, tt.h, p, got, tt.c)
			}
		}
	}
}

func TestSaveWebP(t *testing.T) {
	t.Parallel()
	lib, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data := webpLossless(3, 2, color.NRGBA{1, 2, 3, 0xff})
	im, err := lib.Save(data)
	if err != nil {
		t.Fatal(err)
	}
	if im.MIME != "image/webp" || im.Width != 3 || im.Height != 2 || im.Bytes != int64(len(data)) {
		t.Fatalf("saved %+v", im)
	}
	path, err := lib.Open(im.Key)
	if err != nil || !bytes.HasSuffix([]byte(path), []byte(".webp")) {
		t.Fatalf("Open(%q) = %q, %v", im.Key, path, err)
	}
}
