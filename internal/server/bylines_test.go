package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/news"
)

// Bylines in the newsroom: the managing editor adds a contributor with a
// photo and a bio; a reporter's story is signed with her pen name by
// default and carries a credit line; she renames her own pen name (not
// another's) and readers see the new name on the story at once; the
// author page shows the photo and the bio.
func TestBylinesInTheNewsroom(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		managing := d.signIn(t, "managing-editor")
		resp, body := managing.upload("/toasoan/media", "chan-dung.png", pngPhoto(t, 90), nil, true)
		var photo struct{ ID int64 }
		if err := json.Unmarshal(body, &photo); resp.StatusCode != http.StatusCreated || err != nil {
			t.Fatalf("upload: %d %s", resp.StatusCode, body)
		}
		resp, _ = managing.post("/toasoan/tac-gia", url.Values{"name": {norm.NFD.String("Lê Cộng Tác")},
			"bio": {"Cộng tác viên ở Kỳ Anh.\n\nViết về biển và nghề cá."}, "photo_image_id": {itoa(photo.ID)}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("add a contributor: %d", resp.StatusCode)
		}
		contributor, err := d.store.AuthorBySlug(ctx, "le-cong-tac")
		if err != nil || contributor.Name != "Lê Cộng Tác" || contributor.PhotoImageID != photo.ID {
			t.Fatalf("contributor: %+v, %v", contributor, err)
		}
		_, list := managing.get("/toasoan/tac-gia")
		if !strings.Contains(list.Find(".nr-table").Text(), "Lê Cộng Tác") || !strings.Contains(list.Find(".nr-table").Text(), d.users["reporter"].Name) {
			t.Fatalf("the authors page lists: %q", list.Find(".nr-table").Text())
		}

		reporter := d.signIn(t, "reporter")
		_, form := reporter.get("/toasoan/bai-viet/moi")
		penName := d.users["reporter"].AuthorID
		if got := form.Find(`#author_ids option[selected]`).AttrOr("value", ""); got != itoa(penName) {
			t.Fatalf("a new story is signed %q, want the reporter's pen name %d", got, penName)
		}
		story := articleForm(d.section.ID, "Mùa cá trích ở Kỳ Anh")
		story.Set("author_ids", itoa(penName))
		story.Add("author_ids", itoa(contributor.ID))
		story.Set("credit", norm.NFD.String("Nhóm phóng viên Kinh tế"))
		resp, _ = reporter.post("/toasoan/bai-viet", story)
		id := mustID(t, resp.Header.Get("Location"))
		chief := news.Actor{User: d.users["editor-in-chief"]}
		for _, to := range []news.Status{news.Submitted, news.Edited, news.Published} {
			if _, err := d.service.Transition(ctx, chief, id, to, "", d.clock.now()); err != nil {
				t.Fatal(err)
			}
		}
		a, err := d.store.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		reader := d.browser(t)
		_, page := reader.get(a.Path())
		if got := strings.Join(strings.Fields(page.Find(".byline").Text()), " "); got != d.users["reporter"].Name+", Lê Cộng Tác - Nhóm phóng viên Kinh tế" {
			t.Fatalf("byline %q", got)
		}

		// The reporter renames her own pen name; another's is not hers.
		resp, doc := reporter.post("/toasoan/tac-gia/"+itoa(penName), url.Values{"name": {"Thu Hà"}, "bio": {"Phóng viên Thời sự."}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("rename own pen name: %d %q", resp.StatusCode, errorText(doc))
		}
		if resp, _ := reporter.post("/toasoan/tac-gia/"+itoa(contributor.ID), url.Values{"name": {"Đổi tên người khác"}}); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("renaming another's byline: %d", resp.StatusCode)
		}
		if resp, _ := reporter.get("/toasoan/tac-gia"); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("a reporter opened the authors list: %d", resp.StatusCode)
		}
		_, page = reader.get(a.Path())
		if got := page.Find(".byline a").First().Text(); got != "Thu Hà" {
			t.Fatalf("after the rename readers see %q (a cached page?)", got)
		}

		_, profile := reader.get(contributor.Path())
		if profile.Find("img.profile-photo").Length() != 1 || profile.Find(".intro").Length() != 2 ||
			profile.Find(".intro").Last().Text() != "Viết về biển và nghề cá." {
			t.Fatalf("author page: photo %d, bio %q", profile.Find("img.profile-photo").Length(), profile.Find(".intro").Text())
		}
	})
}

// Refusals on the authors pages answer on the form, keep what was typed
// and write nothing.
func TestBylineRefusals(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		before, err := d.store.Authors(ctx)
		if err != nil {
			t.Fatal(err)
		}
		managing := d.signIn(t, "managing-editor")
		cases := []struct {
			name string
			form url.Values
			want string
		}{
			{"markup in the name", url.Values{"name": {`<img src=x onerror=alert(1)>`}}, "Bút danh không được chứa thẻ HTML"},
			{"markup in the bio", url.Values{"name": {"Tên"}, "bio": {`<script>alert(1)</script>`}}, "không được chứa thẻ HTML"},
			{"no name", url.Values{"name": {"  "}}, "Vui lòng nhập bút danh"},
			{"a name too long", url.Values{"name": {strings.Repeat("Nguyễn ", 30)}}, "tối đa 100 ký tự"},
			{"a bio too long", url.Values{"name": {"Tên"}, "bio": {strings.Repeat("đ", 1001)}}, "tối đa 1000 ký tự"},
			{"a photo not in the library", url.Values{"name": {"Tên"}, "photo_image_id": {"987654"}}, "không có trong thư viện"},
			{"a photo that is not a number", url.Values{"name": {"Tên"}, "photo_image_id": {"1 OR 1=1"}}, "Ảnh tác giả không hợp lệ"},
			{"a taken address", url.Values{"name": {"Trùng"}, "slug": {d.mustAuthor(t, "reporter").Slug}}, "đã được dùng"},
		}
		for _, c := range cases {
			resp, doc := managing.post("/toasoan/tac-gia", c.form)
			if resp.StatusCode < 400 || resp.StatusCode >= 500 || !strings.Contains(errorText(doc), c.want) {
				t.Errorf("%s: %d %q, want a refusal saying %q", c.name, resp.StatusCode, errorText(doc), c.want)
			}
			if typed := doc.Find("#author-name").AttrOr("value", ""); typed != c.form.Get("name") {
				t.Errorf("%s: the form lost what was typed: %q", c.name, typed)
			}
		}
		if resp, _ := managing.post("/toasoan/tac-gia", url.Values{"name": {"Giả mạo"}, "csrf": {"sai"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("forged form: %d", resp.StatusCode)
		}
		if resp, _ := d.signIn(t, "moderator").post("/toasoan/tac-gia", url.Values{"name": {"Kiểm duyệt"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a moderator made a byline: %d", resp.StatusCode)
		}
		after, err := d.store.Authors(ctx)
		if err != nil || len(after) != len(before) {
			t.Fatalf("refused bylines were written: %d authors, want %d (%v)", len(after), len(before), err)
		}
	})
}

// mustAuthor is the pen name of the desk's member of role.
func (d *desk) mustAuthor(t *testing.T, role string) news.Author {
	t.Helper()
	au, err := d.store.AuthorByID(context.Background(), d.users[role].AuthorID)
	if err != nil {
		t.Fatal(err)
	}
	return au
}

// Corrections at night: the managing editor corrects a published story
// with a note readers see at its end, dated; the note is refused on a
// draft; the paper can keep corrections to the editor-in-chief.
func TestCorrectionsAtNight(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		id := d.publishedArticle(t, "Giá điện tăng từ tháng Mười Hai")
		a, err := d.store.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		managing := d.signIn(t, "managing-editor")
		_, form := managing.get("/toasoan/bai-viet/" + itoa(id))
		if form.Find("#correction").Length() != 1 || form.Find(".nr-move-unpublished").Length() != 1 {
			t.Fatalf("the managing editor lacks the correction field (%d) or the takedown (%d)",
				form.Find("#correction").Length(), form.Find(".nr-move-unpublished").Length())
		}
		fix := url.Values{"title": {a.Title}, "lead": {a.Lead}, "body": {"<p>Giá điện tăng 4,8%.</p>"}, "section_id": {itoa(a.SectionID)},
			"revision": {itoa(int64(a.Revision))}, "correction": {"Bản đăng lúc 21:00 ghi nhầm mức tăng là 8,4%."}}
		if resp, doc := managing.post("/toasoan/bai-viet/"+itoa(id), fix); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("correcting: %d %q", resp.StatusCode, errorText(doc))
		}
		_, page := d.browser(t).get(a.Path())
		if got := page.Find(".correction p").First().Text(); got != "Bản đăng lúc 21:00 ghi nhầm mức tăng là 8,4%." {
			t.Fatalf("readers see the note %q", got)
		}
		if !strings.Contains(page.Find(".correction-time").Text(), "Ghi chú của tòa soạn") || page.Find(".updated").Length() != 1 {
			t.Fatalf("note time %q, updated line %d", page.Find(".correction-time").Text(), page.Find(".updated").Length())
		}
		var ld []map[string]any
		page.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
			var v map[string]any
			if json.Unmarshal([]byte(s.Text()), &v) == nil {
				ld = append(ld, v)
			}
		})
		if len(ld) == 0 || ld[0]["correction"] == nil {
			t.Fatalf("structured data lacks the correction: %v", ld)
		}
		log, err := d.store.AuditLog(ctx, auditOf(id))
		if err != nil || !strings.Contains(log[0].Detail, "ghi chú đính chính") {
			t.Fatalf("audit: %+v, %v", log[0], err)
		}

		// A save of a story not published cannot carry a note.
		reporter := d.signIn(t, "reporter")
		resp, _ := reporter.post("/toasoan/bai-viet", articleForm(d.section.ID, "Bản nháp"))
		draft := mustID(t, resp.Header.Get("Location"))
		withNote := articleForm(d.section.ID, "Bản nháp")
		withNote.Set("revision", "1")
		withNote.Set("correction", "Đính chính trước khi đăng")
		resp, doc := reporter.post("/toasoan/bai-viet/"+itoa(draft), withNote)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorText(doc), "Chỉ bài đã đăng") {
			t.Fatalf("a note on a draft: %d %q", resp.StatusCode, errorText(doc))
		}

		// The paper keeps corrections and takedowns to the editor-in-chief.
		site, err := d.store.Site(ctx)
		if err != nil {
			t.Fatal(err)
		}
		site.Correctors = "editor-in-chief"
		if err := d.store.SaveSite(ctx, news.System(), site); err != nil {
			t.Fatal(err)
		}
		_, form = managing.get("/toasoan/bai-viet/" + itoa(id))
		if form.Find("#correction").Length() != 0 || form.Find(".nr-move-unpublished").Length() != 0 {
			t.Fatal("the managing editor may still correct once the paper kept it to the editor-in-chief")
		}
		a, _ = d.store.Article(ctx, id)
		fix.Set("revision", itoa(int64(a.Revision)))
		if resp, _ := managing.post("/toasoan/bai-viet/"+itoa(id), fix); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("a refused correction: %d", resp.StatusCode)
		}
		if resp, _ := managing.post("/toasoan/bai-viet/"+itoa(id)+"/chuyen", url.Values{"to": {"unpublished"}}); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("a refused takedown: %d", resp.StatusCode)
		}
		if _, err := d.service.Transition(ctx, news.Actor{User: d.users["editor-in-chief"]}, id, news.Unpublished, "Gỡ để kiểm tra", d.clock.now()); err != nil {
			t.Fatalf("the editor-in-chief's takedown: %v", err)
		}
	})
}
