package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
	"time"
)

// brandDesign names the drawing of brand_draw.go: changing the drawing
// changes it, and so the pictures' addresses, which are kept for ever.
const brandDesign = "1"

// brandPrefix is where the paper's pictures are served: its share picture
// at "anh-{hash}.png" and its logo at "logo-{hash}.png", the hash being of
// the paper's name and the drawing. A new name is a new address, so
// Facebook and Zalo, which keep a picture by its address, fetch the new
// one; pages depend on the site's settings and change with it.
const brandPrefix = "/chia-se/"

// brandPaths are the addresses of the paper's pictures, for a name.
type brandPaths struct{ Share, Logo string }

func brandPathsFor(name string) brandPaths {
	h := brandHash(name)
	return brandPaths{Share: brandPrefix + "anh-" + h + ".png", Logo: brandPrefix + "logo-" + h + ".png"}
}

func brandHash(name string) string {
	sum := sha256.Sum256([]byte(brandDesign + "\x00" + name))
	return hex.EncodeToString(sum[:6])
}

// brandImages keeps the pictures of the paper's current name in memory:
// drawn on the first request for them, drawn again after the name
// changes. A paper has one name at a time, so one pair is kept.
type brandImages struct {
	mu          sync.Mutex
	font        brandFont
	name        string
	share, logo []byte
}

func newBrandImages() (*brandImages, error) {
	f, err := newBrandFont()
	if err != nil {
		return nil, err
	}
	return &brandImages{font: f}, nil
}

// get returns the pictures for name, drawing them when they are not the
// ones kept. Requests that arrive during the drawing wait for it rather
// than draw the same pictures again.
func (b *brandImages) get(name string) (share, logo []byte, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.share != nil && b.name == name {
		return b.share, b.logo, nil
	}
	if share, err = b.font.drawShare(name); err != nil {
		return nil, nil, err
	}
	if logo, err = b.font.drawLogo(name); err != nil {
		return nil, nil, err
	}
	b.name, b.share, b.logo = name, share, logo
	return share, logo, nil
}

// serveBrand answers "/chia-se/anh-{hash}.png" and "/chia-se/logo-{hash}.png".
// The current name's pictures are kept for a year; an address of an
// earlier name answers the current picture, briefly kept, rather than
// leave an old share without a picture.
func (s *Server) serveBrand(w http.ResponseWriter, r *http.Request) error {
	file := r.PathValue("file")
	kind, hash, ok := strings.Cut(strings.TrimSuffix(file, ".png"), "-")
	if !ok || !strings.HasSuffix(file, ".png") || (kind != "anh" && kind != "logo") || len(hash) != 12 {
		return errNoPage
	}
	site, err := s.store.Site(r.Context())
	if err != nil {
		return err
	}
	share, logo, err := s.brand.get(site.Name)
	if err != nil {
		return err
	}
	body := share
	if kind == "logo" {
		body = logo
	}
	current := brandHash(site.Name)
	h := w.Header()
	h.Set("Content-Type", "image/png")
	h.Set("ETag", `"`+kind+"-"+current+`"`)
	h.Set("Cache-Control", "public, max-age=300")
	if hash == current {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	return nil
}

// paperImage is the paper's share picture, for pages without a photo.
func (l Layout) paperImage() sharedImage {
	return sharedImage{URL: l.absolute(brandPathsFor(l.Site.Name).Share), Width: shareWidth, Height: shareHeight, Alt: l.Site.Name}
}

// publisherLogo is the paper's logo as schema.org's publisher.logo.
func (l Layout) publisherLogo() jsonLD {
	return jsonLD{"@type": "ImageObject", "url": l.absolute(brandPathsFor(l.Site.Name).Logo), "width": logoWidth, "height": logoHeight}
}
