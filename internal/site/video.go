package site

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
)

// videoPlayer is what the player markup needs of a video.
type videoPlayer struct {
	ID            int64
	Title         string
	HLS, MP4      string // the master playlist, the fallback; MP4 "" for a live stream
	Poster        string
	Captions      string // a WebVTT file, Vietnamese
	Width, Height int
	Caption       template.HTML // the figure's caption, already sanitized
}

// playerOf is a ready video item's player.
func playerOf(m news.MediaItem) videoPlayer {
	return videoPlayer{ID: m.ID, Title: m.Title, HLS: media.AVURL(m.Master), MP4: media.AVURL(m.Fallback), Poster: media.AVURL(m.Poster),
		Captions: media.AVURL(m.Captions), Width: m.Width, Height: m.Height}
}

// playerMarkup is the reader's video: the MP4 as the <video>'s own
// source, which plays without script, and the HLS stream in data-hls,
// which player.js hands to hls.js or to the browser. Nothing plays by
// itself, nothing but the poster loads before the reader presses play,
// and the player stays in the page on a phone (playsinline).
var playerMarkup = template.Must(template.New("player").Parse(`<figure class="player">
<video controls playsinline preload="none"{{with .Title}} aria-label="{{.}}"{{end}}{{with .Poster}} poster="{{.}}"{{end}}
{{- if and .Width .Height}} width="{{.Width}}" height="{{.Height}}"{{end}} data-hls="{{.HLS}}"{{if .ID}} data-media-id="{{.ID}}"{{end}}>
{{- with .MP4}}<source src="{{.}}" type="video/mp4">{{end}}
{{- with .Captions}}<track kind="captions" srclang="vi" label="Tiếng Việt" src="{{.}}">{{end}}
{{- if .MP4}}<a href="{{.MP4}}">Tải video về máy (MP4)</a>{{else}}Trình duyệt này không phát được luồng trực tiếp.{{end}}</video>
{{- with .Caption}}<figcaption>{{.}}</figcaption>{{end}}
</figure>`))

// HTML is the player's markup.
func (v videoPlayer) HTML() template.HTML {
	var b bytes.Buffer
	if err := playerMarkup.Execute(&b, v); err != nil {
		// Only a broken template fails, and the tests would see it.
		panic(fmt.Sprintf("player markup: %v", err))
	}
	return template.HTML(b.String())
}

// processingNotice stands where a video not yet ready will play.
const processingNotice = template.HTML(`<p class="video-notice" role="note">Video đang được xử lý, mời bạn quay lại sau ít phút.</p>`)

// mainVideo reads a story's main video for its page: nil when it has none
// or the item is gone. The page depends on the item, which announces its
// key when it becomes ready.
func (s *Server) mainVideo(ctx context.Context, a news.Article) (*news.MediaItem, error) {
	if a.MainMediaID == 0 {
		return nil, nil
	}
	m, err := s.store.MediaItem(ctx, a.MainMediaID)
	if news.ErrorCode(err) == news.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if m.Kind != news.VideoMedia {
		return nil, nil
	}
	return &m, nil
}

// bodyVideo is a video block the editor placed in a body: the sanitizer
// keeps it as <figure class="video" data-media-id="N">, with a caption
// perhaps.
var bodyVideo = regexp.MustCompile(`<figure\b[^>]*\bdata-media-id="([0-9]{1,18})"[^>]*>((?s:.*?))</figure>`)

var bodyCaption = regexp.MustCompile(`(?s)<figcaption>(.*?)</figcaption>`)

// withVideos draws the video blocks of a sanitized body at page time: the
// player for a ready video, a notice for one being processed, nothing for
// an unknown, failed or audio item. The page depends on each item.
func (s *Server) withVideos(ctx context.Context, body template.HTML, depend func(...news.Key)) (template.HTML, bool, error) {
	matches := bodyVideo.FindAllStringSubmatchIndex(string(body), -1)
	if len(matches) == 0 {
		return body, false, nil
	}
	var out strings.Builder
	players := false
	last := 0
	for _, m := range matches {
		out.WriteString(string(body[last:m[0]]))
		last = m[1]
		id, err := strconv.ParseInt(string(body[m[2]:m[3]]), 10, 64)
		if err != nil {
			continue
		}
		depend(news.MediaKey(id))
		item, err := s.store.MediaItem(ctx, id)
		if news.ErrorCode(err) == news.NotFound {
			continue
		}
		if err != nil {
			return body, false, err
		}
		switch {
		case item.Kind != news.VideoMedia || item.Status == news.MediaFailed:
		case item.Status != news.MediaReady:
			out.WriteString(string(processingNotice))
		default:
			p := playerOf(item)
			if c := bodyCaption.FindStringSubmatch(string(body[m[4]:m[5]])); c != nil {
				p.Caption = template.HTML(c[1]) // sanitized with the body
			}
			out.WriteString(string(p.HTML()))
			players = true
		}
	}
	out.WriteString(string(body[last:]))
	return template.HTML(out.String()), players, nil
}

// isoDuration is a duration as ISO 8601 ("PT1M5S"), which schema.org
// wants, to the second.
func isoDuration(d time.Duration) string {
	sec := int64(d.Round(time.Second) / time.Second)
	if sec <= 0 {
		return "PT0S"
	}
	var b strings.Builder
	b.WriteString("PT")
	if h := sec / 3600; h > 0 {
		fmt.Fprintf(&b, "%dH", h)
	}
	if m := sec % 3600 / 60; m > 0 {
		fmt.Fprintf(&b, "%dM", m)
	}
	if s := sec % 60; s > 0 {
		fmt.Fprintf(&b, "%dS", s)
	}
	return b.String()
}

// videoObject is a ready video as schema.org's VideoObject: what search
// engines need to show it as a video result.
func (l Layout) videoObject(a news.Article, m news.MediaItem, thumbnail string) jsonLD {
	// Readers could first watch it when both the story and the video were
	// out.
	uploaded := m.ReadyAt
	if a.PublishedAt.After(uploaded) {
		uploaded = a.PublishedAt
	}
	v := jsonLD{"@context": "https://schema.org", "@type": "VideoObject", "name": a.Title, "description": a.Lead,
		"thumbnailUrl": []string{thumbnail}, "uploadDate": w3c(uploaded, l.Site.Location),
		"duration": isoDuration(m.Duration), "inLanguage": "vi", "publisher": l.publisher()}
	if m.Fallback != "" {
		v["contentUrl"] = l.absolute(media.AVURL(m.Fallback))
	} else {
		v["contentUrl"] = l.absolute(media.AVURL(m.Master))
	}
	if m.Width > 0 && m.Height > 0 {
		v["width"], v["height"] = m.Width, m.Height
	}
	if v["description"] == "" {
		v["description"] = a.Title
	}
	return v
}

// ogVideo is a page's video in its share preview.
type ogVideo struct {
	URL, Type     string
	Width, Height int
}

// videoThumbnail is the address of a video's poster, or the story's
// picture when the video has none.
func (l Layout) videoThumbnail(m news.MediaItem, image sharedImage) string {
	if m.Poster != "" {
		return l.absolute(media.AVURL(m.Poster))
	}
	return image.URL
}

// storyVideos draws a story's videos: its main video first, with its
// VideoObject and og:video when ready, and the video blocks of its body.
func (s *Server) storyVideos(r *http.Request, page *articlePage, image sharedImage) error {
	ctx, a := r.Context(), page.Article
	keys := func(k ...news.Key) { depend(r, k...) }
	body, players, err := s.withVideos(ctx, page.Body, keys)
	if err != nil {
		return err
	}
	page.Body, page.HasVideo = body, players
	if a.MainMediaID == 0 {
		return nil
	}
	depend(r, news.MediaKey(a.MainMediaID))
	m, err := s.mainVideo(ctx, a)
	if err != nil || m == nil {
		return err
	}
	switch m.Status {
	case news.MediaReady:
		page.MainPlayer, page.HasVideo, page.ShowCover = playerOf(*m).HTML(), true, false
		page.JSONLD = append(page.JSONLD, page.videoObject(a, *m, page.videoThumbnail(*m, image)))
		video := ogVideo{URL: page.absolute(media.AVURL(m.Fallback)), Type: "video/mp4", Width: m.Width, Height: m.Height}
		if m.Fallback == "" {
			video.URL, video.Type = page.absolute(media.AVURL(m.Master)), "application/vnd.apple.mpegurl"
		}
		page.Preview.Video = &video
	case news.MediaProcessing:
		page.MainPlayer = processingNotice
	}
	return nil
}
