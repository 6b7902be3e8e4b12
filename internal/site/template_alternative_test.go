package site

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
	"github.com/toasoan/toasoan/internal/web"
)

// titlesTemplate is the "titles" partial as html/template drew it before
// titlesHTML: the reference titlesHTML must match and is measured against.
// Issue 18 asked to measure html/template against a compiled engine such
// as templ; templ turns a template into Go that writes the markup as
// strings and escapes each value with html.EscapeString, which is what
// titlesHTML is, written by hand.
var titlesTemplate = template.Must(template.New("titles").Parse(`
<ul class="titles">
{{- range .}}
  <li><a href="{{.Path}}">{{.Title}}</a> <time datetime="{{.ISOTime}}">{{.Date}}</time></li>
{{- end}}
</ul>
`))

type titleLine struct{ Path, Title, ISOTime, Date string }

func titleLines(as []news.Article, loc *time.Location) []titleLine {
	lines := make([]titleLine, len(as))
	for i, a := range as {
		lines[i] = titleLine{a.Path(), a.Title, web.IsoTime(a.PublishedAt), vietnamese.Date(a.PublishedAt, loc)}
	}
	return lines
}

// sampleStories is a list of other stories as an article page shows them,
// with titles holding what must be escaped.
func sampleStories(n int) []news.Article {
	as := make([]news.Article, n)
	for i := range as {
		as[i] = news.Article{ID: int64(1000 + i), Slug: "nong-dan-ky-anh-thu-hoach-lua",
			Title:       fmt.Sprintf("Nông dân Kỳ Anh thu hoạch lúa <script>alert(1)</script> & \"được giá\" 'sớm' số %d", i),
			PublishedAt: time.Date(2026, 12, 3, 1, 15, 0, 0, time.UTC)}
	}
	return as
}

// partialTemplates are the other lists as html/template drew them before
// partials.go, each the reference its Go version must match.
var partialTemplates = template.Must(template.New("").Parse(`
{{- define "menu"}}
      <li><a href="/"{{if .Home}} aria-current="page"{{end}}>Trang chủ</a></li>
      {{- range .Nav}}
      <li><a href="{{.Path}}"{{if eq $.Active .Slug}} aria-current="page"{{end}}>{{.Name}}</a></li>
      {{- end}}
      {{- range .MenuTopics}}
      <li class="menu-topic"><a href="{{.Path}}">{{.Title}}</a></li>
      {{- end}}
      <li><a href="/tv/"{{if eq .Active "tv"}} aria-current="page"{{end}}>Truyền hình</a></li>
      <li><a href="/phat-thanh/"{{if eq .Active "phat-thanh"}} aria-current="page"{{end}}>Phát thanh</a></li>
{{- end}}
{{- define "footer"}}<ul>{{range .}}<li><a href="{{.Path}}">{{.Name}}</a></li>{{end}}</ul>{{end}}
{{- define "localities"}}
      {{- range .}}
      <option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Name}}</option>
      {{- end}}
{{- end}}
{{- define "most-read"}}{{if or .Day .Week}}
<section class="most-read" aria-labelledby="doc-nhieu">
  <h2 id="doc-nhieu">Đọc nhiều</h2>
  {{- if .Day}}
  <ol class="most-read-list">
  {{- range .Day}}
    <li><a href="{{.Path}}">{{.Title}}</a></li>
  {{- end}}
  </ol>
  {{- end}}
  {{- with .Week}}
  {{- if $.Day}}
  <details class="most-read-week">
    <summary>Đọc nhiều trong 7 ngày</summary>
    <ol class="most-read-list">{{range .}}<li><a href="{{.Path}}">{{.Title}}</a></li>{{end}}</ol>
  </details>
  {{- else}}
  <p class="most-read-period">Trong 7 ngày qua</p>
  <ol class="most-read-list">{{range .}}<li><a href="{{.Path}}">{{.Title}}</a></li>{{end}}</ol>
  {{- end}}
  {{- end}}
</section>
{{- end}}{{end}}
{{- define "share"}}
    {{- range .Share}}
    <li><a class="share-{{.Class}}" href="{{.URL}}" rel="noopener" target="_blank">{{.Name}}</a></li>
    {{- end}}
    <li><a class="share-copy" href="{{.CanonicalURL}}" data-copy="{{.CanonicalURL}}">Sao chép liên kết</a></li>
{{- end}}`))

// menuData is what the menu's reference template reads.
type menuData struct {
	Nav        []navItem
	MenuTopics []news.Topic
	Active     string
	Home       bool
}

// samplePartials is each list with names holding what must be escaped,
// its Go version and the reference template's data.
func samplePartials() []struct {
	name string
	inGo template.HTML
	data any
} {
	hostile := `<script>alert(1)</script> & "Thời sự" 'đây'`
	nav := []navItem{{Section: news.Section{ID: 1, Slug: "thoi-su", Name: hostile}}, {Section: news.Section{ID: 2, Slug: "kinh-te", Name: "Kinh tế"}}}
	topics := []news.Topic{{ID: 3, Slug: "bao-so-10", Title: "Bão số 10 " + hostile}}
	options := []localityOption{{Value: "1", Name: "Phường Thành Sen"}, {Value: "2", Name: hostile, Selected: true}}
	stories := sampleStories(3)
	canonical := "https://baohatinh.example/nong-dan-ky-anh-post1000.html"
	share := shareLinks(canonical, hostile)
	return []struct {
		name string
		inGo template.HTML
		data any
	}{
		{"menu", menuHTML(nav, topics, "thoi-su", false), menuData{nav, topics, "thoi-su", false}},
		{"menu", menuHTML(nav, nil, "tv", true), menuData{nav, nil, "tv", true}},
		{"footer", footerSectionsHTML(nav), nav},
		{"localities", localityOptionsHTML(options), options},
		{"most-read", mostReadHTML(mostReadLists{Day: stories, Week: stories[1:]}), mostReadLists{Day: stories, Week: stories[1:]}},
		{"most-read", mostReadHTML(mostReadLists{Week: stories}), mostReadLists{Week: stories}},
		{"most-read", mostReadHTML(mostReadLists{}), mostReadLists{}},
		{"share", shareHTML(share, canonical), struct {
			Share        []shareLink
			CanonicalURL string
		}{share, canonical}},
	}
}

// Each Go partial makes what its template made, as a browser reads it,
// every value escaped.
func TestPartialsMatchTheTemplates(t *testing.T) {
	for _, p := range samplePartials() {
		var want bytes.Buffer
		if err := partialTemplates.ExecuteTemplate(&want, p.name, p.data); err != nil {
			t.Fatal(err)
		}
		got := string(p.inGo)
		if html.UnescapeString(got) != html.UnescapeString(want.String()) {
			t.Errorf("%s in Go:\n%s\ntemplate:\n%s", p.name, got, want.String())
		}
		if strings.Contains(got, "<script>") {
			t.Errorf("%s: a name's markup was not escaped:\n%s", p.name, got)
		}
	}
}

// A link html/template would refuse (a script, another site by "//", a
// scheme it does not know) is refused by the Go partials in the same way.
func TestPartialsRefuseUnsafeLinks(t *testing.T) {
	for _, link := range []string{"javascript:alert(1)", " JavaScript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>alert(1)</script>",
		"vbscript:msgbox", "//evil.example/", `/\evil.example/`} {
		got := string(shareHTML([]shareLink{{Name: "X", Class: "x", URL: link}}, "https://baohatinh.example/a-post1.html"))
		if !strings.Contains(got, `href="#ZgotmplZ"`) || strings.Contains(strings.ToLower(got), "script:") || strings.Contains(got, "evil") {
			t.Errorf("%q went out as a link:\n%s", link, got)
		}
	}
	for _, link := range []string{"/thoi-su/", "https://www.facebook.com/sharer/sharer.php?u=x", "mailto:?subject=a", "HTTPS://zalo.me/share"} {
		if got := string(shareHTML([]shareLink{{Name: "X", Class: "x", URL: link}}, "/")); strings.Contains(got, "ZgotmplZ") {
			t.Errorf("a safe link %q was refused:\n%s", link, got)
		}
	}
}

// titlesHTML makes what the template made, as a browser reads it
// (html/template also writes "+" as "&#43;"), every value escaped.
func TestTitlesHTMLMatchesTheTemplate(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	as := sampleStories(3)
	var want bytes.Buffer
	if err := titlesTemplate.Execute(&want, titleLines(as, loc)); err != nil {
		t.Fatal(err)
	}
	got := string(titlesHTML(as, loc))
	if html.UnescapeString(got) != html.UnescapeString(want.String()) {
		t.Errorf("titlesHTML:\n%s\ntemplate:\n%s", got, want.String())
	}
	if bytes.Contains([]byte(got), []byte("<script>")) {
		t.Errorf("a title's markup was not escaped:\n%s", got)
	}
}

// BenchmarkTitlesPartial: one list of eight stories ("Các tin đã đưa")
// by html/template and in Go (titlesHTML), from the same stories.
func BenchmarkTitlesPartial(b *testing.B) {
	loc := time.FixedZone("ICT", 7*3600)
	as := sampleStories(8)
	b.Run("html-template", func(b *testing.B) {
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			if err := titlesTemplate.Execute(&buf, titleLines(as, loc)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("go", func(b *testing.B) {
		for b.Loop() {
			_ = titlesHTML(as, loc)
		}
	})
}

// BenchmarkPagePartials: the lists of partials.go as an article page has
// them (ten sections, eleven communes, five most-read stories a day and a
// week, the share links), by html/template and in Go.
func BenchmarkPagePartials(b *testing.B) {
	parts := pagePartials()
	b.Run("html-template", func(b *testing.B) {
		var buf bytes.Buffer
		for b.Loop() {
			for _, p := range parts {
				buf.Reset()
				if err := partialTemplates.ExecuteTemplate(&buf, p.name, p.data); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("go", func(b *testing.B) {
		for b.Loop() {
			for _, p := range parts {
				_ = p.render()
			}
		}
	})
}

type pagePartial struct {
	name   string
	data   any
	render func() template.HTML
}

func pagePartials() []pagePartial {
	var nav []navItem
	for i := range 10 {
		nav = append(nav, navItem{Section: news.Section{ID: int64(i + 1), Slug: fmt.Sprintf("chuyen-muc-%d", i), Name: "Chính trị - Xã hội"}})
	}
	var options []localityOption
	for i := range 11 {
		options = append(options, localityOption{Value: fmt.Sprint(i + 1), Name: "Phường Thành Sen", Selected: i == 3})
	}
	stories := sampleStories(5)
	lists := mostReadLists{Day: stories, Week: stories}
	canonical := "https://baohatinh.example/nong-dan-ky-anh-post1000.html"
	share := shareLinks(canonical, stories[0].Title)
	return []pagePartial{
		{"menu", menuData{Nav: nav, Active: "chuyen-muc-2"}, func() template.HTML { return menuHTML(nav, nil, "chuyen-muc-2", false) }},
		{"footer", nav, func() template.HTML { return footerSectionsHTML(nav) }},
		{"localities", options, func() template.HTML { return localityOptionsHTML(options) }},
		{"most-read", lists, func() template.HTML { return mostReadHTML(lists) }},
		{"share", struct {
			Share        []shareLink
			CanonicalURL string
		}{share, canonical}, func() template.HTML { return shareHTML(share, canonical) }},
	}
}
