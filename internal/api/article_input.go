package api

import (
	"context"
	"strings"

	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// articleFields is an article's text as a client sends it. Every field is
// a pointer so that a save can tell "absent: keep" from "empty: clear";
// JSON null counts as absent. To remove a cover photo send
// "cover_image_id": 0, to lift an embargo "embargo_until": "".
type articleFields struct {
	Title          *string      `json:"title"`
	Lead           *string      `json:"lead"`
	Body           *string      `json:"body"`
	Slug           *string      `json:"slug"`
	SectionID      *int64       `json:"section_id"`
	Tags           *[]string    `json:"tags"`
	Authors        *[]authorRef `json:"authors"`    // bylines by id, or by exact name
	AuthorIDs      *[]int64     `json:"author_ids"` // the same by id alone (older clients)
	Credit         *string      `json:"credit"`
	Correction     *string      `json:"correction"` // published stories only
	CoverImageID   *int64       `json:"cover_image_id"`
	SEOTitle       *string      `json:"seo_title"`
	SEODescription *string      `json:"seo_description"`
	EmbargoUntil   *string      `json:"embargo_until"`
	Featured       *bool        `json:"featured"`
	RelatedIDs     *[]int64     `json:"related_ids"`    // "Tin liên quan": published stories, in order
	AudioMediaID   *int64       `json:"audio_media_id"` // the audio version, a ready audio item; 0 removes it
	ProgrammeID    *int64       `json:"programme_id"`   // the radio programme it is an episode of; 0: none
	MainMediaID    *int64       `json:"main_media_id"`  // the story's main video; 0 removes it
	// State and PublishedAt create a story already published (or in
	// another state) under its original date: for scripted migrations, by
	// members who may import archives. A save refuses them: states move
	// by transitions.
	State       *string `json:"status"`
	PublishedAt *string `json:"published_at"`
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
	setString(&in.Credit, f.Credit)
	setString(&in.Correction, f.Correction)
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
	if f.RelatedIDs != nil {
		in.RelatedIDs = *f.RelatedIDs
	}
	if f.AudioMediaID != nil {
		in.AudioMediaID = *f.AudioMediaID
	}
	if f.ProgrammeID != nil {
		in.ProgrammeID = *f.ProgrammeID
	}
	if f.MainMediaID != nil {
		in.MainMediaID = *f.MainMediaID
	}
	if f.EmbargoUntil != nil {
		t, err := parseTime("embargo_until", *f.EmbargoUntil)
		if err != nil {
			return err
		}
		in.EmbargoUntil = t
	}
	if f.State != nil {
		in.State = news.Status(*f.State)
	}
	if f.PublishedAt != nil {
		t, err := parseTime("published_at", *f.PublishedAt)
		if err != nil {
			return err
		}
		in.PublishedAt = t
	}
	return nil
}

// authorRef names a byline in an article: by id, or by its exact name
// when the client does not know the id.
type authorRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// resolveAuthors turns f's "authors" into author ids, looking names up
// among the paper's bylines; a name that is not one, or is several, is
// refused rather than guessed.
func (a *API) resolveAuthors(ctx context.Context, f *articleFields) error {
	if f.Authors == nil {
		return nil
	}
	if f.AuthorIDs != nil {
		return news.Errorf(news.Invalid, "Hãy gửi “authors” hoặc “author_ids”, không gửi cả hai")
	}
	all, err := a.store.Authors(ctx)
	if err != nil {
		return err
	}
	ids := make([]int64, 0, len(*f.Authors))
	for _, ref := range *f.Authors {
		if ref.ID != 0 {
			ids = append(ids, ref.ID)
			continue
		}
		name := strings.Join(strings.Fields(vietnamese.NFC(ref.Name)), " ")
		if name == "" {
			return news.Errorf(news.Invalid, "Mỗi tác giả cần “id” hoặc “name”")
		}
		var found []int64
		for _, au := range all {
			if au.Name == name {
				found = append(found, au.ID)
			}
		}
		switch len(found) {
		case 0:
			return news.Errorf(news.Invalid, "Không có tác giả tên “%s”; tạo tác giả bằng POST /api/v1/authors", news.Clip(name, 60))
		case 1:
			ids = append(ids, found[0])
		default:
			return news.Errorf(news.Invalid, "Có %d tác giả tên “%s”; hãy gửi “id” của tác giả", len(found), news.Clip(name, 60))
		}
	}
	f.AuthorIDs, f.Authors = &ids, nil
	return nil
}
