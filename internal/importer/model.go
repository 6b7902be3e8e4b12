// Package importer brings a paper's archive in from another system: the
// readers (internal/wordpress for WXR files, internal/htmlarchive for saved
// or fetched article pages) turn what they read into the items below, and
// the Importer writes them, idempotently, through the store.
//
// Every item carries the Key the source knows it by (a WordPress post id,
// an old URL): importing the same source again updates what it wrote
// before instead of adding a copy, and an import cut short resumes.
package importer

import (
	"context"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// Source streams a source's items to yield, in an order where what an item
// refers to comes first: sections and authors, then photos, then stories
// and pages. A reader that cannot promise that order for a streamed file
// reads it twice. Each stops at the first error yield returns.
type Source interface {
	// Name identifies the source in import_keys and the audit log:
	// "wordpress:baohatinh.vn", "html:baohatinh.vn". Keys are unique
	// within it.
	Name() string
	Each(ctx context.Context, yield func(Item) error) error
}

// Item is one thing a source read: exactly one field is set. A Warning is
// something the reader skipped or changed, reported in the summary with
// the item it concerns.
type Item struct {
	Section *Section
	Author  *Author
	Photo   *Photo
	Story   *Story
	Page    *Page
	Warning *Warning
}

// Section is a category of the old system. ParentKey, when set, names a
// section yielded before.
type Section struct {
	Key, ParentKey string
	Slug, Name     string
	Description    string
	OldURLs        []string // the old section page's paths, answered with 301
}

// Author is a byline. Key is the old system's login or name; Email, when
// set with Users on, also makes a newsroom account without a password.
type Author struct {
	Key        string
	Name, Slug string
	Email, Bio string
	OldURLs    []string
}

// Photo is a picture for the media library: its bytes from File (a local
// path under a folder the operator gave) or URL (fetched when the operator
// allows its host). OldURLs are every address the old site served it under
// (sizes included), so bodies that show it are rewritten to ours.
type Photo struct {
	Key                  string
	File, URL            string
	Caption, Alt, Credit string
	OldURLs              []string
}

// Story is an article. Body is HTML in any shape the reader could make
// (it is sanitized and its photos rewritten on the way in); PhotoKeys in
// the body are <img src> values matched against photos' OldURLs.
type Story struct {
	Key         string
	Title, Slug string
	Lead, Body  string
	State       news.Status // Published, Draft, Submitted, Scheduled, Unpublished
	PublishedAt time.Time   // the original date; zero for copy never published
	ModifiedAt  time.Time
	SectionKey  string    // a Section's Key; empty: the importer's fallback section
	SectionName string    // when the source has no section items (HTML): found or made by name
	Tags        []string  // names
	AuthorKeys  []string  // Author Keys, in byline order
	AuthorNames []string  // when the source has no author items: found or made by name
	CoverKey    string    // a Photo's Key
	CoverURL    string    // or the cover's address, fetched like a body photo
	OldURLs     []string  // paths (and ?p=ID) that answer 301 to the new page
	Comments    []Comment // in an order where a reply follows its parent
}

// Comment is a reader's comment on a story.
type Comment struct {
	Key, ParentKey string
	Name, Email    string
	Body           string
	At             time.Time
	Status         news.CommentStatus // Published or Pending; the reader skips spam and trash
}

// Page is a static page of the paper (Giới thiệu, Liên hệ).
type Page struct {
	Key         string
	Slug, Title string
	Body        string
	OldURLs     []string
}

// Warning is what a reader skipped or changed, and the item concerned.
type Warning struct {
	Item    string // "bài 220459", "ảnh 31", "dòng 12"
	Message string // Vietnamese
}
