package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

const pageColumns = `id, slug, title, body, position, show_in_footer, created_at, updated_at,
	COALESCE(created_by, 0), COALESCE(updated_by, 0)`

func scanPage(row rowScanner) (news.Page, error) {
	var p news.Page
	err := row.Scan(&p.ID, &p.Slug, &p.Title, &p.Body, &p.Position, &p.ShowInFooter, &p.CreatedAt, &p.UpdatedAt,
		&p.CreatedBy, &p.UpdatedBy)
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, err
}

// pageOrder is the footer's order, which the newsroom's list keeps too.
const pageOrder = ` ORDER BY position, id`

// Pages lists every page of the paper in the footer's order.
func (s *Store) Pages(ctx context.Context) ([]news.Page, error) {
	return queryAll(ctx, s.read, scanPage, "list pages", `SELECT `+pageColumns+` FROM pages`+pageOrder)
}

// FooterPages lists the pages the footer links to, in order, without
// their bodies. Every reader's page shows them, so they are kept in
// memory until the footer changes (news.PageChangeKeys announces SiteKey).
func (s *Store) FooterPages(ctx context.Context) ([]news.Page, error) {
	pages, err := s.chrome.footer.get(func() ([]news.Page, error) {
		return queryAll(ctx, s.read, func(row rowScanner) (news.Page, error) {
			p := news.Page{ShowInFooter: true}
			err := row.Scan(&p.ID, &p.Slug, &p.Title, &p.Position)
			return p, err
		}, "list footer pages", `SELECT id, slug, title, position FROM pages WHERE show_in_footer = TRUE`+pageOrder)
	})
	return slices.Clone(pages), err
}

// Page finds a page by its id.
func (s *Store) Page(ctx context.Context, id int64) (news.Page, error) {
	return s.findPage(ctx, `id = $1`, id)
}

// PageBySlug finds a page by its address's slug.
func (s *Store) PageBySlug(ctx context.Context, slug string) (news.Page, error) {
	return s.findPage(ctx, `slug = $1`, slug)
}

func (s *Store) findPage(ctx context.Context, where string, arg any) (news.Page, error) {
	p, err := scanPage(s.read.QueryRowContext(ctx, `SELECT `+pageColumns+` FROM pages WHERE `+where, arg))
	if errNoRows(err) {
		return p, errNoPage
	}
	if err != nil {
		return p, fmt.Errorf("find page %v: %w", arg, err)
	}
	return p, nil
}

var errNoPage = news.Errorf(news.NotFound, "Không tìm thấy trang")

// SavePage creates the page (ID 0) or replaces its slug, title, body and
// place in the footer, and returns it as stored. The caller validates and
// sanitizes the body (paper.Service); the database refuses a slug another
// page has.
func (s *Store) SavePage(ctx context.Context, by news.Actor, p news.Page) (news.Page, error) {
	normalizePage(&p)
	err := s.change(ctx, by, "page.save", func(t *tx, e *news.AuditEntry) error {
		var before *news.Page
		p.UpdatedAt, p.UpdatedBy = t.now, by.User.ID
		if p.ID == 0 {
			p.CreatedAt, p.CreatedBy = t.now, by.User.ID
			err := t.QueryRowContext(ctx, `INSERT INTO pages (slug, title, body, position, show_in_footer, created_at, updated_at, created_by, updated_by)
				VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $7) RETURNING id`,
				p.Slug, p.Title, p.Body, p.Position, p.ShowInFooter, t.now, nullID(by.User.ID)).Scan(&p.ID)
			if err != nil {
				return s.pageError(p, err)
			}
		} else {
			old, err := scanPage(t.QueryRowContext(ctx, `SELECT `+pageColumns+` FROM pages WHERE id = $1`, p.ID))
			if errNoRows(err) {
				return errNoPage
			}
			if err != nil {
				return fmt.Errorf("read page %d: %w", p.ID, err)
			}
			before, p.CreatedAt, p.CreatedBy = &old, old.CreatedAt, old.CreatedBy
			_, err = t.ExecContext(ctx, `UPDATE pages SET slug = $1, title = $2, body = $3, position = $4, show_in_footer = $5,
				updated_at = $6, updated_by = $7 WHERE id = $8`,
				p.Slug, p.Title, p.Body, p.Position, p.ShowInFooter, t.now, nullID(by.User.ID), p.ID)
			if err != nil {
				return s.pageError(p, err)
			}
		}
		t.announce(news.PageChangeKeys(p.ID, before, &p)...)
		e.ObjectType, e.ObjectID, e.Detail = "page", p.ID, p.Title+" ("+p.Path()+")"
		return nil
	})
	if err != nil {
		return news.Page{}, err
	}
	return p, nil
}

// DeletePage removes a page; its address answers 404 from then on.
func (s *Store) DeletePage(ctx context.Context, by news.Actor, id int64) error {
	return s.change(ctx, by, "page.delete", func(t *tx, e *news.AuditEntry) error {
		p, err := scanPage(t.QueryRowContext(ctx, `DELETE FROM pages WHERE id = $1 RETURNING `+pageColumns, id))
		if errNoRows(err) {
			return errNoPage
		}
		if err != nil {
			return fmt.Errorf("delete page %d: %w", id, err)
		}
		t.announce(news.PageChangeKeys(id, &p, nil)...)
		e.ObjectType, e.ObjectID, e.Detail = "page", id, p.Title+" ("+p.Path()+")"
		return nil
	})
}

// upsertPage writes p inside the caller's transaction (an import's): a new
// page, or the page that has p's slug already, whose fields it replaces;
// p.ID is set to the row's id. p is made NFC and checked (news.Page's
// Validate: a slug of an article's form is refused); its body must be
// sanitized already (richtext, as the importer does for stories). Times
// left zero become now; a page that exists keeps when and by whom it was
// made. The caller audits the change and announces news.PageKeys(*p).
func upsertPage(ctx context.Context, tx *sql.Tx, p *news.Page) error {
	normalizePage(p)
	if err := p.Validate(); err != nil {
		return err
	}
	if p.UpdatedAt.IsZero() {
		p.UpdatedAt = time.Now().UTC()
	}
	if p.CreatedAt.IsZero() {
		p.CreatedAt = p.UpdatedAt
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO pages (slug, title, body, position, show_in_footer, created_at, updated_at, created_by, updated_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (slug) DO UPDATE SET title = excluded.title, body = excluded.body, position = excluded.position,
			show_in_footer = excluded.show_in_footer, updated_at = excluded.updated_at, updated_by = excluded.updated_by
		RETURNING id`,
		p.Slug, p.Title, p.Body, p.Position, p.ShowInFooter, p.CreatedAt.UTC(), p.UpdatedAt.UTC(), nullID(p.CreatedBy), nullID(p.UpdatedBy)).Scan(&p.ID)
	if err != nil {
		return fmt.Errorf("import page %q: %w", p.Slug, err)
	}
	return nil
}

func (s *Store) pageError(p news.Page, err error) error {
	if s.dialect.uniqueViolation(err) {
		return news.Errorf(news.Conflict, "Đường dẫn %q đã được dùng cho một trang khác", p.Path())
	}
	return fmt.Errorf("save page: %w", err)
}
