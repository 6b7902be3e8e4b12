package news

import (
	"time"
	"unicode/utf8"
)

// CommentStatus is where a reader's comment is in moderation. Only
// published comments are shown and counted.
type CommentStatus string

// The comment states.
const (
	CommentPending   CommentStatus = "pending"
	CommentPublished CommentStatus = "published"
	CommentRejected  CommentStatus = "rejected"
	CommentSpam      CommentStatus = "spam"
)

// Label is the state's Vietnamese name.
func (s CommentStatus) Label() string {
	switch s {
	case CommentPending:
		return "Chờ duyệt"
	case CommentPublished:
		return "Đã đăng"
	case CommentRejected:
		return "Đã từ chối"
	case CommentSpam:
		return "Rác"
	}
	return string(s)
}

// CommentMode is an article's switch for its comments.
type CommentMode string

// The comment modes: open for new comments, closed (shown, no new ones),
// hidden (neither shown nor accepted).
const (
	CommentsOpen   CommentMode = "open"
	CommentsClosed CommentMode = "closed"
	CommentsHidden CommentMode = "hidden"
)

// Comment is a reader's comment, or the paper's own reply.
type Comment struct {
	ID           int64
	ArticleID    int64
	ParentID     int64 // 0 for a top-level comment; replies are one level deep
	Name         string
	Email        string // never shown to readers
	Body         string // as published (possibly edited by a moderator)
	OriginalBody string // as the reader sent it
	Status       CommentStatus
	Edited       bool
	Staff        bool // written by the paper, shown with its badge
	Flags        []string
	RejectReason string
	AddressHash  string // hashed IP, for moderators and rate limits
	BrowserHash  string
	Likes        int
	CreatedAt    time.Time
	PublishedAt  time.Time
	ClaimedBy    int64
	ClaimedName  string
	ClaimedUntil time.Time
	Notify       bool // email the reader when published or answered

	ArticleTitle string // filled in moderation lists
	Replies      []Comment
}

// CommentSettings are the paper's rules that moderators edit: the reasons
// a comment is refused with, the words that refuse a comment outright and
// the words that send it to a moderator's attention.
type CommentSettings struct {
	Reasons []string
	Banned  []string
	Review  []string
}

// Limits on the comment settings.
const (
	MaxRejectReasons = 50
	MaxListWords     = 2000
	MaxSettingLine   = 200
)

// Validate checks the lists as the settings form sends them, one entry a
// line.
func (c CommentSettings) Validate() error {
	if len(c.Reasons) == 0 || len(c.Reasons) > MaxRejectReasons {
		return Errorf(Invalid, "Cần từ 1 đến %d lý do từ chối", MaxRejectReasons)
	}
	if len(c.Banned) > MaxListWords || len(c.Review) > MaxListWords {
		return Errorf(Invalid, "Mỗi danh sách từ có tối đa %d dòng", MaxListWords)
	}
	for _, list := range [][]string{c.Reasons, c.Banned, c.Review} {
		for _, line := range list {
			if utf8.RuneCountInString(line) > MaxSettingLine {
				return Errorf(Invalid, "Dòng “%s” dài quá %d ký tự", Clip(line, 40), MaxSettingLine)
			}
		}
	}
	return nil
}
