package newsroom

import (
	"html/template"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// funcs are the newsroom's own template functions.
func funcs() template.FuncMap {
	return template.FuncMap{
		"moveLabel":   moveLabel,
		"actionLabel": actionLabel,
		"articleTable": func(as []news.Article, now time.Time, loc *time.Location) articleTable {
			return articleTable{as, now, loc}
		},
		"localInput": func(t time.Time, loc *time.Location) string {
			if t.IsZero() {
				return ""
			}
			return t.In(loc).Format("2006-01-02T15:04")
		},
		"thousands":     thousands,
		"clockDuration": news.ClockDuration,
		"rank":          func(i int) int { return i + 1 }, // a list's place, from 1
		"hasRole":       func(u news.User, r string) bool { return u.Has(news.Role(r)) },
		"statusClass":   func(s news.Status) string { return "st-" + string(s) },
		"imagePicker": func(name, label, help string, value int64) imagePicker {
			return imagePicker{name, label, help, value}
		},
	}
}

// imagePicker is a photo field: a library photo's number, which the
// picker script turns into a thumbnail with a dialog to search the
// library or upload.
type imagePicker struct {
	Name, Label, Help string
	Value             int64
}

// articleTable is the newsroom's list of articles with relative times.
type articleTable struct {
	Articles []news.Article
	Now      time.Time
	Loc      *time.Location
}

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
		"live.start":                "Bật tường thuật trực tiếp",
		"live.stop":                 "Tắt tường thuật trực tiếp",
		"live.end":                  "Kết thúc tường thuật trực tiếp",
		"live.entry.add":            "Đăng diễn biến",
		"live.entry.edit":           "Sửa diễn biến",
		"live.entry.delete":         "Xóa diễn biến",
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
		"user.password_reset":       "Đặt lại mật khẩu",
		"user.2fa_reset":            "Đặt lại xác thực hai bước",
		"user.email":                "Đổi email đăng nhập",
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
		"article.conflict":          "Giữ bản lưu bị từ chối",
		"article.import":            "Nhập bài hàng loạt",
		"author.create":             "Tạo tác giả",
		"session.login_pending":     "Đăng nhập (chờ mã hai bước)",
		"site.save":                 "Sửa cài đặt của báo",
		"article.preview_link":      "Tạo liên kết xem trước",
		"article.preview_revoke":    "Thu hồi liên kết xem trước",
	}[action]; ok {
		return l
	}
	return action
}
