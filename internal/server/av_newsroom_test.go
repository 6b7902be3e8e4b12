package server_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// formPart is one field of a form as a browser sends it: a file when
// filename is set.
type formPart struct{ name, filename, content string }

// postForm posts parts in order as multipart/form-data, with no CSRF
// header: the token is whatever the parts carry, as from a page's form.
func postForm(t *testing.T, b *browser, path string, parts ...formPart) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		var w io.Writer
		var err error
		if p.filename != "" {
			w, err = mw.CreateFormFile(p.name, p.filename)
		} else {
			w, err = mw.CreateFormField(p.name)
		}
		if err == nil {
			_, err = io.WriteString(w, p.content)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, b.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := b.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// The newsroom's "Video và âm thanh": a reporter uploads from the page's
// form (the token first, then the file, streamed), sees the item with its
// progress in the page and the status JSON; a forged form is 403 and
// stores nothing; a moderator is 403; editors see everyone's items.
func TestNewsroomVideoUpload(t *testing.T) {
	needFFmpeg(t)
	clip := testClip(t, 2)
	eachSource(t, func(t *testing.T, source string) {
		d := startAVDesk(t, source, 64<<20, false)
		reporter := d.signIn(t, string(news.Reporter))
		if resp, _ := reporter.get("/toasoan/video"); resp.StatusCode != http.StatusOK {
			t.Fatalf("the page: %d", resp.StatusCode)
		}
		forged := []struct {
			name  string
			parts []formPart
		}{
			{"wrong token", []formPart{{"csrf", "", "gia-mao"}, {"file", "a.mp4", string(clip)}}},
			{"no token", []formPart{{"title", "", "x"}, {"file", "a.mp4", string(clip)}}},
			{"the file before the token", []formPart{{"file", "a.mp4", string(clip)}, {"csrf", "", reporter.csrf}}},
		}
		for _, f := range forged {
			if resp, _ := postForm(t, reporter, "/toasoan/video", f.parts...); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s: %d", f.name, resp.StatusCode)
			}
		}
		resp, body := postForm(t, reporter, "/toasoan/video", formPart{"csrf", "", reporter.csrf}, formPart{"file", "a.txt", "không phải video"})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "không phải video hay âm thanh") {
			t.Errorf("not media from the form: %d", resp.StatusCode)
		}
		if items, _ := d.store.MediaItems(context.Background(), store.MediaItemFilter{}); len(items) != 0 {
			t.Fatalf("refused forms stored %d items", len(items))
		}
		if left, _ := os.ReadDir(d.inbox); len(left) != 0 {
			t.Fatalf("refused forms left %d files in the inbox", len(left))
		}

		resp, body = postForm(t, reporter, "/toasoan/video", formPart{"csrf", "", reporter.csrf},
			formPart{"title", "", "Bản tin 18 giờ"}, formPart{"file", "ban tin; rm -rf.mp4", string(clip)})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/toasoan/video?ok=tai-len" {
			t.Fatalf("upload from the form: %d %s", resp.StatusCode, body)
		}
		resp, doc := reporter.get("/toasoan/video")
		if resp.StatusCode != http.StatusOK || doc.Find(`li[data-status="processing"] progress`).Length() != 1 ||
			!strings.Contains(doc.Find(".nr-av").Text(), "Bản tin 18 giờ") {
			t.Errorf("the page after the upload: %d %q", resp.StatusCode, doc.Find(".nr-av").Text())
		}
		resp, statuses := reporter.get("/toasoan/video/trang-thai")
		if resp.StatusCode != http.StatusOK || !strings.Contains(statuses.Text(), `"status":"processing"`) {
			t.Errorf("statuses: %d %s", resp.StatusCode, statuses.Text())
		}
		if resp, _ := d.signIn(t, string(news.Moderator)).get("/toasoan/video"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a moderator: %d", resp.StatusCode)
		}
		other := d.addMember(t, "phong-vien-2", news.Reporter)
		if _, doc := other.get("/toasoan/video"); doc.Find("li[data-id]").Length() != 0 {
			t.Errorf("another reporter sees %d items", doc.Find("li[data-id]").Length())
		}
		if _, doc := d.signIn(t, string(news.Editor)).get("/toasoan/video"); doc.Find("li[data-id]").Length() != 1 {
			t.Errorf("an editor sees %d items", doc.Find("li[data-id]").Length())
		}
	})
}

// A ready video's poster is chosen among its frames and its WebVTT
// captions are checked, stored in its folder and served; a failed one is
// tried again. Each is audited.
func TestNewsroomVideoPosterCaptionsRetry(t *testing.T) {
	eachSource(t, func(t *testing.T, source string) {
		d := startAVDesk(t, source, 1<<20, false)
		ctx := context.Background()
		reporter := d.signIn(t, string(news.Reporter))
		by := news.Actor{User: d.users[string(news.Reporter)]}
		const dir = "ab/ab0123456789abcdef0123456789abcd"
		if err := os.MkdirAll(filepath.Join(d.media, filepath.FromSlash(dir)), 0o755); err != nil {
			t.Fatal(err)
		}
		item, err := d.store.CreateMediaItem(ctx, by, news.MediaItem{Kind: news.VideoMedia, Title: "Phóng sự", Source: "a.mp4"}, "transcode-video", `{"source":"a.mp4"}`)
		if err != nil {
			t.Fatal(err)
		}
		posters := []string{dir + "/poster-1.jpg", dir + "/poster-2.jpg"}
		if err := d.store.MediaItemReady(ctx, item.ID, store.MediaOutputs{Dir: dir, Master: dir + "/master.m3u8", Posters: posters, Duration: 5 * time.Second}); err != nil {
			t.Fatal(err)
		}
		base := "/toasoan/video/" + strconv.FormatInt(item.ID, 10)
		reporter.get("/toasoan/video")
		if resp, _ := reporter.post(base+"/anh-dai-dien", map[string][]string{"poster": {"../../etc/passwd"}}); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("a poster not among the frames: %d", resp.StatusCode)
		}
		if resp, _ := reporter.post(base+"/anh-dai-dien", map[string][]string{"poster": {posters[1]}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("choosing a frame: %d", resp.StatusCode)
		}
		if m, _ := d.store.MediaItem(ctx, item.ID); m.Poster != posters[1] {
			t.Errorf("poster %q", m.Poster)
		}
		for name, vtt := range map[string]string{
			"SubRip":      "1\n00:00:01,000 --> 00:00:02,000\nxin chào\n",
			"a playlist":  "#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n",
			"not UTF-8":   "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\xff\n",
			"bad timings": "WEBVTT\n\n1 --> 2\nx\n",
		} {
			resp, body := postForm(t, reporter, base+"/phu-de", formPart{"csrf", "", reporter.csrf}, formPart{"captions", "a.vtt", vtt})
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "phụ đề") {
				t.Errorf("%s captions: %d", name, resp.StatusCode)
			}
		}
		good := "WEBVTT\n\n00:00:00.500 --> 00:00:03.000\nLũ về Hương Khê\n"
		if resp, _ := postForm(t, reporter, base+"/phu-de", formPart{"csrf", "", reporter.csrf}, formPart{"captions", "a.vtt", good}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("good captions: %d", resp.StatusCode)
		}
		m, _ := d.store.MediaItem(ctx, item.ID)
		resp, body := fetchPublic(t, d.url, "/media/av/"+m.Captions)
		if !strings.HasPrefix(m.Captions, dir+"/captions-") || resp.StatusCode != http.StatusOK ||
			!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/vtt") || string(body) != good {
			t.Errorf("captions %q served %d %s", m.Captions, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if resp, _ := postForm(t, reporter, base+"/phu-de", formPart{"csrf", "", "gia-mao"}, formPart{"captions", "a.vtt", good}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("forged captions form: %d", resp.StatusCode)
		}

		failed, err := d.store.CreateMediaItem(ctx, by, news.MediaItem{Kind: news.VideoMedia, Source: "b.mp4"}, "transcode-video", `{"source":"b.mp4"}`)
		if err != nil {
			t.Fatal(err)
		}
		job, ok, err := d.store.ClaimJob(ctx, "test", []string{"transcode-video"}, time.Now(), time.Minute)
		for ok && err == nil && job.ID != failed.JobID {
			job, ok, err = d.store.ClaimJob(ctx, "test", []string{"transcode-video"}, time.Now(), time.Minute)
		}
		if err != nil || !ok {
			t.Fatalf("claim: %v %v", ok, err)
		}
		if _, err := d.store.FailJob(ctx, job.ID, "test", "Tệp video bị hỏng hoặc không đầy đủ", time.Now(), time.Time{}); err != nil {
			t.Fatal(err)
		}
		_, doc := reporter.get("/toasoan/video")
		if !strings.Contains(doc.Find(`li[data-status="failed"]`).Text(), "Tệp video bị hỏng hoặc không đầy đủ") {
			t.Errorf("the failure's reason is not shown: %q", doc.Find(".nr-av").Text())
		}
		retry := "/toasoan/video/" + strconv.FormatInt(failed.ID, 10) + "/thu-lai"
		if resp, _ := reporter.post(retry, nil); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("Thử lại: %d", resp.StatusCode)
		}
		if m, _ := d.store.MediaItem(ctx, failed.ID); m.Status != news.MediaProcessing {
			t.Errorf("after Thử lại the item is %s", m.Status)
		}
		if resp, _ := d.addMember(t, "phong-vien-2", news.Reporter).post(retry, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("another reporter's Thử lại: %d", resp.StatusCode)
		}
		entries, err := d.store.AuditLog(ctx, store.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		actions := map[string]bool{}
		for _, e := range entries {
			actions[e.Action] = true
		}
		for _, a := range []string{"media.poster", "media.captions", "media_job.retry", "media.upload"} {
			if !actions[a] {
				t.Errorf("no audit entry %s", a)
			}
		}
	})
}
