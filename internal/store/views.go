package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// ViewCount is readers' views of one story within one hour, as a server
// counted them in memory.
type ViewCount struct {
	ArticleID int64
	Hour      time.Time // the hour's start, UTC
	N         int64
}

// AddViews adds counts to the stories' hourly totals in one transaction:
// bookkeeping, neither audited nor announced. Counts for stories deleted
// meanwhile are dropped.
func (s *Store) AddViews(ctx context.Context, counts []ViewCount) error {
	if len(counts) == 0 {
		return nil
	}
	return s.commit(ctx, func(t *tx) error {
		ids := make([]int64, 0, len(counts))
		for _, c := range counts {
			ids = append(ids, c.ArticleID)
		}
		slices.Sort(ids)
		live, err := t.existingArticles(ctx, slices.Compact(ids))
		if err != nil {
			return err
		}
		for _, c := range counts {
			if !live[c.ArticleID] || c.N <= 0 {
				continue
			}
			_, err := t.ExecContext(ctx, `INSERT INTO article_views (article_id, hour, views) VALUES ($1, $2, $3)
				ON CONFLICT (article_id, hour) DO UPDATE SET views = article_views.views + excluded.views`,
				c.ArticleID, c.Hour.UTC().Truncate(time.Hour), c.N)
			if err != nil {
				return fmt.Errorf("add views: %w", err)
			}
		}
		return nil
	})
}

// existingArticles reports which of ids (sorted, once each) are stories.
func (t *tx) existingArticles(ctx context.Context, ids []int64) (map[int64]bool, error) {
	live := make(map[int64]bool, len(ids))
	for chunk := range slices.Chunk(ids, 500) {
		var a args
		rows, err := t.QueryContext(ctx, `SELECT id FROM articles WHERE id IN (`+a.list(chunk)+`)`, a...)
		if err != nil {
			return nil, fmt.Errorf("add views: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("add views: %w", err)
			}
			live[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("add views: %w", err)
		}
	}
	return live, nil
}

// Ranked is a story of a most-read list with its views in the period.
type Ranked struct {
	news.Article
	Views int64
}

// MostRead lists the published stories most read since the given time,
// most views first (the newer story first on a tie), without bodies.
func (s *Store) MostRead(ctx context.Context, since time.Time, limit int) ([]Ranked, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT v.article_id, SUM(v.views) AS n
		FROM article_views v JOIN articles a ON a.id = v.article_id
		WHERE v.hour >= $1 AND a.status = $2
		GROUP BY v.article_id, a.published_at
		ORDER BY n DESC, a.published_at DESC, v.article_id DESC
		LIMIT $3`, since.UTC().Truncate(time.Hour), string(news.Published), limit)
	if err != nil {
		return nil, fmt.Errorf("most read: %w", err)
	}
	var ids []int64
	views := map[int64]int64{}
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("most read: %w", err)
		}
		ids = append(ids, id)
		views[id] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return nil, err
	}
	stories, err := s.PublishedArticles(ctx, ArticleFilter{IDs: ids, Limit: len(ids)})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]news.Article, len(stories))
	for _, a := range stories {
		byID[a.ID] = a
	}
	out := make([]Ranked, 0, len(ids))
	for _, id := range ids {
		if a, ok := byID[id]; ok {
			out = append(out, Ranked{Article: a, Views: views[id]})
		}
	}
	return out, nil
}

// StoryViews is what the newsroom reads of one story's readers.
type StoryViews struct {
	Today, Week, Total int64
}

// ViewsOf sums a story's views since the start of the paper's day (dayStart),
// over the last seven days before now, and in all.
func (s *Store) ViewsOf(ctx context.Context, id int64, dayStart, now time.Time) (StoryViews, error) {
	var v StoryViews
	err := s.read.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(CASE WHEN hour >= $2 THEN views END), 0),
		COALESCE(SUM(CASE WHEN hour >= $3 THEN views END), 0),
		COALESCE(SUM(views), 0)
		FROM article_views WHERE article_id = $1`,
		id, dayStart.UTC().Truncate(time.Hour), now.UTC().Add(-7*24*time.Hour).Truncate(time.Hour)).Scan(&v.Today, &v.Week, &v.Total)
	if err != nil {
		return v, fmt.Errorf("views of article %d: %w", id, err)
	}
	return v, nil
}

// IsPublished reports whether id is a published story: the one read a
// reader's view costs the database, after the counter's own checks.
func (s *Store) IsPublished(ctx context.Context, id int64) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles WHERE id = $1 AND status = $2`, id, string(news.Published)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("article %d: %w", id, err)
	}
	return n > 0, nil
}
