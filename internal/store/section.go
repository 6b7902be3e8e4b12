package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/toasoan/toasoan/internal/news"
)

const sectionColumns = `id, slug, name, description, COALESCE(parent_id, 0), position`

func scanSection(row rowScanner) (news.Section, error) {
	var sec news.Section
	err := row.Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.Description, &sec.ParentID, &sec.Position)
	return sec, err
}

// Sections lists every section, parents before children, in display order.
func (s *Store) Sections(ctx context.Context) ([]news.Section, error) {
	secs, err := s.chrome.sections.get(func() ([]news.Section, error) { return s.readSections(ctx) })
	return slices.Clone(secs), err
}

func (s *Store) readSections(ctx context.Context) ([]news.Section, error) {
	return queryAll(ctx, s.read, scanSection, "list sections", `SELECT `+sectionColumns+` FROM sections ORDER BY COALESCE(parent_id, 0), position, id`)
}

// SectionBySlug finds a section by its URL slug.
func (s *Store) SectionBySlug(ctx context.Context, slug string) (news.Section, error) {
	sec, err := scanSection(s.read.QueryRowContext(ctx, `SELECT `+sectionColumns+` FROM sections WHERE slug = $1`, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return sec, news.Errorf(news.NotFound, "Không tìm thấy chuyên mục")
	}
	if err != nil {
		return sec, fmt.Errorf("find section %q: %w", slug, err)
	}
	return sec, nil
}

// CreateSection adds a section and returns it with its id.
func (s *Store) CreateSection(ctx context.Context, by news.Actor, sec news.Section) (news.Section, error) {
	normalizeSection(&sec)
	err := s.change(ctx, by, "section.save", func(t *tx, e *news.AuditEntry) error {
		err := t.QueryRowContext(ctx, `INSERT INTO sections (slug, name, description, parent_id, position)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			sec.Slug, sec.Name, sec.Description, nullID(sec.ParentID), sec.Position).Scan(&sec.ID)
		if err != nil {
			return s.sectionError(sec, err)
		}
		t.announce(news.SiteKey)
		e.ObjectType, e.ObjectID, e.Detail = "section", sec.ID, sec.Name
		return nil
	})
	return sec, err
}

// UpdateSection changes a section's name, slug, description, parent and
// position.
func (s *Store) UpdateSection(ctx context.Context, by news.Actor, sec news.Section) error {
	normalizeSection(&sec)
	return s.change(ctx, by, "section.save", func(t *tx, e *news.AuditEntry) error {
		res, err := t.ExecContext(ctx, `UPDATE sections SET slug = $1, name = $2, description = $3, parent_id = $4, position = $5 WHERE id = $6`,
			sec.Slug, sec.Name, sec.Description, nullID(sec.ParentID), sec.Position, sec.ID)
		if err != nil {
			return s.sectionError(sec, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return news.Errorf(news.NotFound, "Không tìm thấy chuyên mục")
		}
		t.announce(news.SiteKey, news.SectionKey(sec.ID))
		e.ObjectType, e.ObjectID, e.Detail = "section", sec.ID, sec.Name
		return nil
	})
}

func (s *Store) sectionError(sec news.Section, err error) error {
	if s.dialect.uniqueViolation(err) {
		return news.Errorf(news.Conflict, "Đường dẫn chuyên mục %q đã được dùng", sec.Slug)
	}
	return fmt.Errorf("save section: %w", err)
}
