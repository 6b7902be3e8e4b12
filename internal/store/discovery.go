package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// The queries feeds and sitemaps need beyond the reader's lists: bylines
// and photo sizes for many articles at once, so a feed of 50 items costs
// three queries instead of a hundred and fifty, and the latest change
// among a set of articles, for sitemaps' lastmod.

// Bylines reads the bylines of many articles at once, each article's in
// byline order; articles without a byline are absent from the map.
func (s *Store) Bylines(ctx context.Context, articleIDs []int64) (map[int64][]news.Author, error) {
	out := map[int64][]news.Author{}
	if len(articleIDs) == 0 {
		return out, nil
	}
	var a args
	rows, err := s.read.QueryContext(ctx, `SELECT aa.article_id, au.id, au.slug, au.name, au.bio FROM article_authors aa
		JOIN authors au ON au.id = aa.author_id WHERE aa.article_id IN (`+a.list(articleIDs)+`)
		ORDER BY aa.article_id, aa.position`, a...)
	if err != nil {
		return nil, fmt.Errorf("read bylines: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var au news.Author
		if err := rows.Scan(&id, &au.ID, &au.Slug, &au.Name, &au.Bio); err != nil {
			return nil, fmt.Errorf("read bylines: %w", err)
		}
		out[id] = append(out[id], au)
	}
	return out, rows.Err()
}

// ImagesByID reads many photos at once, whole (the lists' cover photos
// lack the file size a feed's enclosure needs); unknown ids are absent.
func (s *Store) ImagesByID(ctx context.Context, ids []int64) (map[int64]news.Image, error) {
	out := map[int64]news.Image{}
	if len(ids) == 0 {
		return out, nil
	}
	var a args
	rows, err := s.read.QueryContext(ctx, `SELECT `+imageColumns+` FROM images WHERE id IN (`+a.list(ids)+`)`, a...)
	if err != nil {
		return nil, fmt.Errorf("read images: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		im, err := scanImage(rows)
		if err != nil {
			return nil, fmt.Errorf("read images: %w", err)
		}
		out[im.ID] = im
	}
	return out, rows.Err()
}

// LastChange is the latest publication or correction among the articles f
// selects (published ones unless f says otherwise), the zero time when
// there are none. It ignores f's Limit and Offset.
//
// Each time comes from ORDER BY ... LIMIT 1 rather than MAX(): SQLite's
// aggregates forget the column's declared type and would hand back text.
// IS NOT NULL keeps PostgreSQL, which sorts NULLs first when descending,
// from answering with an article that was never published.
func (s *Store) LastChange(ctx context.Context, f ArticleFilter) (time.Time, error) {
	var latest time.Time
	for _, column := range []string{"a.published_at", "a.modified_at"} {
		var a args
		var t sql.NullTime
		err := s.read.QueryRowContext(ctx, `SELECT `+column+` FROM articles a WHERE `+f.where(&a)+
			` AND `+column+` IS NOT NULL ORDER BY `+column+` DESC LIMIT 1`, a...).Scan(&t)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return time.Time{}, fmt.Errorf("last change: %w", err)
		}
		if t.Valid && t.Time.After(latest) {
			latest = t.Time.UTC()
		}
	}
	return latest, nil
}
