package site

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/toasoan/toasoan/internal/web"
)

// liveStreamsPath plays the station's live streams.
const liveStreamsPath = "/truc-tuyen"

// streamsPage is "Truyền hình trực tiếp / Phát thanh trực tiếp": the
// station's live HLS streams, from the paper's settings, with the same
// player as the videos.
type streamsPage struct {
	Layout
	TV    videoPlayer
	Radio string // the radio stream's address
}

// showLiveStreams plays the streams the settings name; neither set, it
// says so. A stream from another origin than the paper's (the station's
// streaming server) is let through this page's Content-Security-Policy,
// and only this page's: every other page keeps media to the paper's own.
func (s *Server) showLiveStreams(w http.ResponseWriter, r *http.Request) error {
	l := s.layout(r, "Truyền hình trực tiếp, phát thanh trực tiếp")
	l.Description = "Xem truyền hình trực tiếp và nghe phát thanh trực tiếp của " + l.Site.Name + "."
	l.Canonical = l.absolute(liveStreamsPath)
	l.Preview = l.websitePreview(l.Title, l.Description, l.Canonical)
	l.JSONLD = []jsonLD{l.breadcrumb("Trực tuyến", l.Canonical)}
	page := streamsPage{Layout: l, Radio: l.Site.LiveRadioURL}
	if l.Site.LiveTVURL != "" {
		page.TV = videoPlayer{Title: "Truyền hình trực tiếp", HLS: l.Site.LiveTVURL}
	}
	var origins []string
	for _, stream := range []string{l.Site.LiveTVURL, l.Site.LiveRadioURL} {
		if o := streamOrigin(stream); o != "" && o != streamOrigin(l.Site.BaseURL) && !slices.Contains(origins, o) {
			origins = append(origins, o)
		}
	}
	if len(origins) > 0 {
		w.Header().Set("Content-Security-Policy", web.ContentSecurityPolicy(origins...))
	}
	return s.render(w, http.StatusOK, "streams", page)
}

// streamOrigin is an https address's origin, "https://host[:port]"; ""
// for anything else (the settings take only https streams).
func streamOrigin(address string) string {
	u, err := url.Parse(address)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return ""
	}
	return "https://" + u.Host
}
