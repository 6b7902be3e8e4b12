package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// The operator's redirect commands on either database: an import with
// its summary in Vietnamese, run again without change; a test of an
// address; the list as CSV that imports back; a bad file refused whole
// with its lines named.
func TestRedirectsFromTheShell(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			data := t.TempDir()
			where := []string{"--data", data}
			if src.Name == "postgres" {
				where = append(where, "--database", src.Source)
			}
			run := func(stdin string, args ...string) (string, error) {
				var out bytes.Buffer
				err := Run(context.Background(), append(append([]string{"redirects"}, args...), where...), func(string) string { return "" },
					strings.NewReader(stdin), &out, io.Discard)
				return out.String(), err
			}
			file := filepath.Join(data, "chuyen-huong.csv")
			csv := "\ufeffold,new,status\r\n" +
				"https://baohatinh.vn/xa-hoi/cau-moi/220459.htm,/cau-moi-post12.html,301\r\n" +
				"/tag/ha\u0300-ti\u0303nh/,/ha-tinh-tag3.html\r\n" +
				"/video/clip-cu.htm,,410\r\n"
			if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := run("", "import", file)
			if err != nil || !strings.HasPrefix(out, "Đã nhập 3 chuyển hướng: 3 mới, 0 cập nhật, 0 không đổi.") {
				t.Fatalf("import: %q %v", out, err)
			}
			if out, err := run("", "import", file); err != nil || !strings.HasPrefix(out, "Đã nhập 3 chuyển hướng: 0 mới, 0 cập nhật, 3 không đổi.") {
				t.Errorf("import again: %q %v", out, err)
			}
			for address, want := range map[string]string{
				"https://baohatinh.vn/Xa-Hoi/Cau-Moi/220459.htm?fbclid=1": "301: chuyển đến /cau-moi-post12.html (quy tắc /xa-hoi/cau-moi/220459.htm).",
				"/tag/hà-tĩnh":       "301: chuyển đến /ha-tinh-tag3.html (quy tắc /tag/hà-tĩnh).",
				"/video/clip-cu.htm": "410: trang báo trả lời «Nội dung này đã được gỡ bỏ» (quy tắc /video/clip-cu.htm).",
				"/khong-co.htm":      "Không có chuyển hướng",
			} {
				if out, err := run("", "test", address); err != nil || !strings.HasPrefix(out, want) {
					t.Errorf("test %s: %q %v", address, out, err)
				}
			}
			list, err := run("", "list")
			want := "old,new,status\n/video/clip-cu.htm,,410\n/tag/hà-tĩnh,/ha-tinh-tag3.html,301\n/xa-hoi/cau-moi/220459.htm,/cau-moi-post12.html,301\n"
			if err != nil || list != want {
				t.Errorf("list:\n%s%v\nwant:\n%s", list, err, want)
			}
			if out, err := run(list, "import", "-"); err != nil || !strings.HasPrefix(out, "Đã nhập 3 chuyển hướng: 0 mới, 0 cập nhật, 3 không đổi.") {
				t.Errorf("the list imported back: %q %v", out, err)
			}
			if out, _ := run("", "list", "tag"); out != "old,new,status\n/tag/hà-tĩnh,/ha-tinh-tag3.html,301\n" {
				t.Errorf("list tag: %q", out)
			}
			bad := "/a,/b\n=HYPERLINK(\"http://evil.example\"),/c\n/d,javascript:alert(1)\n/e,/f,302\n"
			_, err = run(bad, "import", "-")
			if err == nil || !strings.Contains(err.Error(), "Tệp CSV có 3 lỗi nên chưa nhập dòng nào.") || !strings.Contains(err.Error(), "Dòng 4: mã \"302\"") {
				t.Errorf("a bad file: %v", err)
			}
			if out, _ := run("", "list"); out != list {
				t.Errorf("a refused file changed the list:\n%s", out)
			}
			for _, args := range [][]string{{}, {"import"}, {"test"}, {"xoa", "/a"}, {"import", filepath.Join(data, "khong-co.csv")}, {"test", "khong-co-gach"},
				{"test", "/a%zz"}, {"list", "a", "b"}} {
				if _, err := run("", args...); err == nil {
					t.Errorf("redirects %q succeeded", args)
				}
			}
		})
	}
}

// A running server counts the requests its redirects answer in memory
// and writes them when it stops, before it closes the database.
func TestRedirectHitsWrittenAtShutdown(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	where := []string{"--data", data}
	if _, err := runQuietly(t, "/cu.htm,/moi/\n", append([]string{"redirects", "import", "-"}, where...)...); err != nil {
		t.Fatal(err)
	}
	p := startProcess(t, append(where, "--demo=false")...)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for range 3 {
		resp, err := noFollow.Get(p.base + "/Cu.htm?fbclid=x")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/moi/" {
			t.Fatalf("the redirect: %d %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Wait(); err != nil {
		t.Fatalf("the server stopped with %v\n%s", err, p.log.String())
	}
	s, err := store.Open(context.Background(), filepath.Join(data, "toasoan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer closeQuietly(s)
	list, err := s.Redirects(context.Background(), store.RedirectFilter{Limit: 1})
	if err != nil || len(list) != 1 || list[0].Hits != 3 || list[0].LastHit.IsZero() {
		t.Errorf("after the server stopped: %+v %v", list, err)
	}
}

// runQuietly runs the command line with stdin, as the operator would.
func runQuietly(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := Run(context.Background(), args, func(string) string { return "" }, strings.NewReader(stdin), &out, io.Discard)
	return out.String(), err
}
