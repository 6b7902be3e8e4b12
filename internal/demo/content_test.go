package demo

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestSections(t *testing.T) {
	sections := Sections()
	bySlug := map[string]SectionSeed{}
	for _, s := range sections {
		if !slugPattern.MatchString(s.Slug) {
			t.Errorf("section slug %q is not a slug", s.Slug)
		}
		if _, dup := bySlug[s.Slug]; dup {
			t.Errorf("section slug %q is used twice", s.Slug)
		}
		if s.Name == "" || s.Description == "" {
			t.Errorf("section %q has no name or description", s.Slug)
		}
		bySlug[s.Slug] = s
	}
	top, children := 0, 0
	for i, s := range sections {
		if s.Parent == "" {
			top++
			continue
		}
		children++
		parent, ok := bySlug[s.Parent]
		switch {
		case !ok:
			t.Errorf("section %q: parent %q does not exist", s.Slug, s.Parent)
		case parent.Parent != "":
			t.Errorf("section %q: parent %q is itself a child; the menu has two levels", s.Slug, s.Parent)
		}
		// The loader may insert in order, so a parent must come first.
		for _, later := range sections[i+1:] {
			if later.Slug == s.Parent {
				t.Errorf("section %q comes before its parent %q", s.Slug, s.Parent)
			}
		}
	}
	if top < 7 {
		t.Errorf("%d top-level sections, want at least 7", top)
	}
	if children < 2 || children > 3 {
		t.Errorf("%d child sections, want 2 or 3", children)
	}
}

func TestAuthors(t *testing.T) {
	authors := Authors()
	if n := len(authors); n < 6 || n > 8 {
		t.Errorf("%d authors, want 6 to 8", n)
	}
	seen := map[string]bool{}
	for _, a := range authors {
		if !slugPattern.MatchString(a.Slug) {
			t.Errorf("author slug %q is not a slug", a.Slug)
		}
		if seen[a.Slug] {
			t.Errorf("author slug %q is used twice", a.Slug)
		}
		seen[a.Slug] = true
		if len(strings.Fields(a.Name)) < 3 || a.Bio == "" {
			t.Errorf("author %q: want a full Vietnamese name and a bio", a.Slug)
		}
	}
}

func TestArticleReferencesAndCoverage(t *testing.T) {
	articles := Articles()
	if len(articles) < 48 {
		t.Errorf("%d articles, want at least 48", len(articles))
	}
	sections := map[string]SectionSeed{}
	for _, s := range Sections() {
		sections[s.Slug] = s
	}
	authors := map[string]bool{}
	for _, a := range Authors() {
		authors[a.Slug] = false
	}
	perSection := map[string]int{}
	for _, a := range articles {
		if _, ok := sections[a.Section]; !ok {
			t.Errorf("%q: section %q does not exist", a.Title, a.Section)
		}
		perSection[a.Section]++
		if len(a.Authors) < 1 || len(a.Authors) > 2 {
			t.Errorf("%q: %d authors, want 1 or 2", a.Title, len(a.Authors))
		}
		for i, slug := range a.Authors {
			if _, ok := authors[slug]; !ok {
				t.Errorf("%q: author %q does not exist", a.Title, slug)
			}
			authors[slug] = true
			for _, other := range a.Authors[:i] {
				if other == slug {
					t.Errorf("%q: author %q listed twice", a.Title, slug)
				}
			}
		}
	}
	for slug, s := range sections {
		switch n := perSection[slug]; {
		case s.Parent == "" && n < 5:
			t.Errorf("top-level section %q has %d articles of its own, want at least 5", slug, n)
		case n == 0:
			t.Errorf("section %q has no article", slug)
		}
	}
	for slug, used := range authors {
		if !used {
			t.Errorf("author %q signs no article", slug)
		}
	}
}

func TestArticleShape(t *testing.T) {
	for _, a := range Articles() {
		t.Run(a.Title, func(t *testing.T) {
			if n := utf8.RuneCountInString(a.Title); n < 60 || n > 110 {
				t.Errorf("title has %d characters, want 60 to 110", n)
			}
			if n := utf8.RuneCountInString(a.Lead); n < 150 || n > 350 {
				t.Errorf("lead has %d characters, want 150 to 350", n)
			}
			if n := len(a.Blocks); n < 5 || n > 12 {
				t.Errorf("%d blocks, want 5 to 12", n)
			}
			if len(a.Blocks) > 0 && a.Blocks[0].Kind != "p" {
				t.Errorf("first block is %q, want a paragraph after the lead", a.Blocks[0].Kind)
			}
			kinds := map[string]int{}
			for i, b := range a.Blocks {
				kinds[b.Kind]++
				switch b.Kind {
				case "p", "h2", "quote":
					if b.Text == "" || b.Caption != "" || b.Credit != "" || b.Alt != "" {
						t.Errorf("block %d (%s): want Text only", i, b.Kind)
					}
				case "figure":
					if b.Text != "" || b.Caption == "" || b.Alt == "" {
						t.Errorf("block %d: a figure wants Caption and Alt and no Text", i)
					}
					if name, ok := strings.CutPrefix(b.Credit, "Ảnh: "); !ok || name == "" {
						t.Errorf("block %d: credit %q, want \"Ảnh: <name>\"", i, b.Credit)
					}
				default:
					t.Errorf("block %d: unknown kind %q", i, b.Kind)
				}
			}
			if kinds["h2"] > 3 || kinds["figure"] > 3 {
				t.Errorf("%d sub-headings and %d figures, want at most 3 of each", kinds["h2"], kinds["figure"])
			}
			if n := len(a.Tags); n < 2 || n > 5 {
				t.Errorf("%d tags, want 2 to 5", n)
			}
			for i, tag := range a.Tags {
				for _, other := range a.Tags[:i] {
					if strings.EqualFold(tag, other) {
						t.Errorf("tag %q listed twice", tag)
					}
				}
			}
			if a.CoverCaption == "" || a.CoverAlt == "" {
				t.Error("cover caption or alt text is missing")
			}
			if a.DaysAgo < 0 || a.DaysAgo > 13 {
				t.Errorf("DaysAgo %d, want 0 to 13", a.DaysAgo)
			}
			if a.Hour < 6 || a.Hour > 22 || a.Minute < 0 || a.Minute > 59 {
				t.Errorf("published at %02d:%02d, want between 06:00 and 22:59", a.Hour, a.Minute)
			}
			// Today's articles are early-morning ones, so that a demo loaded during
			// the day does not show articles from later today.
			if a.DaysAgo == 0 && a.Hour > 9 {
				t.Errorf("published today at %02d:%02d, want before 10:00", a.Hour, a.Minute)
			}
		})
	}
}

func TestArticleMix(t *testing.T) {
	articles := Articles()
	var withH2, withFigure, withQuote, featured int
	titles := map[string]bool{}
	tagUse := map[string]int{}
	days := map[int]map[string]bool{}
	hours := map[int]bool{}
	for _, a := range articles {
		if titles[a.Title] {
			t.Errorf("title %q is used twice", a.Title)
		}
		titles[a.Title] = true
		kinds := map[string]int{}
		for _, b := range a.Blocks {
			kinds[b.Kind]++
		}
		if kinds["h2"] > 0 {
			withH2++
		}
		if kinds["figure"] > 0 {
			withFigure++
		}
		if kinds["quote"] > 0 {
			withQuote++
		}
		if a.Featured {
			featured++
		}
		for _, tag := range a.Tags {
			tagUse[tag]++
		}
		if days[a.DaysAgo] == nil {
			days[a.DaysAgo] = map[string]bool{}
		}
		days[a.DaysAgo][a.Section] = true
		hours[a.Hour] = true
	}
	checks := []struct {
		name     string
		got, min int
	}{
		{"articles with sub-headings", withH2, 15},
		{"articles with inline figures", withFigure, 15},
		{"articles with quotes", withQuote, 10},
		{"distinct days", len(days), 10},
		{"distinct hours", len(hours), 10},
		{"distinct tags", len(tagUse), 20},
	}
	for _, c := range checks {
		if c.got < c.min {
			t.Errorf("%s: %d, want at least %d", c.name, c.got, c.min)
		}
	}
	if featured < 4 || featured > 6 {
		t.Errorf("%d featured articles, want 4 to 6", featured)
	}
	if len(tagUse) > 30 {
		t.Errorf("%d distinct tags, want about 25 so that tags are shared", len(tagUse))
	}
	for tag, n := range tagUse {
		if n < 2 {
			t.Errorf("tag %q is used by one article only", tag)
		}
	}
	busy := 0
	for _, sections := range days {
		if len(sections) >= 3 {
			busy++
		}
	}
	if busy < 5 {
		t.Errorf("%d days with articles from 3 or more sections, want at least 5", busy)
	}
}

// field is one text of the demo content with where it comes from.
type field struct{ where, text string }

func allFields() []field {
	var fs []field
	for _, s := range Sections() {
		fs = append(fs, field{"section " + s.Slug + " name", s.Name}, field{"section " + s.Slug + " description", s.Description})
	}
	for _, a := range Authors() {
		fs = append(fs, field{"author " + a.Slug + " name", a.Name}, field{"author " + a.Slug + " bio", a.Bio})
	}
	for _, p := range Pages() {
		fs = append(fs, field{"page " + p.Slug + " title", p.Title})
		for i, b := range p.Blocks {
			fs = append(fs, field{fmt.Sprintf("page %s: block %d", p.Slug, i), b.Text})
		}
	}
	for _, a := range Articles() {
		fs = append(fs,
			field{a.Title + ": title", a.Title},
			field{a.Title + ": lead", a.Lead},
			field{a.Title + ": cover caption", a.CoverCaption},
			field{a.Title + ": cover alt", a.CoverAlt},
		)
		for i, tag := range a.Tags {
			fs = append(fs, field{fmt.Sprintf("%s: tag %d", a.Title, i), tag})
		}
		for i, b := range a.Blocks {
			for _, f := range []struct{ name, text string }{{"text", b.Text}, {"caption", b.Caption}, {"credit", b.Credit}, {"alt", b.Alt}} {
				if f.text != "" {
					fs = append(fs, field{fmt.Sprintf("%s: block %d %s", a.Title, i, f.name), f.text})
				}
			}
		}
	}
	return fs
}

func TestTextIsPlainNFCVietnamese(t *testing.T) {
	// Since 1 July 2025 there are no districts and no "thành phố Hà Tĩnh".
	outdated := []string{"huyện", "thị xã", "thị trấn", "thành phố hà tĩnh", "tp hà tĩnh"}
	for _, f := range allFields() {
		if !norm.NFC.IsNormalString(f.text) {
			t.Errorf("%s: not NFC", f.where)
		}
		if strings.ContainsAny(f.text, "<>") {
			t.Errorf("%s: contains < or >, want plain text", f.where)
		}
		if strings.TrimSpace(f.text) != f.text || strings.Contains(f.text, "  ") || strings.ContainsAny(f.text, "\n\r\t") {
			t.Errorf("%s: stray whitespace in %q", f.where, f.text)
		}
		lower := strings.ToLower(f.text)
		words := " " + strings.Join(strings.FieldsFunc(lower, notLetterOrDigit), " ") + " "
		for _, w := range outdated {
			if strings.Contains(words, " "+w+" ") {
				t.Errorf("%s: mentions %q, an administrative unit that no longer exists", f.where, w)
			}
		}
		if strings.Contains(lower, "baohatinh") {
			t.Errorf("%s: contains the paper's dateline; the site adds it", f.where)
		}
	}
	for _, a := range Articles() {
		if strings.HasPrefix(a.Lead, "(") {
			t.Errorf("%q: lead starts with %q, want the sapo without dateline", a.Title, a.Lead[:1])
		}
		// Text typed without diacritics is the commonest defect of Vietnamese
		// copy; in real prose most words carry a mark.
		if r := markedWordRatio(a.Lead); r < 0.5 {
			t.Errorf("%q: only %.0f%% of the lead's words carry a Vietnamese letter or mark", a.Title, r*100)
		}
	}
}

func notLetterOrDigit(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// markedWordRatio is the share of words with at least one non-ASCII letter.
func markedWordRatio(s string) float64 {
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) == 0 {
		return 0
	}
	marked := 0
	for _, w := range words {
		for _, r := range w {
			if r > unicode.MaxASCII {
				marked++
				break
			}
		}
	}
	return float64(marked) / float64(len(words))
}
