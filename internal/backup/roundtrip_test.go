package backup

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/accounts"
	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/store"
)

// kinds are the databases under test: SQLite, and PostgreSQL when a
// database is there (CI).
func kinds() []string {
	if os.Getenv("TOASOAN_TEST_DATABASE") == "" {
		return []string{"sqlite"}
	}
	return []string{"sqlite", "postgres"}
}

// crossings are the moves tested: SQLite to PostgreSQL and back when a
// PostgreSQL database is there (CI), SQLite to SQLite otherwise.
func crossings() [][2]string {
	if os.Getenv("TOASOAN_TEST_DATABASE") == "" {
		return [][2]string{{"sqlite", "sqlite"}}
	}
	return [][2]string{{"sqlite", "postgres"}, {"postgres", "sqlite"}}
}

// The demo paper with a newsroom and comments, backed up on one database
// and restored into an empty one of the other kind, is the same paper:
// every row of every table backed up (ids included), every photo's bytes;
// members sign in with their passwords; new rows get the next ids; the
// search index is built again. A backup of the restored paper holds what
// the first held, plus the restore's own audit entry.
func TestAPaperMovesBetweenDatabases(t *testing.T) {
	t.Parallel()
	for _, move := range crossings() {
		t.Run(move[0]+"→"+move[1], func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			from := paperOn(t, openEmpty(t, source(t, move[0])))
			if _, err := from.Store.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			fillPaper(t, from)
			data := archive(t, from)

			to := paperOn(t, openEmpty(t, source(t, move[1])))
			m, err := to.Restore(ctx, bytes.NewReader(data))
			if err != nil {
				t.Fatalf("restore: %v", err)
			}
			if m.Database != move[0] || m.Media.Files < 50 {
				t.Errorf("manifest: taken on %q with %d photos", m.Database, m.Media.Files)
			}

			want, wantRows, wantPhotos := contents(t, data)
			got, gotRows, gotPhotos := contents(t, archive(t, to))
			var restoreEntries []string
			gotRows["audit_log"] = slices.DeleteFunc(gotRows["audit_log"], func(row string) bool {
				if strings.Contains(row, `"action":"paper.restore"`) {
					restoreEntries = append(restoreEntries, row)
					return true
				}
				return false
			})
			if len(restoreEntries) != 1 {
				t.Errorf("the restore's audit entries: %v", restoreEntries)
			}
			if got.SchemaVersion != want.SchemaVersion || len(got.Tables) != len(want.Tables) {
				t.Errorf("schema %d with %d tables, want %d with %d", got.SchemaVersion, len(got.Tables), want.SchemaVersion, len(want.Tables))
			}
			for _, tb := range want.Tables {
				if diff := firstDifference(gotRows[tb.Name], wantRows[tb.Name]); diff != "" {
					t.Errorf("table %s differs after the move: %s", tb.Name, diff)
				}
			}
			for _, name := range []string{"articles", "comments", "users", "revisions", "images", "audit_log", "api_tokens", "word_lists", "autosaves", "comment_likes"} {
				if len(wantRows[name]) == 0 {
					t.Errorf("the paper backed up has no %s: the test proves nothing about them", name)
				}
			}
			if !reflect.DeepEqual(gotPhotos, wantPhotos) {
				t.Errorf("photos differ: %d restored, %d backed up", len(gotPhotos), len(wantPhotos))
			}

			people := accounts.New(to.Store, auth.TestHasher(), time.Now)
			for _, mem := range members {
				if token, _, err := people.SignIn(ctx, mem.email, mem.password, "198.51.100.4", "thử"); err != nil || token == "" {
					t.Errorf("%s signs in on the restored paper: %v", mem.email, err)
				}
			}
			if _, _, err := people.SignIn(ctx, members[0].email, "mật khẩu sai", "198.51.100.5", "thử"); news.ErrorCode(err) != news.Unauthorized {
				t.Errorf("a wrong password on the restored paper: %v", err)
			}
			if n, err := to.Store.ReindexMissing(ctx); err != nil || n != 0 {
				t.Errorf("search index after the restore: %d articles still missing, %v", n, err)
			}
			// The index rebuilt holds each story's section: a search
			// within it finds the story.
			newest, err := to.Store.PublishedArticles(ctx, store.ArticleFilter{Limit: 1})
			if err != nil || len(newest) == 0 {
				t.Fatalf("a published story on the restored paper: %v", err)
			}
			hits, _, err := to.Store.Search(ctx, store.SearchQuery{Words: search.Parse(newest[0].Title).Words,
				SectionIDs: []int64{newest[0].SectionID}, Limit: 10})
			if err != nil || !slices.ContainsFunc(hits, func(h store.SearchHit) bool { return h.ID == newest[0].ID }) {
				t.Errorf("searching its title within its section on the restored paper: %d hits (%v), not story %d", len(hits), err, newest[0].ID)
			}
			sections, err := to.Store.Sections(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var last int64
			for _, sec := range sections {
				last = max(last, sec.ID)
			}
			sec, err := to.Store.CreateSection(ctx, news.System(), news.Section{Slug: "ban-doc", Name: "Bạn đọc"})
			if err != nil || sec.ID != last+1 {
				t.Errorf("a new section on the restored paper: id %d, %v; want %d", sec.ID, err, last+1)
			}
		})
	}
}

// The skip list names only tables of the schema, and a backup holds
// every other table: a table a migration adds is backed up without
// anyone listing it.
func TestEveryTableButTheSkippedIsBackedUp(t *testing.T) {
	t.Parallel()
	for _, kind := range kinds() {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			s := openEmpty(t, source(t, kind))
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			m, _, _ := contents(t, archive(t, paperOn(t, s)))
			var all []store.Table
			err := s.ReadSnapshot(ctx, func(sn *store.Snapshot) (err error) { all, err = sn.Tables(ctx); return err })
			if err != nil {
				t.Fatal(err)
			}
			backedUp := map[string]bool{}
			for _, tb := range m.Tables {
				backedUp[tb.Name] = true
			}
			for _, tb := range all {
				if skipped := skipReason(tb.Name) != ""; skipped == backedUp[tb.Name] {
					t.Errorf("table %s: skipped %v, backed up %v", tb.Name, skipped, backedUp[tb.Name])
				}
			}
			if len(m.Tables) < 20 || !backedUp["articles"] || !backedUp["audit_log"] {
				t.Errorf("backed up only %d tables", len(m.Tables))
			}
		})
	}
}

// firstDifference describes where two sorted lists of rows first differ,
// "" when they are the same.
func firstDifference(got, want []string) string {
	for i := range max(len(got), len(want)) {
		g, w := "(none)", "(none)"
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return fmt.Sprintf("%d rows, want %d; row %d:\n got %.400s\nwant %.400s", len(got), len(want), i, g, w)
		}
	}
	return ""
}

// exec runs statements on source outside the store, as a migration of
// another branch would.
func exec(t *testing.T, source string, statements ...string) {
	t.Helper()
	driver := "sqlite"
	if strings.HasPrefix(source, "postgres") {
		driver = "pgx"
	}
	db, err := sql.Open(driver, source)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	for _, st := range statements {
		if _, err := db.Exec(st); err != nil {
			t.Fatalf("%s: %v", st, err)
		}
	}
}

// A table a migration adds is backed up and restored with no list to
// update; a column of a type the backup cannot carry faithfully fails
// the backup with its name instead of being carried wrong.
func TestANewTableIsCarried(t *testing.T) {
	t.Parallel()
	for _, kind := range kinds() {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			table := `CREATE TABLE redirect_trials (id INTEGER PRIMARY KEY, old_path TEXT NOT NULL, gone BOOLEAN NOT NULL, hits INTEGER, seen_at TIMESTAMP)`
			from, to := source(t, kind), source(t, kind)
			b := paperOn(t, openEmpty(t, from))
			if _, err := b.Store.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			// The text goes as it is, byte for byte: decomposed marks (NFD)
			// stay decomposed, whatever the database.
			nfd := norm.NFD.String("/tag/Đường-Hà-Tĩnh/")
			exec(t, from, table, `INSERT INTO redirect_trials (id, old_path, gone, hits, seen_at) VALUES
				(7, '/xa-hoi/cau-rao-cai-220459.htm', FALSE, 12, '2026-01-31 08:00:00'), (9, '`+nfd+`', TRUE, NULL, NULL)`)
			data := archive(t, b)
			target := paperOn(t, openEmpty(t, to))
			if _, err := target.Store.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			exec(t, to, table)
			if _, err := target.Restore(ctx, bytes.NewReader(data)); err != nil {
				t.Fatal(err)
			}
			_, got, _ := contents(t, archive(t, target))
			want := []string{
				`{"gone":false,"hits":12,"id":7,"old_path":"/xa-hoi/cau-rao-cai-220459.htm","seen_at":"2026-01-31T08:00:00Z"}`,
				`{"gone":true,"hits":null,"id":9,"old_path":"` + nfd + `","seen_at":null}`,
			}
			if !slices.Equal(got["redirect_trials"], want) {
				t.Errorf("the new table after the round trip:\n got %v\nwant %v", got["redirect_trials"], want)
			}

			blob := map[string]string{"sqlite": "BLOB", "postgres": "BYTEA"}[kind]
			exec(t, from, `ALTER TABLE redirect_trials ADD COLUMN page `+blob)
			_, err := b.Write(ctx, io.Discard)
			if err == nil || !strings.Contains(err.Error(), "redirect_trials.page") {
				t.Errorf("a backup with a %s column: %v", blob, err)
			}
		})
	}
}

// An archive from an older schema restores into an empty database of
// this binary: the database is migrated to the archive's version, the
// rows loaded, then migrated the rest of the way as the paper would have
// been, and its search indexes built.
func TestAnOlderArchiveIsMigratedAfterItsRows(t *testing.T) {
	t.Parallel()
	for _, kind := range kinds() {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			from := source(t, kind)
			b := paperOn(t, openEmpty(t, from))
			latest, err := b.Store.LatestVersion()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := b.Store.MigrateTo(ctx, latest-1); err != nil {
				t.Fatal(err)
			}
			exec(t, from, `INSERT INTO sections (id, slug, name) VALUES (4, 'kinh-te', 'Kinh tế')`,
				`INSERT INTO articles (id, slug, title, body, section_id, status, created_at, updated_at, published_at, revision)
			 VALUES (31, 'gia-lua-tang', 'Giá lúa tăng ở Đức Thọ', '<p>Nông dân phấn khởi.</p>', 4, 'published', '2025-10-01 01:00:00', '2025-10-01 01:00:00', '2025-10-01 01:00:00', 1)`)
			data := archive(t, b)
			if m, _, _ := contents(t, data); m.SchemaVersion != latest-1 {
				t.Fatalf("the archive's schema version %d, want %d", m.SchemaVersion, latest-1)
			}

			to := paperOn(t, openEmpty(t, source(t, kind)))
			if _, err := to.Restore(ctx, bytes.NewReader(data)); err != nil {
				t.Fatal(err)
			}
			if v, err := to.Store.SchemaVersion(ctx); err != nil || v != latest {
				t.Errorf("the restored paper's schema: %d, %v; want %d", v, err, latest)
			}
			a, err := to.Store.Article(ctx, 31)
			if err != nil || a.Title != "Giá lúa tăng ở Đức Thọ" || a.Section.Slug != "kinh-te" {
				t.Errorf("the restored story: %+v, %v", a, err)
			}
			if n, err := to.Store.ReindexMissing(ctx); err != nil || n != 0 {
				t.Errorf("search indexes after the restore: %d missing, %v", n, err)
			}
		})
	}
}
