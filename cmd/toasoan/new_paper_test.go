package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/store/storetest"
)

// TestANewPaperWithoutTheDemo is a paper's first Monday on toasoan, from
// the outside: started with --demo=false, its administrator makes a
// section through the API; a reporter added at the shell writes a story
// through the API under her own name; once published, readers see her
// byline; at night the managing editor corrects it with a note readers
// see at the end of the story.
func TestANewPaperWithoutTheDemo(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			data := t.TempDir()
			storeArgs := []string{"--data", data}
			if src.Name == "postgres" {
				storeArgs = append(storeArgs, "--database", src.Source)
			}
			srv := startServer(t, append([]string{"--demo=false"}, storeArgs...)...)
			shell := func(stdin string, args ...string) string {
				t.Helper()
				var out bytes.Buffer
				if err := Run(context.Background(), append(args, storeArgs...), func(string) string { return "" }, strings.NewReader(stdin), &out, io.Discard); err != nil {
					t.Fatalf("toasoan %s: %v", strings.Join(args, " "), err)
				}
				return out.String()
			}
			member := func(email, name, role string) apiClient {
				shell("mật khẩu của tòa soạn 2026\n", "user", "add", "--email", email, "--name", name, "--role", role)
				return apiClient{t: t, base: srv.base, token: strings.TrimSpace(shell("", "token", "create", "--email", email))}
			}

			admin := adminAPI(t, srv.base, storeArgs...)
			if sections := admin.call("GET", "/api/v1/sections", "")["sections"].([]any); len(sections) != 0 {
				t.Fatalf("a paper without the demo starts with sections: %v", sections)
			}
			section := admin.call("POST", "/api/v1/sections", `{"name": "Thời sự", "slug": "thoi-su"}`)
			if section["slug"] != "thoi-su" || section["parent_id"] != nil {
				t.Fatalf("section made through the API: %v", section)
			}
			sectionID := int64(section["id"].(float64))

			reporter := member("thuha@baohatinh.vn", "Nguyễn Thu Hà", "reporter")
			story := reporter.call("POST", "/api/v1/articles", fmt.Sprintf(`{"title": "Xã Thạch Lạc khánh thành cầu mới",
				"lead": "Cây cầu bắc qua sông Rào Cái nối hai thôn.", "body": "<p>Cây cầu dài 120 m.</p>", "section_id": %d}`, sectionID))
			authors := story["authors"].([]any)
			if len(authors) != 1 || authors[0].(map[string]any)["name"] != "Nguyễn Thu Hà" {
				t.Fatalf("a reporter's story is signed %v, want her pen name", authors)
			}
			id := int64(story["id"].(float64))
			move := func(c apiClient, to string) map[string]any {
				return c.call("POST", fmt.Sprintf("/api/v1/articles/%d/transitions", id), `{"to": "`+to+`"}`)
			}
			move(reporter, "submitted")
			move(admin, "edited") // the first administrator is also the editor-in-chief
			published := move(admin, "published")

			path := published["url"].(string)
			resp, page := fetch(t, srv.base+path)
			if byline := strings.TrimSpace(page.Find(".byline").Text()); resp.StatusCode != 200 || byline != "Nguyễn Thu Hà" {
				t.Fatalf("the published page (%d) is signed %q, want “Nguyễn Thu Hà”", resp.StatusCode, byline)
			}

			managing := member("tk@baohatinh.vn", "Trần Thư Ký", "managing-editor")
			note := "Bài viết đã sửa chiều dài cây cầu: 120 m, không phải 210 m như bản đăng lúc đầu."
			corrected := managing.call("PUT", fmt.Sprintf("/api/v1/articles/%d", id), fmt.Sprintf(`{"revision": %d,
				"body": "<p>Cây cầu dài 120 m.</p><p>Kinh phí 15 tỷ đồng.</p>", "correction": %q}`, int(published["revision"].(float64)), note))
			if corrected["correction"] != note || corrected["corrected_at"] == nil {
				t.Fatalf("the correction as stored: %v at %v", corrected["correction"], corrected["corrected_at"])
			}
			_, page = fetch(t, srv.base+path)
			if got := strings.TrimSpace(page.Find(".correction p").First().Text()); got != note {
				t.Fatalf("readers see the correction %q, want %q", got, note)
			}
			if !strings.Contains(page.Find(".correction").Text(), "Ghi chú của tòa soạn") || page.Find(".correction time").AttrOr("datetime", "") == "" {
				t.Fatalf("the note lacks its heading or time: %q", page.Find(".correction").Text())
			}
		})
	}
}
