package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/feed"
	"github.com/toasoan/toasoan/internal/news"
)

// The discovery documents' media types. RSS has its own; sitemaps are
// plain XML as the protocol asks.
const (
	rssType     = "application/rss+xml; charset=utf-8"
	xmlType     = "application/xml; charset=utf-8"
	robotsType  = "text/plain; charset=utf-8"
	maxAgeShort = "public, max-age=300"
)

// feeds builds the paper's feeds and sitemaps from the server's store and
// clock; a Builder holds nothing else, so one per request costs nothing.
func (s *Server) feeds() *feed.Builder { return feed.New(s.store, s.now) }

// discoverySite is the paper's identity for feeds and sitemaps, whose
// links must be absolute: a paper that has not set its base URL gets the
// one the request came to. Unlike layout, it fails when the settings
// cannot be read, rather than publish links under a default name.
func (s *Server) discoverySite(r *http.Request) (news.Site, error) {
	site, err := s.store.Site(r.Context())
	if err != nil {
		return site, err
	}
	if site.BaseURL == "" {
		site.BaseURL = requestOrigin(r)
	}
	return site, nil
}

// writeDocument sends a built document with an ETag of its bytes, so feed
// readers and crawlers that poll every few minutes get a bodiless 304
// while nothing changed; ServeContent answers If-None-Match and HEAD,
// and, for a document with a modification time (a feed's newest story),
// sends it as Last-Modified and answers If-Modified-Since.
func writeDocument(w http.ResponseWriter, r *http.Request, contentType string, body []byte, modified time.Time) error {
	sum := sha256.Sum256(body)
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("ETag", `"`+hex.EncodeToString(sum[:12])+`"`)
	h.Set("Cache-Control", maxAgeShort)
	http.ServeContent(w, r, "", modified, bytes.NewReader(body))
	return nil
}

func (s *Server) showHomeFeed(w http.ResponseWriter, r *http.Request) error {
	return s.serveFeed(w, r, "")
}

// showSectionFeed serves "/rss/{section}.rss".
func (s *Server) showSectionFeed(w http.ResponseWriter, r *http.Request) error {
	slug, ok := strings.CutSuffix(r.PathValue("file"), ".rss")
	if !ok || slug == "" {
		return errNoFeed()
	}
	return s.serveFeed(w, r, slug)
}

func errNoFeed() error {
	return news.Errorf(news.NotFound, "Không tìm thấy kênh RSS bạn yêu cầu.")
}

func (s *Server) serveFeed(w http.ResponseWriter, r *http.Request, slug string) error {
	site, err := s.discoverySite(r)
	if err != nil {
		return err
	}
	depend(r, news.FeedsKey)
	doc, err := s.feeds().RSS(r.Context(), site, slug)
	if err != nil {
		return err
	}
	return writeDocument(w, r, rssType, doc.Body, doc.Modified)
}

// showTagFeed serves "/rss/chu-de/{slug}-{id}.rss"; an old slug is sent
// to the tag's current address, as its page is.
func (s *Server) showTagFeed(w http.ResponseWriter, r *http.Request) error {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".rss")
	slug, id, found := splitFile(name+".html", "-")
	if !ok || !found {
		return errNoFeed()
	}
	site, err := s.discoverySite(r)
	if err != nil {
		return err
	}
	depend(r, news.FeedsKey, news.TagKey(id))
	tag, err := s.store.TagByID(r.Context(), id)
	if err != nil {
		return err
	}
	if slug != tag.Slug {
		http.Redirect(w, r, feed.TagFeedPath(tag), http.StatusMovedPermanently)
		return nil
	}
	doc, err := s.feeds().TagRSS(r.Context(), site, tag)
	if err != nil {
		return err
	}
	return writeDocument(w, r, rssType, doc.Body, doc.Modified)
}

// showAuthorFeed serves "/rss/tac-gia/{slug}.rss".
func (s *Server) showAuthorFeed(w http.ResponseWriter, r *http.Request) error {
	slug, ok := strings.CutSuffix(r.PathValue("file"), ".rss")
	if !ok || slug == "" {
		return errNoFeed()
	}
	site, err := s.discoverySite(r)
	if err != nil {
		return err
	}
	au, err := s.store.AuthorBySlug(r.Context(), slug)
	if err != nil {
		return err
	}
	depend(r, news.FeedsKey, news.AuthorKey(au.ID))
	doc, err := s.feeds().AuthorRSS(r.Context(), site, au)
	if err != nil {
		return err
	}
	return writeDocument(w, r, rssType, doc.Body, doc.Modified)
}

func (s *Server) showRobots(w http.ResponseWriter, r *http.Request) error {
	site, err := s.discoverySite(r)
	if err != nil {
		return err
	}
	return writeDocument(w, r, robotsType, feed.Robots(site), time.Time{})
}
