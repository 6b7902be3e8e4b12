package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// ColumnKind is how a column's values travel between the two databases:
// the few kinds the schema uses, each read into one Go type (int64,
// float64, string, bool, time.Time in UTC; nil for NULL).
type ColumnKind string

// The kinds of column a backup carries. A declared type outside these
// has no kind (""): reading it is an error, so a migration that adds a
// new kind of column must teach kindOf about it.
const (
	Integer   ColumnKind = "integer"
	Real      ColumnKind = "real"
	Text      ColumnKind = "text"
	Boolean   ColumnKind = "boolean"
	Timestamp ColumnKind = "timestamp"
)

// kindOf maps a declared type, as SQLite's table_info or PostgreSQL's
// information_schema spell it, to its kind; the two spell each kind
// differently, so one table serves both.
func kindOf(declared string) ColumnKind {
	switch strings.ToLower(strings.TrimSpace(declared)) {
	case "integer", "bigint", "smallint", "int":
		return Integer
	case "real", "double precision":
		return Real
	case "text", "character varying", "varchar":
		return Text
	case "boolean":
		return Boolean
	case "timestamp", "timestamp with time zone", "timestamp without time zone", "timestamptz":
		return Timestamp
	}
	return ""
}

// Column is a column as the database describes it.
type Column struct {
	Name     string
	Declared string     // the type as declared, for messages
	Kind     ColumnKind // "" for a type without a kind
}

// Table is a table as the database describes it. Virtual tables (SQLite's
// full-text index) are listed so that a backup can say it leaves them
// out; their shadow tables and the database's own are not.
type Table struct {
	Name    string
	Virtual bool
	Columns []Column
}

// identifier is the only shape of table or column name the store puts
// into SQL it builds: the schema's own names all have it.
var identifier = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// ValidName reports whether name could be a table or column of ours.
func ValidName(name string) bool { return identifier.MatchString(name) }

// quote is name as an SQL identifier; names are checked by ValidName
// first, so quoting only guards against keywords ("key").
func quote(name string) string { return `"` + name + `"` }

// listTables reads the schema's tables and their columns through q.
func listTables(ctx context.Context, q querier, d dialect) ([]Table, error) {
	rows, err := q.QueryContext(ctx, d.tables)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	var tables []Table
	for rows.Next() {
		var t Table
		var kind string
		if err := rows.Scan(&t.Name, &kind); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list tables: %w", err)
		}
		t.Virtual = kind == "virtual"
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	for i := range tables {
		t := &tables[i]
		if !ValidName(t.Name) {
			return nil, fmt.Errorf("table %q: a name the store does not write SQL for", t.Name)
		}
		cols, err := queryAll(ctx, q, func(r rowScanner) (Column, error) {
			var c Column
			err := r.Scan(&c.Name, &c.Declared)
			c.Kind = kindOf(c.Declared)
			return c, err
		}, "list columns of "+t.Name, d.columns, t.Name)
		if err != nil {
			return nil, err
		}
		for _, c := range cols {
			if !ValidName(c.Name) {
				return nil, fmt.Errorf("column %s.%q: a name the store does not write SQL for", t.Name, c.Name)
			}
		}
		t.Columns = cols
	}
	return tables, nil
}

// Snapshot is the whole database as it was at one moment, for reading
// every table without a writer's change landing between two of them.
type Snapshot struct {
	tx *sql.Tx
	d  dialect
}

// ReadSnapshot runs fn in one read-only transaction that sees the
// database at one moment: PostgreSQL's REPEATABLE READ, SQLite's
// transaction on one connection, whose first read fixes its view of the
// write-ahead log. Writers go on meanwhile; fn sees none of their changes.
func (s *Store) ReadSnapshot(ctx context.Context, fn func(*Snapshot) error) error {
	opts := s.dialect.snapshot
	tx, err := s.read.BeginTx(ctx, &opts)
	if err != nil {
		return fmt.Errorf("begin snapshot: %w", err)
	}
	defer func() { _ = tx.Rollback() }() // read-only: nothing to keep
	return fn(&Snapshot{tx: tx, d: s.dialect})
}

// SchemaVersion is the newest migration the snapshot's database had.
// Read first, it is also the read that fixes SQLite's snapshot.
func (sn *Snapshot) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	if err := sn.tx.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return int(v.Int64), nil
}

// Tables lists the snapshot's tables with their columns.
func (sn *Snapshot) Tables(ctx context.Context) ([]Table, error) {
	return listTables(ctx, sn.tx, sn.d)
}

// Rows calls fn with each row of t, its values in the order of
// t.Columns, typed by kind. The slice is reused from row to row.
func (sn *Snapshot) Rows(ctx context.Context, t Table, fn func(values []any) error) error {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		if c.Kind == "" {
			return fmt.Errorf("cột %s.%s có kiểu %q mà bản sao lưu chưa biết", t.Name, c.Name, c.Declared)
		}
		names[i] = quote(c.Name)
	}
	rows, err := sn.tx.QueryContext(ctx, `SELECT `+strings.Join(names, ", ")+` FROM `+quote(t.Name))
	if err != nil {
		return fmt.Errorf("read %s: %w", t.Name, err)
	}
	defer rows.Close()
	dest := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		dest[i] = scanTarget(c.Kind)
	}
	values := make([]any, len(t.Columns))
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("read %s: %w", t.Name, err)
		}
		for i := range dest {
			values[i] = scanned(dest[i])
		}
		if err := fn(values); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", t.Name, err)
	}
	return nil
}

// scanTarget is where a value of kind k is scanned.
func scanTarget(k ColumnKind) any {
	switch k {
	case Integer:
		return new(sql.NullInt64)
	case Real:
		return new(sql.NullFloat64)
	case Boolean:
		return new(sql.NullBool)
	case Timestamp:
		return new(sql.NullTime)
	}
	return new(sql.NullString)
}

// scanned is the value a scan target holds, nil for NULL.
func scanned(dest any) any {
	switch v := dest.(type) {
	case *sql.NullInt64:
		if v.Valid {
			return v.Int64
		}
	case *sql.NullFloat64:
		if v.Valid {
			return v.Float64
		}
	case *sql.NullBool:
		if v.Valid {
			return v.Bool
		}
	case *sql.NullTime:
		if v.Valid {
			return v.Time.UTC()
		}
	case *sql.NullString:
		if v.Valid {
			return v.String
		}
	}
	return nil
}

// checkValue reports whether v is a value of kind k as Rows gives them.
func checkValue(k ColumnKind, v any) error {
	ok := false
	switch v.(type) {
	case nil:
		ok = true
	case int64:
		ok = k == Integer
	case float64:
		ok = k == Real
	case string:
		ok = k == Text
	case bool:
		ok = k == Boolean
	case time.Time:
		ok = k == Timestamp
	}
	if !ok {
		return errors.New("giá trị không đúng kiểu " + string(k))
	}
	return nil
}
