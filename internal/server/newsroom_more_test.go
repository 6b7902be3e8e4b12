package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/news"
)

// publishedArticle makes an article and publishes it through the service.
func (d *desk) publishedArticle(t *testing.T, title string) int64 {
	t.Helper()
	return d.publishedArticleIn(t, title, d.section.ID)
}

// publishedArticleIn is publishedArticle in another section.
func (d *desk) publishedArticleIn(t *testing.T, title string, sectionID int64) int64 {
	t.Helper()
	ctx := context.Background()
	chief := news.Actor{User: d.users["editor-in-chief"]}
	a, err := d.service.Create(ctx, chief, editorial.ArticleInput{Title: title, Lead: "Sapô.", Body: "<p>Nội dung ban đầu.</p>", SectionID: sectionID})
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []string{"submitted", "edited", "published"} {
		if _, err := d.service.Transition(ctx, chief, a.ID, statusOf(t, to), "", time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	return a.ID
}

func TestTwoFactorSignIn(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		b := d.signIn(t, "editor")
		_, doc := b.get("/toasoan/tai-khoan")
		secret := doc.Find(`input[name="secret"]`).AttrOr("value", "")
		if secret == "" {
			t.Fatal("no two-factor setup on the account page")
		}
		if resp, doc := b.post("/toasoan/tai-khoan/hai-buoc", url.Values{"secret": {secret}, "code": {"000000"}}); resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("wrong code enabled two-factor: %d %q", resp.StatusCode, errorText(doc))
		}
		code, _ := auth.TOTPCode(secret, d.clock.now())
		if resp, _ := b.post("/toasoan/tai-khoan/hai-buoc", url.Values{"secret": {secret}, "code": {code}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("enabling two-factor: %d", resp.StatusCode)
		}
		other := d.browser(t)
		resp, _ := other.post("/toasoan/dang-nhap", url.Values{"email": {d.users["editor"].Email}, "password": {d.password}})
		if !strings.HasPrefix(resp.Header.Get("Location"), "/toasoan/xac-thuc") {
			t.Fatalf("password alone led to %q", resp.Header.Get("Location"))
		}
		if resp, _ := other.get("/toasoan/"); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("half-signed-in session reached the dashboard: %d", resp.StatusCode)
		}
		other.get("/toasoan/xac-thuc")
		if resp, _ := other.post("/toasoan/xac-thuc", url.Values{"code": {"123456"}}); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong code: %d", resp.StatusCode)
		}
		d.clock.advance(30 * time.Second)
		code, _ = auth.TOTPCode(secret, d.clock.now())
		if resp, _ := other.post("/toasoan/xac-thuc", url.Values{"code": {code}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("right code: %d", resp.StatusCode)
		}
		if resp, _ := other.get("/toasoan/"); resp.StatusCode != http.StatusOK {
			t.Fatalf("dashboard after two-factor: %d", resp.StatusCode)
		}
		replay := d.browser(t)
		replay.post("/toasoan/dang-nhap", url.Values{"email": {d.users["editor"].Email}, "password": {d.password}})
		replay.get("/toasoan/xac-thuc")
		if resp, _ := replay.post("/toasoan/xac-thuc", url.Values{"code": {code}}); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("a used code worked again: %d", resp.StatusCode)
		}
	})
}

func TestCorrectionAndEmbargo(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		id := d.publishedArticle(t, "Giá lúa tăng mạnh")
		a, _ := d.store.Article(context.Background(), id)
		path := a.Path()
		if _, doc := d.browser(t).get(path); doc.Find(".updated").Length() != 0 {
			t.Fatal("a fresh article shows an update time")
		}
		// An editor is not one of the paper's correctors (TestCorrectionsAtNight
		// has the managing editor's corrections).
		editor := d.signIn(t, "editor")
		if _, doc := editor.get("/toasoan/bai-viet/" + itoa(id)); doc.Find("#article-form").Length() != 0 {
			t.Fatal("an editor is offered the form of a live article")
		}
		form := articleForm(d.section.ID, "Giá lúa tăng")
		form.Set("revision", itoa(int64(a.Revision)))
		if resp, _ := editor.post("/toasoan/bai-viet/"+itoa(id), form); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("an editor correcting a live article: %d", resp.StatusCode)
		}
		chief := d.signIn(t, "editor-in-chief")
		form.Set("revision", openForm(t, chief, id))
		d.clock.advance(time.Hour)
		if resp, doc := chief.post("/toasoan/bai-viet/"+itoa(id), form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("correction: %d %q", resp.StatusCode, errorText(doc))
		}
		resp, _ := d.browser(t).get(path)
		if resp.StatusCode != http.StatusMovedPermanently {
			t.Fatalf("old URL after a title change: %d", resp.StatusCode)
		}
		resp, doc := d.browser(t).get(resp.Header.Get("Location"))
		if resp.StatusCode != 200 || !strings.HasPrefix(text(doc, ".updated"), "Cập nhật lúc") || text(doc, "h1") != "Giá lúa tăng" {
			t.Fatalf("corrected article: %d %q %q", resp.StatusCode, text(doc, ".updated"), text(doc, "h1"))
		}

		// An embargo holds publication until its time, and bounds scheduling.
		reporter := d.signIn(t, "reporter")
		site, _ := d.store.Site(context.Background())
		embargo := d.clock.now().Add(3 * time.Hour).In(site.Location)
		form = articleForm(d.section.ID, "Kết quả thi học sinh giỏi")
		form.Set("embargo_until", embargo.Format("2006-01-02T15:04"))
		eid := createArticle(t, reporter, form)
		move(t, reporter, eid, "submitted", nil)
		managing := d.signIn(t, "managing-editor")
		move(t, managing, eid, "edited", nil)
		if code, msg := move(t, managing, eid, "published", nil); code != http.StatusBadRequest || !strings.Contains(msg, "cấm đăng") {
			t.Fatalf("publishing under embargo: %d %q", code, msg)
		}
		early := embargo.Add(-time.Hour).Format("2006-01-02T15:04")
		if code, msg := move(t, managing, eid, "scheduled", url.Values{"at": {early}}); code != http.StatusBadRequest || !strings.Contains(msg, "cấm đăng") {
			t.Fatalf("scheduling before the embargo: %d %q", code, msg)
		}
		d.clock.advance(4 * time.Hour)
		if code, msg := move(t, managing, eid, "published", nil); code != http.StatusSeeOther {
			t.Fatalf("publishing after the embargo: %d %q", code, msg)
		}
	})
}

func TestHomePins(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		older := d.publishedArticle(t, "Bài cũ được ghim lên đầu")
		d.clock.advance(time.Minute)
		d.publishedArticle(t, "Bài mới nhất")
		_, doc := d.browser(t).get("/")
		if text(doc, ".lead-title") != "Bài mới nhất" {
			t.Fatalf("lead before pinning: %q", text(doc, ".lead-title"))
		}
		reporter := d.signIn(t, "reporter")
		if resp, _ := reporter.post("/toasoan/trang-chu", url.Values{"slot0": {itoa(older)}}); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("reporter pinning: %d", resp.StatusCode)
		}
		managing := d.signIn(t, "managing-editor")
		if resp, doc := managing.post("/toasoan/trang-chu", url.Values{"slot0": {itoa(older)}, "slot1": {itoa(older)}}); resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("one article in two slots: %d %q", resp.StatusCode, text(doc, ".error-page h1 + p"))
		}
		if resp, _ := managing.post("/toasoan/trang-chu", url.Values{"slot0": {itoa(older)}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("pinning: %d", resp.StatusCode)
		}
		_, doc = d.browser(t).get("/")
		if text(doc, ".lead-title") != "Bài cũ được ghim lên đầu" {
			t.Fatalf("lead after pinning: %q", text(doc, ".lead-title"))
		}
		// A section's pins lead its first page.
		if _, doc := d.browser(t).get("/thoi-su/"); text(doc, ".row-title") != "Bài mới nhất" {
			t.Fatalf("section before pinning: %q", text(doc, ".row-title"))
		}
		if resp, _ := managing.post("/toasoan/trang-chu", url.Values{"muc": {itoa(d.section.ID)}, "slot0": {itoa(older)}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("pinning in the section: %d", resp.StatusCode)
		}
		_, doc = d.browser(t).get("/thoi-su/")
		if text(doc, ".row-title") != "Bài cũ được ghim lên đầu" || doc.Find(".row").Length() != 2 {
			t.Fatalf("section after pinning: %q, %d rows", text(doc, ".row-title"), doc.Find(".row").Length())
		}
	})
}

func TestRestoreRevision(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		b := d.signIn(t, "reporter")
		id := createArticle(t, b, articleForm(d.section.ID, "Tiêu đề đầu tiên"))
		rev := openForm(t, b, id)
		form := articleForm(d.section.ID, "Tiêu đề thứ hai")
		form.Set("revision", rev)
		b.post("/toasoan/bai-viet/"+itoa(id), form)
		_, doc := b.get("/toasoan/bai-viet/" + itoa(id) + "/phien-ban")
		first := doc.Find(`input[name="tu"]`).Last().AttrOr("value", "")
		current := doc.Find(`form[id^="restore-"] input[name="revision"]`).First().AttrOr("value", "")
		resp, _ := b.post("/toasoan/bai-viet/"+itoa(id)+"/khoi-phuc", url.Values{"revision_id": {first}, "revision": {current}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("restore: %d", resp.StatusCode)
		}
		a, _ := d.store.Article(context.Background(), id)
		if a.Title != "Tiêu đề đầu tiên" || a.Revision != 3 {
			t.Fatalf("after restore: %q rev %d", a.Title, a.Revision)
		}
	})
}
