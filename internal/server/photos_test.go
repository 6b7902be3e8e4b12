package server_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	_ "image/jpeg" // decoders for the JPEG variants
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	xwebp "golang.org/x/image/webp"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/media/mediatest"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/richtext"
)

// TestPhotoFromPhone: a phone's portrait (EXIF orientation 6, a GPS
// position) uploaded through the API is reported taller than wide, and
// every file a reader's page names for it, JPEG and WebP, and the
// original's own address, is upright and carries no Exif or GPS data.
func TestPhotoFromPhone(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		token := auth.NewToken()
		if _, err := d.store.CreateAPIToken(ctx, news.System(), d.users["reporter"].ID, auth.HashToken(token), "điện thoại"); err != nil {
			t.Fatal(err)
		}
		original := mediatest.PhoneJPEG(t, 800, 450, 6, binary.LittleEndian)
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, err := mw.CreateFormFile("file", "IMG_0042.JPG")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(original); err != nil {
			t.Fatal(err)
		}
		if err := mw.Close(); err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest(http.MethodPost, d.url+"/api/v1/media", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var im struct {
			ID            int64
			URL           string
			Width, Height int
		}
		err = json.NewDecoder(resp.Body).Decode(&im)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusCreated {
			t.Fatalf("upload: %d %v", resp.StatusCode, err)
		}
		if im.Width >= im.Height {
			t.Fatalf("the API reports the portrait %d×%d", im.Width, im.Height)
		}

		// A published story with the photo as cover and in its body, as
		// the editor inserts it.
		key := strings.TrimPrefix(im.URL, "/media/")
		body := fmt.Sprintf(`<p>Mở đầu.</p><figure data-image-id="%d"><img src="/media/%s" alt="Cầu mới" width="%d" height="%d" loading="lazy">`+
			`<figcaption>Cầu mới.</figcaption></figure><p>Kết.</p>`, im.ID, key, im.Width, im.Height)
		a, err := d.store.CreateArticle(ctx, news.System(), news.Article{Slug: "cau-moi", Title: "Cầu mới", Lead: "Cầu mới thông xe.",
			Body: richtext.NewPolicy().Body(body), SectionID: d.section.ID, Status: news.Published, Featured: true,
			CoverImageID: im.ID, PublishedAt: d.clock.now().Add(-time.Hour)})
		if err != nil {
			t.Fatal(err)
		}

		urls := map[string]bool{im.URL: true}
		collect := func(path string, min int, sel string) {
			_, doc := get(t, d.url, path)
			found := doc.Find(sel)
			if found.Length() < min {
				t.Fatalf("%s: %d photos in %q, want %d", path, found.Length(), sel, min)
			}
			found.Each(func(_ int, p *goquery.Selection) {
				if p.Find(`source[type="image/webp"]`).Length() != 1 {
					t.Errorf("%s: a picture without its WebP source", path)
				}
				urls[p.Find("img").AttrOr("src", "")] = true
				for _, set := range []string{p.Find("source").AttrOr("srcset", ""), p.Find("img").AttrOr("srcset", "")} {
					for c := range strings.SplitSeq(set, ", ") {
						u, _, _ := strings.Cut(c, " ")
						urls[u] = true
					}
				}
			})
		}
		collect(a.Path(), 1, ".story-body picture")
		collect(a.Path(), 1, "picture")
		collect("/", 1, "picture")
		if urls[""] || len(urls) != 5 { // 320 and 450 wide, JPEG and WebP, and the original's address
			t.Fatalf("addresses named: %v", urls)
		}
		for u := range urls {
			resp, err := http.Get(d.url + u)
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d %v", u, resp.StatusCode, err)
			}
			if bytes.Equal(data, original) || mediatest.HasMetadata(data) {
				t.Errorf("%s gives the original or its Exif/GPS data", u)
			}
			var img image.Image
			if strings.HasSuffix(u, ".webp") {
				img, err = xwebp.Decode(bytes.NewReader(data))
			} else {
				img, _, err = image.Decode(bytes.NewReader(data))
			}
			if err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			if b := img.Bounds(); b.Dx() >= b.Dy() {
				t.Errorf("%s is %v: sideways", u, b)
			}
		}
	})
}
