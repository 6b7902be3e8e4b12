package api

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
)

// transitionRequest moves an article: to is the new state, note the
// message to the author (needed when returning someone's copy), at the
// publication time when scheduling.
type transitionRequest struct {
	To   string `json:"to"`
	Note string `json:"note"`
	At   string `json:"at"`
}

// transitionArticle moves an article through the workflow:
// POST /api/v1/articles/{id}/transitions. news.CanMove decides who may.
func (a *API) transitionArticle(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, err := pathID(r, "id", "bài viết")
	if err != nil {
		return err
	}
	var req transitionRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.To == "" {
		return news.Errorf(news.Invalid, "Vui lòng cho biết trạng thái mới (trường to)")
	}
	to, err := news.ParseStatus(clip(req.To))
	if err != nil {
		return err
	}
	at, err := parseTime("at", req.At)
	if err != nil {
		return err
	}
	moved, err := a.editorial.Transition(r.Context(), actor(r, u), id, to, req.Note, at)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, articleOf(moved))
}
