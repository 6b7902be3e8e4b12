package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"image"
	pngpkg "image/png"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// storeFlags are the flags that point a command at a data folder and, on
// PostgreSQL, at a database.
func storeFlags(data string, src storetest.Source) []string {
	if src.Name == "postgres" {
		return []string{"--data", data, "--database", src.Source}
	}
	return []string{"--data", data}
}

// sourceOf is a new empty database of the named kind.
func sourceOf(t *testing.T, kind string) storetest.Source {
	t.Helper()
	for _, src := range storetest.Sources(t) {
		if src.Name == kind {
			return src
		}
	}
	t.Fatalf("no %s database to test on", kind)
	return storetest.Source{}
}

// shell runs a toasoan command through Run, as main does, and returns
// what it printed; it fails the test if the command fails.
func shell(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	if err := Run(context.Background(), args, func(string) string { return "" }, strings.NewReader(stdin), &out, io.Discard); err != nil {
		t.Fatalf("toasoan %s: %v", strings.Join(args, " "), err)
	}
	return out.String()
}

// body reads a page's whole answer.
func body(t *testing.T, u string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

var sitemapLoc = regexp.MustCompile(`<loc>([^<]+)</loc>`)

// storyPaths lists every story the site's sitemaps name.
func storyPaths(t *testing.T, base string) []string {
	t.Helper()
	_, index := body(t, base+"/sitemap.xml")
	var paths []string
	for _, m := range sitemapLoc.FindAllSubmatch(index, -1) {
		u, _ := url.Parse(string(m[1]))
		_, month := body(t, base+u.Path)
		for _, s := range sitemapLoc.FindAllSubmatch(month, -1) {
			if p, _ := url.Parse(string(s[1])); strings.Contains(p.Path, "-post") {
				paths = append(paths, p.Path)
			}
		}
	}
	slices.Sort(paths)
	return slices.Compact(paths)
}

// The whole move of a paper at the shell: the demo paper, a member with
// a password and readers' comments, served on one database, backed up by
// "toasoan backup" while its server runs, restored by "toasoan restore"
// into an empty database of the other kind and another data folder, and
// served from there (without the demo, so nothing but the restore could
// have put the paper there): the same stories with the same text, photos,
// bylines and comments, the same photo files, and the members sign in
// with their passwords, the first administrator with the one-time one.
func TestBackupMovesAPaperToTheOtherDatabase(t *testing.T) {
	t.Parallel()
	moves := [][2]string{{"sqlite", "sqlite"}}
	if os.Getenv("TOASOAN_TEST_DATABASE") != "" {
		moves = [][2]string{{"sqlite", "postgres"}, {"postgres", "sqlite"}}
	}
	for _, move := range moves {
		t.Run(move[0]+"→"+move[1], func(t *testing.T) {
			t.Parallel()
			fromFlags := storeFlags(t.TempDir(), sourceOf(t, move[0]))
			from := startServer(t, fromFlags...)
			shell(t, "Đường về Hương Khê mùa lũ\n", append([]string{"user", "add", "--email", "thuha@baohatinh.vn", "--name", "Nguyễn Thu Hà", "--role", "editor"}, fromFlags...)...)
			admin := adminAPI(t, from.base, fromFlags...)
			stories := storyPaths(t, from.base)
			if len(stories) < 50 {
				t.Fatalf("the demo paper's sitemaps name %d stories", len(stories))
			}
			id := strings.TrimSuffix(stories[0][strings.LastIndex(stories[0], "-post")+5:], ".html")
			for i, text := range []string{"Cảm ơn phóng viên đã phản ánh kịp thời.", "Mong chính quyền xã sớm vào cuộc.", "Bình luận này còn chờ duyệt."} {
				posted := admin.call("POST", "/api/v1/articles/"+id+"/comments", fmt.Sprintf(`{"name": "Bạn đọc Can Lộc", "body": %q}`, text))
				if i < 2 {
					admin.call("POST", fmt.Sprintf("/api/v1/comments/%v/moderation", posted["id"]), `{"action": "approve"}`)
				}
			}

			archive := filepath.Join(t.TempDir(), "toasoan.tar.gz")
			if out := shell(t, "", append([]string{"backup", "--to", archive}, fromFlags...)...); !strings.Contains(out, "đã sao lưu") {
				t.Fatalf("backup said %q", out)
			}
			toFlags := storeFlags(t.TempDir(), sourceOf(t, move[1]))
			if out := shell(t, "", append([]string{"restore", archive}, toFlags...)...); !strings.Contains(out, "đã khôi phục") || !strings.Contains(out, move[1]) {
				t.Fatalf("restore said %q", out)
			}
			to := startServer(t, append([]string{"--demo=false"}, toFlags...)...)

			if got := storyPaths(t, to.base); !slices.Equal(got, stories) {
				t.Fatalf("the restored paper's sitemaps name %d stories, the first %d", len(got), len(stories))
			}
			photos := map[string]bool{}
			comments := 0
			for _, path := range stories {
				_, a := fetch(t, from.base+path)
				resp, b := fetch(t, to.base+path)
				wantStory, _ := a.Find("article.story").Html()
				gotStory, _ := b.Find("article.story").Html()
				// The printed address names each server's own host.
				wantStory = strings.ReplaceAll(wantStory, from.base, "")
				gotStory = strings.ReplaceAll(gotStory, to.base, "")
				if resp.StatusCode != http.StatusOK || gotStory != wantStory || wantStory == "" {
					at := firstDifference(gotStory, wantStory)
					t.Errorf("%s on the restored paper (%d) differs at byte %d:\n got %.300s\nwant %.300s", path, resp.StatusCode, at, gotStory[at:], wantStory[at:])
				}
				want, got := a.Find(".comment-list .comment-body").Text(), b.Find(".comment-list .comment-body").Text()
				if got != want || b.Find(".comment-count").Text() != a.Find(".comment-count").Text() {
					t.Errorf("%s: comments %q (%s), want %q (%s)", path, got, b.Find(".comment-count").Text(), want, a.Find(".comment-count").Text())
				}
				comments += b.Find(".comment-list .comment").Length()
				a.Find("article.story img").Each(func(_ int, img *goquery.Selection) { photos[img.AttrOr("src", "")] = true })
			}
			if comments != 2 {
				t.Errorf("the restored paper shows %d published comments, want 2", comments)
			}
			if len(photos) < 50 {
				t.Errorf("only %d photos on the stories", len(photos))
			}
			for src := range photos {
				_, want := body(t, from.base+src)
				status, got := body(t, to.base+src)
				if status != http.StatusOK || !bytes.Equal(got, want) || !strings.HasPrefix(src, "/media/") {
					t.Errorf("photo %s on the restored paper: %d, %d bytes, want %d", src, status, len(got), len(want))
				}
			}

			member := newNewsroomClient(t, to.base)
			if status, location := member.signIn("thuha@baohatinh.vn", "Đường về Hương Khê mùa lũ"); status != http.StatusSeeOther || !member.atDesk() {
				t.Errorf("the member's sign-in on the restored paper: %d → %q", status, location)
			}
			if status, _ := newNewsroomClient(t, to.base).signIn("thuha@baohatinh.vn", "Duong ve Huong Khe mua lu"); status != http.StatusUnauthorized {
				t.Errorf("the password without its marks: %d", status)
			}
			first := newNewsroomClient(t, to.base)
			if status, location := first.signIn("admin@localhost", from.adminPassword); status != http.StatusSeeOther || location != "/toasoan/" {
				t.Errorf("the first administrator's one-time password on the restored paper: %d → %q", status, location)
			}
		})
	}
}

// withEntry rewrites a gzip'd tar with one more regular entry at the end.
func withEntry(t *testing.T, archive []byte, name, content string) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	tr, tw := tar.NewReader(zr), tar.NewWriter(zw)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(tw, tr); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Size: int64(len(content)), Mode: 0o644}); err != nil {
		t.Fatal(err)
	}
	if _, err := tw.Write([]byte(content)); err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(tw.Close(), zw.Close()); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// The two commands as an operator meets them, through the built binary:
// each mistake is a Vietnamese message on standard error and exit code 1
// with nothing written (no archive under the asked name, no database
// where --data pointed wrong, no file outside the data folder); a
// backup is readable by its owner only; "--to -" and "restore -" pipe a
// paper from one machine to another; a photo missing from the folder
// fails the backup with its name.
func TestBackupAndRestoreCommands(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	data := t.TempDir()
	shell(t, "mật khẩu ban biên tập\n", "user", "add", "--email", "bbt@baothu.vn", "--name", "Ban Biên Tập", "--role", "admin", "--data", data)
	s := storetest.Open(t, filepath.Join(data, "toasoan.db"))
	lib, err := media.New(filepath.Join(data, "media"))
	if err != nil {
		t.Fatal(err)
	}
	var png bytes.Buffer
	if err := pngpkg.Encode(&png, image.NewGray(image.Rect(0, 0, 12, 9))); err != nil {
		t.Fatal(err)
	}
	im, err := lib.Save(png.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateImage(ctx, news.System(), im); err != nil {
		t.Fatal(err)
	}

	backups := t.TempDir()
	file := filepath.Join(backups, "bản-sao-lưu-Đồng-Lộc.tar.gz")
	refusals := []struct {
		name string
		args []string
		want string
	}{
		{"sao lưu thiếu --to", []string{"backup", "--data", data}, "cần --to TỆP"},
		{"sao lưu thư mục không có báo", []string{"backup", "--to", file, "--data", filepath.Join(backups, "nham")}, "không có cơ sở dữ liệu SQLite"},
		{"sao lưu vào thư mục không có", []string{"backup", "--to", filepath.Join(backups, "khong-co", "x.tar.gz"), "--data", data}, "không tạo được tệp sao lưu"},
		{"khôi phục thiếu tệp", []string{"restore"}, "cách dùng: toasoan restore TỆP"},
		{"khôi phục tệp không có", []string{"restore", filepath.Join(backups, "khong-co.tar.gz"), "--data", t.TempDir()}, "không có tệp sao lưu"},
		{"khôi phục tệp đặt sau cờ", []string{"restore", "--data", t.TempDir(), file}, "TỆP đứng đầu"},
	}
	for _, r := range refusals {
		if _, stderr, code := toasoan(t, "", r.args...); code != 1 || !strings.Contains(stderr, r.want) {
			t.Errorf("%s: exit %d, %q; want 1 and %q", r.name, code, stderr, r.want)
		}
	}
	if _, err := os.Stat(filepath.Join(backups, "nham", "toasoan.db")); err == nil {
		t.Error("a backup of a wrong --data made a database there")
	}
	if names, _ := filepath.Glob(filepath.Join(backups, "*")); len(names) != 0 {
		t.Errorf("the refused backups left %v", names)
	}

	stdout, stderr, code := toasoan(t, "", "backup", "--to", file, "--data", data)
	if code != 0 || !strings.Contains(stdout, "đã sao lưu") || !strings.Contains(stdout, "1 ảnh") {
		t.Fatalf("backup: exit %d, %q %q", code, stdout, stderr)
	}
	if info, err := os.Stat(file); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the archive: %v, %v; want readable by its owner only", info, err)
	}
	sound, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}

	if _, stderr, code := toasoan(t, "", "restore", file, "--data", data); code != 1 || !strings.Contains(stderr, "đã có bài viết hoặc người dùng") {
		t.Errorf("restore over the paper itself: exit %d, %q", code, stderr)
	}
	target := t.TempDir()
	evil := filepath.Join(backups, "doc-hai.tar.gz")
	if err := os.WriteFile(evil, withEntry(t, sound, "../../etc/passwd", "root::0:0:root:/root:/bin/sh\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := toasoan(t, "", "restore", evil, "--data", filepath.Join(target, "a", "b")); code != 1 || !strings.Contains(stderr, "không an toàn") {
		t.Errorf("restore of ../../etc/passwd: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(target, "etc")); err == nil {
		t.Error("the hostile archive wrote outside the data folder")
	}
	if names, _ := filepath.Glob(filepath.Join(target, "a", "b", "media", "*")); len(names) != 0 {
		t.Errorf("the refused restore left photos: %v", names)
	}
	stdout, stderr, code = toasoan(t, "", "restore", file, "--data", filepath.Join(target, "a", "b"))
	if code != 0 || !strings.Contains(stdout, "đã khôi phục") || !strings.Contains(stdout, "cần đăng nhập lại") {
		t.Fatalf("restore: exit %d, %q %q", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(target, "a", "b", "media", filepath.FromSlash(im.Key))); err != nil {
		t.Errorf("the restored photo: %v", err)
	}

	var piped, report bytes.Buffer
	if err := Run(ctx, []string{"backup", "--to", "-", "--data", data}, func(string) string { return "" }, strings.NewReader(""), &piped, &report); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(report.String(), "đã sao lưu") {
		t.Errorf("the report of a backup to standard output: %q", report.String())
	}
	if out := shell(t, piped.String(), "restore", "-", "--data", t.TempDir()); !strings.Contains(out, "đã khôi phục") {
		t.Errorf("restore from standard input: %q", out)
	}

	path, _ := lib.Path(im.Key)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(backups, "lan-hai.tar.gz")
	if _, stderr, code := toasoan(t, "", "backup", "--to", again, "--data", data); code != 1 || !strings.Contains(stderr, im.Key) {
		t.Errorf("backup with a photo missing: exit %d, %q; want its key named", code, stderr)
	}
	if names, _ := filepath.Glob(filepath.Join(backups, "*lan-hai*")); len(names) != 0 {
		t.Errorf("the failed backup left %v", names)
	}
}

// firstDifference is the first byte at which a and b differ, a little
// before it so the message shows what leads to it.
func firstDifference(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return max(0, min(i-80, len(a), len(b)))
}
