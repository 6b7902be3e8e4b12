package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// BenchmarkArticleWith5000Comments renders, uncached, the page of an
// article with 5,000 published comments (2,500 threads of one reply
// each): what a reader opens on a big story's day.
func BenchmarkArticleWith5000Comments(b *testing.B) {
	ctx := context.Background()
	src := storetest.Sources(b)[0]
	s := storetest.Open(b, src.Source)
	lib, _ := media.New(b.TempDir())
	sec, _ := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
	a, err := s.CreateArticle(ctx, news.System(), news.Article{Slug: "bai-nong", Title: "Bài nóng", Lead: "Sapô.", Body: "<p>Nội dung.</p>",
		SectionID: sec.ID, Status: news.Published, PublishedAt: time.Now()})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 2500 {
		top, err := s.CreateComment(ctx, news.Comment{ArticleID: a.ID, Name: "Bạn đọc " + fmt.Sprint(i), Status: news.CommentPublished,
			Body: "Ý kiến của tôi về bài viết này: con đường mới giúp bà con đi lại thuận tiện hơn nhiều."})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.CreateComment(ctx, news.Comment{ArticleID: a.ID, ParentID: top.ID, Name: "Người trả lời", Status: news.CommentPublished,
			Body: "Đồng ý với bạn, tôi cũng thấy như vậy."}); err != nil {
			b.Fatal(err)
		}
	}
	comments, _ := comment.New(ctx, s, time.Now)
	handler, err := server.New(server.Deps{Store: s, Media: lib, Comments: comments})
	if err != nil {
		b.Fatal(err)
	}
	h := handler
	art, _ := s.Article(ctx, a.ID)
	if art.CommentCount != 5000 {
		b.Fatalf("count %d", art.CommentCount)
	}
	path := art.Path()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path+"?binh-luan=moi", nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
