package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// ImportBatch is one transaction of an import: items of one source, in
// the order the source gave them (what an item refers to comes first),
// each under the key the source knows it by. A batch is written whole or
// not at all, with one audit entry, so an import cut short resumes after
// its last committed batch.
type ImportBatch struct {
	Source string
	Items  []ImportItem
}

// ImportItem is one thing to write: exactly one of the pointers is set.
// Keys that an item refers to (a section's parent, a story's section,
// bylines, cover, a comment's parent) are keys of the same source, which
// earlier items or batches wrote.
type ImportItem struct {
	Key    string
	Digest string // a hash of what the source said: equal to the last import's, nothing is written

	Section   *news.Section
	ParentKey string // the section's parent

	Author    *news.Author
	UserEmail string // the byline's e-mail: a reporter's account without a password is made for it, if none has it

	Image *news.Image // the photo, its file already in the library
	URLs  []string    // the photo's old addresses, for bodies that show it

	Story *ImportStory

	Page *news.Page

	Redirects []string // old paths answered with 301 to what the item became
}

// ImportStory is an article with what it refers to by the source's keys.
type ImportStory struct {
	Article    news.Article // section, bylines and cover set from the keys below when they are given
	SectionKey string
	AuthorKeys []string
	CoverKey   string
	Comments   []ImportComment
}

// ImportComment is a reader's comment on an imported story.
type ImportComment struct {
	Key, ParentKey string
	Comment        news.Comment
}

// ImportOutcome is what a batch did to each item, in order.
type ImportOutcome int

// What an import did to one item.
const (
	ImportCreated   ImportOutcome = iota // new here
	ImportUpdated                        // written again: the source changed
	ImportUnchanged                      // the same as the last import
	ImportAdopted                        // matched something the paper already had (a section or byline by its address)
	ImportKept                           // changed at the source, but the newsroom has edited it since: left alone
)

// ImportResult counts a batch's outcomes.
type ImportResult struct {
	Outcomes []ImportOutcome // per item
	Comments int             // comments added
	Accounts int             // newsroom accounts made for bylines
	Refused  []string        // old addresses that could not redirect, and why
}

// importKey is what an item of a source became here.
type importKey struct {
	id       int64
	digest   string
	revision int
}

func lookupImportKey(ctx context.Context, tx querier, source, kind, key string) (importKey, bool, error) {
	var k importKey
	err := tx.QueryRowContext(ctx, `SELECT local_id, digest, revision FROM import_keys WHERE source = $1 AND kind = $2 AND key = $3`,
		source, kind, key).Scan(&k.id, &k.digest, &k.revision)
	if errNoRows(err) {
		return k, false, nil
	}
	if err != nil {
		return k, false, fmt.Errorf("import key %s %s: %w", kind, key, err)
	}
	return k, true, nil
}

func putImportKey(ctx context.Context, tx execQuerier, source, kind, key string, k importKey) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO import_keys (source, kind, key, local_id, digest, revision) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (source, kind, key) DO UPDATE SET local_id = excluded.local_id, digest = excluded.digest, revision = excluded.revision`,
		source, kind, key, k.id, k.digest, k.revision)
	if err != nil {
		return fmt.Errorf("keep import key %s %s: %w", kind, key, err)
	}
	return nil
}

// ImportedID is the id of what a source's item became, or 0.
func (s *Store) ImportedID(ctx context.Context, source, kind, key string) (int64, error) {
	var id int64
	err := s.read.QueryRowContext(ctx, `SELECT local_id FROM import_keys WHERE source = $1 AND kind = $2 AND key = $3`,
		source, kind, key).Scan(&id)
	if errNoRows(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("imported id: %w", err)
	}
	return id, nil
}

// ImportedPhotoURLs maps the old addresses among urls that photos of the
// source came from to the photos: bodies are rewritten to show ours.
func (s *Store) ImportedPhotoURLs(ctx context.Context, source string, urls []string) (map[string]news.Image, error) {
	out := map[string]news.Image{}
	for _, u := range urls {
		if _, ok := out[u]; ok {
			continue
		}
		im, err := scanImage(s.read.QueryRowContext(ctx, `SELECT `+imageColumns+` FROM images WHERE id =
			(SELECT local_id FROM import_keys WHERE source = $1 AND kind = 'url' AND key = $2)`, source, u))
		if errNoRows(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("imported photo %s: %w", u, err)
		}
		out[u] = im
	}
	return out, nil
}

// Import writes a batch in one audited change by actor.
func (s *Store) Import(ctx context.Context, by news.Actor, b ImportBatch) (ImportResult, error) {
	var res ImportResult
	err := s.change(ctx, by, "import", func(t *tx, e *news.AuditEntry) error {
		res = ImportResult{}
		w := importWriter{s: s, t: t, source: b.Source}
		for _, it := range b.Items {
			outcome, err := w.item(ctx, it)
			if err != nil {
				return fmt.Errorf("%s: %w", it.Key, err)
			}
			res.Outcomes = append(res.Outcomes, outcome)
		}
		res.Comments, res.Accounts, res.Refused = w.comments, w.accounts, w.refused
		e.ObjectType = "import"
		e.Detail = fmt.Sprintf("%s: %d mục (%s)", b.Source, len(b.Items), res.summary())
		return nil
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("import: %w", err)
	}
	return res, nil
}

func (r ImportResult) summary() string {
	var n [5]int
	for _, o := range r.Outcomes {
		n[o]++
	}
	return fmt.Sprintf("%d mới, %d cập nhật, %d không đổi, %d có sẵn, %d giữ bản tòa soạn, %d bình luận, %d tài khoản", n[ImportCreated],
		n[ImportUpdated], n[ImportUnchanged], n[ImportAdopted], n[ImportKept], r.Comments, r.Accounts)
}

// importWriter writes one batch's items inside its transaction.
type importWriter struct {
	s        *Store
	t        *tx
	source   string
	comments int
	accounts int
	refused  []string
}

// kind is the item's kind as import_keys names it.
func (it ImportItem) kind() string {
	switch {
	case it.Section != nil:
		return "section"
	case it.Author != nil:
		return "author"
	case it.Image != nil:
		return "photo"
	case it.Story != nil:
		return "story"
	case it.Page != nil:
		return "page"
	}
	return ""
}

// ImportPlan is Import without writing, for a dry run: whether each item
// is new, changed or the same as the last import.
func (s *Store) ImportPlan(ctx context.Context, b ImportBatch) (ImportResult, error) {
	var res ImportResult
	for _, it := range b.Items {
		known, found, err := lookupImportKey(ctx, s.read, b.Source, it.kind(), it.Key)
		switch {
		case err != nil:
			return res, err
		case !found:
			res.Outcomes = append(res.Outcomes, ImportCreated)
		case known.digest == it.Digest:
			res.Outcomes = append(res.Outcomes, ImportUnchanged)
		default:
			res.Outcomes = append(res.Outcomes, ImportUpdated)
		}
		if it.Story != nil {
			res.Comments += len(it.Story.Comments)
		}
	}
	return res, nil
}

func (w *importWriter) item(ctx context.Context, it ImportItem) (ImportOutcome, error) {
	if it.kind() == "" {
		return 0, fmt.Errorf("empty import item")
	}
	kind := it.kind()
	known, found, err := lookupImportKey(ctx, w.t, w.source, kind, it.Key)
	if err != nil {
		return 0, err
	}
	if found && known.digest == it.Digest {
		return ImportUnchanged, nil
	}
	var outcome ImportOutcome
	var path string
	next := importKey{id: known.id, digest: it.Digest}
	switch kind {
	case "section":
		outcome, err = w.section(ctx, it, found, &next)
		path = it.Section.Path()
	case "author":
		outcome, err = w.author(ctx, it, found, &next)
		path = it.Author.Path()
	case "photo":
		outcome, err = w.photo(ctx, it, &next)
	case "story":
		outcome, err = w.story(ctx, it, found, known, &next)
		path = it.Story.Article.Path()
	case "page":
		outcome, err = w.page(ctx, it, &next)
		path = it.Page.Path()
	}
	if err != nil {
		return 0, err
	}
	if err := putImportKey(ctx, w.t, w.source, kind, it.Key, next); err != nil {
		return 0, err
	}
	if outcome == ImportKept {
		return outcome, nil
	}
	for _, old := range it.Redirects {
		if old == path {
			continue
		}
		err := upsertRedirect(ctx, w.t.Tx, news.Redirect{From: old, To: path, Status: news.Moved, Origin: originOf(w.source)})
		if news.ErrorCode(err) == news.Invalid {
			w.refused = append(w.refused, fmt.Sprintf("%s: địa chỉ cũ %s không chuyển hướng được: %s", it.Key, news.Clip(old, 120), news.ErrorMessage(err)))
			continue
		}
		if err != nil {
			return 0, err
		}
	}
	if len(it.Redirects) > 0 {
		w.t.announce(news.RedirectsKey)
	}
	return outcome, nil
}

// originOf is the redirect origin of a source: WordPress's, or an HTML
// archive's (any other reader's).
func originOf(source string) news.RedirectOrigin {
	if name, _, _ := strings.Cut(source, ":"); name == "wordpress" {
		return news.FromWordPress
	}
	return news.FromHTML
}

// importKinds are the kinds' Vietnamese names, for messages.
var importKinds = map[string]string{"section": "chuyên mục", "author": "tác giả", "photo": "ảnh", "story": "bài",
	"comment": "bình luận", "page": "trang"}

// resolve finds what an earlier item of the source became.
func (w *importWriter) resolve(ctx context.Context, kind, key string) (int64, error) {
	if key == "" {
		return 0, nil
	}
	k, found, err := lookupImportKey(ctx, w.t, w.source, kind, key)
	if err != nil {
		return 0, err
	}
	if !found {
		return 0, news.Errorf(news.Invalid, "Không tìm thấy %s %q trong các mục đã nhập trước", importKinds[kind], key)
	}
	return k.id, nil
}

func (w *importWriter) section(ctx context.Context, it ImportItem, found bool, next *importKey) (ImportOutcome, error) {
	sec := *it.Section
	normalizeSection(&sec)
	parent, err := w.resolve(ctx, "section", it.ParentKey)
	if err != nil {
		return 0, err
	}
	sec.ParentID = parent
	w.t.announce(news.SiteKey)
	if found {
		_, err := w.t.ExecContext(ctx, `UPDATE sections SET name = $1, description = $2, parent_id = $3 WHERE id = $4`,
			sec.Name, sec.Description, nullID(sec.ParentID), next.id)
		w.t.announce(news.SectionKey(next.id))
		return ImportUpdated, err
	}
	err = w.t.QueryRowContext(ctx, `SELECT id FROM sections WHERE slug = $1`, sec.Slug).Scan(&next.id)
	if err == nil {
		return ImportAdopted, nil
	}
	if !errNoRows(err) {
		return 0, err
	}
	err = w.t.QueryRowContext(ctx, `INSERT INTO sections (slug, name, description, parent_id, position)
		VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(position), 0) + 1 FROM sections)) RETURNING id`,
		sec.Slug, sec.Name, sec.Description, nullID(sec.ParentID)).Scan(&next.id)
	return ImportCreated, err
}

func (w *importWriter) author(ctx context.Context, it ImportItem, found bool, next *importKey) (ImportOutcome, error) {
	outcome, err := w.byline(ctx, it, found, next)
	if err != nil || it.UserEmail == "" {
		return outcome, err
	}
	return outcome, w.account(ctx, it, next.id)
}

// account makes a reporter's account for an imported byline, unless one
// has its e-mail already. It has no password: it cannot sign in until an
// administrator resets it (a one-time password to be changed).
func (w *importWriter) account(ctx context.Context, it ImportItem, authorID int64) error {
	email := strings.ToLower(strings.TrimSpace(it.UserEmail))
	var id int64
	err := w.t.QueryRowContext(ctx, `SELECT id FROM users WHERE email = $1`, email).Scan(&id)
	if err == nil || !errNoRows(err) {
		return err
	}
	err = w.t.QueryRowContext(ctx, `INSERT INTO users (email, name, password_hash, totp_secret, disabled, author_id, created_at, must_change_password)
		VALUES ($1, $2, '', '', FALSE, $3, $4, TRUE) RETURNING id`, email, vietnamese.NFC(it.Author.Name), authorID, w.t.now).Scan(&id)
	if err != nil {
		return fmt.Errorf("account for %s: %w", email, err)
	}
	if _, err := w.t.ExecContext(ctx, `INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, id, string(news.Reporter)); err != nil {
		return fmt.Errorf("account for %s: %w", email, err)
	}
	w.accounts++
	return nil
}

func (w *importWriter) byline(ctx context.Context, it ImportItem, found bool, next *importKey) (ImportOutcome, error) {
	a := *it.Author
	normalizeAuthor(&a)
	if found {
		_, err := w.t.ExecContext(ctx, `UPDATE authors SET name = $1, bio = CASE WHEN $2 = '' THEN bio ELSE $2 END WHERE id = $3`,
			a.Name, a.Bio, next.id)
		w.t.announce(news.AuthorKey(next.id))
		return ImportUpdated, err
	}
	err := w.t.QueryRowContext(ctx, `SELECT id FROM authors WHERE slug = $1`, a.Slug).Scan(&next.id)
	if err == nil {
		return ImportAdopted, nil
	}
	if !errNoRows(err) {
		return 0, err
	}
	err = w.t.QueryRowContext(ctx, `INSERT INTO authors (slug, name, bio) VALUES ($1, $2, $3) RETURNING id`,
		a.Slug, a.Name, a.Bio).Scan(&next.id)
	return ImportCreated, err
}

// photo stores the image row (the same bytes give the same row) with the
// source's words, and remembers its old addresses.
func (w *importWriter) photo(ctx context.Context, it ImportItem, next *importKey) (ImportOutcome, error) {
	im := *it.Image
	normalizeImage(&im)
	if im.Created.IsZero() {
		im.Created = w.t.now
	}
	var created bool
	err := w.t.QueryRowContext(ctx, `SELECT id FROM images WHERE key = $1`, im.Key).Scan(&next.id)
	switch {
	case errNoRows(err):
		created = true
		err = w.t.QueryRowContext(ctx, `INSERT INTO images (key, mime, width, height, bytes, caption, credit, alt, created_at, search_text)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			im.Key, im.MIME, im.Width, im.Height, im.Bytes, im.Caption, im.Credit, im.Alt, im.Created.UTC(), imageSearchText(im)).Scan(&next.id)
	case err == nil:
		_, err = w.t.ExecContext(ctx, `UPDATE images SET caption = $1, credit = $2, alt = $3, search_text = $4 WHERE id = $5`,
			im.Caption, im.Credit, im.Alt, imageSearchText(im), next.id)
	}
	if err != nil {
		return 0, fmt.Errorf("photo: %w", err)
	}
	for _, u := range it.URLs {
		if err := putImportKey(ctx, w.t, w.source, "url", u, importKey{id: next.id}); err != nil {
			return 0, err
		}
	}
	if created {
		return ImportCreated, nil
	}
	return ImportUpdated, nil
}

func (w *importWriter) story(ctx context.Context, it ImportItem, found bool, known importKey, next *importKey) (ImportOutcome, error) {
	st := it.Story
	a := &st.Article
	normalizeArticle(a)
	var err error
	if st.SectionKey != "" {
		if a.SectionID, err = w.resolve(ctx, "section", st.SectionKey); err != nil {
			return 0, err
		}
	}
	for _, key := range st.AuthorKeys {
		id, err := w.resolve(ctx, "author", key)
		if err != nil {
			return 0, err
		}
		a.Authors = append(a.Authors, news.Author{ID: id})
	}
	if st.CoverKey != "" {
		if a.CoverImageID, err = w.resolve(ctx, "photo", st.CoverKey); err != nil {
			return 0, err
		}
	}
	outcome := ImportCreated
	var before *news.Article
	if found {
		current, err := readArticle(ctx, w.t, known.id)
		switch {
		case news.ErrorCode(err) == news.NotFound || errNoRows(err):
			found = false // deleted here since: imported afresh
		case err != nil:
			return 0, err
		case current.Revision != known.revision:
			*next = known // the newsroom's edits win; the next import asks again
			return ImportKept, nil
		default:
			before, outcome = &current, ImportUpdated
		}
	}
	if found {
		a.ID = known.id
		err = w.t.QueryRowContext(ctx, `UPDATE articles SET slug = $1, title = $2, lead = $3, body = $4, section_id = $5,
				cover_image_id = $6, status = $7, published_at = $8, modified_at = $9, updated_at = $10, revision = revision + 1
			WHERE id = $11 RETURNING revision`,
			a.Slug, a.Title, a.Lead, a.Body, a.SectionID, nullID(a.CoverImageID), string(a.Status), nullTime(a.PublishedAt),
			nullTime(a.ModifiedAt), w.t.now, a.ID).Scan(&a.Revision)
		if err != nil {
			return 0, fmt.Errorf("update imported article: %w", err)
		}
		if err := writeArticleLinks(ctx, w.t, a); err != nil {
			return 0, err
		}
	} else {
		a.Revision = 1
		if err := insertArticleRow(ctx, w.t, a, w.t.now); err != nil {
			return 0, err
		}
	}
	if err := w.s.indexArticle(ctx, w.t, *a); err != nil {
		return 0, err
	}
	if err := snapshot(ctx, w.t, a.ID, news.Actor{}, news.RevisionImport, w.source); err != nil {
		return 0, err
	}
	next.id, next.revision = a.ID, a.Revision
	if err := w.storyComments(ctx, a.ID, st.Comments); err != nil {
		return 0, err
	}
	if a.Status == news.Published || (before != nil && before.Status == news.Published) {
		// The keys come from what was just written, without reading the
		// story back: an import writes thousands.
		if err := w.t.QueryRowContext(ctx, `SELECT COALESCE(parent_id, 0) FROM sections WHERE id = $1`, a.SectionID).Scan(&a.Section.ParentID); err != nil {
			return 0, fmt.Errorf("section of imported story: %w", err)
		}
		w.t.announce(news.ArticleKeys(a.ID, before, a)...)
	}
	return outcome, nil
}

// storyComments adds the comments not imported before, with their
// threads and original times, and counts the story's comments again.
// Comments already imported are left as the moderators left them.
func (w *importWriter) storyComments(ctx context.Context, articleID int64, comments []ImportComment) error {
	added := false
	for _, ic := range comments {
		_, found, err := lookupImportKey(ctx, w.t, w.source, "comment", ic.Key)
		if err != nil {
			return err
		}
		if found {
			continue
		}
		c := ic.Comment
		if c.ParentID, err = w.resolve(ctx, "comment", ic.ParentKey); err != nil {
			return err
		}
		c.Name, c.Body = vietnamese.NFC(c.Name), vietnamese.NFC(c.Body)
		if c.CreatedAt.IsZero() {
			c.CreatedAt = w.t.now
		}
		var published sql.NullTime
		if c.Status == news.CommentPublished {
			published = sql.NullTime{Time: c.CreatedAt.UTC(), Valid: true}
		}
		err = w.t.QueryRowContext(ctx, `INSERT INTO comments (article_id, parent_id, name, email, body, original_body, folded_body,
				status, created_at, published_at)
			VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9) RETURNING id`,
			articleID, nullID(c.ParentID), c.Name, c.Email, c.Body, vietnamese.Fold(c.Body), string(c.Status),
			c.CreatedAt.UTC(), published).Scan(&c.ID)
		if err != nil {
			return fmt.Errorf("import comment %s: %w", ic.Key, err)
		}
		if err := putImportKey(ctx, w.t, w.source, "comment", ic.Key, importKey{id: c.ID}); err != nil {
			return err
		}
		w.comments++
		added = true
	}
	if !added {
		return nil
	}
	w.t.announce(news.CommentsKey(articleID))
	return recount(ctx, w.t, articleID)
}

func (w *importWriter) page(ctx context.Context, it ImportItem, next *importKey) (ImportOutcome, error) {
	p := *it.Page
	p.ID = 0
	created := next.id == 0
	if err := upsertPage(ctx, w.t.Tx, &p); err != nil {
		return 0, err
	}
	next.id = p.ID
	w.t.announce(news.PageKeys(p)...)
	if created {
		return ImportCreated, nil
	}
	return ImportUpdated, nil
}
