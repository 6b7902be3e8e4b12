package newsroom

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/preview"
)

// sharePreview is the article page's block for preview links (package
// preview): shown to who may read the copy; Refusal says why no link can
// be made in the story's state.
type sharePreview struct {
	Show       bool
	ArticleID  int64
	Refusal    string
	Validities []preview.Validity
}

func sharePreviewFor(u news.User, a news.Article) sharePreview {
	if a.ID == 0 || !news.Can(u, news.ReadCopy) || news.CanRead(u, a) != nil {
		return sharePreview{}
	}
	sp := sharePreview{Show: true, ArticleID: a.ID, Validities: preview.Validities()}
	if err := preview.MayShare(u, a); err != nil {
		sp.Refusal = news.ErrorMessage(err)
	}
	return sp
}

// previewLinkPage shows a preview link just made, to copy and send.
type previewLinkPage struct {
	pageLayout
	Article news.Article
	URL     string
	Expires time.Time
}

// createPreviewLink makes a preview link to the article of the path and
// shows it; the service checks who may and writes it in the audit log.
func (s *Server) createPreviewLink(w http.ResponseWriter, r *http.Request, ss *session) error {
	a, err := s.articleByPath(r, ss)
	if err != nil {
		return err
	}
	link, err := s.previews.Create(r.Context(), actor(ss, r), a.ID, r.PostFormValue("han"))
	if err != nil {
		return err
	}
	page := previewLinkPage{pageLayout: s.pageLayout(r, ss, "Liên kết xem trước"), Article: a, Expires: link.Expires}
	page.URL = siteOrigin(r, page.Site) + link.Path
	return s.render(w, http.StatusOK, "preview_link", page)
}

// revokePreviewLinks ends every preview link made so far to the article.
func (s *Server) revokePreviewLinks(w http.ResponseWriter, r *http.Request, ss *session) error {
	a, err := s.articleByPath(r, ss)
	if err != nil {
		return err
	}
	if err := s.previews.Revoke(r.Context(), actor(ss, r), a.ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/bai-viet/"+strconv.FormatInt(a.ID, 10)+"?ok=thu-hoi", http.StatusSeeOther)
	return nil
}

// siteOrigin is where readers reach the paper: its base URL, or in
// development (no base URL set) the address this request came to.
func siteOrigin(r *http.Request, site news.Site) string {
	if site.BaseURL != "" {
		return strings.TrimSuffix(site.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
