package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Limits on a title search: more words, or longer ones, add nothing a
// person would type and only cost the scan.
const (
	maxTitleWords     = 12
	maxTitleWordBytes = 64
)

// titleWords are the folded words of s: runs of letters and digits after
// vietnamese.Fold, so "Đường  Hà Tĩnh!" and its NFD spelling give "duong",
// "ha", "tinh". Nothing else survives, so no LIKE wildcard (% or _) or
// quote can come from what someone typed.
func titleWords(s string) []string {
	words := strings.FieldsFunc(vietnamese.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		words[i] = cutWord(w)
	}
	return words
}

// cutWord shortens w to maxTitleWordBytes on a rune boundary: a prefix of
// a word still finds the titles the whole word would.
func cutWord(w string) string {
	if len(w) <= maxTitleWordBytes {
		return w
	}
	cut := maxTitleWordBytes
	for cut > 0 && !utf8.RuneStart(w[cut]) {
		cut--
	}
	return w[:cut]
}

// foldedTitle is what article_titles holds for a title: its words after a
// leading space, one space between them, so " ha" + "%" finds a word that
// starts with "ha" and never the middle of one ("uong" does not find
// "Đường").
func foldedTitle(title string) string {
	return " " + strings.Join(titleWords(title), " ")
}

// writeFoldedTitle keeps an article's row of article_titles; indexArticle
// calls it on every write of an article.
func writeFoldedTitle(ctx context.Context, tx execQuerier, id int64, title string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO article_titles (article_id, folded) VALUES ($1, $2)
		ON CONFLICT (article_id) DO UPDATE SET folded = excluded.folded`, id, foldedTitle(title))
	if err != nil {
		return fmt.Errorf("fold title of article %d: %w", id, err)
	}
	return nil
}

// titleCondition is the WHERE condition for a title search: every word of
// text starts a word of the title, in any order, marks and case ignored.
// Text with no letter or digit at all finds nothing rather than
// everything.
func titleCondition(text string, a *args) string {
	words := titleWords(text)
	if len(words) == 0 {
		return "1 = 0"
	}
	if len(words) > maxTitleWords {
		words = words[:maxTitleWords]
	}
	like := make([]string, len(words))
	for i, w := range words {
		like[i] = "t.folded LIKE " + a.add("% "+w+"%")
	}
	return "a.id IN (SELECT t.article_id FROM article_titles t WHERE " + strings.Join(like, " AND ") + ")"
}

// foldMissingTitles fills article_titles for the articles written before
// it existed, a thousand to a transaction, walking the articles by id
// once; it returns how many.
func (s *Store) foldMissingTitles(ctx context.Context) (int, error) {
	total := 0
	var after int64
	for {
		titles, last, err := s.unfoldedTitles(ctx, after)
		if err != nil || len(titles) == 0 {
			return total, err
		}
		err = s.commit(ctx, func(t *tx) error {
			for id, title := range titles {
				if err := writeFoldedTitle(ctx, t.Tx, id, title); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return total, err
		}
		total, after = total+len(titles), last
	}
}

// unfoldedTitles reads up to a thousand articles after the id after that
// have no folded title, and the last id it read.
func (s *Store) unfoldedTitles(ctx context.Context, after int64) (map[int64]string, int64, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT a.id, a.title FROM articles a
		WHERE a.id > $1 AND NOT EXISTS (SELECT 1 FROM article_titles t WHERE t.article_id = a.id) ORDER BY a.id LIMIT 1000`, after)
	if err != nil {
		return nil, 0, fmt.Errorf("find unfolded titles: %w", err)
	}
	defer rows.Close()
	titles := map[int64]string{}
	last := after
	for rows.Next() {
		var title string
		if err := rows.Scan(&last, &title); err != nil {
			return nil, 0, fmt.Errorf("find unfolded titles: %w", err)
		}
		titles[last] = title
	}
	return titles, last, rows.Err()
}
