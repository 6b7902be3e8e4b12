package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
)

// AuthorBySlug finds a byline by its URL slug.
func (s *Store) AuthorBySlug(ctx context.Context, slug string) (news.Author, error) {
	var a news.Author
	err := s.read.QueryRowContext(ctx, `SELECT id, slug, name, bio FROM authors WHERE slug = $1`, slug).
		Scan(&a.ID, &a.Slug, &a.Name, &a.Bio)
	if errors.Is(err, sql.ErrNoRows) {
		return a, news.Errorf(news.NotFound, "Không tìm thấy tác giả")
	}
	if err != nil {
		return a, fmt.Errorf("find author %q: %w", slug, err)
	}
	return a, nil
}

// CreateAuthor adds a byline.
func (s *Store) CreateAuthor(ctx context.Context, by news.Actor, a news.Author) (news.Author, error) {
	normalizeAuthor(&a)
	err := s.change(ctx, by, "author.create", func(t *tx, e *news.AuditEntry) error {
		err := t.QueryRowContext(ctx, `INSERT INTO authors (slug, name, bio) VALUES ($1, $2, $3) RETURNING id`,
			a.Slug, a.Name, a.Bio).Scan(&a.ID)
		if s.dialect.uniqueViolation(err) {
			return news.Errorf(news.Conflict, "Đường dẫn tác giả %q đã được dùng", a.Slug)
		}
		if err != nil {
			return fmt.Errorf("create author: %w", err)
		}
		e.ObjectType, e.ObjectID, e.Detail = "author", a.ID, a.Name
		return nil
	})
	return a, err
}

// Authors lists every byline by name.
func (s *Store) Authors(ctx context.Context) ([]news.Author, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, slug, name, bio FROM authors ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list authors: %w", err)
	}
	defer rows.Close()
	var out []news.Author
	for rows.Next() {
		var a news.Author
		if err := rows.Scan(&a.ID, &a.Slug, &a.Name, &a.Bio); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
