package site

import (
	"context"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
)

// sharedImage is the picture a page offers share previews and search
// engines: its absolute address, size and the words for who cannot see it.
type sharedImage struct {
	URL           string
	Width, Height int
	Alt           string
}

// previewWidth is the width share previews show large: Facebook asks for
// 1200 pixels, and the widest variant the library makes is 1280.
const previewWidth = 1280

// sharePhoto is the address of the copy of im that previews fetch, with
// its size: the 1280-wide variant of a wider photo, the photo itself
// otherwise; a WebP photo, which not every preview shows, as its widest
// JPEG variant when it has one. This is the one place the choice is made.
func sharePhoto(im news.Image) (key string, width, height int) {
	dot := strings.LastIndexByte(im.Key, '.')
	if dot < 0 || im.Width <= 0 || im.Height <= 0 {
		return im.Key, im.Width, im.Height
	}
	base, ext := im.Key[:dot], im.Key[dot:]
	if im.Width <= previewWidth && ext != ".webp" {
		return im.Key, im.Width, im.Height
	}
	w := 0
	for _, v := range media.VariantWidths() {
		if v < im.Width && v <= previewWidth {
			w = v
		}
	}
	if w == 0 {
		return im.Key, im.Width, im.Height
	}
	variantExt := ".jpg" // the library's variants of JPEG and WebP photos
	if ext == ".png" {
		variantExt = ".png"
	}
	// The height as the library rounds it when it makes the variant.
	h := int((int64(im.Height)*int64(w) + int64(im.Width)/2) / int64(im.Width))
	return base + "-w" + strconv.Itoa(w) + variantExt, w, max(h, 1)
}

// photoImage is im as a page's picture; alt stands in when the photo has
// no words of its own.
func (l Layout) photoImage(im news.Image, alt string) sharedImage {
	key, w, h := sharePhoto(im)
	for _, a := range []string{im.Alt, im.Caption} {
		if a != "" {
			alt = a
			break
		}
	}
	return sharedImage{URL: l.absolute(media.URL(key)), Width: w, Height: h, Alt: alt}
}

// imageOf is the picture of a story or page: its cover, else the first
// photo of its body, else the paper's share picture. A body photo the
// library no longer has is passed over.
func (s *Server) imageOf(ctx context.Context, l Layout, cover *news.Image, body, alt string) sharedImage {
	if cover != nil {
		return l.photoImage(*cover, alt)
	}
	for _, id := range news.BodyImageIDs(body) {
		if im, err := s.store.Image(ctx, id); err == nil {
			return l.photoImage(im, alt)
		}
	}
	return l.paperImage()
}

// imageObject is a page's picture as schema.org's ImageObject.
func (im sharedImage) imageObject() jsonLD {
	return jsonLD{"@type": "ImageObject", "url": im.URL, "width": im.Width, "height": im.Height}
}

// websitePreview is the share preview of a page that is not a story: the
// paper's share picture unless image says otherwise.
func (l Layout) websitePreview(title, description, url string) *openGraph {
	return &openGraph{Type: "website", Title: title, Description: description, URL: url, Image: l.paperImage()}
}
