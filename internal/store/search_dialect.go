package store

import (
	"slices"
	"strings"
)

// searchDialect is full-text search, the one feature the two databases
// do differently: SQLite's FTS5 and PostgreSQL's tsvector. Both index the
// same text, folded in Go, and get the same tokens to find.
type searchDialect struct {
	// index replaces an article's row, with indexArgs's arguments.
	index     []string
	indexArgs func(id int64, t indexedText) []any
	// match adds q's arguments to a and returns its condition on the
	// search table "s".
	match func(a *args, q tokenQuery) string
	// similar is match for the stories holding any of phrases, whole
	// (SimilarStories); pending as in tokenQuery.
	similar func(a *args, phrases [][]string, pending bool) string
	// from joins the search table "s" to articles "a"; idColumn is the
	// search table's article id, the order its index walks fastest.
	from     string
	idColumn string
	// inRange, on PostgreSQL only (nil on SQLite), adds q's arguments to
	// a and returns a from clause of the stories between the ids of the
	// placeholders lo and hi that match q, found by the search indexes
	// alone (migration 0032's search_in_range); the where clause then
	// holds the filters on "a" only.
	inRange func(a *args, q tokenQuery, lo, hi string) string
	// indexed is true of article "a" when the index holds it: on SQLite
	// through FTS5's small docsize table, since a scan of the search
	// table itself reads every story's text (21 s cold at 100,000).
	indexed string
}

// indexedText is what a story's search row is written from: its folded
// title, lead and body each followed by its word pairs (FTS5's three
// columns), and the same split in two (PostgreSQL's two documents): its
// single words with its section's token, and its pairs.
type indexedText struct {
	title, lead, body string
	words, pairs      string
}

// tokenQuery is what a search asks the index for, in folded tokens: every
// one of words and pairs, and, when anyOf is not empty, one of anyOf.
// Words are single words (a phrase of one word is its word); pairs are the
// pair tokens of the longer phrases (store/search_pairs.go).
type tokenQuery struct {
	words, pairs, anyOf []string
	phraseWords         []string // the longer phrases' words
	// pending: rows written before PostgreSQL kept pairs in their own
	// document may be waiting to be indexed again (search_pending); their
	// pairs are still in the words' document.
	pending bool
}

// queryTokens splits a search's words and phrases into a tokenQuery.
func queryTokens(words []string, phrases [][]string) tokenQuery {
	q := tokenQuery{words: slices.Clone(words)}
	for _, p := range phrases {
		if len(p) == 1 {
			q.words = append(q.words, p[0])
			continue
		}
		q.pairs = append(q.pairs, pairTokens(p)...)
		q.phraseWords = append(q.phraseWords, p...)
	}
	return q
}

var sqliteSearch = searchDialect{
	index: []string{
		`DELETE FROM article_search WHERE rowid = $1`,
		`INSERT INTO article_search (rowid, title, lead, body) VALUES ($1, $2, $3, $4)`,
	},
	indexArgs: func(id int64, t indexedText) []any { return []any{id, t.title, t.lead, t.body} },
	from:      ` FROM article_search s CROSS JOIN articles a INDEXED BY articles_search_filters ON a.id = s.rowid`,
	indexed:   `EXISTS (SELECT 1 FROM article_search_docsize d WHERE d.id = a.id)`,
	idColumn:  "s.rowid",
	// FTS5 holds words and pairs in the same columns: one MATCH.
	match: func(a *args, q tokenQuery) string {
		var parts []string
		for _, tok := range append(slices.Clone(q.words), q.pairs...) {
			parts = append(parts, `"`+tok+`"`)
		}
		if len(q.anyOf) > 0 {
			parts = append(parts, `("`+strings.Join(q.anyOf, `" OR "`)+`")`)
		}
		return `article_search MATCH ` + a.add(strings.Join(parts, " AND "))
	},
	similar: func(a *args, phrases [][]string, _ bool) string {
		var parts []string
		for _, p := range phrases {
			parts = append(parts, `"`+strings.Join(pairTokens(p), `" AND "`)+`"`)
		}
		return `article_search MATCH ` + a.add("("+strings.Join(parts, ") OR (")+")")
	},
}

// postgresSearch keeps no positions or weights in its documents (strip):
// phrases are found by word pairs and candidates ranked in Go. Each row
// holds two (migration 0032): document, the story's single words, stored
// in the row itself (about 3 KB), which is what a walk checks for most
// searches; pairs, its word pairs, TOASTed, read for phrases only. Both
// have a GIN index; the table holds nothing else (migration 0029), so its
// rows are small and a bitmap of matches reads few pages.
var postgresSearch = searchDialect{
	index: []string{
		`INSERT INTO article_search (article_id, document, pairs)
		 VALUES ($1, strip(to_tsvector('simple', $2)), strip(to_tsvector('simple', $3)))
		 ON CONFLICT (article_id) DO UPDATE SET document = excluded.document, pairs = excluded.pairs`,
	},
	indexArgs: func(id int64, t indexedText) []any { return []any{id, t.words, t.pairs} },
	from:      ` FROM article_search s JOIN articles a ON a.id = s.article_id`,
	indexed:   `EXISTS (SELECT 1 FROM article_search d WHERE d.article_id = a.id)`,
	idColumn:  "s.article_id",
	match: func(a *args, q tokenQuery) string {
		var conds []string
		if words := pgWords(q); words != "" {
			conds = append(conds, `s.document @@ to_tsquery('simple', `+a.add(words)+`)`)
		}
		if len(q.pairs) > 0 {
			conds = append(conds, pgPairs(a, strings.Join(q.pairs, " & "), q.pending))
		}
		return strings.Join(conds, " AND ")
	},
	similar: func(a *args, phrases [][]string, pending bool) string {
		var words, pairs []string
		for _, p := range phrases {
			if len(p) == 1 {
				words = append(words, p[0])
			} else {
				pairs = append(pairs, "("+strings.Join(pairTokens(p), " & ")+")")
			}
		}
		var conds []string
		if len(words) > 0 {
			conds = append(conds, `s.document @@ to_tsquery('simple', `+a.add(strings.Join(words, " | "))+`)`)
		}
		if len(pairs) > 0 {
			conds = append(conds, pgPairs(a, strings.Join(pairs, " | "), pending))
		}
		return "(" + strings.Join(conds, " OR ") + ")"
	},
	inRange: func(a *args, q tokenQuery, lo, hi string) string {
		words := pgWords(q)
		if words == "" {
			// The function needs words to search its index with: a
			// phrase's own words, all in the stories its pairs are in.
			q.words = q.phraseWords
			words = pgWords(q)
		}
		pairs := "NULL"
		if len(q.pairs) > 0 {
			pairs = `to_tsquery('simple', ` + a.add(strings.Join(q.pairs, " & ")) + `)`
		}
		return ` FROM search_in_range(to_tsquery('simple', ` + a.add(words) + `), ` + pairs + `, ` + lo + `, ` + hi +
			`) s JOIN articles a ON a.id = s.article_id`
	},
}

// pgWords is q's condition on the words' document, as a tsquery's text:
// "" when it has none.
func pgWords(q tokenQuery) string {
	query := strings.Join(q.words, " & ")
	if len(q.anyOf) > 0 {
		any := strings.Join(q.anyOf, " | ")
		if query == "" {
			return any
		}
		return "(" + query + ") & (" + any + ")"
	}
	return query
}

// pgPairs is the condition that the pairs' document matches the tsquery
// text query; while rows wait to be indexed again, their words' document
// may hold the pairs instead.
func pgPairs(a *args, query string, pending bool) string {
	ph := a.add(query)
	if pending {
		return `(s.pairs @@ to_tsquery('simple', ` + ph + `) OR s.document @@ to_tsquery('simple', ` + ph + `))`
	}
	return `s.pairs @@ to_tsquery('simple', ` + ph + `)`
}
