package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
)

// The reads of an export (toasoan export wordpress): every article,
// photo, tag and comment of the paper, in pages by id, so an export of
// 100,000 stories holds one page in memory. Each page's links are read
// by an id range, not a list of ids, so the queries keep one text each
// (and their prepared statements on SQLite).

// ExportAuthor is a byline with the e-mail of the member who writes
// under it, if any.
type ExportAuthor struct {
	news.Author
	Email string
}

// ExportAuthors lists every byline with its member's e-mail.
func (s *Store) ExportAuthors(ctx context.Context) ([]ExportAuthor, error) {
	return queryAll(ctx, s.read, func(row rowScanner) (ExportAuthor, error) {
		var a ExportAuthor
		err := row.Scan(&a.ID, &a.Slug, &a.Name, &a.Bio, &a.Email)
		return a, err
	}, "export authors", `SELECT au.id, au.slug, au.name, au.bio,
		COALESCE((SELECT MIN(u.email) FROM users u WHERE u.author_id = au.id), '')
		FROM authors au ORDER BY au.id`)
}

// ExportTops returns the highest article and section ids: an export
// numbers its photos and tags after them, since WordPress keeps posts and
// attachments, categories and tags, in one numbering each.
func (s *Store) ExportTops(ctx context.Context) (article, section int64, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT COALESCE((SELECT MAX(id) FROM articles), 0),
		COALESCE((SELECT MAX(id) FROM sections), 0)`).Scan(&article, &section)
	if err != nil {
		return 0, 0, fmt.Errorf("export ids: %w", err)
	}
	return article, section, nil
}

// ExportTags reads up to limit tags with ids after after, by id.
func (s *Store) ExportTags(ctx context.Context, after int64, limit int) ([]news.Tag, error) {
	return queryAll(ctx, s.read, func(row rowScanner) (news.Tag, error) {
		var t news.Tag
		err := row.Scan(&t.ID, &t.Slug, &t.Name)
		return t, err
	}, "export tags", `SELECT id, slug, name FROM tags WHERE id > $1 ORDER BY id LIMIT $2`, after, limit)
}

// ExportImages reads up to limit photos with ids after after, by id.
func (s *Store) ExportImages(ctx context.Context, after int64, limit int) ([]news.Image, error) {
	return queryAll(ctx, s.read, scanImage, "export images",
		`SELECT `+imageColumns+` FROM images WHERE id > $1 ORDER BY id LIMIT $2`, after, limit)
}

// ExportArticles reads up to limit articles of every state with ids
// after after, by id, whole: body, credit line, bylines in order and tags.
func (s *Store) ExportArticles(ctx context.Context, after int64, limit int) ([]news.Article, error) {
	articles, err := queryAll(ctx, s.read, func(row rowScanner) (news.Article, error) {
		var body, credit string
		a, err := scanSummary(row, &body, &credit)
		a.Body, a.Credit = body, credit
		return a, err
	}, "export articles", `SELECT `+summaryColumns+`, a.body, a.byline_credit`+summaryFrom+
		` WHERE a.id > $1 ORDER BY a.id LIMIT $2`, after, limit)
	if err != nil || len(articles) == 0 {
		return articles, err
	}
	index := make(map[int64]*news.Article, len(articles))
	for i := range articles {
		index[articles[i].ID] = &articles[i]
	}
	last := articles[len(articles)-1].ID
	err = eachRow(ctx, s.read, "export bylines", func(rows *sql.Rows) error {
		var id int64
		var au news.Author
		if err := rows.Scan(&id, &au.ID, &au.Slug, &au.Name, &au.Bio); err != nil {
			return err
		}
		index[id].Authors = append(index[id].Authors, au)
		return nil
	}, `SELECT aa.article_id, au.id, au.slug, au.name, au.bio FROM article_authors aa
		JOIN authors au ON au.id = aa.author_id WHERE aa.article_id > $1 AND aa.article_id <= $2
		ORDER BY aa.article_id, aa.position`, after, last)
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, s.read, "export tags", func(rows *sql.Rows) error {
		var id int64
		var t news.Tag
		if err := rows.Scan(&id, &t.ID, &t.Slug, &t.Name); err != nil {
			return err
		}
		index[id].Tags = append(index[id].Tags, t)
		return nil
	}, `SELECT at.article_id, t.id, t.slug, t.name FROM article_tags at
		JOIN tags t ON t.id = at.tag_id WHERE at.article_id > $1 AND at.article_id <= $2
		ORDER BY at.article_id, t.name, t.id`, after, last)
	if err != nil {
		return nil, err
	}
	return articles, nil
}

// ExportComments reads the comments, of every state, of the articles
// with ids in (after, upTo], by article and then by id: a reply always
// comes after the comment it answers.
func (s *Store) ExportComments(ctx context.Context, after, upTo int64) ([]news.Comment, error) {
	return queryAll(ctx, s.read, scanComment, "export comments", `SELECT `+commentColumns+commentFrom+
		` WHERE c.article_id > $1 AND c.article_id <= $2 ORDER BY c.article_id, c.id`, after, upTo)
}

// eachRow runs query and hands each row to fn.
func eachRow(ctx context.Context, db querier, what string, fn func(*sql.Rows) error, query string, args ...any) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
