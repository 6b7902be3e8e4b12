package server_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// eachPreviewDesk runs fn against a desk whose reader's site has a page
// cache, as in production, on each database under test.
func eachPreviewDesk(t *testing.T, fn func(t *testing.T, d *desk)) {
	t.Helper()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, startDeskBehind(t, src.Source, "127.0.0.1, ::1", func(deps *server.Deps) {
				pages := pagecache.New(8<<20, time.Hour, time.Now)
				deps.Store.Subscribe(pages.Changed)
				deps.Cache = pages
			}))
		})
	}
}

// makePreviewLink asks for a preview link to article id as b's member and
// returns the answer's status and the link it shows.
func makePreviewLink(t *testing.T, b *browser, id int64, validity string) (int, string) {
	t.Helper()
	b.get("/toasoan/bai-viet/" + itoa(id))
	resp, doc := b.post("/toasoan/bai-viet/"+itoa(id)+"/lien-ket-xem-truoc", url.Values{"han": {validity}})
	return resp.StatusCode, doc.Find("#lien-ket-xem-truoc").AttrOr("value", "")
}

// mustPreviewLink is makePreviewLink that must succeed.
func mustPreviewLink(t *testing.T, d *desk, b *browser, id int64, validity string) string {
	t.Helper()
	status, link := makePreviewLink(t, b, id, validity)
	if status != http.StatusOK || !strings.HasPrefix(link, d.url+"/xem-truoc/") {
		t.Fatalf("making a preview link: %d %q", status, link)
	}
	return link
}

// outsider opens link with no session or cookie, from address.
func outsider(t *testing.T, link, address string) (*http.Response, *goquery.Document, string) {
	t.Helper()
	resp, body := fetchBody(t, link, "", http.Header{"X-Forwarded-For": {address}})
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return resp, doc, string(body)
}

// pendingStory is a reporter's story the desk has edited, not published.
func (d *desk) pendingStory(t *testing.T, title string) int64 {
	t.Helper()
	return d.story(t, "reporter", title, d.section, nil, "submitted", "edited")
}

// refusedLink checks that opening link answers status with a Vietnamese
// page that shows nothing of the story, never indexed nor kept.
func refusedLink(t *testing.T, link, address string, status int, reason, title string) {
	t.Helper()
	resp, doc, body := outsider(t, link, address)
	if resp.StatusCode != status {
		t.Fatalf("%.90s: %d, want %d (%s)", link, resp.StatusCode, status, text(doc, "main"))
	}
	if msg := text(doc, "main"); !strings.Contains(msg, reason) {
		t.Errorf("%.90s: the page says %q, want %q in it", link, msg, reason)
	}
	if strings.Contains(body, title) || strings.Contains(body, "Nội dung.") {
		t.Errorf("%.90s: the refusal shows the story", link)
	}
	if !strings.Contains(resp.Header.Get("Cache-Control"), "no-store") || !strings.Contains(resp.Header.Get("X-Robots-Tag"), "noindex") {
		t.Errorf("%.90s: Cache-Control %q, X-Robots-Tag %q", link, resp.Header.Get("Cache-Control"), resp.Header.Get("X-Robots-Tag"))
	}
}

// A managing editor makes a link; someone outside the newsroom opens it
// with no session and sees the story as readers would, marked as a
// preview, never indexed, counted, cached or commented; the link is in
// the audit log; the story itself stays unpublished.
func TestPreviewLinkShowsTheStoryToOutsiders(t *testing.T) {
	t.Parallel()
	eachPreviewDesk(t, func(t *testing.T, d *desk) {
		const title = "Cầu Hồng Lĩnh sắp thông xe"
		id := d.pendingStory(t, title)
		b := d.signIn(t, "managing-editor")
		_, page := b.get("/toasoan/bai-viet/" + itoa(id))
		block := page.Find("section.nr-share-preview")
		var choices []string
		block.Find(`select[name="han"] option`).Each(func(_ int, o *goquery.Selection) { choices = append(choices, o.Text()) })
		if strings.Join(choices, ", ") != "1 giờ, 24 giờ, 7 ngày" || !strings.Contains(block.Find("button").First().Text(), "Tạo liên kết xem trước") {
			t.Fatalf("the article page offers %q, button %q", choices, block.Find("button").First().Text())
		}
		link := mustPreviewLink(t, d, b, id, "24h")

		entries, err := d.store.AuditLog(context.Background(), auditOf(id))
		if err != nil {
			t.Fatal(err)
		}
		if e := entries[0]; e.Action != "article.preview_link" || e.UserID != d.users["managing-editor"].ID || !strings.Contains(e.Detail, "24 giờ") {
			t.Errorf("last audit entry %+v", e)
		}
		if _, log := b.get("/toasoan/nhat-ky?loai=article&id=" + itoa(id)); !strings.Contains(log.Text(), "Tạo liên kết xem trước") {
			t.Error("the audit log page does not name the preview link")
		}

		for range 2 {
			resp, doc, _ := outsider(t, link, "203.0.113.7")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("outsider: %d %s", resp.StatusCode, text(doc, "main"))
			}
			if got := text(doc, "h1.story-title"); got != title {
				t.Errorf("the preview shows %q", got)
			}
			if got := text(doc, ".preview-banner"); got != "Bản xem trước — chưa đăng" {
				t.Errorf("banner %q", got)
			}
			h := resp.Header
			if h.Get("Cache-Control") != "private, no-store" || !strings.Contains(h.Get("X-Robots-Tag"), "noindex") ||
				h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Cache") != "" || h.Get("ETag") != "" {
				t.Errorf("headers: Cache-Control %q, X-Robots-Tag %q, Referrer-Policy %q, X-Cache %q, ETag %q",
					h.Get("Cache-Control"), h.Get("X-Robots-Tag"), h.Get("Referrer-Policy"), h.Get("X-Cache"), h.Get("ETag"))
			}
			if doc.Find(`meta[name="robots"][content="noindex"]`).Length() != 1 {
				t.Error("no robots noindex meta")
			}
			if n := doc.Find(`textarea, form[action*="binh-luan"], link[rel="canonical"], meta[property^="og:"], script[type="application/ld+json"]`).Length(); n != 0 {
				t.Errorf("the preview carries %d comment forms, canonical links or share data", n)
			}
			if resp.Header.Get("Set-Cookie") != "" {
				t.Errorf("the preview sets a cookie: %q", resp.Header.Get("Set-Cookie"))
			}
		}
		a, err := d.store.Article(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if resp, _ := get(t, d.url, a.Path()); resp.StatusCode != http.StatusNotFound {
			t.Errorf("the story's public address answers %d before publication", resp.StatusCode)
		}
	})
}

// A link works until its time and not a second longer; a longer one made
// at the same moment still works.
func TestPreviewLinkExpires(t *testing.T) {
	t.Parallel()
	eachPreviewDesk(t, func(t *testing.T, d *desk) {
		const title = "Giá điện tăng từ tháng Năm"
		id := d.pendingStory(t, title)
		b := d.signIn(t, "managing-editor")
		hour, week := mustPreviewLink(t, d, b, id, "1h"), mustPreviewLink(t, d, b, id, "7d")
		d.clock.advance(59*time.Minute + 59*time.Second)
		if resp, doc, _ := outsider(t, hour, "198.51.100.1"); resp.StatusCode != http.StatusOK {
			t.Fatalf("a second before its end: %d %s", resp.StatusCode, text(doc, "main"))
		}
		d.clock.advance(time.Second)
		refusedLink(t, hour, "198.51.100.1", http.StatusGone, "hết hạn", title)
		if resp, _, _ := outsider(t, week, "198.51.100.1"); resp.StatusCode != http.StatusOK {
			t.Errorf("the 7-day link after an hour: %d", resp.StatusCode)
		}
		d.clock.advance(7*24*time.Hour - time.Hour)
		refusedLink(t, week, "198.51.100.1", http.StatusGone, "hết hạn", title)
	})
}

// tamper returns token with the character at i replaced by another of
// the alphabet.
func tamper(token string, i int) string {
	c := byte('A')
	if token[i] == 'A' {
		c = 'B'
	}
	return token[:i] + string(c) + token[i+1:]
}

// Tokens changed, cut, lengthened, moved to another article, made up or
// hostile are refused with 404 and a Vietnamese page; none shows the
// story or fails with 500.
func TestPreviewLinkRefusesForgedTokens(t *testing.T) {
	t.Parallel()
	eachPreviewDesk(t, func(t *testing.T, d *desk) {
		const title = "Bí mật chưa đăng ở Kỳ Anh"
		id := d.pendingStory(t, title)
		other := d.pendingStory(t, "Bài khác")
		b := d.signIn(t, "managing-editor")
		link := mustPreviewLink(t, d, b, id, "24h")
		token := strings.TrimPrefix(link, d.url+"/xem-truoc/")
		raw, err := base64.RawURLEncoding.DecodeString(token)
		if err != nil {
			t.Fatalf("the token is not base64url: %v", err)
		}
		otherArticle := bytes.Clone(raw)
		otherArticle[8] ^= byte(id ^ other) // the article id's last byte: another story, same signature
		otherLink := mustPreviewLink(t, d, b, other, "24h")
		otherRaw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(otherLink, d.url+"/xem-truoc/"))
		if err != nil {
			t.Fatal(err)
		}
		swapped := append(bytes.Clone(raw[:25]), otherRaw[25:]...) // this payload, the other link's signature
		longer := append(bytes.Clone(raw), 0)
		forged := map[string]string{
			"first character changed":  tamper(token, 0),
			"a middle character":       tamper(token, len(token)/2),
			"last character changed":   tamper(token, len(token)-1),
			"cut short":                token[:len(token)-1],
			"half":                     token[:len(token)/2],
			"one character more":       token + "A",
			"padded":                   token + "==",
			"another article's id":     base64.RawURLEncoding.EncodeToString(otherArticle),
			"another link's signature": base64.RawURLEncoding.EncodeToString(swapped),
			"a byte more, re-encoded":  base64.RawURLEncoding.EncodeToString(longer),
			"a standard base64 letter": url.PathEscape(token[:10] + "+" + token[11:]),
			"right length, all A":      strings.Repeat("A", len(token)),
			"garbage":                  "xyz",
			"long garbage":             strings.Repeat("Zz9-", 200),
			"a script":                 url.PathEscape(`<script>alert("x")</script>`),
			"SQL":                      url.PathEscape(`1' OR '1'='1`),
			"Vietnamese":               url.PathEscape(norm.NFD.String("bản-xem-trước-đường")),
			"NUL":                      "%00",
		}
		n := 0
		for name, forgery := range forged {
			n++
			t.Run(name, func(t *testing.T) {
				refusedLink(t, d.url+"/xem-truoc/"+forgery, "192.0.2."+strconv.Itoa(n), http.StatusNotFound, "không đúng", title)
			})
		}
		if resp, doc, _ := outsider(t, link, "192.0.2.200"); resp.StatusCode != http.StatusOK || text(doc, "h1.story-title") != title {
			t.Errorf("the real link after the forgeries: %d", resp.StatusCode)
		}
	})
}

// An address that sends many tokens that are not ours is refused for a
// while, its good links too; other addresses are not; time lifts it.
func TestPreviewLinkOpeningIsLimited(t *testing.T) {
	t.Parallel()
	eachPreviewDesk(t, func(t *testing.T, d *desk) {
		id := d.pendingStory(t, "Tin chưa đăng")
		link := mustPreviewLink(t, d, d.signIn(t, "managing-editor"), id, "7d")
		const guesser = "203.0.113.66"
		for i := range 20 {
			if resp, _, _ := outsider(t, d.url+"/xem-truoc/"+strings.Repeat("A", 75)+string(rune('a'+i)), guesser); resp.StatusCode != http.StatusNotFound {
				t.Fatalf("guess %d: %d", i, resp.StatusCode)
			}
		}
		for _, l := range []string{d.url + "/xem-truoc/guess", link} {
			resp, doc, _ := outsider(t, l, guesser)
			if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(text(doc, "main"), "quá nhiều") {
				t.Errorf("after 20 guesses: %d %q", resp.StatusCode, text(doc, "main"))
			}
		}
		if resp, _, _ := outsider(t, link, "203.0.113.67"); resp.StatusCode != http.StatusOK {
			t.Errorf("another address: %d", resp.StatusCode)
		}
		d.clock.advance(11 * time.Minute)
		if resp, _, _ := outsider(t, link, guesser); resp.StatusCode != http.StatusOK {
			t.Errorf("the guesser's address ten minutes later: %d", resp.StatusCode)
		}
	})
}

// A link ends when the newsroom revokes the story's links, and for good
// once the story goes back to draft or is taken down, even if it comes
// back; new links work again; a published story's link says it is
// published.
func TestPreviewLinkEndsWithTheStory(t *testing.T) {
	t.Parallel()
	eachPreviewDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		const title = "Đề án sáp nhập trường học"
		id := d.pendingStory(t, title)
		b := d.signIn(t, "managing-editor")
		first := mustPreviewLink(t, d, b, id, "7d")

		resp, _ := b.post("/toasoan/bai-viet/"+itoa(id)+"/lien-ket-xem-truoc/thu-hoi", nil)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "?ok=thu-hoi") {
			t.Fatalf("revoking: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if _, doc := b.get(resp.Header.Get("Location")); !strings.Contains(doc.Text(), "Đã thu hồi mọi liên kết xem trước") {
			t.Error("no notice after revoking")
		}
		refusedLink(t, first, "198.51.100.9", http.StatusGone, "thu hồi", title)
		entries, err := d.store.AuditLog(ctx, auditOf(id))
		if err != nil || entries[0].Action != "article.preview_revoke" {
			t.Fatalf("revoking left no audit entry: %v %+v", err, entries)
		}
		second := mustPreviewLink(t, d, b, id, "7d")
		if resp, _, _ := outsider(t, second, "198.51.100.9"); resp.StatusCode != http.StatusOK {
			t.Fatalf("a link made after the revocation: %d", resp.StatusCode)
		}

		chief := news.Actor{User: d.users["managing-editor"]}
		for _, to := range []string{"draft", "submitted", "edited"} {
			if _, err := d.service.Transition(ctx, chief, id, statusOf(t, to), "Sửa lại đoạn cuối", time.Time{}); err != nil {
				t.Fatal(err)
			}
			refusedLink(t, second, "198.51.100.9", http.StatusGone, "rút lại", title)
		}
		third := mustPreviewLink(t, d, b, id, "7d")
		if _, err := d.service.Transition(ctx, chief, id, news.Published, "", time.Time{}); err != nil {
			t.Fatal(err)
		}
		resp, doc, _ := outsider(t, third, "198.51.100.9")
		if resp.StatusCode != http.StatusOK || text(doc, ".preview-banner") != "Bản xem trước — bài đã đăng" {
			t.Errorf("once published: %d %q", resp.StatusCode, text(doc, ".preview-banner"))
		}
		if _, err := d.service.Transition(ctx, chief, id, news.Unpublished, "Gỡ theo yêu cầu", time.Time{}); err != nil {
			t.Fatal(err)
		}
		refusedLink(t, third, "198.51.100.9", http.StatusGone, "rút lại", title)
		if status, _ := makePreviewLink(t, b, id, "1h"); status != http.StatusBadRequest {
			t.Errorf("a link to a story taken down: %d", status)
		}
	})
}

// Who may read the copy may make a link (news.ReadCopy and news.CanRead),
// once the story has left its draft; everyone else is refused, and a
// refusal writes nothing.
func TestPreviewLinkWhoMayMakeOne(t *testing.T) {
	t.Parallel()
	eachPreviewDesk(t, func(t *testing.T, d *desk) {
		f := startFindDesk(t, d)
		browsers := map[string]*browser{}
		for _, role := range []string{"reporter", "editor", "managing-editor", "moderator", "admin"} {
			browsers[role] = d.signIn(t, role)
		}
		cases := []struct {
			role, title, validity string
			want                  int
		}{
			{"moderator", titlePub, "24h", http.StatusForbidden},
			{"admin", titlePub, "24h", http.StatusForbidden},
			{"reporter", titleSport, "24h", http.StatusForbidden},
			{"editor", titleSport, "24h", http.StatusForbidden},
			{"reporter", titleMine, "24h", http.StatusBadRequest},
			{"managing-editor", titleSecret, "24h", http.StatusBadRequest},
			{"managing-editor", titleWater, "", http.StatusBadRequest},
			{"managing-editor", titleWater, `<script>alert("x")</script>`, http.StatusBadRequest},
			{"managing-editor", titleWater, "1000h", http.StatusBadRequest},
			{"managing-editor", titleWater, "7d' OR '1'='1", http.StatusBadRequest},
			{"managing-editor", titleWater, norm.NFD.String("7 ngày"), http.StatusBadRequest},
			{"managing-editor", titleWater, strings.Repeat("24h", 3000), http.StatusBadRequest},
			{"reporter", titleRice, "1h", http.StatusOK},
			{"editor", titleWater, "7d", http.StatusOK},
		}
		made := 0
		for _, c := range cases {
			b := browsers[c.role]
			status, link := makePreviewLink(t, b, f.ids[c.title], c.validity)
			if status != c.want || (status == http.StatusOK) != (link != "") {
				t.Errorf("%s, %q, %.20q: %d (link %q), want %d", c.role, c.title, c.validity, status, link, c.want)
			}
			if status == http.StatusOK {
				made++
			}
		}
		b := browsers["managing-editor"]
		b.get("/toasoan/bai-viet/" + itoa(f.ids[titleWater]))
		forged, _ := b.post("/toasoan/bai-viet/"+itoa(f.ids[titleWater])+"/lien-ket-xem-truoc", url.Values{"han": {"1h"}, "csrf": {"gia-mao"}})
		nobody, _ := d.browser(t).post("/toasoan/bai-viet/"+itoa(f.ids[titleWater])+"/lien-ket-xem-truoc", url.Values{"han": {"1h"}})
		missing, _ := b.post("/toasoan/bai-viet/999999/lien-ket-xem-truoc", url.Values{"han": {"1h"}})
		revoke, _ := browsers["moderator"].post("/toasoan/bai-viet/"+itoa(f.ids[titlePub])+"/lien-ket-xem-truoc/thu-hoi", nil)
		otherRevoke, _ := browsers["reporter"].post("/toasoan/bai-viet/"+itoa(f.ids[titleSport])+"/lien-ket-xem-truoc/thu-hoi", nil)
		for name, got := range map[string][2]int{"forged CSRF": {forged.StatusCode, http.StatusForbidden}, "no session": {nobody.StatusCode, http.StatusUnauthorized},
			"no such story": {missing.StatusCode, http.StatusNotFound}, "moderator revoking": {revoke.StatusCode, http.StatusForbidden},
			"reporter revoking another's": {otherRevoke.StatusCode, http.StatusForbidden}} {
			if got[0] != got[1] {
				t.Errorf("%s: %d, want %d", name, got[0], got[1])
			}
		}
		entries, err := d.store.AuditLog(context.Background(), store.AuditFilter{Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		written := 0
		for _, e := range entries {
			if strings.HasPrefix(e.Action, "article.preview_") {
				written++
			}
		}
		if written != made {
			t.Errorf("%d preview links made, %d audit entries", made, written)
		}

		// The article page offers the block to who may use it, and says
		// why a draft cannot be shown yet.
		for _, c := range []struct {
			role, title string
			block, form bool
		}{
			{"moderator", titlePub, false, false},
			{"admin", titlePub, false, false},
			{"reporter", titleMine, true, false},
			{"reporter", titleRice, true, true},
			{"managing-editor", titleWater, true, true},
		} {
			_, doc := browsers[c.role].get("/toasoan/bai-viet/" + itoa(f.ids[c.title]))
			block := doc.Find("section.nr-share-preview")
			if (block.Length() == 1) != c.block || (block.Find(`form[action$="/lien-ket-xem-truoc"]`).Length() == 1) != c.form {
				t.Errorf("%s on %q: block %v, form %v", c.role, c.title, block.Length(), block.Find(`form[action$="/lien-ket-xem-truoc"]`).Length())
			}
			if c.block && !c.form && !strings.Contains(block.Text(), "bản nháp") {
				t.Errorf("%s on a draft: %q", c.role, strings.Join(strings.Fields(block.Text()), " "))
			}
		}
	})
}
