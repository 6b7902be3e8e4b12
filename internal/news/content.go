package news

import (
	"regexp"
	"slices"
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

// Author is a byline: a reporter's pen name (bút danh), a contributor or
// the paper itself. A member writes under the author their account links
// to (User.AuthorID).
type Author struct {
	ID           int64
	Slug         string
	Name         string
	Bio          string // plain text, paragraphs separated by blank lines
	PhotoImageID int64  // 0: no photo
	Photo        *Image // filled when the photo is asked for
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
	// UploadedBy is the member who uploaded the photo; 0 for photos the
	// paper itself brought (the demo, imports, uploads from before
	// uploaders were kept), which the whole newsroom shares.
	UploadedBy int64
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
	CommentCount   int    // published comments, kept by the store
	Credit         string // a credit line after the bylines: "Theo TTXVN", "Nhóm phóng viên"
	// Correction is the newsroom's note to readers about a correction of
	// the published story, shown at its end with CorrectedAt; empty if none.
	Correction  string
	CorrectedAt time.Time

	// Filled by the store when asked for a whole article.
	Section Section
	Authors []Author
	Tags    []Tag
	Cover   *Image
	// RelatedIDs are the stories editors picked for "Tin liên quan", in
	// their order: whatever their state now; readers see the published.
	RelatedIDs []int64
	// AudioMediaID is the story's audio version ("Bản âm thanh"), a ready
	// audio item; ProgrammeID the radio programme it is an episode of.
	// 0: none.
	AudioMediaID int64
	ProgrammeID  int64
	// Live is whether the story has live coverage, running or ended
	// (Store.Live reads it).
	Live bool
	// MainMediaID is the story's main video, played first on its page
	// (a video story, listed under /tv/); 0 if none. MainMedia is the
	// item, filled by the reader's page.
	MainMediaID int64
	MainMedia   *MediaItem
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

// BodyImageIDs lists the library photos an article body shows, in
// order, each once: the figures the editor inserts carry the photo's id.
func BodyImageIDs(body string) []int64 {
	var ids []int64
	for _, m := range bodyImage.FindAllStringSubmatch(body, -1) {
		id, err := strconv.ParseInt(m[1], 10, 64)
		if err == nil && id > 0 && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

var bodyImage = regexp.MustCompile(`<(?:figure|img)\b[^>]*\sdata-image-id="([0-9]{1,18})"`)

// PinSlots is how many places of a page editors arrange by hand: the lead
// story and four featured ones.
const PinSlots = 5

// Limits of a byline.
const (
	maxAuthorName = 100
	maxAuthorBio  = 1000
)

// Validate checks a byline as the newsroom's form or the API gives it:
// names and bios are plain text, so markup is refused rather than shown
// as text under every story.
func (a Author) Validate() error {
	switch {
	case a.Name == "" || utf8.RuneCountInString(a.Name) > maxAuthorName || strings.ContainsFunc(a.Name, unicode.IsControl):
		return Errorf(Invalid, "Vui lòng nhập bút danh (tối đa %d ký tự, trên một dòng)", maxAuthorName)
	case strings.ContainsAny(a.Name, "<>"):
		return Errorf(Invalid, "Bút danh không được chứa thẻ HTML hay dấu < >")
	case a.Slug == "" || len(a.Slug) > 100:
		return Errorf(Invalid, "Đường dẫn tác giả cần có chữ hoặc số (tối đa 100 ký tự)")
	case utf8.RuneCountInString(a.Bio) > maxAuthorBio:
		return Errorf(Invalid, "Giới thiệu tác giả dài tối đa %d ký tự", maxAuthorBio)
	case strings.ContainsFunc(a.Bio, func(r rune) bool { return unicode.IsControl(r) && r != '\n' }):
		return Errorf(Invalid, "Giới thiệu tác giả có ký tự không hợp lệ")
	case markup.MatchString(a.Bio):
		return Errorf(Invalid, "Giới thiệu tác giả là văn bản thường, không được chứa thẻ HTML")
	}
	return nil
}

// markup finds what looks like an HTML tag, comment or entity in plain
// text; "< 5 năm" and "a > b" are fine.
var markup = regexp.MustCompile(`<[A-Za-z/!?]|&[#A-Za-z0-9]+;`)

// Paragraphs splits plain text at blank lines, for templates.
func Paragraphs(text string) []string {
	var out []string
	for p := range strings.SplitSeq(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

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
