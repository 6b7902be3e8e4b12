package media

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"os"
	"strings"
	"testing"

	xwebp "golang.org/x/image/webp"

	"github.com/toasoan/toasoan/internal/media/mediatest"
	"github.com/toasoan/toasoan/internal/news"
)

var byteOrders = []binary.AppendByteOrder{binary.LittleEndian, binary.BigEndian}

func TestOrientationTag(t *testing.T) {
	t.Parallel()
	for _, order := range byteOrders {
		for o := 1; o <= 8; o++ {
			if got := orientation(mediatest.PhoneJPEG(t, 8, 4, o, order)); got != o {
				t.Errorf("%v orientation %d read as %d", order, o, got)
			}
		}
	}
	if got := orientation(encodeJPEG(t, 8, 4)); got != 1 {
		t.Errorf("no Exif: %d", got)
	}
}

// TestOrientationHostile feeds the parser Exif segments that lie: none
// may panic or read outside the buffer, and all mean "upright".
func TestOrientationHostile(t *testing.T) {
	t.Parallel()
	plain := encodeJPEG(t, 8, 4)
	good := mediatest.ExifTIFF(6, binary.LittleEndian)
	patch := func(at int, b ...byte) []byte {
		tiff := bytes.Clone(good)
		copy(tiff[at:], b)
		return mediatest.WithExif(plain, tiff)
	}
	tests := map[string][]byte{
		"IFD0 past the end":          patch(4, 0xff, 0xff, 0xff, 0x7f),
		"IFD0 pointing at itself":    patch(4, 0x04, 0, 0, 0),
		"huge entry count":           patch(8, 0xff, 0xff),
		"huge count, tag not there":  patch(8, 0xff, 0xff, 0x10, 0x01),
		"orientation of type LONG":   patch(10+2, 4, 0),
		"orientation count 65536":    patch(10+4, 0, 0, 1, 0),
		"orientation 9":              patch(10+8, 9, 0),
		"orientation 0":              patch(10+8, 0, 0),
		"bad byte order":             patch(0, 'I', 'M'),
		"not TIFF":                   patch(2, 43, 0),
		"segment longer than file":   append(mediatest.WithExif(plain, good)[:20:20], 0xff),
		"segment length under two":   append([]byte{0xff, 0xd8, 0xff, 0xe1, 0, 1}, plain[2:]...),
		"only fill bytes":            append([]byte{0xff, 0xd8}, bytes.Repeat([]byte{0xff}, 100)...),
		"no start marker":            mediatest.WithExif(plain, good)[2:],
		"Exif header without a TIFF": mediatest.WithExif(plain, nil),
	}
	// The IFD chain pointing back at IFD0 (a loop) is not followed at all.
	looped := bytes.Clone(good)
	binary.LittleEndian.PutUint32(looped[8+2+2*12:], 8)
	tests["next IFD looping to IFD0"] = mediatest.WithExif(plain, looped)
	full := mediatest.WithExif(plain, good)
	for n := range 60 {
		tests[fmt.Sprintf("truncated to %d bytes", n)] = full[:n]
	}
	for name, data := range tests {
		want := 1
		if name == "next IFD looping to IFD0" || name == "huge entry count" {
			want = 6 // the entries that are there are still read
		}
		if got := orientation(data); got != want {
			t.Errorf("%s: orientation %d, want %d", name, got, want)
		}
	}
}

// FuzzOrientation: whatever the bytes, a value from 1 to 8 and no panic.
func FuzzOrientation(f *testing.F) {
	plain := encodeJPEG(f, 8, 4)
	for _, order := range byteOrders {
		f.Add(mediatest.WithExif(plain, mediatest.ExifTIFF(6, order)))
	}
	f.Add([]byte("\xff\xd8\xff\xe1\x00\x08Exif\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := orientation(data); o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
	})
}

// TestUpright saves a photo in each orientation and checks the size the
// library reports and where the stored top corners land in every file
// made from it, the corners as the EXIF specification places them.
func TestUpright(t *testing.T) {
	t.Parallel()
	const w, h = 400, 200
	// Where the stored top-left (red) and top-right (blue) corners go.
	corners := map[int][2]string{
		1: {"TL", "TR"}, 2: {"TR", "TL"}, 3: {"BR", "BL"}, 4: {"BL", "BR"},
		5: {"TL", "BL"}, 6: {"TR", "BR"}, 7: {"BR", "TR"}, 8: {"BL", "TL"},
	}
	for o := 1; o <= 8; o++ {
		t.Run(fmt.Sprint(o), func(t *testing.T) {
			t.Parallel()
			lib := newLibrary(t)
			im := save(t, lib, mediatest.PhoneJPEG(t, w, h, o, binary.BigEndian))
			wantW, wantH := w, h
			if o >= 5 {
				wantW, wantH = h, w
			}
			if im.Width != wantW || im.Height != wantH {
				t.Fatalf("reported %d×%d, want %d×%d", im.Width, im.Height, wantW, wantH)
			}
			keys := []string{im.Key}
			for _, set := range []string{Srcset(im), WebPSrcset(im)} {
				for c := range strings.SplitSeq(set, ", ") {
					url, _, _ := strings.Cut(c, " ")
					keys = append(keys, strings.TrimPrefix(url, "/media/"))
				}
			}
			for _, k := range keys {
				img := openImage(t, lib, k)
				b := img.Bounds()
				if b.Dx()*wantH != b.Dy()*wantW && (b.Dx() > b.Dy()) != (wantW > wantH) {
					t.Fatalf("%s is %v, want the shape of %d×%d", k, b, wantW, wantH)
				}
				if got := corner(img, corners[o][0]); got != "red" {
					t.Errorf("%s: corner %s is %s, want red", k, corners[o][0], got)
				}
				if got := corner(img, corners[o][1]); got != "blue" {
					t.Errorf("%s: corner %s is %s, want blue", k, corners[o][1], got)
				}
			}
		})
	}
}

// openImage opens key in lib and decodes it, WebP with x/image/webp.
func openImage(t *testing.T, lib *Library, key string) image.Image {
	t.Helper()
	path, err := lib.Open(key)
	if err != nil {
		t.Fatalf("Open(%q): %v", key, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if mediatest.HasMetadata(data) {
		t.Errorf("%s carries Exif", key)
	}
	var img image.Image
	if strings.HasSuffix(key, ".webp") {
		img, err = xwebp.Decode(bytes.NewReader(data))
	} else {
		img, _, err = image.Decode(bytes.NewReader(data))
	}
	if err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	return img
}

// corner names the colour near a corner (TL, TR, BL, BR) of img.
func corner(img image.Image, which string) string {
	b := img.Bounds()
	x, y := b.Min.X+2, b.Min.Y+2
	if which[1] == 'R' {
		x = b.Max.X - 3
	}
	if which[0] == 'B' {
		y = b.Max.Y - 3
	}
	c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
	switch {
	case c.R > 160 && c.B < 80:
		return "red"
	case c.B > 160 && c.R < 80:
		return "blue"
	}
	return fmt.Sprintf("%v", c)
}

func TestHEICRefused(t *testing.T) {
	t.Parallel()
	lib := newLibrary(t)
	box := func(major string, compatible ...string) []byte {
		b := binary.BigEndian.AppendUint32(nil, uint32(16+4*len(compatible)))
		b = append(b, "ftyp"+major+"\x00\x00\x00\x00"...)
		for _, c := range compatible {
			b = append(b, c...)
		}
		return append(b, make([]byte, 64)...)
	}
	const heic = "Ảnh HEIC của iPhone chưa được hỗ trợ: hãy chuyển sang JPEG (trên iPhone: Cài đặt › Camera › Định dạng › Tương thích nhất) rồi tải lên lại"
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"iPhone HEIC", box("heic", "mif1", "heic"), heic},
		{"HEIF image", box("mif1", "heic"), heic},
		{"HEVC sequence", box("hevc", "msf1"), heic},
		{"AVIF", box("avif", "mif1", "miaf"), "Tệp không phải ảnh JPEG, PNG hoặc WebP"},
		{"MP4 video", box("isom", "mp41"), "Tệp không phải ảnh JPEG, PNG hoặc WebP"},
	}
	for _, tt := range tests {
		_, err := lib.Save(tt.data)
		if news.ErrorCode(err) != news.Invalid || news.ErrorMessage(err) != tt.want {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	if n := countFiles(t, lib.dir); n != 0 {
		t.Errorf("%d files written", n)
	}
}
