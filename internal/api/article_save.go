package api

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/news"
)

// saveRequest is a save: the fields to change and the revision the client
// started from, so a save on top of someone else's is refused, not lost.
type saveRequest struct {
	articleFields
	Revision *int `json:"revision"`
}

// saveArticle changes an article's text: PUT /api/v1/articles/{id}.
// Fields left out keep their values. A stale revision is a 409 whose
// error carries revision_id (the refused text, kept as a revision) and
// current_revision (where to start again).
func (a *API) saveArticle(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, err := pathID(r, "id", "bài viết")
	if err != nil {
		return err
	}
	var req saveRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.Revision == nil || *req.Revision <= 0 {
		return news.Errorf(news.Invalid, "Vui lòng gửi số phiên bản bạn bắt đầu sửa (trường revision)")
	}
	current, err := a.store.Article(r.Context(), id)
	if err != nil {
		return err
	}
	// Permission first, so that a refused user learns nothing from
	// validation messages about the text.
	policy, err := a.editorial.Policy(r.Context())
	if err != nil {
		return err
	}
	if err := policy.CanEdit(u, current); err != nil {
		return err
	}
	if err := req.sameStateAndDate(current); err != nil {
		return err
	}
	if err := a.resolveAuthors(r.Context(), &req.articleFields); err != nil {
		return err
	}
	in := editorial.InputOf(current)
	if err := req.overlay(&in); err != nil {
		return err
	}
	if _, err := a.editorial.Save(r.Context(), actor(r, u), id, *req.Revision, in); err != nil {
		return err
	}
	stored, err := a.store.Article(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, articleOf(stored))
}

// sameStateAndDate refuses a save that would change the story's state or
// first publication date: an article read from the API may be sent back
// whole, but states move by transitions, and dates are set when a story
// is created.
func (f articleFields) sameStateAndDate(current news.Article) error {
	if f.State != nil && *f.State != string(current.Status) {
		return news.Errorf(news.Invalid, "Đổi trạng thái bài bằng POST /api/v1/articles/%d/transitions, không bằng trường “status”", current.ID)
	}
	if f.PublishedAt != nil {
		t, err := parseTime("published_at", *f.PublishedAt)
		if err != nil {
			return err
		}
		if !t.Equal(current.PublishedAt) {
			return news.Errorf(news.Invalid, "Ngày đăng (“published_at”) chỉ đặt được khi tạo bài")
		}
	}
	return nil
}
