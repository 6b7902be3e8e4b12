package site

import (
	"encoding/json"
	"html"
	htmltemplate "html/template"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// hostileStrings are text a newsroom could type or paste: markup, every
// control character, invalid UTF-8, JavaScript's line separators,
// decomposed Vietnamese and đ.
func hostileStrings() []string {
	var controls strings.Builder
	for c := range 0x80 {
		controls.WriteByte(byte(c))
	}
	return []string{"", "Hà Tĩnh", "Ha\u0300 Ti\u0303nh đê Đ", `</script><script>alert(1)</script>`, `"quoted" \back\slash & <b>`,
		controls.String(), "\xff\xfe lỗi \xc3", "dòng\u2028mới\u2029đoạn", "\U0001F600 \uFFFD", strings.Repeat("Nông dân ", 300)}
}

// The schema.org data is written exactly as encoding/json would write it:
// every page's graphs, with hostile values, and lists and maps of each
// kind of value.
func TestJSONLDIsWhatMarshalWrites(t *testing.T) {
	var objects []any
	for _, p := range sampleArticlePages() {
		graph := p.articleGraph(p.Article, p.Parent, sharedImage{URL: "https://baohatinh.example/a.jpg", Width: 1280, Height: 720, Alt: p.Article.Title})
		p.liveBlog(graph[0], p.Article, liveBlock{On: true, Started: p.Article.PublishedAt, Ended: p.Article.PublishedAt.Add(time.Hour),
			Entries: []liveEntryView{{ID: 3, Created: p.Article.PublishedAt, Body: htmltemplate.HTML("<p>Diễn biến <b>mới</b> &amp; " + html.EscapeString(p.Article.Title) + "</p>")}}})
		graph[0]["audio"] = p.audioObject(p.Article, audioVersion{URL: "/media/av/a.m4a", Seconds: 205})
		objects = append(objects, graph, p.siteGraph(), p.breadcrumb(p.Article.Title, p.Canonical),
			p.videoObject(p.Article, news.MediaItem{Master: "v/master.m3u8", Width: 1280, Height: 720, Duration: 95 * time.Second}, "https://baohatinh.example/t.jpg"))
	}
	for _, s := range hostileStrings() {
		objects = append(objects, s, jsonLD{s: s, "n": -42, "yes": true, "none": nil, "list": []string{s, ""}, "any": []any{s, 1, jsonLD{}}},
			[]jsonLD{nil, {s: []jsonLD{}}}, []string(nil), 3.25, int64(7))
	}
	for i, o := range objects {
		want, err := json.Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSON(nil, o); string(got) != string(want) {
			t.Errorf("object %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

func FuzzJSONString(f *testing.F) {
	for _, s := range hostileStrings() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(jsonLD{s: []string{s}})
		if got := appendJSON(nil, jsonLD{s: []string{s}}); string(got) != string(want) {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want)
		}
	})
}

func BenchmarkArticleJSONLD(b *testing.B) {
	p := sampleArticlePages()[0]
	graph := p.articleGraph(p.Article, p.Parent, sharedImage{URL: "https://baohatinh.example/a.jpg", Width: 1280, Height: 720})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			for _, o := range graph {
				_, _ = json.Marshal(o)
			}
		}
	})
	b.Run("appendJSON", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			for _, o := range graph {
				buf = appendJSON(buf[:0], o)
			}
		}
	})
}
