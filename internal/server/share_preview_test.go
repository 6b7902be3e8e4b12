package server_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	_ "image/png" // the share picture and the logo are PNG
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/richtext"
)

// preview is what a page's head offers share previews.
type preview struct {
	ogType, image, width, height, alt, robots string
}

func readPreview(doc *goquery.Document) preview {
	meta := func(prop string) string { return doc.Find(`meta[property="`+prop+`"]`).AttrOr("content", "") }
	return preview{ogType: meta("og:type"), image: meta("og:image"), width: meta("og:image:width"), height: meta("og:image:height"),
		alt: meta("og:image:alt"), robots: doc.Find(`meta[name="robots"]`).AttrOr("content", "")}
}

// fetchPicture gets a picture and decodes it, failing unless it answers
// 200 with a PNG or JPEG of the stated size.
func fetchPicture(t *testing.T, url, width, height string) (image.Image, *http.Response) {
	t.Helper()
	resp, body := fetchBody(t, url, "", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s answers %d", url, resp.StatusCode)
	}
	img, format, err := image.Decode(bytes.NewReader(body))
	if err != nil || (format != "png" && format != "jpeg") {
		t.Fatalf("%s: %q, %v; want a PNG or JPEG", url, format, err)
	}
	if got := fmt.Sprintf("%dx%d", img.Bounds().Dx(), img.Bounds().Dy()); got != width+"x"+height {
		t.Errorf("%s is %s, the page says %sx%s", url, got, width, height)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "image/"+format {
		t.Errorf("%s: Content-Type %q for a %s", url, ct, format)
	}
	return img, resp
}

// TestSharePreviewOfStories: a story without any photo offers the paper's
// share picture, which answers as a PNG of its stated size, in its Open
// Graph tags and its NewsArticle; a story with only a photo in its body
// offers that photo, and a story with a wide cover the cover's 1280-wide
// JPEG copy.
func TestSharePreviewOfStories(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		ctx := context.Background()
		create := func(slug string, a news.Article) news.Article {
			t.Helper()
			a.Slug, a.Title, a.Lead = slug, "Bài "+slug, "Tin "+slug
			a.SectionID, a.Status, a.PublishedAt = w.section.ID, news.Published, testNow.Add(-time.Hour)
			a, err := w.store.CreateArticle(ctx, news.System(), a)
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
		check := func(a news.Article, wantImage, wantAlt string) {
			t.Helper()
			_, doc := get(t, w.url, a.Path())
			p := readPreview(doc)
			if p.image != wantImage || p.alt != wantAlt || p.robots != "max-image-preview:large" {
				t.Errorf("%s: og:image %q alt %q robots %q; want %q %q", a.Slug, p.image, p.alt, p.robots, wantImage, wantAlt)
			}
			fetchPicture(t, p.image, p.width, p.height)
			images, _ := graphs(t, doc)["NewsArticle"]["image"].([]any)
			if len(images) != 1 {
				t.Fatalf("%s: NewsArticle image %v", a.Slug, images)
			}
			im := images[0].(map[string]any)
			if im["url"] != p.image || fmt.Sprint(im["width"]) != p.width || fmt.Sprint(im["height"]) != p.height {
				t.Errorf("%s: NewsArticle image %v, Open Graph %q %sx%s", a.Slug, im, p.image, p.width, p.height)
			}
		}

		bare := create("khong-anh", news.Article{Body: "<p>Tin không có ảnh.</p>"})
		_, doc := get(t, w.url, "/")
		share := readPreview(doc).image
		if !strings.HasPrefix(share, w.url+"/chia-se/anh-") || !strings.HasSuffix(share, ".png") {
			t.Fatalf("the home page's picture %q is not the paper's share picture", share)
		}
		check(bare, share, "Báo Hà Tĩnh")

		photo, err := w.store.Image(ctx, w.articles[0].CoverImageID)
		if err != nil {
			t.Fatal(err)
		}
		body := richtext.NewPolicy().Body(fmt.Sprintf(`<p>Mở đầu.</p><figure data-image-id="%d"><img src="/media/%s" alt="Con đường bê tông" width="%d" height="%d"></figure>`,
			photo.ID, photo.Key, photo.Width, photo.Height))
		check(create("anh-trong-bai", news.Article{Body: body}), w.url+"/media/"+photo.Key, "Con đường bê tông")

		wide := storeJPEG(t, w, 1600, 900)
		_, doc = get(t, w.url, create("anh-rong", news.Article{CoverImageID: wide.ID}).Path())
		p := readPreview(doc)
		if want := w.url + "/media/" + strings.TrimSuffix(wide.Key, ".jpg") + "-w1280.jpg"; p.image != want || p.width != "1280" || p.height != "720" {
			t.Errorf("wide cover: %q %sx%s, want %s 1280x720", p.image, p.width, p.height, want)
		}
		fetchPicture(t, p.image, p.width, p.height)
	})
}

// storeJPEG saves a width×height JPEG in the paper's library.
func storeJPEG(t *testing.T, w site, width, height int) news.Image {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	for x := range width {
		img.Set(x, x%height, color.RGBA{30, 90, 200, 255})
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	im, err := w.media.Save(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if im, err = w.store.CreateImage(context.Background(), news.System(), im); err != nil {
		t.Fatal(err)
	}
	return im
}

// TestSharePreviewOfLists: the home page, a section, a tag and an author
// have a picture with its size and words, and may be shown large; the
// tag's page is a CollectionPage of its stories, the author's a
// ProfilePage about them with their portrait; search, which is not
// indexed, stays so.
func TestSharePreviewOfLists(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		ctx := context.Background()
		portrait, err := w.store.Image(ctx, w.articles[0].CoverImageID)
		if err != nil {
			t.Fatal(err)
		}
		au, err := w.store.CreateAuthor(ctx, news.System(), news.Author{Slug: "minh-duc", Name: "Minh Đức", PhotoImageID: portrait.ID})
		if err != nil {
			t.Fatal(err)
		}
		tag := w.articles[0].Tags[0]
		tests := []struct {
			name, path, ogType string
			photo              bool // the page's own photo, not the paper's picture
		}{
			{"home", "/", "website", false},
			{"section", w.section.Path(), "website", false},
			{"section day", w.section.Path() + "?ngay=2026-11-28", "website", false},
			{"tag", tag.Path(), "website", false},
			{"author without portrait", w.author.Path(), "profile", false},
			{"author with portrait", au.Path(), "profile", true},
			{"weather", "/thoi-tiet", "website", false},
		}
		for _, tt := range tests {
			_, doc := get(t, w.url, tt.path)
			p := readPreview(doc)
			if p.ogType != tt.ogType || p.image == "" || p.alt == "" || p.robots != "max-image-preview:large" {
				t.Errorf("%s: %+v", tt.name, p)
				continue
			}
			if isPhoto := strings.HasPrefix(p.image, w.url+"/media/"); isPhoto != tt.photo {
				t.Errorf("%s: picture %q", tt.name, p.image)
			}
			fetchPicture(t, p.image, p.width, p.height)
		}

		_, doc := get(t, w.url, tag.Path())
		g := graphs(t, doc)
		collection := g["CollectionPage"]
		items, _ := collection["mainEntity"].(map[string]any)["itemListElement"].([]any)
		if collection["url"] != w.url+tag.Path() || len(items) != len(w.articles) || collection["image"] == nil ||
			items[0].(map[string]any)["url"] != w.url+w.articles[len(w.articles)-1].Path() {
			t.Errorf("tag CollectionPage %v", collection)
		}
		if crumbs := g["BreadcrumbList"]["itemListElement"].([]any); len(crumbs) != 2 || crumbs[1].(map[string]any)["name"] != "Chủ đề: Giao thông" {
			t.Errorf("tag breadcrumb %v", crumbs)
		}

		_, doc = get(t, w.url, w.author.Path())
		person := graphs(t, doc)["ProfilePage"]["mainEntity"].(map[string]any)
		if person["@type"] != "Person" || person["name"] != "Thu Hà" || person["description"] != "Phóng viên mảng thời sự." ||
			person["url"] != w.url+w.author.Path() || person["image"] != nil {
			t.Errorf("author ProfilePage's person %v", person)
		}
		_, doc = get(t, w.url, au.Path())
		person = graphs(t, doc)["ProfilePage"]["mainEntity"].(map[string]any)
		if im, _ := person["image"].(map[string]any); im == nil || im["url"] != w.url+"/media/"+portrait.Key {
			t.Errorf("the portrait is not the person's image: %v", person)
		}

		_, doc = get(t, w.url, "/tim-kiem?q=duong")
		if p := readPreview(doc); p.robots != "noindex" || p.image == "" {
			t.Errorf("search: %+v, want noindex with the paper's picture", p)
		}
	})
}

// TestSharePictureAndLogo: the publisher's logo is a PNG of the size the
// JSON-LD states, and the paper's pictures follow its name: a new name is
// a new address with a different picture, and the old address still
// answers, with the current picture, without being kept for long.
func TestSharePictureAndLogo(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		_, doc := get(t, w.url, w.articles[0].Path())
		logo := graphs(t, doc)["NewsArticle"]["publisher"].(map[string]any)["logo"].(map[string]any)
		url, _ := logo["url"].(string)
		if !strings.HasSuffix(url, ".png") || fmt.Sprint(logo["width"]) != "600" || fmt.Sprint(logo["height"]) != "60" {
			t.Fatalf("publisher logo %v", logo)
		}
		fetchPicture(t, url, "600", "60")

		_, doc = get(t, w.url, "/")
		before := readPreview(doc).image
		oldPicture, resp := fetchPicture(t, before, "1200", "630")
		if !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("the current picture is kept %q", resp.Header.Get("Cache-Control"))
		}
		ctx := context.Background()
		site, err := w.store.Site(ctx)
		if err != nil {
			t.Fatal(err)
		}
		site.Name = "Báo Nghệ An"
		if err := w.store.SaveSite(ctx, news.System(), site); err != nil {
			t.Fatal(err)
		}
		_, doc = get(t, w.url, "/")
		after := readPreview(doc)
		if after.image == before || after.alt != "Báo Nghệ An" {
			t.Fatalf("after the new name: %+v (was %q)", after, before)
		}
		newPicture, _ := fetchPicture(t, after.image, after.width, after.height)
		if samePixels(oldPicture, newPicture) {
			t.Error("the new name drew the same picture")
		}
		stale, resp := fetchPicture(t, before, "1200", "630")
		if !samePixels(stale, newPicture) || strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("the old address answers the old picture, or keeps it: %q", resp.Header.Get("Cache-Control"))
		}
		if resp, _ := fetchBody(t, w.url, "/chia-se/anh-khong.png", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("an unknown picture answers %d", resp.StatusCode)
		}
	})
}

func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}
