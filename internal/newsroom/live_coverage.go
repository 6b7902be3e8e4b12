package newsroom

import (
	"html"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/web"
)

// livePanel is the editor page's "Tường thuật trực tiếp" block, for the
// members who may run the story's live coverage (news.CanCoverLive): turn
// it on or off, end it, add entries, edit and delete them.
type livePanel struct {
	Show      bool
	ArticleID int64
	Published bool
	Live      news.Live
	Entries   []liveEntryRow
	Draft     string // a new entry's text, kept after a refusal
}

// liveEntryRow is an entry as the panel lists it.
type liveEntryRow struct {
	news.LiveEntry
	HTML template.HTML // the stored, sanitized body
}

// panelEntries is how many entries the panel lists: the newest.
const panelEntries = 200

func (s *Server) livePanel(r *http.Request, ss *session, a news.Article) (livePanel, error) {
	if a.ID == 0 || news.CanCoverLive(ss.User, a) != nil {
		return livePanel{}, nil
	}
	p := livePanel{Show: true, ArticleID: a.ID, Published: a.Status == news.Published}
	var err error
	if p.Live, err = s.store.Live(r.Context(), a.ID); err != nil {
		return p, err
	}
	entries, err := s.store.LiveEntries(r.Context(), a.ID, 0, panelEntries)
	for _, en := range entries {
		p.Entries = append(p.Entries, liveEntryRow{LiveEntry: en, HTML: template.HTML(en.Body)})
	}
	return p, err
}

// setLiveCoverage is the panel's switch: "bat" turns the story live (or
// back on after an end), "tat" back into an ordinary story, "ket-thuc"
// ends the coverage.
func (s *Server) setLiveCoverage(w http.ResponseWriter, r *http.Request, ss *session) error {
	a, err := s.articleByPath(r, ss)
	if err != nil {
		return err
	}
	switch r.PostFormValue("action") {
	case "bat":
		_, err = s.editorial.SetLive(r.Context(), actor(ss, r), a.ID, true)
	case "tat":
		_, err = s.editorial.SetLive(r.Context(), actor(ss, r), a.ID, false)
	case "ket-thuc":
		_, err = s.editorial.EndLive(r.Context(), actor(ss, r), a.ID)
	default:
		err = news.Errorf(news.Invalid, "Vui lòng chọn bật, tắt hoặc kết thúc tường thuật trực tiếp")
	}
	return s.afterLive(w, r, ss, a, err, "truc-tiep", "")
}

// addLiveEntry adds the panel's new entry.
func (s *Server) addLiveEntry(w http.ResponseWriter, r *http.Request, ss *session) error {
	a, err := s.articleByPath(r, ss)
	if err != nil {
		return err
	}
	text := r.PostFormValue("body")
	_, err = s.editorial.AddLiveEntry(r.Context(), actor(ss, r), a.ID, entryHTML(text))
	return s.afterLive(w, r, ss, a, err, "dien-bien", text)
}

// editLiveEntry saves an entry's new body.
func (s *Server) editLiveEntry(w http.ResponseWriter, r *http.Request, ss *session) error {
	a, entry, err := s.liveEntryByPath(r, ss)
	if err != nil {
		return err
	}
	_, err = s.editorial.EditLiveEntry(r.Context(), actor(ss, r), a.ID, entry, entryHTML(r.PostFormValue("body")))
	return s.afterLive(w, r, ss, a, err, "sua-dien-bien", "")
}

// deleteLiveEntry removes an entry.
func (s *Server) deleteLiveEntry(w http.ResponseWriter, r *http.Request, ss *session) error {
	a, entry, err := s.liveEntryByPath(r, ss)
	if err != nil {
		return err
	}
	err = s.editorial.DeleteLiveEntry(r.Context(), actor(ss, r), a.ID, entry)
	return s.afterLive(w, r, ss, a, err, "xoa-dien-bien", "")
}

func (s *Server) liveEntryByPath(r *http.Request, ss *session) (news.Article, int64, error) {
	a, err := s.articleByPath(r, ss)
	if err != nil {
		return a, 0, err
	}
	entry, err := strconv.ParseInt(r.PathValue("entry"), 10, 64)
	if err != nil || entry <= 0 {
		return a, 0, news.Errorf(news.NotFound, "Không tìm thấy diễn biến này của bài")
	}
	return a, entry, nil
}

// afterLive returns to the story's editor page at the panel, with the
// notice of what was done, or shows the page with the refusal and the
// new entry's text kept.
func (s *Server) afterLive(w http.ResponseWriter, r *http.Request, ss *session, a news.Article, err error, notice, draft string) error {
	if err == nil {
		http.Redirect(w, r, "/toasoan/bai-viet/"+strconv.FormatInt(a.ID, 10)+"?ok="+notice+"#truc-tiep", http.StatusSeeOther)
		return nil
	}
	code := news.ErrorCode(err)
	if code == news.Internal || code == news.Unauthorized {
		return err
	}
	page, ferr := s.articleForm(r, ss, a, a.Title)
	if ferr != nil {
		return ferr
	}
	page.Error = news.ErrorMessage(err)
	page.Live.Draft = draft
	return s.render(w, web.StatusOf(code), "article", page)
}

// entryHTML is the panel's text as HTML: markup as typed (a photo's
// figure, an embed), plain text as paragraphs, one per line.
func entryHTML(text string) string {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	if strings.HasPrefix(text, "<") {
		return text
	}
	var b strings.Builder
	for line := range strings.SplitSeq(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			b.WriteString("<p>" + html.EscapeString(line) + "</p>")
		}
	}
	return b.String()
}
