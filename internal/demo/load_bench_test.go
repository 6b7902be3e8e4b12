package demo_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/demo"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/richtext"
	"github.com/toasoan/toasoan/internal/store"
)

// BenchmarkDemoLoad is the demo part of a first start: a new SQLite
// database is migrated and the demo paper, pictures included, loaded into
// it. bench/firststart.sh measures the whole binary around it.
func BenchmarkDemoLoad(b *testing.B) {
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		dir := b.TempDir()
		s, err := store.Open(ctx, filepath.Join(dir, "toasoan.db"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
		lib, err := media.New(filepath.Join(dir, "media"))
		if err != nil {
			b.Fatal(err)
		}
		site, err := s.Site(ctx)
		if err != nil {
			b.Fatal(err)
		}
		loaded, err := demo.Loader{Store: s, Media: lib, Policy: richtext.NewPolicy(), Now: time.Now(), Zone: site.Location}.LoadIfEmpty(ctx)
		if err != nil || !loaded {
			b.Fatalf("demo: %v, %v", loaded, err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
