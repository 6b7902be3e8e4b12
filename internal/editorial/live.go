package editorial

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Live coverage ("Trực tiếp"): the rules of who runs it (news.CanCoverLive)
// and what an entry may hold, for the newsroom's panel and the API alike.

// MaxLiveEntry is the longest entry, in characters of what was sent: an
// entry is a few paragraphs, a photo or an embed, not a story.
const MaxLiveEntry = 20000

// coverable reads story id and checks that actor may run its coverage.
func (s *Service) coverable(ctx context.Context, actor news.Actor, id int64) (news.Article, error) {
	a, err := s.store.Article(ctx, id)
	if err != nil {
		return a, err
	}
	if actor.System {
		return a, nil
	}
	return a, news.CanCoverLive(actor.User, a)
}

// SetLive turns story id's live coverage on or off.
func (s *Service) SetLive(ctx context.Context, actor news.Actor, id int64, on bool) (news.Live, error) {
	if _, err := s.coverable(ctx, actor, id); err != nil {
		return news.Live{}, err
	}
	return s.store.SetLive(ctx, actor, id, on)
}

// EndLive ends story id's coverage: its entries stay, with the time it
// ended.
func (s *Service) EndLive(ctx context.Context, actor news.Actor, id int64) (news.Live, error) {
	if _, err := s.coverable(ctx, actor, id); err != nil {
		return news.Live{}, err
	}
	return s.store.EndLive(ctx, actor, id)
}

// AddLiveEntry adds an entry to story id, published and live.
func (s *Service) AddLiveEntry(ctx context.Context, actor news.Actor, id int64, body string) (news.LiveEntry, error) {
	if _, err := s.coverable(ctx, actor, id); err != nil {
		return news.LiveEntry{}, err
	}
	clean, err := s.liveBody(body)
	if err != nil {
		return news.LiveEntry{}, err
	}
	return s.store.AddLiveEntry(ctx, actor, id, clean)
}

// EditLiveEntry replaces an entry's body.
func (s *Service) EditLiveEntry(ctx context.Context, actor news.Actor, id, entryID int64, body string) (news.LiveEntry, error) {
	if _, err := s.coverable(ctx, actor, id); err != nil {
		return news.LiveEntry{}, err
	}
	clean, err := s.liveBody(body)
	if err != nil {
		return news.LiveEntry{}, err
	}
	return s.store.UpdateLiveEntry(ctx, actor, id, entryID, clean)
}

// DeleteLiveEntry removes an entry.
func (s *Service) DeleteLiveEntry(ctx context.Context, actor news.Actor, id, entryID int64) error {
	if _, err := s.coverable(ctx, actor, id); err != nil {
		return err
	}
	return s.store.DeleteLiveEntry(ctx, actor, id, entryID)
}

// liveBody is an entry's body as stored: NFC, through the same
// allow-list as story bodies, and refused when too long or when nothing
// a reader would see is left (an entry of only a script).
func (s *Service) liveBody(body string) (string, error) {
	body = vietnamese.NFC(body)
	if n := utf8.RuneCountInString(body); n > MaxLiveEntry {
		return "", news.Errorf(news.Invalid, "Diễn biến dài %d ký tự, quá giới hạn %d ký tự; hãy tách thành nhiều diễn biến", n, MaxLiveEntry)
	}
	clean := strings.TrimSpace(s.policy.Body(body))
	if !shows(clean) {
		return "", news.Errorf(news.Invalid, "Vui lòng nhập nội dung diễn biến (chữ, ảnh hoặc video)")
	}
	return clean, nil
}

// shows reports whether sanitized HTML has something to see: text, a
// photo or an embedded video.
func shows(clean string) bool {
	if strings.Contains(clean, "<img") || strings.Contains(clean, "<iframe") {
		return true
	}
	return strings.TrimSpace(strings.ReplaceAll(store.PlainText(clean), "\u00a0", " ")) != ""
}
