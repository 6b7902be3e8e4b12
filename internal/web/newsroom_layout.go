package web

import (
	"net/http"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// newsroomLayout is what every newsroom page shares.
type newsroomLayout struct {
	Site   news.Site
	Title  string
	User   *news.User
	CSRF   string
	Now    time.Time
	Notice string // one-line confirmation after a redirect ("Đã lưu")
	Menu   []menuItem
}

type menuItem struct {
	Label, Path string
}

func (s *Server) newsroomLayout(r *http.Request, ss *session, title string) newsroomLayout {
	site, err := s.store.Site(r.Context())
	if err != nil {
		site.Name, site.Location = "toasoan", time.FixedZone("GMT+7", 7*3600)
	}
	l := newsroomLayout{Site: site, Title: title + " - Tòa soạn " + site.Name, Now: s.now(), Notice: noticeText(r.URL.Query().Get("ok"))}
	if ss == nil {
		return l
	}
	u := ss.User
	l.User, l.CSRF = &u, ss.CSRFToken
	l.Menu = append(l.Menu, menuItem{"Bàn làm việc", "/toasoan/"})
	if news.CanWrite(u) {
		l.Menu = append(l.Menu, menuItem{"Viết bài", "/toasoan/bai-viet/moi"}, menuItem{"Thư viện ảnh", "/toasoan/anh"})
	}
	if u.HasAny(news.Moderator, news.ManagingEditor, news.EditorInChief) {
		l.Menu = append(l.Menu, menuItem{"Bình luận", "/toasoan/binh-luan"})
	}
	if u.HasAny(news.ManagingEditor, news.EditorInChief) {
		l.Menu = append(l.Menu, menuItem{"Trang chủ", "/toasoan/trang-chu"})
	}
	if u.HasAny(news.Admin) {
		l.Menu = append(l.Menu, menuItem{"Người dùng", "/toasoan/nguoi-dung"}, menuItem{"Chuyên mục", "/toasoan/chuyen-muc"})
	}
	if u.HasAny(news.Admin, news.EditorInChief) {
		l.Menu = append(l.Menu, menuItem{"Thời tiết", "/toasoan/thoi-tiet"}, menuItem{"Thông báo", "/toasoan/thong-bao"})
	}
	if u.HasAny(news.Admin, news.EditorInChief, news.ManagingEditor) {
		l.Menu = append(l.Menu, menuItem{"Nhật ký", "/toasoan/nhat-ky"})
	}
	l.Menu = append(l.Menu, menuItem{"Tài khoản", "/toasoan/tai-khoan"})
	return l
}

// noticeText turns the "?ok=" code of a redirect after a POST into the
// sentence shown on top of the page.
func noticeText(code string) string {
	return map[string]string{
		"luu":        "Đã lưu bài.",
		"chuyen":     "Đã chuyển trạng thái bài.",
		"khoi-phuc":  "Đã khôi phục phiên bản.",
		"anh":        "Đã tải ảnh lên.",
		"sua-anh":    "Đã lưu thông tin ảnh.",
		"nguoi-dung": "Đã lưu người dùng.",
		"chuyen-muc": "Đã lưu chuyên mục.",
		"ghim":       "Đã lưu bố cục trang.",
		"mat-khau":   "Đã đổi mật khẩu.",
		"2fa-bat":    "Đã bật xác thực hai bước.",
		"2fa-tat":    "Đã tắt xác thực hai bước.",
		"khoa-api":   "Đã thu hồi khóa API.",
		"binh-luan":  "Đã xử lý bình luận.",
		"tra-loi":    "Đã đăng câu trả lời của báo.",
		"cai-dat":    "Đã lưu cài đặt bình luận.",
	}[code]
}
