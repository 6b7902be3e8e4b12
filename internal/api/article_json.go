package api

import (
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// articleSummary is an article in a list: no body, bylines or tags, which
// the list query does not read.
type articleSummary struct {
	ID           int64       `json:"id"`
	Title        string      `json:"title"`
	Lead         string      `json:"lead"`
	SectionID    int64       `json:"section_id"`
	Status       news.Status `json:"status"`
	Slug         string      `json:"slug"`
	URL          string      `json:"url"` // the reader's path; it answers only once published
	Revision     int         `json:"revision"`
	Featured     bool        `json:"featured"`
	CoverImageID *int64      `json:"cover_image_id"`
	CreatedBy    *int64      `json:"created_by"`
	CreatedAt    time.Time   `json:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at"`
	PublishedAt  *time.Time  `json:"published_at"`
	ModifiedAt   *time.Time  `json:"modified_at"`
	ScheduledAt  *time.Time  `json:"scheduled_at"`
	EmbargoUntil *time.Time  `json:"embargo_until"`
}

// articleJSON is a whole article.
type articleJSON struct {
	articleSummary
	Body           string       `json:"body"`
	Tags           []string     `json:"tags"`
	Authors        []authorJSON `json:"authors"`
	SEOTitle       string       `json:"seo_title"`
	SEODescription string       `json:"seo_description"`
	Credit         string       `json:"credit"`
	Correction     string       `json:"correction"`
	CorrectedAt    *time.Time   `json:"corrected_at"`
	RelatedIDs     []int64      `json:"related_ids"` // "Tin liên quan" picked by editors, in order
	AudioMediaID   *int64       `json:"audio_media_id"`
	ProgrammeID    *int64       `json:"programme_id"`
	MainMediaID    *int64       `json:"main_media_id"` // the story's main video, null if none
	Views          *viewsJSON   `json:"views,omitempty"`
}

// viewsJSON is a published story's readers: since the start of the
// paper's day in its zone, over the last seven days, and in all.
type viewsJSON struct {
	Today int64 `json:"today"`
	Week  int64 `json:"week"`
	Total int64 `json:"total"`
}

type authorJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

func summaryOf(a news.Article) articleSummary {
	return articleSummary{
		ID: a.ID, Title: a.Title, Lead: a.Lead, SectionID: a.SectionID, Status: a.Status, Slug: a.Slug,
		URL: a.Path(), Revision: a.Revision, Featured: a.Featured,
		CoverImageID: idOrNil(a.CoverImageID), CreatedBy: idOrNil(a.CreatedBy),
		CreatedAt: a.CreatedAt.UTC(), UpdatedAt: a.UpdatedAt.UTC(),
		PublishedAt: timeOrNil(a.PublishedAt), ModifiedAt: timeOrNil(a.ModifiedAt),
		ScheduledAt: timeOrNil(a.ScheduledAt), EmbargoUntil: timeOrNil(a.EmbargoUntil),
	}
}

// articleOf is a for JSON; lists are never null, so clients can loop.
func articleOf(a news.Article) articleJSON {
	out := articleJSON{articleSummary: summaryOf(a), Body: a.Body, SEOTitle: a.SEOTitle, SEODescription: a.SEODescription,
		Credit: a.Credit, Correction: a.Correction, CorrectedAt: timeOrNil(a.CorrectedAt),
		Tags: make([]string, 0, len(a.Tags)), Authors: make([]authorJSON, 0, len(a.Authors)),
		RelatedIDs:   append(make([]int64, 0, len(a.RelatedIDs)), a.RelatedIDs...),
		AudioMediaID: idOrNil(a.AudioMediaID), ProgrammeID: idOrNil(a.ProgrammeID), MainMediaID: idOrNil(a.MainMediaID)}
	for _, t := range a.Tags {
		out.Tags = append(out.Tags, t.Name)
	}
	for _, au := range a.Authors {
		out.Authors = append(out.Authors, authorJSON{ID: au.ID, Name: au.Name})
	}
	return out
}
