package paper

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// TopicInput is a topic page ("Dòng sự kiện") as the newsroom's form or
// the API gives it; an empty slug is made from the title.
type TopicInput struct {
	ID            int64 // 0 for a new topic
	Title, Slug   string
	Intro         string // plain text
	CoverImageID  int64
	TagID         int64
	PinnedIDs     []int64
	InMenu        bool
	Active        bool
	Position      int
	PositionGiven bool // false: a new topic goes last, a changed one keeps its place
}

// SaveTopic creates (in.ID 0) or changes a topic on actor's authority.
func (s *Service) SaveTopic(ctx context.Context, actor news.Actor, in TopicInput) (news.Topic, error) {
	if err := actor.Require(news.ManageTopics); err != nil {
		return news.Topic{}, err
	}
	t := news.Topic{ID: in.ID, Title: strings.Join(strings.Fields(vietnamese.NFC(in.Title)), " "),
		Intro: strings.TrimSpace(strings.ReplaceAll(vietnamese.NFC(in.Intro), "\r\n", "\n")), CoverImageID: in.CoverImageID,
		TagID: in.TagID, PinnedIDs: in.PinnedIDs, InMenu: in.InMenu, Active: in.Active, Position: in.Position}
	t.Slug = vietnamese.Slug(in.Slug)
	if t.Slug == "" {
		t.Slug = vietnamese.Slug(t.Title)
	}
	if err := t.Validate(); err != nil {
		return t, err
	}
	if ReservedSlug(t.Slug) {
		return t, news.Errorf(news.Invalid, "Đường dẫn %q trùng với một trang của hệ thống; hãy chọn đường dẫn khác", t.Slug)
	}
	if t.CoverImageID < 0 || t.TagID < 0 {
		return t, news.Errorf(news.Invalid, "Ảnh bìa hoặc thẻ không hợp lệ")
	}
	if t.CoverImageID != 0 {
		if err := s.checkPhoto(ctx, actor, t.CoverImageID); err != nil {
			return t, err
		}
	}
	if t.TagID != 0 {
		if _, err := s.store.TagByID(ctx, t.TagID); err != nil {
			if news.ErrorCode(err) == news.NotFound {
				return t, news.Errorf(news.Invalid, "Thẻ số %d không tồn tại", t.TagID)
			}
			return t, err
		}
	}
	if !in.PositionGiven {
		var err error
		if t.Position, err = s.topicPosition(ctx, t.ID); err != nil {
			return t, err
		}
	}
	return s.store.SaveTopic(ctx, actor, t)
}

// topicPosition is where a topic whose form gave no place goes: a new
// topic after the others, a topic that exists where it is.
func (s *Service) topicPosition(ctx context.Context, id int64) (int, error) {
	if id != 0 {
		t, err := s.store.Topic(ctx, id)
		return t.Position, err
	}
	topics, err := s.store.Topics(ctx)
	if err != nil {
		return 0, err
	}
	last := -1
	for _, t := range topics {
		last = max(last, t.Position)
	}
	return min(last+1, news.MaxTopicPosition), nil
}

// DeleteTopic removes topic id on actor's authority.
func (s *Service) DeleteTopic(ctx context.Context, actor news.Actor, id int64) error {
	if err := actor.Require(news.ManageTopics); err != nil {
		return err
	}
	return s.store.DeleteTopic(ctx, actor, id)
}

// ParsePins reads the stories an editor pins, one a line: a story's
// number ("123") or its address, on the site or a full URL
// ("/bao-so-3-post123.html"). Empty lines are skipped; a line that names
// no story is refused with its text.
func ParsePins(text string) ([]int64, error) {
	var ids []int64
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		id, ok := pinID(line)
		if !ok {
			return nil, news.Errorf(news.Invalid, "Không hiểu dòng %q: hãy nhập số bài hoặc địa chỉ bài viết, mỗi dòng một bài", news.Clip(line, 60))
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// pinID is the story a line names: a number, or an address ending in
// "-post{id}.html".
func pinID(line string) (int64, bool) {
	if id, err := strconv.ParseInt(line, 10, 64); err == nil {
		return id, id > 0
	}
	path := line
	if u, err := url.Parse(line); err == nil && u.Path != "" {
		path = u.Path
	}
	name, ok := strings.CutSuffix(path, ".html")
	i := strings.LastIndex(name, "-post")
	if !ok || i < 0 {
		return 0, false
	}
	id, err := strconv.ParseInt(name[i+len("-post"):], 10, 64)
	return id, err == nil && id > 0
}
