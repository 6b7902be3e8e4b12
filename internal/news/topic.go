package news

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Topic is a page that follows one story as it unfolds ("Dòng sự kiện"):
// a storm, a council session, an election. It shows its own title, intro
// and cover, the stories the editors pinned in their order, then the
// published stories of its tag, newest first. It lives at Path; the
// topics marked InMenu follow the sections in the site's menu, in
// Position order.
type Topic struct {
	ID           int64
	Slug         string
	Title        string
	Intro        string // plain text; paragraphs separated by blank lines
	CoverImageID int64  // 0: none
	TagID        int64  // 0: only the pinned stories
	PinnedIDs    []int64
	InMenu       bool
	Position     int  // the place in the menu, smallest first
	Active       bool // "Đang diễn ra"; false: "Đã kết thúc"
	CreatedAt    time.Time
	UpdatedAt    time.Time
	CreatedBy    int64
	UpdatedBy    int64

	// Read with the topic for those who show it.
	Cover *Image
	Tag   *Tag
}

// TopicsPath is the list of the topics that are going on.
const TopicsPath = "/dong-su-kien/"

// Path is the topic's page, "/dong-su-kien/{slug}".
func (t Topic) Path() string { return TopicsPath + t.Slug }

// State is the topic's state as readers and editors read it.
func (t Topic) State() string {
	if t.Active {
		return "Đang diễn ra"
	}
	return "Đã kết thúc"
}

// Limits of a topic.
const (
	MaxTopicTitle    = 200
	MaxTopicIntro    = 2000
	MaxTopicPins     = 10
	MaxTopicPosition = 10000
)

// Validate checks a topic as the newsroom's form or the API gives it,
// made NFC: a one-line title of plain text (it may be a link in the
// menu), a slug of the form vietnamese.Slug makes, a plain-text intro,
// at most MaxTopicPins pinned stories, each once, and a place in the
// menu. Whether the pins are published stories and the cover may be
// used is the store's and the service's business.
func (t Topic) Validate() error {
	switch {
	case strings.TrimSpace(t.Title) == "":
		return Errorf(Invalid, "Vui lòng nhập tên dòng sự kiện")
	case utf8.RuneCountInString(t.Title) > MaxTopicTitle || strings.ContainsFunc(t.Title, unicode.IsControl) || !utf8.ValidString(t.Title):
		return Errorf(Invalid, "Tên dòng sự kiện dài tối đa %d ký tự, trên một dòng", MaxTopicTitle)
	case markup.MatchString(t.Title):
		return Errorf(Invalid, "Tên dòng sự kiện là văn bản thường, không được chứa thẻ HTML")
	case t.Slug == "":
		return Errorf(Invalid, "Đường dẫn dòng sự kiện cần có chữ hoặc số")
	case len(t.Slug) > MaxPageSlug || !pageSlug.MatchString(t.Slug):
		return Errorf(Invalid, "Đường dẫn %q chỉ được gồm chữ thường không dấu, chữ số và dấu gạch ngang (tối đa %d ký tự)", Clip(t.Slug, 40), MaxPageSlug)
	case utf8.RuneCountInString(t.Intro) > MaxTopicIntro || !utf8.ValidString(t.Intro):
		return Errorf(Invalid, "Phần giới thiệu dài tối đa %d ký tự", MaxTopicIntro)
	case len(t.PinnedIDs) > MaxTopicPins:
		return Errorf(Invalid, "Chỉ được ghim tối đa %d bài (đang có %d)", MaxTopicPins, len(t.PinnedIDs))
	case t.Position < 0 || t.Position > MaxTopicPosition:
		return Errorf(Invalid, "Thứ tự trên menu là một số từ 0 đến %d", MaxTopicPosition)
	}
	seen := map[int64]bool{}
	for _, id := range t.PinnedIDs {
		if id <= 0 {
			return Errorf(Invalid, "Số bài ghim không hợp lệ")
		}
		if seen[id] {
			return Errorf(Invalid, "Bài số %d được ghim hai lần", id)
		}
		seen[id] = true
	}
	return nil
}

// InMenuNow reports whether the site's menu links to the topic.
func (t *Topic) InMenuNow() bool { return t != nil && t.InMenu }

// TopicChangeKeys are the keys of a change to topic id from before to
// after (nil for a topic created or deleted): the topic's page and the
// list of topics, and SiteKey when the menu's links change, for the menu
// is on every page.
func TopicChangeKeys(id int64, before, after *Topic) []Key {
	keys := []Key{TopicKey(id), TopicsKey}
	menuBefore, menuAfter := before.InMenuNow(), after.InMenuNow()
	if menuBefore != menuAfter || menuBefore && (before.Title != after.Title || before.Slug != after.Slug || before.Position != after.Position) {
		keys = append(keys, SiteKey)
	}
	return keys
}
