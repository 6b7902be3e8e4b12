package news

import "strconv"

// Key names something readers see: a story, a list, the weather box. A
// page declares the keys it shows; a committed change reports the keys
// it touched, and every page that shows one of them is dropped from the
// caches (the server's own and a proxy's, which receives the same keys).
// The functions and constants here are the whole vocabulary, so the
// store that reports a change and the page that depends on it cannot
// spell a key two ways.
type Key string

// The keys of things there is one of.
const (
	// SiteKey is the paper's identity and its sections: every page shows
	// them, so every page depends on it.
	SiteKey Key = "site"
	// HomeKey is the home page's own arrangement (its pins).
	HomeKey Key = "home"
	// LatestKey is every list of the latest stories ("Tin mới").
	LatestKey Key = "latest"
	// FeedsKey is the RSS feeds and sitemaps, which carry titles and
	// modification times of published stories.
	FeedsKey Key = "feeds"
	// WeatherKey is the weather box and page.
	WeatherKey Key = "weather"
	// PopupsKey is the announcement readers close with "Tắt [X]".
	PopupsKey Key = "popups"
	// RedirectsKey is the redirect table: the 301 and 410 answers at old
	// addresses, which a proxy keeps under this key.
	RedirectsKey Key = "redirects"
	// MostReadKey is the "Đọc nhiều" lists, which each server refreshes
	// from the counted views on a schedule.
	MostReadKey Key = "most-read"
	// TopicsKey is the list of topics ("Dòng sự kiện") and the sitemap
	// that names them.
	TopicsKey Key = "topics"
	// ProgrammesKey is the list of radio programmes ("Chương trình phát
	// thanh").
	ProgrammesKey Key = "programmes"
	// AnyKey goes with every change: a page that declared nothing depends
	// on it, so it is dropped by anything.
	AnyKey Key = "any"
)

// ArticleKey is one story: its page and every list that shows it.
func ArticleKey(id int64) Key { return "article:" + Key(strconv.FormatInt(id, 10)) }

// SectionKey is a section's page and lists, and its pins.
func SectionKey(id int64) Key { return "section:" + Key(strconv.FormatInt(id, 10)) }

// TagKey is a tag's page.
func TagKey(id int64) Key { return "tag:" + Key(strconv.FormatInt(id, 10)) }

// AuthorKey is an author's page.
func AuthorKey(id int64) Key { return "author:" + Key(strconv.FormatInt(id, 10)) }

// PageKey is one of the paper's own pages ("Giới thiệu", "Liên hệ"); its
// link in the footer goes with SiteKey (PageChangeKeys).
func PageKey(id int64) Key { return "page:" + Key(strconv.FormatInt(id, 10)) }

// TopicKey is one topic's page ("Dòng sự kiện") and its feed; its link
// in the menu goes with SiteKey (TopicChangeKeys).
func TopicKey(id int64) Key { return "topic:" + Key(strconv.FormatInt(id, 10)) }

// ProgrammeKey is one radio programme's page and its podcast feed; a
// story that is one of its episodes reports it (ArticleKeys).
func ProgrammeKey(id int64) Key { return "programme:" + Key(strconv.FormatInt(id, 10)) }

// CommentsKey is the comment thread under one story.
func CommentsKey(articleID int64) Key { return "comments:" + Key(strconv.FormatInt(articleID, 10)) }

// Change is what one committed write did to what readers see.
type Change struct {
	Keys []Key
	// All says anything may have changed: a lost connection to the other
	// servers' notices, or a change too large to list. Caches must not
	// trust anything they kept from before it.
	All bool
}

// Strings is the keys as plain strings, for caches and headers.
func (c Change) Strings() []string {
	out := make([]string, len(c.Keys))
	for i, k := range c.Keys {
		out[i] = string(k)
	}
	return out
}

// ArticleKeys are the keys a change to a visible story touches: its page,
// the lists it is in (its section and the one above, its tags and
// authors, the home page, the latest stories) and the feeds. versions are
// the story as it was and as it is now, so the lists it has just left are
// dropped too; nil versions are skipped.
func ArticleKeys(id int64, versions ...*Article) []Key {
	keys := []Key{ArticleKey(id), HomeKey, LatestKey, FeedsKey}
	for _, a := range versions {
		if a == nil {
			continue
		}
		for _, sec := range []int64{a.SectionID, a.Section.ParentID} {
			if sec != 0 {
				keys = append(keys, SectionKey(sec))
			}
		}
		for _, t := range a.Tags {
			keys = append(keys, TagKey(t.ID))
		}
		for _, au := range a.Authors {
			keys = append(keys, AuthorKey(au.ID))
		}
		if a.ProgrammeID != 0 {
			keys = append(keys, ProgrammeKey(a.ProgrammeID))
		}
	}
	return keys
}

// CorrectionKeys are the keys of a change to a published story's words or
// pictures that leaves it in the same lists at the same place: only the
// pages that show it (every list declares the stories in it, so the
// story's key reaches them all) and the feeds. A correction to an old
// story keeps the rest of the paper cached.
func CorrectionKeys(id int64) []Key { return []Key{ArticleKey(id), FeedsKey} }

// SameLists reports whether a save leaves a story in the lists it was in,
// at the same place: same state, section, time, prominence, tags,
// bylines, programme and audio (with which a story is an episode).
func SameLists(before, after Article) bool {
	if before.Status != after.Status || before.SectionID != after.SectionID || before.Featured != after.Featured ||
		!before.PublishedAt.Equal(after.PublishedAt) || len(before.Tags) != len(after.Tags) || len(before.Authors) != len(after.Authors) ||
		before.ProgrammeID != after.ProgrammeID || before.AudioMediaID != after.AudioMediaID {
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

// StoryChangeKeys are the keys of a save from before to after: nothing
// when readers saw neither version, the story and its feeds for a
// correction in place, every list it was or is in otherwise.
func StoryChangeKeys(before, after Article) []Key {
	switch {
	case before.Status != Published && after.Status != Published:
		return nil
	case SameLists(before, after):
		return CorrectionKeys(after.ID)
	}
	return ArticleKeys(after.ID, &before, &after)
}
