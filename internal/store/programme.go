package store

import (
	"context"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

const programmeColumns = `id, slug, title, description, COALESCE(cover_image_id, 0), author, category, explicit, language,
	position, created_at, updated_at`

func scanProgramme(row rowScanner) (news.Programme, error) {
	var p news.Programme
	err := row.Scan(&p.ID, &p.Slug, &p.Title, &p.Description, &p.CoverImageID, &p.Author, &p.Category, &p.Explicit,
		&p.Language, &p.Position, &p.CreatedAt, &p.UpdatedAt)
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, err
}

var errNoProgramme = news.Errorf(news.NotFound, "Không tìm thấy chương trình phát thanh")

// Programmes lists every radio programme in the newsroom's order.
func (s *Store) Programmes(ctx context.Context) ([]news.Programme, error) {
	return queryAll(ctx, s.read, scanProgramme, "list programmes", `SELECT `+programmeColumns+` FROM programmes ORDER BY position, id`)
}

// Programme finds a programme by its id.
func (s *Store) Programme(ctx context.Context, id int64) (news.Programme, error) {
	return s.findProgramme(ctx, `id = $1`, id)
}

// ProgrammeBySlug finds a programme by its address's slug.
func (s *Store) ProgrammeBySlug(ctx context.Context, slug string) (news.Programme, error) {
	return s.findProgramme(ctx, `slug = $1`, slug)
}

func (s *Store) findProgramme(ctx context.Context, where string, arg any) (news.Programme, error) {
	p, err := scanProgramme(s.read.QueryRowContext(ctx, `SELECT `+programmeColumns+` FROM programmes WHERE `+where, arg))
	if errNoRows(err) {
		return p, errNoProgramme
	}
	if err != nil {
		return p, fmt.Errorf("find programme %v: %w", arg, err)
	}
	return p, nil
}

// SaveProgramme creates the programme (ID 0) or replaces its fields, and
// returns it as stored. The caller checks its cover (paper.Service); the
// slug's uniqueness is the table's, so a taken slug writes nothing.
func (s *Store) SaveProgramme(ctx context.Context, by news.Actor, p news.Programme) (news.Programme, error) {
	p.Slug, p.Title, p.Description, p.Author = vietnamese.NFC(p.Slug), vietnamese.NFC(p.Title), vietnamese.NFC(p.Description), vietnamese.NFC(p.Author)
	if err := p.Validate(); err != nil {
		return news.Programme{}, err
	}
	err := s.change(ctx, by, "programme.save", func(x *tx, e *news.AuditEntry) error {
		p.UpdatedAt = x.now
		if p.ID == 0 {
			p.CreatedAt = x.now
			err := x.QueryRowContext(ctx, `INSERT INTO programmes (slug, title, description, cover_image_id, author, category,
				explicit, language, position, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
				p.Slug, p.Title, p.Description, nullID(p.CoverImageID), p.Author, p.Category, p.Explicit, p.Language, p.Position,
				x.now).Scan(&p.ID)
			if err != nil {
				return s.programmeError(p, err)
			}
		} else {
			err := x.QueryRowContext(ctx, `UPDATE programmes SET slug = $1, title = $2, description = $3, cover_image_id = $4,
				author = $5, category = $6, explicit = $7, language = $8, position = $9, updated_at = $10 WHERE id = $11
				RETURNING created_at`,
				p.Slug, p.Title, p.Description, nullID(p.CoverImageID), p.Author, p.Category, p.Explicit, p.Language, p.Position,
				x.now, p.ID).Scan(&p.CreatedAt)
			if errNoRows(err) {
				return errNoProgramme
			}
			if err != nil {
				return s.programmeError(p, err)
			}
			p.CreatedAt = p.CreatedAt.UTC()
		}
		if err := x.announceProgramme(ctx, p.ID); err != nil {
			return err
		}
		e.ObjectType, e.ObjectID, e.Detail = "programme", p.ID, p.Title+" ("+p.Path()+")"
		return nil
	})
	if err != nil {
		return news.Programme{}, err
	}
	return p, nil
}

// DeleteProgramme removes a programme; its stories keep their audio and
// leave it, and its page and feed answer 404 from then on.
func (s *Store) DeleteProgramme(ctx context.Context, by news.Actor, id int64) error {
	return s.change(ctx, by, "programme.delete", func(x *tx, e *news.AuditEntry) error {
		if err := x.announceProgramme(ctx, id); err != nil {
			return err
		}
		p, err := scanProgramme(x.QueryRowContext(ctx, `DELETE FROM programmes WHERE id = $1 RETURNING `+programmeColumns, id))
		if errNoRows(err) {
			return errNoProgramme
		}
		if err != nil {
			return fmt.Errorf("delete programme %d: %w", id, err)
		}
		e.ObjectType, e.ObjectID, e.Detail = "programme", id, p.Title+" ("+p.Path()+")"
		return nil
	})
}

// announceProgramme reports the programme's page, feed and list, and the
// pages of its stories, which name it beside their player.
func (x *tx) announceProgramme(ctx context.Context, id int64) error {
	rows, err := x.QueryContext(ctx, `SELECT article_id FROM article_audio WHERE programme_id = $1`, id)
	if err != nil {
		return fmt.Errorf("programme %d stories: %w", id, err)
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return fmt.Errorf("programme %d stories: %w", id, err)
	}
	x.announce(news.ProgrammeKey(id), news.ProgrammesKey)
	for _, a := range ids {
		x.announce(news.ArticleKey(a))
	}
	return nil
}

func (s *Store) programmeError(p news.Programme, err error) error {
	if s.dialect.uniqueViolation(err) {
		return news.Errorf(news.Conflict, "Đường dẫn %q đã được dùng cho một chương trình khác", p.Path())
	}
	return fmt.Errorf("save programme: %w", err)
}

// episodesFrom selects a programme's episodes: its published stories
// whose audio is a ready audio item.
const episodesFrom = ` FROM article_audio aa
	JOIN articles a ON a.id = aa.article_id AND a.status = $2
	JOIN media_items m ON m.id = aa.media_item_id AND m.kind = $3 AND m.ready_at IS NOT NULL
	WHERE aa.programme_id = $1`

// Episodes is one page (limit, offset) of a programme's episodes, newest
// first, and how many it has in all.
func (s *Store) Episodes(ctx context.Context, programmeID int64, limit, offset int) ([]news.Episode, int, error) {
	var total int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*)`+episodesFrom, programmeID, string(news.Published), string(news.AudioMedia)).Scan(&total)
	if err != nil {
		return nil, 0, fmt.Errorf("count episodes: %w", err)
	}
	type pair struct{ article, audio int64 }
	pairs, err := queryAll(ctx, s.read, func(row rowScanner) (pair, error) {
		var p pair
		err := row.Scan(&p.article, &p.audio)
		return p, err
	}, "list episodes", `SELECT a.id, m.id`+episodesFrom+` ORDER BY a.published_at DESC, a.id DESC LIMIT $4 OFFSET $5`,
		programmeID, string(news.Published), string(news.AudioMedia), limit, max(offset, 0))
	if err != nil {
		return nil, 0, err
	}
	ids := make([]int64, len(pairs))
	for i, p := range pairs {
		ids[i] = p.article
	}
	stories, err := s.publishedInOrder(ctx, ArticleFilter{IDs: ids})
	if err != nil {
		return nil, 0, err
	}
	episodes := make([]news.Episode, 0, len(pairs))
	for i, p := range pairs {
		if stories[i].ID == 0 { // taken down between the two reads
			continue
		}
		audio, err := s.MediaItem(ctx, p.audio)
		if err != nil {
			return nil, 0, err
		}
		episodes = append(episodes, news.Episode{Article: stories[i], Audio: audio})
	}
	return episodes, total, nil
}

// writeArticleAudio replaces a's audio version and programme: the
// editorial service has checked that they exist and the audio is ready.
func writeArticleAudio(ctx context.Context, tx execQuerier, a *news.Article) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_audio WHERE article_id = $1`, a.ID); err != nil {
		return fmt.Errorf("clear article audio: %w", err)
	}
	if a.AudioMediaID == 0 && a.ProgrammeID == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO article_audio (article_id, media_item_id, programme_id) VALUES ($1, $2, $3)`,
		a.ID, nullID(a.AudioMediaID), nullID(a.ProgrammeID)); err != nil {
		return fmt.Errorf("write article audio: %w", err)
	}
	return nil
}
