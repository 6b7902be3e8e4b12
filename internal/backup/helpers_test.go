package backup

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/accounts"
	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/demo"
	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/richtext"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// source returns a new empty database of the named kind.
func source(t *testing.T, kind string) string {
	t.Helper()
	for _, src := range storetest.Sources(t) {
		if src.Name == kind {
			return src.Source
		}
	}
	t.Fatalf("no %s database to test on", kind)
	return ""
}

// openEmpty opens source without migrating it, as "toasoan restore" does
// with a database just created.
func openEmpty(t *testing.T, source string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), source)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// paperOn is a backup over s with a photo folder of its own.
func paperOn(t *testing.T, s *store.Store) Backup {
	t.Helper()
	lib, err := media.New(filepath.Join(t.TempDir(), "media"))
	if err != nil {
		t.Fatal(err)
	}
	return Backup{Store: s, Media: lib, Version: "toasoan thử", Spool: t.TempDir(),
		Now: func() time.Time { return time.Date(2026, 1, 31, 8, 0, 0, 0, time.UTC) }}
}

// members are the newsroom the filled paper has, with their passwords.
var members = []struct{ email, name, password string }{
	{"tbt@baohatinh.vn", "Nguyễn Thị Thu Hà", "mật khẩu tổng biên tập 2026"},
	{"phongvien@baohatinh.vn", "Đặng Văn Đức", "đường về Hương Khê"},
}

// fillPaper loads the demo paper into b, then a newsroom with passwords,
// an API token, a draft with revisions and unsaved text, and readers'
// comments, published and pending, one with 250 likes.
func fillPaper(t *testing.T, b Backup) {
	t.Helper()
	ctx := context.Background()
	site, err := b.Store.Site(ctx)
	if err != nil {
		t.Fatal(err)
	}
	loader := demo.Loader{Store: b.Store, Media: b.Media, Policy: richtext.NewPolicy(), Now: time.Now(), Zone: site.Location}
	if loaded, err := loader.LoadIfEmpty(ctx); err != nil || !loaded {
		t.Fatalf("demo paper: %v, %v", loaded, err)
	}
	people := accounts.New(b.Store, auth.TestHasher(), time.Now)
	roles := []news.Role{news.EditorInChief, news.Reporter}
	var staff []news.User
	for i, m := range members {
		u, _, err := people.SaveUser(ctx, news.Shell(), accounts.UserInput{Email: m.email, Name: m.name, Roles: roles[i : i+1], Password: m.password})
		if err != nil {
			t.Fatal(err)
		}
		staff = append(staff, u)
	}
	chief, reporter := staff[0], staff[1]
	if _, _, err := people.CreateToken(ctx, news.Shell(), chief.ID, "kịch bản nhập bài"); err != nil {
		t.Fatal(err)
	}
	comments, err := comment.New(ctx, b.Store, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	stories, err := b.Store.PublishedArticles(ctx, store.ArticleFilter{Limit: 2})
	if err != nil || len(stories) < 2 {
		t.Fatalf("published stories: %d, %v", len(stories), err)
	}
	by := news.Actor{User: chief, IP: "127.0.0.1"}
	// A reporter's draft with two saved revisions and unsaved text.
	desk := editorial.New(b.Store, richtext.NewPolicy(), time.Now)
	writer := news.Actor{User: reporter, IP: "127.0.0.1"}
	in := editorial.ArticleInput{Title: "Cầu Rào Cái sắp thông xe", Lead: "Cây cầu nối hai xã.", Body: "<p>Dài 120 m.</p>", SectionID: stories[0].SectionID, Tags: []string{"Giao thông"}}
	draft, err := desk.Create(ctx, writer, in)
	if err != nil {
		t.Fatal(err)
	}
	in.Body = "<p>Dài 120 m, rộng 9 m.</p>"
	if draft, err = desk.Save(ctx, writer, draft.ID, draft.Revision, in); err != nil {
		t.Fatal(err)
	}
	if _, err := desk.Autosave(ctx, writer, draft.ID, draft.Revision, in.Title, in.Lead, "<p>Dài 120 m, rộng 9 m, kinh phí 15 tỷ đồng.</p>"); err != nil {
		t.Fatal(err)
	}
	for i, body := range []string{"Bài viết rất hay, cảm ơn phóng viên Báo Hà Tĩnh.", "Mong tỉnh sớm sửa con đường này cho bà con đi lại.", "Đồng ý với bạn, đường ở xã tôi cũng vậy."} {
		sub := comment.Submission{ArticleID: stories[i%2].ID, Name: "Bạn đọc Thạch Hà", Body: body, IP: "203.0.113.7", Browser: "trình-duyệt-" + string(rune('a'+i))}
		c, err := comments.Submit(ctx, sub)
		if err != nil {
			t.Fatal(err)
		}
		if i < 2 {
			if _, err := comments.Moderate(ctx, by, c.ID, comment.Decision{Action: comment.Approve}); err != nil {
				t.Fatal(err)
			}
		}
		if i == 0 { // more likes than a restore inserts in one statement
			for reader := range 250 {
				if err := comments.Like(ctx, c.ID, fmt.Sprintf("bạn-đọc-%d", reader)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// archive backs b up into memory.
func archive(t *testing.T, b Backup) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := b.Write(context.Background(), &buf); err != nil {
		t.Fatalf("backup: %v", err)
	}
	return buf.Bytes()
}

// entry is one entry of an archive as the tests rewrite them.
type entry struct {
	header *tar.Header
	body   []byte
}

// entries reads every entry of an archive.
func entries(t *testing.T, data []byte) []entry {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var out []entry
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, entry{h, body})
	}
}

// pack writes entries as an archive, each header's size set to its body.
func pack(t *testing.T, es []entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, e := range es {
		h := *e.header
		if h.Typeflag == tar.TypeReg {
			h.Size = int64(len(e.body))
		}
		if err := tw.WriteHeader(&h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(e.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := errors.Join(tw.Close(), zw.Close()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// contents is what an archive holds, in a form two databases can be
// compared by: each table's rows sorted, times cut to the microsecond
// PostgreSQL keeps (its driver drops the nanoseconds), and each photo's
// bytes.
func contents(t *testing.T, data []byte) (Manifest, map[string][]string, map[string][]byte) {
	t.Helper()
	es := entries(t, data)
	var m Manifest
	if err := json.Unmarshal(es[0].body, &m); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]map[string]store.ColumnKind{}
	for _, tb := range m.Tables {
		kinds[tb.entry()] = map[string]store.ColumnKind{}
		for _, c := range tb.Columns {
			kinds[tb.entry()][c.Name] = c.Kind
		}
	}
	rows, photos := map[string][]string{}, map[string][]byte{}
	for _, e := range es[1:] {
		if key, ok := strings.CutPrefix(e.header.Name, mediaFolder); ok {
			photos[key] = e.body
			continue
		}
		name := strings.TrimSuffix(strings.TrimPrefix(e.header.Name, tablesFolder), tableExtension)
		var lines []string
		for _, line := range strings.Split(strings.TrimSuffix(string(e.body), "\n"), "\n") {
			if line == "" {
				continue
			}
			var row map[string]any
			if err := json.Unmarshal([]byte(line), &row); err != nil {
				t.Fatal(err)
			}
			for col, v := range row {
				s, ok := v.(string)
				if kinds[e.header.Name][col] != store.Timestamp || !ok {
					continue
				}
				at, err := time.Parse(time.RFC3339Nano, s)
				if err != nil {
					t.Fatal(err)
				}
				row[col] = at.Truncate(time.Microsecond).Format(time.RFC3339Nano)
			}
			for col, v := range row {
				if f, ok := v.(float64); ok && kinds[e.header.Name][col] == store.Real {
					row[col] = math.Round(f*1e9) / 1e9
				}
			}
			out, _ := json.Marshal(row) // map keys sorted: one spelling per row
			lines = append(lines, string(out))
		}
		sort.Strings(lines)
		rows[name] = lines
	}
	return m, rows, photos
}

// assertEmpty fails unless b holds no paper and no photo.
func assertEmpty(t *testing.T, b Backup) {
	t.Helper()
	if err := b.Store.RequireEmpty(context.Background()); err != nil {
		t.Errorf("the target is no longer empty: %v", err)
	}
	assertNoPhotos(t, b)
}

// assertNoPhotos fails if b's photo folder holds anything.
func assertNoPhotos(t *testing.T, b Backup) {
	t.Helper()
	some, _ := b.Media.Path("00/" + strings.Repeat("0", 32) + ".jpg")
	dir := filepath.Dir(filepath.Dir(some))
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && path != dir {
			t.Errorf("the photo folder holds %s", path)
		}
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Error(err)
	}
}
