package settings_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/settings"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

func TestSet(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := settings.New(s)
		for _, c := range []struct{ key, value, text string }{
			{"name", "   ", "không được trống"},
			{"base_url", "javascript:alert(1)", "http"},
			{"purge_url", "ftp://x", "http"},
			{"time_zone", "Sao/Hoả", "Múi giờ"},
			{"description", "hai\ndòng", "xuống dòng"},
			{"description", strings.Repeat("x", 501), "quá dài"},
			{"password", "x", "Không có cài đặt"},
		} {
			if _, err := svc.Set(ctx, news.Shell(), c.key, c.value); news.ErrorCode(err) != news.Invalid || !strings.Contains(news.ErrorMessage(err), c.text) {
				t.Errorf("%s = %q: %v, want a refusal mentioning %q", c.key, c.value, err, c.text)
			}
		}
		if _, err := svc.Set(ctx, news.Actor{User: news.User{ID: 5, Roles: []news.Role{news.Editor}}}, "name", "Báo khác"); news.ErrorCode(err) != news.Forbidden {
			t.Errorf("an editor renaming the paper: %v", err)
		}
		got, err := svc.Set(ctx, news.Shell(), "name", norm.NFD.String(" Báo Hà Tĩnh điện tử "))
		if err != nil || got != "Báo Hà Tĩnh điện tử" {
			t.Fatalf("name stored as %q (%v), want trimmed NFC", got, err)
		}
		if got, _ := svc.Set(ctx, news.Shell(), "base_url", "https://baohatinh.vn/"); got != "https://baohatinh.vn" {
			t.Errorf("base_url stored as %q, want no trailing slash", got)
		}
		if got, _ := svc.Set(ctx, news.Shell(), "dateline", "(BHT) - "); got != "(BHT) - " {
			t.Errorf("dateline stored as %q, want its trailing space kept", got)
		}
		site, err := svc.Site(ctx)
		if err != nil || site.Name != "Báo Hà Tĩnh điện tử" || site.BaseURL != "https://baohatinh.vn" {
			t.Fatalf("read back: %+v %v", site, err)
		}
		log, err := s.AuditLog(ctx, store.AuditFilter{ObjectType: "site"})
		if err != nil || len(log) != 3 || log[0].Detail != "dateline" || log[0].IP != news.CommandLine {
			t.Fatalf("audit of the settings: %+v %v", log, err)
		}
	})
}

// The legal footer and the correctors are settings like the others: each
// value is cleaned as its kind asks (a day typed the Vietnamese way, a
// list of roles with spaces, text in NFD), and a whole form is saved in
// one change whose audit entry names what changed.
func TestSaveLegalFooter(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := settings.New(s)
		admin := news.Actor{User: news.User{ID: 1, Roles: []news.Role{news.Admin}}, IP: "10.0.0.9"}
		if _, err := s.CreateUser(ctx, news.System(), news.User{Email: "qt@bao.vn", Name: "Quản trị", Roles: []news.Role{news.Admin}}); err != nil {
			t.Fatal(err)
		}
		site, err := svc.Save(ctx, admin, map[string]string{
			"governing_body":  norm.NFD.String("Tỉnh ủy Hà Tĩnh"),
			"licence":         "123/GP-BTTTT do Bộ Thông tin và Truyền thông cấp",
			"licence_date":    "31/01/2020",
			"editor_in_chief": "Nguyễn Văn Đức",
			"address":         "Số 1 Phan Đình Phùng, phường Thành Sen, tỉnh Hà Tĩnh",
			"phone":           "(0239) 3 855 446",
			"email":           "toasoan@baohatinh.vn",
			"correctors":      " editor , editor-in-chief ",
		})
		if err != nil {
			t.Fatal(err)
		}
		stored, err := svc.Site(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"governing_body": "Tỉnh ủy Hà Tĩnh", "licence_date": "2020-01-31", "correctors": "editor,editor-in-chief",
			"email": "toasoan@baohatinh.vn", "phone": "(0239) 3 855 446", "name": "Báo Hà Tĩnh"}
		for key, v := range want {
			if got := *stored.Field(key); got != v || *site.Field(key) != v {
				t.Errorf("%s stored as %q (returned %q), want %q", key, got, *site.Field(key), v)
			}
		}
		if stored.LicenceDay() != "31/01/2020" || !stored.HasLegalFooter() {
			t.Errorf("licence day %q, legal footer %v", stored.LicenceDay(), stored.HasLegalFooter())
		}
		if !reflect.DeepEqual(stored.Policy().Correctors, []news.Role{news.Editor, news.EditorInChief}) {
			t.Errorf("policy after saving the correctors: %v", stored.Policy())
		}
		log, err := s.AuditLog(ctx, store.AuditFilter{ObjectType: "site"})
		if err != nil || len(log) != 1 || log[0].IP != "10.0.0.9" || log[0].UserID != 1 {
			t.Fatalf("audit: %+v %v", log, err)
		}
		for _, key := range []string{"governing_body", "licence", "licence_date", "editor_in_chief", "address", "phone", "email", "correctors"} {
			if !strings.Contains(log[0].Detail, key) {
				t.Errorf("the audit entry %q does not name %s", log[0].Detail, key)
			}
		}
	})
}

// Every kind of bad value is refused with a Vietnamese reason, and a form
// with one bad value among good ones stores none of them.
func TestRefusals(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := settings.New(s)
		before, err := svc.Site(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ key, value, text string }{
			{"logo_url", "http://", "http"},
			{"logo_url", "//cdn.example/logo.png", "http"},
			{"base_url", "https://baohatinh.vn/\"onmouseover=\"x", "http"},
			{"time_zone", "Local", "IANA"},
			{"time_zone", "Asia/Ha_Tinh", "Múi giờ"},
			{"time_zone", "", "múi giờ"},
			{"time_zone", "../../etc/passwd", "Múi giờ"},
			{"name", "Báo <script>alert(1)</script>", "< hoặc >"},
			{"editor_in_chief", "Nguyễn\tVăn A", "ký tự điều khiển"},
			{"address", "Số 1\r\nđường 2", "xuống dòng"},
			{"address", "Số 1\u2028đường 2", "xuống dòng"},
			{"governing_body", "Tỉnh ủy\u202eHà Tĩnh", "ký tự điều khiển"},
			{"governing_body", "Tỉnh ủy \xff", "ký tự điều khiển"},
			{"name", strings.Repeat("đ", 121), "quá dài"},
			{"email", "toasoan", "thư điện tử"},
			{"email", "toasoan@baohatinh.vn (Tòa soạn)", "thư điện tử"},
			{"email", "a@b.vn, c@d.vn", "thư điện tử"},
			{"phone", "gọi 0239 3855 446", "chữ số"},
			{"phone", "12", "chữ số"},
			{"licence_date", "30/02/2020", "ngày"},
			{"licence_date", "hôm qua", "ngày"},
			{"correctors", "", "ít nhất một"},
			{"correctors", " , ", "ít nhất một"},
			{"correctors", "tổng biên tập", "không tồn tại"},
			{"correctors", "moderator", "không làm việc với bài"},
			{"correctors", "admin,editor", "không làm việc với bài"},
			{"correctors", "editor' OR 1=1 --", "không tồn tại"},
		} {
			_, err := svc.Save(ctx, news.Shell(), map[string]string{"description": "Mô tả mới", c.key: c.value})
			if news.ErrorCode(err) != news.Invalid || !strings.Contains(news.ErrorMessage(err), c.text) {
				t.Errorf("%s = %q: %v, want a refusal mentioning %q", c.key, c.value, err, c.text)
			}
		}
		for _, r := range []news.Role{news.Reporter, news.Editor, news.ManagingEditor, news.EditorInChief, news.Moderator} {
			_, err := svc.Save(ctx, news.Actor{User: news.User{ID: 5, Roles: []news.Role{r}}}, map[string]string{"name": "Báo khác"})
			if news.ErrorCode(err) != news.Forbidden || !strings.Contains(news.ErrorMessage(err), "cài đặt của báo") {
				t.Errorf("%s renaming the paper: %v", r, err)
			}
		}
		after, err := svc.Site(ctx)
		if err != nil || !reflect.DeepEqual(before, after) {
			t.Errorf("refused changes altered the settings:\n%+v\n%+v", before, after)
		}
		if log, _ := s.AuditLog(ctx, store.AuditFilter{ObjectType: "site"}); len(log) != 0 {
			t.Errorf("refused changes were audited: %+v", log)
		}
	})
}
