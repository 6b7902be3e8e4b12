package media

import (
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
)

func TestPicture(t *testing.T) {
	t.Parallel()
	const h = "ab/ab0123456789abcdef0123456789abcd"
	got := string(Picture(news.Image{Key: h + ".jpg", Width: 700, Height: 400}, "(min-width: 48rem) 25vw, 100vw", "lazy", `Cầu "mới" & đẹp`, ""))
	want := `<picture><source type="image/webp" srcset="/media/` + h + `-w320.webp 320w, /media/` + h + `-w640.webp 640w, /media/` + h + `-w700.webp 700w" sizes="(min-width: 48rem) 25vw, 100vw">` +
		`<img src="/media/` + h + `-w700.jpg" srcset="/media/` + h + `-w320.jpg 320w, /media/` + h + `-w640.jpg 640w, /media/` + h + `-w700.jpg 700w" sizes="(min-width: 48rem) 25vw, 100vw"` +
		` alt="Cầu &#34;mới&#34; &amp; đẹp" width="700" height="400" loading="lazy"></picture>`
	if got != want {
		t.Errorf("Picture =\n%s\nwant\n%s", got, want)
	}
	got = string(Picture(news.Image{Key: h + ".png", Width: 3000, Height: 1000}, "8rem", "high", "", "profile-photo"))
	if !strings.Contains(got, `<img class="profile-photo" src="/media/`+h+`-w2048.png" `) || !strings.Contains(got, `fetchpriority="high"`) ||
		strings.Contains(got, h+".png") || strings.Contains(got, "loading") {
		t.Errorf("Picture = %s", got)
	}
	// A key that is not ours: the plain image, no srcset to invent.
	got = string(Picture(news.Image{Key: "../x.jpg", Width: 10, Height: 5}, "8rem", "", "", ""))
	if got != `<img src="/media/../x.jpg" alt="" width="10" height="5">` {
		t.Errorf("foreign: %s", got)
	}
}

func TestPictureBody(t *testing.T) {
	t.Parallel()
	const h = "ab/ab0123456789abcdef0123456789abcd"
	ours := `<img src="/media/` + h + `.jpg" alt="Đường &amp; cầu" width="640" height="480" loading="lazy">`
	unchanged := []string{
		`<p>Không có ảnh.</p>`,
		`<p>Ảnh ngoài: <img src="https://example.com/a.jpg" alt="x" width="10" height="10"></p>`,
		`<img src="/media/` + h + `-w640.jpg" alt="" width="640" height="480">`, // a variant, not an original
		`<img src="/media/` + h + `.jpg" alt="" loading="lazy">`,                // no size
		`<img src="/media/` + h + `.jpg" alt="" width="0" height="4">`,
		`<img src="/media/` + h + `.jpg" title="x" width="640" height="480">`, // an attribute the picture would lose
		`<p>Viết HOA <B>đậm</B> &nbsp; <!-- ghi chú --> src="/media/` + h + `.jpg"</p>`,
		`<p>Cắt ngang <img src="/media/` + h + `.jpg" width="6`,
	}
	for _, body := range unchanged {
		if got := PictureBody(body, "100vw"); got != body {
			t.Errorf("PictureBody(%q) = %q", body, got)
		}
	}
	before := `<p>Mở  đầu <EM>nghiêng</EM>&amp;</p><figure data-image-id="7">`
	after := `<figcaption>Chú thích <span class="credit">Ảnh: Thu Hà</span></figcaption></figure><p>Kết.</p>`
	got := PictureBody(before+ours+after, "100vw")
	picture := string(Picture(news.Image{Key: h + ".jpg", Width: 640, Height: 480}, "100vw", "lazy", "Đường & cầu", ""))
	if got != before+picture+after {
		t.Errorf("PictureBody =\n%s\nwant\n%s", got, before+picture+after)
	}
	imported := `<img src="/media/` + h + `.png" alt="" width="300" height="200" loading="lazy" data-image-id="9"/>`
	if got := PictureBody(imported, "100vw"); !strings.Contains(got, `data-image-id="9">`) || !strings.Contains(got, h+"-w300.webp 300w") {
		t.Errorf("imported photo: %s", got)
	}
}
