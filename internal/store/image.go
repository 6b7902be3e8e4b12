package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

const imageColumns = `id, key, mime, width, height, bytes, caption, credit, alt, created_at, COALESCE(uploaded_by, 0)`

func scanImage(row rowScanner) (news.Image, error) {
	var im news.Image
	err := row.Scan(&im.ID, &im.Key, &im.MIME, &im.Width, &im.Height, &im.Bytes, &im.Caption, &im.Credit, &im.Alt, &im.Created, &im.UploadedBy)
	im.Created = im.Created.UTC()
	return im, err
}

// CreateImage records a stored photo with its audit entry and returns the
// row as stored, its uploader the actor's member. A file already recorded
// under the same key (the same bytes) returns the existing row, its
// caption untouched; sent by another member, it becomes shared, since
// both have it.
func (s *Store) CreateImage(ctx context.Context, by news.Actor, im news.Image) (news.Image, error) {
	normalizeImage(&im)
	err := s.change(ctx, by, "media.upload", func(t *tx, e *news.AuditEntry) error {
		if im.Created.IsZero() {
			im.Created = t.now
		}
		err := t.QueryRowContext(ctx, `INSERT INTO images (key, mime, width, height, bytes, caption, credit, alt, created_at, search_text, uploaded_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
			ON CONFLICT (key) DO UPDATE SET uploaded_by = CASE WHEN images.uploaded_by = excluded.uploaded_by THEN images.uploaded_by END
			RETURNING id`,
			im.Key, im.MIME, im.Width, im.Height, im.Bytes, im.Caption, im.Credit, im.Alt, im.Created.UTC(), imageSearchText(im),
			nullID(by.User.ID)).Scan(&im.ID)
		if err != nil {
			return err
		}
		e.ObjectType, e.ObjectID, e.Detail = "image", im.ID, im.Key
		im, err = scanImage(t.QueryRowContext(ctx, `SELECT `+imageColumns+` FROM images WHERE id = $1`, im.ID))
		return err
	})
	if err != nil {
		return im, fmt.Errorf("create image: %w", err)
	}
	return im, nil
}

// Image finds a photo by id.
func (s *Store) Image(ctx context.Context, id int64) (news.Image, error) {
	im, err := scanImage(s.read.QueryRowContext(ctx, `SELECT `+imageColumns+` FROM images WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return im, news.Errorf(news.NotFound, "Không tìm thấy ảnh")
	}
	if err != nil {
		return im, fmt.Errorf("find image %d: %w", id, err)
	}
	return im, nil
}

func imageSearchText(im news.Image) string {
	return vietnamese.Fold(im.Caption + " " + im.Credit + " " + im.Alt)
}

// UpdateImage changes a photo's caption, credit and alt text, and
// announces the published stories whose cover it is and the
// announcements that show it.
func (s *Store) UpdateImage(ctx context.Context, by news.Actor, im news.Image) error {
	normalizeImage(&im)
	return s.change(ctx, by, "media.update", func(t *tx, e *news.AuditEntry) error {
		res, err := t.ExecContext(ctx, `UPDATE images SET caption = $1, credit = $2, alt = $3, search_text = $4 WHERE id = $5`,
			im.Caption, im.Credit, im.Alt, imageSearchText(im), im.ID)
		if err != nil {
			return fmt.Errorf("update image: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return news.Errorf(news.NotFound, "Không tìm thấy ảnh")
		}
		e.ObjectType, e.ObjectID = "image", im.ID
		return announceImage(ctx, t, im.ID)
	})
}

// announceImage announces the published articles whose cover is the
// image, and the announcements when one shows it.
func announceImage(ctx context.Context, t *tx, id int64) error {
	var inPopup int
	if err := t.QueryRowContext(ctx, `SELECT COUNT(*) FROM popups WHERE image_id = $1`, id).Scan(&inPopup); err != nil {
		return fmt.Errorf("image in popups: %w", err)
	}
	if inPopup > 0 {
		t.announce(news.PopupsKey)
	}
	rows, err := t.QueryContext(ctx, `SELECT id FROM articles WHERE cover_image_id = $1 AND status = $2`, id, string(news.Published))
	if err != nil {
		return fmt.Errorf("image in articles: %w", err)
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return fmt.Errorf("image in articles: %w", err)
	}
	for _, a := range ids {
		t.announce(news.CorrectionKeys(a)...)
	}
	return nil
}

// ImageFilter picks photos of the media library.
type ImageFilter struct {
	Query string // words of the caption, credit or alt text, with or without diacritics
	// VisibleTo, when not 0, keeps the photos that member may pick
	// (news.CanUseImage): their own, the shared ones and those a
	// published story shows.
	VisibleTo     int64
	Limit, Offset int
}

// Images lists the media library, newest first.
func (s *Store) Images(ctx context.Context, f ImageFilter) ([]news.Image, error) {
	var a args
	where := "1 = 1"
	for _, word := range strings.Fields(vietnamese.Fold(f.Query)) {
		where += " AND search_text LIKE " + a.add("%"+escapeLike(word)+"%") + ` ESCAPE '\'`
	}
	if f.VisibleTo != 0 {
		where += ` AND (uploaded_by IS NULL OR uploaded_by = ` + a.add(f.VisibleTo) + ` OR EXISTS (SELECT 1 FROM article_images ai
			JOIN articles ar ON ar.id = ai.article_id WHERE ai.image_id = images.id AND ar.status = 'published'))`
	}
	return queryAll(ctx, s.read, scanImage, "list images", `SELECT `+imageColumns+` FROM images WHERE `+where+
		` ORDER BY id DESC LIMIT `+a.add(max(min(f.Limit, 200), 1))+` OFFSET `+a.add(max(f.Offset, 0)), a...)
}

// escapeLike makes a search word match literally in LIKE.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

// writeArticleImages records the photos a's cover and body show, for
// ImageInUse: a photo a published story shows is the newsroom's to reuse.
func writeArticleImages(ctx context.Context, tx execQuerier, a *news.Article) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_images WHERE article_id = $1`, a.ID); err != nil {
		return fmt.Errorf("clear article photos: %w", err)
	}
	ids := news.BodyImageIDs(a.Body)
	if a.CoverImageID != 0 {
		ids = append(ids, a.CoverImageID)
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_images (article_id, image_id)
			SELECT $1, id FROM images WHERE id = $2 ON CONFLICT DO NOTHING`, a.ID, id); err != nil {
			return fmt.Errorf("add article photo %d: %w", id, err)
		}
	}
	return nil
}

// ImageUse says where a photo stands for someone choosing it: whether a
// published story shows it, and whether story articleID (0: none) does.
type ImageUse struct {
	Published bool
	InArticle bool
}

// ImageInUse tells whether a published story shows photo id, and whether
// story articleID already does.
func (s *Store) ImageInUse(ctx context.Context, id, articleID int64) (ImageUse, error) {
	var use ImageUse
	err := s.read.QueryRowContext(ctx, `SELECT
			EXISTS (SELECT 1 FROM article_images ai JOIN articles a ON a.id = ai.article_id
				WHERE ai.image_id = $1 AND a.status = 'published'),
			EXISTS (SELECT 1 FROM article_images WHERE image_id = $1 AND article_id = $2)`, id, articleID).
		Scan(&use.Published, &use.InArticle)
	if err != nil {
		return use, fmt.Errorf("photo %d in use: %w", id, err)
	}
	return use, nil
}
