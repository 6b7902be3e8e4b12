package api

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/paper"
)

// bylineJSON is an author as the API lists it.
type bylineJSON struct {
	ID           int64  `json:"id"`
	Slug         string `json:"slug"`
	Name         string `json:"name"`
	Bio          string `json:"bio"`
	PhotoImageID *int64 `json:"photo_image_id"`
	URL          string `json:"url"` // the author's page on the site
}

func bylineOf(au news.Author) bylineJSON {
	return bylineJSON{ID: au.ID, Slug: au.Slug, Name: au.Name, Bio: au.Bio, PhotoImageID: idOrNil(au.PhotoImageID), URL: au.Path()}
}

// listAuthors is every byline by name: GET /api/v1/authors.
func (a *API) listAuthors(w http.ResponseWriter, r *http.Request, u news.User) error {
	authors, err := a.store.Authors(r.Context())
	if err != nil {
		return err
	}
	out := struct {
		Authors []bylineJSON `json:"authors"`
	}{make([]bylineJSON, 0, len(authors))}
	for _, au := range authors {
		out.Authors = append(out.Authors, bylineOf(au))
	}
	return writeJSON(w, http.StatusOK, out)
}

// authorRequest is a new byline: POST /api/v1/authors.
type authorRequest struct {
	Name         string `json:"name"`
	Slug         string `json:"slug"` // empty: made from the name
	Bio          string `json:"bio"`
	PhotoImageID int64  `json:"photo_image_id"`
	UserID       int64  `json:"user_id"` // the member who writes under it, if any
}

// createAuthor adds a byline: POST /api/v1/authors.
func (a *API) createAuthor(w http.ResponseWriter, r *http.Request, u news.User) error {
	var req authorRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	au, err := a.paper.SaveAuthor(r.Context(), actor(r, u), paper.AuthorInput{Name: req.Name, Slug: req.Slug, Bio: req.Bio,
		PhotoImageID: req.PhotoImageID, UserID: req.UserID})
	if err != nil {
		return err
	}
	stored, err := a.store.AuthorByID(r.Context(), au.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/authors")
	return writeJSON(w, http.StatusCreated, bylineOf(stored))
}
