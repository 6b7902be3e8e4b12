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
	err := row.Scan(&r.ID, &r.OldPath, &r.Target, &r.Status, &r.Origin, &r.CreatedBy, &r.CreatedAt, &r.UpdatedAt, &r.Hits, &last)
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
	var a args
	ph := make([]string, len(keys))
	for i, k := range keys {
		ph[i] = a.add(k)
	}
	found, err := queryAll(ctx, q, scanRedirect, "find redirect", `SELECT `+redirectColumns+` FROM redirects WHERE old_path IN (`+strings.Join(ph, ", ")+`)`, a...)
	if err != nil {
		return news.Redirect{}, err
	}
	for _, k := range keys {
		if i := slices.IndexFunc(found, func(r news.Redirect) bool { return r.OldPath == k }); i >= 0 {
			return found[i], nil
		}
	}
	return news.Redirect{}, errNoRedirect
}

// RedirectFilter picks redirects for the newsroom's list.
type RedirectFilter struct {
	// Query is words of the old address or the target, or a whole
	// address (any spelling of it: see news.OldPath).
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
		w, err := newRedirectWriter(ctx, t.Tx, t.now, by.User.ID)
		if err != nil {
			return err
		}
		outcome, err := w.put(ctx, r)
		if err != nil {
			return err
		}
		if saved, err = bestRedirect(ctx, t, []string{r.OldPath}); err != nil {
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
		return r.OldPath + " (410)"
	}
	return r.OldPath + " → " + r.Target
}

// RedirectImport counts what an import of redirects did.
type RedirectImport struct {
	Added, Updated, Unchanged int
}

// RefusedRedirect is a row of an import the table refused, by its index.
type RefusedRedirect struct {
	Index int
	Err   error
}

// RefusedRedirects is the error of an import with refused rows (the
// first 100): nothing of it was written.
type RefusedRedirects []RefusedRedirect

func (e RefusedRedirects) Error() string {
	return fmt.Sprintf("%d redirects refused, the first: %v", len(e), e[0].Err)
}

// maxRefusals is how many refused rows an import reports before it stops.
const maxRefusals = 100

// ImportRedirects writes rows (checked by the caller, each old address
// once) as one change by `by`: every row or none. A row that would make
// a loop with the table or with rows before it is refused, and the import
// with it (RefusedRedirects).
func (s *Store) ImportRedirects(ctx context.Context, by news.Actor, rows []news.Redirect) (RedirectImport, error) {
	var counts RedirectImport
	err := s.change(ctx, by, "redirect.import", func(t *tx, e *news.AuditEntry) error {
		counts = RedirectImport{}
		w, err := newRedirectWriter(ctx, t.Tx, t.now, by.User.ID)
		if err != nil {
			return err
		}
		var refused RefusedRedirects
		for i, r := range rows {
			outcome, err := w.put(ctx, r)
			switch {
			case news.ErrorCode(err) == news.Invalid:
				if refused = append(refused, RefusedRedirect{i, err}); len(refused) == maxRefusals {
					return refused
				}
			case err != nil:
				return err
			case outcome == redirectAdded:
				counts.Added++
			case outcome == redirectUpdated:
				counts.Updated++
			default:
				counts.Unchanged++
			}
		}
		if len(refused) > 0 {
			return refused
		}
		t.announce(news.RedirectsKey)
		e.ObjectType = "redirect"
		e.Detail = fmt.Sprintf("%d dòng: %d mới, %d cập nhật, %d không đổi", len(rows), counts.Added, counts.Updated, counts.Unchanged)
		return nil
	})
	return counts, err
}

// upsertRedirect writes r, an archive import's redirect, inside the
// importer's own transaction, which must announce news.RedirectsKey.
// r's addresses may be as the archive had them (a whole URL, escapes,
// any case): they are normalized here. Running the same import again
// updates its rows instead of adding others, and never replaces a
// redirect a person set (origin newsroom or csv). An old address that is
// the new one (the archive had the same URL) needs no redirect and is
// skipped. A redirect that is invalid or would loop is refused with a
// news.Invalid error, before any statement runs, so tx stays usable.
func upsertRedirect(ctx context.Context, tx *sql.Tx, r news.Redirect) error {
	n, err := news.NewRedirect(r.OldPath, r.Target, r.Status, r.Origin)
	if news.ErrorCode(err) == news.Invalid && n.OldPath != "" {
		if p, q, ok := n.LocalTarget(""); ok && slices.Contains(news.RedirectKeys(p, q), n.OldPath) {
			return nil
		}
	}
	if err != nil {
		return err
	}
	w, err := newRedirectWriter(ctx, tx, time.Now().UTC(), r.CreatedBy)
	if err != nil {
		return err
	}
	_, err = w.put(ctx, n)
	return err
}

// redirectWriter writes redirects in a transaction, knowing the site's
// address so that a target on its own host is followed like a path.
type redirectWriter struct {
	tx   *sql.Tx
	now  time.Time
	by   int64
	base string // the site's base_url setting
}

func newRedirectWriter(ctx context.Context, tx *sql.Tx, now time.Time, by int64) (*redirectWriter, error) {
	w := &redirectWriter{tx: tx, now: now, by: by}
	err := tx.QueryRowContext(ctx, `SELECT value FROM site_settings WHERE key = 'base_url'`).Scan(&w.base)
	if err != nil && !errNoRows(err) {
		return nil, fmt.Errorf("read base_url: %w", err)
	}
	return w, nil
}

type redirectOutcome int

const (
	redirectUnchanged redirectOutcome = iota // or kept: a person's, which an import does not replace
	redirectAdded
	redirectUpdated
)

// maxRedirectHops bounds how far a new redirect's target is followed
// through the table to look for a loop.
const maxRedirectHops = 20

// put writes r (valid, normalized) unless it would loop.
func (w *redirectWriter) put(ctx context.Context, r news.Redirect) (redirectOutcome, error) {
	if err := w.refuseLoop(ctx, r); err != nil {
		return 0, err
	}
	var id int64
	var added bool
	err := w.tx.QueryRowContext(ctx, `INSERT INTO redirects (old_path, target, status, origin, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $6)
		ON CONFLICT (old_path) DO UPDATE SET target = excluded.target, status = excluded.status, origin = excluded.origin,
			updated_at = excluded.updated_at
		WHERE (redirects.target <> excluded.target OR redirects.status <> excluded.status OR redirects.origin <> excluded.origin)
			AND (redirects.origin NOT IN ('newsroom', 'csv') OR excluded.origin IN ('newsroom', 'csv'))
		RETURNING id, created_at = updated_at`,
		r.OldPath, r.Target, int(r.Status), string(r.Origin), nullID(w.by), w.now).Scan(&id, &added)
	switch {
	case errNoRows(err):
		return redirectUnchanged, nil
	case err != nil:
		return 0, fmt.Errorf("write redirect %s: %w", r.OldPath, err)
	case added:
		return redirectAdded, nil
	}
	return redirectUpdated, nil
}

// refuseLoop follows r's target through the table, as the site would
// answer it, and refuses r if that comes back to r's old address.
func (w *redirectWriter) refuseLoop(ctx context.Context, r news.Redirect) error {
	chain := []string{r.OldPath}
	for cur := r; len(chain) <= maxRedirectHops; {
		p, q, ok := cur.LocalTarget(w.base)
		if !ok {
			return nil
		}
		keys := news.RedirectKeys(p, q)
		if slices.Contains(keys, r.OldPath) {
			return r.LoopError(chain...)
		}
		next, err := bestRedirect(ctx, w.tx, keys)
		if err == errNoRedirect || err == nil && next.Status == news.Gone {
			return nil
		}
		if err != nil {
			return err
		}
		chain, cur = append(chain, next.OldPath), next
	}
	return news.Errorf(news.Invalid, "Chuỗi chuyển hướng từ %s dài quá %s bước", r.OldPath, strconv.Itoa(maxRedirectHops))
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
