package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
)

// UpdateArticle saves a's text on top of revision base, as kind (a save
// or a restore). If someone saved since base, nothing is written and the
// error is a Conflict: the caller keeps the refused text with
// SaveConflict. A saved article gets the next revision number, its
// snapshot and its audit entry, and is returned as saved.
func (s *Store) UpdateArticle(ctx context.Context, by news.Actor, a news.Article, base int, kind news.RevisionKind) (news.Article, error) {
	normalizeArticle(&a)
	var after news.Article
	err := s.change(ctx, by, "article."+string(kind), func(t *tx, e *news.AuditEntry) error {
		before, err := readArticle(ctx, t.Tx, a.ID)
		if err != nil {
			return err
		}
		err = t.QueryRowContext(ctx, `UPDATE articles SET slug = $1, title = $2, lead = $3, body = $4, section_id = $5,
				featured = $6, cover_image_id = $7, seo_title = $8, seo_description = $9, embargo_until = $10,
				modified_at = $11, updated_at = $12, byline_credit = $13, correction_note = $14, corrected_at = $15,
				revision = revision + 1
			WHERE id = $16 AND revision = $17 RETURNING revision`,
			a.Slug, a.Title, a.Lead, a.Body, a.SectionID, a.Featured, nullID(a.CoverImageID), a.SEOTitle, a.SEODescription,
			nullTime(a.EmbargoUntil), nullTime(a.ModifiedAt), t.now, a.Credit, a.Correction, nullTime(a.CorrectedAt),
			a.ID, base).Scan(&a.Revision)
		if errNoRows(err) {
			return news.Errorf(news.Conflict, "Bài đã được người khác lưu trong lúc bạn sửa")
		}
		if err != nil {
			return fmt.Errorf("update article: %w", err)
		}
		if err := writeArticleLinks(ctx, t.Tx, &a); err != nil {
			return err
		}
		if err := s.indexArticle(ctx, t.Tx, a); err != nil {
			return err
		}
		if err := snapshot(ctx, t, a.ID, by, kind, ""); err != nil {
			return err
		}
		if after, err = readArticle(ctx, t.Tx, a.ID); err != nil {
			return err
		}
		if by.User.ID != 0 {
			if _, err := t.ExecContext(ctx, `DELETE FROM autosaves WHERE article_id = $1 AND user_id = $2`, a.ID, by.User.ID); err != nil {
				return fmt.Errorf("drop autosave: %w", err)
			}
		}
		t.announce(news.StoryChangeKeys(before, after)...)
		e.ObjectType, e.ObjectID, e.Detail = "article", a.ID, fmt.Sprintf("phiên bản %d", a.Revision)
		if a.Correction != before.Correction {
			e.Detail += "; ghi chú đính chính: " + news.Clip(a.Correction, 200)
			if a.Correction == "" {
				e.Detail += "(bỏ)"
			}
		}
		return nil
	})
	return after, err
}

// SaveConflict keeps text whose save was refused, as a revision numbered
// 0 that the editor can open and compare: nothing typed is ever lost. It
// returns the revision's id.
func (s *Store) SaveConflict(ctx context.Context, by news.Actor, a news.Article, note string) (int64, error) {
	normalizeArticle(&a)
	var id int64
	tags := make([]string, len(a.Tags))
	for i, t := range a.Tags {
		tags[i] = t.Name
	}
	err := s.change(ctx, by, "article.conflict", func(t *tx, e *news.AuditEntry) error {
		e.ObjectType, e.ObjectID, e.Detail = "article", a.ID, note
		return t.QueryRowContext(ctx, `INSERT INTO revisions (article_id, number, kind, status, note, user_id, title, lead, body, section_id, tags, created_at,
				main_media_id, audio_media_id, programme_id)
			SELECT id, 0, $1, status, $2, $3, $4, $5, $6, $7, $8, $9, $11, $12, $13 FROM articles WHERE id = $10 RETURNING id`,
			string(news.RevisionConflict), note, nullID(by.User.ID), a.Title, a.Lead, a.Body, a.SectionID, strings.Join(tags, ", "), t.now, a.ID,
			nullID(a.MainMediaID), nullID(a.AudioMediaID), nullID(a.ProgrammeID)).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("keep refused text: %w", err)
	}
	return id, nil
}

// snapshot records the article as it now stands as a revision.
func snapshot(ctx context.Context, t *tx, articleID int64, by news.Actor, kind news.RevisionKind, note string) error {
	rows, err := t.QueryContext(ctx, `SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = $1 ORDER BY t.name`, articleID)
	if err != nil {
		return fmt.Errorf("snapshot tags: %w", err)
	}
	tags, err := scanStrings(rows)
	if err != nil {
		return fmt.Errorf("snapshot tags: %w", err)
	}
	_, err = t.ExecContext(ctx, `INSERT INTO revisions (article_id, number, kind, status, note, user_id, title, lead, body, section_id, tags, created_at,
			main_media_id, audio_media_id, programme_id)
		SELECT a.id, a.revision, $1, a.status, $2, $3, a.title, a.lead, a.body, a.section_id, $4, $5,
			a.main_media_id, aa.media_item_id, aa.programme_id
		FROM articles a LEFT JOIN article_audio aa ON aa.article_id = a.id WHERE a.id = $6`,
		string(kind), note, nullID(by.User.ID), strings.Join(tags, ", "), t.now, articleID)
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	return nil
}

// scanStrings reads a column of text and closes rows.
func scanStrings(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

const revisionColumns = `r.id, r.article_id, r.number, r.kind, r.status, r.note, COALESCE(r.user_id, 0), COALESCE(u.name, ''),
	r.title, r.lead, r.body, r.section_id, r.tags, r.created_at, COALESCE(r.main_media_id, 0), COALESCE(r.audio_media_id, 0),
	COALESCE(r.programme_id, 0)`

func scanRevision(row rowScanner) (news.Revision, error) {
	var r news.Revision
	var kind, status string
	err := row.Scan(&r.ID, &r.ArticleID, &r.Number, &kind, &status, &r.Note, &r.UserID, &r.UserName,
		&r.Title, &r.Lead, &r.Body, &r.SectionID, &r.Tags, &r.CreatedAt, &r.MainMediaID, &r.AudioMediaID, &r.ProgrammeID)
	r.Kind, r.Status, r.CreatedAt = news.RevisionKind(kind), news.Status(status), r.CreatedAt.UTC()
	return r, err
}

// Revisions lists an article's revisions, newest first, with bodies.
func (s *Store) Revisions(ctx context.Context, articleID int64) ([]news.Revision, error) {
	return queryAll(ctx, s.read, scanRevision, "list revisions", `SELECT `+revisionColumns+` FROM revisions r LEFT JOIN users u ON u.id = r.user_id
		WHERE r.article_id = $1 ORDER BY r.id DESC`, articleID)
}

// Revision reads one revision of an article by its id.
func (s *Store) Revision(ctx context.Context, articleID, id int64) (news.Revision, error) {
	r, err := scanRevision(s.read.QueryRowContext(ctx, `SELECT `+revisionColumns+` FROM revisions r LEFT JOIN users u ON u.id = r.user_id
		WHERE r.article_id = $1 AND r.id = $2`, articleID, id))
	if errNoRows(err) {
		return r, news.Errorf(news.NotFound, "Không tìm thấy phiên bản")
	}
	if err != nil {
		return r, fmt.Errorf("read revision: %w", err)
	}
	return r, nil
}
