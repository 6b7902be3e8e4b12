package store

import (
	"context"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
)

// WaitingComments counts the comments waiting for a moderator: the
// newsroom menu's badge, read on every page a moderator opens, so one
// COUNT over the comments_status index.
func (s *Store) WaitingComments(ctx context.Context) (int, error) {
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM comments WHERE status = 'pending'`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count waiting comments: %w", err)
	}
	return n, nil
}

// CommentsByID reads comments by id, for the comments that replies on a
// page of the queue answer; ids not found are left out.
func (s *Store) CommentsByID(ctx context.Context, ids []int64) (map[int64]news.Comment, error) {
	out := map[int64]news.Comment{}
	if len(ids) == 0 {
		return out, nil
	}
	var a args
	list, err := queryAll(ctx, s.read, scanComment, "read comments", `SELECT `+commentColumns+commentFrom+
		` WHERE c.id IN (`+a.list(paddedIDs(ids))+`)`, a...)
	for _, c := range list {
		out[c.ID] = c
	}
	return out, err
}

// ReaderHistory is what became of a reader's other comments.
type ReaderHistory struct {
	Published, Rejected, Spam, Pending int
}

// Total is how many other comments the reader sent.
func (h ReaderHistory) Total() int { return h.Published + h.Rejected + h.Spam + h.Pending }

// ReaderHistories finds, for each comment, the same reader's other
// comments (by the browser's hashed id, or by e-mail address without
// case) and counts them by state. The paper's own replies have neither
// and no history.
func (s *Store) ReaderHistories(ctx context.Context, comments []news.Comment) (map[int64]ReaderHistory, error) {
	out := map[int64]ReaderHistory{}
	if len(comments) == 0 {
		return out, nil
	}
	ids := make([]int64, len(comments))
	for i, c := range comments {
		ids[i] = c.ID
	}
	ids = paddedIDs(ids)
	var a args
	// UNION, not UNION ALL: a comment found both ways counts once; each
	// half runs on its index.
	q := `SELECT id, status, COUNT(*) FROM (
			SELECT p.id AS id, h.id AS other, h.status AS status FROM comments p JOIN comments h ON h.browser_hash = p.browser_hash
			WHERE p.id IN (` + a.list(ids) + `) AND p.browser_hash <> ''
			UNION
			SELECT p.id, h.id, h.status FROM comments p JOIN comments h ON lower(h.email) = lower(p.email)
			WHERE p.id IN (` + a.list(ids) + `) AND p.email <> ''
		) r WHERE other <> id GROUP BY id, status`
	rows, err := s.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("read reader histories: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var status string
		var n int
		if err := rows.Scan(&id, &status, &n); err != nil {
			return nil, fmt.Errorf("read reader histories: %w", err)
		}
		h := out[id]
		switch news.CommentStatus(status) {
		case news.CommentPublished:
			h.Published += n
		case news.CommentRejected:
			h.Rejected += n
		case news.CommentSpam:
			h.Spam += n
		case news.CommentPending:
			h.Pending += n
		}
		out[id] = h
	}
	return out, rows.Err()
}

// CommentArticle is an article with comments in one state, for the
// queue's filter.
type CommentArticle struct {
	ID    int64
	Title string
	Count int
}

// CommentArticles lists the articles among the latest 500 comments in a
// state (and sections, if any), most comments first: a bounded read
// however long the list of published comments grows.
func (s *Store) CommentArticles(ctx context.Context, status news.CommentStatus, sectionIDs []int64) ([]CommentArticle, error) {
	var a args
	q := `SELECT a.id, a.title, COUNT(*) FROM (SELECT article_id FROM comments WHERE status = ` + a.add(string(status)) +
		` ORDER BY created_at DESC LIMIT 500) c JOIN articles a ON a.id = c.article_id`
	if len(sectionIDs) > 0 {
		q += ` WHERE a.section_id IN (` + a.list(sectionIDs) + `)`
	}
	q += ` GROUP BY a.id, a.title ORDER BY COUNT(*) DESC, a.id DESC LIMIT 100`
	return queryAll(ctx, s.read, func(row rowScanner) (CommentArticle, error) {
		var ca CommentArticle
		err := row.Scan(&ca.ID, &ca.Title, &ca.Count)
		return ca, err
	}, "list articles with comments", q, a...)
}

// NewerInThread counts the article's published top-level comments shown
// before top in the thread's default order (newest first): where top is
// on the public page.
func (s *Store) NewerInThread(ctx context.Context, top news.Comment) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM comments
		WHERE article_id = $1 AND status = 'published' AND parent_id IS NULL AND (published_at > $2 OR published_at = $2 AND id > $3)`,
		top.ArticleID, top.PublishedAt.UTC(), top.ID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("place comment in thread: %w", err)
	}
	return n, nil
}

// paddedIDs repeats the last id up to a power of two (at least 8), so a
// query over a list of ids has a few texts to prepare, not one per length.
func paddedIDs(ids []int64) []int64 {
	n := 8
	for n < len(ids) {
		n *= 2
	}
	out := make([]int64, n)
	copy(out, ids)
	for i := len(ids); i < n; i++ {
		out[i] = ids[len(ids)-1]
	}
	return out
}
