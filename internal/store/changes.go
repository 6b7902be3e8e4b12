package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
)

// OnChange registers fn to hear, after each committed change that readers
// can see, the keys of what changed ("article:12", "section:3", "site"…).
// The page cache drops the pages that depend on them. On PostgreSQL the
// keys also go to every other server through NOTIFY (see Listen).
func (s *Store) OnChange(fn func(keys []string)) { s.onChange = fn }

// changed reports keys after a commit.
func (s *Store) changed(ctx context.Context, keys ...string) {
	if len(keys) == 0 {
		return
	}
	keys = append(keys, "any")
	s.chrome.forgetFor(keys)
	if s.onChange != nil {
		s.onChange(keys)
	}
	if s.dialect.notify != "" {
		payload := strings.Join(keys, " ")
		if len(payload) > 7000 {
			payload = "flush"
		}
		s.write.ExecContext(ctx, s.dialect.notify, s.dialect.channel, payload)
	}
}

// articleChanged reports a change that may move a published (or just
// unpublished) article in or out of lists: its page, its section and the
// section above, its tags and authors, the home page and every list of
// latest stories. before, when known, is the article as it was, so the
// lists it has just left are dropped too.
func (s *Store) articleChanged(ctx context.Context, id int64, before *news.Article) {
	keys := []string{fmt.Sprintf("article:%d", id), "home", "latest", "feeds"}
	var sections []int64
	versions := []*news.Article{before}
	if a, err := s.Article(ctx, id); err == nil {
		versions = append(versions, &a)
	}
	for _, a := range versions {
		if a == nil {
			continue
		}
		sections = append(sections, a.SectionID, a.Section.ParentID)
		for _, t := range a.Tags {
			keys = append(keys, fmt.Sprintf("tag:%d", t.ID))
		}
		for _, au := range a.Authors {
			keys = append(keys, fmt.Sprintf("author:%d", au.ID))
		}
	}
	for _, sec := range sections {
		if sec != 0 {
			keys = append(keys, fmt.Sprintf("section:%d", sec))
		}
	}
	s.changed(ctx, keys...)
}

// articleEdited reports a change to a published article's words or
// pictures that leaves it in the same lists at the same place: only the
// pages that show it change (every list declares the articles it shows,
// so the key "article:ID" reaches them all), and the feeds and sitemaps,
// which carry titles and modification times. A correction to an old story
// keeps the rest of the paper cached.
func (s *Store) articleEdited(ctx context.Context, id int64) {
	s.changed(ctx, fmt.Sprintf("article:%d", id), "feeds")
}

// sameLists reports whether a save leaves the article in the lists it was
// in, at the same place: same state, section, time, prominence, tags and
// bylines.
func sameLists(before, after news.Article) bool {
	if before.Status != after.Status || before.SectionID != after.SectionID || before.Featured != after.Featured ||
		!before.PublishedAt.Equal(after.PublishedAt) || len(before.Tags) != len(after.Tags) || len(before.Authors) != len(after.Authors) {
		return false
	}
	for i := range before.Tags {
		if before.Tags[i].ID != after.Tags[i].ID {
			return false
		}
	}
	for i := range before.Authors {
		if before.Authors[i].ID != after.Authors[i].ID {
			return false
		}
	}
	return true
}

// visible reports whether a change in these states shows to readers.
func visible(states ...news.Status) bool {
	for _, st := range states {
		if st == news.Published {
			return true
		}
	}
	return false
}
