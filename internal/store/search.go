package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// indexArticle writes an article's folded text to the search index, and
// its folded title to the newsroom's title search. Every state is
// indexed; searches filter on published, so publishing and unpublishing
// need no reindexing.
func (s *Store) indexArticle(ctx context.Context, tx execQuerier, a news.Article) error {
	if err := writeFoldedTitle(ctx, tx, a.ID, a.Title); err != nil {
		return err
	}
	d := s.dialect.search
	args := d.indexArgs(a.ID, indexedTextOf(a))
	for i, q := range d.index {
		if _, err := tx.ExecContext(ctx, q, args[i]...); err != nil {
			return fmt.Errorf("index article %d: %w", a.ID, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_pending WHERE article_id = $1`, a.ID); err != nil {
		return fmt.Errorf("index article %d: %w", a.ID, err)
	}
	return nil
}

// indexedTextOf is what a story's search row is written from. Its title,
// lead and body are folded apart, so no pair joins the end of one to the
// start of the next.
func indexedTextOf(a news.Article) indexedText {
	title, lead, body := vietnamese.Fold(a.Title), vietnamese.Fold(a.Lead), vietnamese.Fold(PlainText(a.Body))
	section := sectionToken(a.SectionID)
	return indexedText{
		title: withPairs(title), lead: withPairs(lead), body: withPairs(body) + " " + section,
		words: wordsOf(title) + " " + wordsOf(lead) + " " + wordsOf(body) + " " + section,
		pairs: strings.TrimSpace(pairsOf(title) + " " + pairsOf(lead) + " " + pairsOf(body)),
	}
}

// wordsOf is folded text's words, [a-z0-9] only, space separated: the
// tokens a search asks for (search.Parse), whatever PostgreSQL's parser
// would make of the rest ("2.000" is one number to it, two words to FTS5
// and to a reader's search).
func wordsOf(folded string) string {
	return strings.Join(strings.FieldsFunc(folded, func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	}), " ")
}

// ReindexPending indexes again up to batch of the stories indexed before
// the index held word pairs (search_pending), newest first, in one
// transaction, and reports how many it did: 0 when none is left.
func (s *Store) ReindexPending(ctx context.Context, batch int) (int, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT article_id FROM search_pending ORDER BY article_id DESC LIMIT $1`, batch)
	if err != nil {
		return 0, fmt.Errorf("stories to index again: %w", err)
	}
	ids, err := scanIDs(rows)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return len(ids), s.indexAgain(ctx, ids)
}

// indexAgain indexes stories ids again in one transaction, reading their
// text inside it (locked on PostgreSQL), so an edit committed meanwhile is
// indexed as it is, not overwritten with what was read before. A story
// deleted since is not there, nor its row.
func (s *Store) indexAgain(ctx context.Context, ids []int64) error {
	return s.commit(ctx, func(t *tx) error {
		var a args
		rows, err := t.QueryContext(ctx, `SELECT id, title, lead, body, section_id FROM articles
			WHERE id IN (`+a.list(ids)+`) ORDER BY id`+s.dialect.rowLock, a...)
		if err != nil {
			return fmt.Errorf("stories to index again: %w", err)
		}
		stories, err := scanIndexedText(rows)
		if err != nil {
			return err
		}
		for _, st := range stories {
			if err := s.indexArticle(ctx, t.Tx, st); err != nil {
				return err
			}
		}
		return nil
	})
}

// scanIndexedText reads what the index holds of stories: their title,
// lead, body and section.
func scanIndexedText(rows *sql.Rows) ([]news.Article, error) {
	defer rows.Close()
	var out []news.Article
	for rows.Next() {
		var st news.Article
		if err := rows.Scan(&st.ID, &st.Title, &st.Lead, &st.Body, &st.SectionID); err != nil {
			return nil, fmt.Errorf("stories to index again: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// PlainText is the text of an HTML body, blocks separated by newlines.
func PlainText(body string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(b.String())
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "p", "h2", "h3", "h4", "li", "blockquote", "figcaption", "br", "td":
				b.WriteByte('\n')
			}
		}
	}
}

// ReindexMissing indexes articles that have no search row yet, such as
// those written before the search migration or restored from an archive,
// and folds the titles the newsroom's title search lacks; it returns how
// many articles it indexed plus how many titles it folded. It reads each
// article's id once from small indexes (a second at 1,000,000 stories),
// so a server runs it after it has started answering.
func (s *Store) ReindexMissing(ctx context.Context) (int, error) {
	folded, err := s.foldMissingTitles(ctx)
	if err != nil {
		return folded, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT a.id FROM articles a WHERE NOT `+s.dialect.search.indexed)
	if err != nil {
		return 0, fmt.Errorf("find unindexed articles: %w", err)
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return 0, fmt.Errorf("find unindexed articles: %w", err)
	}
	for batch := range slices.Chunk(ids, 200) {
		if err := s.indexAgain(ctx, batch); err != nil {
			return 0, err
		}
	}
	return folded + len(ids), nil
}

// Bodies reads the bodies of articles, for search snippets.
func (s *Store) Bodies(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var a args
	rows, err := s.read.QueryContext(ctx, `SELECT id, body FROM articles WHERE id IN (`+a.list(ids)+`)`, a...)
	if err != nil {
		return nil, fmt.Errorf("read bodies: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var body string
		if err := rows.Scan(&id, &body); err != nil {
			return nil, err
		}
		out[id] = body
	}
	return out, rows.Err()
}
