package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// Live coverage ("Trực tiếp"): editors turn a story live, add, edit and
// delete its entries; anyone reads the entries of a published live story,
// which is what the reader's page polls (live.js).

// entryJSON is an entry as the API shows it; Time is how the reader's
// page prints it ("14:05", with the date on another day).
type entryJSON struct {
	ID        int64     `json:"id"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
	Time      string    `json:"time"`
}

// liveJSON is a story's coverage.
type liveJSON struct {
	Live      bool       `json:"live"`
	Ended     bool       `json:"ended"`
	StartedAt *time.Time `json:"started_at"`
	EndedAt   *time.Time `json:"ended_at"`
}

// entriesJSON is the public list: the coverage and its newest entries.
type entriesJSON struct {
	liveJSON
	Entries []entryJSON `json:"entries"`
}

func toLiveJSON(l news.Live) liveJSON {
	return liveJSON{Live: l.On(), Ended: l.On() && !l.Running(), StartedAt: timeOrNil(l.StartedAt), EndedAt: timeOrNil(l.EndedAt)}
}

// entryJSONs dates entries in the paper's zone.
func (a *API) entryJSONs(r *http.Request, entries ...news.LiveEntry) ([]entryJSON, error) {
	site, err := a.store.Site(r.Context())
	if err != nil {
		return nil, err
	}
	now := time.Now()
	out := make([]entryJSON, 0, len(entries))
	for _, en := range entries {
		out = append(out, entryJSON{ID: en.ID, Body: en.Body, CreatedAt: en.CreatedAt.UTC(), Time: news.EntryTime(en.CreatedAt, now, site.Location)})
	}
	return out, nil
}

// setLive is POST /api/v1/articles/{id}/live: {"live": true} turns the
// story live (again, after an end), {"live": false} turns it back into an
// ordinary story, {"ended": true} ends the coverage.
func (a *API) setLive(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, err := pathID(r, "id", "bài viết")
	if err != nil {
		return err
	}
	var in struct {
		Live  *bool `json:"live"`
		Ended *bool `json:"ended"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	var l news.Live
	switch {
	case in.Live != nil && in.Ended != nil:
		return news.Errorf(news.Invalid, "Gửi một trong hai trường: “live” (bật, tắt) hoặc “ended” (kết thúc tường thuật)")
	case in.Live != nil:
		l, err = a.editorial.SetLive(r.Context(), actor(r, u), id, *in.Live)
	case in.Ended != nil && *in.Ended:
		l, err = a.editorial.EndLive(r.Context(), actor(r, u), id)
	default:
		return news.Errorf(news.Invalid, "Cần trường “live” (true hoặc false) hoặc “ended”: true")
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toLiveJSON(l))
}

// entryBody reads {"body": "<p>…</p>"}.
func entryBody(w http.ResponseWriter, r *http.Request) (string, error) {
	var in struct {
		Body string `json:"body"`
	}
	err := decodeJSON(w, r, &in)
	return in.Body, err
}

// addEntry is POST /api/v1/articles/{id}/entries: 201 with the entry.
func (a *API) addEntry(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, err := pathID(r, "id", "bài viết")
	if err != nil {
		return err
	}
	body, err := entryBody(w, r)
	if err != nil {
		return err
	}
	en, err := a.editorial.AddLiveEntry(r.Context(), actor(r, u), id, body)
	if err != nil {
		return err
	}
	out, err := a.entryJSONs(r, en)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, out[0])
}

// editEntry is PUT /api/v1/articles/{id}/entries/{entry}.
func (a *API) editEntry(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, entry, err := entryPath(r)
	if err != nil {
		return err
	}
	body, err := entryBody(w, r)
	if err != nil {
		return err
	}
	en, err := a.editorial.EditLiveEntry(r.Context(), actor(r, u), id, entry, body)
	if err != nil {
		return err
	}
	out, err := a.entryJSONs(r, en)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out[0])
}

// deleteEntry is DELETE /api/v1/articles/{id}/entries/{entry}: 204.
func (a *API) deleteEntry(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, entry, err := entryPath(r)
	if err != nil {
		return err
	}
	if err := a.editorial.DeleteLiveEntry(r.Context(), actor(r, u), id, entry); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func entryPath(r *http.Request) (id, entry int64, err error) {
	if id, err = pathID(r, "id", "bài viết"); err != nil {
		return 0, 0, err
	}
	entry, err = pathID(r, "entry", "diễn biến")
	return id, entry, err
}

// listEntries is GET /api/v1/articles/{id}/entries?after={id}: the
// entries of a published live story newer than after, newest first, at
// most news.LiveEntries, and whether the coverage ended. Every reader of
// the story asks the same thing every few seconds, so the answer may be
// kept five seconds by any cache: a proxy answers most of the polling.
func (a *API) listEntries(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "bài viết")
	if err != nil {
		return err
	}
	var after int64
	if v := r.URL.Query().Get("after"); v != "" {
		if after, err = strconv.ParseInt(v, 10, 64); err != nil || after < 0 {
			return news.Errorf(news.Invalid, "Tham số after phải là mã một diễn biến (số nguyên không âm)")
		}
	}
	art, err := a.store.Article(r.Context(), id)
	if err != nil || art.Status != news.Published {
		return news.Errorf(news.NotFound, "Không tìm thấy bài viết")
	}
	l, err := a.store.Live(r.Context(), id)
	if err != nil {
		return err
	}
	if !l.On() {
		return news.Errorf(news.NotFound, "Bài này không tường thuật trực tiếp")
	}
	entries, err := a.store.LiveEntries(r.Context(), id, after, news.LiveEntries)
	if err != nil {
		return err
	}
	out := entriesJSON{liveJSON: toLiveJSON(l)}
	if out.Entries, err = a.entryJSONs(r, entries...); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "public, max-age=5")
	return writeJSON(w, http.StatusOK, out)
}
