package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/toasoan/toasoan/internal/news"
)

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

const (
	// maxRefusals is how many refused rows an import reports before it
	// stops.
	maxRefusals = 100
	// redirectChunk is how many rows one statement of an import reads or
	// writes: 200 000 rows one at a time took 24 s on SQLite and 87 s on
	// PostgreSQL, round trips and parsing all of it; a hundred at a time,
	// 11 s and 14 s with the reading of the CSV file (past a hundred,
	// modernc's SQLite spends its time naming the parameters it binds).
	redirectChunk = 100
)

// ImportRedirects writes rows, a person's list (a CSV file: origin csv or
// newsroom), checked by the caller, as one change by `by`: every row or
// none. The table as it would be afterwards is checked for loops first;
// the rows that would make one are refused, and the import with them
// (RefusedRedirects).
func (s *Store) ImportRedirects(ctx context.Context, by news.Actor, rows []news.Redirect) (RedirectImport, error) {
	var counts RedirectImport
	batch := make(map[string]news.Redirect, len(rows))
	for _, r := range rows {
		if !r.Origin.SetByPerson() {
			return counts, fmt.Errorf("import redirects: %q is an archive's origin: archives write through upsertRedirect", r.Origin)
		}
		if _, dup := batch[r.From]; dup {
			return counts, news.Errorf(news.Invalid, "Địa chỉ cũ %s có hai lần trong danh sách", r.From)
		}
		batch[r.From] = r
	}
	err := s.change(ctx, by, "redirect.import", func(t *tx, e *news.AuditEntry) error {
		counts = RedirectImport{}
		w := newRedirectWriter(t.Tx, t.now, by.User.ID, true)
		defer w.close()
		after := &tableAfter{w: w, batch: batch, known: map[string]*news.Redirect{}}
		if err := after.preload(ctx, rows); err != nil {
			return err
		}
		var refused RefusedRedirects
		for i, r := range rows {
			err := refuseLoop(ctx, r, w.siteBase, after.find)
			if news.ErrorCode(err) == news.Invalid {
				if refused = append(refused, RefusedRedirect{i, err}); len(refused) == maxRefusals {
					return refused
				}
			} else if err != nil {
				return err
			}
		}
		if len(refused) > 0 {
			return refused
		}
		for chunk := range slices.Chunk(rows, redirectChunk) {
			added, updated, err := w.putAll(ctx, chunk)
			if err != nil {
				return err
			}
			counts.Added, counts.Updated = counts.Added+added, counts.Updated+updated
		}
		counts.Unchanged = len(rows) - counts.Added - counts.Updated
		t.announce(news.RedirectsKey)
		e.ObjectType = "redirect"
		e.Detail = fmt.Sprintf("%d dòng: %d mới, %d cập nhật, %d không đổi", len(rows), counts.Added, counts.Updated, counts.Unchanged)
		return nil
	})
	return counts, err
}

// tableAfter is the redirect table as an import would leave it: its rows
// over the table's, read in chunks as the loop checks need them.
type tableAfter struct {
	w     *redirectWriter
	batch map[string]news.Redirect
	known map[string]*news.Redirect // the table's rows read so far; nil: none at that address
}

// preload reads the table's rows at every address the rows' targets may
// match, a chunk at a time.
func (a *tableAfter) preload(ctx context.Context, rows []news.Redirect) error {
	base, err := a.w.siteBase(ctx)
	if err != nil {
		return err
	}
	var keys []string
	seen := map[string]bool{}
	for _, r := range rows {
		p, q, ok := r.LocalTarget(base)
		if !ok {
			continue
		}
		for _, k := range news.RedirectKeys(p, q) {
			if _, in := a.batch[k]; !in && !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	return a.load(ctx, keys)
}

// load reads the table's rows at keys.
func (a *tableAfter) load(ctx context.Context, keys []string) error {
	for chunk := range slices.Chunk(keys, redirectChunk) {
		query := findRedirectsQuery(len(chunk))
		q, err := a.w.on(ctx, query)
		if err != nil {
			return err
		}
		for _, k := range chunk {
			a.known[k] = nil
		}
		found, err := queryAll(ctx, q, scanRedirect, "find redirects", query, anys(chunk)...)
		if err != nil {
			return err
		}
		for _, r := range found {
			a.known[r.From] = &r
		}
	}
	return nil
}

// find is the redirect of the best of keys once the import is written.
func (a *tableAfter) find(ctx context.Context, keys []string) (news.Redirect, error) {
	var missing []string
	for _, k := range keys {
		_, in := a.batch[k]
		if _, read := a.known[k]; !in && !read {
			missing = append(missing, k)
		}
	}
	if err := a.load(ctx, missing); err != nil {
		return news.Redirect{}, err
	}
	for _, k := range keys {
		if r, ok := a.batch[k]; ok {
			return r, nil
		}
		if r := a.known[k]; r != nil {
			return *r, nil
		}
	}
	return news.Redirect{}, errNoRedirect
}

// putAll writes rows in one statement and counts those added and updated.
func (w *redirectWriter) putAll(ctx context.Context, rows []news.Redirect) (added, updated int, err error) {
	query := upsertRedirectsQuery(len(rows))
	q, err := w.on(ctx, query)
	if err != nil {
		return 0, 0, err
	}
	args := make([]any, 0, 2+4*len(rows))
	args = append(args, nullID(w.by), w.now)
	for _, r := range rows {
		args = append(args, r.From, r.To, int(r.Status), string(r.Origin))
	}
	written, err := queryAll(ctx, q, func(row rowScanner) (bool, error) {
		var id int64
		var isNew bool
		return isNew, row.Scan(&id, &isNew)
	}, "write redirects", query, args...)
	for _, n := range written {
		if n {
			added++
		} else {
			updated++
		}
	}
	return added, updated, err
}
