package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/paper"
)

// topicJSON is a topic page ("Dòng sự kiện") as the API shows it.
type topicJSON struct {
	ID           int64     `json:"id"`
	Slug         string    `json:"slug"`
	Title        string    `json:"title"`
	Intro        string    `json:"intro"` // plain text
	CoverImageID int64     `json:"cover_image_id,omitempty"`
	TagID        int64     `json:"tag_id,omitempty"`
	PinnedIDs    []int64   `json:"pinned_ids"`
	InMenu       bool      `json:"in_menu"`
	Position     int       `json:"position"`
	Active       bool      `json:"active"`
	URL          string    `json:"url"` // the topic's page on the site
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

func topicOf(t news.Topic) topicJSON {
	pins := t.PinnedIDs
	if pins == nil {
		pins = []int64{}
	}
	return topicJSON{ID: t.ID, Slug: t.Slug, Title: t.Title, Intro: t.Intro, CoverImageID: t.CoverImageID, TagID: t.TagID,
		PinnedIDs: pins, InMenu: t.InMenu, Position: t.Position, Active: t.Active, URL: t.Path(),
		CreatedAt: t.CreatedAt.UTC(), UpdatedAt: t.UpdatedAt.UTC()}
}

// listTopics is every topic, those going on first: GET /api/v1/topics.
// The list leaves out the pins; a topic's own answer has them.
func (a *API) listTopics(w http.ResponseWriter, r *http.Request, u news.User) error {
	topics, err := a.store.Topics(r.Context())
	if err != nil {
		return err
	}
	out := struct {
		Topics []topicJSON `json:"topics"`
	}{make([]topicJSON, 0, len(topics))}
	for _, t := range topics {
		out.Topics = append(out.Topics, topicOf(t))
	}
	return writeJSON(w, http.StatusOK, out)
}

// showTopic is one topic with its pins: GET /api/v1/topics/{id}.
func (a *API) showTopic(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, err := pathID(r, "id", "dòng sự kiện")
	if err != nil {
		return err
	}
	t, err := a.store.Topic(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, topicOf(t))
}

// topicRequest is a topic, new (POST /api/v1/topics) or replacing one
// (PUT /api/v1/topics/{id}): an empty slug is made from the title, a
// missing position puts a new topic last and leaves one that exists in
// place, a missing active means going on.
type topicRequest struct {
	Title        string  `json:"title"`
	Slug         string  `json:"slug"`
	Intro        string  `json:"intro"`
	CoverImageID int64   `json:"cover_image_id"`
	TagID        int64   `json:"tag_id"`
	PinnedIDs    []int64 `json:"pinned_ids"`
	InMenu       bool    `json:"in_menu"`
	Position     *int    `json:"position"`
	Active       *bool   `json:"active"`
}

func (a *API) createTopic(w http.ResponseWriter, r *http.Request, u news.User) error {
	return a.writeTopic(w, r, u, 0)
}

func (a *API) replaceTopic(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, err := pathID(r, "id", "dòng sự kiện")
	if err != nil {
		return err
	}
	return a.writeTopic(w, r, u, id)
}

// writeTopic saves the request's topic as topic id (0: a new one).
func (a *API) writeTopic(w http.ResponseWriter, r *http.Request, u news.User, id int64) error {
	var req topicRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	in := paper.TopicInput{ID: id, Title: req.Title, Slug: req.Slug, Intro: req.Intro, CoverImageID: req.CoverImageID,
		TagID: req.TagID, PinnedIDs: req.PinnedIDs, InMenu: req.InMenu, Active: req.Active == nil || *req.Active}
	if req.Position != nil {
		in.Position, in.PositionGiven = *req.Position, true
	}
	t, err := a.paper.SaveTopic(r.Context(), actor(r, u), in)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if id == 0 {
		status = http.StatusCreated
		w.Header().Set("Location", "/api/v1/topics/"+strconv.FormatInt(t.ID, 10))
	}
	return writeJSON(w, status, topicOf(t))
}

// deleteTopic removes a topic: DELETE /api/v1/topics/{id}, 204.
func (a *API) deleteTopic(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, err := pathID(r, "id", "dòng sự kiện")
	if err != nil {
		return err
	}
	if err := a.paper.DeleteTopic(r.Context(), actor(r, u), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
