package store

import (
	"context"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
)

// similarCandidates is how many of the newest matching stories are ranked
// for SimilarStories: the cost stays the same however common the words.
const similarCandidates = 200

// SimilarStories lists up to limit published stories whose text shares
// the most of phrases (folded words, [a-z0-9] only, as search.Parse makes
// them; pairs of syllables are Vietnamese words), best match first among
// the newest matches, without the stories of exclude: the rest of "Tin
// liên quan" after the editors' picks and the shared tags.
func (s *Store) SimilarStories(ctx context.Context, phrases [][]string, exclude []int64, limit int) ([]news.Article, error) {
	if len(phrases) == 0 || limit <= 0 {
		return nil, nil
	}
	d := s.dialect.search
	var a args
	where := d.similar(&a, phrases) + ` AND a.status = ` + a.add(string(news.Published))
	if len(exclude) > 0 {
		where += ` AND a.id NOT IN (` + a.list(exclude) + `)`
	}
	rows, err := s.read.QueryContext(ctx, `SELECT a.id, a.published_at`+d.from+` WHERE `+where+
		` ORDER BY `+d.idColumn+` DESC LIMIT `+a.add(similarCandidates), a...)
	if err != nil {
		return nil, fmt.Errorf("similar stories: %w", err)
	}
	var hits []SearchHit
	for rows.Next() {
		var h SearchHit
		if err := rows.Scan(&h.ID, &h.PublishedAt); err != nil {
			rows.Close()
			return nil, fmt.Errorf("similar stories: %w", err)
		}
		hits = append(hits, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(hits) == 0 {
		return nil, err
	}
	var tokens []string
	for _, p := range phrases {
		tokens = append(tokens, pairTokens(p)...)
	}
	if err := s.rankHits(ctx, hits, tokens); err != nil {
		return nil, fmt.Errorf("similar stories: %w", err)
	}
	hits = hits[:min(len(hits), limit)]
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	stories, err := s.PublishedArticles(ctx, ArticleFilter{IDs: ids, Limit: len(ids)})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]news.Article, len(stories))
	for _, st := range stories {
		byID[st.ID] = st
	}
	out := make([]news.Article, 0, len(ids))
	for _, id := range ids {
		if st, ok := byID[id]; ok {
			out = append(out, st)
		}
	}
	return out, nil
}
