package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

const redirectColumns = `id, old_path, target, status, origin, COALESCE(created_by, 0), created_at, updated_at, hits, last_hit_at`

func scanRedirect(row rowScanner) (news.Redirect, error) {
	var r news.Redirect
	var last sql.NullTime
	err := row.Scan(&r.ID, &r.From, &r.To, &r.Status, &r.Origin, &r.CreatedBy, &r.CreatedAt, &r.UpdatedAt, &r.Hits, &last)
	r.CreatedAt, r.UpdatedAt, r.LastHit = r.CreatedAt.UTC(), r.UpdatedAt.UTC(), utc(last)
	return r, err
}

var errNoRedirect = news.Errorf(news.NotFound, "Không có chuyển hướng cho địa chỉ này")

// RedirectFor is the redirect of the first of keys (news.RedirectKeys,
// best first) the table holds: one indexed read, and none at all while
// the table is empty, which the store remembers until the redirects
// change (news.RedirectsKey), so a paper without redirects pays nothing
// for its 404s.
func (s *Store) RedirectFor(ctx context.Context, keys []string) (news.Redirect, error) {
	if len(keys) == 0 {
		return news.Redirect{}, errNoRedirect
	}
	some, err := s.chrome.redirects.get(func() (bool, error) {
		var n int
		err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM redirects LIMIT 1) r`).Scan(&n)
		return n > 0, err
	})
	if err == nil && !some {
		return news.Redirect{}, errNoRedirect
	}
	return bestRedirect(ctx, s.read, keys)
}

// bestRedirect reads the rows of keys and returns the first key's found.
func bestRedirect(ctx context.Context, q querier, keys []string) (news.Redirect, error) {
	found, err := queryAll(ctx, q, scanRedirect, "find redirect", findRedirectsQuery(len(keys)), anys(keys)...)
	if err != nil {
		return news.Redirect{}, err
	}
	for _, k := range keys {
		if i := slices.IndexFunc(found, func(r news.Redirect) bool { return r.From == k }); i >= 0 {
			return found[i], nil
		}
	}
	return news.Redirect{}, errNoRedirect
}

// findRedirectsQuery selects the rows of n old addresses.
func findRedirectsQuery(n int) string {
	ph := make([]string, n)
	for i := range ph {
		ph[i] = "$" + strconv.Itoa(i+1)
	}
	return `SELECT ` + redirectColumns + ` FROM redirects WHERE old_path IN (` + strings.Join(ph, ", ") + `)`
}

func anys(keys []string) []any {
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = k
	}
	return out
}

// RedirectFilter picks redirects for the newsroom's list.
type RedirectFilter struct {
	// Query is words of the old address or the target, or a whole
	// address (any spelling of it: see news.From).
	Query         string
	Limit, Offset int
}

func (f RedirectFilter) where(a *args) string {
	q := strings.TrimSpace(vietnamese.NFC(f.Query))
	if q == "" {
		return "1 = 1"
	}
	if key, err := news.OldPath(q); err == nil && key != "/" {
		return "old_path LIKE " + a.add("%"+escapeLike(key)+"%") + ` ESCAPE '\'`
	}
	var conds []string
	for _, word := range strings.Fields(strings.ToLower(q)) {
		like := a.add("%" + escapeLike(word) + "%")
		conds = append(conds, "(old_path LIKE "+like+` ESCAPE '\' OR LOWER(target) LIKE `+like+` ESCAPE '\')`)
	}
	return strings.Join(conds, " AND ")
}

// Redirects lists redirects, the latest set first.
func (s *Store) Redirects(ctx context.Context, f RedirectFilter) ([]news.Redirect, error) {
	var a args
	where := f.where(&a)
	return queryAll(ctx, s.read, scanRedirect, "list redirects", `SELECT `+redirectColumns+` FROM redirects WHERE `+where+
		` ORDER BY id DESC LIMIT `+a.add(max(min(f.Limit, 1000), 1))+` OFFSET `+a.add(max(f.Offset, 0)), a...)
}

// CountRedirects counts what Redirects lists, without its page.
func (s *Store) CountRedirects(ctx context.Context, f RedirectFilter) (int, error) {
	var a args
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM redirects WHERE `+f.where(&a), a...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count redirects: %w", err)
	}
	return n, nil
}

// SaveRedirect adds r or replaces the redirect of its old address, and
// says which it did. The caller checks r (news.NewRedirect); the store
// refuses a redirect that would make a loop with the others.
func (s *Store) SaveRedirect(ctx context.Context, by news.Actor, r news.Redirect) (saved news.Redirect, replaced bool, err error) {
	err = s.change(ctx, by, "redirect.save", func(t *tx, e *news.AuditEntry) error {
		outcome, err := newRedirectWriter(t.Tx, t.now, by.User.ID, false).put(ctx, r)
		if err != nil {
			return err
		}
		if saved, err = bestRedirect(ctx, t, []string{r.From}); err != nil {
			return err
		}
		t.announce(news.RedirectsKey)
		replaced = outcome != redirectAdded
		e.ObjectType, e.ObjectID, e.Detail = "redirect", saved.ID, redirectDetail(saved)
		return nil
	})
	if err != nil {
		return news.Redirect{}, false, fmt.Errorf("save redirect: %w", err)
	}
	return saved, replaced, nil
}

// DeleteRedirect removes a redirect: its old address answers 404 again.
func (s *Store) DeleteRedirect(ctx context.Context, by news.Actor, id int64) error {
	return s.change(ctx, by, "redirect.delete", func(t *tx, e *news.AuditEntry) error {
		r, err := scanRedirect(t.QueryRowContext(ctx, `DELETE FROM redirects WHERE id = $1 RETURNING `+redirectColumns, id))
		if errNoRows(err) {
			return news.Errorf(news.NotFound, "Không tìm thấy chuyển hướng (có thể đã bị xóa)")
		}
		if err != nil {
			return fmt.Errorf("delete redirect: %w", err)
		}
		t.announce(news.RedirectsKey)
		e.ObjectType, e.ObjectID, e.Detail = "redirect", id, redirectDetail(r)
		return nil
	})
}

func redirectDetail(r news.Redirect) string {
	if r.Status == news.Gone {
		return r.From + " (410)"
	}
	return r.From + " → " + r.To
}

// RedirectHits are one redirect's requests counted by a server since it
// last wrote them.
type RedirectHits struct {
	N    int64
	Last time.Time
}

// AddRedirectHits adds counted requests to the redirects' totals in one
// transaction: bookkeeping, neither audited nor announced. A redirect
// removed meanwhile is skipped.
func (s *Store) AddRedirectHits(ctx context.Context, hits map[int64]RedirectHits) error {
	if len(hits) == 0 {
		return nil
	}
	return s.commit(ctx, func(t *tx) error {
		for id, h := range hits {
			_, err := t.ExecContext(ctx, `UPDATE redirects SET hits = hits + $1,
				last_hit_at = CASE WHEN last_hit_at IS NULL OR last_hit_at < $2 THEN $2 ELSE last_hit_at END WHERE id = $3`,
				h.N, h.Last.UTC(), id)
			if err != nil {
				return fmt.Errorf("add redirect hits: %w", err)
			}
		}
		return nil
	})
}
