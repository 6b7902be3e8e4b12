package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/paper"
)

// programmeJSON is a radio programme ("Chương trình phát thanh") as the
// API shows it.
type programmeJSON struct {
	ID           int64     `json:"id"`
	Slug         string    `json:"slug"`
	Title        string    `json:"title"`
	Description  string    `json:"description"` // plain text
	Author       string    `json:"author"`
	CoverImageID int64     `json:"cover_image_id,omitempty"`
	Category     string    `json:"category"` // an iTunes category's English name
	Explicit     bool      `json:"explicit"`
	Language     string    `json:"language"`
	Position     int       `json:"position"`
	URL          string    `json:"url"`  // the programme's page on the site
	Feed         string    `json:"feed"` // its podcast feed
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

func programmeOf(p news.Programme) programmeJSON {
	return programmeJSON{ID: p.ID, Slug: p.Slug, Title: p.Title, Description: p.Description, Author: p.Author,
		CoverImageID: p.CoverImageID, Category: p.Category, Explicit: p.Explicit, Language: p.Language, Position: p.Position,
		URL: p.Path(), Feed: "/rss" + p.Path() + ".rss", CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.UpdatedAt.UTC()}
}

// listProgrammes is every programme in the newsroom's order:
// GET /api/v1/programmes.
func (a *API) listProgrammes(w http.ResponseWriter, r *http.Request, u news.User) error {
	programmes, err := a.store.Programmes(r.Context())
	if err != nil {
		return err
	}
	out := struct {
		Programmes []programmeJSON `json:"programmes"`
	}{make([]programmeJSON, 0, len(programmes))}
	for _, p := range programmes {
		out.Programmes = append(out.Programmes, programmeOf(p))
	}
	return writeJSON(w, http.StatusOK, out)
}

// showProgramme is one programme: GET /api/v1/programmes/{id}.
func (a *API) showProgramme(w http.ResponseWriter, r *http.Request, u news.User) error {
	p, err := a.pathProgramme(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, programmeOf(p))
}

// pathProgramme is the programme the path's {id} names.
func (a *API) pathProgramme(r *http.Request) (news.Programme, error) {
	id, err := pathID(r, "id", "chương trình")
	if err != nil {
		return news.Programme{}, err
	}
	return a.store.Programme(r.Context(), id)
}

// programmeRequest is a programme, new (POST /api/v1/programmes) or
// replacing one (PUT /api/v1/programmes/{id}): an empty slug is made from
// the title, a missing category is "News" (the newsroom form's first
// choice), a missing position is 0 for a new programme and leaves one
// that exists in place. The rest is checked by paper.SaveProgramme, as
// the newsroom's form is.
type programmeRequest struct {
	Title        string `json:"title"`
	Slug         string `json:"slug"`
	Description  string `json:"description"`
	Author       string `json:"author"`
	CoverImageID int64  `json:"cover_image_id"`
	Category     string `json:"category"`
	Explicit     bool   `json:"explicit"`
	Position     *int   `json:"position"`
}

func (a *API) createProgramme(w http.ResponseWriter, r *http.Request, u news.User) error {
	return a.writeProgramme(w, r, u, news.Programme{})
}

func (a *API) replaceProgramme(w http.ResponseWriter, r *http.Request, u news.User) error {
	p, err := a.pathProgramme(r)
	if err != nil {
		return err
	}
	return a.writeProgramme(w, r, u, p)
}

// writeProgramme saves the request's programme over p (a new one when
// p.ID is 0).
func (a *API) writeProgramme(w http.ResponseWriter, r *http.Request, u news.User, p news.Programme) error {
	var req programmeRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	in := paper.ProgrammeInput{ID: p.ID, Title: req.Title, Slug: req.Slug, Description: req.Description, Author: req.Author,
		CoverImageID: req.CoverImageID, Category: req.Category, Explicit: req.Explicit, Position: p.Position}
	if in.Category == "" {
		in.Category = "News"
	}
	if req.Position != nil {
		in.Position = *req.Position
	}
	saved, err := a.paper.SaveProgramme(r.Context(), actor(r, u), in)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if p.ID == 0 {
		status = http.StatusCreated
		w.Header().Set("Location", "/api/v1/programmes/"+strconv.FormatInt(saved.ID, 10))
	}
	return writeJSON(w, status, programmeOf(saved))
}

// deleteProgramme removes a programme: DELETE /api/v1/programmes/{id},
// 204. Its stories keep their audio.
func (a *API) deleteProgramme(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, err := pathID(r, "id", "chương trình")
	if err != nil {
		return err
	}
	if err := a.paper.DeleteProgramme(r.Context(), actor(r, u), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
