package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

const topicColumns = `id, slug, title, intro, COALESCE(cover_image_id, 0), COALESCE(tag_id, 0), in_menu, position, active,
	created_at, updated_at, COALESCE(created_by, 0), COALESCE(updated_by, 0)`

func scanTopic(row rowScanner) (news.Topic, error) {
	var t news.Topic
	err := row.Scan(&t.ID, &t.Slug, &t.Title, &t.Intro, &t.CoverImageID, &t.TagID, &t.InMenu, &t.Position, &t.Active,
		&t.CreatedAt, &t.UpdatedAt, &t.CreatedBy, &t.UpdatedBy)
	t.CreatedAt, t.UpdatedAt = t.CreatedAt.UTC(), t.UpdatedAt.UTC()
	return t, err
}

// topicOrder is the menu's order, which the lists keep too: the topics
// going on first.
const topicOrder = ` ORDER BY active DESC, position, id`

// Topics lists every topic, those going on first, in the menu's order.
func (s *Store) Topics(ctx context.Context) ([]news.Topic, error) {
	return queryAll(ctx, s.read, scanTopic, "list topics", `SELECT `+topicColumns+` FROM topics`+topicOrder)
}

// ActiveTopics lists the topics going on ("Đang diễn ra"), for the
// reader's list of topics.
func (s *Store) ActiveTopics(ctx context.Context) ([]news.Topic, error) {
	return queryAll(ctx, s.read, scanTopic, "list active topics", `SELECT `+topicColumns+` FROM topics WHERE active = TRUE`+topicOrder)
}

// MenuTopics lists the topics the site's menu links to, in order, without
// their intros. Every reader's page shows them, so they are kept in memory
// until the menu changes (news.TopicChangeKeys announces SiteKey).
func (s *Store) MenuTopics(ctx context.Context) ([]news.Topic, error) {
	topics, err := s.chrome.menu.get(func() ([]news.Topic, error) {
		return queryAll(ctx, s.read, func(row rowScanner) (news.Topic, error) {
			t := news.Topic{InMenu: true}
			err := row.Scan(&t.ID, &t.Slug, &t.Title, &t.Position, &t.Active)
			return t, err
		}, "list menu topics", `SELECT id, slug, title, position, active FROM topics WHERE in_menu = TRUE ORDER BY position, id`)
	})
	return slices.Clone(topics), err
}

// Topic finds a topic by its id, with its pins.
func (s *Store) Topic(ctx context.Context, id int64) (news.Topic, error) {
	return s.findTopic(ctx, `id = $1`, id)
}

// TopicBySlug finds a topic by its address's slug, with its pins.
func (s *Store) TopicBySlug(ctx context.Context, slug string) (news.Topic, error) {
	return s.findTopic(ctx, `slug = $1`, slug)
}

func (s *Store) findTopic(ctx context.Context, where string, arg any) (news.Topic, error) {
	t, err := scanTopic(s.read.QueryRowContext(ctx, `SELECT `+topicColumns+` FROM topics WHERE `+where, arg))
	if errNoRows(err) {
		return t, errNoTopic
	}
	if err != nil {
		return t, fmt.Errorf("find topic %v: %w", arg, err)
	}
	t.PinnedIDs, err = topicPins(ctx, s.read, t.ID)
	return t, err
}

func topicPins(ctx context.Context, db querier, id int64) ([]int64, error) {
	return queryAll(ctx, db, func(row rowScanner) (int64, error) {
		var id int64
		err := row.Scan(&id)
		return id, err
	}, "list topic pins", `SELECT article_id FROM topic_pins WHERE topic_id = $1 ORDER BY position`, id)
}

var errNoTopic = news.Errorf(news.NotFound, "Không tìm thấy dòng sự kiện")

// SaveTopic creates the topic (ID 0) or replaces its fields and pins, and
// returns it as stored. The caller validates it and checks its cover
// (paper.Service); here, in the same transaction as the write, every pin
// must be a published story and the slug free, so a refused topic leaves
// nothing written.
func (s *Store) SaveTopic(ctx context.Context, by news.Actor, t news.Topic) (news.Topic, error) {
	t.Slug, t.Title, t.Intro = vietnamese.NFC(t.Slug), vietnamese.NFC(t.Title), vietnamese.NFC(t.Intro)
	if err := t.Validate(); err != nil {
		return news.Topic{}, err
	}
	err := s.change(ctx, by, "topic.save", func(x *tx, e *news.AuditEntry) error {
		var before *news.Topic
		t.UpdatedAt, t.UpdatedBy = x.now, by.User.ID
		if t.ID == 0 {
			t.CreatedAt, t.CreatedBy = x.now, by.User.ID
			err := x.QueryRowContext(ctx, `INSERT INTO topics (slug, title, intro, cover_image_id, tag_id, in_menu, position, active,
				created_at, updated_at, created_by, updated_by)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $10) RETURNING id`,
				t.Slug, t.Title, t.Intro, nullID(t.CoverImageID), nullID(t.TagID), t.InMenu, t.Position, t.Active,
				x.now, nullID(by.User.ID)).Scan(&t.ID)
			if err != nil {
				return s.topicError(t, err)
			}
		} else {
			old, err := scanTopic(x.QueryRowContext(ctx, `SELECT `+topicColumns+` FROM topics WHERE id = $1`, t.ID))
			if errNoRows(err) {
				return errNoTopic
			}
			if err != nil {
				return fmt.Errorf("read topic %d: %w", t.ID, err)
			}
			before, t.CreatedAt, t.CreatedBy = &old, old.CreatedAt, old.CreatedBy
			_, err = x.ExecContext(ctx, `UPDATE topics SET slug = $1, title = $2, intro = $3, cover_image_id = $4, tag_id = $5,
				in_menu = $6, position = $7, active = $8, updated_at = $9, updated_by = $10 WHERE id = $11`,
				t.Slug, t.Title, t.Intro, nullID(t.CoverImageID), nullID(t.TagID), t.InMenu, t.Position, t.Active,
				x.now, nullID(by.User.ID), t.ID)
			if err != nil {
				return s.topicError(t, err)
			}
			if _, err := x.ExecContext(ctx, `DELETE FROM topic_pins WHERE topic_id = $1`, t.ID); err != nil {
				return fmt.Errorf("clear topic pins: %w", err)
			}
		}
		if err := writeTopicPins(ctx, x, t); err != nil {
			return err
		}
		x.announce(news.TopicChangeKeys(t.ID, before, &t)...)
		e.ObjectType, e.ObjectID, e.Detail = "topic", t.ID, t.Title+" ("+t.Path()+")"
		return nil
	})
	if err != nil {
		return news.Topic{}, err
	}
	return t, nil
}

// writeTopicPins checks that each pin is a published story and writes it
// in order.
func writeTopicPins(ctx context.Context, x *tx, t news.Topic) error {
	for i, id := range t.PinnedIDs {
		var status string
		err := x.QueryRowContext(ctx, `SELECT status FROM articles WHERE id = $1`, id).Scan(&status)
		if errNoRows(err) {
			return news.Errorf(news.Invalid, "Không có bài số %d để ghim", id)
		}
		if err != nil {
			return fmt.Errorf("read pinned article %d: %w", id, err)
		}
		if news.Status(status) != news.Published {
			return news.Errorf(news.Invalid, "Bài số %d chưa đăng; chỉ ghim được bài đã đăng", id)
		}
		if _, err := x.ExecContext(ctx, `INSERT INTO topic_pins (topic_id, article_id, position) VALUES ($1, $2, $3)`, t.ID, id, i); err != nil {
			return fmt.Errorf("pin article %d: %w", id, err)
		}
	}
	return nil
}

// DeleteTopic removes a topic and its pins; its address answers 404 from
// then on.
func (s *Store) DeleteTopic(ctx context.Context, by news.Actor, id int64) error {
	return s.change(ctx, by, "topic.delete", func(x *tx, e *news.AuditEntry) error {
		t, err := scanTopic(x.QueryRowContext(ctx, `DELETE FROM topics WHERE id = $1 RETURNING `+topicColumns, id))
		if errNoRows(err) {
			return errNoTopic
		}
		if err != nil {
			return fmt.Errorf("delete topic %d: %w", id, err)
		}
		x.announce(news.TopicChangeKeys(id, &t, nil)...)
		e.ObjectType, e.ObjectID, e.Detail = "topic", id, t.Title+" ("+t.Path()+")"
		return nil
	})
}

func (s *Store) topicError(t news.Topic, err error) error {
	if s.dialect.uniqueViolation(err) {
		return news.Errorf(news.Conflict, "Đường dẫn %q đã được dùng cho một dòng sự kiện khác", t.Path())
	}
	return fmt.Errorf("save topic: %w", err)
}

// TopicStories are what a topic's page lists: its pinned stories that are
// published, in the editors' order, then one page (limit, offset) of its
// tag's published stories newest first without the pinned ones, and how
// many of those there are in all. A topic without a tag has only its
// pins.
func (s *Store) TopicStories(ctx context.Context, t news.Topic, limit, offset int) (pinned, rest []news.Article, total int, err error) {
	if len(t.PinnedIDs) > 0 {
		found, err := s.PublishedArticles(ctx, ArticleFilter{IDs: t.PinnedIDs, Limit: len(t.PinnedIDs)})
		if err != nil {
			return nil, nil, 0, err
		}
		for _, id := range t.PinnedIDs {
			if i := slices.IndexFunc(found, func(a news.Article) bool { return a.ID == id }); i >= 0 {
				pinned = append(pinned, found[i])
			}
		}
	}
	if t.TagID == 0 {
		return pinned, nil, 0, nil
	}
	f := ArticleFilter{TagID: t.TagID, ExcludeIDs: t.PinnedIDs}
	if total, err = s.CountPublished(ctx, f); err != nil {
		return nil, nil, 0, err
	}
	f.Limit, f.Offset = limit, offset
	rest, err = s.PublishedArticles(ctx, f)
	return pinned, rest, total, err
}

// TagBySlug finds a tag by its slug, for the topic form, where editors
// name the tag rather than number it.
func (s *Store) TagBySlug(ctx context.Context, slug string) (news.Tag, error) {
	var t news.Tag
	err := s.read.QueryRowContext(ctx, `SELECT id, slug, name FROM tags WHERE slug = $1`, slug).Scan(&t.ID, &t.Slug, &t.Name)
	if errNoRows(err) {
		return t, news.Errorf(news.NotFound, "Không tìm thấy thẻ %q", slug)
	}
	if err != nil {
		return t, fmt.Errorf("find tag %q: %w", slug, err)
	}
	return t, nil
}
