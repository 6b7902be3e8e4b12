package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
)

// migration is one numbered SQL file of the dialect's migrations folder.
type migration struct {
	version int
	name    string
	sql     string
}

func (d dialect) loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(d.migrations, ".")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %q: name must be NNNN_name.sql", e.Name())
		}
		body, err := fs.ReadFile(d.migrations, e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %q: expected number %d", m.name, i+1)
		}
	}
	return ms, nil
}

// LatestVersion is the newest schema version this binary knows.
func (s *Store) LatestVersion() (int, error) {
	ms, err := s.dialect.loadMigrations()
	return len(ms), err
}

// SchemaVersion is the newest migration recorded in the database, 0 for an
// empty database.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	if _, err := s.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at TIMESTAMP NOT NULL)`); err != nil {
		return 0, fmt.Errorf("create schema_migrations: %w", err)
	}
	var v sql.NullInt64
	if err := s.read.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return int(v.Int64), nil
}

// Migrate applies the migrations the database lacks, each in its own
// transaction together with its row in schema_migrations, and refuses to
// touch a database whose schema is newer than this binary. Servers that
// start at the same moment take turns (Exclusive on PostgreSQL; on SQLite
// each migration's transaction holds the file's write lock), and each
// migration checks inside its transaction that no one applied it first.
func (s *Store) Migrate(ctx context.Context) (applied int, err error) {
	return s.MigrateTo(ctx, 0)
}

// MigrateTo is Migrate up to version only (0: the newest): a restore
// brings an empty database to its backup's schema, loads the rows, then
// migrates the rest of the way as any older paper would.
func (s *Store) MigrateTo(ctx context.Context, version int) (applied int, err error) {
	ms, err := s.dialect.loadMigrations()
	if err != nil {
		return 0, err
	}
	if version > len(ms) {
		return 0, schemaTooNew(version, len(ms))
	}
	if version <= 0 {
		version = len(ms)
	}
	err = s.Exclusive(ctx, "migrate", func() error {
		current, err := s.SchemaVersion(ctx)
		if err != nil {
			return err
		}
		if current > len(ms) {
			return schemaTooNew(current, len(ms))
		}
		for _, m := range ms[min(current, version):version] {
			done, err := s.applyMigration(ctx, m)
			if err != nil {
				return err
			}
			if done {
				applied++
			}
		}
		return nil
	})
	return applied, err
}

// applyMigration runs m unless the database already has it, and reports
// whether it ran.
func (s *Store) applyMigration(ctx context.Context, m migration) (bool, error) {
	ran := false
	err := s.commit(ctx, func(t *tx) error {
		var n int
		if err := t.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = $1`, m.version).Scan(&n); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if n > 0 {
			return nil
		}
		if _, err := t.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := t.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`, m.version, m.name, t.now); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		ran = true
		return nil
	})
	return ran, err
}

// CheckSchema fails unless the database is at exactly the version this
// binary knows: the server never runs on a schema it does not understand.
func (s *Store) CheckSchema(ctx context.Context) error {
	want, err := s.LatestVersion()
	if err != nil {
		return err
	}
	got, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if got > want {
		return schemaTooNew(got, want)
	}
	if got < want {
		return news.Errorf(news.Conflict, "cơ sở dữ liệu cần cập nhật lược đồ (phiên bản %d, cần %d): chạy toasoan migrate", got, want)
	}
	return nil
}

func schemaTooNew(got, want int) error {
	return news.Errorf(news.Conflict, "cơ sở dữ liệu có lược đồ phiên bản %d, mới hơn phiên bản %d mà chương trình này biết; hãy dùng bản toasoan mới hơn", got, want)
}
