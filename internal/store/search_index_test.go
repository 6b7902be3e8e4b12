package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// On PostgreSQL a bulk write leaves nothing for searches to read besides
// the index's tree: GIN's pending list (fastupdate) is off (migration
// 0031), so a search for a word no story holds reads a few pages, not a
// list of every word written since the last merge.
func TestSearchIndexKeepsNoPendingList(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if s.Dialect() != "postgres" {
			return // FTS5 has no pending list; its merges are its own
		}
		ctx := context.Background()
		writeStories(t, s, 60, func(i, j int) string { return fmt.Sprintf("xã%d thôn%d", i*150+j, j) }, 150)
		pages, err := s.SearchBuffersForTest(ctx, []string{`SET LOCAL enable_seqscan = off`, `SET LOCAL enable_indexscan = off`},
			`SELECT article_id FROM article_search WHERE document @@ to_tsquery('simple', 'xyzzy')`)
		if err != nil {
			t.Fatal(err)
		}
		if pages > 4 {
			t.Errorf("a search for a word no story holds read %d pages of the index, want the tree's few", pages)
		}
		hits, _, err := s.Search(ctx, store.SearchQuery{Words: []string{"xa8999"}, Limit: 10})
		if err != nil || len(hits) != 1 {
			t.Errorf("the last story's own word found %d stories (%v), want 1", len(hits), err)
		}
	})
}

// On PostgreSQL a story's single words are also kept in search_words, in
// the row itself (migration 0032), so a walk newest first, which checks
// each story's words (common words), reads about a page per story, not a
// TOAST index and the chunks of a document twice the size.
func TestSearchWalkReadsWordsInTheRow(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if s.Dialect() != "postgres" {
			return // FTS5 walks its own lists, not documents
		}
		ctx := context.Background()
		const n = 40 // of 300 words and 300 pairs: about a news story's
		writeStories(t, s, n, func(i, j int) string { return fmt.Sprintf("từ%d", i*300+j) }, 300)
		pages, err := s.SearchBuffersForTest(ctx, []string{`SET LOCAL enable_bitmapscan = off`, `SET LOCAL enable_seqscan = off`},
			`SELECT article_id FROM search_words WHERE document @@ to_tsquery('simple', 'xyzzy') ORDER BY article_id DESC LIMIT 10`)
		if err != nil {
			t.Fatal(err)
		}
		if pages > 2*n {
			t.Errorf("walking %d stories' words read %d pages, want about one a story", n, pages)
		}
		hits, _, err := s.Search(ctx, store.SearchQuery{Words: []string{"tu11999"}, Limit: 10})
		if err != nil || len(hits) != 1 {
			t.Errorf("the last story's own word found %d stories (%v), want 1", len(hits), err)
		}
	})
}

// writeStories writes n published stories in one section through the
// store's bulk door, the ith one's body of words word(i, j) for j below
// perStory.
func writeStories(t *testing.T, s *store.Store, n int, word func(i, j int) string, perStory int) {
	t.Helper()
	ctx := context.Background()
	sec, err := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
	if err != nil {
		t.Fatal(err)
	}
	stories := make([]news.Article, n)
	for i := range stories {
		words := make([]string, perStory)
		for j := range words {
			words[j] = word(i, j)
		}
		stories[i] = news.Article{Slug: fmt.Sprintf("bai-%d", i), Title: fmt.Sprintf("Tin số %d", i), Lead: "Sapô.",
			Body: "<p>" + strings.Join(words, " ") + "</p>", SectionID: sec.ID, Status: news.Published, PublishedAt: time.Now().Add(-time.Hour)}
	}
	if err := s.CreateArticles(ctx, news.System(), stories); err != nil {
		t.Fatal(err)
	}
}

// A story whose words are missing from search_words (written by a server
// older than migration 0032 while a new one ran) is indexed again by
// ReindexMissing, which every server runs at its start.
func TestReindexMissingFillsSearchWords(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if s.Dialect() != "postgres" {
			return // no search_words on SQLite
		}
		ctx := context.Background()
		writeStories(t, s, 3, func(i, j int) string { return fmt.Sprintf("chữ%d", i*10+j) }, 10)
		if err := s.ExecForTest(ctx, `DELETE FROM search_words WHERE article_id = (SELECT MIN(article_id) FROM search_words)`); err != nil {
			t.Fatal(err)
		}
		if n, err := s.ReindexMissing(ctx); err != nil || n != 1 {
			t.Fatalf("indexed again %d, %v; want the one story", n, err)
		}
		if n, err := s.ReindexMissing(ctx); err != nil || n != 0 {
			t.Errorf("then %d, %v; want none", n, err)
		}
	})
}

// Indexing a story again whose words have not changed (a new version's
// re-index, a save that changes its status or credit line) writes
// nothing to the search index: on PostgreSQL an update would enter each
// of its hundreds of tokens in the GIN index again, on SQLite FTS5 would
// write them in a new segment. A change of its words does.
func TestIndexingUnchangedWordsWritesNoRow(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sec, err := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
		if err != nil {
			t.Fatal(err)
		}
		a, err := s.CreateArticle(ctx, news.System(), news.Article{Slug: "lua-he", Title: "Nắng nóng ở Hương Khê", Lead: "Sapô.",
			SectionID: sec.ID, Status: news.Published, PublishedAt: time.Now().Add(-time.Hour), Body: "<p>Đồng ruộng khô hạn.</p>"})
		if err != nil {
			t.Fatal(err)
		}
		version := func() string {
			t.Helper()
			v, err := s.SearchRowVersionForTest(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		found := func(words ...string) bool {
			t.Helper()
			hits, _, err := s.Search(ctx, store.SearchQuery{Words: words, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			return len(hits) == 1 && hits[0].ID == a.ID
		}
		first := version()
		if err := s.ExecForTest(ctx, `INSERT INTO search_pending (article_id) VALUES ($1)`, a.ID); err != nil {
			t.Fatal(err)
		}
		if n, err := s.ReindexPending(ctx, 50); err != nil || n != 1 {
			t.Fatalf("indexed again %d, %v", n, err)
		}
		if got := version(); got != first {
			t.Errorf("indexing unchanged words again wrote the index: %s, was %s", got, first)
		}
		if !found("kho", "han") {
			t.Error("the story indexed again is not found by its words")
		}
		a.Credit = "Theo TTXVN"
		if a, err = s.UpdateArticle(ctx, news.System(), a, a.Revision, news.RevisionSave); err != nil {
			t.Fatal(err)
		}
		if got := version(); got != first {
			t.Errorf("a save that changed the credit line wrote the index: %s, was %s", got, first)
		}
		a.Body = "<p>Đồng ruộng khô hạn, người dân chống hạn.</p>"
		if _, err = s.UpdateArticle(ctx, news.System(), a, a.Revision, news.RevisionSave); err != nil {
			t.Fatal(err)
		}
		if got := version(); got == first {
			t.Errorf("a save that changed the words left the index as it was: %s", got)
		}
		if !found("chong", "han") || !found("kho", "han") {
			t.Error("the changed story is not found by its new words and its old ones")
		}
	})
}
