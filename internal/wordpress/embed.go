package wordpress

import (
	"html"
	"net/url"
	"regexp"
	"strings"
)

var videoID = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)

// youtubeID is the video id of a YouTube address in any form WordPress
// embeds (watch?v=, youtu.be/, embed/, shorts/, live/, the nocookie
// domain), "" for anything else.
func youtubeID(raw string) string {
	raw = strings.TrimSpace(html.UnescapeString(raw))
	if strings.HasPrefix(raw, "//") {
		raw = "https:" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	host := strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(u.Hostname()), "www."), "m.")
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	var id string
	switch {
	case host == "youtu.be":
		id = parts[0]
	case host != "youtube.com" && host != "youtube-nocookie.com":
		return ""
	case u.Path == "/watch":
		id = u.Query().Get("v")
	case len(parts) == 2 && (parts[0] == "embed" || parts[0] == "shorts" || parts[0] == "live" || parts[0] == "v"):
		id = parts[1]
	}
	if !videoID.MatchString(id) {
		return ""
	}
	return id
}

// videoFigure is a YouTube video as the newsroom's editor writes it: the
// privacy-enhanced player in a figure of class video.
func videoFigure(id string) string {
	return `<figure class="video">` + videoPlayer(id) + `</figure>`
}

func videoPlayer(id string) string {
	return `<iframe src="https://www.youtube-nocookie.com/embed/` + id +
		`" width="560" height="315" title="Video" loading="lazy" allowfullscreen=""></iframe>`
}

// embedOf is what a bare address WordPress would embed becomes: the video
// for YouTube, a link for anything else (a post of another site, a map).
func embedOf(raw string) (html string, block bool) {
	if id := youtubeID(raw); id != "" {
		return videoFigure(id), true
	}
	return linkTo(raw), false
}

func linkTo(raw string) string {
	u := html.EscapeString(html.UnescapeString(strings.TrimSpace(raw)))
	return `<a href="` + u + `">` + u + `</a>`
}

// pastedPlayer finds a player pasted as HTML, with the figure around it
// when it has one of its own (our export, the editor).
var pastedPlayer = regexp.MustCompile(`(?is)(<figure\b[^>]*>\s*)?<iframe\b[^>]*?\bsrc\s*=\s*["']([^"']*)["'][^>]*>.*?</iframe>(\s*</figure>)?`)

// youtubePlayers turns every YouTube player pasted as an iframe into our
// video figure, or our player alone inside a figure that holds more;
// other iframes stay, for the sanitizer to remove.
func youtubePlayers(s string) string {
	if !strings.Contains(strings.ToLower(s), "<iframe") {
		return s // the pattern has no literal start to look for: most bodies skip it
	}
	return pastedPlayer.ReplaceAllStringFunc(s, func(m string) string {
		g := pastedPlayer.FindStringSubmatch(m)
		id := youtubeID(g[2])
		switch {
		case id == "":
			return m
		case g[1] != "" && g[3] == "":
			return g[1] + videoPlayer(id)
		case g[1] == "" && g[3] != "":
			return videoPlayer(id) + g[3]
		}
		return videoFigure(id)
	})
}
