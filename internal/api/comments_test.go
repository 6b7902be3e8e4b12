package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

func TestCommentAPI(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		n := start(t, s)
		ctx := context.Background()
		a, err := s.CreateArticle(ctx, news.System(), news.Article{Slug: "bai", Title: "Bài có bình luận", SectionID: n.section.ID, Status: news.Published, PublishedAt: time.Now()})
		must(t, err)
		path := "/api/v1/articles/" + itoa(int(a.ID)) + "/comments"
		if e := n.do("POST", path, "", `{"name":"Lan","body":"cam on bao da dua tin nay"}`).failure(t, http.StatusBadRequest, "invalid"); !strings.Contains(e.Message, "có dấu") {
			t.Fatalf("unaccented: %q", e.Message)
		}
		n.do("POST", path, "", `{"name":"Lan","body":"Cảm ơn báo đã đưa tin này.","extra":1}`).failure(t, http.StatusBadRequest, "invalid")
		n.do("POST", path, "", `{"name":"","body":"Cảm ơn báo đã đưa tin này."}`).failure(t, http.StatusBadRequest, "invalid")
		var accepted struct {
			ID     int64  `json:"id"`
			Status string `json:"status"`
		}
		n.do("POST", path, "", `{"name":"Lan","email":"lan@example.vn","body":"Cảm ơn báo đã đưa tin này."}`).into(t, http.StatusAccepted, &accepted)
		if accepted.ID == 0 || accepted.Status != "pending" {
			t.Fatalf("accepted %+v", accepted)
		}
		var public struct {
			Comments []struct {
				Body   string `json:"body"`
				Edited bool   `json:"edited"`
				Email  string `json:"email"`
			} `json:"comments"`
			Count int `json:"count"`
		}
		n.do("GET", path, "", nil).into(t, http.StatusOK, &public)
		if len(public.Comments) != 0 || public.Count != 0 {
			t.Fatalf("public list shows a pending comment: %+v", public)
		}
		moderation := "/api/v1/comments/" + itoa(int(accepted.ID)) + "/moderation"
		n.do("GET", "/api/v1/comments?status=pending", "reporter", nil).failure(t, http.StatusForbidden, "forbidden")
		n.do("POST", moderation, "reporter", `{"action":"approve"}`).failure(t, http.StatusForbidden, "forbidden")
		n.do("POST", moderation, "", `{"action":"approve"}`).failure(t, http.StatusUnauthorized, "unauthorized")
		n.do("POST", moderation, "moderator", `{"action":"publish"}`).failure(t, http.StatusBadRequest, "invalid")
		var queue struct {
			Comments []struct {
				ID    int64  `json:"id"`
				Email string `json:"email"`
			} `json:"comments"`
		}
		n.do("GET", "/api/v1/comments?status=pending", "moderator", nil).into(t, http.StatusOK, &queue)
		if len(queue.Comments) != 1 || queue.Comments[0].Email != "lan@example.vn" {
			t.Fatalf("queue %+v", queue)
		}
		var moderated struct {
			Status string `json:"status"`
			Edited bool   `json:"edited"`
		}
		n.do("POST", moderation, "moderator", `{"action":"approve","body":"Cảm ơn báo đã đưa tin."}`).into(t, http.StatusOK, &moderated)
		if moderated.Status != "published" || !moderated.Edited {
			t.Fatalf("moderated %+v", moderated)
		}
		n.do("GET", path, "", nil).into(t, http.StatusOK, &public)
		if len(public.Comments) != 1 || public.Comments[0].Body != "Cảm ơn báo đã đưa tin." || !public.Comments[0].Edited || public.Comments[0].Email != "" || public.Count != 1 {
			t.Fatalf("public list after approval: %+v", public)
		}
		n.do("POST", "/api/v1/articles/999999/comments", "", `{"name":"Lan","body":"Bài viết rất hay."}`).failure(t, http.StatusNotFound, "not_found")
		if list, _ := s.Comments(ctx, store.CommentFilter{}); len(list) != 1 {
			t.Fatalf("%d comments stored, want 1", len(list))
		}
	})
}
