package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
)

// MaxRelatedPicks is how many stories editors may pick for one story's
// "Tin liên quan".
const MaxRelatedPicks = 6

// Related is "Tin liên quan" of story id: the published stories editors
// picked (picks, in their order, as the story was read), then stories
// sharing its tags (tagIDs), up to limit in all and each once, with what
// a list of titles shows (ArticleFilter.TitlesOnly). Without picks one
// query reads the tags' stories with their titles; with picks it reads
// the tags' candidates, then the stories: the picks come with the story,
// and a pick taken down is left out by the second read, so enough
// candidates are asked for to take its place.
func (s *Store) Related(ctx context.Context, id int64, picks, tagIDs []int64, limit int) ([]news.Article, error) {
	var ids []int64
	for _, p := range picks {
		if p != id && !slices.Contains(ids, p) {
			ids = append(ids, p)
		}
	}
	if len(ids) == 0 {
		// No picks, the usual case: the tags' stories with their titles in
		// one query, one round trip less before the page can be drawn.
		return s.relatedByTags(ctx, id, tagIDs, limit)
	}
	if len(tagIDs) > 0 {
		byTags, err := s.relatedIDsByTags(ctx, id, tagIDs, limit+len(ids))
		if err != nil {
			return nil, err
		}
		for _, other := range byTags {
			if !slices.Contains(ids, other) {
				ids = append(ids, other)
			}
		}
	}
	stories, err := s.publishedInOrder(ctx, ArticleFilter{IDs: ids, TitlesOnly: true})
	if err != nil {
		return nil, err
	}
	return stories[:min(limit, len(stories))], nil
}

// relatedPerTag bounds "Tin liên quan" by tags: of each of the story's
// tags only its newest relatedPerTag published stories are candidates,
// read newest first from the (tag_id, article_id) index, so a tag on
// 50,000 stories of a fifteen-year archive costs what a tag on 50 does.
const relatedPerTag = 50

// relatedMaxTags is how many of a story's tags are read for it, the
// lowest ids first.
const relatedMaxTags = 8

// rankedByTags is the query of up to limit published stories sharing
// tags with story id, as (article_id, shared): those sharing the most
// tags first, then the newest (by id, the order stories entered the
// paper), among each tag's newest. "" when the story has no tags.
func (s *Store) rankedByTags(a *args, id int64, tagIDs []int64, limit int) string {
	tags := slices.Clone(tagIDs)
	slices.Sort(tags)
	tags = slices.Compact(tags)[:min(len(tags), relatedMaxTags)]
	if len(tags) == 0 {
		return ""
	}
	// With one tag the newest are the answer: no count of shared tags to
	// rank candidates by.
	candidates := relatedPerTag
	if len(tags) == 1 {
		candidates = limit
	}
	story, published, perTag := a.add(id), a.add(string(news.Published)), strconv.Itoa(candidates) // see pageOf
	parts := make([]string, len(tags))
	for i, tag := range tags {
		parts[i] = `SELECT article_id FROM (SELECT t.article_id FROM article_tags t
			JOIN ` + s.dialect.articlesByID + ` ON a.id = t.article_id AND a.status = ` + published + `
			WHERE t.tag_id = ` + a.add(tag) + ` AND t.article_id <> ` + story + `
			ORDER BY t.article_id DESC LIMIT ` + perTag + `) r` + strconv.Itoa(i)
	}
	return `SELECT article_id, COUNT(*) AS shared FROM (` + strings.Join(parts, " UNION ALL ") + `) c
		GROUP BY article_id ORDER BY shared DESC, article_id DESC LIMIT ` + strconv.Itoa(limit)
}

// relatedIDsByTags is rankedByTags' stories' ids.
func (s *Store) relatedIDsByTags(ctx context.Context, id int64, tagIDs []int64, limit int) ([]int64, error) {
	var a args
	q := s.rankedByTags(&a, id, tagIDs, limit)
	if q == "" {
		return nil, nil
	}
	rows, err := s.read.QueryContext(ctx, `SELECT article_id FROM (`+q+`) r ORDER BY shared DESC, article_id DESC`, a...)
	if err != nil {
		return nil, fmt.Errorf("related stories: %w", err)
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return nil, fmt.Errorf("related stories: %w", err)
	}
	return ids, nil
}

// relatedByTags is rankedByTags' stories as lists of titles show them.
func (s *Store) relatedByTags(ctx context.Context, id int64, tagIDs []int64, limit int) ([]news.Article, error) {
	var a args
	q := s.rankedByTags(&a, id, tagIDs, limit)
	if q == "" {
		return nil, nil
	}
	return queryAll(ctx, s.read, func(r rowScanner) (news.Article, error) { return scanTitle(r) }, "related stories",
		`SELECT `+titleFields+` FROM (`+q+`) r JOIN articles a ON a.id = r.article_id ORDER BY r.shared DESC, r.article_id DESC`, a...)
}

// publishedInOrder reads the published stories of f.IDs in their order.
func (s *Store) publishedInOrder(ctx context.Context, f ArticleFilter) ([]news.Article, error) {
	ids := f.IDs
	if len(ids) == 0 {
		return nil, nil
	}
	f.Limit = len(ids)
	stories, err := s.PublishedArticles(ctx, f)
	if err != nil {
		return nil, err
	}
	rank := make(map[int64]int, len(ids))
	for i, other := range ids {
		rank[other] = i
	}
	out := make([]news.Article, len(ids))
	for _, a := range stories {
		out[rank[a.ID]] = a
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

// ArticleStates is the state of each of ids that is a story; ids that are
// not are missing from the map.
func (s *Store) ArticleStates(ctx context.Context, ids []int64) (map[int64]news.Status, error) {
	states := make(map[int64]news.Status, len(ids))
	if len(ids) == 0 {
		return states, nil
	}
	var a args
	rows, err := s.read.QueryContext(ctx, `SELECT id, status FROM articles WHERE id IN (`+a.list(ids)+`)`, a...)
	if err != nil {
		return nil, fmt.Errorf("article states: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var status string
		if err := rows.Scan(&id, &status); err != nil {
			return nil, fmt.Errorf("article states: %w", err)
		}
		states[id] = news.Status(status)
	}
	return states, rows.Err()
}

// writePickedRelated replaces the stories picked for a: the editorial
// service has checked them; the keys keep a story from being picked twice.
func writePickedRelated(ctx context.Context, tx execQuerier, a *news.Article) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_related WHERE article_id = $1`, a.ID); err != nil {
		return fmt.Errorf("clear related picks: %w", err)
	}
	for i, other := range a.RelatedIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_related (article_id, related_id, position) VALUES ($1, $2, $3)
			ON CONFLICT DO NOTHING`, a.ID, other, i); err != nil {
			return fmt.Errorf("add related pick %d: %w", other, err)
		}
	}
	return nil
}
