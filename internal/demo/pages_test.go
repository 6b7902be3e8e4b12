package demo

import (
	"testing"

	"github.com/toasoan/toasoan/internal/news"
)

// The demo's pages are pages the newsroom could have made: valid slugs
// and titles, paragraphs and sub-headings only, in Vietnamese with marks.
func TestPages(t *testing.T) {
	pages := Pages()
	if len(pages) != 2 || pages[0].Title != "Giới thiệu" || pages[1].Title != "Liên hệ" {
		t.Fatalf("want Giới thiệu and Liên hệ, have %+v", pages)
	}
	for _, p := range pages {
		if err := (news.Page{Slug: p.Slug, Title: p.Title}).Validate(); err != nil || !slugPattern.MatchString(p.Slug) {
			t.Errorf("page %q: %v", p.Slug, err)
		}
		if len(p.Blocks) < 3 {
			t.Errorf("page %q has %d blocks, want a few paragraphs", p.Slug, len(p.Blocks))
		}
		for i, b := range p.Blocks {
			if b.Kind != "p" && b.Kind != "h2" || b.Text == "" {
				t.Errorf("page %q block %d: %q %q", p.Slug, i, b.Kind, b.Text)
			}
			if r := markedWordRatio(b.Text); r < 0.5 {
				t.Errorf("page %q block %d: only %.0f%% of the words carry a Vietnamese letter or mark", p.Slug, i, r*100)
			}
		}
	}
}
