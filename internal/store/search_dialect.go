package store

import (
	"slices"
	"strings"
)

// searchDialect is full-text search, the one feature the two databases
// do differently: SQLite's FTS5 and PostgreSQL's tsvector. Both index the
// same text, folded in Go, and get the same tokens to find.
type searchDialect struct {
	// index replaces an article's rows, each statement with its
	// arguments from indexArgs, in order.
	index     []string
	indexArgs func(id int64, t indexedText) [][]any
	// match adds q's arguments to a and returns its condition on the
	// search table "s".
	match func(a *args, q tokenQuery) string
	// similar is match for the stories holding any of phrases, whole
	// (SimilarStories).
	similar func(a *args, phrases [][]string) string
	// from joins the search table "s" to articles "a"; idColumn is the
	// search table's article id, the order its index walks fastest.
	from     string
	idColumn string
	// walkFrom, on PostgreSQL only, is from with the search_words table
	// (migration 0032) as "s": the stories' single words kept in the row,
	// for walks of searches without phrases; "" on SQLite.
	walkFrom string
	// inRange, on PostgreSQL only (nil on SQLite), adds q's arguments to
	// a and returns a from clause of the stories between the ids of the
	// placeholders lo and hi that match q, found by the search index
	// alone (migration 0030's search_in_range); the where clause then
	// holds the filters on "a" only.
	inRange func(a *args, q tokenQuery, lo, hi string) string
	// matching is inRange for the whole archive (migration 0032's
	// search_matching), on PostgreSQL only.
	matching func(a *args, q tokenQuery) string
	// indexed is true of article "a" when the index holds it: on SQLite
	// through FTS5's small docsize table, since a scan of the search
	// table itself reads every story's text (21 s cold at 100,000).
	indexed string
}

// indexedText is what a story's search row is written from: its folded
// title, lead and body each followed by its word pairs (FTS5's three
// columns), and the same as two lists (PostgreSQL's one document): its
// words, [a-z0-9] only, with its section's token, and its pairs.
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
	}
	return q
}

var sqliteSearch = searchDialect{
	// A row whose text is unchanged is left as it is (FTS5 keeps the
	// text): replacing it writes a new segment of its every token, which
	// later merges rewrite again.
	index: []string{
		`DELETE FROM article_search WHERE rowid = $1 AND (title, lead, body) IS NOT ($2, $3, $4)`,
		`INSERT INTO article_search (rowid, title, lead, body)
		 SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM article_search WHERE rowid = $1)`,
	},
	indexArgs: func(id int64, t indexedText) [][]any {
		return [][]any{{id, t.title, t.lead, t.body}, {id, t.title, t.lead, t.body}}
	},
	from:     ` FROM article_search s CROSS JOIN articles a INDEXED BY articles_search_filters ON a.id = s.rowid`,
	indexed:  `EXISTS (SELECT 1 FROM article_search_docsize d WHERE d.id = a.id)`,
	idColumn: "s.rowid",
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
	similar: func(a *args, phrases [][]string) string {
		var parts []string
		for _, p := range phrases {
			parts = append(parts, `"`+strings.Join(pairTokens(p), `" AND "`)+`"`)
		}
		return `article_search MATCH ` + a.add("("+strings.Join(parts, ") OR (")+")")
	},
}

// postgresSearch keeps no positions or weights in the document (strip):
// phrases are found by word pairs and candidates ranked in Go, and a
// third smaller document is cheaper to read for each candidate. The
// table holds the document alone (migration 0029): its rows are small,
// so a bitmap of matches reads few pages. Walks of searches without
// phrases read search_words instead (migration 0032): the single words
// kept in the row, one page read a story where the document is in TOAST.
var postgresSearch = searchDialect{
	// A row whose document is unchanged is left as it is: an update
	// writes a new version of the row and enters every one of its
	// hundreds of tokens in the GIN index again, and most saves (a
	// status, a schedule, a byline) and most stories indexed again by a
	// new version change no word.
	index: []string{
		`INSERT INTO article_search (article_id, document) VALUES ($1, strip(to_tsvector('simple', $2)))
		 ON CONFLICT (article_id) DO UPDATE SET document = excluded.document
		 WHERE article_search.document IS DISTINCT FROM excluded.document`,
		`INSERT INTO search_words (article_id, document) VALUES ($1, strip(to_tsvector('simple', $2)))
		 ON CONFLICT (article_id) DO UPDATE SET document = excluded.document
		 WHERE search_words.document IS DISTINCT FROM excluded.document`,
	},
	indexArgs: func(id int64, t indexedText) [][]any { return [][]any{{id, t.words + " " + t.pairs}, {id, t.words}} },
	from:      ` FROM article_search s JOIN articles a ON a.id = s.article_id`,
	walkFrom:  ` FROM search_words s JOIN articles a ON a.id = s.article_id`,
	// search_words is written with article_search: a story missing from
	// it (written by a server older than migration 0032 while the new one
	// ran) is indexed again at the next start, unless it waits in
	// search_pending, whose job indexes it newest first.
	indexed: `(EXISTS (SELECT 1 FROM search_words d WHERE d.article_id = a.id)
		OR EXISTS (SELECT 1 FROM search_pending p WHERE p.article_id = a.id))`,
	idColumn: "s.article_id",
	match: func(a *args, q tokenQuery) string {
		return `s.document @@ to_tsquery('simple', ` + a.add(pgQuery(q)) + `)`
	},
	similar: func(a *args, phrases [][]string) string {
		parts := make([]string, len(phrases))
		for i, p := range phrases {
			parts[i] = "(" + strings.Join(pairTokens(p), " & ") + ")"
		}
		return `s.document @@ to_tsquery('simple', ` + a.add(strings.Join(parts, " | ")) + `)`
	},
	// The matches sorted newest first, each joined to its story as
	// it comes, so the walk stops at the count: joined whole, the
	// planner hashed all 1,000,000 stories (490 against 65 ms).
	matching: func(a *args, q tokenQuery) string {
		return ` FROM (SELECT article_id FROM search_matching(to_tsquery('simple', ` + a.add(pgQuery(q)) + `)) ORDER BY article_id DESC) s
			CROSS JOIN LATERAL (SELECT id, status, section_id, published_at FROM articles WHERE id = s.article_id) a`
	},
	inRange: func(a *args, q tokenQuery, lo, hi string) string {
		return ` FROM search_in_range(to_tsquery('simple', ` + a.add(pgQuery(q)) + `), ` + lo + `, ` + hi +
			`) s JOIN articles a ON a.id = s.article_id`
	},
}

// pgQuery is q as a tsquery's text.
func pgQuery(q tokenQuery) string {
	query := strings.Join(append(slices.Clone(q.words), q.pairs...), " & ")
	if len(q.anyOf) > 0 {
		query = "(" + query + ") & (" + strings.Join(q.anyOf, " | ") + ")"
	}
	return query
}
