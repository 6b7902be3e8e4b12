package news

import (
	"strconv"
	"time"
)

// Site is the paper's identity, stored in the database as site settings so
// one binary can serve any paper.
type Site struct {
	Name        string // "Báo Hà Tĩnh"
	Dateline    string // "(Baohatinh.vn) - ", put before every lead
	Description string
	BaseURL     string // "https://baohatinh.vn", no trailing slash; empty in development
	LogoURL     string
	TimeZone    string // IANA name, "Asia/Ho_Chi_Minh"
	PurgeURL    string // a CDN's or Varnish's purge hook; changed keys are POSTed to it
	Location    *time.Location
}

// Section is a part of the paper; sections nest one level or more through
// ParentID and are shown in Position order.
type Section struct {
	ID          int64
	Slug        string
	Name        string
	Description string
	ParentID    int64 // 0 for a top-level section
	Position    int
}

// Author is a byline: a reporter, a contributor or the paper itself.
type Author struct {
	ID   int64
	Slug string
	Name string
	Bio  string
}

// Tag groups articles across sections.
type Tag struct {
	ID   int64
	Slug string
	Name string
}

// Image is a stored photo. Key names the file under the media folder and
// contains the content hash, so its URL can be cached forever.
type Image struct {
	ID      int64
	Key     string
	MIME    string
	Width   int
	Height  int
	Bytes   int64
	Caption string
	Credit  string
	Alt     string
	Created time.Time
}

// Status is where an article is in the editorial workflow.
type Status string

// The workflow states; only Published articles are shown to readers.
const (
	Draft       Status = "draft"
	Submitted   Status = "submitted"
	Edited      Status = "edited"
	Approved    Status = "approved"
	Scheduled   Status = "scheduled"
	Published   Status = "published"
	Unpublished Status = "unpublished"
)

// Article is one story. Body is sanitized HTML; times are UTC.
type Article struct {
	ID             int64
	Slug           string
	Title          string
	Lead           string
	Body           string
	SectionID      int64
	Status         Status
	Featured       bool
	CoverImageID   int64
	SEOTitle       string
	SEODescription string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	PublishedAt    time.Time // zero until first published
	ModifiedAt     time.Time // last correction of a live article, zero if none
	ScheduledAt    time.Time // when a scheduled article goes live
	EmbargoUntil   time.Time // no publication before this time, zero if none
	CreatedBy      int64     // the user who started the article
	Revision       int       // number of the latest saved revision
	CommentMode    CommentMode
	CommentCount   int // published comments, kept by the store

	// Filled by the store when asked for a whole article.
	Section Section
	Authors []Author
	Tags    []Tag
	Cover   *Image
}

// Path is the article's canonical path, "/{slug}-post{id}.html", the form
// Vietnamese papers use so that the id, not the slug, finds the article.
func (a Article) Path() string { return "/" + a.Slug + "-post" + strconv.FormatInt(a.ID, 10) + ".html" }

// Path is the tag's page, "/{slug}-tag{id}.html".
func (t Tag) Path() string { return "/" + t.Slug + "-tag" + strconv.FormatInt(t.ID, 10) + ".html" }

// Path is the section's page.
func (s Section) Path() string { return "/" + s.Slug + "/" }

// Path is the author's page.
func (a Author) Path() string { return "/tac-gia/" + a.Slug }
