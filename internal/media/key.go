package media

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
)

// VariantWidths returns the widths, in pixels and ascending, of the smaller
// copies made of each photo for srcset. They cover phones (320, 640 at 2×)
// up to a desktop article column at 2× (1280); a fixed list keeps the
// number of files per photo bounded, whatever URLs clients invent.
func VariantWidths() []int { return []int{320, 640, 960, 1280} }

// MaxDisplayWidth caps the photo's full-size clean copy, the largest file a
// reader gets: wider than any screen's article column at 2×, much lighter
// than a 4000-pixel camera original.
const MaxDisplayWidth = 2048

// displayWidth is the width of the full-size clean copy of a photo w wide.
func displayWidth(w int) int { return min(w, MaxDisplayWidth) }

// widthsFor lists the widths a photo w pixels wide (upright) is made at:
// the variants narrower than it, then its full-size copy. A few files per
// photo at most, whatever URLs clients invent.
func widthsFor(w int) []int {
	var ws []int
	for _, v := range VariantWidths() {
		if v < w {
			ws = append(ws, v)
		}
	}
	return append(ws, displayWidth(w))
}

// keyPattern is the only shape a key may have, so a key from a URL can never
// name a file outside the folder: a content hash, an optional "-w<width>"
// for a variant, an extension. Widths have no leading zero, so each variant
// has exactly one key; which widths exist depends on the photo (widthsFor).
var keyPattern = regexp.MustCompile(`^([0-9a-f]{2}/[0-9a-f]{32})(?:-w([1-9][0-9]{0,4}))?\.(jpg|png|webp)$`)

// key is a parsed key: base is "ab/<hash>", width is 0 for an original.
type key struct {
	base  string
	width int
	ext   string // with the dot
}

func parseKey(s string) (key, bool) {
	m := keyPattern.FindStringSubmatch(s)
	if m == nil {
		return key{}, false
	}
	k := key{base: m[1], ext: "." + m[3]}
	if m[2] != "" {
		k.width, _ = strconv.Atoi(m[2]) // at most five digits: cannot fail
	}
	return k, true
}

func (k key) String() string {
	if k.width == 0 {
		return k.base + k.ext
	}
	return k.base + "-w" + strconv.Itoa(k.width) + k.ext
}

// variantExt is the extension of an original's fallback variants, beside
// the WebP ones: PNG stays PNG to keep transparency and sharp edges of
// graphics; JPEG and WebP become JPEG, which every browser and every image
// tool reads.
func variantExt(originalExt string) string {
	if originalExt == ".png" {
		return ".png"
	}
	return ".jpg"
}

// originals lists the keys whose file a variant is made from. A ".jpg"
// variant may come from a JPEG or a WebP original, a ".webp" one from any;
// the content hash makes it one of them, never two.
func (k key) originals() []key {
	switch k.ext {
	case ".png":
		return []key{{base: k.base, ext: ".png"}}
	case ".jpg":
		return []key{{base: k.base, ext: ".jpg"}, {base: k.base, ext: ".webp"}}
	}
	return []key{{base: k.base, ext: ".jpg"}, {base: k.base, ext: ".png"}, {base: k.base, ext: ".webp"}}
}

// clean is the key of the full-size clean copy served at an original's own
// address, in the original's format so the address's extension stays
// true: a photo w pixels wide (upright).
func (k key) clean(w int) key { return key{base: k.base, width: displayWidth(w), ext: k.ext} }

// withExt is k in another format.
func (k key) withExt(ext string) key { k.ext = ext; return k }

// URL returns the address the web layer serves key under.
func URL(key string) string { return "/media/" + key }

// Srcset returns the srcset attribute of im's JPEG (or PNG) variants,
// up to its full-size clean copy; never the original, which keeps the
// camera's metadata. It returns "" when im has no key we can name variants
// for or no known width, so the template falls back to src alone.
func Srcset(im news.Image) string { return srcset(im, "") }

// WebPSrcset is Srcset for the WebP variants.
func WebPSrcset(im news.Image) string { return srcset(im, ".webp") }

// srcset lists im's variants with extension ext, or the fallback
// extension when ext is "".
func srcset(im news.Image, ext string) string {
	k, ok := parseKey(im.Key)
	if !ok || k.width != 0 || im.Width <= 0 {
		return ""
	}
	if ext == "" {
		ext = variantExt(k.ext)
	}
	var b strings.Builder
	for i, w := range widthsFor(im.Width) {
		if i > 0 {
			b.WriteString(", ")
		}
		v := key{base: k.base, width: w, ext: ext}
		b.WriteString(URL(v.String()) + " " + strconv.Itoa(w) + "w")
	}
	return b.String()
}
