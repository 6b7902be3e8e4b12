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

// articleChanged reports a change to a published (or just unpublished)
// article: its page, its section and the section above, its tags and
// authors, the home page and every list of latest stories. sections adds
// sections it was in before.
func (s *Store) articleChanged(ctx context.Context, id int64, sections ...int64) {
	keys := []string{fmt.Sprintf("article:%d", id), "home", "latest", "feeds"}
	a, err := s.Article(ctx, id)
	if err == nil {
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

// visible reports whether a change in these states shows to readers.
func visible(states ...news.Status) bool {
	for _, st := range states {
		if st == news.Published {
			return true
		}
	}
	return false
}
