package site

import (
	"context"
	"html/template"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// liveBlock is a live story's coverage under its body: the "Trực tiếp"
// badge, the entries newest first, and what live.js needs to fetch the
// entries added after the page was made. The page stays cacheable: each
// new entry drops it (its story's key), and the script reads the JSON.
type liveBlock struct {
	On      bool // the story is live, running or ended
	Running bool
	Started time.Time
	Ended   time.Time
	Entries []liveEntryView
	// Feed is the public entries endpoint; Newest the id to ask after.
	Feed   string
	Newest int64
	// PollMS is how often the open page asks for new entries.
	PollMS int64
}

// liveEntryView is one entry as the page draws it.
type liveEntryView struct {
	ID      int64
	Body    template.HTML
	Created time.Time
	Time    string // "14:05", with the date on another day
}

// livePoll is how often a reader's open page asks for new entries: every
// reader polls, so not more often; a proxy keeps each answer 5 seconds.
const livePoll = 15 * time.Second

// liveBlock reads story a's coverage and its newest entries.
func (s *Server) liveBlock(ctx context.Context, a news.Article, loc *time.Location) (liveBlock, error) {
	if !a.Live {
		return liveBlock{}, nil // no coverage: nothing to read
	}
	l, err := s.store.Live(ctx, a.ID)
	if err != nil || !l.On() {
		return liveBlock{}, err
	}
	entries, err := s.store.LiveEntries(ctx, a.ID, 0, news.LiveEntries)
	if err != nil {
		return liveBlock{}, err
	}
	b := liveBlock{On: true, Running: l.Running(), Started: l.StartedAt, Ended: l.EndedAt, PollMS: livePoll.Milliseconds(),
		Feed: "/api/v1/articles/" + strconv.FormatInt(a.ID, 10) + "/entries"}
	now := s.now()
	for _, en := range entries {
		b.Entries = append(b.Entries, liveEntryView{ID: en.ID, Body: template.HTML(media.PictureBody(en.Body, articleSizes)),
			Created: en.CreatedAt, Time: news.EntryTime(en.CreatedAt, now, loc)})
		b.Newest = max(b.Newest, en.ID)
	}
	return b, nil
}

// liveBlog makes the story's schema.org object a LiveBlogPosting (an
// Article by way of BlogPosting, so every property of the NewsArticle it
// was stays valid) with the coverage's times and its entries as
// BlogPosting updates.
func (l Layout) liveBlog(art jsonLD, a news.Article, b liveBlock) {
	loc := l.Site.Location
	art["@type"] = "LiveBlogPosting"
	art["coverageStartTime"] = w3c(b.Started, loc)
	if !b.Ended.IsZero() {
		art["coverageEndTime"] = w3c(b.Ended, loc)
	}
	updates := make([]jsonLD, 0, len(b.Entries))
	for _, en := range b.Entries {
		text := store.PlainText(string(en.Body))
		updates = append(updates, jsonLD{"@type": "BlogPosting", "headline": headline(text, a.Title),
			"articleBody": text, "datePublished": w3c(en.Created, loc),
			"url": l.absolute(a.Path()) + "#dien-bien-" + strconv.FormatInt(en.ID, 10)})
	}
	art["liveBlogUpdate"] = updates
	if len(b.Entries) > 0 {
		art["dateModified"] = w3c(b.Entries[0].Created, loc)
	}
}

// headline is an entry's first words, at most 110 characters (Google's
// limit for a headline); an entry of only a photo takes the story's title.
func headline(text, title string) string {
	runes := []rune(text)
	for i, r := range runes {
		if r == '\n' {
			runes = runes[:i]
			break
		}
	}
	if len(runes) == 0 {
		return title
	}
	if len(runes) > 110 {
		return string(runes[:109]) + "…"
	}
	return string(runes)
}
