package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// How a search stays bounded on any archive. One query walks the index's
// matches newest first (by article id, the index's own order), joins each
// to a narrow index of the articles for the state, section and time
// filters, and stops at CountLimit+1: that is the count, and the newest
// Limit of them are ranked in Go by where the words are (title, lead).
// Neither database computes a relevance score over all the matches
// (FTS5's bm25 reads every query term's whole list to weigh it: 10–44 ms
// a search at 100,000 stories). What could still walk far is a filter
// that rejects most matches; each is narrowed in the index itself:
//   - a section is a token of each story's text (sectionToken), so the
//     index intersects it with the words;
//   - a date range becomes the range of ids published in it (idRange),
//     which both indexes seek to; the dates are checked on the way.
//
// On PostgreSQL a walk checks each candidate's document, so it is cheap
// for common words and reads the whole archive for rare ones, which the
// GIN index answers from its lists; the planner, which does not count
// reading a document, chose wrong both ways. So the newest rangeSample
// stories are walked first and their rate of matches decides (walkOrIndex
// without dates, walkOn within a range).

// CountLimit is where Search stops counting matches.
const CountLimit = 1000

// SearchQuery is a search in folded words: every word and every phrase
// must match. Words contain only [a-z0-9], so no query syntax can slip in.
type SearchQuery struct {
	Words      []string
	Phrases    [][]string
	SectionIDs []int64
	From       time.Time // published at or after
	Before     time.Time // published before
	// Limit is how many of the newest matches are ranked and returned,
	// best first; with Newest, the matches (up to CountLimit) come newest
	// first instead, unranked.
	Limit  int
	Newest bool
}

// SearchHit is a published article matching a search. Title and Lead are
// set for ranked hits only.
type SearchHit struct {
	ID          int64
	Title, Lead string
	PublishedAt time.Time
	score       int
}

// Search finds published articles and counts them, stopping at
// CountLimit+1. It ranks the newest Limit matches, best match first: on a
// paper, a word found in thousands of stories wants this year's stories,
// not the densest ones from ten years ago, and the cost stays the same
// however common the word.
func (s *Store) Search(ctx context.Context, q SearchQuery) ([]SearchHit, int, error) {
	if len(q.Words) == 0 && len(q.Phrases) == 0 {
		return nil, 0, nil
	}
	hits, err := s.searchMatches(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	total := len(hits)
	if q.Newest {
		slices.SortStableFunc(hits, func(a, b SearchHit) int { return b.PublishedAt.Compare(a.PublishedAt) })
		return hits[:min(len(hits), CountLimit)], total, nil
	}
	limit := q.Limit
	if limit <= 0 || limit > 500 {
		limit = 200
	}
	hits = hits[:min(len(hits), limit)]
	if err := s.rankHits(ctx, hits, searchTokens(q)); err != nil {
		return nil, 0, err
	}
	return hits, total, nil
}

// searchMatches is up to CountLimit+1 published matches, newest id first.
func (s *Store) searchMatches(ctx context.Context, q SearchQuery) ([]SearchHit, error) {
	d := s.dialect.search
	tokens := queryTokens(q.Words, q.Phrases)
	// Walks read the stories' words from PostgreSQL's search_words, kept
	// in the row, for searches without phrases (pairs are not there), once
	// every story is there.
	wordsApart := d.walkFrom != "" && len(tokens.pairs) == 0
	walkFrom := d.from
	if len(q.SectionIDs) > 0 || wordsApart {
		pending, err := s.indexPending(ctx)
		if err != nil {
			return nil, err
		}
		if !pending && len(q.SectionIDs) > 0 {
			tokens.anyOf = sectionTokens(q.SectionIDs)
		}
		if !pending && wordsApart {
			walkFrom = d.walkFrom
		}
	}
	var a args
	where := d.match(&a, tokens) + ` AND ` + searchFilters(&a, q)
	if q.From.IsZero() && q.Before.IsZero() {
		if d.matching == nil {
			return s.walkMatches(ctx, d.from, where, a)
		}
		return s.walkOrIndex(ctx, q, tokens, walkFrom, where, a)
	}
	lo, hi, found, err := s.idRange(ctx, q.From, q.Before)
	if err != nil || !found {
		return nil, err // nothing published in the range
	}
	// The walk keeps to the range's ids; the dates themselves are checked
	// here, not in the query: with a condition on the publication time
	// beside the ids, PostgreSQL misjudged how many stories pass both
	// (they go together) and read every story of the range to sort it
	// (90 ms for a month at 100,000 stories, where the walk newest
	// first stops at the count: 10 ms).
	loArg, hiArg := a.add(lo), a.add(hi)
	where += ` AND ` + d.idColumn + ` BETWEEN ` + loArg + ` AND ` + hiArg
	r := rangeWalk{q: q, a: a, lower: len(a) - 2, upper: len(a) - 1}
	if d.inRange == nil || hi-lo < rangeSample {
		return r.walk(ctx, s, walkFrom, where)
	}
	// PostgreSQL checks each candidate's document as it walks: cheap
	// when the words are in most stories (the walk stops at the count),
	// but a word in a few percent of them makes it check every story of
	// the range. The range's newest rangeSample ids say which: walked
	// first, they are the search's newest matches either way.
	if err := r.sample(ctx, s, walkFrom, where, lo, hi); err != nil {
		return nil, err
	}
	if walkOn(len(r.hits), hi-rangeSample-lo+1) {
		return r.walk(ctx, s, walkFrom, where)
	}
	var fa args
	loArg, hiArg = fa.add(lo), fa.add(hi-rangeSample)
	from := d.inRange(&fa, tokens, loArg, hiArg)
	filters := searchFilters(&fa, q)
	rest := rangeWalk{q: q, a: fa, lower: 0, upper: 1, hits: r.hits}
	return rest.walk(ctx, s, from, filters)
}

// searchFilters is the condition on articles "a" that a search's
// matches pass: published, and in its sections.
func searchFilters(a *args, q SearchQuery) string {
	filters := `a.status = ` + a.add(string(news.Published))
	if len(q.SectionIDs) > 0 {
		filters += ` AND a.section_id IN (` + a.list(q.SectionIDs) + `)`
	}
	return filters
}

// walkOrIndex is searchMatches without dates on PostgreSQL. The newest
// rangeSample ids are walked first (from walkFrom: search_words for words
// alone, else article_search) to measure how common the words are; then
// whichever costs less by that measure: the walk newest first to the
// count, or the GIN index alone (search_matching), which reads every
// match. Where and a are the search's condition on "s" and the stories,
// and its arguments. Left to itself the planner walked for a word it had
// no statistics for (4.2 s for one in no story at 1,000,000) and asked
// the index for one in half of them.
func (s *Store) walkOrIndex(ctx context.Context, q SearchQuery, tokens tokenQuery, walkFrom, where string, a args) ([]SearchHit, error) {
	var hi int64
	if err := s.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(article_id), 0) FROM article_search`).Scan(&hi); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if hi < rangeSample {
		return s.walkMatches(ctx, walkFrom, where, a)
	}
	sample := append(slices.Clone(a), hi-rangeSample+1)
	found, err := s.walkMatches(ctx, walkFrom, where+` AND s.article_id >= $`+strconv.Itoa(len(sample)), sample)
	if err != nil {
		return nil, err
	}
	// A check of a document in TOAST (article_search) costs about five
	// times one match from the index; one in the row about the same.
	check := int64(5)
	if walkFrom == s.dialect.search.walkFrom {
		check = 1
	}
	if walkCheaper(len(found), hi-rangeSample, check) {
		// Walked again from the newest: a range on the ids beside the
		// words made the planner ask the index instead (3 s at
		// 1,000,000 for a word in half the stories).
		return s.walkMatches(ctx, walkFrom, where, a)
	}
	var fa args
	from := s.dialect.search.matching(&fa, tokens)
	return s.walkMatches(ctx, from, searchFilters(&fa, q), fa)
}

// walkCheaper reports whether a walk newest first costs less than the
// index's every match, for words found sampled times in rangeSample
// stories, with rest stories left: the walk checks about
// CountLimit/rate stories, check times a match's cost each; the index
// reads rate×rest matches.
func walkCheaper(sampled int, rest, check int64) bool {
	if sampled == 0 {
		return false
	}
	walked := min(rest, CountLimit*rangeSample/int64(sampled))
	return walked*check < int64(sampled)*rest/rangeSample
}

// rangeSample is how many of a range's newest ids PostgreSQL walks to
// tell common words (walk on) from others (the GIN index).
const rangeSample = 256

// walkOn reports whether a walk goes on past the sample, which found
// sampled matches, over rest more ids. The index's way reads every match
// of the rest (a year of a word in a fifth of the stories: tens of
// thousands); the walk stops at the count. So the index only for words
// the sample found uncommon, and for a rest holding few of them by its
// measure.
func walkOn(sampled int, rest int64) bool {
	return sampled >= rangeSample*2/5 || int64(sampled)*rest/rangeSample > 4*CountLimit
}

// rangeWalk collects a date range's matches, newest id first, walking
// down from args[upper] to args[lower].
type rangeWalk struct {
	q            SearchQuery
	a            args
	lower, upper int
	hits         []SearchHit
	done         bool // the count is reached, or nothing is left below
}

// sample walks the newest rangeSample ids of [lo, hi], the first step of
// a walk newest first whichever way the rest is found, and leaves the
// walk at the rest: lo to hi-rangeSample.
func (r *rangeWalk) sample(ctx context.Context, s *Store, from, where string, lo, hi int64) error {
	r.a[r.lower] = hi - rangeSample + 1
	if err := r.step(ctx, s, from, where); err != nil {
		return err
	}
	r.done = false // the sample's end, not the range's
	r.a[r.lower], r.a[r.upper] = lo, hi-rangeSample
	return nil
}

// walk steps until done.
func (r *rangeWalk) walk(ctx context.Context, s *Store, from, where string) ([]SearchHit, error) {
	for !r.done {
		if err := r.step(ctx, s, from, where); err != nil {
			return nil, err
		}
	}
	return r.result(), nil
}

// step walks once from args[upper] down, keeping the matches published
// in the range. Stories published out of their ids' order (a draft
// published late) are the only ones left out; when a step found the
// count but kept fewer, the next walks on past them.
func (r *rangeWalk) step(ctx context.Context, s *Store, from, where string) error {
	walked, err := s.walkMatches(ctx, from, where, r.a)
	if err != nil {
		return err
	}
	for _, h := range walked {
		if !h.PublishedAt.Before(r.q.From) && (r.q.Before.IsZero() || h.PublishedAt.Before(r.q.Before)) {
			r.hits = append(r.hits, h)
		}
	}
	r.done = len(walked) <= CountLimit || len(r.hits) > CountLimit
	if !r.done {
		r.a[r.upper] = walked[len(walked)-1].ID - 1
	}
	return nil
}

func (r *rangeWalk) result() []SearchHit { return r.hits[:min(len(r.hits), CountLimit+1)] }

// walkMatches runs the search's condition where on from, newest id
// first, up to CountLimit+1 matches.
func (s *Store) walkMatches(ctx context.Context, from, where string, a args) ([]SearchHit, error) {
	d := s.dialect.search
	rows, err := s.read.QueryContext(ctx, `SELECT a.id, a.published_at`+from+` WHERE `+where+
		` ORDER BY `+d.idColumn+` DESC LIMIT `+strconv.Itoa(CountLimit+1), a...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var hits []SearchHit
	for rows.Next() {
		var h SearchHit
		if err := rows.Scan(&h.ID, &h.PublishedAt); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		h.PublishedAt = h.PublishedAt.UTC()
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// idRange is the lowest and highest id of the stories published in
// [from, before), read from the index of publication times (all of the
// range's entries: 15 ms for the whole of 100,000 stories); found is
// false when there is none. Ids mostly follow publication, so the range
// is narrow for a narrow time; a draft published late or an imported
// archive only widens it, never drops a story.
func (s *Store) idRange(ctx context.Context, from, before time.Time) (lo, hi int64, found bool, err error) {
	var a args
	where := `status = ` + a.add(string(news.Published)) + ` AND published_at IS NOT NULL`
	if !from.IsZero() {
		where += ` AND published_at >= ` + a.add(from.UTC())
	}
	if !before.IsZero() {
		where += ` AND published_at < ` + a.add(before.UTC())
	}
	var min, max *int64
	// MIN(id + 0): on a plain MIN(id) PostgreSQL walks the primary key
	// from its end until a story in the range turns up (136 ms for last
	// month at 100,000 stories, more for a year ago); this reads the
	// range from the index of publication times (3.6 ms).
	if err := s.read.QueryRowContext(ctx, `SELECT MIN(id + 0), MAX(id + 0) FROM articles WHERE `+where, a...).Scan(&min, &max); err != nil {
		return 0, 0, false, fmt.Errorf("search dates: %w", err)
	}
	if min == nil || max == nil {
		return 0, 0, false, nil
	}
	return *min, *max, true, nil
}

// indexPending reports whether stories wait to be indexed again
// (search_pending): their rows may lack the section tokens, so section
// filters use the join alone meanwhile.
func (s *Store) indexPending(ctx context.Context) (bool, error) {
	var pending int
	if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM search_pending LIMIT 1) p`).Scan(&pending); err != nil {
		return false, fmt.Errorf("search index state: %w", err)
	}
	return pending > 0, nil
}

// sectionToken is the token a story's section adds to its indexed text:
// "zsection0" and the id, a form no Vietnamese or English text spells.
func sectionToken(id int64) string { return "zsection0" + strconv.FormatInt(id, 10) }

func sectionTokens(ids []int64) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = sectionToken(id)
	}
	return out
}
