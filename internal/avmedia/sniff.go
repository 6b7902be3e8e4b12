package avmedia

import (
	"bytes"
	"net/http"
	"strings"
)

// SniffLen is how many leading bytes Sniff needs.
const SniffLen = 64

// Sniff names the container a file's first bytes show, by content and
// never by name or declared type, with the extension the inbox copy
// gets: ".mp4" for MP4, MOV and M4A (an "ftyp", "moov", "mdat", "wide"
// or "free" box first), ".webm" (EBML's magic), ".mp3" (an ID3 tag or
// an MPEG audio frame's sync), ".wav" (RIFF…WAVE). ok is false for
// anything else, photos included.
func Sniff(head []byte) (ext string, ok bool) {
	if len(head) >= 8 {
		switch string(head[4:8]) {
		case "ftyp":
			// HEIC and AVIF photos are ISO boxes too: the photo library
			// refuses them with its how-to, not ffprobe.
			if len(head) >= 12 && photoBrands[string(head[8:12])] {
				return "", false
			}
			return ".mp4", true
		case "moov", "mdat", "wide", "free":
			return ".mp4", true
		}
	}
	switch {
	case bytes.HasPrefix(head, []byte{0x1A, 0x45, 0xDF, 0xA3}):
		return ".webm", true
	case bytes.HasPrefix(head, []byte("ID3")):
		return ".mp3", true
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WAVE":
		return ".wav", true
	case len(head) >= 2 && head[0] == 0xFF && head[1]&0xE0 == 0xE0 && head[1]&0x06 != 0:
		// An MPEG audio frame: eleven sync bits and a layer that is not
		// the reserved 00 (which also tells it from a JPEG's FF D8).
		return ".mp3", true
	}
	return "", false
}

// photoBrands are the ISO file brands of still pictures (HEIF, AVIF).
var photoBrands = map[string]bool{"heic": true, "heix": true, "heim": true, "heis": true, "hevc": true, "hevx": true,
	"hevm": true, "hevs": true, "mif1": true, "msf1": true, "avif": true, "avis": true}

// MaybePhoto reports whether a file that Sniff did not take may be a
// photo, for a refusal that names everything taken in when it is not.
func MaybePhoto(head []byte) bool {
	if len(head) >= 8 && string(head[4:8]) == "ftyp" {
		return true
	}
	return strings.HasPrefix(http.DetectContentType(head), "image/")
}
