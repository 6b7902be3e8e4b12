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

// keyPattern is the only shape a key may have, so a key from a URL can never
// name a file outside the folder: a content hash, an optional "-w<width>"
// for a variant, an extension. Widths have no leading zero, so each variant
// has exactly one key.
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
		if k.ext == ".webp" {
			return key{}, false // variants are never WebP, see variantExt
		}
	}
	return k, true
}

func (k key) String() string {
	if k.width == 0 {
		return k.base + k.ext
	}
	return k.base + "-w" + strconv.Itoa(k.width) + k.ext
}

// variantExt is the extension of an original's variants: PNG stays PNG to
// keep transparency and sharp edges of graphics; JPEG and WebP become JPEG,
// which every browser and every image tool reads.
func variantExt(originalExt string) string {
	if originalExt == ".png" {
		return ".png"
	}
	return ".jpg"
}

// originals lists the keys whose file a variant is made from. A ".jpg"
// variant may come from a JPEG or a WebP original; the content hash makes
// it one or the other, never both.
func (k key) originals() []key {
	if k.ext == ".png" {
		return []key{{base: k.base, ext: ".png"}}
	}
	return []key{{base: k.base, ext: ".jpg"}, {base: k.base, ext: ".webp"}}
}

// URL returns the address the web layer serves key under.
func URL(key string) string { return "/media/" + key }

// Srcset returns the srcset attribute for im: its variants narrower than
// itself, then the original with its own width. It returns "" when im has
// no key we can name variants for or no known width, so the template falls
// back to src alone.
func Srcset(im news.Image) string {
	k, ok := parseKey(im.Key)
	if !ok || k.width != 0 || im.Width <= 0 {
		return ""
	}
	var b strings.Builder
	for _, w := range VariantWidths() {
		if w >= im.Width {
			break
		}
		v := key{base: k.base, width: w, ext: variantExt(k.ext)}
		b.WriteString(URL(v.String()) + " " + strconv.Itoa(w) + "w, ")
	}
	b.WriteString(URL(im.Key) + " " + strconv.Itoa(im.Width) + "w")
	return b.String()
}
