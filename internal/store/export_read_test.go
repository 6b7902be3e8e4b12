package store_test

import (
	"context"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// TestExportReadsPageByPage pages through a paper two at a time, as an
// export does: every article once, in every state, whole, with its own
// bylines, tags and comments and nobody else's.
func TestExportReadsPageByPage(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := seedPaper(t, s)
		first, last := p.articles[0], p.articles[4]
		for i, st := range []news.CommentStatus{news.CommentPublished, news.CommentRejected, news.CommentPending} {
			if _, err := s.CreateComment(ctx, news.Comment{ArticleID: p.articles[i%2*4].ID, Name: "Bạn đọc", Body: "Ý kiến", Status: st}); err != nil {
				t.Fatal(err)
			}
		}
		var all []news.Article
		for after := int64(0); ; {
			page, err := s.ExportArticles(ctx, after, 2)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			if len(page) > 2 {
				t.Fatalf("a page of %d", len(page))
			}
			comments, err := s.ExportComments(ctx, after, page[len(page)-1].ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range comments {
				if c.ArticleID <= after || c.ArticleID > page[len(page)-1].ID {
					t.Errorf("comment of article %d read with the page (%d, %d]", c.ArticleID, after, page[len(page)-1].ID)
				}
			}
			all = append(all, page...)
			after = page[len(page)-1].ID
		}
		if len(all) != 6 || all[5].Status != news.Draft {
			t.Fatalf("read %d articles, the last %q", len(all), all[len(all)-1].Status)
		}
		for i, a := range all[:5] {
			want := p.articles[i]
			if a.ID != want.ID || a.Body != "<p>Nội dung.</p>" || a.CoverImageID == 0 || len(a.Authors) != 1+i%2 || a.Authors[0].ID != p.binh.ID || len(a.Tags) != 2 {
				t.Errorf("article %d read as %+v", want.ID, a)
			}
		}
		comments, err := s.ExportComments(ctx, 0, last.ID)
		if err != nil || len(comments) != 3 || comments[0].ArticleID != first.ID || comments[2].ArticleID != last.ID || comments[1].Status != news.CommentPending {
			t.Errorf("comments in order of article and id: %+v %v", comments, err)
		}

		tags, err := s.ExportTags(ctx, 0, 2)
		if err != nil || len(tags) != 2 {
			t.Fatalf("tags: %+v %v", tags, err)
		}
		more, err := s.ExportTags(ctx, tags[1].ID, 2)
		if err != nil || len(more) != 1 || more[0].ID <= tags[1].ID {
			t.Errorf("the next tags: %+v %v", more, err)
		}
		images, err := s.ExportImages(ctx, 0, 10)
		if err != nil || len(images) != 1 || images[0].Alt != "Cánh đồng lúa" {
			t.Errorf("images: %+v %v", images, err)
		}
		if none, err := s.ExportImages(ctx, images[0].ID, 10); err != nil || len(none) != 0 {
			t.Errorf("images after the last: %+v %v", none, err)
		}
		topArticle, topSection, err := s.ExportTops(ctx)
		if err != nil || topArticle != all[5].ID || topSection != p.nongNghiep.ID {
			t.Errorf("tops %d %d %v", topArticle, topSection, err)
		}
		if _, err := s.CreateUser(ctx, news.System(), news.User{Email: "binh@baothu.vn", Name: "Trần Bình", Roles: []news.Role{news.Reporter}, AuthorID: p.binh.ID}); err != nil {
			t.Fatal(err)
		}
		authors, err := s.ExportAuthors(ctx)
		if err != nil || len(authors) != 2 || authors[0].Email != "" || authors[1].Email != "binh@baothu.vn" {
			t.Errorf("authors with their member's e-mail: %+v %v", authors, err)
		}
	})
}
