package store_test

import (
	"context"
	"fmt"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// writePath is one change the store makes on someone's behalf. prepare
// sets up what the change needs and returns the change itself; it is
// called twice on one database, so what it creates must not collide.
type writePath struct {
	name    string
	prepare func(t *testing.T, s *store.Store, n int) func(ctx context.Context) error
}

// auditedWrites lists every write path of the store that records an
// audit entry: each must record exactly one, in its own transaction.
func auditedWrites() []writePath {
	by := func(t *testing.T, s *store.Store, n int, roles ...news.Role) news.Actor {
		t.Helper()
		u, err := s.CreateUser(context.Background(), news.System(), news.User{Email: fmt.Sprintf("nguoi%d-%d@bao.vn", n, time.Now().UnixNano()),
			Name: "Người thử", PasswordHash: "h", Roles: roles})
		if err != nil {
			t.Fatal(err)
		}
		return news.Actor{User: u, IP: "10.1.2.3"}
	}
	must := func(t *testing.T, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	section := func(t *testing.T, s *store.Store, n int) news.Section {
		t.Helper()
		sec, err := s.CreateSection(context.Background(), news.System(), news.Section{Slug: fmt.Sprintf("muc-%d", n), Name: "Mục"})
		must(t, err)
		return sec
	}
	article := func(t *testing.T, s *store.Store, n int, status news.Status) news.Article {
		t.Helper()
		sec := section(t, s, n)
		a, err := s.CreateArticle(context.Background(), news.System(), news.Article{Slug: "bai", Title: "Bài thử", Lead: "Sapô.",
			Body: "<p>Thân bài.</p>", SectionID: sec.ID, Status: status, PublishedAt: time.Now().Add(-time.Hour)})
		must(t, err)
		return a
	}
	image := func(t *testing.T, s *store.Store, n int) news.Image {
		t.Helper()
		im, err := s.CreateImage(context.Background(), news.System(), news.Image{Key: fmt.Sprintf("ab/%032d.jpg", n), MIME: "image/jpeg", Width: 10, Height: 10, Bytes: 100})
		must(t, err)
		return im
	}
	locality := func(t *testing.T, s *store.Store, n int) news.Locality {
		t.Helper()
		l, err := s.CreateLocality(context.Background(), news.System(), news.Locality{Name: fmt.Sprintf("Xã %d", n), Latitude: 18.3, Longitude: 105.9})
		must(t, err)
		return l
	}
	popup := func(n int) news.Popup {
		now := time.Now().UTC()
		return news.Popup{Title: fmt.Sprintf("Thông báo %d", n), StartsAt: now, EndsAt: now.Add(time.Hour), Pages: news.PopupAllPages, Frequency: news.PopupOnce}
	}
	session := func(t *testing.T, s *store.Store, by news.Actor, n int, pending bool) store.Session {
		now := time.Now()
		return store.Session{TokenHash: fmt.Sprintf("phien-%d-%d", n, now.UnixNano()), UserID: by.User.ID, CSRFToken: "c", SecondFactorPending: pending,
			CreatedAt: now, LastSeen: now, ExpiresAt: now.Add(time.Hour)}
	}
	return []writePath{
		{"CreateArticle", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			sec, by := section(t, s, n), by(t, s, n, news.EditorInChief)
			return func(ctx context.Context) error {
				_, err := s.CreateArticle(ctx, by, news.Article{Slug: "moi", Title: "Bài mới", SectionID: sec.ID, Status: news.Published, PublishedAt: time.Now()})
				return err
			}
		}},
		{"CreateArticles", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			sec := section(t, s, n)
			return func(ctx context.Context) error {
				return s.CreateArticles(ctx, news.Shell(), []news.Article{{Slug: "a", Title: "A", SectionID: sec.ID}, {Slug: "b", Title: "B", SectionID: sec.ID}})
			}
		}},
		{"CreateDraft", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			sec, by := section(t, s, n), by(t, s, n, news.Reporter)
			return func(ctx context.Context) error {
				_, err := s.CreateDraft(ctx, by, news.Article{Slug: "nhap", Title: "Bản nháp", SectionID: sec.ID, Status: news.Draft, CreatedBy: by.User.ID})
				return err
			}
		}},
		{"UpdateArticle", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			a, by := article(t, s, n, news.Published), by(t, s, n, news.EditorInChief)
			return func(ctx context.Context) error {
				a.Title = "Đã đính chính"
				_, err := s.UpdateArticle(ctx, by, a, a.Revision, news.RevisionSave)
				return err
			}
		}},
		{"SaveConflict", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			a, by := article(t, s, n, news.Draft), by(t, s, n, news.Editor)
			return func(ctx context.Context) error {
				_, err := s.SaveConflict(ctx, by, a, "Lưu trùng lúc")
				return err
			}
		}},
		{"Move", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			a, by := article(t, s, n, news.Approved), by(t, s, n, news.ManagingEditor)
			return func(ctx context.Context) error {
				_, err := s.Move(ctx, by, a, news.Published, time.Time{}, "")
				return err
			}
		}},
		{"SetCommentMode", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			a, by := article(t, s, n, news.Published), by(t, s, n, news.Moderator)
			return func(ctx context.Context) error { return s.SetCommentMode(ctx, by, a.ID, news.CommentsClosed) }
		}},
		{"SetPins", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			a, by := article(t, s, n, news.Published), by(t, s, n, news.ManagingEditor)
			return func(ctx context.Context) error { return s.SetPins(ctx, by, news.HomeKey, []int64{a.ID, 0, 0}) }
		}},
		{"ReplyAsPaper", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			a, by := article(t, s, n, news.Published), by(t, s, n, news.Moderator)
			return func(ctx context.Context) error {
				_, err := s.ReplyAsPaper(ctx, by, news.Comment{ArticleID: a.ID, Name: "Báo Hà Tĩnh", Body: "Cảm ơn bạn đọc."})
				return err
			}
		}},
		{"Moderate", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			a, by := article(t, s, n, news.Published), by(t, s, n, news.Moderator)
			c, err := s.CreateComment(context.Background(), news.Comment{ArticleID: a.ID, Name: "Bạn đọc", Body: "Bài viết rất hay.", Status: news.CommentPending})
			must(t, err)
			return func(ctx context.Context) error {
				_, err := s.Moderate(ctx, by, c.ID, store.Moderation{Status: news.CommentPublished, Mail: []store.Mail{{To: "a@b.vn", Subject: "Đã đăng", Body: "x"}}})
				return err
			}
		}},
		{"SaveCommentSettings", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.Moderator)
			return func(ctx context.Context) error {
				return s.SaveCommentSettings(ctx, by, news.CommentSettings{Reasons: []string{"Lạc đề"}, Banned: []string{"lừa đảo"}, Review: []string{"tham nhũng"}})
			}
		}},
		{"CreateImage", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.Reporter)
			return func(ctx context.Context) error {
				_, err := s.CreateImage(ctx, by, news.Image{Key: fmt.Sprintf("cd/%032d.jpg", n), MIME: "image/jpeg", Width: 1, Height: 1, Bytes: 1, Caption: "Ảnh"})
				return err
			}
		}},
		{"UpdateImage", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			im, by := image(t, s, n), by(t, s, n, news.Reporter)
			a := article(t, s, n+100, news.Published)
			a.CoverImageID = im.ID
			if _, err := s.UpdateArticle(context.Background(), news.System(), a, a.Revision, news.RevisionSave); err != nil {
				t.Fatal(err)
			}
			return func(ctx context.Context) error {
				im.Caption = "Chú thích mới"
				return s.UpdateImage(ctx, by, im)
			}
		}},
		{"CreateSection", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.Admin)
			return func(ctx context.Context) error {
				_, err := s.CreateSection(ctx, by, news.Section{Slug: fmt.Sprintf("moi-%d", n), Name: "Mục mới"})
				return err
			}
		}},
		{"UpdateSection", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			sec, by := section(t, s, n), by(t, s, n, news.Admin)
			return func(ctx context.Context) error {
				sec.Name = "Tên mới"
				return s.UpdateSection(ctx, by, sec)
			}
		}},
		{"CreateAuthor", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.Admin)
			return func(ctx context.Context) error {
				_, err := s.CreateAuthor(ctx, by, news.Author{Slug: fmt.Sprintf("tac-gia-%d", n), Name: "Tác giả"})
				return err
			}
		}},
		{"SaveAuthor", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by, member := by(t, s, n, news.ManagingEditor), by(t, s, n+100, news.Reporter)
			au, err := s.CreateAuthor(context.Background(), news.System(), news.Author{Slug: fmt.Sprintf("but-danh-%d", n), Name: "Bút danh"})
			must(t, err)
			return func(ctx context.Context) error {
				au.Name, au.Bio = "Bút danh mới", "Phóng viên thường trú."
				_, err := s.SaveAuthor(ctx, by, au, member.User.ID)
				return err
			}
		}},
		{"GivePenNames", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			member := by(t, s, n, news.Reporter).User
			member.AuthorID = 0
			must(t, s.UpdateUser(context.Background(), news.System(), member))
			return func(ctx context.Context) error {
				given, err := s.GivePenNames(ctx)
				if err == nil && given != 1 {
					return fmt.Errorf("gave %d pen names, want 1", given)
				}
				return err
			}
		}},
		{"CreateUser", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.Admin)
			return func(ctx context.Context) error {
				_, err := s.CreateUser(ctx, by, news.User{Email: fmt.Sprintf("moi%d@bao.vn", n), Name: "Người mới", PasswordHash: "h", Roles: []news.Role{news.Reporter}})
				return err
			}
		}},
		{"UpdateUser", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			admin, target := by(t, s, n, news.Admin), by(t, s, n+100, news.Reporter)
			must(t, s.CreateSession(context.Background(), target, session(t, s, target, n, false), ""))
			return func(ctx context.Context) error {
				u := target.User
				u.Disabled, u.Roles = true, []news.Role{news.Editor}
				return s.UpdateUser(ctx, admin, u)
			}
		}},
		{"SetPassword", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.Reporter)
			must(t, s.CreateSession(context.Background(), by, session(t, s, by, n, false), ""))
			_, err := s.CreateAPIToken(context.Background(), by, by.User.ID, fmt.Sprintf("bam-%d", n), "Kịch bản")
			must(t, err)
			return func(ctx context.Context) error {
				_, err := s.SetPassword(ctx, by, by.User.ID, "băm mới", "")
				return err
			}
		}},
		{"SetTOTP", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.Reporter)
			must(t, s.CreateSession(context.Background(), by, session(t, s, by, n, false), ""))
			return func(ctx context.Context) error {
				_, err := s.SetTOTP(ctx, by, by.User.ID, "JBSWY3DPEHPK3PXP", "")
				return err
			}
		}},
		{"ResetPassword", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			admin, target := by(t, s, n, news.Admin), by(t, s, n+100, news.Reporter)
			must(t, s.CreateSession(context.Background(), target, session(t, s, target, n, false), ""))
			_, err := s.CreateAPIToken(context.Background(), target, target.User.ID, fmt.Sprintf("dat-lai-%d", n), "Kịch bản")
			must(t, err)
			return func(ctx context.Context) error {
				_, err := s.ResetPassword(ctx, admin, target.User.ID, "băm một lần")
				return err
			}
		}},
		{"ResetTOTP", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			admin, target := by(t, s, n, news.Admin), by(t, s, n+100, news.Reporter)
			_, err := s.SetTOTP(context.Background(), target, target.User.ID, "JBSWY3DPEHPK3PXP", "")
			must(t, err)
			must(t, s.CreateSession(context.Background(), target, session(t, s, target, n, true), ""))
			return func(ctx context.Context) error {
				_, err := s.ResetTOTP(ctx, admin, target.User.ID)
				return err
			}
		}},
		{"SetEmail", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.Reporter)
			return func(ctx context.Context) error {
				return s.SetEmail(ctx, by, by.User.ID, fmt.Sprintf("doi-%d@bao.vn", n))
			}
		}},
		{"CreateSession", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.Reporter)
			return func(ctx context.Context) error {
				return s.CreateSession(ctx, by, session(t, s, by, n, false), "băm mới")
			}
		}},
		{"CompleteSecondFactor", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.Reporter)
			ss := session(t, s, by, n, true)
			must(t, s.CreateSession(context.Background(), by, ss, ""))
			return func(ctx context.Context) error { return s.CompleteSecondFactor(ctx, by, ss.TokenHash, 42) }
		}},
		{"DeleteSession", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.Reporter)
			ss := session(t, s, by, n, false)
			must(t, s.CreateSession(context.Background(), by, ss, ""))
			return func(ctx context.Context) error { return s.DeleteSession(ctx, by, ss.TokenHash) }
		}},
		{"DeleteUserSessions", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.Reporter)
			must(t, s.CreateSession(context.Background(), by, session(t, s, by, n, false), ""))
			return func(ctx context.Context) error {
				_, err := s.DeleteUserSessions(ctx, by, by.User.ID)
				return err
			}
		}},
		{"CreateAPIToken", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.Reporter)
			return func(ctx context.Context) error {
				_, err := s.CreateAPIToken(ctx, by, by.User.ID, fmt.Sprintf("bam-%d", n), "Kịch bản")
				return err
			}
		}},
		{"RevokeAPIToken", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.Reporter)
			tok, err := s.CreateAPIToken(context.Background(), by, by.User.ID, fmt.Sprintf("bam-%d", n), "Kịch bản")
			must(t, err)
			return func(ctx context.Context) error { return s.RevokeAPIToken(ctx, by, by.User.ID, tok.ID) }
		}},
		{"SavePopup", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.EditorInChief)
			return func(ctx context.Context) error {
				_, err := s.SavePopup(ctx, by, popup(n))
				return err
			}
		}},
		{"DeletePopup", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.EditorInChief)
			id, err := s.SavePopup(context.Background(), news.System(), popup(n))
			must(t, err)
			return func(ctx context.Context) error { return s.DeletePopup(ctx, by, id) }
		}},
		{"SavePage", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.ManagingEditor)
			return func(ctx context.Context) error {
				_, err := s.SavePage(ctx, by, news.Page{Slug: fmt.Sprintf("trang-%d", n), Title: "Giới thiệu", ShowInFooter: true})
				return err
			}
		}},
		{"DeletePage", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.ManagingEditor)
			p, err := s.SavePage(context.Background(), news.System(), news.Page{Slug: fmt.Sprintf("trang-%d", n), Title: "Liên hệ", ShowInFooter: true})
			must(t, err)
			return func(ctx context.Context) error { return s.DeletePage(ctx, by, p.ID) }
		}},
		{"CreateLocality", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.Admin)
			return func(ctx context.Context) error {
				_, err := s.CreateLocality(ctx, by, news.Locality{Name: "Phường Thành Sen", Latitude: 18.34, Longitude: 105.9})
				return err
			}
		}},
		{"UpdateLocality", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			l, by := locality(t, s, n), by(t, s, n, news.Admin)
			_, err := s.SaveWeather(context.Background(), []news.WeatherReport{{LocalityID: l.ID, Latitude: l.Latitude, Longitude: l.Longitude, FetchedAt: time.Now()}})
			must(t, err)
			return func(ctx context.Context) error {
				l.Name, l.Latitude = "Xã đổi tên", 18.5
				return s.UpdateLocality(ctx, by, l)
			}
		}},
		{"DeleteLocality", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			l, by := locality(t, s, n), by(t, s, n, news.Admin)
			return func(ctx context.Context) error { return s.DeleteLocality(ctx, by, l.ID) }
		}},
		{"MoveLocality", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			locality(t, s, n)
			l, by := locality(t, s, n+100), by(t, s, n, news.Admin)
			return func(ctx context.Context) error { return s.MoveLocality(ctx, by, l.ID, -1) }
		}},
		{"SetDefaultLocality", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			locality(t, s, n)
			l, by := locality(t, s, n+100), by(t, s, n, news.Admin)
			return func(ctx context.Context) error { return s.SetDefaultLocality(ctx, by, l.ID) }
		}},
		{"SaveSite", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.Admin)
			return func(ctx context.Context) error {
				site, err := s.Site(ctx)
				if err != nil {
					return err
				}
				site.Name = fmt.Sprintf("Báo thử %d", n)
				return s.SaveSite(ctx, by, site)
			}
		}},
		{"RecordPreviewLink", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			a, by := article(t, s, n, news.Edited), by(t, s, n, news.ManagingEditor)
			return func(ctx context.Context) error {
				_, err := s.RecordPreviewLink(ctx, by, a.ID, "Liên kết xem trước (1 giờ)")
				return err
			}
		}},
		{"RevokePreviewLinks", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			a, by := article(t, s, n, news.Edited), by(t, s, n, news.ManagingEditor)
			return func(ctx context.Context) error { return s.RevokePreviewLinks(ctx, by, a.ID) }
		}},
		{"SaveRedirect", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.ManagingEditor)
			return func(ctx context.Context) error {
				_, _, err := s.SaveRedirect(ctx, by, news.Redirect{From: fmt.Sprintf("/cu/%d.htm", n), To: "/moi", Status: news.Moved, Origin: news.FromNewsroom})
				return err
			}
		}},
		{"DeleteRedirect", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			by := by(t, s, n, news.ManagingEditor)
			r, _, err := s.SaveRedirect(context.Background(), news.System(), news.Redirect{From: fmt.Sprintf("/cu/%d.htm", n), Status: news.Gone, Origin: news.FromNewsroom})
			must(t, err)
			return func(ctx context.Context) error { return s.DeleteRedirect(ctx, by, r.ID) }
		}},
		{"ImportRedirects", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			return func(ctx context.Context) error {
				_, err := s.ImportRedirects(ctx, news.Shell(), []news.Redirect{{From: fmt.Sprintf("/nhap/%d.htm", n), To: "/moi", Status: news.Moved, Origin: news.FromCSV},
					{From: fmt.Sprintf("/nhap/%d.htm?p=1", n), Status: news.Gone, Origin: news.FromCSV}})
				return err
			}
		}},
		{"SaveTopic", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			a := article(t, s, n, news.Published)
			return func(ctx context.Context) error {
				_, err := s.SaveTopic(ctx, news.System(), news.Topic{Slug: fmt.Sprintf("bao-%d", n), Title: "Bão", PinnedIDs: []int64{a.ID}, InMenu: true})
				return err
			}
		}},
		{"DeleteTopic", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			a := article(t, s, n, news.Published)
			topic, err := s.SaveTopic(context.Background(), news.System(), news.Topic{Slug: fmt.Sprintf("bao-%d", n), Title: "Bão", PinnedIDs: []int64{a.ID}})
			must(t, err)
			return func(ctx context.Context) error { return s.DeleteTopic(ctx, news.System(), topic.ID) }
		}},
		{"SetLive", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			a, by := article(t, s, n, news.Published), by(t, s, n, news.Editor)
			return func(ctx context.Context) error { _, err := s.SetLive(ctx, by, a.ID, true); return err }
		}},
		{"EndLive", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			a, by := article(t, s, n, news.Published), by(t, s, n, news.Editor)
			_, err := s.SetLive(context.Background(), news.System(), a.ID, true)
			must(t, err)
			return func(ctx context.Context) error { _, err := s.EndLive(ctx, by, a.ID); return err }
		}},
		{"AddLiveEntry", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			a, by := article(t, s, n, news.Published), by(t, s, n, news.Editor)
			_, err := s.SetLive(context.Background(), news.System(), a.ID, true)
			must(t, err)
			return func(ctx context.Context) error {
				_, err := s.AddLiveEntry(ctx, by, a.ID, "<p>Diễn biến.</p>")
				return err
			}
		}},
		{"UpdateLiveEntry", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			a, by := article(t, s, n, news.Published), by(t, s, n, news.Editor)
			_, err := s.SetLive(context.Background(), news.System(), a.ID, true)
			must(t, err)
			en, err := s.AddLiveEntry(context.Background(), news.System(), a.ID, "<p>Diễn biến.</p>")
			must(t, err)
			return func(ctx context.Context) error {
				_, err := s.UpdateLiveEntry(ctx, by, a.ID, en.ID, "<p>Diễn biến đã sửa.</p>")
				return err
			}
		}},
		{"DeleteLiveEntry", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			a, by := article(t, s, n, news.Published), by(t, s, n, news.Editor)
			_, err := s.SetLive(context.Background(), news.System(), a.ID, true)
			must(t, err)
			en, err := s.AddLiveEntry(context.Background(), news.System(), a.ID, "<p>Diễn biến.</p>")
			must(t, err)
			return func(ctx context.Context) error { return s.DeleteLiveEntry(ctx, by, a.ID, en.ID) }
		}},
		{"SetMediaPoster", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			m := readyMediaItem(t, s, n)
			return func(ctx context.Context) error { return s.SetMediaPoster(ctx, news.System(), m.ID, m.Posters[1]) }
		}},
		{"SetMediaCaptions", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			m := readyMediaItem(t, s, n)
			return func(ctx context.Context) error {
				return s.SetMediaCaptions(ctx, news.System(), m.ID, m.Dir+"/captions-0123456789abcdef.vtt")
			}
		}},
		{"Audit", func(t *testing.T, s *store.Store, n int) func(context.Context) error {
			return func(ctx context.Context) error {
				return s.Audit(ctx, news.AuditEntry{Action: "session.login_failed", Detail: "ai@bao.vn", IP: "10.9.9.9"})
			}
		}},
	}
}

// Every audited write leaves exactly one audit row; when that row cannot
// be written, the change it records is rolled back whole: the database
// holds, row for row, what it held before.
func TestEveryWriteIsAuditedInItsTransaction(t *testing.T) {
	t.Parallel()
	for _, w := range auditedWrites() {
		t.Run(w.name, func(t *testing.T) {
			t.Parallel()
			storetest.Each(t, func(t *testing.T, s *store.Store) {
				ctx := context.Background()
				var heard atomic.Int32
				s.Subscribe(func(news.Change) { heard.Add(1) })

				write := w.prepare(t, s, 1)
				before := auditCount(t, s)
				if err := write(ctx); err != nil {
					t.Fatalf("the write failed: %v", err)
				}
				if n := auditCount(t, s) - before; n != 1 {
					t.Fatalf("the write left %d audit rows, want 1", n)
				}

				write = w.prepare(t, s, 2)
				restore, err := s.RefuseAuditForTest(ctx)
				if err != nil {
					t.Fatal(err)
				}
				dump, err := s.DumpForTest(ctx)
				if err != nil {
					t.Fatal(err)
				}
				announced := heard.Load()
				if err := write(ctx); err == nil {
					t.Fatal("the write succeeded though its audit entry could not be written")
				}
				after, err := s.DumpForTest(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if err := restore(); err != nil {
					t.Fatal(err)
				}
				for table := range dump {
					if !reflect.DeepEqual(dump[table], after[table]) {
						t.Errorf("table %s changed though the write failed:\nbefore %q\nafter  %q", table, dump[table], after[table])
					}
				}
				if heard.Load() != announced {
					t.Error("a change that was rolled back was announced")
				}
			})
		})
	}
}

func auditCount(t *testing.T, s *store.Store) int {
	t.Helper()
	entries, err := s.AuditLog(context.Background(), store.AuditFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}
