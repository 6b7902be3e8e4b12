package demo

import (
	"context"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/richtext"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Loader fills an empty paper with the demo content.
type Loader struct {
	Store  *store.Store
	Media  *media.Library
	Policy *richtext.Policy
	Now    time.Time      // the demo's "today"; articles are dated back from it
	Zone   *time.Location // the paper's time zone, for the articles' hours
}

// LoadIfEmpty loads the demo paper into a database without articles and
// reports whether it did; a paper in use is never touched.
func (l Loader) LoadIfEmpty(ctx context.Context) (bool, error) {
	n, err := l.Store.CountArticles(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	return true, l.load(ctx)
}

func (l Loader) load(ctx context.Context) error {
	photos := drawPhotos(Articles())
	sections := map[string]int64{}
	for i, seed := range Sections() {
		sec, err := l.Store.CreateSection(ctx, news.System(), news.Section{
			Slug: seed.Slug, Name: seed.Name, Description: seed.Description,
			ParentID: sections[seed.Parent], Position: i,
		})
		if err != nil {
			return fmt.Errorf("demo section %s: %w", seed.Slug, err)
		}
		sections[seed.Slug] = sec.ID
	}
	authors := map[string]news.Author{}
	for _, seed := range Authors() {
		a, err := l.Store.CreateAuthor(ctx, news.System(), news.Author{Slug: seed.Slug, Name: seed.Name, Bio: seed.Bio})
		if err != nil {
			return fmt.Errorf("demo author %s: %w", seed.Slug, err)
		}
		authors[seed.Slug] = a
	}
	for i, seed := range Articles() {
		if err := l.loadArticle(ctx, i, seed, sections, authors, photos); err != nil {
			return fmt.Errorf("demo article %q: %w", seed.Title, err)
		}
	}
	if err := l.loadPages(ctx); err != nil {
		return err
	}
	return l.loadLegalFooter(ctx)
}

func (l Loader) loadArticle(ctx context.Context, i int, seed ArticleSeed, sections map[string]int64, authors map[string]news.Author, photos *photoBook) error {
	cover, err := l.photo(ctx, photos.get(coverSpec(i)), news.Image{Caption: seed.CoverCaption, Alt: seed.CoverAlt})
	if err != nil {
		return err
	}
	body, err := l.body(ctx, i, seed.Blocks, photos)
	if err != nil {
		return err
	}
	a := news.Article{
		Slug: vietnamese.Slug(seed.Title), Title: seed.Title, Lead: seed.Lead, Body: l.Policy.Body(body),
		SectionID: sections[seed.Section], Status: news.Published, Featured: seed.Featured,
		CoverImageID: cover.ID, PublishedAt: l.publishedAt(i, seed),
	}
	for _, slug := range seed.Authors {
		a.Authors = append(a.Authors, authors[slug])
	}
	for _, name := range seed.Tags {
		a.Tags = append(a.Tags, news.Tag{Slug: vietnamese.Slug(name), Name: name})
	}
	_, err = l.Store.CreateArticle(ctx, news.System(), a)
	return err
}

// publishedAt dates an article DaysAgo days before Now at its hour in the
// paper's zone, and never later than Now: a demo story is never scheduled.
func (l Loader) publishedAt(i int, seed ArticleSeed) time.Time {
	today := l.Now.In(l.Zone)
	day := today.AddDate(0, 0, -seed.DaysAgo)
	t := time.Date(day.Year(), day.Month(), day.Day(), seed.Hour, seed.Minute, 0, 0, l.Zone)
	if t.After(l.Now) {
		t = l.Now.Add(-time.Duration(i+1) * 7 * time.Minute)
	}
	return t.UTC()
}

// body turns the seed's blocks into the HTML subset the site renders.
func (l Loader) body(ctx context.Context, article int, blocks []Block, photos *photoBook) (string, error) {
	var b strings.Builder
	for j, bl := range blocks {
		text := html.EscapeString(bl.Text)
		switch bl.Kind {
		case "p":
			fmt.Fprintf(&b, "<p>%s</p>\n", text)
		case "h2":
			fmt.Fprintf(&b, "<h2>%s</h2>\n", text)
		case "quote":
			fmt.Fprintf(&b, "<blockquote><p>%s</p></blockquote>\n", text)
		case "figure":
			im, err := l.photo(ctx, photos.get(figureSpec(article, j)), news.Image{Caption: bl.Caption, Credit: bl.Credit, Alt: bl.Alt})
			if err != nil {
				return "", err
			}
			fmt.Fprintf(&b, `<figure data-image-id="%d"><img src="/media/%s" alt="%s" width="%d" height="%d" loading="lazy"><figcaption>%s <span class="credit">%s</span></figcaption></figure>`+"\n",
				im.ID, im.Key, html.EscapeString(bl.Alt), im.Width, im.Height, html.EscapeString(bl.Caption), html.EscapeString(bl.Credit))
		default:
			return "", fmt.Errorf("block %d: unknown kind %q", j, bl.Kind)
		}
	}
	return b.String(), nil
}

// photo stores a rendered demo picture and records it.
func (l Loader) photo(ctx context.Context, jpg []byte, meta news.Image) (news.Image, error) {
	im, err := l.Media.Save(jpg)
	if err != nil {
		return news.Image{}, err
	}
	im.Caption, im.Credit, im.Alt = meta.Caption, meta.Credit, meta.Alt
	return l.Store.CreateImage(ctx, news.System(), im)
}
