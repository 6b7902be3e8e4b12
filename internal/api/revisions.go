package api

import (
	"net/http"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// revisionSummary is a revision in the list, without its text.
type revisionSummary struct {
	ID        int64             `json:"id"`
	Number    int               `json:"number"` // 0 for a refused ("conflict") save
	Kind      news.RevisionKind `json:"kind"`
	Status    news.Status       `json:"status"`
	Note      string            `json:"note"`
	UserID    *int64            `json:"user_id"` // null for the scheduler
	UserName  string            `json:"user_name"`
	Title     string            `json:"title"`
	CreatedAt time.Time         `json:"created_at"`
}

// revisionJSON is one revision with its text, to compare or copy from.
type revisionJSON struct {
	revisionSummary
	ArticleID int64  `json:"article_id"`
	Lead      string `json:"lead"`
	Body      string `json:"body"`
	SectionID int64  `json:"section_id"`
	Tags      string `json:"tags"` // names, comma separated, as kept
	// The story's main video, audio version and programme at that save;
	// null for none. A restore brings them back.
	MainMediaID  *int64 `json:"main_media_id"`
	AudioMediaID *int64 `json:"audio_media_id"`
	ProgrammeID  *int64 `json:"programme_id"`
}

func revisionSummaryOf(r news.Revision) revisionSummary {
	return revisionSummary{ID: r.ID, Number: r.Number, Kind: r.Kind, Status: r.Status, Note: r.Note,
		UserID: idOrNil(r.UserID), UserName: r.UserName, Title: r.Title, CreatedAt: r.CreatedAt.UTC()}
}

// listRevisions is an article's history, newest first:
// GET /api/v1/articles/{id}/revisions.
func (a *API) listRevisions(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, err := pathID(r, "id", "bài viết")
	if err != nil {
		return err
	}
	// The article first: an unknown id is a 404, not an empty history.
	if _, err := a.readable(r, u, id); err != nil {
		return err
	}
	revs, err := a.store.Revisions(r.Context(), id)
	if err != nil {
		return err
	}
	out := struct {
		Revisions []revisionSummary `json:"revisions"`
	}{make([]revisionSummary, 0, len(revs))}
	for _, rev := range revs {
		out.Revisions = append(out.Revisions, revisionSummaryOf(rev))
	}
	return writeJSON(w, http.StatusOK, out)
}

// showRevision is one revision with its text; it is how a client gets
// back the text of a save refused as a conflict:
// GET /api/v1/articles/{id}/revisions/{revision}.
func (a *API) showRevision(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, err := pathID(r, "id", "bài viết")
	if err != nil {
		return err
	}
	if _, err := a.readable(r, u, id); err != nil {
		return err
	}
	revID, err := pathID(r, "revision", "phiên bản")
	if err != nil {
		return err
	}
	rev, err := a.store.Revision(r.Context(), id, revID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, revisionJSON{revisionSummary: revisionSummaryOf(rev), ArticleID: rev.ArticleID,
		Lead: rev.Lead, Body: rev.Body, SectionID: rev.SectionID, Tags: rev.Tags,
		MainMediaID: idOrNil(rev.MainMediaID), AudioMediaID: idOrNil(rev.AudioMediaID), ProgrammeID: idOrNil(rev.ProgrammeID)})
}
