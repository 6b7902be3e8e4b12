package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// upsertRedirect writes r, an archive import's redirect, inside the
// importer's own transaction, which must announce news.RedirectsKey.
// r's addresses may be as the archive had them (a whole URL, escapes,
// any case): they are normalized here. Running the same import again
// updates its rows instead of adding others, and never replaces a
// redirect a person set (origin newsroom or csv). An old address that is
// the new one (the archive had the same URL) needs no redirect and is
// skipped. A redirect that is invalid or would loop is refused with a
// news.Invalid error, before any statement that could fail runs, so tx
// stays usable.
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
	defer w.close()
	_, err = w.put(ctx, n)
	return err
}

// redirectWriter writes redirects in a transaction, knowing the site's
// address so that a target on its own host is followed like a path. Its
// statements are prepared once per transaction: an import runs them many
// times, and SQLite spent half its time parsing them again.
type redirectWriter struct {
	tx    *sql.Tx
	now   time.Time
	by    int64
	base  string // the site's base_url setting
	stmts map[string]*sql.Stmt
}

func newRedirectWriter(ctx context.Context, tx *sql.Tx, now time.Time, by int64) (*redirectWriter, error) {
	w := &redirectWriter{tx: tx, now: now, by: by, stmts: map[string]*sql.Stmt{}}
	err := tx.QueryRowContext(ctx, `SELECT value FROM site_settings WHERE key = 'base_url'`).Scan(&w.base)
	if err != nil && !errNoRows(err) {
		return nil, fmt.Errorf("read base_url: %w", err)
	}
	return w, nil
}

// stmt is query prepared in the writer's transaction.
func (w *redirectWriter) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	w.stmts[query] = st
	return st, nil
}

// close releases the writer's statements (the transaction's end would too).
func (w *redirectWriter) close() {
	for _, st := range w.stmts {
		_ = st.Close() // a statement of a transaction: closed with it in any case
	}
}

// find is bestRedirect inside the writer's transaction.
func (w *redirectWriter) find(ctx context.Context, keys []string) (news.Redirect, error) {
	st, err := w.stmt(ctx, findRedirectsQuery(len(keys)))
	if err != nil {
		return news.Redirect{}, err
	}
	return bestRedirect(ctx, stmtQuerier{st}, keys)
}

// stmtQuerier runs a prepared statement where a querier is asked for:
// the query text is the statement's own.
type stmtQuerier struct{ st *sql.Stmt }

func (q stmtQuerier) QueryContext(ctx context.Context, _ string, args ...any) (*sql.Rows, error) {
	return q.st.QueryContext(ctx, args...)
}

func (q stmtQuerier) QueryRowContext(ctx context.Context, _ string, args ...any) *sql.Row {
	return q.st.QueryRowContext(ctx, args...)
}

type redirectOutcome int

const (
	redirectUnchanged redirectOutcome = iota // or kept: a person's, which an import does not replace
	redirectAdded
	redirectUpdated
)

// put writes r (valid, normalized) unless it would loop with the table.
func (w *redirectWriter) put(ctx context.Context, r news.Redirect) (redirectOutcome, error) {
	if err := refuseLoop(ctx, r, w.base, w.find); err != nil {
		return 0, err
	}
	upsert, err := w.stmt(ctx, upsertRedirectsQuery(1))
	if err != nil {
		return 0, err
	}
	var id int64
	var added bool
	err = upsert.QueryRowContext(ctx, nullID(w.by), w.now, r.OldPath, r.Target, int(r.Status), string(r.Origin)).Scan(&id, &added)
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

// upsertRedirectsQuery adds n redirects ($1 who, $2 when, then four
// values each) or replaces their old addresses', unless nothing changes
// or an import would replace a person's; it returns each row written and
// whether it is new.
func upsertRedirectsQuery(n int) string {
	values := make([]byte, 0, n*32)
	for i := range n {
		if i > 0 {
			values = append(values, ", "...)
		}
		p := func(k int) string { return "$" + strconv.Itoa(3+4*i+k) }
		values = append(values, "("+p(0)+", "+p(1)+", "+p(2)+", "+p(3)+", $1, $2, $2)"...)
	}
	return `INSERT INTO redirects (old_path, target, status, origin, created_by, created_at, updated_at) VALUES ` + string(values) + `
		ON CONFLICT (old_path) DO UPDATE SET target = excluded.target, status = excluded.status, origin = excluded.origin,
			updated_at = excluded.updated_at
		WHERE (redirects.target <> excluded.target OR redirects.status <> excluded.status OR redirects.origin <> excluded.origin)
			AND (redirects.origin NOT IN ('newsroom', 'csv') OR excluded.origin IN ('newsroom', 'csv'))
		RETURNING id, created_at = updated_at`
}

// maxRedirectHops bounds how far a new redirect's target is followed
// through the table to look for a loop.
const maxRedirectHops = 20

// refuseLoop follows r's target, as the site would answer it, through the
// redirects find reads (best of keys first; errNoRedirect for none), and
// refuses r if that comes back to r's old address.
func refuseLoop(ctx context.Context, r news.Redirect, base string, find func(context.Context, []string) (news.Redirect, error)) error {
	chain := []string{r.OldPath}
	for cur := r; len(chain) <= maxRedirectHops; {
		p, q, ok := cur.LocalTarget(base)
		if !ok {
			return nil
		}
		keys := news.RedirectKeys(p, q)
		if slices.Contains(keys, r.OldPath) {
			return r.LoopError(chain...)
		}
		next, err := find(ctx, keys)
		if err == errNoRedirect || err == nil && next.Status == news.Gone {
			return nil
		}
		if err != nil {
			return err
		}
		chain, cur = append(chain, next.OldPath), next
	}
	return news.Errorf(news.Invalid, "Chuỗi chuyển hướng từ %s dài quá %d bước", r.OldPath, maxRedirectHops)
}
