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

// Corrected lists the published stories that were corrected, their
// publication and correction times only, newest correction first, read
// from the partial index of corrected stories (articles_corrected): the
// sitemap index dates each month by them with one query, where one query
// per month read each month's stories.
func (s *Store) Corrected(ctx context.Context) ([]news.Article, error) {
	return queryAll(ctx, s.read, func(r rowScanner) (news.Article, error) {
		var a news.Article
		var published, modified sql.NullTime
		err := r.Scan(&a.ID, &published, &modified)
		a.PublishedAt, a.ModifiedAt = utc(published), utc(modified)
		return a, err
	}, "list corrected stories", `SELECT a.id, a.published_at, a.modified_at FROM articles a
		WHERE a.status = $1 AND a.modified_at IS NOT NULL ORDER BY a.modified_at DESC`, string(news.Published))
}
