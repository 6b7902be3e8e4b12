package importer_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/importer"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// items is a source that yields a fixed list.
type items struct {
	name string
	list []importer.Item
}

func (s items) Name() string { return s.name }

func (s items) Each(ctx context.Context, yield func(importer.Item) error) error {
	for _, it := range s.list {
		if err := yield(it); err != nil {
			return err
		}
	}
	return nil
}

func pngFile(t testing.TB, dir string, shade uint8) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 40))
	for x := range 64 {
		for y := range 40 {
			img.Set(x, y, color.RGBA{shade, uint8(x), uint8(y), 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "anh-"+string(rune('a'+shade%26))+".png")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var published = time.Date(2015, 3, 2, 1, 30, 0, 0, time.UTC)

// archive is a small paper's archive: two sections (one inside the
// other), two bylines, a photo, a published story with a threaded
// conversation, a draft without a section and a scheduled story.
func archive(t *testing.T, dir string) items {
	bridge := pngFile(t, dir, 7)
	huge := filepath.Join(dir, "qua-lon.jpg")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, media.MaxBytes+1); err != nil {
		t.Fatal(err)
	}
	return items{name: "thu:bao-cu", list: []importer.Item{
		{Section: &importer.Section{Key: "xa-hoi", Slug: "xa-hoi", Name: "Xã hội"}},
		{Section: &importer.Section{Key: "giao-thong", ParentKey: "xa-hoi", Slug: "giao-thong", Name: "Giao thông", OldURLs: []string{"https://baocu.vn/category/giao-thong/"}}},
		{Author: &importer.Author{Key: "thuha", Name: "Thu Hà"}},
		{Author: &importer.Author{Key: "minhduc", Name: "Minh Đức"}},
		{Photo: &importer.Photo{Key: "anh:31", File: bridge, Caption: "Cầu mới nối hai bờ sông La", Credit: "Ảnh: Thu Hà",
			URL: "https://baocu.vn/wp-content/uploads/2015/03/cau.png", OldURLs: []string{"https://baocu.vn/wp-content/uploads/2015/03/cau-300x200.png"}}},
		{Photo: &importer.Photo{Key: "anh:32", File: huge}},
		{Photo: &importer.Photo{Key: "anh:33", URL: "https://baocu.vn/wp-content/uploads/2015/03/xa.jpg"}},
		{Warning: &importer.Warning{Item: "bài 99", Message: "Bỏ qua bài trong thùng rác"}},
		{Story: &importer.Story{Key: "123", Title: "Thông xe cầu mới &amp; đường dẫn", Slug: "thong-xe-cau-moi",
			Lead: "Sáng nay, cây cầu mới chính thức thông xe.", State: news.Published, PublishedAt: published,
			Body:       "<p>Người dân phấn khởi.</p><p><img src=\"http://baocu.vn/wp-content/uploads/2015/03/cau-300x200.png\" alt=\"\"></p><script>alert(1)</script><p>Hết.</p>",
			SectionKey: "giao-thong", Tags: []string{"Cầu đường", "giao thông", ""}, AuthorKeys: []string{"thuha", "minhduc"},
			CoverKey: "anh:31", OldURLs: []string{"https://baocu.vn/giao-thong/thong-xe-cau-moi/123.htm", "/?p=123"},
			Comments: []importer.Comment{
				{Key: "c1", Name: "Bạn đọc Hương Sơn", Body: "Cau dep qua", At: published.Add(time.Hour), Status: news.CommentPublished},
				{Key: "c2", ParentKey: "c1", Name: "Lan", Body: "Đúng vậy <b>bạn</b>", At: published.Add(2 * time.Hour), Status: news.CommentPending},
				{Key: "c3", ParentKey: "c2", Name: "Minh", Body: "Cảm ơn", At: published.Add(3 * time.Hour), Status: news.CommentPublished},
			}}},
		{Story: &importer.Story{Key: "124", Title: "Bản nháp chưa có chuyên mục", State: news.Draft, Body: "<p>Đoạn đầu của bản nháp.</p>"}},
		{Story: &importer.Story{Key: "125", Title: "Tin hẹn giờ", State: news.Scheduled, PublishedAt: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC),
			SectionName: "Kinh tế", AuthorNames: []string{"Nguyễn Văn An"}, Body: "<p>Sẽ đăng sau.</p>"}},
		{Story: &importer.Story{Key: "126", Title: "   "}},
	}}
}

func newImporter(t testing.TB, st *store.Store, opts importer.Options) *importer.Importer {
	lib, err := media.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return importer.New(st, lib, opts)
}

func TestImportWritesAnArchiveOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		src := archive(t, t.TempDir())
		sum, err := newImporter(t, st, importer.Options{BatchSize: 3}).Run(ctx, news.Shell(), src)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Stories.Created != 3 || sum.Stories.Skipped != 1 || sum.Photos.Created != 1 || sum.Photos.Skipped != 2 || sum.Comments != 3 {
			t.Fatalf("summary %+v", sum)
		}
		if !hasWarning(sum, "bài 99", "thùng rác") || !hasWarning(sum, "ảnh anh:32", "quá lớn") || !hasWarning(sum, "ảnh anh:33", "--fetch-host") || !hasWarning(sum, "bài 126", "không có tiêu đề") {
			t.Errorf("warnings %+v", sum.Warnings)
		}

		id, err := st.ImportedID(ctx, src.name, "story", "123")
		if err != nil || id == 0 {
			t.Fatalf("story 123 is %d (%v)", id, err)
		}
		a, err := st.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "Thông xe cầu mới & đường dẫn" || a.Status != news.Published || !a.PublishedAt.Equal(published) {
			t.Errorf("article %q %s %v", a.Title, a.Status, a.PublishedAt)
		}
		if a.Section.Slug != "giao-thong" || len(a.Authors) != 2 || a.Authors[0].Name != "Thu Hà" || len(a.Tags) != 2 {
			t.Errorf("section %q, bylines %+v, tags %+v", a.Section.Slug, a.Authors, a.Tags)
		}
		photo, err := st.ImportedID(ctx, src.name, "photo", "anh:31")
		if err != nil || a.Cover == nil || a.Cover.ID != photo {
			t.Errorf("cover %+v, photo %d (%v)", a.Cover, photo, err)
		}
		if strings.Contains(a.Body, "script") || !strings.Contains(a.Body, `data-image-id="`) || !strings.Contains(a.Body, "/media/") ||
			!strings.Contains(a.Body, "Cầu mới nối hai bờ sông La") || strings.Contains(a.Body, "baocu.vn") {
			t.Errorf("body %s", a.Body)
		}
		thread, err := st.Comments(ctx, store.CommentFilter{ArticleID: id, Limit: 10})
		if err != nil || len(thread) != 3 {
			t.Fatalf("%d comments (%v)", len(thread), err)
		}
		if a.CommentCount != 1 {
			t.Errorf("%d comments counted, want 1: the reply under a waiting reply is not shown", a.CommentCount)
		}
		revs, err := st.Revisions(ctx, id)
		if err != nil || len(revs) != 1 || revs[0].Kind != news.RevisionImport {
			t.Errorf("revisions %+v (%v)", revs, err)
		}

		draft, _ := st.ImportedID(ctx, src.name, "story", "124")
		d, err := st.Article(ctx, draft)
		if err != nil || d.Status != news.Draft || d.Section.Slug != "luu-tru" || d.Lead != "Đoạn đầu của bản nháp." || !d.PublishedAt.IsZero() {
			t.Errorf("draft %+v (%v)", d, err)
		}
		later, _ := st.ImportedID(ctx, src.name, "story", "125")
		s, err := st.Article(ctx, later)
		if err != nil || s.Status != news.Scheduled || s.ScheduledAt.Year() != 2030 || s.Section.Name != "Kinh tế" || s.Authors[0].Name != "Nguyễn Văn An" {
			t.Errorf("scheduled %+v (%v)", s, err)
		}

		// The same archive again changes nothing.
		before, _ := st.CountArticles(ctx)
		again, err := newImporter(t, st, importer.Options{}).Run(ctx, news.Shell(), archive(t, t.TempDir()))
		if err != nil {
			t.Fatal(err)
		}
		after, _ := st.CountArticles(ctx)
		if again.Stories.Unchanged != 3 || again.Stories.Created+again.Stories.Updated != 0 || again.Comments != 0 || after != before {
			t.Errorf("second import %+v; %d articles, then %d", again, before, after)
		}
	})
}

func hasWarning(sum importer.Summary, item, words string) bool {
	for _, w := range sum.Warnings {
		if w.Item == item && strings.Contains(w.Message, words) {
			return true
		}
	}
	return false
}

// A story changed at the source is written again, unless the newsroom
// has edited it since the last import: its edits win.
func TestImportUpdatesButKeepsTheNewsroomsEdits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		story := func(title string) items {
			return items{name: "thu:bao-cu", list: []importer.Item{{Story: &importer.Story{Key: "7", Title: title, State: news.Published,
				PublishedAt: published, Body: "<p>Nội dung.</p>"}}}}
		}
		run := func(src items) importer.Summary {
			sum, err := newImporter(t, st, importer.Options{}).Run(ctx, news.Shell(), src)
			if err != nil {
				t.Fatal(err)
			}
			return sum
		}
		run(story("Tiêu đề cũ"))
		if sum := run(story("Tiêu đề đã sửa ở nguồn")); sum.Stories.Updated != 1 {
			t.Fatalf("summary %+v", sum)
		}
		id, _ := st.ImportedID(ctx, "thu:bao-cu", "story", "7")
		a, err := st.Article(ctx, id)
		if err != nil || a.Title != "Tiêu đề đã sửa ở nguồn" || a.Revision != 2 {
			t.Fatalf("%q rev %d (%v)", a.Title, a.Revision, err)
		}
		a.Title = "Tiêu đề tòa soạn sửa"
		if _, err := st.UpdateArticle(ctx, news.System(), a, a.Revision, news.RevisionSave); err != nil {
			t.Fatal(err)
		}
		sum := run(story("Nguồn lại sửa"))
		if sum.Stories.Kept != 1 || !hasWarning(sum, "7", "giữ bản của tòa soạn") {
			t.Fatalf("summary %+v", sum)
		}
		if a, _ = st.Article(ctx, id); a.Title != "Tiêu đề tòa soạn sửa" {
			t.Errorf("title %q", a.Title)
		}
	})
}

// A dry run reads and checks everything and writes nothing: no rows, no
// photo files.
func TestImportDryRunWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		libDir := t.TempDir()
		lib, err := media.New(libDir)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := importer.New(st, lib, importer.Options{DryRun: true}).Run(ctx, news.Shell(), archive(t, t.TempDir()))
		if err != nil {
			t.Fatal(err)
		}
		if !sum.DryRun || sum.Stories.Created != 3 || sum.Photos.Created != 1 || sum.Comments != 3 {
			t.Errorf("summary %+v", sum)
		}
		if n, _ := st.CountArticles(ctx); n != 0 {
			t.Errorf("%d articles written by a dry run", n)
		}
		if secs, _ := st.Sections(ctx); len(secs) != 0 {
			t.Errorf("sections written by a dry run: %+v", secs)
		}
		files, _ := filepath.Glob(filepath.Join(libDir, "*", "*"))
		if len(files) != 0 {
			t.Errorf("photo files written by a dry run: %v", files)
		}
	})
}

// Only the editor-in-chief and the administrator bring archives in.
func TestImportNeedsThePermission(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		reporter := news.Actor{User: news.User{ID: 1, Roles: []news.Role{news.Reporter, news.ManagingEditor}}}
		_, err := newImporter(t, st, importer.Options{}).Run(context.Background(), reporter, archive(t, t.TempDir()))
		if news.ErrorCode(err) != news.Forbidden || !strings.Contains(news.ErrorMessage(err), "nhập bài") {
			t.Fatalf("err %v", err)
		}
		if n, _ := st.CountArticles(context.Background()); n != 0 {
			t.Errorf("%d articles", n)
		}
	})
}

// failing is a source that breaks after its first n items, as a file cut
// short or a crash would.
type failing struct {
	items
	n int
}

func (f failing) Each(ctx context.Context, yield func(importer.Item) error) error {
	for i, it := range f.list {
		if i == f.n {
			return errors.New("tệp bị cắt ngang")
		}
		if err := yield(it); err != nil {
			return err
		}
	}
	return nil
}

// An import cut short keeps its committed batches, each with its audit
// entry; run again, it resumes: what was written stays as it is, the rest
// is added, nothing twice.
func TestImportResumesAfterACut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		src := archive(t, t.TempDir())
		cut := failing{items: src, n: 10} // after the first story
		_, err := newImporter(t, st, importer.Options{BatchSize: 2}).Run(ctx, news.Shell(), cut)
		if err == nil || !strings.Contains(err.Error(), "cắt ngang") {
			t.Fatalf("err %v", err)
		}
		first, _ := st.CountArticles(ctx)
		if first != 1 {
			t.Fatalf("%d stories kept from the cut import, want the first", first)
		}
		log, err := st.AuditLog(ctx, store.AuditFilter{ObjectType: "import", Limit: 50})
		if err != nil || len(log) == 0 || !strings.Contains(log[0].Detail, src.name) {
			t.Fatalf("audit %+v (%v)", log, err)
		}
		sum, err := newImporter(t, st, importer.Options{}).Run(ctx, news.Shell(), src)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Stories.Unchanged != 1 || sum.Stories.Created != 2 {
			t.Errorf("resumed %+v", sum.Stories)
		}
		if n, _ := st.CountArticles(ctx); n != 3 {
			t.Errorf("%d stories after resuming, want 3", n)
		}
	})
}

// With accounts asked for, every byline with an e-mail gets a reporter's
// account under its pen name, without a password (it cannot sign in
// until an administrator resets it); a member who has the address keeps
// their account; a run again makes none twice.
func TestImportMakesAccountsForBylines(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		if _, err := st.CreateUser(ctx, news.System(), news.User{Email: "minhduc@baocu.vn", Name: "Lê Minh Đức", PasswordHash: "x",
			Roles: []news.Role{news.Editor}}); err != nil {
			t.Fatal(err)
		}
		src := items{name: "thu:bao-cu", list: []importer.Item{
			{Author: &importer.Author{Key: "thuha", Name: "Thu Hà", Email: "ThuHa@BaoCu.vn"}},
			{Author: &importer.Author{Key: "minhduc", Name: "Minh Đức", Email: "minhduc@baocu.vn"}},
			{Author: &importer.Author{Key: "ctv", Name: "Cộng tác viên", Email: "<script>@x"}},
			{Author: &importer.Author{Key: "khong-email", Name: "Không Email"}},
		}}
		for range 2 {
			if _, err := newImporter(t, st, importer.Options{Users: true}).Run(ctx, news.Shell(), src); err != nil {
				t.Fatal(err)
			}
		}
		users, err := st.Users(ctx)
		if err != nil || len(users) != 2 {
			t.Fatalf("%d accounts (%v), want the member and Thu Hà's", len(users), err)
		}
		u, err := st.UserByEmail(ctx, "thuha@baocu.vn")
		if err != nil {
			t.Fatal(err)
		}
		author, _ := st.ImportedID(ctx, "thu:bao-cu", "author", "thuha")
		if u.PasswordHash != "" || !u.MustChangePassword || u.AuthorID != author || !slices.Equal(u.Roles, []news.Role{news.Reporter}) {
			t.Errorf("account %+v, byline %d", u, author)
		}
		if member, _ := st.UserByEmail(ctx, "minhduc@baocu.vn"); member.Name != "Lê Minh Đức" || member.PasswordHash != "x" {
			t.Errorf("the member's account changed: %+v", member)
		}
	})
}
