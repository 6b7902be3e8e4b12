package site

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
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
