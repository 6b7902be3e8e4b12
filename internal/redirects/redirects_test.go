package redirects_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/redirects"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

var editor = news.Actor{User: news.User{ID: 0, Roles: []news.Role{news.ManagingEditor}}, IP: "10.0.0.1"}

// The newsroom's door: only those who hold the permission add or remove;
// Test says what the site would answer, for any spelling of an address.
func TestAddTestRemove(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := redirects.New(s, nil)
		reporter := news.Actor{User: news.User{ID: 0, Roles: []news.Role{news.Reporter}}}
		if _, _, err := svc.Add(ctx, reporter, "/a", "/b", news.Moved); news.ErrorCode(err) != news.Forbidden {
			t.Fatalf("a reporter added a redirect: %v", err)
		}
		r, replaced, err := svc.Add(ctx, editor, "https://baohatinh.vn/xa-hoi/a/1.htm", "/a-post1.html", news.Moved)
		if err != nil || replaced {
			t.Fatal(err, replaced)
		}
		if _, _, err := svc.Add(ctx, editor, "/video/cu.htm", "", news.Gone); err != nil {
			t.Fatal(err)
		}
		for address, want := range map[string]string{
			"https://www.baohatinh.vn/Xa-Hoi/A/1.htm?fbclid=x#top": "301: chuyển đến /a-post1.html (quy tắc /xa-hoi/a/1.htm).",
			"/video/cu.htm/":       "410: trang báo trả lời «Nội dung này đã được gỡ bỏ» (quy tắc /video/cu.htm).",
			"/khong-co.htm":        "Không có chuyển hướng: trang báo trả lời 404 (không tìm thấy), trừ khi địa chỉ là một trang đang có.",
			"https://baohatinh.vn": "Không có chuyển hướng: trang báo trả lời 404 (không tìm thấy), trừ khi địa chỉ là một trang đang có.",
		} {
			a, err := svc.Test(ctx, address)
			if err != nil || a.Message() != want {
				t.Errorf("Test(%q) = %q, %v; want %q", address, a.Message(), err, want)
			}
		}
		for _, bad := range []string{"", "khong-co-gach", "/a%zz", "javascript:alert(1)"} {
			if _, err := svc.Test(ctx, bad); news.ErrorCode(err) != news.Invalid {
				t.Errorf("Test(%q): %v", bad, err)
			}
		}
		if err := svc.Remove(ctx, reporter, r.ID); news.ErrorCode(err) != news.Forbidden {
			t.Errorf("a reporter removed a redirect: %v", err)
		}
		if err := svc.Remove(ctx, editor, r.ID); err != nil {
			t.Fatal(err)
		}
		if a, _ := svc.Test(ctx, "/xa-hoi/a/1.htm"); a.Found {
			t.Error("a removed redirect still answers")
		}
	})
}

// Answering a redirect writes nothing; its hits reach the table when the
// counts are flushed, added to what other servers counted.
func TestResolveCountsHits(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
		svc := redirects.New(s, func() time.Time { return at })
		other := redirects.New(s, func() time.Time { return at.Add(-time.Hour) })
		if _, _, err := svc.Add(ctx, editor, "/?p=123", "/bai-post123.html", news.Moved); err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if r, ok, err := svc.Resolve(ctx, "/", "p=123&utm_source=facebook"); !ok || err != nil || r.To != "/bai-post123.html" {
				t.Fatalf("Resolve = %+v, %v, %v", r, ok, err)
			}
		}
		if _, ok, err := other.Resolve(ctx, "/", "p=123"); !ok || err != nil {
			t.Fatal(ok, err)
		}
		if _, ok, err := svc.Resolve(ctx, "/", "p=124"); ok || err != nil {
			t.Fatalf("/?p=124: %v, %v", ok, err)
		}
		if a, _ := svc.Test(ctx, "/?p=123"); a.Redirect.Hits != 0 {
			t.Fatalf("hits written before a flush: %d", a.Redirect.Hits)
		}
		if err := svc.FlushHits(ctx); err != nil {
			t.Fatal(err)
		}
		if err := other.FlushHits(ctx); err != nil {
			t.Fatal(err)
		}
		if err := svc.FlushHits(ctx); err != nil { // nothing new
			t.Fatal(err)
		}
		if a, _ := svc.Test(ctx, "/?p=123"); a.Redirect.Hits != 4 || !a.Redirect.LastHit.Equal(at) {
			t.Errorf("hits %d, last %v; want 4 at %v", a.Redirect.Hits, a.Redirect.LastHit, at)
		}
	})
}

// A CSV file as people make them: a byte-order mark, a header, Excel's
// semicolons, CRLF, quotes, whole URLs, decomposed Vietnamese, 410 lines.
// Imported again, it changes nothing.
func TestImportCSV(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := redirects.New(s, nil)
		file := "\ufeffđịa chỉ cũ;địa chỉ mới;mã\r\n" +
			"https://baohatinh.vn/xa-hoi/cau-moi/220459.htm;/cau-moi-post12.html;301\r\n" +
			"\r\n" +
			"/tag/ha\u0300-ti\u0303nh/;/ha-tinh-tag3.html\r\n" +
			"\"/video/clip;cu.htm\";;410\r\n" +
			"/?p=123 ; https://baohatinh.vn/bai-post123.html ;;\r\n"
		sum, err := svc.ImportCSV(ctx, news.Shell(), strings.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		if want := (redirects.Summary{Lines: 4, Header: true, RedirectImport: store.RedirectImport{Added: 4}}); sum != want {
			t.Errorf("summary %+v, want %+v", sum, want)
		}
		if sum.String() != "Đã nhập 4 chuyển hướng: 4 mới, 0 cập nhật, 0 không đổi." {
			t.Errorf("summary says %q", sum.String())
		}
		for address, want := range map[string]string{"/Tag/Hà-Tĩnh": "/ha-tinh-tag3.html", "/?p=123": "https://baohatinh.vn/bai-post123.html",
			"/xa-hoi/cau-moi/220459.htm": "/cau-moi-post12.html"} {
			if a, _ := svc.Test(ctx, address); !a.Found || a.Redirect.To != want || a.Redirect.Origin != news.FromCSV {
				t.Errorf("%s: %+v", address, a)
			}
		}
		if a, _ := svc.Test(ctx, "/video/clip;cu.htm"); a.Redirect.Status != news.Gone {
			t.Errorf("the 410 line: %+v", a)
		}
		if sum, err = svc.ImportCSV(ctx, news.Shell(), strings.NewReader(file)); err != nil || sum.Unchanged != 4 || sum.Added+sum.Updated != 0 {
			t.Errorf("imported again: %+v, %v", sum, err)
		}
		if _, err := svc.ImportCSV(ctx, news.Actor{User: news.User{Roles: []news.Role{news.Editor}}}, strings.NewReader(file)); news.ErrorCode(err) != news.Forbidden {
			t.Errorf("an editor imported: %v", err)
		}
	})
}

// A bad file is refused whole with every problem named by its line
// (loops found by the table too), and writes nothing.
func TestImportCSVRefusals(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := redirects.New(s, nil)
		if _, _, err := svc.Add(ctx, editor, "/giu-nguyen", "/khong-doi", news.Moved); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, s)
		for name, c := range map[string]struct {
			file string
			want []string
		}{
			"bad lines": {"old,new\n/a,/b\n=HYPERLINK(\"http://evil.example\"),/c\n/d,javascript:alert(document.cookie)\n/e,<script>alert(1)</script>\n" +
				"/f,/g,302\n/h,\n/a,/z\n'; DROP TABLE redirects; --,/x\n/i,//evil.example/\n/j,/k,301,ghi chú\n\"/l,/m\n/,/n\n/tu-minh,/Tu-Minh/\n",
				[]string{"Dòng 3: ", "Dòng 4: ", "Dòng 5: ", "Dòng 6: mã \"302\"", "Dòng 7: thiếu địa chỉ mới", "Dòng 8: địa chỉ cũ /a đã có ở dòng 2",
					"Dòng 9: ", "Dòng 10: ", "Dòng 11: có 4 cột", "Dòng 12: dấu ngoặc kép", "Dòng 13: Không thể chuyển hướng trang chủ",
					"Dòng 14: Địa chỉ mới \"/Tu-Minh/\" trùng với địa chỉ cũ"}},
			"loops": {"/vong-1,/vong-2\n/vong-2,/vong-1\n/khong-doi,/giu-nguyen\n",
				[]string{"Dòng 1: Chuyển hướng này tạo thành vòng lặp: /vong-1 → /vong-2 → /vong-1",
					"Dòng 2: Chuyển hướng này tạo thành vòng lặp: /vong-2 → /vong-1 → /vong-2", "Dòng 3: Chuyển hướng này tạo thành vòng lặp"}},
			"not UTF-8":  {"/a,/b\n/c\xe0,/d\n", []string{"Dòng 2 không phải văn bản UTF-8"}},
			"huge line":  {"/a,/b\n/" + strings.Repeat("x", 10<<10) + ",/c\n", []string{"Dòng 2 dài quá 8192 byte"}},
			"empty":      {"", []string{"không có dòng chuyển hướng nào"}},
			"only names": {"\ufeffold,new,status\r\n\r\n", []string{"không có dòng chuyển hướng nào"}},
		} {
			_, err := svc.ImportCSV(ctx, news.Shell(), strings.NewReader(c.file))
			if code := news.ErrorCode(err); code != news.Invalid && code != news.TooLarge {
				t.Errorf("%s: %v", name, err)
				continue
			}
			msg := news.ErrorMessage(err)
			for _, want := range c.want {
				if !strings.Contains(msg, want) {
					t.Errorf("%s: the message lacks %q:\n%s", name, want, msg)
				}
			}
			var ie *redirects.ImportError
			if errors.As(err, &ie) && len(ie.Problems) != len(c.want) {
				t.Errorf("%s: %d problems, want %d: %q", name, len(ie.Problems), len(c.want), ie.Problems)
			}
		}
		if after := snapshot(t, s); !reflect.DeepEqual(before, after) {
			t.Errorf("a refused file wrote something:\n%+v\n%+v", before, after)
		}
	})
}

// lines is a file of n generated lines, made as it is read.
type lines struct {
	n, i int
	line func(i int) string
	buf  []byte
}

func (l *lines) Read(p []byte) (int, error) {
	for len(l.buf) < len(p) && l.i < l.n {
		l.buf = append(l.buf, l.line(l.i)...)
		l.i++
	}
	if len(l.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, l.buf)
	l.buf = l.buf[n:]
	return n, nil
}

// A million lines are answered without reading them all: a file of
// redirects past the limit is refused as too large before anything is
// written, a file of garbage after its first hundred problems.
func TestImportCSVMillionLines(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := redirects.New(s, nil)
		good := &lines{n: 1_000_000, line: func(i int) string { return fmt.Sprintf("/cu/%d.htm,/bai-post%d.html\n", i, i) }}
		_, err := svc.ImportCSV(ctx, news.Shell(), good)
		if news.ErrorCode(err) != news.TooLarge || !strings.Contains(news.ErrorMessage(err), "split -l 200000") {
			t.Fatalf("a million redirects: %v", err)
		}
		if good.i >= good.n {
			t.Error("the whole million was read before refusing")
		}
		garbage := &lines{n: 1_000_000, line: func(i int) string { return "=cmd|' /C calc'!A0,@SUM(1+1)\n" }}
		_, err = svc.ImportCSV(ctx, news.Shell(), garbage)
		var ie *redirects.ImportError
		if !errors.As(err, &ie) || ie.Total != 100 || len(ie.Problems) != 20 || !strings.Contains(news.ErrorMessage(err), "đã dừng đọc") {
			t.Fatalf("a million bad lines: %v", err)
		}
		if garbage.i > 1000 {
			t.Errorf("read %d lines of garbage before stopping", garbage.i)
		}
		if n, _ := s.CountRedirects(ctx, store.RedirectFilter{}); n != 0 {
			t.Errorf("%d redirects written", n)
		}
	})
}

// snapshot is the redirect table and the audit log, to compare.
func snapshot(t *testing.T, s *store.Store) []any {
	t.Helper()
	ctx := context.Background()
	list, err := s.Redirects(ctx, store.RedirectFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	log, err := s.AuditLog(ctx, store.AuditFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	return []any{list, log}
}
