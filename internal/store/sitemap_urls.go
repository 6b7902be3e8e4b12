package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
)

// EachPublished calls fn with each story f selects, newest first, at
// most limit, holding only the columns a sitemap names (id, slug,
// publication and correction times). It reads them through one query, a
// row at a time: a month's sitemap then holds its XML, never the month's
// stories, and walks the date index once where pages of 200 by OFFSET
// walked it again for every page (a month of 50,000 stories read 6
// million rows). fn must not use the store: the query is still open.
func (s *Store) EachPublished(ctx context.Context, f ArticleFilter, limit int, fn func(news.Article) error) error {
	var a args
	rows, err := s.read.QueryContext(ctx, `SELECT a.id, a.slug, a.published_at, a.modified_at FROM articles a WHERE `+f.where(&a)+
		` ORDER BY a.published_at DESC, a.id DESC LIMIT `+a.add(limit), a...)
	if err != nil {
		return fmt.Errorf("list published stories: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var art news.Article
		var published, modified sql.NullTime
		if err := rows.Scan(&art.ID, &art.Slug, &published, &modified); err != nil {
			return fmt.Errorf("list published stories: %w", err)
		}
		art.PublishedAt, art.ModifiedAt = utc(published), utc(modified)
		if err := fn(art); err != nil {
			return err
		}
	}
	return rows.Err()
}
