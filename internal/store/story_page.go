package store

import (
	"context"
	"strconv"

	"github.com/toasoan/toasoan/internal/news"
)

// StoryLists are the lists an article page shows beside its story, read
// with it by StoryWithLists.
type StoryLists struct {
	// Earlier is "Các tin đã đưa": the section's stories published
	// before it, newest first.
	Earlier []news.Article
	// Related is "Tin liên quan" by shared tags (relatedByTags), for a
	// story without editors' picks; a story with picks reads its own.
	Related []news.Article
}

// StoryWithLists reads story id whole, as Article does, and where reads
// run at the same time (PostgreSQL) its page's two lists in the same
// round trip: their conditions take the story's section, time and tags
// by subquery, so they need not wait for the story, and an uncached
// article waits on one round trip instead of two. The lists are nil
// where reads run in turn (SQLite, where nothing waits on the network):
// the page reads them after the story, with PublishedArticles and
// Related, which these queries answer the same (both databases run the
// same page tests). A story that is not published gets lists it will
// not show.
func (s *Store) StoryWithLists(ctx context.Context, id int64, earlier, related int) (news.Article, *StoryLists, error) {
	if !s.dialect.concurrentReads {
		a, err := s.Article(ctx, id)
		return a, nil, err
	}
	var lists StoryLists
	titles := func(r rowScanner) (news.Article, error) { return scanTitle(r) }
	published := string(news.Published)
	a, err := s.articleWith(ctx, id,
		func() (err error) {
			lists.Earlier, err = queryAll(ctx, s.read, titles, "earlier stories", `SELECT `+titleFields+` FROM articles a
				WHERE a.status = $2 AND a.section_id = (SELECT section_id FROM articles WHERE id = $1)
				AND a.published_at < (SELECT published_at FROM articles WHERE id = $1) AND a.id <> $1
				ORDER BY a.published_at DESC, a.id DESC LIMIT `+strconv.Itoa(earlier), id, published)
			return err
		},
		func() (err error) {
			// rankedByTags with the story's tags read by the query itself:
			// each tag's newest candidates through LATERAL (PostgreSQL's),
			// only as many as the box shows when the story has one tag.
			lists.Related, err = queryAll(ctx, s.read, titles, "related stories", `SELECT `+titleFields+` FROM (
				SELECT c.article_id, COUNT(*) AS shared FROM
					(SELECT tag_id FROM article_tags WHERE article_id = $1 ORDER BY tag_id LIMIT `+strconv.Itoa(relatedMaxTags)+`) st
					CROSS JOIN LATERAL (SELECT t.article_id FROM article_tags t
						JOIN articles a ON a.id = t.article_id AND a.status = $2
						WHERE t.tag_id = st.tag_id AND t.article_id <> $1
						ORDER BY t.article_id DESC LIMIT (SELECT CASE COUNT(*) WHEN 1 THEN `+strconv.Itoa(related)+` ELSE `+strconv.Itoa(relatedPerTag)+` END
							FROM article_tags WHERE article_id = $1)) c
				GROUP BY c.article_id ORDER BY shared DESC, c.article_id DESC LIMIT `+strconv.Itoa(related)+`
			) r JOIN articles a ON a.id = r.article_id ORDER BY r.shared DESC, r.article_id DESC`, id, published)
			return err
		})
	if err != nil {
		return a, nil, err
	}
	return a, &lists, nil
}
