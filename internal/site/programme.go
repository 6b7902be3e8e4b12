package site

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/feed"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/web"
)

// audioVersion is a story's audio as its player shows it.
type audioVersion struct {
	URL       string
	Duration  string // "00:03:25"
	Seconds   int64
	Programme *news.Programme // the programme it is an episode of, if any
}

// audioOf is story a's audio version when it has one that is ready, and
// its programme; nil otherwise. The page depends on the programme, whose
// name it shows.
func (s *Server) audioOf(r *http.Request, a news.Article) (*audioVersion, error) {
	if a.AudioMediaID == 0 {
		return nil, nil
	}
	m, err := s.store.MediaItem(r.Context(), a.AudioMediaID)
	if news.ErrorCode(err) == news.NotFound {
		return nil, nil
	}
	if err != nil || m.Status != news.MediaReady || m.Kind != news.AudioMedia || m.Master == "" {
		return nil, err
	}
	v := &audioVersion{URL: media.AVURL(m.Master), Duration: news.ClockDuration(m.Duration), Seconds: int64(m.Duration.Seconds())}
	if a.ProgrammeID != 0 {
		depend(r, news.ProgrammeKey(a.ProgrammeID))
		p, err := s.store.Programme(r.Context(), a.ProgrammeID)
		if err != nil && news.ErrorCode(err) != news.NotFound {
			return nil, err
		}
		if err == nil {
			v.Programme = &p
		}
	}
	return v, nil
}

// audioObject is an episode's audio in JSON-LD.
func (l Layout) audioObject(a news.Article, v audioVersion) jsonLD {
	return jsonLD{"@type": "AudioObject", "contentUrl": l.absolute(v.URL), "encodingFormat": "audio/mp4",
		"duration": isoDuration(time.Duration(v.Seconds) * time.Second), "name": a.Title}
}

// programmePage is a radio programme as readers see it: its episodes,
// newest first, each with its player.
type programmePage struct {
	Layout
	Programme news.Programme
	Cover     *news.Image
	Episodes  []episodeView
	Pager     web.Pager
	FeedURL   string
}

// episodeView is one episode on the programme's page.
type episodeView struct {
	Article news.Article
	Audio   audioVersion
}

// programmesPage is the list of the programmes.
type programmesPage struct {
	Layout
	Programmes []news.Programme
}

// showProgrammes draws "/phat-thanh/".
func (s *Server) showProgrammes(w http.ResponseWriter, r *http.Request) error {
	depend(r, news.ProgrammesKey)
	programmes, err := s.store.Programmes(r.Context())
	if err != nil {
		return err
	}
	l := s.layout(r, "Phát thanh")
	l.Active = "phat-thanh"
	l.Description = "Các chương trình phát thanh và podcast của " + l.Site.Name + "."
	l.Canonical = l.absolute(news.ProgrammesPath)
	l.Preview = l.websitePreview(l.Title, l.Description, l.Canonical)
	l.JSONLD = []jsonLD{l.breadcrumb("Phát thanh", l.Canonical)}
	return s.render(w, http.StatusOK, "programmes", programmesPage{Layout: l, Programmes: programmes})
}

// showProgramme draws "/phat-thanh/{slug}". It depends on the programme,
// whose key every change to one of its episodes reports, and on the
// stories it shows.
func (s *Server) showProgramme(w http.ResponseWriter, r *http.Request) error {
	n, err := web.PageNumber(r)
	if err != nil {
		return err
	}
	p, err := s.store.ProgrammeBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	depend(r, news.ProgrammeKey(p.ID))
	episodes, total, err := s.store.Episodes(r.Context(), p.ID, web.PerPage, (n-1)*web.PerPage)
	if err != nil {
		return err
	}
	page := programmePage{Programme: p}
	if page.Pager, err = web.NewPager(p.Path(), n, total); err != nil {
		return err
	}
	var stories []news.Article
	for _, e := range episodes {
		stories = append(stories, e.Article)
		page.Episodes = append(page.Episodes, episodeView{Article: e.Article, Audio: audioVersion{URL: media.AVURL(e.Audio.Master),
			Duration: news.ClockDuration(e.Audio.Duration), Seconds: int64(e.Audio.Duration.Seconds())}})
	}
	dependOnArticles(r, stories)
	if p.CoverImageID != 0 {
		if im, err := s.store.Image(r.Context(), p.CoverImageID); err == nil {
			page.Cover = &im
		}
	}
	l := s.layout(r, "Phát thanh: "+p.Title)
	l.Active = "phat-thanh"
	l.Description = news.Clip(strings.Join(strings.Fields(p.Description), " "), maxDescription)
	if l.Description == "" {
		l.Description = "Chương trình phát thanh " + p.Title + " của " + l.Site.Name + "."
	}
	l.Canonical = l.absolute(p.Path())
	page.FeedURL = l.absolute(feed.ProgrammeFeedPath(p))
	l.ownFeed = &feedLink{Title: p.Title + " (podcast)", URL: page.FeedURL}
	l.Preview = l.websitePreview(l.Title, l.Description, l.Canonical)
	if page.Cover != nil {
		l.Preview.Image = l.photoImage(*page.Cover, p.Title)
	}
	page.Layout = l
	page.JSONLD = page.graph()
	return s.render(w, http.StatusOK, "programme", page)
}

// graph is the programme as a PodcastSeries with the episodes the page
// shows, and the breadcrumb.
func (p programmePage) graph() []jsonLD {
	var episodes []jsonLD
	for _, e := range p.Episodes {
		episodes = append(episodes, jsonLD{"@type": "PodcastEpisode", "name": e.Article.Title, "url": p.absolute(e.Article.Path()),
			"datePublished": w3c(e.Article.PublishedAt, p.Site.Location), "timeRequired": isoDuration(time.Duration(e.Audio.Seconds) * time.Second),
			"associatedMedia": p.audioObject(e.Article, e.Audio)})
	}
	series := jsonLD{"@context": "https://schema.org", "@type": "PodcastSeries", "name": p.Programme.Title, "url": p.Canonical,
		"description": p.Description, "inLanguage": "vi", "image": p.Preview.Image.imageObject(),
		"webFeed": p.FeedURL, "publisher": p.publisher()}
	if p.Programme.Author != "" {
		series["author"] = jsonLD{"@type": "Person", "name": p.Programme.Author}
	}
	if len(episodes) > 0 {
		series["episode"] = episodes
	}
	return []jsonLD{series, p.breadcrumb("Phát thanh: "+p.Programme.Title, p.Canonical)}
}

// showProgrammeFeed serves "/rss/phat-thanh/{slug}.rss", the podcast feed
// of a programme, with the served length of each episode's file.
func (s *Server) showProgrammeFeed(w http.ResponseWriter, r *http.Request) error {
	slug, ok := strings.CutSuffix(r.PathValue("file"), ".rss")
	if !ok || slug == "" {
		return errNoFeed()
	}
	site, err := s.discoverySite(r)
	if err != nil {
		return err
	}
	p, err := s.store.ProgrammeBySlug(r.Context(), slug)
	if err != nil {
		return err
	}
	depend(r, news.FeedsKey, news.ProgrammeKey(p.ID))
	var cover *news.Image
	if p.CoverImageID != 0 {
		if im, err := s.store.Image(r.Context(), p.CoverImageID); err == nil {
			cover = &im
		}
	}
	doc, err := s.feeds().ProgrammeRSS(r.Context(), site, p, cover, func(m news.MediaItem) (feed.AudioFile, error) { return s.audioFile(r.Context(), m) })
	if err != nil {
		return err
	}
	return writeDocument(w, r, rssType, doc.Body, doc.Modified)
}

// audioFile is an audio item's address and the length of its file as
// served, which podcast apps check against what they download.
func (s *Server) audioFile(ctx context.Context, m news.MediaItem) (feed.AudioFile, error) {
	if s.av == nil {
		return feed.AudioFile{}, fmt.Errorf("media item %d: no audio outputs are served", m.ID)
	}
	path, _, err := s.av.Output(ctx, m.Master)
	if err != nil {
		return feed.AudioFile{}, fmt.Errorf("media item %d: %w", m.ID, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return feed.AudioFile{}, fmt.Errorf("media item %d: %w", m.ID, err)
	}
	return feed.AudioFile{URL: media.AVURL(m.Master), Length: info.Size()}, nil
}
