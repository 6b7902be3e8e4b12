package newsroom

import (
	"net/http"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// pageLayout is what every newsroom page shares.
type pageLayout struct {
	Site   news.Site
	Title  string
	User   *news.User
	CSRF   string
	Now    time.Time
	Notice string // one-line confirmation after a redirect ("Đã lưu")
	Menu   []menuItem
}

func (s *Server) pageLayout(r *http.Request, ss *session, title string) pageLayout {
	site, err := s.store.Site(r.Context())
	if err != nil {
		site.Name, site.Location = "toasoan", time.FixedZone("GMT+7", 7*3600)
	}
	l := pageLayout{Site: site, Title: title + " - Tòa soạn " + site.Name, Now: s.now(), Notice: noticeText(r.URL.Query().Get("ok"))}
	if ss == nil {
		return l
	}
	u := ss.User
	l.User, l.CSRF = &u, ss.CSRFToken
	l.Menu = menuFor(u)
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
		"mat-khau":   "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc và mọi khóa API của bạn đã bị thu hồi.",
		"2fa-bat":    "Đã bật xác thực hai bước. Các phiên đăng nhập khác của bạn đã kết thúc và mọi khóa API của bạn đã bị thu hồi.",
		"2fa-tat":    "Đã tắt xác thực hai bước.",
		"khoa-api":   "Đã thu hồi khóa API.",
		"binh-luan":  "Đã xử lý bình luận.",
		"tra-loi":    "Đã đăng câu trả lời của báo.",
		"cai-dat":    "Đã lưu cài đặt bình luận.",
		"thu-hoi":    "Đã thu hồi mọi liên kết xem trước của bài.",
	}[code]
}
