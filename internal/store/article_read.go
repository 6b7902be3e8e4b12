package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// ArticleFilter selects published articles for the reader's lists. Zero
// fields do not filter.
type ArticleFilter struct {
	SectionIDs      []int64 // in any of these sections
	TagID           int64
	AuthorID        int64
	PublishedFrom   time.Time // published at or after
	PublishedBefore time.Time // published strictly before
	FeaturedOnly    bool
	ExcludeIDs      []int64
	IDs             []int64 // only these articles
	MainVideo       bool    // only video stories: a ready main video (/tv/)
	Limit           int     // default 20, at most 200
	Offset          int
	// TitlesOnly reads only what a list of titles shows ("Các tin đã
	// đưa", "Tin liên quan"): id, slug, title, section and publication
	// time, from the articles row alone. The whole summary's 29 columns,
	// two joins and six timestamps were most of an article page's reads.
	TitlesOnly bool

	// For the newsroom's lists: readers only ever see published articles.
	Status      news.Status // "" means published
	AllStatuses bool
	CreatedBy   int64
	ByUpdated   bool // newest change first instead of newest publication
	// Title keeps the articles whose title has a word starting with each
	// word of it, marks, đ and case ignored ("duong" finds "Đường");
	// text without a letter or digit finds nothing.
	Title         string
	CreatedFrom   time.Time // created at or after
	CreatedBefore time.Time // created strictly before
	// Reader, when set, keeps only the articles news.CanRead lets them
	// open, the same rule written in SQL.
	Reader *news.User
}

// args collects query parameters and hands out their $n placeholders.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

func (a *args) list(ids []int64) string {
	ph := make([]string, len(ids))
	for i, id := range ids {
		ph[i] = a.add(id)
	}
	return strings.Join(ph, ", ")
}

func (f ArticleFilter) where(a *args) string {
	var w []string
	switch {
	case f.AllStatuses:
		w = append(w, "1 = 1")
	case f.Status != "":
		w = append(w, "a.status = "+a.add(string(f.Status)))
	default:
		w = append(w, "a.status = "+a.add(string(news.Published)))
	}
	if f.CreatedBy != 0 {
		w = append(w, "a.created_by = "+a.add(f.CreatedBy))
	}
	if u := f.Reader; u != nil && !(u.HasAny(news.ManagingEditor, news.EditorInChief) && !u.Disabled) {
		// news.CanRead, as a condition: published for everyone; one's
		// own stories for those who may write; submitted copy of their
		// sections for editors.
		var may []string
		if !u.Disabled {
			may = append(may, "a.status = "+a.add(string(news.Published)))
		}
		if news.Can(*u, news.WriteArticles) && u.ID != 0 {
			may = append(may, "a.created_by = "+a.add(u.ID))
		}
		if u.Has(news.Editor) && !u.Disabled {
			submitted := "a.status <> " + a.add(string(news.Draft))
			if len(u.SectionIDs) > 0 {
				submitted += " AND a.section_id IN (" + a.list(u.SectionIDs) + ")"
			}
			may = append(may, "("+submitted+")")
		}
		if len(may) == 0 {
			may = append(may, "1 = 0")
		}
		w = append(w, "("+strings.Join(may, " OR ")+")")
	}
	if len(f.SectionIDs) > 0 {
		w = append(w, "a.section_id IN ("+a.list(f.SectionIDs)+")")
	}
	if f.TagID != 0 {
		w = append(w, "a.id IN (SELECT article_id FROM article_tags WHERE tag_id = "+a.add(f.TagID)+")")
	}
	if f.AuthorID != 0 {
		w = append(w, "a.id IN (SELECT article_id FROM article_authors WHERE author_id = "+a.add(f.AuthorID)+")")
	}
	if f.Title != "" {
		w = append(w, titleCondition(f.Title, a))
	}
	if !f.CreatedFrom.IsZero() {
		w = append(w, "a.created_at >= "+a.add(f.CreatedFrom.UTC()))
	}
	if !f.CreatedBefore.IsZero() {
		w = append(w, "a.created_at < "+a.add(f.CreatedBefore.UTC()))
	}
	if !f.PublishedFrom.IsZero() {
		w = append(w, "a.published_at >= "+a.add(f.PublishedFrom.UTC()))
	}
	if !f.PublishedBefore.IsZero() {
		w = append(w, "a.published_at < "+a.add(f.PublishedBefore.UTC()))
	}
	if f.FeaturedOnly {
		w = append(w, "a.featured = "+a.add(true))
	}
	if len(f.IDs) > 0 {
		w = append(w, "a.id IN ("+a.list(f.IDs)+")")
	}
	if f.MainVideo {
		// From the ready videos to their stories by articles_main_media:
		// on a.main_media_id SQLite walked every published story (1.7 s
		// for /tv/ at 100,000 stories with few videos; now 1 ms).
		w = append(w, "a.id IN (SELECT v.id FROM articles v WHERE v.main_media_id IN (SELECT id FROM media_items WHERE kind = 'video' AND ready_at IS NOT NULL))")
	}
	if len(f.ExcludeIDs) > 0 {
		w = append(w, "a.id NOT IN ("+a.list(f.ExcludeIDs)+")")
	}
	return strings.Join(w, " AND ")
}

const summaryColumns = `a.id, a.slug, a.title, a.lead, a.section_id, a.status, a.featured,
	COALESCE(a.cover_image_id, 0), a.created_at, a.updated_at, a.published_at, a.modified_at,
	COALESCE(a.created_by, 0), a.revision, a.scheduled_at, a.embargo_until, a.comment_mode, a.comment_count,
	s.slug, s.name, COALESCE(s.parent_id, 0),
	COALESCE(i.key, ''), COALESCE(i.mime, ''), COALESCE(i.width, 0), COALESCE(i.height, 0),
	COALESCE(i.caption, ''), COALESCE(i.credit, ''), COALESCE(i.alt, ''), COALESCE(a.main_media_id, 0)`

const summaryFrom = ` FROM articles a
	JOIN sections s ON s.id = a.section_id
	LEFT JOIN images i ON i.id = a.cover_image_id`

// titleColumns are ArticleFilter.TitlesOnly's columns, read by scanTitle.
const (
	titleFields  = `a.id, a.slug, a.title, a.section_id, a.status, a.published_at`
	titleColumns = titleFields + ` FROM articles a`
)

func scanTitle(row rowScanner, _ ...any) (news.Article, error) {
	var a news.Article
	var status string
	var published sql.NullTime
	if err := row.Scan(&a.ID, &a.Slug, &a.Title, &a.SectionID, &status, &published); err != nil {
		return a, err
	}
	a.Status, a.Section.ID, a.PublishedAt = news.Status(status), a.SectionID, utc(published)
	return a, nil
}

// scanSummary reads summaryColumns into a, then the extra columns that
// follow them into extra.
func scanSummary(row rowScanner, extra ...any) (news.Article, error) {
	var a news.Article
	var status string
	var published, modified, scheduled, embargo sql.NullTime
	var mode string
	var im news.Image
	dest := append([]any{&a.ID, &a.Slug, &a.Title, &a.Lead, &a.SectionID, &status, &a.Featured,
		&a.CoverImageID, &a.CreatedAt, &a.UpdatedAt, &published, &modified,
		&a.CreatedBy, &a.Revision, &scheduled, &embargo, &mode, &a.CommentCount,
		&a.Section.Slug, &a.Section.Name, &a.Section.ParentID,
		&im.Key, &im.MIME, &im.Width, &im.Height, &im.Caption, &im.Credit, &im.Alt, &a.MainMediaID}, extra...)
	if err := row.Scan(dest...); err != nil {
		return a, err
	}
	a.Status = news.Status(status)
	a.Section.ID = a.SectionID
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	a.PublishedAt, a.ModifiedAt = utc(published), utc(modified)
	a.ScheduledAt, a.EmbargoUntil = utc(scheduled), utc(embargo)
	a.CommentMode = news.CommentMode(mode)
	if a.CoverImageID != 0 {
		im.ID = a.CoverImageID
		a.Cover = &im
	}
	return a, nil
}

// PublishedArticles lists articles, by default published ones newest
// first, without bodies.
func (s *Store) PublishedArticles(ctx context.Context, f ArticleFilter) ([]news.Article, error) {
	var a args
	order := ` ORDER BY a.published_at DESC, a.id DESC`
	switch {
	case len(f.IDs) > 0:
		// Stories read by id come in id order, found by the primary key:
		// ordered by date, SQLite walks the date index until it meets
		// them, all of a large archive for old ones. Every caller puts
		// them in its own order (rank, picks, pins).
		order = ` ORDER BY a.id DESC`
	case f.ByUpdated:
		order = ` ORDER BY a.updated_at DESC, a.id DESC`
	}
	columns, scan := summaryColumns+summaryFrom, scanSummary
	if f.TitlesOnly {
		columns, scan = titleColumns, scanTitle
	}
	where, page := f.where(&a), pageOf(&a, f.limit(), f.Offset)
	q := `SELECT ` + columns + ` WHERE ` + where + order + page
	if f.Offset > 0 {
		// A later page (an archive's page 600, which crawlers walk): its
		// stories are found in the index alone and only their rows read.
		// Both databases read and join every row they skip otherwise: 18.6
		// against 0.4 ms for a section's page 600 at 100,000 stories.
		q = `SELECT ` + columns + ` WHERE a.id IN (SELECT a.id FROM articles a WHERE ` + where + order + page + `)` + order
	}
	rows, err := s.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	var out []news.Article
	for rows.Next() {
		art, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("list articles: %w", err)
		}
		out = append(out, art)
	}
	return out, rows.Err()
}

// pageOf is a list's LIMIT, written as a number, and its OFFSET, left out
// for the first page. PostgreSQL plans a query with a parameter there as
// if it asked for a tenth of the table, so it kept planning the reader's
// lists again on every execution instead of using one plan (the planning
// was most of an uncached article's database time); the limit is the
// code's own, a few values, so the statements kept prepared stay few. A
// later page's offset stays a parameter: a reader's page number would
// make a statement of every page.
func pageOf(a *args, limit, offset int) string {
	q := " LIMIT " + strconv.Itoa(limit)
	if offset > 0 {
		q += " OFFSET " + a.add(offset)
	}
	return q
}

func (f ArticleFilter) limit() int {
	switch {
	case f.Limit <= 0:
		return 20
	case f.Limit > 200:
		return 200
	}
	return f.Limit
}

// CountPublished counts the articles PublishedArticles would page through;
// a reader's list's count is kept until a story changes (counts.go).
func (s *Store) CountPublished(ctx context.Context, f ArticleFilter) (int, error) {
	var a args
	where := f.where(&a)
	key, keep := keptCount(f, where, a)
	var kept *publishedCounts
	if keep {
		kept, _ = s.chrome.counts.get(func() (*publishedCounts, error) { return &publishedCounts{n: map[string]int{}}, nil })
		if n, ok := kept.lookup(key); ok {
			return n, nil
		}
	}
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles a WHERE `+where, a...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	if keep {
		kept.keep(key, n) // a change meanwhile dropped kept with what it holds
	}
	return n, nil
}

// Article reads one article in any state, whole: body, section, bylines,
// tags and cover photo.
// On PostgreSQL its row and its parts are read at the same time, one
// round trip instead of two before the page's other reads can start.
func (s *Store) Article(ctx context.Context, id int64) (news.Article, error) {
	if !s.dialect.concurrentReads {
		return readArticle(ctx, s.read, id)
	}
	return s.articleWith(ctx, id)
}

// articleWith reads story id's row and its parts at the same time as
// reads (PostgreSQL).
func (s *Store) articleWith(ctx context.Context, id int64, reads ...func() error) (news.Article, error) {
	var a news.Article
	parts := news.Article{ID: id}
	err := s.ReadAll(append([]func() error{
		func() (err error) { a, err = readArticleRow(ctx, s.read, id); return err },
		func() error { return readArticleParts(ctx, s.read, &parts) },
	}, reads...)...)
	if err != nil {
		return a, err
	}
	a.Authors, a.Tags, a.RelatedIDs, a.AudioMediaID, a.ProgrammeID, a.Live = parts.Authors, parts.Tags, parts.RelatedIDs, parts.AudioMediaID, parts.ProgrammeID, parts.Live
	return a, nil
}

// readArticle reads an article through db: the read pool, or a write
// transaction that needs the article as it stands inside it.
func readArticle(ctx context.Context, db querier, id int64) (news.Article, error) {
	a, err := readArticleRow(ctx, db, id)
	if err != nil {
		return a, err
	}
	if err := readArticleParts(ctx, db, &a); err != nil {
		return a, err
	}
	return a, nil
}

// readArticleRow reads an article's own row, with its section and cover.
func readArticleRow(ctx context.Context, db querier, id int64) (news.Article, error) {
	row := db.QueryRowContext(ctx, `SELECT `+summaryColumns+`, a.body, a.seo_title, a.seo_description,
		a.byline_credit, a.correction_note, a.corrected_at`+summaryFrom+` WHERE a.id = $1`, id)
	var body, seoTitle, seoDescription, credit, correction string
	var corrected sql.NullTime
	a, err := scanSummary(row, &body, &seoTitle, &seoDescription, &credit, &correction, &corrected)
	if errors.Is(err, sql.ErrNoRows) {
		return a, news.Errorf(news.NotFound, "Không tìm thấy bài viết")
	}
	if err != nil {
		return a, fmt.Errorf("read article %d: %w", id, err)
	}
	a.Body, a.SEOTitle, a.SEODescription = body, seoTitle, seoDescription
	a.Credit, a.Correction, a.CorrectedAt = credit, correction, utc(corrected)
	return a, nil
}

// readArticleParts reads a's bylines (in their order), tags (by name),
// the stories its editors picked (in their order), its audio version and
// programme and whether it has live coverage, in one query: four round trips were a quarter of an
// article page's reads on PostgreSQL. Store.Article copies each field it
// sets: a new one must be copied there too.
func readArticleParts(ctx context.Context, db querier, a *news.Article) error {
	rows, err := db.QueryContext(ctx, `
		SELECT 1, au.id, au.slug, au.name, au.bio, aa.position FROM article_authors aa
			JOIN authors au ON au.id = aa.author_id WHERE aa.article_id = $1
		UNION ALL SELECT 2, t.id, t.slug, t.name, '', 0 FROM article_tags at
			JOIN tags t ON t.id = at.tag_id WHERE at.article_id = $1
		UNION ALL SELECT 3, related_id, '', '', '', position FROM article_related WHERE article_id = $1
		UNION ALL SELECT 4, COALESCE(media_item_id, 0), '', '', '', COALESCE(programme_id, 0) FROM article_audio WHERE article_id = $1
		UNION ALL SELECT 5, 0, '', '', '', 0 FROM live_stories WHERE article_id = $1
		ORDER BY 1, 6, 4`, a.ID)
	if err != nil {
		return fmt.Errorf("read article %d: %w", a.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind int
		var id, n int64
		var slug, name, bio string
		if err := rows.Scan(&kind, &id, &slug, &name, &bio, &n); err != nil {
			return fmt.Errorf("read article %d: %w", a.ID, err)
		}
		switch kind {
		case 1:
			a.Authors = append(a.Authors, news.Author{ID: id, Slug: slug, Name: name, Bio: bio})
		case 2:
			a.Tags = append(a.Tags, news.Tag{ID: id, Slug: slug, Name: name})
		case 3:
			a.RelatedIDs = append(a.RelatedIDs, id)
		case 4:
			a.AudioMediaID, a.ProgrammeID = id, n
		case 5:
			a.Live = true
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read article %d: %w", a.ID, err)
	}
	return nil
}
