package news

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Programme is a radio programme or podcast ("Chương trình phát thanh"):
// a series whose episodes are the published stories that carry an audio
// version and belong to it. It has its page at Path and a podcast feed
// with the iTunes tags that podcast apps read.
type Programme struct {
	ID           int64
	Slug         string
	Title        string
	Description  string // plain text
	CoverImageID int64  // 0: none; podcast apps want a square of 1400–3000 px
	Author       string // the host or the desk, itunes:author
	Category     string // one of PodcastCategories
	Explicit     bool
	Language     string // "vi"
	Position     int    // the order of the list, smallest first
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// ProgrammesPath is the list of the programmes.
const ProgrammesPath = "/phat-thanh/"

// Path is the programme's page, "/phat-thanh/{slug}".
func (p Programme) Path() string { return ProgrammesPath + p.Slug }

// PodcastCategories are the iTunes top categories a programme of a
// provincial paper may be filed under, by their English names as the
// feed must spell them, with the newsroom's words for them.
var PodcastCategories = []struct{ Name, Label string }{
	{"News", "Tin tức"},
	{"Society & Culture", "Xã hội và văn hóa"},
	{"Government", "Chính quyền"},
	{"Education", "Giáo dục"},
	{"Health & Fitness", "Sức khỏe"},
	{"Business", "Kinh tế"},
	{"Sports", "Thể thao"},
	{"Arts", "Văn hóa nghệ thuật"},
	{"History", "Lịch sử"},
	{"Music", "Âm nhạc"},
	{"Science", "Khoa học"},
	{"Technology", "Công nghệ"},
	{"Religion & Spirituality", "Tôn giáo, tín ngưỡng"},
	{"Kids & Family", "Thiếu nhi và gia đình"},
}

// Limits of a programme.
const (
	MaxProgrammeTitle       = 200
	MaxProgrammeDescription = 4000 // what Apple's podcast directory keeps
	MaxProgrammeAuthor      = 200
	MaxProgrammePosition    = 10000
)

// Validate checks a programme as the form or the API gives it, made NFC:
// a one-line plain title and author, a slug of vietnamese.Slug's form, a
// plain-text description, a known category, language "vi".
func (p Programme) Validate() error {
	switch {
	case strings.TrimSpace(p.Title) == "":
		return Errorf(Invalid, "Vui lòng nhập tên chương trình")
	case utf8.RuneCountInString(p.Title) > MaxProgrammeTitle || strings.ContainsFunc(p.Title, unicode.IsControl) || !utf8.ValidString(p.Title):
		return Errorf(Invalid, "Tên chương trình dài tối đa %d ký tự, trên một dòng", MaxProgrammeTitle)
	case markup.MatchString(p.Title):
		return Errorf(Invalid, "Tên chương trình là văn bản thường, không được chứa thẻ HTML")
	case p.Slug == "":
		return Errorf(Invalid, "Đường dẫn chương trình cần có chữ hoặc số")
	case len(p.Slug) > MaxPageSlug || !pageSlug.MatchString(p.Slug):
		return Errorf(Invalid, "Đường dẫn %q chỉ được gồm chữ thường không dấu, chữ số và dấu gạch ngang (tối đa %d ký tự)", Clip(p.Slug, 40), MaxPageSlug)
	case utf8.RuneCountInString(p.Description) > MaxProgrammeDescription || !utf8.ValidString(p.Description):
		return Errorf(Invalid, "Phần giới thiệu dài tối đa %d ký tự", MaxProgrammeDescription)
	case markup.MatchString(p.Description):
		return Errorf(Invalid, "Phần giới thiệu là văn bản thường, không được chứa thẻ HTML")
	case utf8.RuneCountInString(p.Author) > MaxProgrammeAuthor || strings.ContainsFunc(p.Author, unicode.IsControl) || markup.MatchString(p.Author):
		return Errorf(Invalid, "Người dẫn chương trình là văn bản thường trên một dòng, tối đa %d ký tự", MaxProgrammeAuthor)
	case !slices.ContainsFunc(PodcastCategories, func(c struct{ Name, Label string }) bool { return c.Name == p.Category }):
		return Errorf(Invalid, "Vui lòng chọn thể loại trong danh sách")
	case p.Language != "vi":
		return Errorf(Invalid, "Ngôn ngữ của chương trình là tiếng Việt (vi)")
	case p.Position < 0 || p.Position > MaxProgrammePosition:
		return Errorf(Invalid, "Thứ tự là một số từ 0 đến %d", MaxProgrammePosition)
	}
	return nil
}

// CoverWarning is what the newsroom tells an editor about a cover podcast
// apps would refuse or blur: not square, or smaller than 1400 px. Empty
// when the cover is fine or there is none.
func CoverWarning(im *Image) string {
	switch {
	case im == nil:
		return ""
	case im.Width != im.Height:
		return fmt.Sprintf("Ảnh bìa %d×%d px không vuông: các ứng dụng podcast cần ảnh vuông từ 1400 đến 3000 px.", im.Width, im.Height)
	case im.Width < 1400:
		return fmt.Sprintf("Ảnh bìa %d×%d px nhỏ hơn 1400 px: các ứng dụng podcast có thể từ chối chương trình.", im.Width, im.Height)
	}
	return ""
}

// ClockDuration prints d as itunes:duration and the players show it,
// "HH:MM:SS", rounded to the second.
func ClockDuration(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

// Episode is a published story as an episode of a programme: its audio
// item, ready.
type Episode struct {
	Article Article
	Audio   MediaItem
}
