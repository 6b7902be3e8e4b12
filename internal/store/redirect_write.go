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
)

// upsertRedirect writes r, an archive import's redirect, inside the
// importer's own transaction, which must announce news.RedirectsKey.
// r's addresses may be as the archive had them (a whole URL, escapes,
// any case): they are normalized here. Running the same import again
// updates its rows instead of adding others, and never replaces a
// redirect a person set (origin newsroom or csv). An old address that is
// the new one (the archive had the same URL), or the home page (a
// WordPress front page's link), needs no redirect and is skipped. A
// redirect that is invalid or would loop is refused with a news.Invalid
// error (worth a warning, not the import's end), before any statement
// that could fail runs, so tx stays usable. Two statements: the loop
// check's read and the write.
func upsertRedirect(ctx context.Context, tx *sql.Tx, r news.Redirect) error {
	n, err := news.NewRedirect(r.From, r.To, r.Status, r.Origin)
	if news.ErrorCode(err) == news.Invalid && n.From != "" {
		if n.From == "/" {
			return nil
		}
		if p, q, ok := n.LocalTarget(""); ok && slices.Contains(news.RedirectKeys(p, q), n.From) {
			return nil
		}
	}
	if err != nil {
		return err
	}
	_, err = newRedirectWriter(tx, time.Now().UTC(), r.CreatedBy, false).put(ctx, n)
	return err
}

// redirectWriter writes redirects in a transaction. It reads the site's
// address when a target names a host, to follow a target on the paper's
// own host like a path. An import's writer keeps its statements prepared:
// it runs them many times, and SQLite spent half its time parsing them
// again; a single write runs them as they are (preparing would cost
// PostgreSQL a round trip more).
type redirectWriter struct {
	tx      *sql.Tx
	now     time.Time
	by      int64
	base    *string // the site's base_url setting, once read
	prepare bool
	stmts   map[string]*sql.Stmt
}

func newRedirectWriter(tx *sql.Tx, now time.Time, by int64, prepare bool) *redirectWriter {
	return &redirectWriter{tx: tx, now: now, by: by, prepare: prepare, stmts: map[string]*sql.Stmt{}}
}

// siteBase is the site's base_url setting ("" when unset).
func (w *redirectWriter) siteBase(ctx context.Context) (string, error) {
	if w.base == nil {
		var base string
		err := w.tx.QueryRowContext(ctx, `SELECT value FROM site_settings WHERE key = 'base_url'`).Scan(&base)
		if err != nil && !errNoRows(err) {
			return "", fmt.Errorf("read base_url: %w", err)
		}
		w.base = &base
	}
	return *w.base, nil
}

// on is where query runs: its statement prepared in the transaction for
// an import, the transaction itself otherwise.
func (w *redirectWriter) on(ctx context.Context, query string) (querier, error) {
	if !w.prepare {
		return w.tx, nil
	}
	if st, ok := w.stmts[query]; ok {
		return stmtQuerier{st}, nil
	}
	st, err := w.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	w.stmts[query] = st
	return stmtQuerier{st}, nil
}

// close releases the writer's statements (the transaction's end would too).
func (w *redirectWriter) close() {
	for _, st := range w.stmts {
		_ = st.Close() // a statement of a transaction: closed with it in any case
	}
}

// find is bestRedirect inside the writer's transaction.
func (w *redirectWriter) find(ctx context.Context, keys []string) (news.Redirect, error) {
	q, err := w.on(ctx, findRedirectsQuery(len(keys)))
	if err != nil {
		return news.Redirect{}, err
	}
	return bestRedirect(ctx, q, keys)
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
	if err := refuseLoop(ctx, r, w.siteBase, w.find); err != nil {
		return 0, err
	}
	query := upsertRedirectsQuery(1)
	q, err := w.on(ctx, query)
	if err != nil {
		return 0, err
	}
	var id int64
	var added bool
	err = q.QueryRowContext(ctx, query, nullID(w.by), w.now, r.From, r.To, int(r.Status), string(r.Origin)).Scan(&id, &added)
	switch {
	case errNoRows(err):
		return redirectUnchanged, nil
	case err != nil:
		return 0, fmt.Errorf("write redirect %s: %w", r.From, err)
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
	values := make([]string, n)
	for i := range values {
		p := func(k int) string { return "$" + strconv.Itoa(3+4*i+k) }
		values[i] = "(" + p(0) + ", " + p(1) + ", " + p(2) + ", " + p(3) + ", $1, $2, $2)"
	}
	return `INSERT INTO redirects (old_path, target, status, origin, created_by, created_at, updated_at) VALUES ` + strings.Join(values, ", ") + `
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
// refuses r if that comes back to r's old address. siteBase is asked for
// the paper's address when a target names a host.
func refuseLoop(ctx context.Context, r news.Redirect, siteBase func(context.Context) (string, error),
	find func(context.Context, []string) (news.Redirect, error)) error {
	chain := []string{r.From}
	for cur := r; len(chain) <= maxRedirectHops; {
		var base string
		if !strings.HasPrefix(cur.To, "/") {
			var err error
			if base, err = siteBase(ctx); err != nil {
				return err
			}
		}
		p, q, ok := cur.LocalTarget(base)
		if !ok {
			return nil
		}
		keys := news.RedirectKeys(p, q)
		if slices.Contains(keys, r.From) {
			return r.LoopError(chain...)
		}
		next, err := find(ctx, keys)
		if err == errNoRedirect || err == nil && next.Status == news.Gone {
			return nil
		}
		if err != nil {
			return err
		}
		chain, cur = append(chain, next.From), next
	}
	return news.Errorf(news.Invalid, "Chuỗi chuyển hướng từ %s dài quá %d bước", r.From, maxRedirectHops)
}
