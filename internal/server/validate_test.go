package server_test

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
)

// vnuJar finds the Nu HTML Checker that tools/validate installs from npm.
// CI installs it and Java; a developer machine without them skips, CI
// never does.
func vnuJar(t *testing.T) string {
	t.Helper()
	jar, _ := filepath.Abs("../../tools/validate/node_modules/vnu-jar/build/dist/vnu.jar")
	if _, err := os.Stat(jar); err == nil {
		if _, err := exec.LookPath("java"); err == nil {
			return jar
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI needs java and the vnu-jar npm package (tools/validate) for the HTML validation test")
	}
	t.Skip("java or vnu.jar not installed (LookPath); run npm ci in tools/validate")
	return ""
}

// TestPagesAreValidHTML runs every page type through the Nu HTML Checker
// and expects no error: home, a section, a day's stories, an article, a
// tag, an author, search results and no results, the error pages, and
// one of the paper's own pages (linked, like every page, in the footer),
// a topic page (linked in the menu) and the list of topics, a radio
// programme with an episode, the list of programmes and the episode's
// story with its player.
func TestPagesAreValidHTML(t *testing.T) {
	t.Parallel()
	jar := vnuJar(t)
	w := startSite(t, filepath.Join(t.TempDir(), "toasoan.db"))
	if _, err := w.store.SavePage(context.Background(), news.System(), news.Page{Slug: "gioi-thieu", Title: "Giới thiệu", ShowInFooter: true,
		Body: "<p>Báo của tỉnh <strong>Hà Tĩnh</strong>.</p><h2>Liên hệ</h2><ul><li>Điện thoại: 0239 3 855 446</li></ul>"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.store.SaveTopic(context.Background(), news.System(), news.Topic{Slug: "bao-lu", Title: "Bão lũ miền Trung", Intro: "Diễn biến mưa lũ.",
		TagID: w.articles[0].Tags[0].ID, PinnedIDs: []int64{w.articles[1].ID}, InMenu: true, Active: true}); err != nil {
		t.Fatal(err)
	}
	episode := radioEpisode(t, w.store, w.section.ID)
	pages := map[string]string{
		"programme":   "/phat-thanh/thoi-su",
		"programmes":  "/phat-thanh/",
		"episode":     episode,
		"topic":       "/dong-su-kien/bao-lu",
		"topics":      "/dong-su-kien/",
		"home":        "/",
		"section":     "/thoi-su/",
		"day":         "/thoi-su/?ngay=2026-11-26",
		"article":     w.articles[4].Path(),
		"tag":         w.articles[0].Tags[0].Path(),
		"author":      "/tac-gia/thu-ha",
		"search":      "/tim-kiem?q=duong",
		"no-results":  "/tim-kiem?q=khong+co+gi",
		"not-found":   "/khong-co-trang-nay",
		"bad-request": "/thoi-su/?trang=abc",
		"static-page": "/gioi-thieu.html",
	}
	validateHTML(t, jar, w.url, pages, nil)
}

// validateHTML fetches each page (name → path under base, with header's
// fields, a reader's cookie say) and has the Nu HTML Checker read them
// all in one run; each error is reported with the page's name and line.
// Error pages are checked too: only a 5xx stops the test.
func validateHTML(t *testing.T, jar, base string, pages map[string]string, header http.Header) {
	t.Helper()
	dir := t.TempDir()
	var files []string
	for name, path := range pages {
		req, err := http.NewRequest(http.MethodGet, base+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		maps.Copy(req.Header, header)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode >= 500 {
			t.Fatalf("%s (%s): %d %v", name, path, resp.StatusCode, err)
		}
		f := filepath.Join(dir, name+".html")
		if err := os.WriteFile(f, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	out, err := exec.Command("java", append([]string{"-jar", jar, "--errors-only", "--format", "json", "--stdout"}, files...)...).Output()
	var report struct {
		Messages []struct {
			Type, URL, Message string
			LastLine           int
		}
	}
	if jerr := json.Unmarshal(out, &report); jerr != nil {
		t.Fatalf("vnu: %v / %v\n%s", err, jerr, out)
	}
	for _, m := range report.Messages {
		t.Errorf("%s:%d: %s: %s", filepath.Base(m.URL), m.LastLine, m.Type, m.Message)
	}
	if len(report.Messages) == 0 && err != nil {
		t.Fatalf("vnu failed: %v", err)
	}
	t.Logf("validated %d pages: %s", len(files), strings.Join(slices.Sorted(maps.Keys(pages)), ", "))
}
