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

// authorColumns read an author with their photo (images i, left joined).
const authorColumns = `au.id, au.slug, au.name, au.bio, COALESCE(au.photo_image_id, 0),
	COALESCE(i.key, ''), COALESCE(i.mime, ''), COALESCE(i.width, 0), COALESCE(i.height, 0), COALESCE(i.alt, '')`

const authorFrom = ` FROM authors au LEFT JOIN images i ON i.id = au.photo_image_id`

func scanAuthor(row rowScanner) (news.Author, error) {
	var a news.Author
	var im news.Image
	if err := row.Scan(&a.ID, &a.Slug, &a.Name, &a.Bio, &a.PhotoImageID, &im.Key, &im.MIME, &im.Width, &im.Height, &im.Alt); err != nil {
		return a, err
	}
	if a.PhotoImageID != 0 {
		im.ID = a.PhotoImageID
		a.Photo = &im
	}
	return a, nil
}

// AuthorBySlug finds a byline by its URL slug.
func (s *Store) AuthorBySlug(ctx context.Context, slug string) (news.Author, error) {
	return s.oneAuthor(ctx, `au.slug = $1`, slug)
}

// AuthorByID finds a byline by id.
func (s *Store) AuthorByID(ctx context.Context, id int64) (news.Author, error) {
	return s.oneAuthor(ctx, `au.id = $1`, id)
}

func (s *Store) oneAuthor(ctx context.Context, where string, arg any) (news.Author, error) {
	a, err := scanAuthor(s.read.QueryRowContext(ctx, `SELECT `+authorColumns+authorFrom+` WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return a, news.Errorf(news.NotFound, "Không tìm thấy tác giả")
	}
	if err != nil {
		return a, fmt.Errorf("find author %v: %w", arg, err)
	}
	return a, nil
}

// CreateAuthor adds a byline.
func (s *Store) CreateAuthor(ctx context.Context, by news.Actor, a news.Author) (news.Author, error) {
	return s.SaveAuthor(ctx, by, a, 0)
}

// SaveAuthor creates (a.ID 0) or changes a byline, and when userID is not
// 0 makes it the byline that member writes under, in one transaction.
// A changed byline changes every story it signs, whose pages depend on
// the author's key.
func (s *Store) SaveAuthor(ctx context.Context, by news.Actor, a news.Author, userID int64) (news.Author, error) {
	normalizeAuthor(&a)
	action := "author.create"
	if a.ID != 0 {
		action = "author.update"
	}
	err := s.change(ctx, by, action, func(t *tx, e *news.AuditEntry) error {
		e.ObjectType, e.Detail = "author", a.Name
		var err error
		if a.ID == 0 {
			err = t.QueryRowContext(ctx, `INSERT INTO authors (slug, name, bio, photo_image_id) VALUES ($1, $2, $3, $4) RETURNING id`,
				a.Slug, a.Name, a.Bio, nullID(a.PhotoImageID)).Scan(&a.ID)
		} else {
			err = s.updateAuthor(ctx, t, a, e)
		}
		if s.dialect.uniqueViolation(err) {
			return news.Errorf(news.Conflict, "Đường dẫn tác giả %q đã được dùng", a.Slug)
		}
		if err != nil {
			return err
		}
		e.ObjectID = a.ID
		if userID != 0 {
			if err := updateOneUser(ctx, t, `UPDATE users SET author_id = $1 WHERE id = $2`, a.ID, userID); err != nil {
				return err
			}
			e.Detail += fmt.Sprintf(" (bút danh của thành viên %d)", userID)
		}
		return nil
	})
	return a, err
}

func (s *Store) updateAuthor(ctx context.Context, t *tx, a news.Author, e *news.AuditEntry) error {
	var before string
	err := t.QueryRowContext(ctx, `SELECT slug FROM authors WHERE id = $1`, a.ID).Scan(&before)
	if errNoRows(err) {
		return news.Errorf(news.NotFound, "Không tìm thấy tác giả")
	}
	if err != nil {
		return fmt.Errorf("update author: %w", err)
	}
	if _, err = t.ExecContext(ctx, `UPDATE authors SET slug = $1, name = $2, bio = $3, photo_image_id = $4 WHERE id = $5`,
		a.Slug, a.Name, a.Bio, nullID(a.PhotoImageID), a.ID); err != nil {
		return err
	}
	if before != a.Slug {
		e.Detail += " (đường dẫn cũ " + before + ")"
	}
	t.announce(news.AuthorKey(a.ID)) // the author's page and every story page it signs
	return nil
}

// Authors lists every byline by name.
func (s *Store) Authors(ctx context.Context) ([]news.Author, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+authorColumns+authorFrom+` ORDER BY au.name, au.id`)
	if err != nil {
		return nil, fmt.Errorf("list authors: %w", err)
	}
	defer rows.Close()
	var out []news.Author
	for rows.Next() {
		a, err := scanAuthor(rows)
		if err != nil {
			return nil, fmt.Errorf("list authors: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// penName gives the member u their byline in t: their name, at the first
// free address made from it. Two members may share a name; their pen
// names then differ by address ("nguyen-thu-ha-2").
func (s *Store) penName(ctx context.Context, t *tx, u news.User) (int64, error) {
	a := news.Author{Name: u.Name, Slug: vietnamese.Slug(u.Name)}
	if a.Slug == "" {
		a.Slug = "tac-gia"
	}
	base := a.Slug
	for n := 2; ; n++ {
		var taken int
		if err := t.QueryRowContext(ctx, `SELECT COUNT(*) FROM authors WHERE slug = $1`, a.Slug).Scan(&taken); err != nil {
			return 0, fmt.Errorf("pen name: %w", err)
		}
		if taken == 0 {
			break
		}
		a.Slug = base + "-" + strconv.Itoa(n)
	}
	if err := t.QueryRowContext(ctx, `INSERT INTO authors (slug, name, bio) VALUES ($1, $2, '') RETURNING id`,
		a.Slug, a.Name).Scan(&a.ID); err != nil {
		return 0, fmt.Errorf("pen name: %w", err)
	}
	return a.ID, nil
}

// GivePenNames gives every member without a byline their pen name: the
// accounts made before every account had one. It returns how many it
// gave.
func (s *Store) GivePenNames(ctx context.Context) (int, error) {
	users, err := s.queryUsers(ctx, `SELECT `+userColumns+` FROM users WHERE author_id IS NULL ORDER BY id`)
	if err != nil {
		return 0, err
	}
	for _, u := range users {
		err := s.change(ctx, news.System(), "author.pen_name", func(t *tx, e *news.AuditEntry) error {
			id, err := s.penName(ctx, t, u)
			if err != nil {
				return err
			}
			if _, err := t.ExecContext(ctx, `UPDATE users SET author_id = $1 WHERE id = $2 AND author_id IS NULL`, id, u.ID); err != nil {
				return fmt.Errorf("pen name: %w", err)
			}
			e.ObjectType, e.ObjectID, e.Detail = "author", id, u.Name+" ("+u.Email+")"
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	return len(users), nil
}
