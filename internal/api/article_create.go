package api

import (
	"net/http"
	"strconv"

	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/news"
)

// createArticle starts a draft of the token's user: POST /api/v1/articles.
func (a *API) createArticle(w http.ResponseWriter, r *http.Request, u news.User) error {
	// newsroom checks this too; checking first answers 403, not a JSON
	// complaint, to a member who may not write at all.
	if err := news.Require(u, news.WriteArticles); err != nil {
		return err
	}
	var f articleFields
	if err := decodeJSON(w, r, &f); err != nil {
		return err
	}
	if err := a.resolveAuthors(r.Context(), &f); err != nil {
		return err
	}
	var in editorial.ArticleInput
	if err := f.overlay(&in); err != nil {
		return err
	}
	created, err := a.editorial.Create(r.Context(), actor(r, u), in)
	if err != nil {
		return err
	}
	// Read back what was stored, so that every answer shows an article
	// the same way (tags in the store's order, section filled in).
	stored, err := a.store.Article(r.Context(), created.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/articles/"+strconv.FormatInt(stored.ID, 10))
	return writeJSON(w, http.StatusCreated, articleOf(stored))
}
