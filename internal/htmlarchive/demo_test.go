package htmlarchive

import (
	"context"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	_ "time/tzdata" // Asia/Ho_Chi_Minh on machines without a zone database

	"github.com/toasoan/toasoan/internal/importer"
)

// demoPage is an article page in the layout the example map describes: a
// provincial paper's page with its breadcrumb, h1, date, share block,
// sapo with the dateline, body with sub-headings, captioned photos, a
// related box, an ad, "Các tin đã đưa", the byline at the end, and tags.
// The text is the tests' own.
type demoPage struct {
	Path      string   // where the page lives on the old site
	Canonical string   // its <link rel=canonical>, "" for none
	OGURL     string   // its og:url, "" for none
	OGImage   string   // "" for none
	Crumbs    []string // breadcrumb after "Trang chủ"
	Title     string
	Date      string
	Sapo      string
	Body      string // inside the body element, before the furniture and the byline
	Byline    string
	Tags      []string
}

func (p demoPage) HTML() string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\n")
	fmt.Fprintf(&b, "<title>%s - Báo Hà Tĩnh</title>\n", html.EscapeString(p.Title))
	if p.Canonical != "" {
		fmt.Fprintf(&b, "<link rel=\"canonical\" href=\"%s\">\n", p.Canonical)
	}
	if p.OGURL != "" {
		fmt.Fprintf(&b, "<meta property=\"og:url\" content=\"%s\">\n", p.OGURL)
	}
	if p.OGImage != "" {
		fmt.Fprintf(&b, "<meta property=\"og:image\" content=\"%s\">\n", p.OGImage)
	}
	b.WriteString(`<script>window.dataLayer = [];</script>
</head><body>
<header class="site-header"><a class="logo" href="/">Báo Hà Tĩnh</a>
<ul class="menu"><li><a href="/thoi-su/">Thời sự</a></li><li><a href="/xa-hoi/">Xã hội</a></li><li><a href="/kinh-te/">Kinh tế</a></li></ul></header>
<div class="container">
<nav class="breadcrumb"><a href="/">Trang chủ</a>`)
	for _, c := range p.Crumbs {
		fmt.Fprintf(&b, " » <a href=\"/%s/\">%s</a>", slugOf(c), c)
	}
	b.WriteString("</nav>\n<article class=\"article\">\n")
	fmt.Fprintf(&b, "<h1 class=\"article__title\">%s</h1>\n", p.Title)
	fmt.Fprintf(&b, "<div class=\"article__meta\"><span class=\"article__date\">%s</span> <span class=\"views\">1.203 lượt xem</span></div>\n", p.Date)
	b.WriteString(shareBox)
	if p.Sapo != "" {
		fmt.Fprintf(&b, "<h2 class=\"article__sapo\">%s</h2>\n", p.Sapo)
	}
	fmt.Fprintf(&b, "<div class=\"article__body\">\n%s\n%s%s", p.Body, relatedBox, adSlot)
	if p.Byline != "" {
		fmt.Fprintf(&b, "<p class=\"article__author\" style=\"text-align:right\"><strong>%s</strong></p>\n", p.Byline)
	}
	b.WriteString("</div>\n" + shareBox)
	if len(p.Tags) > 0 {
		b.WriteString("<div class=\"article__tags\"><span>Từ khóa:</span>")
		for _, t := range p.Tags {
			fmt.Fprintf(&b, " <a href=\"/tag/%s.html\">%s</a>", slugOf(t), t)
		}
		b.WriteString("</div>\n")
	}
	b.WriteString(`</article>
<section class="old-news"><h3>Các tin đã đưa</h3><ul><li><a href="/xa-hoi/mot-tin-cu/219001.htm">Một tin cũ hơn</a></li></ul></section>
<div class="comment-box"><p>Ý kiến của bạn sẽ được biên tập trước khi đăng. Vui lòng gõ tiếng Việt có dấu</p>
<form action="/binh-luan" method="post"><textarea name="noi_dung"></textarea><button>Gửi</button></form></div>
</div>
<footer>Cơ quan chủ quản: ...</footer>
</body></html>
`)
	return b.String()
}

const shareBox = `<div class="share-box"><span>Hãy chia sẻ với bạn bè!</span> <a href="https://www.facebook.com/sharer.php">Facebook</a> <a href="https://zalo.me/share">Zalo</a></div>
`

const relatedBox = `<div class="related"><p class="related__title">Tin liên quan</p><ul>
<li><a href="/xa-hoi/giao-duc/220300.htm">Chuẩn bị năm học mới ở các trường vùng biển</a></li></ul></div>
`

const adSlot = `<div class="ad-slot"><a href="https://quangcao.example/"><img src="/qc/banner.gif" alt="Quảng cáo"></a></div>
`

func slugOf(s string) string { return strings.ReplaceAll(strings.ToLower(s), " ", "-") }

// The demo archive: every page the tests read through a folder, a URL
// list and a sitemap.
var (
	pageSchool = demoPage{
		Path:      "/xa-hoi/giao-duc/220459.htm",
		Canonical: "https://baohatinh.vn/xa-hoi/giao-duc/220459.htm",
		OGImage:   "/uploads/2025/12/01/truong-mam-non-anh-dai-dien.jpg",
		Crumbs:    []string{"Xã hội", "Giáo dục"},
		Title:     "Phường Thành Sen đưa vào sử dụng  trường mầm non\n mới cho 400 trẻ",
		Date:      "Thứ Hai, 01/12/2025 - 08:30",
		Sapo:      "(Baohatinh.vn) - Sáng 1/12, phường Thành Sen khánh thành trường mầm non mới với 12 phòng học, đủ chỗ cho 400 trẻ trong khu dân cư phía nam.",
		Body: `<p>Ngôi trường được xây trên khu đất rộng hơn 5.000 m², gồm hai dãy nhà hai tầng, nhà bếp một chiều và sân chơi có mái che.</p>
<h3>Phòng học sáng, sân chơi rộng</h3>
<p>Mỗi phòng học có khu vệ sinh riêng, <a href="../220300.htm">như các trường đã xây năm trước</a>; đồ chơi ngoài trời do phụ huynh và doanh nghiệp đóng góp.</p>
<figure class="photo"><img src="/uploads/2025/12/01/truong-mam-non.jpg" alt="Trường mầm non mới"><figcaption>Lãnh đạo phường cắt băng khánh thành trường.   Ảnh: Thu Hà</figcaption></figure>
<div class="share-box">Hãy chia sẻ với bạn bè!</div>
<table class="picture"><tbody><tr><td><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="../../uploads/2025/12/01/lop-hoc.jpg" alt=""></td></tr>
<tr><td class="picture__caption">Các cháu trong giờ học đầu tiên ở phòng học mới.</td></tr></tbody></table>
<div class="tin-da-dua"><b>Các tin đã đưa</b><ul><li><a href="/xa-hoi/a/219900.htm">Tin cũ</a></li></ul></div>
<h3>Đón trẻ từ tháng 12</h3>
<p>Từ ngày 2/12, trường nhận trẻ từ 18 tháng tuổi; phụ huynh đăng ký tại bộ phận một cửa của phường.</p>
<p><img src="anh/so-do-truong.png" alt="Sơ đồ"></p>`,
		Byline: "Bài, ảnh: Thu Hà - Minh Anh",
		Tags:   []string{"Thành Sen", "giáo dục mầm non", "#Hà Tĩnh", "hà tĩnh"},
	}
	pageRice = demoPage{
		Path:   "/kinh-te/nong-nghiep/220460.htm",
		OGURL:  "https://baohatinh.vn/kinh-te/nong-nghiep/220460.htm",
		Crumbs: []string{"Kinh tế", "Nông nghiệp"},
		Title:  "Nông dân Sông Trí xuống giống vụ đông xuân sớm một tuần",
		Date:   "Thứ hai, 1/12/2025, 8:30 (GMT+7)",
		Sapo:   "(baohatinh.vn) – Tận dụng thời tiết thuận lợi, nông dân phường Sông Trí gieo cấy xong 300 ha lúa.",
		Body:   `<p>Giống lúa chủ lực năm nay là các giống ngắn ngày, chịu rét tốt.</p>`,
		Byline: "Trần Quốc Hưng",
	}
	pagePort = demoPage{
		Path:      "/cang-vung-ang-don-tau-moi-post220461.html",
		Canonical: "https://baohatinh.vn/cang-vung-ang-don-tau-moi-post220461.html",
		Crumbs:    []string{"Kinh tế"},
		Title:     "Cảng Vũng Áng đón tàu container 50.000 tấn",
		Date:      "08:30 01/12/2025",
		Sapo:      "Chuyến tàu mở đầu tuyến vận tải mới nối Vũng Áng với các cảng phía nam.",
		Body:      `<p>Tàu cập cầu số 3 lúc rạng sáng.</p><p>&nbsp;</p>`,
		Byline:    "Lê Minh Châu, Nguyễn Thu Trang",
		Tags:      []string{"Vũng Áng"},
	}
	pageFestival = demoPage{
		Path:      "/van-hoa/le-hoi/220462.htm",
		Canonical: "https://baohatinh.vn/van-hoa/le-hoi/220462.htm",
		Crumbs:    []string{"Văn hóa - Giải trí"},
		Title:     "Lễ hội cầu ngư ở Hoành Sơn",
		Date:      "ngày 1 tháng 12 năm 2025",
		Body:      `<p>Lễ hội diễn ra trong hai ngày.</p>`,
		Byline:    "Theo TTXVN",
	}
	demoArchive = []demoPage{pageSchool, pageRice, pagePort, pageFestival}
)

// writeArchive saves pages under dir at their paths, as a crawler would.
func writeArchive(t *testing.T, dir string, pages ...demoPage) {
	t.Helper()
	for _, p := range pages {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(p.Path)), p.HTML())
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// exampleMap is the map shipped in docs/, which the tests hold to its word.
func exampleMap(t *testing.T) Map {
	t.Helper()
	m, err := LoadMap(filepath.Join("..", "..", "docs", "import-map-example.json"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// collected is what a Source yielded.
type collected struct {
	stories  map[string]importer.Story
	order    []string
	warnings []importer.Warning
}

func collect(t *testing.T, s *Source) collected {
	t.Helper()
	c := collected{stories: map[string]importer.Story{}}
	err := s.Each(context.Background(), func(it importer.Item) error {
		switch {
		case it.Story != nil:
			if _, dup := c.stories[it.Story.Key]; dup {
				t.Errorf("story %s yielded twice", it.Story.Key)
			}
			c.stories[it.Story.Key] = *it.Story
			c.order = append(c.order, it.Story.Key)
		case it.Warning != nil:
			c.warnings = append(c.warnings, *it.Warning)
		default:
			t.Errorf("unexpected item %+v", it)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// warningAbout finds the warning of item whose message contains text.
func (c collected) warningAbout(item, text string) bool {
	for _, w := range c.warnings {
		if strings.Contains(w.Item, item) && strings.Contains(w.Message, text) {
			return true
		}
	}
	return false
}
