package store

import (
	"context"
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Ranking a search's candidates in Go. Every candidate matches every
// word somewhere; what sets them apart for a reader is where: a word in
// the title says the story is about it, a word in the lead that it
// matters to it, a word deep in the body little. So a candidate scores
// titleWeight for each query token in its title and leadWeight for each
// in its lead; ties go to the newer story. This reads the candidates'
// titles and leads by id (a few hundred rows through the primary key)
// instead of asking the database for a score, which both would compute
// from the words' whole lists.
const (
	titleWeight = 10
	leadWeight  = 4
)

// searchTokens are the index tokens a query's words and phrases are
// found by: the words, and each phrase's word pairs.
func searchTokens(q SearchQuery) []string {
	out := slices.Clone(q.Words)
	for _, p := range q.Phrases {
		out = append(out, pairTokens(p)...)
	}
	return out
}

// rankHits reads the hits' titles and leads, scores them by tokens and
// sorts them best first, the newer first among equals.
func (s *Store) rankHits(ctx context.Context, hits []SearchHit, tokens []string) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]int64, len(hits))
	at := make(map[int64]int, len(hits))
	for i, h := range hits {
		ids[i], at[h.ID] = h.ID, i
	}
	var a args
	rows, err := s.read.QueryContext(ctx, `SELECT id, title, lead FROM articles WHERE id IN (`+a.list(ids)+`)`, a...)
	if err != nil {
		return fmt.Errorf("rank search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var title, lead string
		if err := rows.Scan(&id, &title, &lead); err != nil {
			return fmt.Errorf("rank search: %w", err)
		}
		h := &hits[at[id]]
		h.Title, h.Lead = title, lead
		h.score = titleWeight*countTokens(title, tokens) + leadWeight*countTokens(lead, tokens)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("rank search: %w", err)
	}
	slices.SortStableFunc(hits, func(a, b SearchHit) int {
		if a.score != b.score {
			return b.score - a.score
		}
		return b.PublishedAt.Compare(a.PublishedAt)
	})
	return nil
}

// countTokens is how many of tokens (at most 64 count) the folded text
// holds, as words or as the pairs of neighbouring words.
func countTokens(text string, tokens []string) int {
	folded := vietnamese.Fold(text)
	var found uint64
	prev := ""
	start := -1
	for i := 0; i <= len(folded); i++ {
		if i < len(folded) && (folded[i] >= 'a' && folded[i] <= 'z' || folded[i] >= '0' && folded[i] <= '9') {
			if start < 0 {
				start = i
			}
			continue
		}
		if start < 0 {
			if i < len(folded) && folded[i] != ' ' && !inNumber(folded, i) {
				prev = "" // punctuation breaks a pair, as in withPairs
			}
			continue
		}
		word := folded[start:i]
		for t, tok := range tokens[:min(len(tokens), 64)] {
			if tok == word || isPair(tok, prev, word) {
				found |= 1 << t
			}
		}
		prev, start = word, -1
		if i < len(folded) && folded[i] != ' ' && !inNumber(folded, i) {
			prev = ""
		}
	}
	return bits.OnesCount64(found)
}

// isPair reports whether tok is the pair token of first and second.
func isPair(tok, first, second string) bool {
	return first != "" && len(tok) == len(first)+len(pairJoiner)+len(second) &&
		strings.HasPrefix(tok, first) && strings.HasSuffix(tok, second) && tok[len(first):len(first)+len(pairJoiner)] == pairJoiner
}
