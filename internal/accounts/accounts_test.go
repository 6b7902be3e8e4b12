package accounts_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/accounts"
	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

func admin(t *testing.T, s *store.Store) news.Actor {
	t.Helper()
	u, err := s.CreateUser(context.Background(), news.System(), news.User{Email: "qt@bao.vn", Name: "Quản trị", PasswordHash: "h", Roles: []news.Role{news.Admin}})
	if err != nil {
		t.Fatal(err)
	}
	return news.Actor{User: u, IP: "10.0.0.1"}
}

// Accounts are checked the same way whichever door they come through;
// a refusal says why in Vietnamese and writes nothing.
func TestSaveUserChecksEveryField(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := accounts.New(s, auth.TestHasher(), time.Now)
		by := admin(t, s)
		sec, err := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
		if err != nil {
			t.Fatal(err)
		}
		good := accounts.UserInput{Email: "Thu.Ha@BaoHaTinh.vn", Name: norm.NFD.String("  Nguyễn   Thu Hà "), Roles: []news.Role{news.Reporter},
			SectionIDs: []int64{sec.ID}}
		for _, c := range []struct {
			name   string
			change func(in *accounts.UserInput)
			code   news.Code
			text   string
		}{
			{"no name", func(in *accounts.UserInput) { in.Name = "  " }, news.Invalid, "họ tên"},
			{"a long name", func(in *accounts.UserInput) { in.Name = strings.Repeat("Đ", 201) }, news.Invalid, "họ tên"},
			{"markup in the name", func(in *accounts.UserInput) { in.Name = "<script>alert(1)</script>" }, news.Invalid, "không hợp lệ"},
			{"a control character", func(in *accounts.UserInput) { in.Name = "Thu\x00Hà" }, news.Invalid, "không hợp lệ"},
			{"no address", func(in *accounts.UserInput) { in.Email = "" }, news.Invalid, "email"},
			{"not an address", func(in *accounts.UserInput) { in.Email = "thu-ha" }, news.Invalid, "email"},
			{"a display name", func(in *accounts.UserInput) { in.Email = "Hà <ha@bao.vn>" }, news.Invalid, "email"},
			{"SQL in the address", func(in *accounts.UserInput) { in.Email = "x'); DROP TABLE users;--@bao.vn" }, news.Invalid, "email"},
			{"no role", func(in *accounts.UserInput) { in.Roles = nil }, news.Invalid, "vai trò"},
			{"an unknown role", func(in *accounts.UserInput) { in.Roles = []news.Role{"god"} }, news.Invalid, "không tồn tại"},
			{"a section that is not there", func(in *accounts.UserInput) { in.SectionIDs = []int64{9999} }, news.Invalid, "Chuyên mục"},
			{"a byline that is not there", func(in *accounts.UserInput) { in.AuthorID = 9999 }, news.Invalid, "Tác giả"},
			{"a short password", func(in *accounts.UserInput) { in.Password = "ngắn" }, news.Invalid, "Mật khẩu"},
		} {
			in := good
			c.change(&in)
			_, _, err := svc.SaveUser(ctx, by, in)
			if news.ErrorCode(err) != c.code || !strings.Contains(news.ErrorMessage(err), c.text) {
				t.Errorf("%s: %v, want %s mentioning %q", c.name, err, c.code, c.text)
			}
		}
		if users, _ := s.Users(ctx); len(users) != 1 {
			t.Fatalf("refused accounts were stored: %d users", len(users))
		}
		reporter := news.Actor{User: news.User{ID: 99, Roles: []news.Role{news.Reporter}}}
		if _, _, err := svc.SaveUser(ctx, reporter, good); news.ErrorCode(err) != news.Forbidden {
			t.Fatalf("a reporter making accounts: %v", err)
		}

		u, password, err := svc.SaveUser(ctx, by, good)
		if err != nil {
			t.Fatal(err)
		}
		if u.Email != "thu.ha@baohatinh.vn" || u.Name != "Nguyễn Thu Hà" || !norm.NFC.IsNormalString(u.Name) {
			t.Errorf("stored %q %q, want lower-case address and a tidy NFC name", u.Email, u.Name)
		}
		if len(password) < 10 {
			t.Fatalf("a new account without a password got %q, want a one-time password", password)
		}
		if _, _, err := svc.SaveUser(ctx, by, good); news.ErrorCode(err) != news.Conflict {
			t.Fatalf("the same address twice: %v", err)
		}
		mine := accounts.UserInput{ID: by.User.ID, Name: "Quản trị", Roles: []news.Role{news.Editor}}
		if _, _, err := svc.SaveUser(ctx, by, mine); news.ErrorCode(err) != news.Invalid {
			t.Fatalf("an administrator dropping their own role: %v", err)
		}
	})
}

// The first start makes one administrator, once.
func TestEnsureAdminOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := accounts.New(s, auth.TestHasher(), time.Now)
		if _, _, err := svc.EnsureAdmin(ctx, "Quản trị <qt@bao.vn>"); news.ErrorCode(err) != news.Invalid {
			t.Fatalf("an administrator with a display name for an address: %v", err)
		}
		u, password, err := svc.EnsureAdmin(ctx, " IT@BaoHaTinh.vn ")
		if err != nil || password == "" || !u.Has(news.Admin) || !u.Has(news.EditorInChief) {
			t.Fatalf("first administrator: %+v %q %v", u, password, err)
		}
		stored, err := s.UserByEmail(ctx, "it@baohatinh.vn")
		if err != nil || !stored.MustChangePassword {
			t.Fatalf("the first administrator must change the one-time password: %+v %v", stored, err)
		}
		if _, again, err := svc.EnsureAdmin(ctx, "khac@bao.vn"); err != nil || again != "" {
			t.Fatalf("second start: %q %v, want nothing made", again, err)
		}
	})
}

// Tokens are named, made for oneself (the shell for anyone), shown once.
func TestTokens(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := accounts.New(s, auth.TestHasher(), time.Now)
		by := admin(t, s)
		for _, name := range []string{"", strings.Repeat("k", 101), "hai\ndòng"} {
			if _, _, err := svc.CreateToken(ctx, by, by.User.ID, name); news.ErrorCode(err) != news.Invalid {
				t.Errorf("token named %q: %v", name, err)
			}
		}
		if _, _, err := svc.CreateToken(ctx, by, by.User.ID+1, "Kịch bản"); news.ErrorCode(err) != news.Forbidden {
			t.Errorf("a token for someone else: %v", err)
		}
		token, _, err := svc.CreateToken(ctx, by, by.User.ID, norm.NFD.String("Kịch bản đăng tin"))
		if err != nil {
			t.Fatal(err)
		}
		if u, err := svc.UserByToken(ctx, token); err != nil || u.ID != by.User.ID {
			t.Fatalf("the token's user: %+v %v", u, err)
		}
		for _, bad := range []string{"", "khong-co", strings.Repeat("x", 300)} {
			if _, err := svc.UserByToken(ctx, bad); news.ErrorCode(err) != news.Unauthorized {
				t.Errorf("token %q: %v", bad, err)
			}
		}
		list, err := s.APITokens(ctx, by.User.ID)
		if err != nil || len(list) != 1 || list[0].Name != "Kịch bản đăng tin" {
			t.Fatalf("stored tokens: %+v %v", list, err)
		}
	})
}
