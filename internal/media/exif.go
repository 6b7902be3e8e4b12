package media

import "encoding/binary"

// orientation returns the EXIF orientation (1 to 8) of a JPEG: how its
// stored pixels must be turned to stand upright, as phones record it
// instead of rotating the pixels. It is 1 when the file has none or the
// data is malformed: the bytes are the uploader's, so every offset and
// count is checked against the buffer before use, and only IFD0 is read
// (no offsets are followed from it, so a looping IFD chain costs nothing).
func orientation(data []byte) int {
	tiff := exifTIFF(data)
	if len(tiff) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	if order.Uint16(tiff[2:]) != 42 {
		return 1
	}
	ifd := uint64(order.Uint32(tiff[4:]))
	if ifd+2 > uint64(len(tiff)) {
		return 1
	}
	count := uint64(order.Uint16(tiff[ifd:]))
	for i := range count {
		entry := ifd + 2 + 12*i
		if entry+12 > uint64(len(tiff)) {
			return 1 // a count larger than the segment: truncated or forged
		}
		e := tiff[entry : entry+12]
		// Tag 0x0112, type SHORT, one value: stored in the entry itself.
		if order.Uint16(e) != 0x0112 {
			continue
		}
		if order.Uint16(e[2:]) != 3 || order.Uint32(e[4:]) != 1 {
			return 1
		}
		if o := int(order.Uint16(e[8:])); o >= 1 && o <= 8 {
			return o
		}
		return 1
	}
	return 1
}

// exifTIFF returns the TIFF structure of a JPEG's Exif APP1 segment, or
// nil. It walks the markers before the image data; the Exif segment comes
// first or second in practice, but nothing here relies on that.
func exifTIFF(data []byte) []byte {
	if len(data) < 4 || data[0] != 0xff || data[1] != 0xd8 {
		return nil
	}
	for p := 2; p+4 <= len(data); {
		if data[p] != 0xff {
			return nil
		}
		marker := data[p+1]
		if marker == 0xff { // fill byte before a marker
			p++
			continue
		}
		if marker == 0xda || marker == 0xd9 { // image data or end: no Exif before it
			return nil
		}
		if marker == 0x01 || marker >= 0xd0 && marker <= 0xd7 { // markers without a length
			p += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(data[p+2:]))
		if n < 2 || p+2+n > len(data) {
			return nil
		}
		seg := data[p+4 : p+2+n]
		if marker == 0xe1 && len(seg) >= 6 && string(seg[:6]) == "Exif\x00\x00" {
			return seg[6:]
		}
		p += 2 + n
	}
	return nil
}
