// Package mediatest makes photos as phones write them, for tests: a JPEG
// with an Exif segment carrying an orientation and a GPS position.
package mediatest

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

// HasMetadata reports whether data still carries an Exif segment or the
// TIFF structure of one (where the GPS IFD lives).
func HasMetadata(data []byte) bool {
	return bytes.Contains(data, []byte("Exif\x00\x00")) || bytes.Contains(data, []byte("II*\x00")) ||
		bytes.Contains(data, []byte("MM\x00*"))
}

// PhoneJPEG returns a w×h JPEG (as stored) whose Exif says orientation
// and holds a GPS position, written in byte order. The stored top-left
// corner is red, the top-right blue and the rest grey, so a test can see
// where they went.
func PhoneJPEG(tb testing.TB, w, h, orientation int, order binary.AppendByteOrder) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{128, 128, 128, 255}
			switch {
			case x < w/4 && y < h/4:
				c = color.RGBA{220, 0, 0, 255}
			case x >= w-w/4 && y < h/4:
				c = color.RGBA{0, 0, 220, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		tb.Fatal(err)
	}
	return WithExif(buf.Bytes(), ExifTIFF(orientation, order))
}

// WithExif returns the JPEG j with an APP1 Exif segment holding tiff
// right after its start marker, where cameras put it.
func WithExif(j, tiff []byte) []byte {
	seg := append([]byte("Exif\x00\x00"), tiff...)
	var b bytes.Buffer
	b.Write(j[:2])
	b.Write([]byte{0xff, 0xe1})
	b.Write(binary.BigEndian.AppendUint16(nil, uint16(2+len(seg))))
	b.Write(seg)
	b.Write(j[2:])
	return b.Bytes()
}

// ExifTIFF is the TIFF structure of an Exif segment: IFD0 with the
// orientation and a pointer to a GPS IFD holding a latitude.
func ExifTIFF(orientation int, order binary.AppendByteOrder) []byte {
	var b []byte
	if order.String() == binary.BigEndian.String() {
		b = append(b, "MM"...)
	} else {
		b = append(b, "II"...)
	}
	b = order.AppendUint16(b, 42)
	b = order.AppendUint32(b, 8)
	entry := func(b []byte, tag, typ uint16, count uint32, value []byte) []byte {
		b = order.AppendUint16(b, tag)
		b = order.AppendUint16(b, typ)
		b = order.AppendUint32(b, count)
		return append(b, append(value, make([]byte, 4-len(value))...)...)
	}
	const ifd0 = 8
	const gps = ifd0 + 2 + 2*12 + 4
	const rationals = gps + 2 + 2*12 + 4
	// IFD0: orientation, then the GPS IFD's offset.
	b = order.AppendUint16(b, 2)
	b = entry(b, 0x0112, 3, 1, order.AppendUint16(nil, uint16(orientation)))
	b = entry(b, 0x8825, 4, 1, order.AppendUint32(nil, gps))
	b = order.AppendUint32(b, 0)
	// GPS IFD: latitude reference and latitude (three rationals).
	b = order.AppendUint16(b, 2)
	b = entry(b, 0x0001, 2, 2, []byte("N\x00"))
	b = entry(b, 0x0002, 5, 3, order.AppendUint32(nil, rationals))
	b = order.AppendUint32(b, 0)
	for _, v := range []uint32{18, 1, 20, 1, 3000, 100} {
		b = order.AppendUint32(b, v)
	}
	return b
}

// HEIC is the start of an iPhone photo in HEIF: its "ftyp" box with the
// brands iPhones write, then filler where the image would be.
func HEIC() []byte {
	b := binary.BigEndian.AppendUint32(nil, 24)
	b = append(b, "ftypheic\x00\x00\x00\x00mif1heic"...)
	return append(b, make([]byte, 200)...)
}
