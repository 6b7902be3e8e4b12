package server_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// footerPageLinks is the footer's links to the paper's own pages, as
// "Title /path".
func footerPageLinks(doc *goquery.Document) []string {
	var out []string
	doc.Find(".site-footer .footer-pages a").Each(func(_ int, a *goquery.Selection) {
		out = append(out, strings.TrimSpace(a.Text())+" "+a.AttrOr("href", ""))
	})
	return out
}

// pageIDs is the ids of the pages listed on the newsroom's list, by title.
func pageIDs(t *testing.T, b *browser) map[string]int64 {
	t.Helper()
	resp, doc := b.get("/toasoan/trang")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the list of pages: %d", resp.StatusCode)
	}
	ids := map[string]int64{}
	doc.Find(`.nr-table a[href^="/toasoan/trang/"]`).Each(func(_ int, a *goquery.Selection) {
		href := a.AttrOr("href", "")
		if !strings.HasSuffix(href, "/xoa") {
			ids[a.Text()] = mustID(t, href)
		}
	})
	return ids
}

// pageForm is the newsroom's page form filled in.
func pageForm(title, slug, body string, footer bool) url.Values {
	f := url.Values{"title": {title}, "slug": {slug}, "body": {body}}
	if footer {
		f.Set("footer", "1")
	}
	return f
}

// A managing editor makes a page in the newsroom: readers find it at its
// address, in the site's layout with its title, breadcrumbs and SEO tags,
// its body sanitized, and linked in the footer of pages that were cached
// before it existed. An edit shows at once though the page was cached; a
// change of the body alone leaves the rest of the paper cached; a new
// slug moves it; deleting it, after a confirmation, leaves a 404 and a
// footer without it. Every change is audited.
func TestStaticPagesFromTheNewsroom(t *testing.T) {
	t.Parallel()
	eachPreviewDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		article := d.articlePath(t, d.publishedArticle(t, "Khánh thành cầu Hộ Độ"))
		reader := d.browser(t)
		for _, p := range []string{"/", article} {
			if _, doc := reader.get(p); doc.Find(".footer-pages").Length() != 0 {
				t.Fatalf("a paper without pages has footer links on %s", p)
			}
		}
		if resp, _ := reader.get("/"); resp.Header.Get("X-Cache") != "HIT" {
			t.Fatalf("the home page is not cached: %q", resp.Header.Get("X-Cache"))
		}

		editor := d.signIn(t, "managing-editor")
		if _, desk := editor.get("/toasoan/tai-khoan"); desk.Find(`.nr-menu a[href="/toasoan/trang"]`).Text() != "Trang của báo" {
			t.Error("no menu entry Trang của báo")
		}
		if _, list := editor.get("/toasoan/trang"); !strings.Contains(text(list, ".nr-empty"), "chưa có trang") {
			t.Errorf("an empty list says %q", text(list, ".nr-empty"))
		}
		_, form := editor.get("/toasoan/trang/moi")
		if form.Find(`textarea[name="body"][data-editor]`).Length() != 1 || form.Find(`script[src*="editor"]`).Length() != 1 ||
			form.Find(`input[name="title"]`).Length() != 1 || form.Find(`input[name="slug"]`).Length() != 1 ||
			form.Find(`input[type="checkbox"][name="footer"][checked]`).Length() != 1 {
			t.Error("the new page's form lacks the editor, its fields or the footer box ticked")
		}
		hostile := `<p onclick="alert(1)">Báo của tỉnh <strong>Hà Tĩnh</strong>, ra số đầu năm 1962.</p>` +
			`<script>alert("x")</script><img src="x" onerror="alert(2)"><p><a href="javascript:alert(3)">bấm</a> ` +
			`<a href="https://baohatinh.vn/">trang chủ</a></p><iframe src="https://evil.example/"></iframe><style>body{display:none}</style>`
		first := pageForm(norm.NFD.String("Giới thiệu"), "", hostile, true)
		first.Set("position", "3")
		resp, _ := editor.post("/toasoan/trang", first)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/toasoan/trang?ok=trang" {
			t.Fatalf("creating: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if _, list := editor.get("/toasoan/trang?ok=trang"); text(list, ".nr-notice") != "Đã lưu trang." ||
			list.Find(`.nr-table a[href="/gioi-thieu.html"]`).Length() != 1 {
			t.Errorf("after saving: notice %q", text(list, ".nr-notice"))
		}
		id := pageIDs(t, editor)["Giới thiệu"]
		if id == 0 {
			t.Fatal("the new page is not listed under its NFC title")
		}

		resp, doc := reader.get("/gioi-thieu.html")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("X-Cache") != "MISS" {
			t.Fatalf("the page: %d %q", resp.StatusCode, resp.Header.Get("X-Cache"))
		}
		if h1 := text(doc, "h1"); h1 != "Giới thiệu" || !norm.NFC.IsNormalString(h1) {
			t.Errorf("heading %q", h1)
		}
		if got := doc.Find("title").Text(); got != "Giới thiệu - Báo Hà Tĩnh" {
			t.Errorf("title %q", got)
		}
		if got := doc.Find(`link[rel="canonical"]`).AttrOr("href", ""); got != d.url+"/gioi-thieu.html" {
			t.Errorf("canonical %q", got)
		}
		if got := doc.Find(`meta[name="description"]`).AttrOr("content", ""); !strings.HasPrefix(got, "Báo của tỉnh Hà Tĩnh, ra số đầu năm 1962.") {
			t.Errorf("description %q", got)
		}
		if got := doc.Find(`meta[property="og:url"]`).AttrOr("content", ""); got != d.url+"/gioi-thieu.html" {
			t.Errorf("og:url %q", got)
		}
		var crumbs []string
		doc.Find(".breadcrumb a").Each(func(_ int, a *goquery.Selection) { crumbs = append(crumbs, a.Text()+" "+a.AttrOr("href", "")) })
		if !slices.Equal(crumbs, []string{"Trang chủ /", "Giới thiệu /gioi-thieu.html"}) {
			t.Errorf("breadcrumbs %q", crumbs)
		}
		if !strings.Contains(doc.Find(`script[type="application/ld+json"]`).Text(), `"BreadcrumbList"`) {
			t.Error("no BreadcrumbList for search engines")
		}
		body := doc.Find(".static-page .story-body")
		bodyHTML, _ := body.Html()
		if body.Find("strong").Text() != "Hà Tĩnh" || body.Find(`a[href="https://baohatinh.vn/"]`).Length() != 1 {
			t.Errorf("the body lost what it may keep: %s", bodyHTML)
		}
		if body.Find("script, iframe, style, [onclick], [onerror], a[href^='javascript']").Length() != 0 ||
			strings.Contains(bodyHTML, "alert") || strings.Contains(bodyHTML, "evil.example") {
			t.Errorf("the body kept something hostile: %s", bodyHTML)
		}
		if resp, _ := reader.get("/gioi-thieu.html"); resp.Header.Get("X-Cache") != "HIT" {
			t.Errorf("the page is not cached: %q", resp.Header.Get("X-Cache"))
		}
		for _, p := range []string{"/", article, "/gioi-thieu.html"} {
			if _, doc := reader.get(p); !slices.Equal(footerPageLinks(doc), []string{"Giới thiệu /gioi-thieu.html"}) {
				t.Errorf("footer of %s: %q", p, footerPageLinks(doc))
			}
		}

		// A second page, first in the footer; then the first one's body
		// alone: its page is dropped, the rest of the paper stays cached.
		if resp, _ := editor.post("/toasoan/trang", url.Values{"title": {"Liên hệ đường dây nóng"}, "body": {"<p>Gọi 0239 3 855 446.</p>"},
			"footer": {"1"}, "position": {"0"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("a second page: %d", resp.StatusCode)
		}
		if _, doc := reader.get("/"); !slices.Equal(footerPageLinks(doc), []string{"Liên hệ đường dây nóng /lien-he-duong-day-nong.html", "Giới thiệu /gioi-thieu.html"}) {
			t.Errorf("footer with two pages: %q", footerPageLinks(doc))
		}
		reader.get("/gioi-thieu.html")
		_, form = editor.get("/toasoan/trang/" + itoa(id))
		if form.Find(`input[name="title"]`).AttrOr("value", "") != "Giới thiệu" || !strings.Contains(form.Find(`textarea[name="body"]`).Text(), "ra số đầu năm 1962") {
			t.Error("the edit form does not show the page as stored")
		}
		if resp, _ := editor.post("/toasoan/trang/"+itoa(id), pageForm("Giới thiệu", "gioi-thieu", "<p>Báo Đảng bộ tỉnh Hà Tĩnh.</p>", true)); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("editing the body: %d", resp.StatusCode)
		}
		if resp, doc := reader.get("/gioi-thieu.html"); resp.Header.Get("X-Cache") != "MISS" || text(doc, ".story-body") != "Báo Đảng bộ tỉnh Hà Tĩnh." {
			t.Errorf("after the edit: %q %q", resp.Header.Get("X-Cache"), text(doc, ".story-body"))
		}
		if resp, _ := reader.get("/"); resp.Header.Get("X-Cache") != "HIT" {
			t.Errorf("a page's body dropped the home page from the cache: %q", resp.Header.Get("X-Cache"))
		}

		// A new title and slug: the footer follows, the old address is gone.
		if resp, _ := editor.post("/toasoan/trang/"+itoa(id), pageForm("Về chúng tôi", "ve-chung-toi", "<p>Báo Đảng bộ tỉnh Hà Tĩnh.</p>", true)); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("renaming: %d", resp.StatusCode)
		}
		if resp, _ := reader.get("/gioi-thieu.html"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("the old address answers %d", resp.StatusCode)
		}
		if resp, doc := reader.get("/ve-chung-toi.html"); resp.StatusCode != http.StatusOK || text(doc, "h1") != "Về chúng tôi" {
			t.Errorf("the new address: %d %q", resp.StatusCode, text(doc, "h1"))
		}
		if _, doc := reader.get(article); !slices.Contains(footerPageLinks(doc), "Về chúng tôi /ve-chung-toi.html") {
			t.Errorf("footer after renaming: %q", footerPageLinks(doc))
		}

		// Deleting asks first, and the question names what is lost.
		resp, confirm := editor.get("/toasoan/trang/" + itoa(id) + "/xoa")
		if resp.StatusCode != http.StatusOK || !strings.Contains(text(confirm, "h1"), "Về chúng tôi") ||
			confirm.Find(`form[method="post"][action="/toasoan/trang/`+itoa(id)+`/xoa"] button`).Length() != 1 ||
			!strings.Contains(text(confirm, ".nr-warning"), "/ve-chung-toi.html") {
			t.Fatalf("the confirmation: %d %q", resp.StatusCode, text(confirm, ".nr-warning"))
		}
		if _, err := d.store.Page(ctx, id); err != nil {
			t.Fatal("asking to delete deleted the page")
		}
		resp, _ = editor.post("/toasoan/trang/"+itoa(id)+"/xoa", nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/toasoan/trang?ok=xoa-trang" {
			t.Fatalf("deleting: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if resp, doc := reader.get("/ve-chung-toi.html"); resp.StatusCode != http.StatusNotFound || !strings.Contains(doc.Find("main").Text(), "Không tìm thấy") {
			t.Errorf("a deleted page answers %d", resp.StatusCode)
		}
		if _, doc := reader.get("/"); !slices.Equal(footerPageLinks(doc), []string{"Liên hệ đường dây nóng /lien-he-duong-day-nong.html"}) {
			t.Errorf("footer after deleting: %q", footerPageLinks(doc))
		}
		log, err := d.store.AuditLog(ctx, store.AuditFilter{ObjectType: "page", ObjectID: id})
		if err != nil || len(log) != 4 || log[0].Action != "page.delete" || log[3].Action != "page.save" || log[0].UserID != d.users["managing-editor"].ID {
			t.Errorf("audit: %+v %v", log, err)
		}
	})
}

// Who may not manage pages is refused, so is a forged form; every bad
// input is answered 4xx with the reason in Vietnamese above the form as
// it was typed, and nothing is stored or audited.
func TestStaticPageRefusals(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		chief := d.signIn(t, "editor-in-chief")
		if resp, _ := chief.post("/toasoan/trang", pageForm("Liên hệ", "lien-he", "<p>Tòa soạn.</p>", true)); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("the first page: %d", resp.StatusCode)
		}
		existing := pageIDs(t, chief)["Liên hệ"]
		stored := func() []news.Page {
			t.Helper()
			pages, err := d.store.Pages(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return pages
		}
		audited := func() int {
			t.Helper()
			log, err := d.store.AuditLog(ctx, store.AuditFilter{ObjectType: "page"})
			if err != nil {
				t.Fatal(err)
			}
			return len(log)
		}
		before, entries := stored(), audited()
		unchanged := func(what string) {
			t.Helper()
			if after := stored(); !slices.EqualFunc(before, after, func(a, b news.Page) bool { return a == b }) || audited() != entries {
				t.Errorf("%s changed the pages: %+v", what, after)
			}
		}

		for _, role := range []string{"reporter", "editor", "moderator"} {
			b := d.signIn(t, role)
			for _, p := range []string{"/toasoan/trang", "/toasoan/trang/moi", "/toasoan/trang/" + itoa(existing), "/toasoan/trang/" + itoa(existing) + "/xoa"} {
				if resp, doc := b.get(p); resp.StatusCode != http.StatusForbidden || !strings.Contains(doc.Text(), "không có quyền") {
					t.Errorf("%s GET %s: %d", role, p, resp.StatusCode)
				}
			}
			if resp, _ := b.post("/toasoan/trang", pageForm("Trang lạ", "", "<p>x</p>", true)); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s creates a page: %d", role, resp.StatusCode)
			}
			if resp, _ := b.post("/toasoan/trang/"+itoa(existing)+"/xoa", nil); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s deletes a page: %d", role, resp.StatusCode)
			}
		}
		if resp, _ := d.browser(t).post("/toasoan/trang", pageForm("Trang lạ", "", "<p>x</p>", true)); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("nobody creates a page: %d", resp.StatusCode)
		}
		forged := pageForm("Trang giả", "", "<p>x</p>", true)
		forged.Set("csrf", "ma-gia-mao")
		if resp, doc := chief.post("/toasoan/trang", forged); resp.StatusCode != http.StatusForbidden || !strings.Contains(doc.Text(), "giả mạo") {
			t.Errorf("a forged form: %d", resp.StatusCode)
		}
		if resp, _ := chief.post("/toasoan/trang/"+itoa(existing)+"/xoa", url.Values{"csrf": {"ma-gia-mao"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a forged deletion: %d", resp.StatusCode)
		}
		unchanged("refused members")

		chief.get("/toasoan/trang/moi")
		for _, c := range []struct {
			name                 string
			title, slug, body, p string
			status               int
			text                 string
		}{
			{"no title", "  ", "", "<p>Nội dung.</p>", "", http.StatusBadRequest, "tiêu đề"},
			{"a title of signs only", "— ? —", "", "", "", http.StatusBadRequest, "chữ hoặc số"},
			{"a script in the title", "<script>alert(1)</script>", "", "", "", http.StatusBadRequest, "thẻ HTML"},
			{"an event handler in the title", `Liên hệ <img src=x onerror="alert(1)">`, "", "", "", http.StatusBadRequest, "thẻ HTML"},
			{"a control character", "Giới\x1bthiệu", "", "", "", http.StatusBadRequest, "một dòng"},
			{"a long title", strings.Repeat("Đường ", 50), "", "", "", http.StatusBadRequest, "tối đa 250"},
			{"a reserved slug", "Tòa soạn", "toasoan", "", "", http.StatusBadRequest, "hệ thống"},
			{"the search's slug", "Tìm kiếm", "tim kiem", "", "", http.StatusBadRequest, "hệ thống"},
			{"an article's address", "Bài giả", "bai-gia-post12", "", "", http.StatusBadRequest, "bài viết"},
			{"a tag's address", "Hà Tĩnh tag7", "", "", "", http.StatusBadRequest, "chủ đề"},
			{"a slug taken", "Liên hệ khác", norm.NFD.String("Liên hệ"), "", "", http.StatusConflict, "/lien-he.html"},
			{"a position that is not a number", "Quy định", "", "", "đầu tiên", http.StatusBadRequest, "là một số"},
			{"a negative position", "Quy định", "", "", "-3", http.StatusBadRequest, "từ 0 đến"},
			{"a huge body", "Quy định", "", "<p>" + strings.Repeat("Duong ", 180000) + "</p>", "", http.StatusRequestEntityTooLarge, "1 MB"},
		} {
			t.Run(c.name, func(t *testing.T) {
				form := pageForm(c.title, c.slug, c.body, true)
				form.Set("position", c.p)
				resp, doc := chief.post("/toasoan/trang", form)
				if resp.StatusCode != c.status || !strings.Contains(errorText(doc), c.text) {
					t.Fatalf("%d %q, want %d with %q", resp.StatusCode, errorText(doc), c.status, c.text)
				}
				if got := doc.Find(`input[name="title"]`).AttrOr("value", ""); got != c.title {
					t.Errorf("the form lost the title typed: %q", got)
				}
				unchanged(c.name)
			})
		}
		big := pageForm("Quy định", "", strings.Repeat("đ", 1<<20+10), true) // past the form's 2 MB
		if resp, doc := chief.post("/toasoan/trang", big); resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(doc.Text(), "quá lớn") {
			t.Errorf("a form past the limit: %d", resp.StatusCode)
		}
		if resp, doc := chief.post("/toasoan/trang/"+itoa(existing), pageForm("Liên hệ", "gioi-thieu-post1", "", true)); resp.StatusCode != http.StatusBadRequest ||
			!strings.Contains(errorText(doc), "bài viết") || doc.Find(`a[href="/lien-he.html"]`).Length() != 1 {
			t.Errorf("a refused edit: %d %q", resp.StatusCode, errorText(doc))
		}
		for _, p := range []string{"/toasoan/trang/999999", "/toasoan/trang/999999/xoa"} {
			if resp, _ := chief.get(p); resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d", p, resp.StatusCode)
			}
			if resp, _ := chief.post(p, pageForm("Trang", "", "", true)); resp.StatusCode != http.StatusNotFound {
				t.Errorf("POST %s: %d", p, resp.StatusCode)
			}
		}
		if resp, _ := chief.get("/toasoan/trang/abc"); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("a page that is not a number: %d", resp.StatusCode)
		}
		unchanged("bad input")

		// Words without marks are the staff's choice; SQL is text; đ
		// makes a d in the address.
		if resp, _ := chief.post("/toasoan/trang", pageForm("Quy dinh binh luan", "", "<p>'; DROP TABLE pages; --</p>", false)); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("a title without marks: %d", resp.StatusCode)
		}
		if resp, _ := chief.post("/toasoan/trang", pageForm("Đường dây nóng", "", "", false)); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("a title with đ: %d", resp.StatusCode)
		}
		for path, h1 := range map[string]string{"/quy-dinh-binh-luan.html": "Quy dinh binh luan", "/duong-day-nong.html": "Đường dây nóng"} {
			if resp, doc := d.browser(t).get(path); resp.StatusCode != http.StatusOK || text(doc, "h1") != h1 {
				t.Errorf("%s: %d %q", path, resp.StatusCode, text(doc, "h1"))
			}
		}
		if p, err := d.store.PageBySlug(ctx, "quy-dinh-binh-luan"); err != nil || p.Body != "<p>&#39;; DROP TABLE pages; --</p>" || p.Position != 1 {
			t.Errorf("stored: %+v %v", p, err)
		}
		if _, doc := d.browser(t).get("/"); !slices.Equal(footerPageLinks(doc), []string{"Liên hệ /lien-he.html"}) {
			t.Errorf("pages left out of the footer are linked: %q", footerPageLinks(doc))
		}
		for _, p := range []string{"/khong-co.html", "/.html", "/LIEN-HE.html", "/lien-he.htm"} {
			if resp, _ := d.browser(t).get(p); resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d", p, resp.StatusCode)
			}
		}
	})
}
