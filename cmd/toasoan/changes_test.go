package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// within polls cond until it holds and fails the test if it does not
// within limit of start: for what must reach a running server in time.
func within(t *testing.T, start time.Time, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Since(start) > limit {
			t.Fatalf("%s: not within %v", what, limit)
		}
		<-tick.C
	}
	t.Logf("%s after %v", what, time.Since(start).Round(time.Millisecond))
}

// footerName is the paper's name in the footer of base's home page, and
// whether the page came from the page cache.
func footerName(t *testing.T, base string) (name string, cached bool) {
	t.Helper()
	resp, doc := fetch(t, base+"/")
	return strings.TrimSpace(doc.Find(".site-footer .footer-name").Text()), resp.Header.Get("X-Cache") == "HIT"
}

// A server running on SQLite shows, within 2 seconds, what other
// processes commit to its data folder: the paper's name set with
// "toasoan site set" (a process of its own), and an article published
// through a second server on the same file. Its home page is kept in the
// page cache before each change, so only the change notice can refresh it.
func TestSQLiteServerHearsOtherProcesses(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	first := startProcess(t, "--data", data)
	waitFor(t, "the home page to be kept", func() bool { _, cached := footerName(t, first.base); return cached })

	name := "Báo Thử Nghiệm Đồng Nai"
	out, err := exec.Command(binary(t), "site", "set", "name", name, "--data", data).CombinedOutput()
	if err != nil {
		t.Fatalf("toasoan site set: %v\n%s", err, out)
	}
	set := time.Now()
	if !strings.Contains(string(out), "đã lưu name") {
		t.Errorf("toasoan site set says %q", out)
	}
	within(t, set, 2*time.Second, "the new name on the running server", func() bool { got, _ := footerName(t, first.base); return got == name })

	second := startProcess(t, "--data", data, "--demo=false")
	api := adminAPI(t, second.base, "--data", data)
	sections := api.call("GET", "/api/v1/sections", "")["sections"].([]any)
	sectionID := jsonNumber(sections[0].(map[string]any)["id"].(float64))
	title := "Khánh thành cầu Cửa Hội nối Hà Tĩnh với Nghệ An"
	created := api.call("POST", "/api/v1/articles", `{"title":"`+title+`","lead":"Cây cầu mới nối đôi bờ sông Lam.","body":"<p>Sáng nay, cầu Cửa Hội được khánh thành.</p>","section_id":`+sectionID+`}`)
	id := jsonNumber(created["id"].(float64))
	homeHas := func(s string) bool { _, body, _ := page(t, first.base+"/"); return strings.Contains(body, s) }
	waitFor(t, "the home page to be kept again", func() bool { _, cached := footerName(t, first.base); return cached })
	if homeHas(title) {
		t.Fatal("the story is on the home page before it is published")
	}
	for _, to := range []string{"submitted", "edited", "published"} {
		api.call("POST", "/api/v1/articles/"+id+"/transitions", `{"to":"`+to+`"}`)
	}
	within(t, time.Now(), 2*time.Second, "the story published by the second server on the first's home page", func() bool { return homeHas(title) })
}

// On two servers sharing PostgreSQL, a change an administrator saves on
// the first server's settings page shows on the second's pages within 2
// seconds.
func TestSettingsPageReachesTheOtherServer(t *testing.T) {
	t.Parallel()
	source := postgresSource(t)
	first := startServer(t, "--database", source)
	second := startServer(t, "--database", source, "--demo=false")
	password := "mật khẩu quản trị 2026"
	var out strings.Builder
	err := Run(context.Background(), []string{"user", "add", "--email", "qt@baothu.vn", "--name", "Quản Trị", "--role", "admin", "--database", source},
		func(string) string { return "" }, strings.NewReader(password+"\n"), &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the second server to keep its home page", func() bool { _, cached := footerName(t, second.base); return cached })

	jar, _ := cookiejar.New(nil)
	admin := &http.Client{Jar: jar}
	post := func(path string, form url.Values) *http.Response {
		resp, err := admin.PostForm(first.base+path, form)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		return resp
	}
	if resp := post("/toasoan/dang-nhap", url.Values{"email": {"qt@baothu.vn"}, "password": {password}}); resp.StatusCode != http.StatusOK {
		t.Fatalf("signing in: %d", resp.StatusCode)
	}
	resp, err := admin.Get(first.base + "/toasoan/cai-dat")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	_ = resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("settings page: %d %v", resp.StatusCode, err)
	}
	form := url.Values{"csrf": {doc.Find(`meta[name="csrf-token"]`).AttrOr("content", "")}}
	doc.Find(".nr-form input:not([type=checkbox])").Each(func(_ int, in *goquery.Selection) {
		form.Set(in.AttrOr("name", ""), in.AttrOr("value", ""))
	})
	doc.Find(".nr-form input[type=checkbox][checked]").Each(func(_ int, in *goquery.Selection) {
		form.Add(in.AttrOr("name", ""), in.AttrOr("value", ""))
	})
	name := "Báo Thử Nghiệm Đồng Nai"
	form.Set("name", name)
	form.Set("editor_in_chief", "Trần Thị Thu")
	if resp := post("/toasoan/cai-dat", form); resp.StatusCode != http.StatusOK || resp.Request.URL.RawQuery != "ok=bao" {
		t.Fatalf("saving the settings: %d at %s", resp.StatusCode, resp.Request.URL)
	}
	within(t, time.Now(), 2*time.Second, "the new name on the second server", func() bool {
		got, _ := footerName(t, second.base)
		return got == name
	})
	if _, doc := fetch(t, second.base+"/"); !strings.Contains(doc.Find(".footer-legal").Text(), "Tổng biên tập: Trần Thị Thu") {
		t.Errorf("the second server's footer: %q", doc.Find(".site-footer").Text())
	}
}
