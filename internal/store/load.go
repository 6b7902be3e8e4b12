package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
)

// RequireEmpty refuses, in Vietnamese, a database that holds a paper
// someone works on: any member or any article. A database not yet
// migrated holds none.
func (s *Store) RequireEmpty(ctx context.Context) error {
	v, err := s.SchemaVersion(ctx)
	if err != nil || v == 0 {
		return err
	}
	return requireEmpty(ctx, s.read)
}

func requireEmpty(ctx context.Context, q querier) error {
	var n int
	err := q.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM articles)`).Scan(&n)
	if err != nil {
		return fmt.Errorf("count users and articles: %w", err)
	}
	if n > 0 {
		return news.Errorf(news.Conflict, "Cơ sở dữ liệu đích đã có bài viết hoặc người dùng: chỉ khôi phục được vào một cơ sở dữ liệu trống (mới tạo, chưa chạy toasoan serve)")
	}
	return nil
}

// Loader writes rows into every table of an empty database, inside the
// one transaction of Load.
type Loader struct {
	t      *tx
	tables map[string]Table
	order  []Table
}

// Load runs fn to fill an empty database, all in one transaction recorded
// as one audited change: the database must hold no member and no article
// (the rows its migrations seed, such as the starter word list, are
// replaced by Clear). Foreign keys are checked when fn is done, not row
// by row, so tables load in any order and rows may point at rows that
// come later; the search indexes, which backups leave out, are built for
// every article (at this binary's schema; see indexLoaded); then
// PostgreSQL's identity sequences are moved past the largest ids. If
// anything fails nothing is kept.
func (s *Store) Load(ctx context.Context, by news.Actor, fn func(*Loader) error) error {
	return s.change(ctx, by, "paper.restore", func(t *tx, e *news.AuditEntry) error {
		if err := requireEmpty(ctx, t); err != nil {
			return err
		}
		check, err := s.dialect.looseForeignKeys(ctx, t.Tx)
		if err != nil {
			return err
		}
		order, err := listTables(ctx, t, s.dialect)
		if err != nil {
			return err
		}
		l := &Loader{t: t, tables: map[string]Table{}, order: order}
		for _, tb := range order {
			l.tables[tb.Name] = tb
		}
		if err := fn(l); err != nil {
			return err
		}
		if err := s.indexLoaded(ctx, t); err != nil {
			return err
		}
		if err := check(); err != nil {
			return err
		}
		if s.dialect.resetSequences != nil {
			if err := s.dialect.resetSequences(ctx, t.Tx); err != nil {
				return fmt.Errorf("reset sequences: %w", err)
			}
		}
		e.ObjectType = "paper"
		e.Detail = "khôi phục từ bản sao lưu"
		t.announce(news.SiteKey, news.HomeKey, news.LatestKey, news.FeedsKey, news.WeatherKey, news.PopupsKey)
		return nil
	})
}

// indexLoaded writes the search index and the folded title of every
// article in the load's transaction, five hundred articles at a time (a
// connection cannot write while a query on it is still being read). A
// database loaded at an older schema than this binary's has older
// search tables, or none: ReindexMissing builds them once it is migrated.
func (s *Store) indexLoaded(ctx context.Context, t *tx) error {
	var current int
	if err := t.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if latest, err := s.LatestVersion(); err != nil || current != latest {
		return err
	}
	var after int64
	for {
		batch, err := queryAll(ctx, t, func(r rowScanner) (news.Article, error) {
			var a news.Article
			err := r.Scan(&a.ID, &a.Title, &a.Lead, &a.Body, &a.SectionID)
			return a, err
		}, "read articles to index", `SELECT id, title, lead, body, section_id FROM articles WHERE id > $1 ORDER BY id LIMIT 500`, after)
		if err != nil || len(batch) == 0 {
			return err
		}
		for _, a := range batch {
			if err := s.indexArticle(ctx, t.Tx, a); err != nil {
				return err
			}
		}
		after = batch[len(batch)-1].ID
	}
}

// Tables is the target database's tables with their columns.
func (l *Loader) Tables() []Table { return l.order }

// table finds name among the target's tables.
func (l *Loader) table(name string) (Table, error) {
	t, ok := l.tables[name]
	if !ok {
		return Table{}, news.Errorf(news.Invalid, "Bảng %q không có trong cơ sở dữ liệu đích", name)
	}
	return t, nil
}

// Clear deletes every row of a table: the rows the migrations seeded.
func (l *Loader) Clear(ctx context.Context, name string) error {
	t, err := l.table(name)
	if err != nil {
		return err
	}
	if _, err := l.t.ExecContext(ctx, `DELETE FROM `+quote(t.Name)); err != nil {
		return fmt.Errorf("clear %s: %w", t.Name, err)
	}
	return nil
}

// Inserter adds rows to one table, its columns fixed, a batch of rows
// to a statement: one round trip to PostgreSQL per row made loading a
// large paper take minutes.
type Inserter struct {
	tx      *tx
	table   string
	columns string // quoted, comma separated
	kinds   []ColumnKind
	batch   int   // rows a full statement inserts
	pending []any // values of the rows not yet inserted
	full    *sql.Stmt
	done    int64 // rows inserted
}

// maxParameters keeps a statement under both databases' limits on bound
// values (SQLite's 32766, PostgreSQL's 65535).
const maxParameters = 30000

// Into prepares the insertion of rows with the given columns into a
// table; every column must be the table's. End it with Done.
func (l *Loader) Into(ctx context.Context, name string, columns []string) (*Inserter, error) {
	t, err := l.table(name)
	if err != nil {
		return nil, err
	}
	if len(columns) == 0 {
		return nil, news.Errorf(news.Invalid, "Bảng %s của bản sao lưu không có cột nào", t.Name)
	}
	in := &Inserter{tx: l.t, table: t.Name, batch: min(200, maxParameters/len(columns))}
	quoted := make([]string, len(columns))
	for i, c := range columns {
		col, ok := t.column(c)
		if !ok {
			return nil, news.Errorf(news.Invalid, "Cột %s.%s không có trong cơ sở dữ liệu đích", t.Name, c)
		}
		in.kinds = append(in.kinds, col.Kind)
		quoted[i] = quote(col.Name)
	}
	in.columns = strings.Join(quoted, ", ")
	return in, nil
}

// column finds a column of t by name.
func (t Table) column(name string) (Column, bool) {
	for _, c := range t.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// Kind is the kind of a table's column, "" when there is no such column.
func (t Table) Kind(name string) ColumnKind {
	c, _ := t.column(name)
	return c.Kind
}

// statement is the INSERT of rows rows.
func (in *Inserter) statement(rows int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO ` + quote(in.table) + ` (` + in.columns + `) VALUES `)
	n := 0
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range in.kinds {
			if c > 0 {
				b.WriteString(", ")
			}
			n++
			b.WriteString("$" + strconv.Itoa(n))
		}
		b.WriteByte(')')
	}
	return b.String()
}

// Row adds one row, its values in the order of the columns given to
// Into, typed as Snapshot.Rows gives them; values may be reused once it
// returns.
func (in *Inserter) Row(ctx context.Context, values []any) error {
	if len(values) != len(in.kinds) {
		return fmt.Errorf("insert into %s: %d values for %d columns", in.table, len(values), len(in.kinds))
	}
	for i, v := range values {
		if err := checkValue(in.kinds[i], v); err != nil {
			return fmt.Errorf("insert into %s: %w", in.table, err)
		}
	}
	in.pending = append(in.pending, values...)
	if len(in.pending) < in.batch*len(in.kinds) {
		return nil
	}
	if in.full == nil {
		var err error
		if in.full, err = in.tx.PrepareContext(ctx, in.statement(in.batch)); err != nil {
			return fmt.Errorf("prepare insert into %s: %w", in.table, err)
		}
	}
	return in.flush(ctx, in.full)
}

// flush inserts the pending rows, with st when it is given.
func (in *Inserter) flush(ctx context.Context, st *sql.Stmt) error {
	rows := len(in.pending) / len(in.kinds)
	if rows == 0 {
		return nil
	}
	var err error
	if st != nil {
		_, err = st.ExecContext(ctx, in.pending...)
	} else {
		_, err = in.tx.ExecContext(ctx, in.statement(rows), in.pending...)
	}
	if err != nil {
		return news.Errorf(news.Invalid, "Không ghi được các dòng %d-%d vào bảng %s: %s", in.done+1, in.done+int64(rows), in.table, oneLine(err))
	}
	in.done += int64(rows)
	in.pending = in.pending[:0]
	return nil
}

// Done inserts the rows still pending and releases the statement.
func (in *Inserter) Done(ctx context.Context) error {
	return errors.Join(in.flush(ctx, nil), in.Close())
}

// Close releases the statement without inserting what is pending: the
// way out of a load that failed.
func (in *Inserter) Close() error {
	if in.full == nil {
		return nil
	}
	err := in.full.Close()
	in.full = nil
	return err
}

// ImageKeys calls fn with the key of every photo the loaded rows record.
func (l *Loader) ImageKeys(ctx context.Context, fn func(key string) error) error {
	rows, err := l.t.QueryContext(ctx, `SELECT key FROM images ORDER BY id`)
	if err != nil {
		return fmt.Errorf("read image keys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		if err := rows.Scan(&key); err != nil {
			return fmt.Errorf("read image keys: %w", err)
		}
		if err := fn(key); err != nil {
			return err
		}
	}
	return rows.Err()
}

// oneLine is a driver's message on one line, for a person to read.
func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }
