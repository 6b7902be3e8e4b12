package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/web"
)

// commentJSON is a comment as the API shows it; email and address hashes
// appear only in the moderators' view.
type commentJSON struct {
	ID          int64         `json:"id"`
	ArticleID   int64         `json:"article_id"`
	ParentID    *int64        `json:"parent_id"`
	Name        string        `json:"name"`
	Body        string        `json:"body"`
	Status      string        `json:"status"`
	Edited      bool          `json:"edited"`
	Staff       bool          `json:"staff"`
	Likes       int           `json:"likes"`
	CreatedAt   time.Time     `json:"created_at"`
	PublishedAt *time.Time    `json:"published_at"`
	Replies     []commentJSON `json:"replies,omitempty"`

	Email        string   `json:"email,omitempty"`
	OriginalBody string   `json:"original_body,omitempty"`
	Flags        []string `json:"flags,omitempty"`
	AddressHash  string   `json:"address_hash,omitempty"`
}

func toCommentJSON(c news.Comment, moderator bool) commentJSON {
	j := commentJSON{ID: c.ID, ArticleID: c.ArticleID, ParentID: idOrNil(c.ParentID), Name: c.Name, Body: c.Body,
		Status: string(c.Status), Edited: c.Edited, Staff: c.Staff, Likes: c.Likes, CreatedAt: c.CreatedAt, PublishedAt: timeOrNil(c.PublishedAt)}
	if moderator {
		j.Email, j.OriginalBody, j.Flags, j.AddressHash = c.Email, c.OriginalBody, c.Flags, c.AddressHash
	}
	for _, r := range c.Replies {
		j.Replies = append(j.Replies, toCommentJSON(r, moderator))
	}
	return j
}

// postComment is the public comment endpoint: the same rules and limits
// as the article page's form, answered with 202 while it waits.
func (a *API) postComment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "bài viết")
	if err != nil {
		return err
	}
	var in struct {
		Name     string `json:"name"`
		Email    string `json:"email"`
		Body     string `json:"body"`
		ParentID int64  `json:"parent_id"`
		Notify   bool   `json:"notify"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := a.comments.Submit(r.Context(), comment.Submission{ArticleID: id, ParentID: in.ParentID, Name: in.Name,
		Email: in.Email, Body: in.Body, Notify: in.Notify, IP: web.ClientIP(r), Browser: r.Header.Get("X-Browser-Id")})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, map[string]any{"id": c.ID, "status": "pending", "message": "Bình luận của bạn đang chờ duyệt"})
}

// listComments is an article's published comments, threaded and paged.
func (a *API) listComments(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "bài viết")
	if err != nil {
		return err
	}
	art, err := a.store.Article(r.Context(), id)
	if err != nil || art.Status != news.Published || art.CommentMode == news.CommentsHidden {
		return news.Errorf(news.NotFound, "Không tìm thấy bài viết")
	}
	page := 1
	if v := r.URL.Query().Get("page"); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 1 || page > 100000 {
			return news.Errorf(news.Invalid, "Số trang không hợp lệ")
		}
	}
	order := store.CommentOrder(r.URL.Query().Get("sort"))
	switch order {
	case "", store.NewestFirst, store.OldestFirst, store.MostLiked:
	default:
		return news.Errorf(news.Invalid, "Cách sắp xếp không hợp lệ: moi, cu hoặc thich")
	}
	list, total, err := a.comments.Thread(r.Context(), id, order, page, 50)
	if err != nil {
		return err
	}
	out := make([]commentJSON, 0, len(list))
	for _, c := range list {
		out = append(out, toCommentJSON(c, false))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"comments": out, "count": art.CommentCount, "threads": total, "page": page})
}

// moderationQueue lists comments by state for moderators' tokens.
func (a *API) moderationQueue(w http.ResponseWriter, r *http.Request, u news.User) error {
	if err := news.Require(u, news.ModerateComments); err != nil {
		return err
	}
	status := news.CommentStatus(r.URL.Query().Get("status"))
	switch status {
	case "", news.CommentPending, news.CommentPublished, news.CommentRejected, news.CommentSpam:
	default:
		return news.Errorf(news.Invalid, "Trạng thái bình luận không hợp lệ")
	}
	list, err := a.store.Comments(r.Context(), store.CommentFilter{Status: status, Limit: 200})
	if err != nil {
		return err
	}
	out := make([]commentJSON, 0, len(list))
	for _, c := range list {
		out = append(out, toCommentJSON(c, true))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"comments": out})
}

func (a *API) moderateComment(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, err := pathID(r, "id", "bình luận")
	if err != nil {
		return err
	}
	if err := news.Require(u, news.ModerateComments); err != nil {
		return err
	}
	var in struct {
		Action string `json:"action"`
		Body   string `json:"body"`
		Reason string `json:"reason"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := a.comments.Moderate(r.Context(), actor(r, u), id, comment.Decision{Action: in.Action, Body: in.Body, Reason: in.Reason})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toCommentJSON(c, true))
}
