package news

import "time"

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
