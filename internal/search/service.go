package search

import (
	"context"
	"html"
	"html/template"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Service searches the paper, within its Limits. The site and the API
// share one, so their searches count against the same slots.
type Service struct {
	store Store
	gate  gate
}

// Store is what a search reads: the *store.Store, or in a test one that
// holds a search inside its slot.
type Store interface {
	Search(ctx context.Context, q store.SearchQuery) ([]store.SearchHit, int, error)
	PublishedArticles(ctx context.Context, f store.ArticleFilter) ([]news.Article, error)
	Bodies(ctx context.Context, ids []int64) (map[int64]string, error)
}

// New returns the search service; zero Limits take the defaults.
func New(s Store, l Limits) *Service { return &Service{store: s, gate: newGate(l)} }

// Filters narrow a search, and choose its order.
type Filters struct {
	SectionIDs []int64
	From       time.Time
	Before     time.Time
	// Newest lists the matches newest first (up to store.CountLimit)
	// instead of the best of the newest Ranked.
	Newest bool
}

// Hit is one result with its title and snippet, the matched words marked.
type Hit struct {
	Article news.Article
	Title   template.HTML
	Snippet template.HTML
}

// Results is one page of results.
type Results struct {
	Query Query
	Hits  []Hit
	Total int
	More  bool // more than Total matched; counting stopped there
}

// Ranked is how many of the newest matches are ranked by relevance and
// paged through; newest first, all counted matches are.
const Ranked = 300

// Search runs q and returns page (1-based) of perPage results. It answers
// ErrBusy when no slot frees before the deadline and ErrTooSlow when the
// search runs past it.
func (s *Service) Search(ctx context.Context, q Query, f Filters, page, perPage int) (Results, error) {
	res := Results{Query: q}
	if q.Empty() {
		return res, nil
	}
	err := s.gate.run(ctx, func(ctx context.Context) error {
		var err error
		res, err = s.search(ctx, q, f, page, perPage)
		return err
	})
	return res, err
}

// search is Search inside its slot and deadline.
func (s *Service) search(ctx context.Context, q Query, f Filters, page, perPage int) (Results, error) {
	res := Results{Query: q}
	hits, total, err := s.store.Search(ctx, store.SearchQuery{Words: q.Words, Phrases: q.Phrases,
		SectionIDs: f.SectionIDs, From: f.From, Before: f.Before, Limit: Ranked, Newest: f.Newest})
	if err != nil {
		return res, err
	}
	res.Total, res.More = min(total, store.CountLimit), total > store.CountLimit
	// The database ranks by relevance on folded text; among its best
	// candidates, matches with the reader's own diacritics come first.
	if !f.Newest {
		scores := make(map[int64]int, len(hits))
		for _, h := range hits {
			scores[h.ID] = q.exactScore(h.Title + " " + h.Lead)
		}
		slices.SortStableFunc(hits, func(a, b store.SearchHit) int { return scores[b.ID] - scores[a.ID] })
	}
	start := (page - 1) * perPage
	if start >= len(hits) {
		return res, nil
	}
	pageHits := hits[start:min(start+perPage, len(hits))]
	ids := make([]int64, len(pageHits))
	for i, h := range pageHits {
		ids[i] = h.ID
	}
	summaries, err := s.store.PublishedArticles(ctx, store.ArticleFilter{IDs: ids, Limit: len(ids)})
	if err != nil {
		return res, err
	}
	bodies, err := s.store.Bodies(ctx, ids)
	if err != nil {
		return res, err
	}
	byID := map[int64]news.Article{}
	for _, a := range summaries {
		a.Body = bodies[a.ID]
		byID[a.ID] = a
	}
	for _, id := range ids {
		if a, ok := byID[id]; ok {
			res.Hits = append(res.Hits, Hit{Article: a, Title: mark(a.Title, q), Snippet: mark(snippetText(a, q), q)})
		}
	}
	return res, nil
}

// folded returns every folded word of q, to mark in results.
func (q Query) folded() map[string]bool {
	set := map[string]bool{}
	for _, w := range q.Words {
		set[w] = true
	}
	for _, p := range q.Phrases {
		for _, w := range p {
			set[w] = true
		}
	}
	return set
}

// snippetText is the lead, or the stretch of the body around the first
// match when the lead has none.
func snippetText(a news.Article, q Query) string {
	words := q.folded()
	if matches(a.Lead, words) {
		return a.Lead
	}
	body := strings.Join(strings.Fields(store.PlainText(a.Body)), " ")
	fields := strings.Fields(body)
	for i, f := range fields {
		if words[strings.Join(tokens(vietnamese.Fold(f)), "")] {
			from, to := max(i-15, 0), min(i+25, len(fields))
			text := strings.Join(fields[from:to], " ")
			if from > 0 {
				text = "… " + text
			}
			if to < len(fields) {
				text += " …"
			}
			return text
		}
	}
	return a.Lead
}

func matches(text string, words map[string]bool) bool {
	for _, t := range tokens(vietnamese.Fold(text)) {
		if words[t] {
			return true
		}
	}
	return false
}

// mark escapes text and wraps every word whose folded form is searched
// for in <mark>, so "duong" marks "đường" where the reader sees it.
func mark(text string, q Query) template.HTML {
	words := q.folded()
	var b strings.Builder
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			b.WriteString(html.EscapeString(text[i : i+size]))
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			j += size
		}
		word := text[i:j]
		if words[vietnamese.Fold(word)] {
			b.WriteString("<mark>" + html.EscapeString(word) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(word))
		}
		i = j
	}
	return template.HTML(b.String())
}
