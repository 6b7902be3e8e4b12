package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/importer"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store/storetest"
	"github.com/toasoan/toasoan/internal/wordpress"
)

// TestExportWordPress writes a paper out from the command line on either
// database, reads the file back, and refuses what it should refuse
// without leaving a file behind or spoiling the one already there.
func TestExportWordPress(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			where := []string{"--data", filepath.Dir(src.Source)}
			if src.Name == "postgres" {
				where = []string{"--data", t.TempDir(), "--database", src.Source}
			}
			st := storetest.Open(t, src.Source)
			sec, err := st.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
			if err != nil {
				t.Fatal(err)
			}
			au, err := st.CreateAuthor(ctx, news.System(), news.Author{Slug: "minh-anh", Name: "Minh Anh"})
			if err != nil {
				t.Fatal(err)
			}
			a, err := st.CreateArticle(ctx, news.System(), news.Article{Slug: "thong-xe-cau", Title: "Thông xe cầu Cửa Sót", Body: "<p>Cầu đã thông xe.</p>",
				SectionID: sec.ID, Status: news.Published, PublishedAt: time.Date(2024, 5, 13, 1, 30, 0, 0, time.UTC), Authors: []news.Author{au},
				Tags: []news.Tag{{Slug: "cau", Name: "cầu"}}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.CreateComment(ctx, news.Comment{ArticleID: a.ID, Name: "Bình", Body: "Cầu đẹp!", Status: news.CommentPublished}); err != nil {
				t.Fatal(err)
			}
			run := func(args ...string) (string, error) {
				var out bytes.Buffer
				err := Run(ctx, append(append([]string{"export"}, args...), where...), func(string) string { return "" }, strings.NewReader(""), &out, io.Discard)
				return out.String(), err
			}

			dir := t.TempDir()
			// A decomposed Vietnamese file name, as a Mac's shell types it.
			to := filepath.Join(dir, norm.NFD.String("báo-xuất.xml"))
			out, err := run("wordpress", "--to", to, "--base-url", "https://baolamhong.example")
			if err != nil {
				t.Fatal(err)
			}
			if want := "đã xuất 1 bài, 1 chuyên mục, 1 thẻ, 0 ảnh, 1 bình luận, 1 tác giả vào " + to; strings.TrimSpace(out) != want {
				t.Errorf("summary %q, want %q", out, want)
			}
			r, err := wordpress.Open(to, wordpress.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var stories []importer.Story
			err = r.Each(ctx, func(it importer.Item) error {
				if it.Story != nil {
					stories = append(stories, *it.Story)
				}
				return nil
			})
			if err != nil || len(stories) != 1 || stories[0].Title != "Thông xe cầu Cửa Sót" || len(stories[0].Comments) != 1 ||
				stories[0].OldURLs[0] != a.Path() || r.Name() != "wordpress:baolamhong.example" {
				t.Errorf("read back %+v, %v", stories, err)
			}

			// Refusals leave the earlier file whole and no temporary file.
			before, err := os.ReadFile(to)
			if err != nil {
				t.Fatal(err)
			}
			for _, bad := range []struct {
				args []string
				says string
			}{
				{nil, "cách dùng"},
				{[]string{"ghost", "--to", to}, "cách dùng"},
				{[]string{"wordpress"}, "thiếu --to"},
				{[]string{"wordpress", "--to", "  "}, "thiếu --to"},
				{[]string{"wordpress", "--to", to}, "Chưa có địa chỉ gốc"},
				{[]string{"wordpress", "--to", to, "--base-url", "javascript:alert(1)"}, "không hợp lệ"},
				{[]string{"wordpress", "--to", to, "--base-url", "<script>alert(1)</script>"}, "không hợp lệ"},
				{[]string{"wordpress", "--to", to, "--base-url", "baolamhong.example"}, "không hợp lệ"},
				{[]string{"wordpress", "--to", filepath.Join(dir, "khong-co", "x.xml"), "--base-url", "https://baolamhong.example"}, "không tạo được tệp"},
				{[]string{"wordpress", "--to", dir, "--base-url", "https://baolamhong.example"}, "ghi tệp"},
				{[]string{"wordpress", "--to", to, "--tu", "x"}, "tu"},
			} {
				if _, err := run(bad.args...); err == nil || !strings.Contains(err.Error(), bad.says) {
					t.Errorf("export %q: %v, want an error saying %q", bad.args, err, bad.says)
				}
			}
			after, err := os.ReadFile(to)
			if err != nil || !bytes.Equal(before, after) {
				t.Errorf("a refused export changed the earlier file (%v)", err)
			}
			entries, err := os.ReadDir(dir)
			if err != nil || len(entries) != 1 {
				t.Errorf("files left in the folder: %v %v", entries, err)
			}
		})
	}
}
