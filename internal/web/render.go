package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// renderer holds one parsed template set per page, each made of the
// shared layout and partials plus the page's own file.
type renderer struct {
	pages map[string]*template.Template
}

func newRenderer(as *assets) (*renderer, error) {
	funcs := template.FuncMap{
		"asset":       as.url,
		"datetime":    vietnamese.DateTime,
		"date":        vietnamese.Date,
		"clock":       vietnamese.Clock,
		"relative":    vietnamese.Relative,
		"isoTime":     isoTime,
		"dayParam":    func(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01-02") },
		"media":       func(key string) string { return "/media/" + key },
		"weekday":     func(t time.Time) string { return vietnamese.Weekday(t.Weekday()) },
		"list":        func(as []news.Article, loc *time.Location) articleList { return articleList{as, loc} },
		"titles":      titleLines,
		"rowOf":       func(a news.Article, loc *time.Location) articleRow { return articleRow{a, loc} },
		"srcset":      media.Srcset,
		"moveLabel":   moveLabel,
		"actionLabel": actionLabel,
		"commentHTML": commentHTML,
		"commentTime": commentTime,
		"commentView": func(c news.Comment, a commentArea) commentView { return commentView{C: c, Area: a} },
		"articleTable": func(as []news.Article, now time.Time, loc *time.Location) articleTable {
			return articleTable{as, now, loc}
		},
		"localInput": func(t time.Time, loc *time.Location) string {
			if t.IsZero() {
				return ""
			}
			return t.In(loc).Format("2006-01-02T15:04")
		},
		"hasID":       slices.Contains[[]int64, int64],
		"hasRole":     func(u news.User, r string) bool { return u.Has(news.Role(r)) },
		"statusClass": func(s news.Status) string { return "st-" + string(s) },
	}
	r := &renderer{pages: map[string]*template.Template{}}
	// Each group is a layout folder and its pages: the reader's site, and
	// the newsroom under "newsroom/".
	for _, g := range []struct{ layout, pages, prefix string }{
		{"templates/layout/*.html", "templates/*.html", ""},
		{"templates/newsroom/layout/*.html", "templates/newsroom/*.html", "newsroom/"},
	} {
		base, err := template.New("base").Funcs(funcs).ParseFS(embedded, g.layout, "templates/shared/*.html")
		if err != nil {
			return nil, fmt.Errorf("parse layout templates: %w", err)
		}
		files, err := fs.Glob(embedded, g.pages)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			t, err := template.Must(base.Clone()).ParseFS(embedded, f)
			if err != nil {
				return nil, fmt.Errorf("parse %s: %w", f, err)
			}
			r.pages[g.prefix+strings.TrimSuffix(path.Base(f), ".html")] = t
		}
	}
	return r, nil
}

// render writes page with the named template, fully rendered into a
// buffer first so a template error becomes a clean 500, not half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, page any) error {
	t, ok := s.pages.pages[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", page); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

// errorPage is the Vietnamese page for every 4xx and 5xx.
type errorPage struct {
	Layout
	Status  int
	Heading string
	Message string
}

func errorHeading(status int) string {
	switch status {
	case http.StatusNotFound:
		return "Không tìm thấy trang"
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
	page := errorPage{Layout: l, Status: status, Heading: errorHeading(status), Message: message}
	if err := s.render(w, status, "error", page); err != nil {
		s.log.Error("render error page", "err", err)
		http.Error(w, message, status)
	}
}

// commentView is one comment with the area it is shown in.
type commentView struct {
	C    news.Comment
	Area commentArea
}

// titleLine is one line of a list of headlines ("Các tin đã đưa", the
// latest stories), its text made in Go: such lists are on every page, and
// plain string fields cost html/template far less than a method and two
// function calls per line.
type titleLine struct {
	Path, Title, ISOTime, Date string
}

// isoTime is a time for a datetime attribute.
func isoTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func titleLines(as []news.Article, loc *time.Location) []titleLine {
	lines := make([]titleLine, len(as))
	for i, a := range as {
		lines[i] = titleLine{Path: a.Path(), Title: a.Title, ISOTime: isoTime(a.PublishedAt), Date: vietnamese.Date(a.PublishedAt, loc)}
	}
	return lines
}

// articleList and articleRow carry the paper's zone into the partials
// that print dates.
type articleList struct {
	Articles []news.Article
	Loc      *time.Location
}

// articleTable is the newsroom's list of articles with relative times.
type articleTable struct {
	Articles []news.Article
	Now      time.Time
	Loc      *time.Location
}

type articleRow struct {
	Article news.Article
	Loc     *time.Location
}

// articleHTML marks a stored body as safe: it was sanitized on the way in.
func articleHTML(a news.Article) template.HTML { return template.HTML(a.Body) }

// moveLabel names the button for a workflow move.
func moveLabel(from, to news.Status) string {
	switch {
	case to == news.Submitted:
		return "Gửi biên tập"
	case to == news.Edited:
		return "Biên tập xong, chuyển duyệt"
	case to == news.Approved && from == news.Scheduled:
		return "Hủy hẹn giờ"
	case to == news.Approved:
		return "Duyệt"
	case to == news.Scheduled:
		return "Hẹn giờ đăng"
	case to == news.Published && from == news.Unpublished:
		return "Đăng lại"
	case to == news.Published:
		return "Đăng ngay"
	case to == news.Unpublished:
		return "Gỡ bài"
	case to == news.Draft:
		return "Trả về bản nháp"
	}
	return to.Label()
}

// actionLabel names an audit log action in Vietnamese.
func actionLabel(action string) string {
	if l, ok := map[string]string{
		"article.create":            "Tạo bài",
		"article.save":              "Lưu bài",
		"article.restore":           "Khôi phục phiên bản",
		"article.transition":        "Chuyển trạng thái",
		"session.login":             "Đăng nhập",
		"session.login_failed":      "Đăng nhập sai",
		"session.login_blocked":     "Bị chặn đăng nhập",
		"session.logout":            "Đăng xuất",
		"session.logout_everywhere": "Đăng xuất mọi nơi",
		"user.create":               "Tạo người dùng",
		"user.update":               "Sửa người dùng",
		"user.password":             "Đổi mật khẩu",
		"user.2fa_on":               "Bật xác thực hai bước",
		"user.2fa_off":              "Tắt xác thực hai bước",
		"token.create":              "Tạo khóa API",
		"token.revoke":              "Thu hồi khóa API",
		"media.upload":              "Tải ảnh lên",
		"media.update":              "Sửa thông tin ảnh",
		"section.save":              "Lưu chuyên mục",
		"pins.update":               "Sửa bố cục trang",
		"popup.save":                "Lưu thông báo",
		"popup.delete":              "Xóa thông báo",
		"weather.locality_save":     "Lưu địa phương (thời tiết)",
		"weather.locality_delete":   "Xóa địa phương (thời tiết)",
		"weather.locality_move":     "Đổi thứ tự địa phương",
		"weather.locality_default":  "Chọn địa phương mặc định",
		"comment.moderate":          "Kiểm duyệt bình luận",
		"comment.reply":             "Báo trả lời bình luận",
		"comment.settings":          "Sửa cài đặt bình luận",
		"article.comments":          "Đổi chế độ bình luận",
	}[action]; ok {
		return l
	}
	return action
}

// commentTime is "5 phút trước" for recent comments and the date for
// older ones, as the papers print it.
func commentTime(t, now time.Time, loc *time.Location) string {
	if now.Sub(t) < 7*24*time.Hour {
		return vietnamese.Relative(t, now, loc)
	}
	return vietnamese.Date(t, loc) + " " + vietnamese.Clock(t, loc)
}
