package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

const commentColumns = `c.id, c.article_id, COALESCE(c.parent_id, 0), c.name, c.email, c.body, c.original_body, c.status,
	c.edited, c.staff, c.flags, c.reject_reason, c.address_hash, c.browser_hash, c.likes, c.notify, c.created_at, c.published_at,
	COALESCE(c.claimed_by, 0), COALESCE(cu.name, ''), c.claimed_until, a.title`

const commentFrom = ` FROM comments c JOIN articles a ON a.id = c.article_id LEFT JOIN users cu ON cu.id = c.claimed_by`

func scanComment(row rowScanner) (news.Comment, error) {
	var c news.Comment
	var status, flags string
	var published, claimed sql.NullTime
	err := row.Scan(&c.ID, &c.ArticleID, &c.ParentID, &c.Name, &c.Email, &c.Body, &c.OriginalBody, &status,
		&c.Edited, &c.Staff, &flags, &c.RejectReason, &c.AddressHash, &c.BrowserHash, &c.Likes, &c.Notify, &c.CreatedAt, &published,
		&c.ClaimedBy, &c.ClaimedName, &claimed, &c.ArticleTitle)
	c.Status, c.CreatedAt = news.CommentStatus(status), c.CreatedAt.UTC()
	c.PublishedAt, c.ClaimedUntil = utc(published), utc(claimed)
	if flags != "" {
		c.Flags = strings.Split(flags, ",")
	}
	return c, err
}

// CreateComment stores a reader's comment durably before the reader is
// answered. A reader's comment is the reader's own record, kept with its
// hashed address, not an audited change of the newsroom's.
func (s *Store) CreateComment(ctx context.Context, c news.Comment) (news.Comment, error) {
	err := s.commit(ctx, func(t *tx) error { return insertComment(ctx, t, &c, 0) })
	return c, err
}

// ReplyAsPaper publishes the paper's own answer under a comment at once,
// counted, with its audit entry, in one transaction.
func (s *Store) ReplyAsPaper(ctx context.Context, by news.Actor, c news.Comment) (news.Comment, error) {
	c.Status, c.Staff = news.CommentPublished, true
	err := s.change(ctx, by, "comment.reply", func(t *tx, e *news.AuditEntry) error {
		if err := insertComment(ctx, t, &c, by.User.ID); err != nil {
			return err
		}
		e.ObjectType, e.ObjectID, e.Detail = "comment", c.ID, c.Body
		return nil
	})
	return c, err
}

func insertComment(ctx context.Context, t *tx, c *news.Comment, staffUserID int64) error {
	c.Name, c.Body = vietnamese.NFC(c.Name), vietnamese.NFC(c.Body)
	c.OriginalBody = c.Body
	c.CreatedAt = t.now
	if c.Status == news.CommentPublished {
		c.PublishedAt = c.CreatedAt
	}
	err := t.QueryRowContext(ctx, `INSERT INTO comments (article_id, parent_id, name, email, body, original_body, folded_body,
			status, staff, staff_user_id, flags, address_hash, browser_hash, notify, created_at, published_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
		c.ArticleID, nullID(c.ParentID), c.Name, c.Email, c.Body, c.OriginalBody, vietnamese.Fold(c.Body),
		string(c.Status), c.Staff, nullID(staffUserID), strings.Join(c.Flags, ","), c.AddressHash, c.BrowserHash, c.Notify,
		c.CreatedAt, nullTime(c.PublishedAt)).Scan(&c.ID)
	if err != nil {
		return fmt.Errorf("insert comment: %w", err)
	}
	if c.Status != news.CommentPublished {
		return nil
	}
	t.announce(news.CommentsKey(c.ArticleID))
	return recount(ctx, t.Tx, c.ArticleID)
}

// recount sets an article's comment count from its published comments:
// replies count only under a published parent, as readers see them.
func recount(ctx context.Context, tx execQuerier, articleID int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE articles SET comment_count = (
			SELECT COUNT(*) FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
			WHERE c.article_id = $1 AND c.status = $2 AND (c.parent_id IS NULL OR p.status = $2))
		WHERE id = $1`, articleID, string(news.CommentPublished))
	if err != nil {
		return fmt.Errorf("count comments: %w", err)
	}
	return nil
}

// Comment reads one comment with its article's title.
func (s *Store) Comment(ctx context.Context, id int64) (news.Comment, error) {
	return readComment(ctx, s.read, id)
}

func readComment(ctx context.Context, db querier, id int64) (news.Comment, error) {
	c, err := scanComment(db.QueryRowContext(ctx, `SELECT `+commentColumns+commentFrom+` WHERE c.id = $1`, id))
	if errNoRows(err) {
		return c, news.Errorf(news.NotFound, "Không tìm thấy bình luận")
	}
	if err != nil {
		return c, fmt.Errorf("read comment: %w", err)
	}
	return c, nil
}

// CommentOrder is how a thread is sorted.
type CommentOrder string

// The orders readers can choose.
const (
	NewestFirst CommentOrder = "moi"
	OldestFirst CommentOrder = "cu"
	MostLiked   CommentOrder = "thich"
)

func (o CommentOrder) sql() string {
	switch o {
	case OldestFirst:
		return "c.published_at ASC, c.id ASC"
	case MostLiked:
		return "c.likes DESC, c.published_at DESC, c.id DESC"
	}
	return "c.published_at DESC, c.id DESC"
}

// PublishedThread is one page of an article's published top-level
// comments, each with its published replies (oldest first).
func (s *Store) PublishedThread(ctx context.Context, articleID int64, order CommentOrder, limit, offset int) ([]news.Comment, error) {
	// The literal 'published' lets both databases use the partial indexes
	// of migration 0003.
	page := args{articleID}
	rows, err := s.read.QueryContext(ctx, `SELECT `+commentColumns+commentFrom+`
		WHERE c.article_id = $1 AND c.status = 'published' AND c.parent_id IS NULL ORDER BY `+order.sql()+pageOf(&page, limit, offset), page...)
	if err != nil {
		return nil, fmt.Errorf("list comments: %w", err)
	}
	var top []news.Comment
	index := map[int64]int{}
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		index[c.ID] = len(top)
		top = append(top, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(top) == 0 {
		return top, err
	}
	var a args
	ids := make([]int64, len(top))
	for i, c := range top {
		ids[i] = c.ID
	}
	q := `SELECT ` + commentColumns + commentFrom + ` WHERE c.status = ` + a.add(string(news.CommentPublished)) +
		` AND c.parent_id IN (` + a.list(ids) + `) ORDER BY c.published_at ASC, c.id ASC`
	replies, err := s.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("list replies: %w", err)
	}
	defer replies.Close()
	for replies.Next() {
		c, err := scanComment(replies)
		if err != nil {
			return nil, err
		}
		i := index[c.ParentID]
		top[i].Replies = append(top[i].Replies, c)
	}
	return top, replies.Err()
}

// CountTopLevel counts an article's published top-level comments, for
// paging the thread.
func (s *Store) CountTopLevel(ctx context.Context, articleID int64) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM comments WHERE article_id = $1 AND status = 'published' AND parent_id IS NULL`,
		articleID).Scan(&n)
	return n, err
}

// CommentFilter selects comments for moderation.
type CommentFilter struct {
	Status     news.CommentStatus // "" for every state
	ArticleID  int64
	SectionIDs []int64 // the articles of any of these sections
	Limit      int
	Offset     int
}

func (f CommentFilter) where(a *args) string {
	where := "1 = 1"
	if f.Status != "" {
		where += " AND c.status = " + a.add(string(f.Status))
	}
	if f.ArticleID != 0 {
		where += " AND c.article_id = " + a.add(f.ArticleID)
	}
	if len(f.SectionIDs) > 0 {
		where += " AND a.section_id IN (" + a.list(f.SectionIDs) + ")"
	}
	return where
}

// Comments lists comments for moderators, oldest waiting first.
func (s *Store) Comments(ctx context.Context, f CommentFilter) ([]news.Comment, error) {
	var a args
	where := f.where(&a)
	order := "c.created_at ASC, c.id ASC"
	if f.Status != news.CommentPending {
		order = "c.created_at DESC, c.id DESC"
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	return queryAll(ctx, s.read, scanComment, "list comments", `SELECT `+commentColumns+commentFrom+` WHERE `+where+` ORDER BY `+order+
		` LIMIT `+a.add(limit)+` OFFSET `+a.add(max(f.Offset, 0)), a...)
}

// CountComments counts what Comments lists, without its limit.
func (s *Store) CountComments(ctx context.Context, f CommentFilter) (int, error) {
	var a args
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*)`+commentFrom+` WHERE `+f.where(&a), a...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count comments: %w", err)
	}
	return n, nil
}

// Moderation is a moderator's decision on one comment.
type Moderation struct {
	Status news.CommentStatus
	Body   string // the edited text; "" keeps the text as it is
	Reason string // for rejections
	Mail   []Mail // notifications to queue in the same transaction
}

// Mail is one email for the outbox.
type Mail struct {
	To, Subject, Body string
}

// Moderate applies a decision by a moderator: the comment's state and
// text, the article's count, the audit entry (with the text before and
// after an edit) and any notification, all in one transaction. It returns
// the comment as moderated.
func (s *Store) Moderate(ctx context.Context, by news.Actor, id int64, m Moderation) (news.Comment, error) {
	var after news.Comment
	err := s.change(ctx, by, "comment.moderate", func(t *tx, e *news.AuditEntry) error {
		c, err := readComment(ctx, t.Tx, id)
		if err != nil {
			return err
		}
		body := vietnamese.NFC(m.Body)
		edited := c.Edited
		e.ObjectType, e.ObjectID = "comment", id
		e.Detail = c.Status.Label() + " → " + m.Status.Label()
		if body != "" && body != c.Body {
			e.Detail += "; sửa từ «" + c.Body + "» thành «" + body + "»"
			edited = true
		} else {
			body = c.Body
		}
		if m.Reason != "" {
			e.Detail += "; lý do: " + m.Reason
		}
		res, err := t.ExecContext(ctx, `UPDATE comments SET status = $1, body = $2, folded_body = $3, edited = $4, reject_reason = $5,
				published_at = CASE WHEN $1 = 'published' THEN COALESCE(published_at, $6) ELSE published_at END,
				moderated_by = $7, moderated_at = $6, claimed_by = NULL, claimed_until = NULL
			WHERE id = $8 AND status = $9`,
			string(m.Status), body, vietnamese.Fold(body), edited, m.Reason, t.now, nullID(by.User.ID), id, string(c.Status))
		if err != nil {
			return fmt.Errorf("moderate: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return news.Errorf(news.Conflict, "Bình luận vừa được người khác xử lý; hãy tải lại danh sách")
		}
		if err := recount(ctx, t.Tx, c.ArticleID); err != nil {
			return err
		}
		for _, mail := range m.Mail {
			if err := enqueueMail(ctx, t.Tx, mail, t.now); err != nil {
				return err
			}
		}
		if c.Status == news.CommentPublished || m.Status == news.CommentPublished {
			t.announce(news.CommentsKey(c.ArticleID))
		}
		after, err = readComment(ctx, t.Tx, id)
		return err
	})
	return after, err
}

// ClaimComment gives userID the comment for ttl unless another moderator
// holds a live claim; it returns the comment with its current claim.
// A claim is bookkeeping, like an edit lock: not audited.
func (s *Store) ClaimComment(ctx context.Context, id, userID int64, ttl time.Duration) (news.Comment, error) {
	var c news.Comment
	err := s.commit(ctx, func(t *tx) error {
		_, err := t.ExecContext(ctx, `UPDATE comments SET claimed_by = $1, claimed_until = $2
			WHERE id = $3 AND (claimed_by IS NULL OR claimed_by = $1 OR claimed_until < $4)`, userID, t.now.Add(ttl), id, t.now)
		if err != nil {
			return fmt.Errorf("claim comment: %w", err)
		}
		c, err = readComment(ctx, t.Tx, id)
		return err
	})
	return c, err
}

// LikeComment records one like per browser and reports whether it was new.
func (s *Store) LikeComment(ctx context.Context, id int64, browserHash string) (bool, error) {
	var added bool
	err := s.commit(ctx, func(t *tx) error {
		res, err := t.ExecContext(ctx, `INSERT INTO comment_likes (comment_id, browser_hash) VALUES ($1, $2) ON CONFLICT DO NOTHING`, id, browserHash)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		added = true
		var articleID int64
		if err := t.QueryRowContext(ctx, `UPDATE comments SET likes = likes + 1 WHERE id = $1 RETURNING article_id`, id).Scan(&articleID); err != nil {
			return err
		}
		t.announce(news.CommentsKey(articleID))
		return nil
	})
	return added, err
}

// RecentDuplicate reports whether the same browser or address sent the
// same (folded) text since the given time.
func (s *Store) RecentDuplicate(ctx context.Context, browserHash, addressHash, folded string, since time.Time) (bool, error) {
	var n int
	// Two indexed lookups rather than one OR, which would scan a day of
	// comments on every submission.
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM (
			SELECT 1 AS x FROM comments WHERE browser_hash = $3 AND created_at >= $1 AND folded_body = $2
			UNION ALL
			SELECT 1 AS x FROM comments WHERE address_hash = $4 AND created_at >= $1 AND folded_body = $2) d`,
		since.UTC(), folded, browserHash, addressHash).Scan(&n)
	return n > 0, err
}

// ArticleState is what the comment form needs to know of an article.
func (s *Store) ArticleState(ctx context.Context, id int64) (news.Status, news.CommentMode, error) {
	var status, mode string
	err := s.read.QueryRowContext(ctx, `SELECT status, comment_mode FROM articles WHERE id = $1`, id).Scan(&status, &mode)
	if errNoRows(err) {
		return "", "", news.Errorf(news.NotFound, "Không tìm thấy bài viết")
	}
	return news.Status(status), news.CommentMode(mode), err
}

// SetCommentMode opens, closes or hides an article's comments.
func (s *Store) SetCommentMode(ctx context.Context, by news.Actor, articleID int64, mode news.CommentMode) error {
	return s.change(ctx, by, "article.comments", func(t *tx, e *news.AuditEntry) error {
		res, err := t.ExecContext(ctx, `UPDATE articles SET comment_mode = $1 WHERE id = $2`, string(mode), articleID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return news.Errorf(news.NotFound, "Không tìm thấy bài viết")
		}
		t.announce(news.ArticleKey(articleID), news.CommentsKey(articleID))
		e.ObjectType, e.ObjectID, e.Detail = "article", articleID, string(mode)
		return nil
	})
}
