package site

import (
	"html/template"
	"net/http"
	"time"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// funcs are the site's own template functions.
func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"list":       func(as []news.Article, loc *time.Location) articleList { return articleList{as, loc} },
		"titles":     titlesHTML,
		"mostRead":   mostReadHTML,
		"pageStart":  s.pageStart,
		"pageBody":   pageBodyHTML,
		"pageEnd":    pageEndHTML,
		"weatherBox": s.weatherBoxHTML,
		"popupHTML":  s.popupHTML,
		"rowOf":      func(a news.Article, loc *time.Location) articleRow { return articleRow{a, loc} },
	}
}

// errorPage is the Vietnamese page for every 4xx and 5xx.
type errorPage struct {
	Layout
	Status  int
	Heading string
	Message string
	// Lost is a reader at an address with nothing (404) or nothing any
	// more (410): the page offers the search form and the latest stories,
	// somewhere to go instead of away.
	Lost   bool
	Latest []news.Article
}

// latestOnErrorPage is how many headlines a lost reader is offered.
const latestOnErrorPage = 6

func errorHeading(status int) string {
	switch status {
	case http.StatusNotFound:
		return "Không tìm thấy trang"
	case http.StatusGone:
		return "Nội dung này đã được gỡ bỏ"
	case http.StatusBadRequest:
		return "Yêu cầu không hợp lệ"
	case http.StatusInternalServerError:
		return "Lỗi máy chủ"
	}
	return "Không thể thực hiện yêu cầu"
}

// renderError draws the error page with as much of the layout as the
// database can still give; if even that fails it falls back to plain text.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, message string) {
	l := s.layout(r, errorHeading(status))
	l.NoIndex = true
	page := errorPage{Layout: l, Status: status, Heading: errorHeading(status), Message: message,
		Lost: status == http.StatusNotFound || status == http.StatusGone}
	if page.Lost {
		var err error
		// Without the database the page goes without the list: an error
		// page must not fail in turn.
		if page.Latest, err = s.store.PublishedArticles(r.Context(), store.ArticleFilter{Limit: latestOnErrorPage}); err != nil {
			s.log.Warn("latest stories for the error page", "err", err)
		}
	}
	if err := s.render(w, status, "error", page); err != nil {
		s.log.Error("render error page", "err", err)
		http.Error(w, message, status)
	}
}

// articleList and articleRow carry the paper's zone into the partials
// that print dates.
type articleList struct {
	Articles []news.Article
	Loc      *time.Location
}

type articleRow struct {
	Article news.Article
	Loc     *time.Location
}

// articleHTML marks a stored body as safe (it was sanitized on the way in)
// with its photos drawn in the article column's sizes, WebP first.
func articleHTML(a news.Article) template.HTML {
	return template.HTML(media.PictureBody(a.Body, articleSizes))
}

// articleSizes is how wide an article's photos are drawn: the column.
const articleSizes = "(min-width: 48rem) 66vw, 100vw"

// commentTime is "5 phút trước" for recent comments and the date for
// older ones, as the papers print it.
func commentTime(t, now time.Time, loc *time.Location) string {
	if now.Sub(t) < 7*24*time.Hour {
		return vietnamese.Relative(t, now, loc)
	}
	return vietnamese.Date(t, loc) + " " + vietnamese.Clock(t, loc)
}
