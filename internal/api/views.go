package api

import (
	"net/http"
)

// countView is a reader's page telling that it was shown: 204 whether or
// not the view counted (a repeat or a bot learns nothing), 404 for a story
// that is not published, 429 for an address over its limit.
func (a *API) countView(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "bài viết")
	if err != nil {
		return err
	}
	if _, err := a.views.Count(r.Context(), r, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
