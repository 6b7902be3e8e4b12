package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Live coverage of a story: whether it is live, and its entries. Every
// change announces the story's key, so its cached page is dropped and
// readers who open it see the newest entries; readers who have it open
// fetch them (the public entries endpoint).

// Live is story id's coverage; the zero Live (StartedAt zero) when the
// story is not live.
func (s *Store) Live(ctx context.Context, id int64) (news.Live, error) {
	return readLive(ctx, s.read, id)
}

func readLive(ctx context.Context, db querier, id int64) (news.Live, error) {
	l := news.Live{ArticleID: id}
	var started, ended sql.NullTime
	err := db.QueryRowContext(ctx, `SELECT started_at, ended_at FROM live_stories WHERE article_id = $1`, id).Scan(&started, &ended)
	if errors.Is(err, sql.ErrNoRows) {
		return l, nil
	}
	if err != nil {
		return l, fmt.Errorf("read live coverage of %d: %w", id, err)
	}
	l.StartedAt, l.EndedAt = utc(started), utc(ended)
	return l, nil
}

// SetLive turns story id's live coverage on (or back on after it ended,
// keeping when it first started) or off: a story no longer live shows
// no entries, though they are kept for the day it is turned on again.
func (s *Store) SetLive(ctx context.Context, by news.Actor, id int64, on bool) (news.Live, error) {
	action := map[bool]string{true: "live.start", false: "live.stop"}[on]
	var l news.Live
	err := s.change(ctx, by, action, func(t *tx, e *news.AuditEntry) error {
		if err := storyExists(ctx, t, id); err != nil {
			return err
		}
		var err error
		if on {
			_, err = t.ExecContext(ctx, `INSERT INTO live_stories (article_id, started_at) VALUES ($1, $2)
				ON CONFLICT (article_id) DO UPDATE SET ended_at = NULL`, id, t.now)
		} else {
			_, err = t.ExecContext(ctx, `DELETE FROM live_stories WHERE article_id = $1`, id)
		}
		if err != nil {
			return fmt.Errorf("set live coverage of %d: %w", id, err)
		}
		e.ObjectType, e.ObjectID = "article", id
		t.announce(news.ArticleKey(id))
		l, err = readLive(ctx, t.Tx, id)
		return err
	})
	return l, err
}

// EndLive ends story id's coverage now; a coverage already ended keeps
// its end.
func (s *Store) EndLive(ctx context.Context, by news.Actor, id int64) (news.Live, error) {
	var l news.Live
	err := s.change(ctx, by, "live.end", func(t *tx, e *news.AuditEntry) error {
		var err error
		if l, err = readLive(ctx, t.Tx, id); err != nil {
			return err
		}
		if !l.On() {
			return news.Errorf(news.Conflict, "Bài không ở chế độ tường thuật trực tiếp nên không có gì để kết thúc")
		}
		if l.Running() {
			if _, err := t.ExecContext(ctx, `UPDATE live_stories SET ended_at = $2 WHERE article_id = $1`, id, t.now); err != nil {
				return fmt.Errorf("end live coverage of %d: %w", id, err)
			}
			l.EndedAt = t.now.UTC()
		}
		e.ObjectType, e.ObjectID = "article", id
		t.announce(news.ArticleKey(id))
		return nil
	})
	return l, err
}

// AddLiveEntry adds an entry to story id: checked inside the transaction
// (news.CanAddLiveEntry), so an entry never lands on a story taken down
// or a coverage ended a moment before.
func (s *Store) AddLiveEntry(ctx context.Context, by news.Actor, id int64, body string) (news.LiveEntry, error) {
	en := news.LiveEntry{ArticleID: id, Body: vietnamese.NFC(body), CreatedBy: by.User.ID}
	err := s.change(ctx, by, "live.entry.add", func(t *tx, e *news.AuditEntry) error {
		var status string
		err := t.QueryRowContext(ctx, `SELECT status FROM articles WHERE id = $1`, id).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return news.Errorf(news.NotFound, "Không tìm thấy bài viết")
		}
		if err != nil {
			return fmt.Errorf("read story %d: %w", id, err)
		}
		l, err := readLive(ctx, t.Tx, id)
		if err != nil {
			return err
		}
		if err := news.CanAddLiveEntry(news.Article{ID: id, Status: news.Status(status)}, l); err != nil {
			return err
		}
		en.CreatedAt, en.UpdatedAt = t.now.UTC(), t.now.UTC()
		if err := t.QueryRowContext(ctx, `INSERT INTO live_entries (article_id, body, created_at, created_by, updated_at)
			VALUES ($1, $2, $3, $4, $3) RETURNING id`, id, en.Body, t.now, nullID(en.CreatedBy)).Scan(&en.ID); err != nil {
			return fmt.Errorf("add live entry to %d: %w", id, err)
		}
		e.ObjectType, e.ObjectID, e.Detail = "article", id, entryDetail(en)
		t.announce(news.ArticleKey(id))
		return nil
	})
	return en, err
}

// UpdateLiveEntry replaces the body of entry entryID of story id.
func (s *Store) UpdateLiveEntry(ctx context.Context, by news.Actor, id, entryID int64, body string) (news.LiveEntry, error) {
	var en news.LiveEntry
	err := s.change(ctx, by, "live.entry.edit", func(t *tx, e *news.AuditEntry) error {
		res, err := t.ExecContext(ctx, `UPDATE live_entries SET body = $3, updated_at = $4 WHERE id = $2 AND article_id = $1`,
			id, entryID, vietnamese.NFC(body), t.now)
		if err != nil {
			return fmt.Errorf("edit live entry %d: %w", entryID, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errors.Join(err, errNoEntry)
		}
		if en, err = readLiveEntry(ctx, t.Tx, id, entryID); err != nil {
			return err
		}
		e.ObjectType, e.ObjectID, e.Detail = "article", id, entryDetail(en)
		t.announce(news.ArticleKey(id))
		return nil
	})
	return en, err
}

// DeleteLiveEntry removes entry entryID of story id; the audit entry
// keeps its words.
func (s *Store) DeleteLiveEntry(ctx context.Context, by news.Actor, id, entryID int64) error {
	return s.change(ctx, by, "live.entry.delete", func(t *tx, e *news.AuditEntry) error {
		en, err := readLiveEntry(ctx, t.Tx, id, entryID)
		if err != nil {
			return err
		}
		if _, err := t.ExecContext(ctx, `DELETE FROM live_entries WHERE id = $1`, entryID); err != nil {
			return fmt.Errorf("delete live entry %d: %w", entryID, err)
		}
		e.ObjectType, e.ObjectID, e.Detail = "article", id, entryDetail(en)
		t.announce(news.ArticleKey(id))
		return nil
	})
}

// LiveEntry is entry entryID of story id.
func (s *Store) LiveEntry(ctx context.Context, id, entryID int64) (news.LiveEntry, error) {
	return readLiveEntry(ctx, s.read, id, entryID)
}

// LiveEntries lists up to limit entries of story id newer than entry
// after (0: from the first), newest first.
func (s *Store) LiveEntries(ctx context.Context, id, after int64, limit int) ([]news.LiveEntry, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+entryColumns+` FROM live_entries
		WHERE article_id = $1 AND id > $2 ORDER BY id DESC LIMIT $3`, id, after, limit)
	if err != nil {
		return nil, fmt.Errorf("live entries of %d: %w", id, err)
	}
	defer rows.Close()
	var out []news.LiveEntry
	for rows.Next() {
		en, err := scanLiveEntry(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, en)
	}
	return out, rows.Err()
}

const entryColumns = `id, article_id, body, created_at, created_by, updated_at`

var errNoEntry = news.Errorf(news.NotFound, "Không tìm thấy diễn biến này của bài")

func readLiveEntry(ctx context.Context, db querier, id, entryID int64) (news.LiveEntry, error) {
	en, err := scanLiveEntry(db.QueryRowContext(ctx, `SELECT `+entryColumns+` FROM live_entries WHERE id = $2 AND article_id = $1`, id, entryID))
	if errors.Is(err, sql.ErrNoRows) {
		return en, errNoEntry
	}
	return en, err
}

func scanLiveEntry(row rowScanner) (news.LiveEntry, error) {
	var en news.LiveEntry
	var by sql.NullInt64
	if err := row.Scan(&en.ID, &en.ArticleID, &en.Body, &en.CreatedAt, &by, &en.UpdatedAt); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return en, err
		}
		return en, fmt.Errorf("scan live entry: %w", err)
	}
	en.CreatedBy, en.CreatedAt, en.UpdatedAt = by.Int64, en.CreatedAt.UTC(), en.UpdatedAt.UTC()
	return en, nil
}

// entryDetail is what the audit log keeps of an entry: its number and
// words, so a deleted entry can still be read there.
func entryDetail(en news.LiveEntry) string {
	return "Diễn biến số " + strconv.FormatInt(en.ID, 10) + ": " + en.Body
}

// storyExists fails with NotFound unless story id exists.
func storyExists(ctx context.Context, t *tx, id int64) error {
	var n int
	if err := t.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles WHERE id = $1`, id).Scan(&n); err != nil {
		return fmt.Errorf("find story %d: %w", id, err)
	}
	if n == 0 {
		return news.Errorf(news.NotFound, "Không tìm thấy bài viết")
	}
	return nil
}
