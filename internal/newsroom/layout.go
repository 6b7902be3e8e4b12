package newsroom

import (
	"context"
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
	Badges map[string]int // a menu link's path → the work waiting behind it
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
	if !u.MustChangePassword {
		l.Menu = menuFor(u)
		l.Badges = s.menuBadges(r.Context(), l.Menu)
	}
	return l
}

// menuBadges counts, for the links of menu that have a count, what waits
// behind them; a count that fails is left out of the menu, not the page.
func (s *Server) menuBadges(ctx context.Context, menu []menuItem) map[string]int {
	counts := s.menuCounts()
	out := map[string]int{}
	for _, m := range menu {
		count, ok := counts[m.Path]
		if !ok {
			continue
		}
		n, err := count(ctx)
		if err != nil {
			s.log.Warn("menu count", "path", m.Path, "err", err)
			continue
		}
		if n > 0 {
			out[m.Path] = n
		}
	}
	return out
}

// noticeText turns the "?ok=" code of a redirect after a POST into the
// sentence shown on top of the page.
func noticeText(code string) string {
	return map[string]string{
		"luu":          "Đã lưu bài.",
		"chuyen":       "Đã chuyển trạng thái bài.",
		"khoi-phuc":    "Đã khôi phục phiên bản.",
		"anh":          "Đã tải ảnh lên.",
		"sua-anh":      "Đã lưu thông tin ảnh.",
		"tai-len":      "Đã nhận tệp; video và âm thanh được xử lý trong giây lát.",
		"thu-lai":      "Đã đưa việc xử lý vào hàng đợi lại.",
		"anh-dai-dien": "Đã chọn ảnh đại diện.",
		"phu-de":       "Đã lưu phụ đề.",
		"nguoi-dung":   "Đã lưu người dùng.",
		"chuyen-muc":   "Đã lưu chuyên mục.",
		"tac-gia":      "Đã lưu tác giả.",
		"ghim":         "Đã lưu bố cục trang.",
		"mat-khau":     "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc và mọi khóa API của bạn đã bị thu hồi.",
		"2fa-bat":      "Đã bật xác thực hai bước. Các phiên đăng nhập khác của bạn đã kết thúc và mọi khóa API của bạn đã bị thu hồi.",
		"2fa-tat":      "Đã tắt xác thực hai bước.",
		"khoa-api":     "Đã thu hồi khóa API.",
		"binh-luan":    "Đã xử lý bình luận.",
		"tra-loi":      "Đã đăng câu trả lời của báo.",
		"cai-dat":      "Đã lưu cài đặt bình luận.",
		"email":        "Đã đổi email đăng nhập.",
		"phai-doi":     "Bạn cần đặt mật khẩu mới trước khi làm việc tiếp.",
		"hai-buoc":     "Đã tắt xác thực hai bước của người dùng. Mọi phiên đăng nhập của họ đã kết thúc và mọi khóa API của họ đã bị thu hồi.",
		"bao":          "Đã lưu cài đặt báo. Các máy chủ của báo áp dụng trong vòng hai giây.",
		"thu-hoi":      "Đã thu hồi mọi liên kết xem trước của bài.",
		// Live coverage (live_coverage.go).
		"truc-tiep":     "Đã cập nhật tường thuật trực tiếp.",
		"dien-bien":     "Đã đăng diễn biến mới.",
		"sua-dien-bien": "Đã lưu diễn biến.",
		"xoa-dien-bien": "Đã xóa diễn biến.",
	}[code]
}
