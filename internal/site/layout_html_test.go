package site

import (
	"bytes"
	"html"
	"html/template"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/weather"
	"github.com/toasoan/toasoan/internal/web"
)

// framePage is a page with nothing of its own: the frame alone.
type framePage struct{ Layout }

// referenceFuncs are the site's template functions and those only the
// reference templates in testdata still call (the Go parts call them
// directly), with the site's static files.
func referenceFuncs(t testing.TB) (template.FuncMap, *web.Assets) {
	t.Helper()
	assets, err := web.LoadAssets()
	if err != nil {
		t.Fatal(err)
	}
	funcs := web.Funcs(assets)
	maps.Copy(funcs, (&Server{assets: assets}).funcs())
	maps.Copy(funcs, template.FuncMap{
		"menu":        menuHTML,
		"footerNav":   footerSectionsHTML,
		"localities":  localityOptionsHTML,
		"commentTime": commentTime,
		"commentHTML": commentHTML,
		"share":       shareHTML,
		"commentView": func(c news.Comment, a commentArea) commentView { return commentView{C: c, Area: a} },
	})
	return funcs, assets
}

// commentView is what the reference comments.html gave each comment.
type commentView struct {
	C    news.Comment
	Area commentArea
}

// readTestdata is a reference template kept in testdata.
func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// frames draws the frame of each page with the reference layout (the
// template layout_html.go replaced, in testdata) and with the site's own.
func frames(t testing.TB) (reference, current *template.Template) {
	t.Helper()
	funcs, _ := referenceFuncs(t)
	now, err := templates.ReadFile("templates/layout/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	parse := func(text string) *template.Template {
		return template.Must(template.New("").Funcs(funcs).Parse(text + `{{define "content"}}<p>Nội dung trang</p>{{end}}`))
	}
	return parse(readTestdata(t, "layout_reference.html")), parse(string(now))
}

// sampleLayouts are a page with every part of the frame filled, hostile
// where a value comes from the newsroom, and one with the least.
func sampleLayouts() []Layout {
	hostile := `<script>alert(1)</script> & "Báo" 'Hà Tĩnh'`
	loc := time.FixedZone("ICT", 7*3600)
	now := time.Date(2026, 12, 3, 8, 5, 0, 0, time.UTC)
	full := Layout{
		Site: news.Site{Name: "Báo " + hostile, Description: "Cơ quan của Đảng bộ " + hostile, BaseURL: "https://baohatinh.example",
			LogoURL: "/media/logo.png", Licence: "123/GP-BTTTT " + hostile, LicenceDate: "2020-01-31", GoverningBody: "Tỉnh ủy Hà Tĩnh",
			EditorInChief: "Nguyễn Văn A", Address: "Số 1, phường Thành Sen", Phone: "0239 3855 123", Email: "toasoan@baohatinh.example", Location: loc},
		Nav: []navItem{{Section: news.Section{ID: 1, Slug: "thoi-su", Name: "Thời sự " + hostile},
			Children: []news.Section{{ID: 3, Slug: "nong-nghiep", Name: "Nông nghiệp", ParentID: 1}}}, {Section: news.Section{ID: 2, Slug: "kinh-te", Name: "Kinh tế"}}},
		MenuTopics:  []news.Topic{{ID: 4, Slug: "bao-so-10", Title: "Bão số 10"}},
		Title:       "Nông dân " + hostile + " - Báo Hà Tĩnh",
		Description: "Sapô " + hostile,
		Canonical:   "https://baohatinh.example/nong-dan-post1.html?a=1&b=2",
		Active:      "thoi-su",
		Now:         now,
		JSONLD: []jsonLD{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": hostile + "</script><script>alert(2)</script>",
			"author": []jsonLD{{"@type": "Person", "name": "Thu Hà"}}, "wordCount": 420}},
		Preview: &openGraph{Type: "article", Title: hostile, Description: "Sapô " + hostile, URL: "https://baohatinh.example/nong-dan-post1.html",
			Image:     sharedImage{URL: "https://baohatinh.example/media/a.jpg", Width: 1280, Height: 720, Alt: hostile},
			Published: "2026-12-03T08:05:00+07:00", Modified: "2026-12-03T09:00:00+07:00", Section: "Thời sự", Tags: []string{"Bão số 10", hostile},
			Audio: "https://baohatinh.example/media/av/a.m4a", Video: &ogVideo{URL: "https://baohatinh.example/media/av/v.mp4", Type: "video/mp4", Width: 1280, Height: 720}},
		ownFeed:     &feedLink{Title: "Thu Hà " + hostile, URL: "https://baohatinh.example/tac-gia/thu-ha/rss"},
		FooterPages: []news.Page{{ID: 1, Slug: "gioi-thieu", Title: "Giới thiệu " + hostile}},
	}
	least := Layout{Site: news.Site{Name: "Báo Hà Tĩnh", Location: loc}, Title: "Báo Hà Tĩnh", Now: now, NoIndex: true, Home: true,
		Preview: &openGraph{Type: "website", Title: "Báo Hà Tĩnh", URL: "https://baohatinh.example/", Video: &ogVideo{URL: "https://baohatinh.example/v.mp4", Type: "video/mp4"}}}
	unsafe := least
	unsafe.Site.LogoURL = "javascript:alert(1)"
	unsafe.Site.Email = "a.b+c@baohatinh.example"
	unsafe.Canonical = "javascript:alert(2)"
	return []Layout{full, least, unsafe}
}

// The frame written in Go is the frame the template drew, as a browser
// reads it: every value escaped, every link checked, the schema.org data
// the same and unable to end its script element.
func TestLayoutPartsMatchTheTemplate(t *testing.T) {
	reference, current := frames(t)
	for i, l := range sampleLayouts() {
		var want, got bytes.Buffer
		if err := reference.ExecuteTemplate(&want, "layout", framePage{l}); err != nil {
			t.Fatal(err)
		}
		if err := current.ExecuteTemplate(&got, "layout", framePage{l}); err != nil {
			t.Fatal(err)
		}
		if html.UnescapeString(got.String()) != html.UnescapeString(want.String()) {
			t.Errorf("page %d, in Go:\n%s\ntemplate:\n%s", i, got.String(), want.String())
		}
		for _, bad := range []string{"<script>alert", "javascript:", "</script><script>"} {
			if strings.Contains(got.String(), bad) {
				t.Errorf("page %d: %q got through:\n%s", i, bad, got.String())
			}
		}
	}
}

// BenchmarkLayoutParts: the frame of the fullest sample page, by the
// template it replaced and in Go.
func BenchmarkLayoutParts(b *testing.B) {
	reference, current := frames(b)
	page := framePage{sampleLayouts()[0]}
	for name, tmpl := range map[string]*template.Template{"html-template": reference, "go": current} {
		b.Run(name, func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := tmpl.ExecuteTemplate(&buf, "layout", page); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// articlePages renders article pages with the reference article.html and
// comments.html (testdata: those article_html.go and comments_html.go
// replaced) and with the site's own,
// each with the layout and partials every page has.
func articlePages(t testing.TB) (reference *web.Renderer, current *Server) {
	t.Helper()
	funcs, assets := referenceFuncs(t)
	files := fstest.MapFS{}
	err := fs.WalkDir(templates, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := templates.ReadFile(path)
		files[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// The article page as templates drew it before it was written in Go.
	for path, name := range map[string]string{
		"templates/article.html":         "article_reference.html",
		"templates/layout/layout.html":   "layout_reference.html",
		"templates/layout/comments.html": "comments_reference.html",
		"templates/layout/live.html":     "live_reference.html",
		"templates/layout/audio.html":    "audio_reference.html",
		"templates/layout/popup.html":    "popup_reference.html",
		"templates/layout/weather.html":  "weather_box_reference.html",
	} {
		files[path] = &fstest.MapFile{Data: []byte(readTestdata(t, name))}
	}
	if reference, err = web.NewRenderer(files, "templates/layout/*.html", "templates/article.html", assets, funcs); err != nil {
		t.Fatal(err)
	}
	return reference, &Server{assets: assets}
}

// renderArticlePage is page drawn by the reference templates, or in Go
// when reference is nil.
func renderArticlePage(t testing.TB, reference *web.Renderer, current *Server, p articlePage) string {
	t.Helper()
	rec := httptest.NewRecorder()
	var err error
	if reference != nil {
		err = reference.Render(rec, http.StatusOK, "article", p)
	} else {
		err = current.renderArticlePage(rec, http.StatusOK, p)
	}
	if err != nil {
		t.Fatal(err)
	}
	return rec.Body.String()
}

// sampleArticlePages are a story with every part the Go code writes,
// hostile where the newsroom types, a preview of one with the least, and
// one with a credit line and no byline.
func sampleArticlePages() []articlePage {
	hostile := `<script>alert(1)</script> & "Hà Tĩnh" 'đê'`
	l := sampleLayouts()[0]
	at := time.Date(2026, 12, 3, 1, 15, 0, 0, time.UTC)
	section := news.Section{ID: 3, Slug: "nong-nghiep", Name: "Nông nghiệp " + hostile, ParentID: 1}
	full := articlePage{Layout: l, Parent: &news.Section{ID: 1, Slug: "thoi-su", Name: "Thời sự " + hostile},
		Article: news.Article{ID: 1000, Slug: "nong-dan-ky-anh", Title: "Nông dân " + hostile, Lead: "Sapô " + hostile,
			Section: section, PublishedAt: at, ModifiedAt: at.Add(2 * time.Hour),
			Cover:   &news.Image{ID: 9, Key: "ab/cd/anh.jpg", MIME: "image/jpeg", Width: 1600, Height: 900, Caption: "Ảnh " + hostile, Credit: "Ảnh: Thu Hà", Alt: "Đồng lúa " + hostile},
			Authors: []news.Author{{ID: 1, Slug: "thu-ha", Name: "Thu Hà " + hostile}, {ID: 2, Slug: "van-an", Name: "Văn An"}},
			Credit:  "Theo " + hostile, Correction: "Bản trước ghi sai " + hostile + ".\n\nTòa soạn xin lỗi bạn đọc.", CorrectedAt: at.Add(3 * time.Hour),
			Tags: []news.Tag{{ID: 4, Slug: "lua-he-thu", Name: "Lúa hè thu " + hostile}}},
		Body: "<p>Nội dung.</p>", CanonicalURL: "https://baohatinh.example/nong-dan-ky-anh-post1000.html?a=<b>",
		Related: sampleStories(2), Earlier: sampleStories(2), ShowCover: true, MainPlayer: `<figure class="video">Trình phát</figure>`,
		Comments: commentArea{Mode: news.CommentsHidden}}
	full.Site.Dateline = "(Baohatinh.vn) - " + hostile
	full.Share = shareLinks(full.CanonicalURL, full.Article.Title)
	least := articlePage{Layout: sampleLayouts()[1], Article: news.Article{ID: 7, Slug: "tin", Title: "Tin ngắn", Section: news.Section{ID: 2, Slug: "kinh-te", Name: "Kinh tế"}, PublishedAt: at},
		Banner: "Bản xem trước — chưa đăng " + hostile, ShowCover: true, Comments: commentArea{Mode: news.CommentsHidden}}
	credited := least
	credited.Banner = ""
	credited.Article.Credit = "Nhóm phóng viên"
	credited.Article.Cover = &news.Image{ID: 5, Key: "ef/gh/b.jpg", MIME: "image/jpeg", Width: 800, Height: 600}
	discussed := full
	discussed.Comments = sampleComments(at, full.Site.Location, news.CommentsOpen)
	closed := least
	closed.Comments = sampleComments(at, least.Site.Location, news.CommentsClosed)
	discussed.Comments.ReplyTo = &discussed.Comments.Comments[0]
	discussed.Comments.Form = commentForm{Name: "Lan " + hostile, Email: "lan@example.com\"><b>", Body: "Ý kiến </textarea><script>alert(1)</script>",
		ParentID: 11, Error: "Vui lòng gõ tiếng Việt có dấu " + hostile}
	discussed.Comments.Order = store.MostLiked
	discussed.Audio = &audioVersion{URL: "/media/av/ab/cd.m4a?v=<1>", Duration: "00:03:25", Programme: &news.Programme{Slug: "thoi-su-toi", Title: "Thời sự tối " + hostile}}
	discussed.Live = liveBlock{On: true, Running: true, Started: at, Feed: "/api/v1/articles/1000/live?x=<1>", Newest: 42, PollMS: 15000,
		Entries: []liveEntryView{{ID: 42, Body: "<p>Nước lên <b>nhanh</b></p>", Created: at.Add(time.Hour), Time: "09:15"}, {ID: 41, Body: "<p>Bắt đầu</p>", Created: at, Time: "08:15"}}}
	discussed.HasVideo = true
	sent := least
	sent.Banner = ""
	sent.Comments = commentArea{Mode: news.CommentsOpen, Count: 0, Path: "/tin-post7.html", ArticleID: 7,
		Form: commentForm{Sent: &news.Comment{Name: "Lan", Body: "Cảm ơn " + hostile + "\n\nĐoạn hai."}}}
	sent.Audio = &audioVersion{URL: "/media/av/x.m4a", Duration: "00:01:00"}
	sent.Live = liveBlock{On: true, Started: at, Ended: at.Add(2 * time.Hour), Entries: []liveEntryView{{ID: 1, Body: "<p>Kết thúc</p>", Created: at, Time: "08:15"}}}
	previewLive := sent
	previewLive.Banner = "Bản xem trước"
	previewLive.Live.Running = true
	return []articlePage{full, least, credited, discussed, closed, sent, previewLive}
}

// sampleComments is a page of comments with replies, the paper's own
// reply, an edited one and hostile names and text.
func sampleComments(at time.Time, l *time.Location, mode news.CommentMode) commentArea {
	hostile := `<script>alert(1)</script> & "Lan" 'Hà'`
	c := func(id int64, name, body string, ago time.Duration) news.Comment {
		return news.Comment{ID: id, ArticleID: 1000, Name: name, Body: body, Status: news.CommentPublished, PublishedAt: at.Add(-ago), Likes: int(id % 4)}
	}
	first := c(11, "Hoàng Lan "+hostile, "Cảm ơn tòa soạn.\n\nXem thêm https://baohatinh.example/a?b=1&c=<2>", time.Hour)
	reply := c(12, "Báo Hà Tĩnh", "Cảm ơn bạn đọc.", 30*time.Minute)
	reply.Staff = true
	edited := c(13, "Văn An", "Ý kiến đã biên tập "+hostile, 10*24*time.Hour)
	edited.Edited = true
	first.Replies = []news.Comment{reply, c(14, "Thu Hà", "Đồng ý.", 20*time.Minute)}
	return commentArea{Mode: mode, Count: 4, Comments: []news.Comment{first, edited}, Order: store.NewestFirst,
		Pager: web.Pager{Page: 1, Pages: 2, NextURL: "/nong-dan-ky-anh-post1000.html?trang-binh-luan=2#binh-luan"},
		Now:   at, Loc: l, Path: "/nong-dan-ky-anh-post1000.html", ArticleID: 1000}
}

// The story's parts written in Go are what the template drew, as a
// browser reads them, with every value escaped.
func TestArticlePartsMatchTheTemplate(t *testing.T) {
	reference, current := articlePages(t)
	for i, p := range sampleArticlePages() {
		want, got := renderArticlePage(t, reference, current, p), renderArticlePage(t, nil, current, p)
		if html.UnescapeString(got) != html.UnescapeString(want) {
			t.Errorf("article %d, in Go:\n%s\ntemplate:\n%s", i, got, want)
		}
		if strings.Contains(got, "<script>alert") {
			t.Errorf("article %d: a value's markup got through:\n%s", i, got)
		}
	}
}

// BenchmarkArticleParts: the fullest sample article page, by the
// template article_html.go replaced and with it.
func BenchmarkArticleParts(b *testing.B) {
	reference, current := articlePages(b)
	page := sampleArticlePages()[0]
	for name, r := range map[string]*web.Renderer{"html-template": reference, "go": nil} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				_ = renderArticlePage(b, r, current, page)
			}
		})
	}
}

// The weather box written in Go is what its template drew: with fresh
// data, without, and with a hostile locality name and return address.
func TestWeatherBoxMatchesTheTemplate(t *testing.T) {
	funcs, _ := referenceFuncs(t)
	current := template.Must(template.New("").Funcs(funcs).ParseFS(templates, "templates/layout/*.html"))
	reference := template.Must(template.Must(current.Clone()).Parse(readTestdata(t, "weather_box_reference.html")))
	hostile := `<script>alert(1)</script> & "Thạch" 'Hà'`
	loc := time.FixedZone("ICT", 7*3600)
	fresh := &weatherBox{Loc: loc, Here: "/thoi-su/?trang=2&x=" + hostile, Options: []localityOption{{Value: "1", Name: hostile, Selected: true}, {Value: "2", Name: "Phường Thành Sen"}}}
	fresh.Locality = news.Locality{ID: 1, Name: "Xã " + hostile}
	fresh.Fresh, fresh.UpdatedAt = true, time.Date(2026, 12, 3, 1, 30, 0, 0, time.UTC)
	fresh.Now = weather.Current{Conditions: news.Conditions{Temperature: 24.4, Apparent: -0.2, Humidity: 81, WindSpeed: 12.6}, Condition: weather.Describe(3, true)}
	stale := &weatherBox{Loc: loc, Options: fresh.Options}
	stale.Locality = news.Locality{ID: 2, Name: "Phường Thành Sen"}
	for i, box := range []*weatherBox{fresh, stale, nil} {
		var want, got bytes.Buffer
		if err := reference.ExecuteTemplate(&want, "weather-box", box); err != nil {
			t.Fatal(err)
		}
		if err := current.ExecuteTemplate(&got, "weather-box", box); err != nil {
			t.Fatal(err)
		}
		if html.UnescapeString(got.String()) != html.UnescapeString(want.String()) {
			t.Errorf("box %d, in Go:\n%q\ntemplate:\n%q", i, got.String(), want.String())
		}
		if strings.Contains(got.String(), "<script>") {
			t.Errorf("box %d: a name's markup got through:\n%s", i, got.String())
		}
	}
}

// The popup written in Go is what its template drew: with a photo, a
// link, several paragraphs and the return address; with an unsafe link
// and nothing else; and none.
func TestPopupMatchesTheTemplate(t *testing.T) {
	funcs, assets := referenceFuncs(t)
	reference := template.Must(template.New("").Funcs(funcs).Parse(readTestdata(t, "popup_reference.html")))
	s := &Server{assets: assets}
	hostile := `<script>alert(1)</script> & "Thạch" 'Hà'`
	full := &popupBox{Popup: news.Popup{ID: 3, Title: "Thông báo " + hostile, Link: "https://baohatinh.example/a?b=1&c=<2>",
		Image: &news.Image{Key: "ab/cd/p.jpg", Width: 600, Height: 400, Alt: "Ảnh " + hostile}},
		Paragraphs: []string{"Đoạn một " + hostile, "Đoạn hai"}, Until: 1796300000, Seen: true, Here: "/thoi-su/?trang=2&x=" + hostile}
	unsafe := &popupBox{Popup: news.Popup{ID: 4, Title: "Tin", Link: "javascript:alert(1)"}}
	for i, box := range []*popupBox{full, unsafe, nil} {
		var want bytes.Buffer
		if err := reference.ExecuteTemplate(&want, "popup", box); err != nil {
			t.Fatal(err)
		}
		got, err := s.popupHTML(box)
		if err != nil {
			t.Fatal(err)
		}
		if html.UnescapeString(string(got)) != html.UnescapeString(want.String()) {
			t.Errorf("popup %d, in Go:\n%q\ntemplate:\n%q", i, got, want.String())
		}
		if strings.Contains(string(got), "<script>alert") {
			t.Errorf("popup %d: a value's markup got through:\n%s", i, got)
		}
	}
}

// The lists as the reference templates and the tests take them.

func menuHTML(nav []navItem, topics []news.Topic, active string, home bool) template.HTML {
	var m markup
	m.menu(nav, topics, active, home)
	return m.html()
}

func footerSectionsHTML(nav []navItem) template.HTML {
	var m markup
	m.footerSections(nav)
	return m.html()
}

func localityOptionsHTML(options []localityOption) template.HTML {
	var m markup
	m.localityOptions(options)
	return m.html()
}

func shareHTML(links []shareLink, canonical string) template.HTML {
	var m markup
	m.share(links, canonical)
	return m.html()
}
