package site

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/web"
)

// Routes is the public site's route table. Article and tag URLs are
// "/{slug}-post{id}.html" and "/{slug}-tag{id}.html", the paper's own
// pages "/{slug}.html"; the standard router matches whole segments only,
// so showFile tells them apart. A section's
// stories of one day ("Các tin đã đưa") are "/{section}/?ngay=YYYY-MM-DD",
// the URL the day picker's plain form submits to.
//
// Feeds, sitemaps and robots.txt bring readers to the paper: their
// literal paths win over the reader's "/{file}" and "/{section}/"
// patterns, being more specific. A section whose slug is "home" has no
// feed of its own: home.rss is the paper's. Tags and authors have theirs
// under /rss/chu-de/ and /rss/tac-gia/. Feeds and sitemaps are cached
// like pages; any change to a published article (news.FeedsKey) or to the
// paper (news.SiteKey) drops them, and a tag's or an author's own change
// drops their feed. The paper's share picture and logo are drawn from its
// name under /chia-se/ (brand.go).
//
// Topic pages ("Dòng sự kiện") are "/dong-su-kien/{slug}", with their
// feeds under /rss/dong-su-kien/; "/dong-su-kien/" lists those going on.
// Radio programmes are "/phat-thanh/{slug}", listed at "/phat-thanh/",
// with their podcast feeds under /rss/phat-thanh/.
//
// Video stories are listed under /tv/ (tv.go); the station's live
// streams play at /truc-tuyen (streams.go).
//
// The weather page, the weather box's locality picker and the popup's
// close button work for readers without JavaScript.
func (s *Server) Routes(mux *http.ServeMux) {
	mux.Handle("GET /{$}", s.oldHomeLinks(s.cached(s.showHome)))
	mux.Handle("GET /healthz", s.handle(s.health))
	mux.Handle("GET /static/{file}", s.handle(s.assets.Serve))
	mux.Handle("GET /media/{dir}/{file}", s.handle(s.orRedirect(s.serveMedia)))
	mux.Handle("GET /media/av/{dir}/{hash}/{file...}", s.handle(s.serveAV))
	mux.Handle("GET /chia-se/{file}", s.handle(s.serveBrand))
	mux.Handle("GET /tac-gia/{slug}", s.cached(s.showAuthor))
	mux.Handle("GET /dong-su-kien/{$}", s.cached(s.showTopics))
	mux.Handle("GET /dong-su-kien/{slug}", s.cached(s.showTopic))
	mux.Handle("GET /phat-thanh/{$}", s.cached(s.showProgrammes))
	mux.Handle("GET /phat-thanh/{slug}", s.cached(s.showProgramme))
	mux.Handle("GET /tim-kiem", web.Gzip(s.handle(s.showSearch))) // made for each query: the cache does not compress it
	mux.Handle("GET /xem-truoc/{token}", s.handle(s.showSharedPreview))
	mux.Handle("GET /tv/{$}", s.cached(s.showTV))
	mux.Handle("GET /truc-tuyen", s.cached(s.showLiveStreams))
	mux.Handle("GET /{section}/{$}", s.cached(s.showSection))
	mux.Handle("GET /{file}", s.cached(s.showFile))
	mux.Handle("POST /bai-viet/{id}/binh-luan", s.handle(s.postComment))
	mux.Handle("POST /binh-luan/{id}/thich", s.handle(s.likeComment))

	mux.Handle("GET /robots.txt", s.handle(s.showRobots))
	mux.Handle("GET /rss/home.rss", s.cached(s.showHomeFeed))
	mux.Handle("GET /rss/{file}", s.cached(s.showSectionFeed))
	mux.Handle("GET /rss/chu-de/{file}", s.cached(s.showTagFeed))
	mux.Handle("GET /rss/tac-gia/{file}", s.cached(s.showAuthorFeed))
	mux.Handle("GET /rss/dong-su-kien/{file}", s.cached(s.showTopicFeed))
	mux.Handle("GET /rss/phat-thanh/{file}", s.cached(s.showProgrammeFeed))
	mux.Handle("GET /sitemap.xml", s.cached(s.showSitemapIndex))
	mux.Handle("GET /sitemap/sections.xml", s.cached(s.showSectionsSitemap))
	mux.Handle("GET /sitemap/news.xml", s.cached(s.showNewsSitemap))
	mux.Handle("GET /sitemap/video.xml", s.cached(s.showVideoSitemap))
	mux.Handle("GET /sitemap/{file}", s.cached(s.showMonthSitemap))

	mux.Handle("GET /thoi-tiet", s.handle(s.showWeather))
	mux.Handle("GET /thoi-tiet/chon", s.handle(s.chooseLocality))
	mux.Handle("POST /thong-bao/{id}/tat", s.handle(s.closePopup))

	mux.Handle("/", s.handle(s.notFound))
}

// notFound answers every request no route took: unknown paths (an old
// address of the paper, when the redirect table has it), and other
// methods than GET on the reader's pages.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return &web.MethodError{Allow: "GET, HEAD", Message: "Trang này chỉ để đọc."}
	}
	if s.answerRedirect(w, r) {
		return nil
	}
	return errNoPage
}

// health answers 200 while the database answers, 503 when it does not:
// what a load balancer asks before sending readers here.
func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.store.Ping(r.Context()); err != nil {
		w.Header().Set("Retry-After", web.RetryAfter)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("cơ sở dữ liệu không trả lời\n" + s.version + "\n")) // a failed write is a client gone
		return nil
	}
	_, _ = w.Write([]byte("ok\n" + s.version + "\n"))
	return nil
}
