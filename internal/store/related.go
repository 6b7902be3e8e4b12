package store

import (
	"context"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
)

// RelatedByTags lists up to limit published stories sharing tags with
// story id, those sharing the most tags first, then the newest, without
// bodies: "Tin liên quan" where editors picked none.
func (s *Store) RelatedByTags(ctx context.Context, id int64, limit int) ([]news.Article, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT o.article_id
		FROM article_tags me
		JOIN article_tags o ON o.tag_id = me.tag_id AND o.article_id <> me.article_id
		JOIN articles a ON a.id = o.article_id AND a.status = $2
		WHERE me.article_id = $1
		GROUP BY o.article_id, a.published_at
		ORDER BY COUNT(*) DESC, a.published_at DESC, o.article_id DESC
		LIMIT $3`, id, string(news.Published), limit)
	if err != nil {
		return nil, fmt.Errorf("related stories: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var other int64
		if err := rows.Scan(&other); err != nil {
			rows.Close()
			return nil, fmt.Errorf("related stories: %w", err)
		}
		ids = append(ids, other)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return nil, err
	}
	stories, err := s.PublishedArticles(ctx, ArticleFilter{IDs: ids, Limit: len(ids)})
	if err != nil {
		return nil, err
	}
	rank := make(map[int64]int, len(ids))
	for i, other := range ids {
		rank[other] = i
	}
	out := make([]news.Article, len(ids))
	n := 0
	for _, a := range stories {
		out[rank[a.ID]] = a
		n++
	}
	// A story unpublished between the two reads leaves a hole.
	kept := out[:0]
	for _, a := range out {
		if a.ID != 0 {
			kept = append(kept, a)
		}
	}
	return kept, nil
}
