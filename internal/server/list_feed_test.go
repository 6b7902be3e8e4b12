package server_test

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/feed"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// xmllintWellFormed checks doc with libxml2's parser, the one feed
// readers on Linux use. Without xmllint the test is skipped on a
// developer's machine but fails in CI (CI set), which installs it.
func xmllintWellFormed(t *testing.T, doc []byte) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but exec.LookPath finds no xmllint (%v): install libxml2-utils", err)
		}
		t.Skipf("exec.LookPath finds no xmllint (%v): install libxml2-utils to check feeds", err)
	}
	file := filepath.Join(t.TempDir(), "feed.xml")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "--noout", "--nonet", file).CombinedOutput(); err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
}

// TestTagAndAuthorFeeds: a tag and an author each have an RSS 2.0 feed of
// their stories alone, newest first, whose Last-Modified is the newest
// story's time and which answers If-Modified-Since with a 304, through
// the page cache too; an old slug is sent on, an unknown tag or author
// is a 404 in Vietnamese.
func TestTagAndAuthorFeeds(t *testing.T) {
	t.Parallel()
	t.Run("plain", func(t *testing.T) {
		t.Parallel()
		eachSite(t, checkListFeeds)
	})
	t.Run("cached", func(t *testing.T) {
		t.Parallel()
		for _, src := range storetest.Sources(t) {
			t.Run(src.Name, func(t *testing.T) {
				t.Parallel()
				w, _ := cachedSite(t, src.Source)
				checkListFeeds(t, w)
			})
		}
	})
}

func checkListFeeds(t *testing.T, w site) {
	ctx := context.Background()
	other, err := w.store.CreateAuthor(ctx, news.System(), news.Author{Slug: "minh-duc", Name: "Minh Đức"})
	if err != nil {
		t.Fatal(err)
	}
	elsewhere, err := w.store.CreateArticle(ctx, news.System(), news.Article{Slug: "nong-thon-moi", Title: "Nông thôn mới", Lead: "Tin nông thôn.",
		SectionID: w.child.ID, Status: news.Published, PublishedAt: testNow.Add(time.Minute), Authors: []news.Author{other},
		Tags: []news.Tag{{Slug: "nong-thon", Name: "Nông thôn"}}})
	if err != nil {
		t.Fatal(err)
	}
	tag := w.articles[0].Tags[0]
	newestFirst := slices.Clone(w.articles)
	slices.Reverse(newestFirst)
	tests := []struct {
		name, path, title, link string
		want                    []news.Article
	}{
		{"tag", feed.TagFeedPath(tag), "Báo Hà Tĩnh - Chủ đề: Giao thông", tag.Path(), newestFirst},
		{"author", "/rss/tac-gia/thu-ha.rss", "Báo Hà Tĩnh - Tác giả: Thu Hà", w.author.Path(), newestFirst},
		{"other tag", feed.TagFeedPath(elsewhere.Tags[0]), "Báo Hà Tĩnh - Chủ đề: Nông thôn", elsewhere.Tags[0].Path(), []news.Article{elsewhere}},
		{"other author", "/rss/tac-gia/minh-duc.rss", "Báo Hà Tĩnh - Tác giả: Minh Đức", other.Path(), []news.Article{elsewhere}},
	}
	for _, tt := range tests {
		var doc feedDoc
		raw := fetchXML(t, w.url, tt.path, rssType, &doc)
		xmllintWellFormed(t, raw)
		ch := doc.Channel
		if doc.Version != "2.0" || ch.Title != tt.title || ch.Link != w.url+tt.link || ch.Self.Href != w.url+tt.path ||
			ch.Description == "" || ch.Language != "vi" {
			t.Errorf("%s: channel %q %q %q %q", tt.name, ch.Title, ch.Link, ch.Self.Href, ch.Description)
		}
		if got := doc.links(w.url); !slices.Equal(got, articlePaths(tt.want)) {
			t.Errorf("%s: items %q, want %q", tt.name, got, articlePaths(tt.want))
		}

		resp, _ := fetchBody(t, w.url, tt.path, nil)
		modified := resp.Header.Get("Last-Modified")
		if want := tt.want[0].PublishedAt.UTC().Format(http.TimeFormat); modified != want {
			t.Errorf("%s: Last-Modified %q, want the newest story's %q", tt.name, modified, want)
		}
		again, body := fetchBody(t, w.url, tt.path, http.Header{"If-Modified-Since": {modified}})
		if again.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("%s: If-Modified-Since answered %d with %d bytes", tt.name, again.StatusCode, len(body))
		}
		earlier := tt.want[0].PublishedAt.Add(-time.Second).UTC().Format(http.TimeFormat)
		if older, _ := fetchBody(t, w.url, tt.path, http.Header{"If-Modified-Since": {earlier}}); older.StatusCode != http.StatusOK {
			t.Errorf("%s: a reader with an older copy got %d", tt.name, older.StatusCode)
		}
	}

	// The home feed says when it last changed too.
	resp, _ := fetchBody(t, w.url, feed.HomeFeedPath, nil)
	if got, want := resp.Header.Get("Last-Modified"), elsewhere.PublishedAt.UTC().Format(http.TimeFormat); got != want {
		t.Errorf("home feed Last-Modified %q, want %q", got, want)
	}

	old := strings.Replace(feed.TagFeedPath(tag), "giao-thong", "giao-thong-cu", 1)
	if resp, _ := fetchBody(t, w.url, old, nil); resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != feed.TagFeedPath(tag) {
		t.Errorf("old slug: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, path := range []string{"/rss/chu-de/giao-thong-999999.rss", "/rss/chu-de/giao-thong.rss", "/rss/chu-de/giao-thong-1.xml",
		"/rss/tac-gia/khong-co.rss", "/rss/tac-gia/thu-ha.xml"} {
		resp, doc := get(t, w.url, path)
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(text(doc, "main"), "Không tìm thấy") {
			t.Errorf("%s: %d %q", path, resp.StatusCode, text(doc, "main"))
		}
	}
}
