package news

import (
	"slices"
	"strings"
	"testing"
)

// Every spelling of one old link is one key: host and scheme, case,
// escapes, decomposed Vietnamese, trailing slashes, tracking parameters
// and the order of parameters make no difference.
func TestOldPathSpellingsOfOneLink(t *testing.T) {
	t.Parallel()
	for want, spellings := range map[string][]string{
		"/xa-hoi/cau-moi/220459.htm": {"/xa-hoi/cau-moi/220459.htm", "https://baohatinh.vn/xa-hoi/cau-moi/220459.htm",
			"HTTP://BAOHATINH.VN/Xa-Hoi/Cau-Moi/220459.htm#binh-luan", "//baohatinh.vn/xa-hoi/cau-moi/220459.htm",
			"/xa-hoi//cau-moi/./220459.htm", "/xa-hoi/cau-moi/220459.htm/", "  /xa-hoi/cau-moi/220459.htm  ",
			"/xa-hoi/cau-moi/220459.htm?utm_source=facebook&fbclid=IwAR0", "/xa%2Dhoi/cau-moi/220459.htm"},
		"/?p=123":                   {"/?p=123", "https://baohatinh.vn/?p=123", "https://baohatinh.vn?p=123", "/?utm_medium=x&p=123", "/?P=123", "/?p=123&p=123"},
		"/?page_id=7&preview=true":  {"/?preview=true&page_id=7", "/?page_id=7&preview=true&zarsrc=30"},
		"/tag/hà-tĩnh":              {"/tag/hà-tĩnh/", "/tag/ha\u0300-ti\u0303nh/", "/tag/h%c3%a0-t%C4%A9nh", "/tag/ha%cc%80-ti%cc%83nh/", "/Tag/HÀ-TĨNH"},
		"/tim%20kiem?q=đường%20tắt": {"/tim%20kiem?q=%C4%91%C6%B0%E1%BB%9Dng+t%E1%BA%AFt", "/tim kiem?q=Đường%20tắt"},
		"/a%2fb/c":                  {"/a%2Fb/c", "/a%2fb/c/"},
		"/":                         {"https://baohatinh.vn", "/#top", "/?utm_source=zalo"},
	} {
		for _, raw := range spellings {
			got, err := OldPath(raw)
			if err != nil || got != want {
				t.Errorf("OldPath(%q) = %q, %v; want %q", raw, got, err, want)
			}
			if again, _ := OldPath(got); again != got {
				t.Errorf("OldPath is not stable on %q: %q", got, again)
			}
		}
	}
}

func TestOldPathRefusals(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{"", "   ", "xa-hoi/bai.htm", "baohatinh.vn/xa-hoi", "=HYPERLINK(\"http://x\")", "javascript:alert(1)",
		"/a%zzb", "/a%c3", "/bad%ff%fe", "/dòng\nmới", "/tab\there", "/?q=%", strings.Repeat("/a", 1001), "ftp://host/a"} {
		if got, err := OldPath(raw); err == nil || ErrorCode(err) != Invalid || ErrorMessage(err) == "" {
			t.Errorf("OldPath(%q) = %q, %v; want a refusal", raw, got, err)
		}
	}
}

// A request matches its whole address first, then each parameter alone,
// then its path; an unreadable query still matches by path.
func TestRedirectKeysBestFirst(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		path, query string
		want        []string
	}{
		{"/xa-hoi/a/1.htm", "", []string{"/xa-hoi/a/1.htm"}},
		{"/", "p=123", []string{"/?p=123", "/"}},
		{"/", "replytocom=4&p=123&utm_source=fb", []string{"/?p=123&replytocom=4", "/?p=123", "/?replytocom=4", "/"}},
		{"/Tag/H%C3%A0/", "", []string{"/tag/hà"}},
		{"/a", "q=%zz", []string{"/a"}},
		{"/a", "fbclid=1", []string{"/a"}},
		{"no-slash", "", nil},
		{"/a%zz", "", nil},
	} {
		if got := RedirectKeys(c.path, c.query); !slices.Equal(got, c.want) {
			t.Errorf("RedirectKeys(%q, %q) = %q, want %q", c.path, c.query, got, c.want)
		}
	}
}

func TestRedirectTargets(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		"/xa-hoi/":                        "/xa-hoi/",
		" /cau-moi-post12.html#binh-luan": "/cau-moi-post12.html#binh-luan",
		"/tin-tức":                        "/tin-t%E1%BB%A9c",
		"/tin-t%E1%BB%A9c":                "/tin-t%E1%BB%A9c",
		"https://baohatinh.vn/a?b=1":      "https://baohatinh.vn/a?b=1",
		"HTTPS://vtv.vn":                  "https://vtv.vn",
	} {
		if got, err := RedirectTarget(raw); err != nil || got != want {
			t.Errorf("RedirectTarget(%q) = %q, %v; want %q", raw, got, err, want)
		}
	}
	for _, raw := range []string{"", "xa-hoi/", "//evil.example/", "/\\evil.example", "\\\\evil.example", "javascript:alert(1)",
		"JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "https://baohatinh.vn@evil.example/", "mailto:a@b.vn",
		"https:///path", "https://báo.vn/", "/a b", "/a\nLocation: x", "=cmd|' /C calc'!A0", strings.Repeat("/a", 1001)} {
		if got, err := RedirectTarget(raw); err == nil || ErrorCode(err) != Invalid {
			t.Errorf("RedirectTarget(%q) = %q, %v; want a refusal", raw, got, err)
		}
	}
}

func TestNewRedirect(t *testing.T) {
	t.Parallel()
	r, err := NewRedirect("https://baohatinh.vn/Xa-Hoi/Cau-moi/220459.htm", "/cau-moi-post12.html", Moved, FromCSV)
	if err != nil || r.From != "/xa-hoi/cau-moi/220459.htm" || r.To != "/cau-moi-post12.html" {
		t.Fatalf("NewRedirect = %+v, %v", r, err)
	}
	if _, err := NewRedirect("/bai-cu.htm", "", Gone, FromNewsroom); err != nil {
		t.Errorf("a 410 without target: %v", err)
	}
	if _, err := NewRedirect("/bai-cu.htm", "https://vtv.vn/bai", Moved, FromNewsroom); err != nil {
		t.Errorf("an editor's redirect to another host: %v", err)
	}
	for _, c := range []struct {
		old, target string
		status      RedirectStatus
		origin      RedirectOrigin
	}{
		{"/a", "", Moved, FromNewsroom},
		{"/a", "/b", Gone, FromNewsroom},
		{"/a", "/b", 302, FromNewsroom},
		{"/a", "/b", Moved, "script"},
		{"/", "/b", Moved, FromNewsroom},
		{"https://baohatinh.vn/", "/b", Moved, FromNewsroom},
		{"/toasoan/dang-nhap", "https://evil.example/", Moved, FromNewsroom},
		{"/api/v1/articles", "/b", Moved, FromNewsroom},
		{"/a", "/A/", Moved, FromNewsroom},
		{"/a", "/a?utm_source=x", Moved, FromNewsroom},
		{"/a?x=1", "/a?x=1#top", Moved, FromNewsroom},
		{"/a", "/a?x=1", Moved, FromNewsroom},
	} {
		if r, err := NewRedirect(c.old, c.target, c.status, c.origin); err == nil || ErrorCode(err) != Invalid {
			t.Errorf("NewRedirect(%q, %q, %d, %q) = %+v, %v; want a refusal", c.old, c.target, c.status, c.origin, r, err)
		}
	}
	// "/a?x=1" matches requests for /a?x=1 only: "/a" → "/a?x=1" would
	// come back to "/a"'s rule, but "/a?x=1" → "/a" does not loop.
	if _, err := NewRedirect("/a?x=1", "/a", Moved, FromNewsroom); err != nil {
		t.Errorf("a query's redirect to its path: %v", err)
	}
}

func TestLocalTarget(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		target, base, path, query string
		ok                        bool
	}{
		{"/a?b=1#c", "", "/a", "b=1", true},
		{"https://www.baohatinh.vn/a", "https://baohatinh.vn", "/a", "", true},
		{"https://baohatinh.vn", "https://baohatinh.vn", "/", "", true},
		{"https://vtv.vn/a", "https://baohatinh.vn", "", "", false},
		{"https://baohatinh.vn/a", "", "", "", false},
	} {
		p, q, ok := Redirect{To: c.target}.LocalTarget(c.base)
		if p != c.path || q != c.query || ok != c.ok {
			t.Errorf("LocalTarget(%q, %q) = %q %q %v", c.target, c.base, p, q, ok)
		}
	}
}

// Whatever an old address is, its key is stable, and a request for it
// (as the client sent it) finds that key.
func FuzzOldPath(f *testing.F) {
	for _, seed := range []string{"/xa-hoi/a/1.htm", "/?p=1&utm_source=x", "https://h.vn/Tag/H%C3%A0/", "/a%2Fb?c=d+e", "/tin tức?q=đ", "/a/../b//c/"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		key, err := OldPath(raw)
		if err != nil {
			return
		}
		if again, err := OldPath(key); err != nil || again != key {
			t.Fatalf("OldPath(%q) = %q, then %q, %v", raw, key, again, err)
		}
		p, q, err := SplitAddress(raw)
		if err != nil {
			t.Fatalf("SplitAddress(%q) failed after OldPath succeeded: %v", raw, err)
		}
		if strings.HasPrefix(p, "//") {
			return // the server's router cleans "//" away before any handler
		}
		// The site looks up the request's path and query as the client
		// sent them (http.Request.RequestURI).
		if keys := RedirectKeys(p, q); !slices.Contains(keys, key) {
			t.Fatalf("a request for %q looks for %q, not its key %q", raw, keys, key)
		}
	})
}
