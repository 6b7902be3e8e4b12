package store

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
)

// openFile opens and migrates a SQLite file twice, as two processes on
// one data folder do (the package's own tests cannot use storetest).
func openFile(t testing.TB) (here, there *Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "toasoan.db")
	open := func() *Store {
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Error(err)
			}
		})
		if _, err := s.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return s
	}
	return open(), open()
}

// touch is a change of the paper's settings: one key, one audit entry.
func touch(t testing.TB, s *Store) {
	t.Helper()
	ctx := context.Background()
	site, err := s.Site(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSite(ctx, news.System(), site); err != nil {
		t.Fatal(err)
	}
}

// hearing records what a store's subscribers hear.
func hearing(s *Store) *[]news.Change {
	var heard []news.Change
	s.Subscribe(func(ch news.Change) { heard = append(heard, ch) })
	return &heard
}

// On SQLite, a change committed by another process reaches this one's
// subscribers with its keys, once, in order; this process's own notices
// are not heard twice; notices dropped before they were read, or a
// database put back from an older copy, make the subscribers forget
// everything; the table keeps only the newest notices.
func TestNoticesBetweenProcesses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	here, there := openFile(t)
	heard := hearing(here)
	last := here.readNotices(ctx, -1)
	if len(*heard) != 1 || !(*heard)[0].All {
		t.Fatalf("the first read heard %+v, want everything forgotten (pages may predate it)", *heard)
	}
	*heard = nil
	if again := here.readNotices(ctx, last); again != last || len(*heard) != 0 {
		t.Fatalf("a poll with nothing new heard %+v (last %d → %d)", *heard, last, again)
	}

	touch(t, here) // heard at commit, not again from the table
	touch(t, there)
	if _, err := there.CreateLocality(ctx, news.System(), news.Locality{Name: "Xã Thạch Lạc", Latitude: 18.4, Longitude: 105.8}); err != nil {
		t.Fatal(err)
	}
	*heard = nil
	last = here.readNotices(ctx, last)
	if len(*heard) != 2 || !slices.Contains((*heard)[0].Keys, news.SiteKey) || !slices.Contains((*heard)[1].Keys, news.WeatherKey) || (*heard)[0].All {
		t.Fatalf("heard %+v, want the other process's two changes, in order, and not this one's own", *heard)
	}

	// Notices this process never read are gone: it cannot know what
	// changed.
	touch(t, there)
	touch(t, there)
	if err := here.ExecForTest(ctx, `DELETE FROM change_notices WHERE id = $1`, last+1); err != nil {
		t.Fatal(err)
	}
	*heard = nil
	last = here.readNotices(ctx, last)
	if len(*heard) != 1 || !(*heard)[0].All {
		t.Fatalf("after a gap heard %+v, want everything forgotten", *heard)
	}

	// A database put back from a copy older than what was read.
	*heard = nil
	if got := here.readNotices(ctx, last+50); got != last || len(*heard) != 1 || !(*heard)[0].All {
		t.Fatalf("behind what was read: last %d, heard %+v", got, *heard)
	}

	// Only the newest notices are kept.
	if err := here.ExecForTest(ctx, `INSERT INTO change_notices (id, notice) VALUES ($1, 'x flush')`, last+5000); err != nil {
		t.Fatal(err)
	}
	touch(t, there)
	var oldest, count int64
	if err := here.read.QueryRowContext(ctx, `SELECT MIN(id), COUNT(*) FROM change_notices`).Scan(&oldest, &count); err != nil {
		t.Fatal(err)
	}
	if oldest <= last+5001-keptNotices || count != 2 {
		t.Errorf("after a write at id %d the table keeps ids from %d (%d rows), want only the newest %d ids", last+5001, oldest, count, keptNotices)
	}
}

// A change that is rolled back leaves no notice.
func TestRolledBackChangeLeavesNoNotice(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	here, there := openFile(t)
	last := here.readNotices(ctx, -1)
	heard := hearing(here)
	err := there.change(ctx, news.System(), "test.fail", func(t *tx, e *news.AuditEntry) error {
		t.announce(news.SiteKey)
		return news.Errorf(news.Invalid, "refused")
	})
	if err == nil {
		t.Fatal("the change did not fail")
	}
	if got := here.readNotices(ctx, last); got != last || len(*heard) != 0 {
		t.Errorf("a rolled-back change was heard: %+v (last %d → %d)", *heard, last, got)
	}
}

// BenchmarkIdleNoticePoll is what a SQLite server does twice a second
// when nothing changed: one read of the table's last id.
func BenchmarkIdleNoticePoll(b *testing.B) {
	ctx := context.Background()
	here, there := openFile(b)
	for range 2000 {
		touch(b, there)
	}
	last := here.readNotices(ctx, -1)
	b.ResetTimer()
	for b.Loop() {
		if here.readNotices(ctx, last) != last {
			b.Fatal("something changed")
		}
	}
}

// BenchmarkChangeNotice is a write with its notice against the same
// write without one: what the notice adds to every change on SQLite.
func BenchmarkChangeNotice(b *testing.B) {
	for _, poll := range []bool{true, false} {
		name := map[bool]string{true: "with-notice", false: "without"}[poll]
		b.Run(name, func(b *testing.B) {
			s, _ := openFile(b)
			if !poll {
				s.dialect.noticePoll = 0
			}
			for b.Loop() {
				touch(b, s)
			}
		})
	}
}
