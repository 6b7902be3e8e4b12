package api

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/paper"
)

type sectionJSON struct {
	ID       int64  `json:"id"`
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	ParentID *int64 `json:"parent_id"` // null for a top-level section
}

type tagJSON struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// listSections is every section, parents first: GET /api/v1/sections.
func (a *API) listSections(w http.ResponseWriter, r *http.Request, u news.User) error {
	sections, err := a.store.Sections(r.Context())
	if err != nil {
		return err
	}
	out := struct {
		Sections []sectionJSON `json:"sections"`
	}{make([]sectionJSON, 0, len(sections))}
	for _, s := range sections {
		out.Sections = append(out.Sections, sectionJSON{ID: s.ID, Slug: s.Slug, Name: s.Name, ParentID: idOrNil(s.ParentID)})
	}
	return writeJSON(w, http.StatusOK, out)
}

// sectionRequest is a new section: POST /api/v1/sections.
type sectionRequest struct {
	Name        string `json:"name"`
	Slug        string `json:"slug"` // empty: made from the name
	Description string `json:"description"`
	ParentID    *int64 `json:"parent_id"` // null or absent: a top-level section
	Position    *int   `json:"position"`  // absent: last
}

// createSection adds a section: POST /api/v1/sections, for those who
// manage sections (a paper started without the demo has none).
func (a *API) createSection(w http.ResponseWriter, r *http.Request, u news.User) error {
	var req sectionRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	in := paper.SectionInput{Name: req.Name, Slug: req.Slug, Description: req.Description}
	if req.ParentID != nil {
		in.ParentID = *req.ParentID
	}
	if req.Position != nil {
		in.Position, in.PositionGiven = *req.Position, true
	}
	sec, err := a.paper.SaveSection(r.Context(), actor(r, u), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/sections")
	return writeJSON(w, http.StatusCreated, sectionJSON{ID: sec.ID, Slug: sec.Slug, Name: sec.Name, ParentID: idOrNil(sec.ParentID)})
}

// listTags is every tag by name: GET /api/v1/tags.
func (a *API) listTags(w http.ResponseWriter, r *http.Request, u news.User) error {
	tags, err := a.store.Tags(r.Context())
	if err != nil {
		return err
	}
	out := struct {
		Tags []tagJSON `json:"tags"`
	}{make([]tagJSON, 0, len(tags))}
	for _, t := range tags {
		out.Tags = append(out.Tags, tagJSON{ID: t.ID, Slug: t.Slug, Name: t.Name})
	}
	return writeJSON(w, http.StatusOK, out)
}
