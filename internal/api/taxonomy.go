package api

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
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
