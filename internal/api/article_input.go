package api

import (
	"github.com/toasoan/toasoan/internal/editorial"
)

// articleFields is an article's text as a client sends it. Every field is
// a pointer so that a save can tell "absent: keep" from "empty: clear";
// JSON null counts as absent. To remove a cover photo send
// "cover_image_id": 0, to lift an embargo "embargo_until": "".
type articleFields struct {
	Title          *string   `json:"title"`
	Lead           *string   `json:"lead"`
	Body           *string   `json:"body"`
	Slug           *string   `json:"slug"`
	SectionID      *int64    `json:"section_id"`
	Tags           *[]string `json:"tags"`
	AuthorIDs      *[]int64  `json:"author_ids"`
	CoverImageID   *int64    `json:"cover_image_id"`
	SEOTitle       *string   `json:"seo_title"`
	SEODescription *string   `json:"seo_description"`
	EmbargoUntil   *string   `json:"embargo_until"`
	Featured       *bool     `json:"featured"`
}

// overlay copies the fields present in f onto in; newsroom validates the
// result as a whole.
func (f articleFields) overlay(in *editorial.ArticleInput) error {
	setString := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	setString(&in.Title, f.Title)
	setString(&in.Lead, f.Lead)
	setString(&in.Body, f.Body)
	setString(&in.Slug, f.Slug)
	setString(&in.SEOTitle, f.SEOTitle)
	setString(&in.SEODescription, f.SEODescription)
	if f.SectionID != nil {
		in.SectionID = *f.SectionID
	}
	if f.Tags != nil {
		in.Tags = *f.Tags
	}
	if f.AuthorIDs != nil {
		in.AuthorIDs = *f.AuthorIDs
	}
	if f.CoverImageID != nil {
		in.CoverImageID = *f.CoverImageID
	}
	if f.Featured != nil {
		in.Featured = *f.Featured
	}
	if f.EmbargoUntil != nil {
		t, err := parseTime("embargo_until", *f.EmbargoUntil)
		if err != nil {
			return err
		}
		in.EmbargoUntil = t
	}
	return nil
}
