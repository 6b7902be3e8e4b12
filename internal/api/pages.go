package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/paper"
)

// pageJSON is one of the paper's own pages as the API shows it.
type pageJSON struct {
	ID           int64     `json:"id"`
	Slug         string    `json:"slug"`
	Title        string    `json:"title"`
	Body         string    `json:"body"` // sanitized HTML
	ShowInFooter bool      `json:"show_in_footer"`
	Position     int       `json:"position"`
	URL          string    `json:"url"` // the page on the site
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

func pageOf(p news.Page) pageJSON {
	return pageJSON{ID: p.ID, Slug: p.Slug, Title: p.Title, Body: p.Body, ShowInFooter: p.ShowInFooter, Position: p.Position,
		URL: p.Path(), CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.UpdatedAt.UTC()}
}

// listPages is every page in the footer's order: GET /api/v1/pages.
func (a *API) listPages(w http.ResponseWriter, r *http.Request, u news.User) error {
	pages, err := a.store.Pages(r.Context())
	if err != nil {
		return err
	}
	out := struct {
		Pages []pageJSON `json:"pages"`
	}{make([]pageJSON, 0, len(pages))}
	for _, p := range pages {
		out.Pages = append(out.Pages, pageOf(p))
	}
	return writeJSON(w, http.StatusOK, out)
}

// showPage is one page: GET /api/v1/pages/{id}.
func (a *API) showPage(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, err := pathID(r, "id", "trang")
	if err != nil {
		return err
	}
	p, err := a.store.Page(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, pageOf(p))
}

// pageRequest is a page, new (POST /api/v1/pages) or replacing one (PUT
// /api/v1/pages/{id}): an empty slug is made from the title, a missing
// position puts a new page last and leaves a page that exists in place.
type pageRequest struct {
	Title        string `json:"title"`
	Slug         string `json:"slug"`
	Body         string `json:"body"`
	ShowInFooter bool   `json:"show_in_footer"`
	Position     *int   `json:"position"`
}

func (a *API) createPage(w http.ResponseWriter, r *http.Request, u news.User) error {
	return a.writePage(w, r, u, 0)
}

func (a *API) replacePage(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, err := pathID(r, "id", "trang")
	if err != nil {
		return err
	}
	return a.writePage(w, r, u, id)
}

// writePage saves the request's page as page id (0: a new one).
func (a *API) writePage(w http.ResponseWriter, r *http.Request, u news.User, id int64) error {
	var req pageRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	in := paper.PageInput{ID: id, Title: req.Title, Slug: req.Slug, Body: req.Body, ShowInFooter: req.ShowInFooter}
	if req.Position != nil {
		in.Position, in.PositionGiven = *req.Position, true
	}
	p, err := a.paper.SavePage(r.Context(), actor(r, u), in)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if id == 0 {
		status = http.StatusCreated
		w.Header().Set("Location", "/api/v1/pages/"+strconv.FormatInt(p.ID, 10))
	}
	return writeJSON(w, status, pageOf(p))
}

// deletePage removes a page: DELETE /api/v1/pages/{id}, 204.
func (a *API) deletePage(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, err := pathID(r, "id", "trang")
	if err != nil {
		return err
	}
	if err := a.paper.DeletePage(r.Context(), actor(r, u), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
