package htmlarchive

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/fetch"
	"github.com/toasoan/toasoan/internal/importer"
	"github.com/toasoan/toasoan/internal/news"
)

// schoolBody is pageSchool's body as the importer receives it: furniture
// and byline gone, the three photos as figures with absolute addresses,
// the relative link absolute, whitespace collapsed, nothing else changed.
const schoolBody = `<p>Ngôi trường được xây trên khu đất rộng hơn 5.000 m², gồm hai dãy nhà hai tầng, nhà bếp một chiều và sân chơi có mái che.</p>` +
	`<h3>Phòng học sáng, sân chơi rộng</h3>` +
	`<p>Mỗi phòng học có khu vệ sinh riêng, <a href="https://baohatinh.vn/xa-hoi/220300.htm">như các trường đã xây năm trước</a>; đồ chơi ngoài trời do phụ huynh và doanh nghiệp đóng góp.</p>` +
	`<figure><img src="https://baohatinh.vn/uploads/2025/12/01/truong-mam-non.jpg" alt="Trường mầm non mới"/><figcaption>Lãnh đạo phường cắt băng khánh thành trường. Ảnh: Thu Hà</figcaption></figure>` +
	`<figure><img src="https://baohatinh.vn/uploads/2025/12/01/lop-hoc.jpg" alt=""/><figcaption>Các cháu trong giờ học đầu tiên ở phòng học mới.</figcaption></figure>` +
	`<h3>Đón trẻ từ tháng 12</h3>` +
	`<p>Từ ngày 2/12, trường nhận trẻ từ 18 tháng tuổi; phụ huynh đăng ký tại bộ phận một cửa của phường.</p>` +
	`<figure><img src="https://baohatinh.vn/xa-hoi/giao-duc/anh/so-do-truong.png" alt="Sơ đồ"/></figure>`

// eightThirtyHanoi is 08:30 on 1 December 2025 in Hà Tĩnh, in UTC.
var eightThirtyHanoi = time.Date(2025, 12, 1, 1, 30, 0, 0, time.UTC)

// wantDemoArchive checks the four stories of demoArchive field by field,
// however they were read.
func wantDemoArchive(t *testing.T, c collected) {
	t.Helper()
	if len(c.stories) != 4 {
		t.Fatalf("stories %v, warnings %v", c.order, c.warnings)
	}
	school := c.stories["220459"]
	checks := []struct {
		field     string
		got, want any
	}{
		{"title", school.Title, "Phường Thành Sen đưa vào sử dụng trường mầm non mới cho 400 trẻ"},
		{"lead", school.Lead, "Sáng 1/12, phường Thành Sen khánh thành trường mầm non mới với 12 phòng học, đủ chỗ cho 400 trẻ trong khu dân cư phía nam."},
		{"state", school.State, news.Published},
		{"published", school.PublishedAt, eightThirtyHanoi},
		{"section", school.SectionName, "Giáo dục"},
		{"authors", school.AuthorNames, []string{"Thu Hà", "Minh Anh"}},
		{"tags", school.Tags, []string{"Thành Sen", "giáo dục mầm non", "Hà Tĩnh"}},
		{"cover", school.CoverURL, "https://baohatinh.vn/uploads/2025/12/01/truong-mam-non-anh-dai-dien.jpg"},
		{"old URLs", school.OldURLs, []string{"/xa-hoi/giao-duc/220459.htm"}},
		{"body", school.Body, schoolBody},

		{"og:url page", c.stories["220460"].OldURLs, []string{"/kinh-te/nong-nghiep/220460.htm"}},
		{"dateline with another case and dash", c.stories["220460"].Lead, "Tận dụng thời tiết thuận lợi, nông dân phường Sông Trí gieo cấy xong 300 ha lúa."},
		{"date with GMT", c.stories["220460"].PublishedAt, eightThirtyHanoi},
		{"one author", c.stories["220460"].AuthorNames, []string{"Trần Quốc Hưng"}},
		{"breadcrumb's last", c.stories["220460"].SectionName, "Nông nghiệp"},

		{"new URL form", c.stories["220461"].OldURLs, []string{"/cang-vung-ang-don-tau-moi-post220461.html"}},
		{"time first", c.stories["220461"].PublishedAt, eightThirtyHanoi},
		{"lead without dateline", c.stories["220461"].Lead, "Chuyến tàu mở đầu tuyến vận tải mới nối Vũng Áng với các cảng phía nam."},
		{"comma between authors", c.stories["220461"].AuthorNames, []string{"Lê Minh Châu", "Nguyễn Thu Trang"}},
		{"empty paragraph dropped", c.stories["220461"].Body, "<p>Tàu cập cầu số 3 lúc rạng sáng.</p>"},
		{"no cover", c.stories["220461"].CoverURL, ""},

		{"date in words", c.stories["220462"].PublishedAt, time.Date(2025, 11, 30, 17, 0, 0, 0, time.UTC)},
		{"Theo", c.stories["220462"].AuthorNames, []string{"TTXVN"}},
		{"no lead", c.stories["220462"].Lead, ""},
		{"no tags", len(c.stories["220462"].Tags), 0},
	}
	for _, ck := range checks {
		if fmt.Sprint(ck.got) != fmt.Sprint(ck.want) {
			t.Errorf("%s:\n got %v\nwant %v", ck.field, ck.got, ck.want)
		}
	}
	for key, st := range c.stories {
		for _, furniture := range []string{"Hãy chia sẻ", "Tin liên quan", "Các tin đã đưa", "Quảng cáo", "Ý kiến của bạn", "article__author", "<script", "<form"} {
			if strings.Contains(st.Body, furniture) {
				t.Errorf("story %s: body still has %q", key, furniture)
			}
		}
	}
}

func TestFolderOfSavedPages(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, dir, demoArchive...)
	// Not pages: left alone.
	writeFile(t, filepath.Join(dir, "static", "style.css"), "h1{color:red}")
	writeFile(t, filepath.Join(dir, "uploads", "anh.jpg"), "\xff\xd8\xff")
	// A page declaring no address: its place in the folder is its path.
	noAddress := pageRice
	noAddress.OGURL, noAddress.Path = "", "/thoi-su/220470.htm"
	writeArchive(t, dir, noAddress)

	c := collect(t, New(exampleMap(t), Inputs{Folders: []string{dir}}, nil))
	fallback := c.stories["220470"]
	delete(c.stories, "220470")
	wantDemoArchive(t, c)
	if !slices.Equal(fallback.OldURLs, []string{"/thoi-su/220470.htm"}) {
		t.Errorf("a page without canonical: old URLs %v", fallback.OldURLs)
	}
	if len(c.warnings) != 0 {
		t.Errorf("warnings: %v", c.warnings)
	}
}

// oldSite serves the demo archive at its paths, as the old site would,
// and logs what it was asked.
type oldSite struct {
	*httptest.Server
	mu    sync.Mutex
	asked []string
	files map[string][]byte
}

func newOldSite(t *testing.T, pages ...demoPage) *oldSite {
	s := &oldSite{files: map[string][]byte{}}
	for _, p := range pages {
		s.files[p.Path] = []byte(p.HTML())
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.asked = append(s.asked, r.URL.Path)
		body, ok := s.files[r.URL.Path]
		s.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		switch {
		case strings.HasSuffix(r.URL.Path, ".gz"):
			w.Header().Set("Content-Type", "application/gzip")
		case strings.HasSuffix(r.URL.Path, ".xml"):
			w.Header().Set("Content-Type", "application/xml")
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		_, _ = w.Write(body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *oldSite) add(path string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[path] = body
}

// urlsOf is where pages live on the test server.
func (s *oldSite) urlsOf(pages ...demoPage) []string {
	var urls []string
	for _, p := range pages {
		urls = append(urls, s.URL+p.Path)
	}
	return urls
}

func (s *oldSite) Asked() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.asked)
}

// testClient may fetch the test server (127.0.0.1, a private address the
// tests allow) without waiting between requests.
func testClient() *fetch.Client {
	return fetch.New(fetch.Options{AllowHosts: []string{"127.0.0.1"}, AllowPrivate: true, Interval: -1})
}

func TestURLList(t *testing.T) {
	site := newOldSite(t, demoArchive...)
	list := filepath.Join(t.TempDir(), "bai.txt")
	var lines []string
	lines = append(lines, "# Bài cũ cần nhập", "")
	for _, p := range demoArchive[:3] {
		lines = append(lines, site.URL+p.Path)
	}
	lines = append(lines, "  "+site.URL+pageFestival.Path+"  ", "ftp://baohatinh.vn/bai.htm", site.URL+"/mat/220999.htm")
	writeFile(t, list, strings.Join(lines, "\n"))

	c := collect(t, New(exampleMap(t), Inputs{URLLists: []string{list}}, testClient()))
	wantDemoArchive(t, c)
	if !c.warningAbout("dòng 7", `"ftp://baohatinh.vn/bai.htm" không phải địa chỉ http(s)`) {
		t.Errorf("no warning for the ftp line: %v", c.warnings)
	}
	if !c.warningAbout("trang "+site.URL+"/mat/220999.htm", "máy chủ trả lời 404") {
		t.Errorf("no warning for the missing page: %v", c.warnings)
	}
}

func TestURLsGivenDirectly(t *testing.T) {
	site := newOldSite(t, demoArchive...)
	urls := site.urlsOf(demoArchive...)
	urls = append(urls, urls[0]) // given twice, fetched once
	c := collect(t, New(exampleMap(t), Inputs{URLs: urls}, testClient()))
	wantDemoArchive(t, c)
	if n := len(site.Asked()); n != 4 {
		t.Errorf("%d requests, want 4", n)
	}
}

func TestFetchedPageKeepsTheAddressItWasAskedBy(t *testing.T) {
	site := newOldSite(t)
	noAddress := pageRice
	noAddress.OGURL = ""
	site.add("/kinh-te/nong-nghiep/220460.htm", []byte(noAddress.HTML()))
	c := collect(t, New(exampleMap(t), Inputs{URLs: []string{site.URL + "/kinh-te/nong-nghiep/220460.htm"}}, testClient()))
	st := c.stories["220460"]
	if !slices.Equal(st.OldURLs, []string{"/kinh-te/nong-nghiep/220460.htm"}) {
		t.Errorf("old URLs %v", st.OldURLs)
	}
}

// sitemapOf writes a <urlset> of the given addresses, sitemapIndexOf a
// <sitemapindex>.
func sitemapOf(urls ...string) []byte { return sitemapXML("urlset", "url", urls) }

func sitemapIndexOf(urls ...string) []byte { return sitemapXML("sitemapindex", "sitemap", urls) }

func sitemapXML(root, entry string, urls []string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<%s xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">", root)
	for _, u := range urls {
		fmt.Fprintf(&b, "\n  <%s><loc>%s</loc><lastmod>2025-12-01</lastmod></%s>", entry, u, entry)
	}
	fmt.Fprintf(&b, "\n</%s>\n", root)
	return []byte(b.String())
}

func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSitemapIndex(t *testing.T) {
	site := newOldSite(t, demoArchive...)
	site.add("/sitemap.xml", sitemapIndexOf(site.URL+"/sitemaps/bai-1.xml.gz", "/sitemaps/bai-2.xml", site.URL+"/sitemap.xml"))
	site.add("/sitemaps/bai-1.xml.gz", gzipped(t, sitemapOf(
		site.URL+pageSchool.Path, site.URL+pageRice.Path,
		site.URL+"/xa-hoi/", site.URL+"/gioi-thieu.html", site.URL+"/tag/ha-tinh-tag12.html")))
	site.add("/sitemaps/bai-2.xml", sitemapOf(site.URL+pagePort.Path, pageFestival.Path, site.URL+pageSchool.Path))

	c := collect(t, New(exampleMap(t), Inputs{Sitemaps: []string{site.URL + "/sitemap.xml"}}, testClient()))
	wantDemoArchive(t, c)
	want := []string{"/sitemap.xml", "/sitemaps/bai-1.xml.gz", pageSchool.Path, pageRice.Path, "/sitemaps/bai-2.xml", pagePort.Path, pageFestival.Path}
	if got := site.Asked(); !slices.Equal(got, want) {
		t.Errorf("asked\n %v\nwant\n %v", got, want)
	}
	if !c.warningAbout("sơ đồ trang "+site.URL+"/sitemaps/bai-1.xml.gz", "bỏ qua 3 địa chỉ không phải bài") {
		t.Errorf("warnings %v", c.warnings)
	}
}

func TestSitemapFile(t *testing.T) {
	site := newOldSite(t, demoArchive...)
	urls := site.urlsOf(demoArchive...)
	path := filepath.Join(t.TempDir(), "sitemap.xml")
	writeFile(t, path, string(sitemapOf(urls...)))
	wantDemoArchive(t, collect(t, New(exampleMap(t), Inputs{Sitemaps: []string{path}}, testClient())))
}

func TestSitemapPointingAtPrivateAddresses(t *testing.T) {
	site := newOldSite(t, demoArchive...)
	t.Run("the test server, not allowed to be private", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "sitemap.xml")
		writeFile(t, path, string(sitemapOf(site.URL+pageSchool.Path, site.URL+pageRice.Path)))
		client := fetch.New(fetch.Options{AllowHosts: []string{"127.0.0.1"}, Interval: -1})
		c := collect(t, New(exampleMap(t), Inputs{Sitemaps: []string{path}}, client))
		if len(c.stories) != 0 || len(site.Asked()) != 0 {
			t.Fatalf("stories %v, requests %v", c.order, site.Asked())
		}
		if !c.warningAbout("trang "+site.URL+pageSchool.Path, "địa chỉ nội bộ bị từ chối") {
			t.Errorf("warnings %v", c.warnings)
		}
	})
	t.Run("a served sitemap pointing elsewhere", func(t *testing.T) {
		site.add("/sitemap-doc.xml", sitemapOf(
			"http://169.254.169.254/latest/meta-data/220459.htm",
			"http://10.0.0.7/xa-hoi/giao-duc/220459.htm",
			"http://[::1]/xa-hoi/giao-duc/220459.htm",
			"file:///etc/xa-hoi/220459.htm",
		))
		c := collect(t, New(exampleMap(t), Inputs{Sitemaps: []string{site.URL + "/sitemap-doc.xml"}}, testClient()))
		if len(c.stories) != 0 {
			t.Fatalf("stories %v", c.order)
		}
		for _, w := range []string{"169.254.169.254", "10.0.0.7", "::1", "file:///etc"} {
			if !c.warningAbout(w, "bị từ chối") && !c.warningAbout(w, "chỉ tải địa chỉ http") && !c.warningAbout(w, "không có trong danh sách") {
				t.Errorf("no refusal for %s: %v", w, c.warnings)
			}
		}
	})
	t.Run("a sitemap at a name that resolves to loopback", func(t *testing.T) {
		port := site.URL[strings.LastIndex(site.URL, ":"):]
		client := fetch.New(fetch.Options{AllowHosts: []string{"localhost"}, Interval: -1})
		err := New(exampleMap(t), Inputs{Sitemaps: []string{"http://localhost" + port + "/sitemap.xml"}}, client).
			Each(t.Context(), func(importer.Item) error { return nil })
		if err == nil || !strings.Contains(err.Error(), "địa chỉ nội bộ bị từ chối") {
			t.Errorf("error %v", err)
		}
	})
}

func TestHostileSitemaps(t *testing.T) {
	site := newOldSite(t, demoArchive...)
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>` +
		`<urlset><url><loc>&lol2;</loc></url></urlset>`
	external := `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><urlset><url><loc>&xxe;</loc></url></urlset>`
	bomb := gzipped(t, append(append([]byte(`<urlset><url><loc>`), bytes.Repeat([]byte(" "), 8<<20)...), []byte(`</loc></url></urlset>`)...))
	tests := []struct {
		name    string
		content []byte
		want    string
	}{
		{"entity expansion", []byte(laughs), "XML không hợp lệ"},
		{"external entity", []byte(external), "XML không hợp lệ"},
		{"truncated", sitemapOf(site.URL + pageSchool.Path)[:60], "XML không hợp lệ"},
		{"a gzip bomb", bomb, "lớn hơn giới hạn 1 MB"},
		{"not gzip after all", append([]byte{0x1f, 0x8b}, "rác"...), "gzip hỏng"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "sitemap.xml")
			writeFile(t, path, string(tt.content))
			s := New(exampleMap(t), Inputs{Sitemaps: []string{path}}, testClient())
			s.MaxSitemapBytes = 1 << 20
			err := s.Each(t.Context(), func(importer.Item) error { return nil })
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "sơ đồ trang "+path) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	if len(site.Asked()) != 0 {
		t.Errorf("requests %v", site.Asked())
	}
	t.Run("a broken child is a warning, its siblings are read", func(t *testing.T) {
		site.add("/hong.xml", []byte("<urlset><url><loc>"))
		site.add("/tot.xml", sitemapOf(site.URL+pageSchool.Path))
		site.add("/index.xml", sitemapIndexOf(site.URL+"/hong.xml", site.URL+"/khong-co.xml", "file:///etc/passwd", site.URL+"/tot.xml"))
		c := collect(t, New(exampleMap(t), Inputs{Sitemaps: []string{site.URL + "/index.xml"}}, testClient()))
		if len(c.stories) != 1 || !c.warningAbout("/hong.xml", "XML không hợp lệ") || !c.warningAbout("/khong-co.xml", "404") || !c.warningAbout("file:///etc/passwd", "không phải http(s)") {
			t.Errorf("stories %v, warnings %v", c.order, c.warnings)
		}
	})
}

func TestHostilePages(t *testing.T) {
	dir := t.TempDir()
	scripted := pagePort
	scripted.Path = "/kinh-te/220480.htm"
	scripted.Canonical = "https://baohatinh.vn/kinh-te/220480.htm"
	scripted.Body = `<p onclick="steal()">Tàu <b onmouseover="x()">cập cầu</b>.</p><script>document.cookie</script>` +
		`<img src="x.jpg" onerror="alert(1)"><a href="javascript:alert(1)">bấm</a><style>p{}</style>` +
		`<iframe src="https://www.youtube.com/embed/abc"></iframe><!-- ghi chú -->`
	noTitle := pageRice
	noTitle.Path, noTitle.Title = "/kinh-te/220481.htm", ""
	noDate := pageRice
	noDate.Path, noDate.OGURL, noDate.Date = "/kinh-te/220482.htm", "", "Đang cập nhật"
	writeArchive(t, dir, scripted, noTitle, noDate)
	elsewhere := pageRice
	elsewhere.Path, elsewhere.OGURL, elsewhere.Canonical = "/kinh-te/220486.htm", "", "https://evil.example/kinh-te/1.htm"
	elsewhere.Body = `<p><img src="anh.jpg"></p>`
	writeArchive(t, dir, elsewhere)
	noBody := strings.Replace(pageRice.HTML(), `class="article__body"`, `class="noi-dung"`, 1)
	writeFile(t, filepath.Join(dir, "kinh-te", "220483.htm"), noBody)
	huge := pageRice.HTML() + strings.Repeat("<p>Trang rất dài.</p>", 20<<20/20)
	writeFile(t, filepath.Join(dir, "kinh-te", "220484.htm"), huge)
	writeFile(t, filepath.Join(dir, "kinh-te", "220485.htm"), "")

	c := collect(t, New(exampleMap(t), Inputs{Folders: []string{dir}}, nil))
	body := c.stories["220480"].Body
	for _, bad := range []string{"<script", "onclick", "onmouseover", "onerror", "document.cookie", "<style", "ghi chú"} {
		if strings.Contains(body, bad) {
			t.Errorf("body still has %q: %s", bad, body)
		}
	}
	for _, kept := range []string{`<iframe src="https://www.youtube.com/embed/abc">`, `href="javascript:alert(1)"`, `<b>cập cầu</b>`} {
		if !strings.Contains(body, kept) {
			t.Errorf("body lost %q (left for the sanitizer): %s", kept, body)
		}
	}
	if _, ok := c.stories["220481"]; ok || !c.warningAbout("kinh-te/220481.htm", `không thấy tiêu đề (bộ chọn "article h1.article__title"): bỏ qua trang`) {
		t.Errorf("page without title: warnings %v", c.warnings)
	}
	if _, ok := c.stories["220483"]; ok || !c.warningAbout("kinh-te/220483.htm", `không thấy thân bài (bộ chọn "article .article__body")`) {
		t.Errorf("page without body: warnings %v", c.warnings)
	}
	if st := c.stories["220482"]; st.State != news.Draft || !st.PublishedAt.IsZero() ||
		!c.warningAbout("kinh-te/220482.htm", `không đọc được ngày đăng "Đang cập nhật" (bộ chọn "article .article__date"): bài được nhập dưới dạng bản nháp`) {
		t.Errorf("page without date: %+v, warnings %v", st, c.warnings)
	}
	if _, ok := c.stories["220484"]; ok || !c.warningAbout("kinh-te/220484.htm", "tệp lớn hơn giới hạn 10 MB: bỏ qua") {
		t.Errorf("20 MB page: warnings %v", c.warnings)
	}
	if st := c.stories["220486"]; !slices.Equal(st.OldURLs, []string{"/kinh-te/220486.htm"}) || !strings.Contains(st.Body, `src="https://baohatinh.vn/kinh-te/anh.jpg"`) {
		t.Errorf("a canonical on another site was believed: %v %s", st.OldURLs, st.Body)
	}
	if !c.warningAbout("kinh-te/220485.htm", "tệp trống: bỏ qua") {
		t.Errorf("empty file: warnings %v", c.warnings)
	}

	site := newOldSite(t)
	site.add("/kinh-te/220484.htm", []byte(huge))
	site.add("/anh.jpg", []byte("\xff\xd8\xff"))
	c = collect(t, New(exampleMap(t), Inputs{URLs: []string{site.URL + "/kinh-te/220484.htm", site.URL + "/anh.jpg"}}, testClient()))
	if len(c.stories) != 0 || !c.warningAbout(site.URL+"/kinh-te/220484.htm", "lớn hơn giới hạn 10 MB") {
		t.Errorf("20 MB page fetched: stories %v, warnings %v", c.order, c.warnings)
	}
}

func TestDecomposedTextAndDatesWithoutMarks(t *testing.T) {
	dir := t.TempDir()
	p := pageSchool
	p.Title = nfd(p.Title)
	p.Sapo = nfd(p.Sapo)
	p.Body = nfd(p.Body)
	p.Byline = nfd(p.Byline)
	p.Tags = []string{nfd("Thành Sen"), "Thanh Sen"}
	p.Crumbs = []string{nfd("Xã hội"), nfd("Giáo dục")}
	p.Date = "Thu Hai, 01/12/2025 - 08:30"
	writeArchive(t, dir, p)
	st := collect(t, New(exampleMap(t), Inputs{Folders: []string{dir}}, nil)).stories["220459"]
	if st.Title != "Phường Thành Sen đưa vào sử dụng trường mầm non mới cho 400 trẻ" || st.SectionName != "Giáo dục" ||
		!strings.HasPrefix(st.Lead, "Sáng 1/12") || st.Body != schoolBody || !slices.Equal(st.AuthorNames, []string{"Thu Hà", "Minh Anh"}) {
		t.Errorf("not NFC: %+v", st)
	}
	// "Thanh Sen" without marks is another word in Vietnamese, kept.
	if !st.PublishedAt.Equal(eightThirtyHanoi) || !slices.Equal(st.Tags, []string{"Thành Sen", "Thanh Sen"}) {
		t.Errorf("date %v, tags %v", st.PublishedAt, st.Tags)
	}
}

func TestEachStopsWhenAsked(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, dir, demoArchive...)
	stop := fmt.Errorf("đủ rồi")
	n := 0
	err := New(exampleMap(t), Inputs{Folders: []string{dir}}, nil).Each(t.Context(), func(importer.Item) error {
		n++
		return stop
	})
	if err != stop || n != 1 {
		t.Errorf("Each = %v after %d items", err, n)
	}

	site := newOldSite(t, demoArchive...)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err = New(exampleMap(t), Inputs{URLs: []string{site.URL + pageSchool.Path}}, testClient()).Each(ctx, func(importer.Item) error { return nil })
	if err == nil || len(site.Asked()) != 0 {
		t.Errorf("cancelled: %v, requests %v", err, site.Asked())
	}
}

func TestEachRefusesMissingInputs(t *testing.T) {
	m := exampleMap(t)
	for name, in := range map[string]Inputs{
		"folder":  {Folders: []string{filepath.Join(t.TempDir(), "khong-co")}},
		"list":    {URLLists: []string{filepath.Join(t.TempDir(), "khong-co.txt")}},
		"sitemap": {Sitemaps: []string{filepath.Join(t.TempDir(), "khong-co.xml")}},
	} {
		client := testClient()
		if err := New(m, in, client).Each(t.Context(), func(importer.Item) error { return nil }); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if err := New(m, Inputs{URLs: []string{"https://baohatinh.vn/a/1.htm"}}, nil).Each(t.Context(), func(importer.Item) error { return nil }); err == nil ||
		!strings.Contains(err.Error(), "chưa cho phép tải từ mạng") {
		t.Errorf("URLs without a client: %v", err)
	}
}

func TestInputsFromArgs(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "bai.htm"), "")
	writeFile(t, filepath.Join(dir, "sitemap.xml"), "")
	writeFile(t, filepath.Join(dir, "danh-sach.txt"), "")
	in, err := InputsFromArgs([]string{dir, filepath.Join(dir, "bai.htm"), filepath.Join(dir, "sitemap.xml"), filepath.Join(dir, "danh-sach.txt"),
		"https://baohatinh.vn/sitemap.xml", "https://baohatinh.vn/sitemaps/bai-2025.xml.gz", "https://baohatinh.vn/xa-hoi/a/220459.htm"})
	if err != nil {
		t.Fatal(err)
	}
	want := Inputs{
		Folders:  []string{dir},
		Files:    []string{filepath.Join(dir, "bai.htm")},
		URLLists: []string{filepath.Join(dir, "danh-sach.txt")},
		Sitemaps: []string{filepath.Join(dir, "sitemap.xml"), "https://baohatinh.vn/sitemap.xml", "https://baohatinh.vn/sitemaps/bai-2025.xml.gz"},
		URLs:     []string{"https://baohatinh.vn/xa-hoi/a/220459.htm"},
	}
	if fmt.Sprint(in) != fmt.Sprint(want) {
		t.Errorf("got %+v\nwant %+v", in, want)
	}
	if _, err := InputsFromArgs([]string{filepath.Join(dir, "khong-co")}); err == nil || !strings.Contains(err.Error(), "không có tệp hay thư mục này") {
		t.Errorf("missing: %v", err)
	}
}

func TestSingleFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "220459.htm")
	if err := os.WriteFile(path, []byte(pageSchool.HTML()), 0o644); err != nil {
		t.Fatal(err)
	}
	c := collect(t, New(exampleMap(t), Inputs{Files: []string{path}}, nil))
	if c.stories["220459"].Body != schoolBody {
		t.Errorf("body %s", c.stories["220459"].Body)
	}
}

// nfd decomposes s, as macOS and some sites send Vietnamese.
func nfd(s string) string { return norm.NFD.String(s) }
