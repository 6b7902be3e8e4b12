package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// ExecForTest lets tests put the database in states the API never makes,
// such as a schema newer than the binary.
func (s *Store) ExecForTest(ctx context.Context, query string, args ...any) error {
	_, err := s.write.ExecContext(ctx, query, args...)
	return err
}

// refuseAudit is, per dialect, a trigger that makes every insert into the
// audit log fail, and the statements that remove it.
var refuseAudit = map[string]struct{ on, off []string }{
	"sqlite": {
		on:  []string{`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END`},
		off: []string{`DROP TRIGGER refuse_audit`},
	},
	"postgres": {
		on: []string{
			`CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit refused by the test'; END $$ LANGUAGE plpgsql`,
			`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()`,
		},
		off: []string{`DROP TRIGGER refuse_audit ON audit_log`, `DROP FUNCTION refuse_audit()`},
	},
}

// RefuseAuditForTest makes every audit insert fail until the returned
// function is called.
func (s *Store) RefuseAuditForTest(ctx context.Context) (func() error, error) {
	for _, q := range refuseAudit[s.dialect.name].on {
		if err := s.ExecForTest(ctx, q); err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, q := range refuseAudit[s.dialect.name].off {
			if err := s.ExecForTest(ctx, q); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

// tablesQuery lists the database's tables, per dialect.
var tablesQuery = map[string]string{
	"sqlite":   `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
	"postgres": `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
}

// DumpForTest is every row of every table but except, each row printed
// and the rows of a table sorted: two dumps are equal when the database
// holds the same rows.
func (s *Store) DumpForTest(ctx context.Context, except ...string) (map[string][]string, error) {
	rows, err := s.write.QueryContext(ctx, tablesQuery[s.dialect.name])
	if err != nil {
		return nil, err
	}
	tables, err := scanStrings(rows)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, table := range tables {
		if slices.Contains(except, table) {
			continue
		}
		lines, err := s.dumpTable(ctx, table)
		if err != nil {
			return nil, fmt.Errorf("dump %s: %w", table, err)
		}
		out[table] = lines
	}
	return out, nil
}

func (s *Store) dumpTable(ctx context.Context, table string) ([]string, error) {
	rows, err := s.write.QueryContext(ctx, `SELECT * FROM `+table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		var b strings.Builder
		for i, v := range vals {
			if b2, ok := v.([]byte); ok {
				v = string(b2)
			}
			fmt.Fprintf(&b, "%s=%v|", cols[i], v)
		}
		lines = append(lines, b.String())
	}
	slices.Sort(lines)
	return lines, rows.Err()
}
