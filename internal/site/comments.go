package site

import (
	"html"
	"html/template"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/web"
)

// commentsPerPage is how many top-level comments a page of the thread shows.
const commentsPerPage = comment.ThreadPageSize

// browserCookie identifies a reader's browser for likes, rate limits and
// duplicate detection; it is stored only as a keyed hash.
const browserCookie = "toasoan_doc_gia"

// commentArea is everything the article page's comment section shows.
type commentArea struct {
	Mode      news.CommentMode
	Count     int
	Comments  []news.Comment
	Order     store.CommentOrder
	Pager     web.Pager
	ReplyTo   *news.Comment
	Form      commentForm
	Now       time.Time
	Loc       *time.Location
	Path      string // the article's path, for links
	ArticleID int64
}

// commentForm is the reader's form, refilled after a refusal so nothing
// typed is lost, and the copy of what they sent after acceptance.
type commentForm struct {
	Name, Email, Body string
	ParentID          int64
	Error             string
	Sent              *news.Comment
}

// commentArea reads the published thread for the article page.
func (s *Server) commentArea(r *http.Request, a news.Article, loc *time.Location) (commentArea, error) {
	area := commentArea{Mode: a.CommentMode, Count: a.CommentCount, Now: s.now(), Loc: loc, Path: a.Path(), ArticleID: a.ID}
	if area.Mode == news.CommentsHidden || s.comments == nil {
		return area, nil
	}
	q := r.URL.Query()
	switch o := store.CommentOrder(q.Get("binh-luan")); o {
	case store.OldestFirst, store.MostLiked:
		area.Order = o
	default:
		area.Order = store.NewestFirst
	}
	page := 1
	var err error
	if v := q.Get("trang-binh-luan"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100000 {
			return area, news.Errorf(news.Invalid, "Số trang bình luận không hợp lệ")
		}
		page = n
	}
	var list []news.Comment
	total := 0
	if a.CommentCount > 0 { // most articles have none: no query for them
		if list, total, err = s.comments.Thread(r.Context(), a.ID, area.Order, page, commentsPerPage); err != nil {
			return area, err
		}
	}
	base := a.Path() + "?binh-luan=" + string(area.Order)
	pages := max((total+commentsPerPage-1)/commentsPerPage, 1)
	if page > pages {
		return area, news.Errorf(news.NotFound, "Trang bình luận %d không tồn tại", page)
	}
	area.Comments = list
	area.Pager = web.Pager{Page: page, Pages: pages}
	if page > 1 {
		area.Pager.PrevURL = base + "&trang-binh-luan=" + strconv.Itoa(page-1) + "#binh-luan"
	}
	if page < pages {
		area.Pager.NextURL = base + "&trang-binh-luan=" + strconv.Itoa(page+1) + "#binh-luan"
	}
	if v := q.Get("tra-loi"); v != "" {
		id, _ := strconv.ParseInt(v, 10, 64)
		if c, err := s.store.Comment(r.Context(), id); err == nil && c.ArticleID == a.ID && c.Status == news.CommentPublished {
			area.ReplyTo, area.Form.ParentID = &c, c.ID
		}
	}
	return area, nil
}

// browserID returns the reader's browser cookie, setting one if needed.
func (s *Server) browserID(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(browserCookie); err == nil && len(c.Value) >= 20 && len(c.Value) <= 64 {
		return c.Value
	}
	id := auth.NewToken()
	http.SetCookie(w, &http.Cookie{Name: browserCookie, Value: id, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: web.SecureCookies(r), SameSite: http.SameSiteLaxMode})
	return id
}

// postComment takes a reader's comment from the article page's form (or
// its script, which asks for JSON). The comment is stored before the
// answer; a refusal gives the form back with the reader's text in it.
func (s *Server) postComment(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return news.Errorf(news.NotFound, "Không tìm thấy bài viết")
	}
	if err := web.ParseFormWithin(w, r, 64<<10); err != nil {
		return err
	}
	parent, _ := strconv.ParseInt(r.PostFormValue("parent_id"), 10, 64)
	sub := comment.Submission{ArticleID: id, ParentID: parent, Name: r.PostFormValue("name"), Email: r.PostFormValue("email"),
		Body: r.PostFormValue("body"), Honeypot: r.PostFormValue("website"), Notify: r.PostFormValue("notify") == "1",
		IP: web.ClientIP(r), Browser: s.browserID(w, r)}
	c, err := s.comments.Submit(r.Context(), sub)
	if err != nil && (news.ErrorCode(err) == news.Internal || web.WantsJSON(r)) {
		return err
	}
	if web.WantsJSON(r) {
		return web.WriteJSON(w, http.StatusAccepted, map[string]any{"id": c.ID, "status": "pending", "message": "Bình luận của bạn đang chờ duyệt"})
	}
	form := commentForm{Name: sub.Name, Email: sub.Email, Body: sub.Body, ParentID: parent}
	status := http.StatusAccepted
	if err != nil {
		form.Error, status = news.ErrorMessage(err), web.StatusOf(news.ErrorCode(err))
	} else {
		form = commentForm{Name: sub.Name, Email: sub.Email, Sent: &c}
	}
	a, aerr := s.store.Article(r.Context(), id)
	if aerr != nil || a.Status != news.Published {
		return news.Errorf(news.NotFound, "Không tìm thấy bài viết")
	}
	return s.renderArticle(w, r, a, nil, status, &form)
}

// likeComment records a like; without JavaScript it returns to the
// comment, with it the script gets the new count.
func (s *Server) likeComment(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return news.Errorf(news.NotFound, "Không tìm thấy bình luận")
	}
	if err := s.comments.Like(r.Context(), id, s.browserID(w, r)); err != nil {
		return err
	}
	c, err := s.store.Comment(r.Context(), id)
	if err != nil {
		return err
	}
	if web.WantsJSON(r) {
		return web.WriteJSON(w, http.StatusOK, map[string]any{"id": c.ID, "likes": c.Likes})
	}
	a, err := s.store.Article(r.Context(), c.ArticleID)
	if err != nil {
		return err
	}
	http.Redirect(w, r, a.Path()+"#bl-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}

// urlInText finds addresses in a published comment, to link them.
var urlInText = regexp.MustCompile(`https?://[^\s<>"]+[^\s<>".,;:!?)\]]`)

// commentHTML shows a comment's text safely: everything escaped, line
// breaks kept, and links clickable only once published, marked as user
// content that search engines must not follow.
func commentHTML(c news.Comment) template.HTML {
	var b strings.Builder
	for _, para := range strings.Split(strings.ReplaceAll(c.Body, "\r\n", "\n"), "\n\n") {
		if strings.TrimSpace(para) == "" {
			continue
		}
		b.WriteString("<p>")
		text := html.EscapeString(para)
		if c.Status == news.CommentPublished {
			text = urlInText.ReplaceAllStringFunc(text, func(u string) string {
				return `<a href="` + u + `" rel="ugc nofollow noopener" target="_blank">` + u + `</a>`
			})
		}
		b.WriteString(strings.ReplaceAll(text, "\n", "<br>"))
		b.WriteString("</p>")
	}
	return template.HTML(b.String())
}
