package site

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/store"
)

// articlePage is the article as readers see it.
type articlePage struct {
	Layout
	Article      news.Article
	Body         template.HTML
	Parent       *news.Section
	Earlier      []news.Article // "Các tin đã đưa": older stories of the section
	Latest       []news.Article
	MostRead     mostReadLists  // "Đọc nhiều", without this story
	Related      []news.Article // "Tin liên quan": editors' picks, then stories sharing its tags
	Share        []shareLink
	CanonicalURL string
	Comments     commentArea
	// ShowCover is whether the cover is drawn above the body: not when
	// the body shows the same photo (the cover defaults to its first).
	ShowCover bool
	Banner    string // above the story: a preview's "Bản xem trước — chưa đăng"

	Live liveBlock // a live story's coverage (live.go)
	// Audio is the story's audio version and its programme (programme.go).
	Audio *audioVersion

	// MainPlayer is a video story's player, drawn first (video.go), or
	// the notice of a video still being processed; HasVideo loads
	// player.js.
	MainPlayer template.HTML
	HasVideo   bool
}

// shareLink is one plain link of "Hãy chia sẻ với bạn bè!": no
// third-party script runs on the page. Its accessible name is its visible
// text, under the section's heading: a reader who says "Facebook" to
// voice control finds it (WCAG 2.5.3).
type shareLink struct {
	Name, Class, URL string
}

// showFile dispatches "/{slug}-post{id}.html", "/{slug}-tag{id}.html" and
// the paper's own pages, "/{slug}.html".
func (s *Server) showFile(w http.ResponseWriter, r *http.Request) error {
	file := r.PathValue("file")
	if slug, id, ok := splitFile(file, "-post"); ok {
		return s.showArticle(w, r, slug, id)
	}
	if slug, id, ok := splitFile(file, "-tag"); ok {
		return s.showTag(w, r, slug, id)
	}
	if slug, ok := strings.CutSuffix(file, ".html"); ok && slug != "" {
		return s.showPage(w, r, slug)
	}
	return errNoPage
}

// splitFile parses "{slug}{marker}{id}.html"; the id is 1 to 15 digits.
func splitFile(file, marker string) (slug string, id int64, ok bool) {
	name, found := strings.CutSuffix(file, ".html")
	i := strings.LastIndex(name, marker)
	if !found || i < 0 {
		return "", 0, false
	}
	digits := name[i+len(marker):]
	if len(digits) == 0 || len(digits) > 15 || strings.TrimLeft(digits, "0123456789") != "" {
		return "", 0, false
	}
	id, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || id <= 0 {
		return "", 0, false
	}
	return name[:i], id, true
}

func (s *Server) showArticle(w http.ResponseWriter, r *http.Request, slug string, id int64) error {
	ctx := r.Context()
	a, lists, err := s.store.StoryWithLists(ctx, id, earlierSize, relatedSize)
	if err != nil {
		return err
	}
	depend(r, news.ArticleKey(a.ID))
	if a.Status != news.Published {
		return unpublishedError(a)
	}
	if slug != a.Slug {
		// Titles change; the id does not. Old links land on the new URL.
		http.Redirect(w, r, a.Path(), http.StatusMovedPermanently)
		return nil
	}
	return s.renderArticle(w, r, a, lists, http.StatusOK, nil)
}

// unpublishedError answers the address of a story readers may not see:
// 410 for one that was on the paper and was taken down (it keeps its first
// publication time whatever state it is in now), so search engines drop
// it; 404 for one that never was, whose existence is nobody's business.
// Neither says the story's title.
func unpublishedError(a news.Article) error {
	if a.PublishedAt.IsZero() {
		return errNoPage
	}
	return errTakenDown
}

// errTakenDown is the 410 of a story taken down.
var errTakenDown = news.Errorf(news.Removed, "Bài viết đã bị gỡ khỏi báo và không còn được đăng.")

// renderArticle draws the article page; form carries the reader's comment
// form after they posted one (nil otherwise).
// renderArticle draws story a's page; lists are its two lists when they
// were read with it (store.StoryWithLists), nil to read them here.
func (s *Server) renderArticle(w http.ResponseWriter, r *http.Request, a news.Article, lists *store.StoryLists, status int, form *commentForm) error {
	ctx := r.Context()
	depend(r, news.ArticleKey(a.ID), news.CommentsKey(a.ID), news.SectionKey(a.SectionID), news.LatestKey)
	for _, au := range a.Authors {
		depend(r, news.AuthorKey(au.ID)) // the byline's name and link
	}
	l := s.layout(r, a.Title)
	l.Description = a.Lead
	if a.SEOTitle != "" {
		l.Title = a.SEOTitle + " - " + l.Site.Name
	}
	if a.SEODescription != "" {
		l.Description = a.SEODescription
	}
	l.Active = a.Section.Slug
	l.Canonical = l.absolute(a.Path())
	page := articlePage{Layout: l, Article: a, Body: articleHTML(a), Parent: l.parentOf(a.Section), CanonicalURL: l.Canonical,
		ShowCover: showCover(a)}
	image := s.imageOf(ctx, l, a.Cover, a.Body, a.Title)
	page.JSONLD = l.articleGraph(a, page.Parent, image)
	preview := l.articlePreview(a, image)
	page.Preview = &preview
	if err := s.storyVideos(r, &page, image); err != nil {
		return err
	}
	reads := []func() error{
		func() (err error) {
			page.Latest, err = s.store.Latest(ctx, 6, a.ID)
			return err
		},
		func() (err error) {
			page.Comments, err = s.commentArea(r, a, l.Site.Location)
			return err
		},
		func() (err error) {
			page.Live, err = s.liveBlock(ctx, a, l.Site.Location)
			return err
		},
	}
	if lists != nil {
		page.Earlier = lists.Earlier
	} else {
		reads = append(reads, func() (err error) {
			page.Earlier, err = s.store.PublishedArticles(ctx, store.ArticleFilter{
				SectionIDs: []int64{a.SectionID}, PublishedBefore: a.PublishedAt, ExcludeIDs: []int64{a.ID}, Limit: earlierSize, TitlesOnly: true,
			})
			return err
		})
	}
	if lists != nil && len(a.RelatedIDs) == 0 {
		page.Related = lists.Related // no editors' picks: the tags' stories, read with the story
	} else {
		reads = append(reads, func() (err error) {
			tags := make([]int64, len(a.Tags))
			for i, t := range a.Tags {
				tags[i] = t.ID
			}
			page.Related, err = s.store.Related(ctx, a.ID, a.RelatedIDs, tags, relatedSize)
			return err
		})
	}
	err := s.store.ReadAll(reads...)
	if err != nil {
		return err
	}
	if page.Related, err = s.fillRelated(ctx, a, page.Related); err != nil {
		return err
	}
	if page.Live.On {
		l.liveBlog(page.JSONLD[0], a, page.Live)
	}
	if page.Audio, err = s.audioOf(r, a); err != nil {
		return err
	}
	if page.Audio != nil {
		page.JSONLD[0]["audio"] = l.audioObject(a, *page.Audio)
		page.Preview.Audio = l.absolute(page.Audio.URL)
	}
	if form != nil {
		page.Comments.Form = *form
	}
	dependOnArticles(r, page.Earlier, page.Latest, page.Related)
	for _, tag := range a.Tags {
		depend(r, news.TagKey(tag.ID)) // a new story with its tag may be related
	}
	for _, id := range a.RelatedIDs {
		depend(r, news.ArticleKey(id)) // a pick taken down, or back up
	}
	page.MostRead = s.mostRead(r, a.ID)
	page.Share = shareLinks(l.Canonical, a.Title)
	return s.renderArticlePage(w, status, page)
}

// fillRelated completes "Tin liên quan" when editors' picks and shared
// tags leave room: with the stories whose text is most like the title's,
// through the search index. Any publication drops the page (it shows
// "Tin mới"), so a new similar story is found at the next render.
func (s *Server) fillRelated(ctx context.Context, a news.Article, related []news.Article) ([]news.Article, error) {
	if len(related) >= relatedSize {
		return related, nil
	}
	exclude := []int64{a.ID}
	for _, r := range related {
		exclude = append(exclude, r.ID)
	}
	ctx, cancel := context.WithTimeout(ctx, similarBudget)
	defer cancel()
	more, err := s.store.SimilarStories(ctx, search.WordPairs(a.Title), exclude, relatedSize-len(related))
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return related, nil // the page goes out with what it has
	}
	if err != nil {
		return nil, err
	}
	return append(related, more...), nil
}

// similarBudget is the longest the similar stories may take of a page's
// render: they fill a box at the foot of the story, and a page is not
// held for them. On a large archive FTS5 reads a common phrase's whole
// doclist to walk it newest first (0.1–0.8 s at 100,000 stories), so
// there the box keeps what picks and tags gave (docs/BENCHMARKS.md).
const similarBudget = 100 * time.Millisecond

// relatedSize is how many stories "Tin liên quan" shows.
const relatedSize = 5

// earlierSize is how many of the section's earlier stories the article
// page lists under "Các tin đã đưa".
const earlierSize = 8

// showCover reports whether a's cover is drawn above its body: it is,
// unless the body shows the same photo.
func showCover(a news.Article) bool {
	return a.Cover != nil && !slices.Contains(news.BodyImageIDs(a.Body), a.Cover.ID)
}

func shareLinks(canonical, title string) []shareLink {
	u := url.QueryEscape(canonical)
	return []shareLink{
		{"Facebook", "facebook", "https://www.facebook.com/sharer/sharer.php?u=" + u},
		{"Zalo", "zalo", "https://zalo.me/share?url=" + u},
		{"X", "x", "https://x.com/intent/post?url=" + u + "&text=" + url.QueryEscape(title)},
		{"Email", "email", "mailto:?subject=" + url.PathEscape(title) + "&body=" + url.PathEscape(canonical)},
	}
}
