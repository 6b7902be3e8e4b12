package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// liveAPI calls the API with token (none: a reader) and decodes a JSON
// answer into out when it is not nil.
func liveAPI(t *testing.T, d *desk, method, path, token, body string, out any) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, d.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: %v\n%s", method, path, err, data)
		}
	}
	if resp.StatusCode >= 400 && !strings.Contains(string(data), `"message"`) {
		t.Errorf("%s %s: %d without a message: %s", method, path, resp.StatusCode, data)
	}
	return resp
}

type liveEntryReply struct {
	ID        int64     `json:"id"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
	Time      string    `json:"time"`
}

type liveListReply struct {
	Live    bool             `json:"live"`
	Ended   bool             `json:"ended"`
	EndedAt *time.Time       `json:"ended_at"`
	Entries []liveEntryReply `json:"entries"`
}

// An editor of the story's section runs its live coverage through the
// API; a reporter, a story not live or not published, and bodies with
// nothing to show are refused with Vietnamese messages and leave no
// entry; readers read the entries after the one they have, newest first,
// cacheable five seconds, and see the coverage end.
func TestLiveCoverageAPI(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		story := d.publishedArticle(t, "Bão số 3 đổ bộ Quảng Ninh")
		entries := "/api/v1/articles/" + itoa(story) + "/entries"
		live := "/api/v1/articles/" + itoa(story) + "/live"
		editor := apiToken(t, d.signIn(t, "editor"))
		reporter := apiToken(t, d.signIn(t, "reporter"))

		if resp := liveAPI(t, d, "POST", entries, editor, `{"body": "<p>Gió giật cấp 12.</p>"}`, nil); resp.StatusCode != http.StatusConflict {
			t.Errorf("entry on a story not live: %d, want 409", resp.StatusCode)
		}
		if resp := liveAPI(t, d, "GET", entries, "", "", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("entries of a story not live: %d, want 404", resp.StatusCode)
		}
		if resp := liveAPI(t, d, "POST", live, reporter, `{"live": true}`, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a reporter turns a story live: %d, want 403", resp.StatusCode)
		}
		var state liveListReply
		if resp := liveAPI(t, d, "POST", live, editor, `{"live": true}`, &state); resp.StatusCode != http.StatusOK || !state.Live || state.Ended {
			t.Fatalf("editor turns the story live: %d %+v", resp.StatusCode, state)
		}

		var first liveEntryReply
		resp := liveAPI(t, d, "POST", entries, editor, `{"body": "<p>9 giờ: bão vào Quảng Ninh, gió giật cấp 12.</p>"}`, &first)
		if resp.StatusCode != http.StatusCreated || first.ID == 0 || first.Body != "<p>9 giờ: bão vào Quảng Ninh, gió giật cấp 12.</p>" || first.CreatedAt.IsZero() {
			t.Fatalf("add entry: %d %+v", resp.StatusCode, first)
		}
		if resp := liveAPI(t, d, "POST", entries, reporter, `{"body": "<p>Tin của phóng viên.</p>"}`, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a reporter adds an entry: %d, want 403", resp.StatusCode)
		}
		bad := map[string]string{
			"empty":         `{"body": ""}`,
			"only a script": `{"body": "<script>alert(1)</script>"}`,
			"only spaces":   `{"body": "<p> &nbsp; </p>"}`,
			"oversized":     `{"body": "<p>` + strings.Repeat("mưa ", 5001) + `</p>"}`,
			"malformed":     `{"body": "<p>mưa`,
			"unknown field": `{"body": "<p>mưa</p>", "pinned": true}`,
			"wrong type":    `{"body": 5}`,
		}
		for name, body := range bad {
			if resp := liveAPI(t, d, "POST", entries, editor, body, nil); resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s body: %d, want 400 or 422", name, resp.StatusCode)
			}
		}
		var clean liveEntryReply
		liveAPI(t, d, "POST", entries, editor, `{"body": "<p onclick=\"x()\">Sơ tán 3.000 hộ dân<script>alert(1)</script></p>"}`, &clean)
		if strings.Contains(clean.Body, "script") || strings.Contains(clean.Body, "onclick") || !strings.Contains(clean.Body, "Sơ tán 3.000 hộ dân") {
			t.Errorf("sanitized entry %q", clean.Body)
		}
		var nfc liveEntryReply
		liveAPI(t, d, "POST", entries, editor, `{"body": "<p>Ha\u0323 Long mu\u031Ba to\u031B\u0301i</p>"}`, &nfc)
		if stored, err := d.store.LiveEntry(ctx, story, nfc.ID); err != nil || stored.Body != "<p>Hạ Long mưa tới</p>" {
			t.Errorf("decomposed Unicode stored as %q (%v), want NFC", stored.Body, err)
		}

		var all liveListReply
		resp = liveAPI(t, d, "GET", entries, "", "", &all)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "public, max-age=5" {
			t.Errorf("public entries: %d, Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
		if len(all.Entries) != 3 || all.Entries[0].ID != nfc.ID || all.Entries[2].ID != first.ID || all.Entries[2].Time == "" {
			t.Fatalf("entries newest first: %+v", all.Entries)
		}
		var newer liveListReply
		liveAPI(t, d, "GET", entries+"?after="+itoa(clean.ID), "", "", &newer)
		if len(newer.Entries) != 1 || newer.Entries[0].ID != nfc.ID {
			t.Errorf("after=%d: %+v", clean.ID, newer.Entries)
		}
		if resp := liveAPI(t, d, "GET", entries+"?after=x", "", "", nil); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("after=x: %d", resp.StatusCode)
		}

		var edited liveEntryReply
		if resp := liveAPI(t, d, "PUT", entries+"/"+itoa(first.ID), editor, `{"body": "<p>9 giờ 15: bão vào Quảng Ninh.</p>"}`, &edited); resp.StatusCode != http.StatusOK || edited.Body != "<p>9 giờ 15: bão vào Quảng Ninh.</p>" {
			t.Errorf("edit entry: %d %+v", resp.StatusCode, edited)
		}
		if resp := liveAPI(t, d, "DELETE", entries+"/"+itoa(clean.ID), reporter, "", nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a reporter deletes an entry: %d", resp.StatusCode)
		}
		if resp := liveAPI(t, d, "DELETE", entries+"/"+itoa(clean.ID), editor, "", nil); resp.StatusCode != http.StatusNoContent {
			t.Errorf("delete entry: %d", resp.StatusCode)
		}
		if resp := liveAPI(t, d, "DELETE", entries+"/"+itoa(clean.ID), editor, "", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("delete it again: %d", resp.StatusCode)
		}
		log, err := d.store.AuditLog(ctx, auditOf(story))
		if err != nil {
			t.Fatal(err)
		}
		actions := map[string]bool{}
		for _, e := range log {
			actions[e.Action] = true
		}
		for _, a := range []string{"live.start", "live.entry.add", "live.entry.edit", "live.entry.delete"} {
			if !actions[a] {
				t.Errorf("audit log lacks %s", a)
			}
		}

		// An editor of another section, and a story not published.
		other := d.publishedArticleIn(t, "Bão số 3: các trận đấu hoãn", d.other.ID)
		if resp := liveAPI(t, d, "POST", "/api/v1/articles/"+itoa(other)+"/live", editor, `{"live": true}`, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("an editor of another section: %d, want 403", resp.StatusCode)
		}
		chief := apiToken(t, d.signIn(t, "editor-in-chief"))
		liveAPI(t, d, "POST", "/api/v1/articles/"+itoa(other)+"/live", chief, `{"live": true}`, nil)
		if _, err := d.service.Transition(ctx, news.Actor{User: d.users["editor-in-chief"]}, other, news.Unpublished, "", time.Time{}); err != nil {
			t.Fatal(err)
		}
		if resp := liveAPI(t, d, "POST", "/api/v1/articles/"+itoa(other)+"/entries", chief, `{"body": "<p>Hoãn trận.</p>"}`, nil); resp.StatusCode != http.StatusConflict {
			t.Errorf("entry on a story taken down: %d, want 409", resp.StatusCode)
		}
		if resp := liveAPI(t, d, "GET", "/api/v1/articles/"+itoa(other)+"/entries", "", "", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("entries of a story taken down: %d, want 404", resp.StatusCode)
		}
		if resp := liveAPI(t, d, "POST", live, editor, `{}`, nil); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("live without a field: %d", resp.StatusCode)
		}

		// Ended: readers are told, and nothing more is added.
		if resp := liveAPI(t, d, "POST", live, editor, `{"ended": true}`, &state); resp.StatusCode != http.StatusOK || !state.Ended {
			t.Fatalf("end: %d %+v", resp.StatusCode, state)
		}
		liveAPI(t, d, "GET", entries+"?after="+itoa(nfc.ID), "", "", &all)
		if !all.Ended || all.EndedAt == nil || len(all.Entries) != 0 {
			t.Errorf("ended coverage reads %+v", all)
		}
		if resp := liveAPI(t, d, "POST", entries, editor, `{"body": "<p>Sau khi kết thúc.</p>"}`, nil); resp.StatusCode != http.StatusConflict {
			t.Errorf("entry after the end: %d, want 409", resp.StatusCode)
		}
		if got, err := d.store.LiveEntries(ctx, story, 0, 100); err != nil || len(got) != 2 {
			t.Errorf("stored entries %d (%v), want the 2 accepted and kept", len(got), err)
		}
	})
}

// The reader's page of a live story shows the badge and the entries,
// newest first with their time, is a LiveBlogPosting for search engines,
// and is dropped from the page cache by each new entry.
func TestLiveStoryPage(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			d := startCachedDesk(t, src.Source)
			ctx := context.Background()
			editor := news.Actor{User: d.users["editor"]}
			story := d.publishedArticle(t, "Bão số 3 đổ bộ Quảng Ninh")
			path := d.articlePath(t, story)
			if _, doc := get(t, d.url, path); doc.Find(".live").Length() != 0 || graphs(t, doc)["NewsArticle"] == nil {
				t.Fatal("an ordinary story shows live coverage, or is no NewsArticle")
			}
			if _, err := d.service.SetLive(ctx, editor, story, true); err != nil {
				t.Fatal(err)
			}
			if _, err := d.service.AddLiveEntry(ctx, editor, story, "<p>Gió mạnh ở Móng Cái.</p>"); err != nil {
				t.Fatal(err)
			}
			get(t, d.url, path)
			if resp, _ := get(t, d.url, path); resp.Header.Get("X-Cache") != "HIT" {
				t.Fatalf("the live story's page is not cached: X-Cache %q", resp.Header.Get("X-Cache"))
			}
			if _, err := d.service.AddLiveEntry(ctx, editor, story, "<p>Mất điện ở Hạ Long.</p>"); err != nil {
				t.Fatal(err)
			}
			resp, doc := get(t, d.url, path)
			if resp.Header.Get("X-Cache") == "HIT" {
				t.Error("a new entry left the cached page in place")
			}
			if text(doc, ".live-badge") != "Trực tiếp" || doc.Find("script[src*='live.']").Length() != 1 {
				t.Error("no Trực tiếp badge or no live.js")
			}
			bodies := doc.Find(".live-entry .live-body").Map(func(_ int, s *goquery.Selection) string { return strings.TrimSpace(s.Text()) })
			if len(bodies) != 2 || bodies[0] != "Mất điện ở Hạ Long." || bodies[1] != "Gió mạnh ở Móng Cái." {
				t.Errorf("entries on the page %q, want newest first", bodies)
			}
			if stamp := text(doc, ".live-entry .live-time time"); len(stamp) != 5 || stamp[2] != ':' {
				t.Errorf("entry time %q, want HH:MM", stamp)
			}
			blog := graphs(t, doc)["LiveBlogPosting"]
			if blog == nil || blog["coverageStartTime"] == nil || blog["coverageEndTime"] != nil || blog["headline"] != "Bão số 3 đổ bộ Quảng Ninh" {
				t.Fatalf("LiveBlogPosting %v", blog)
			}
			updates := blog["liveBlogUpdate"].([]any)
			u := updates[0].(map[string]any)
			if len(updates) != 2 || u["@type"] != "BlogPosting" || u["articleBody"] != "Mất điện ở Hạ Long." || u["headline"] != "Mất điện ở Hạ Long." || u["datePublished"] == nil {
				t.Errorf("liveBlogUpdate %v", updates)
			}

			if _, err := d.service.EndLive(ctx, editor, story); err != nil {
				t.Fatal(err)
			}
			_, doc = get(t, d.url, path)
			if !strings.HasPrefix(text(doc, ".live-ended"), "Đã kết thúc tường thuật lúc") || doc.Find(".live-badge, [data-live-feed], script[src*='live.']").Length() != 0 {
				t.Errorf("ended coverage: %q, badge or polling left", text(doc, ".live-ended"))
			}
			if blog := graphs(t, doc)["LiveBlogPosting"]; blog == nil || blog["coverageEndTime"] == nil {
				t.Errorf("ended LiveBlogPosting %v", blog)
			}
		})
	}
}

// The editor page's "Tường thuật trực tiếp" panel: an editor of the
// section turns the story live, posts plain lines as paragraphs, edits
// and deletes an entry, ends the coverage; a refusal keeps the typed
// text; a reporter sees no panel and is refused its forms.
func TestLivePanelInTheNewsroom(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		story := d.publishedArticle(t, "Bão số 3 đổ bộ Quảng Ninh")
		page := "/toasoan/bai-viet/" + itoa(story)
		editor := d.signIn(t, "editor")
		if _, doc := editor.get(page); doc.Find("#truc-tiep").Length() != 1 {
			t.Fatal("no live panel for the section's editor")
		}
		if resp, _ := editor.post(page+"/truc-tiep", url.Values{"action": {"bat"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("turn live: %d", resp.StatusCode)
		}
		resp, _ := editor.post(page+"/truc-tiep/dien-bien", url.Values{"body": {"10 giờ: mưa lớn ở Hạ Long.\r\nCây đổ trên đường <Hạ Long>."}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("add entry: %d", resp.StatusCode)
		}
		entries, err := d.store.LiveEntries(ctx, story, 0, 10)
		if err != nil || len(entries) != 1 || entries[0].Body != "<p>10 giờ: mưa lớn ở Hạ Long.</p><p>Cây đổ trên đường &lt;Hạ Long&gt;.</p>" {
			t.Fatalf("stored entries %+v (%v)", entries, err)
		}
		resp, doc := editor.post(page+"/truc-tiep/dien-bien", url.Values{"body": {"<script>alert(1)</script>"}})
		if resp.StatusCode != http.StatusBadRequest || errorText(doc) != "Vui lòng nhập nội dung diễn biến (chữ, ảnh hoặc video)" ||
			doc.Find("#dien-bien-moi").Text() != "<script>alert(1)</script>" {
			t.Errorf("empty entry: %d %q, text kept %q", resp.StatusCode, errorText(doc), doc.Find("#dien-bien-moi").Text())
		}
		entry := page + "/truc-tiep/dien-bien/" + itoa(entries[0].ID)
		if resp, _ := editor.post(entry, url.Values{"body": {"<p>10 giờ 05: mưa lớn ở Hạ Long.</p>"}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("edit entry: %d", resp.StatusCode)
		}
		if got, _ := d.store.LiveEntry(ctx, story, entries[0].ID); got.Body != "<p>10 giờ 05: mưa lớn ở Hạ Long.</p>" {
			t.Errorf("edited entry %q", got.Body)
		}
		reporter := d.signIn(t, "reporter")
		if _, doc := reporter.get(page); doc.Find("#truc-tiep").Length() != 0 {
			t.Error("a reporter sees the live panel")
		}
		if resp, doc := reporter.post(page+"/truc-tiep/dien-bien", url.Values{"body": {"Tin của phóng viên"}}); resp.StatusCode != http.StatusForbidden || !strings.Contains(errorText(doc), "tường thuật trực tiếp") {
			t.Errorf("a reporter's entry: %d %q", resp.StatusCode, errorText(doc))
		}
		if resp, _ := editor.post(entry+"/xoa", nil); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("delete entry: %d", resp.StatusCode)
		}
		if resp, _ := editor.post(entry+"/xoa", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("delete it again: %d", resp.StatusCode)
		}
		editor.post(page+"/truc-tiep", url.Values{"action": {"ket-thuc"}})
		_, doc = editor.get(page)
		if !strings.HasPrefix(text(doc, "#truc-tiep p"), "Đã kết thúc tường thuật lúc") || doc.Find("#dien-bien-moi").Length() != 0 {
			t.Errorf("ended panel: %q", text(doc, "#truc-tiep p"))
		}
		if resp, _ := editor.post(page+"/truc-tiep", url.Values{"action": {"nhay"}}); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("unknown action: %d", resp.StatusCode)
		}
	})
}
