package news

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

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

// PinSlots is how many places of a page editors arrange by hand: the lead
// story and four featured ones.
const PinSlots = 5

// Validate checks a section as an administrator's form fills it.
func (s Section) Validate() error {
	switch {
	case s.Name == "" || utf8.RuneCountInString(s.Name) > 100 || strings.ContainsFunc(s.Name, unicode.IsControl):
		return Errorf(Invalid, "Vui lòng nhập tên chuyên mục (tối đa 100 ký tự, trên một dòng)")
	case s.Slug == "" || len(s.Slug) > 100:
		return Errorf(Invalid, "Đường dẫn chuyên mục cần có chữ hoặc số (tối đa 100 ký tự)")
	case utf8.RuneCountInString(s.Description) > 500:
		return Errorf(Invalid, "Mô tả chuyên mục dài tối đa 500 ký tự")
	case s.ID != 0 && s.ParentID == s.ID:
		return Errorf(Invalid, "Chuyên mục không thể là cha của chính nó")
	}
	return nil
}
