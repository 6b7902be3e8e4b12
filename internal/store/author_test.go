package store_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// Every member has a pen name from the day their account is made: an
// author of their name, at an address made from it, the first free one
// when two members share a name. A member made with a byline keeps it.
func TestEveryMemberHasAPenName(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		create := func(email, name string, authorID int64) news.User {
			t.Helper()
			u, err := s.CreateUser(ctx, news.System(), news.User{Email: email, Name: name, PasswordHash: "h", Roles: []news.Role{news.Reporter}, AuthorID: authorID})
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		ha := create("ha@bao.vn", "Nguyễn Thu Hà", 0)
		other := create("ha2@bao.vn", "Nguyễn Thu Hà", 0)
		group, err := s.CreateAuthor(ctx, news.System(), news.Author{Slug: "nhom-phong-vien", Name: "Nhóm phóng viên"})
		if err != nil {
			t.Fatal(err)
		}
		given := create("nhom@bao.vn", "Lê Văn Nhóm", group.ID)

		first, err := s.AuthorByID(ctx, ha.AuthorID)
		if err != nil || first.Name != "Nguyễn Thu Hà" || first.Slug != "nguyen-thu-ha" {
			t.Fatalf("first pen name: %+v, %v", first, err)
		}
		second, err := s.AuthorByID(ctx, other.AuthorID)
		if err != nil || second.Name != "Nguyễn Thu Hà" || second.Slug != "nguyen-thu-ha-2" {
			t.Fatalf("a namesake's pen name: %+v, %v", second, err)
		}
		if given.AuthorID != group.ID {
			t.Fatalf("a member made with a byline got %d, want %d", given.AuthorID, group.ID)
		}
		stored, err := s.UserByEmail(ctx, "ha@bao.vn")
		if err != nil || stored.AuthorID != ha.AuthorID {
			t.Fatalf("stored member: %+v, %v", stored, err)
		}
		all, err := s.Authors(ctx)
		if err != nil || len(all) != 3 {
			t.Fatalf("authors: %d, %v; want the two pen names and the group", len(all), err)
		}
	})
}

// Members made before pen names get theirs at the next start, once.
func TestGivePenNames(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u, err := s.CreateUser(ctx, news.System(), news.User{Email: "cu@bao.vn", Name: "Phan Văn Cũ", PasswordHash: "h", Roles: []news.Role{news.Editor}})
		if err != nil {
			t.Fatal(err)
		}
		u.AuthorID = 0
		if err := s.UpdateUser(ctx, news.System(), u); err != nil {
			t.Fatal(err)
		}
		n, err := s.GivePenNames(ctx)
		if err != nil || n != 1 {
			t.Fatalf("GivePenNames = %d, %v; want 1", n, err)
		}
		if n, err := s.GivePenNames(ctx); err != nil || n != 0 {
			t.Fatalf("again: %d, %v; want 0", n, err)
		}
		u, err = s.UserByEmail(ctx, "cu@bao.vn")
		if err != nil {
			t.Fatal(err)
		}
		au, err := s.AuthorByID(ctx, u.AuthorID)
		if err != nil || au.Name != "Phan Văn Cũ" || au.Slug != "phan-van-cu-2" {
			// "phan-van-cu" is the pen name the account was first given,
			// kept as an author when the link was removed.
			t.Fatalf("pen name given: %+v, %v", au, err)
		}
	})
}

// A changed byline announces its key, which every story it signs depends
// on; tying it to a member makes it theirs; its photo comes with it.
func TestSaveAuthor(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var mu sync.Mutex
		var heard []news.Key
		s.Subscribe(func(c news.Change) {
			mu.Lock()
			defer mu.Unlock()
			heard = append(heard, c.Keys...)
		})
		photo, err := s.CreateImage(ctx, news.System(), news.Image{Key: "cd/0123456789abcdef0123456789abcdef.jpg", MIME: "image/jpeg", Width: 400, Height: 400, Bytes: 10, Alt: "Chân dung"})
		if err != nil {
			t.Fatal(err)
		}
		member, err := s.CreateUser(ctx, news.System(), news.User{Email: "pv@bao.vn", Name: "Võ Phóng Viên", PasswordHash: "h", Roles: []news.Role{news.Reporter}})
		if err != nil {
			t.Fatal(err)
		}
		au, err := s.CreateAuthor(ctx, news.System(), news.Author{Slug: "pv-ha-tinh", Name: "PV Hà Tĩnh"})
		if err != nil {
			t.Fatal(err)
		}
		au.Name, au.Bio, au.PhotoImageID = "Phóng viên Hà Tĩnh", "Viết về nông thôn.", photo.ID
		if _, err := s.SaveAuthor(ctx, news.System(), au, member.ID); err != nil {
			t.Fatal(err)
		}
		got, err := s.AuthorBySlug(ctx, "pv-ha-tinh")
		if err != nil || got.Name != "Phóng viên Hà Tĩnh" || got.Bio != "Viết về nông thôn." || got.Photo == nil || got.Photo.Key != photo.Key {
			t.Fatalf("saved byline: %+v (photo %+v), %v", got, got.Photo, err)
		}
		member, err = s.UserByID(ctx, member.ID)
		if err != nil || member.AuthorID != au.ID {
			t.Fatalf("the member writes under %d, want %d (%v)", member.AuthorID, au.ID, err)
		}
		mu.Lock()
		defer mu.Unlock()
		if !slices.Contains(heard, news.AuthorKey(au.ID)) {
			t.Fatalf("announced %v, want %s", heard, news.AuthorKey(au.ID))
		}
		if _, err := s.CreateAuthor(ctx, news.System(), news.Author{Slug: "trung", Name: "Trùng"}); err != nil {
			t.Fatal(err)
		}
		au.Slug = "trung"
		if _, err := s.SaveAuthor(ctx, news.System(), au, 0); news.ErrorCode(err) != news.Conflict {
			t.Fatalf("a taken address: %v, want a conflict", err)
		}
	})
}

// The photos a story shows are recorded with every save: a photo is "in
// use" by readers once a published story shows it, and a reporter's
// library is their own uploads, the shared photos and those in use.
func TestPhotosInUse(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := seedPaper(t, s)
		reporter := func(email string) news.Actor {
			u, err := s.CreateUser(ctx, news.System(), news.User{Email: email, Name: "Phóng viên", PasswordHash: "h", Roles: []news.Role{news.Reporter}})
			if err != nil {
				t.Fatal(err)
			}
			return news.Actor{User: u}
		}
		lan, minh := reporter("lan@bao.vn"), reporter("minh@bao.vn")
		upload := func(by news.Actor, key string) news.Image {
			im, err := s.CreateImage(ctx, by, news.Image{Key: key, MIME: "image/jpeg", Width: 10, Height: 10, Bytes: 1})
			if err != nil {
				t.Fatal(err)
			}
			return im
		}
		lans := upload(lan, "11/11111111111111111111111111111111.jpg")
		minhs := upload(minh, "22/22222222222222222222222222222222.jpg")
		if lans.UploadedBy != lan.User.ID {
			t.Fatalf("uploaded by %d, want %d", lans.UploadedBy, lan.User.ID)
		}
		visible := func(by news.Actor) []int64 {
			images, err := s.Images(ctx, store.ImageFilter{VisibleTo: by.User.ID, Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, im := range images {
				ids = append(ids, im.ID)
			}
			return ids
		}
		if ids := visible(lan); !slices.Contains(ids, lans.ID) || slices.Contains(ids, minhs.ID) {
			t.Fatalf("Lan sees %v: her photo %d, not Minh's %d", ids, lans.ID, minhs.ID)
		}
		use, err := s.ImageInUse(ctx, minhs.ID, 0)
		if err != nil || use.Published {
			t.Fatalf("an unused photo in use: %+v, %v", use, err)
		}

		// Minh's photo goes into the body of a published story.
		a := p.articles[0]
		a.Body += `<figure data-image-id="` + strconv.FormatInt(minhs.ID, 10) + `"><img src="/media/` + minhs.Key + `" alt=""></figure>`
		if _, err := s.UpdateArticle(ctx, news.System(), a, a.Revision, news.RevisionSave); err != nil {
			t.Fatal(err)
		}
		if use, err = s.ImageInUse(ctx, minhs.ID, a.ID); err != nil || !use.Published || !use.InArticle {
			t.Fatalf("a photo a published story shows: %+v, %v", use, err)
		}
		if ids := visible(lan); !slices.Contains(ids, minhs.ID) {
			t.Fatalf("Lan sees %v, not the photo readers see (%d)", ids, minhs.ID)
		}

		// The same bytes uploaded by another member are shared by both.
		again := upload(lan, minhs.Key)
		if again.ID != minhs.ID || again.UploadedBy != 0 {
			t.Fatalf("the same photo sent by another: %+v", again)
		}
	})
}

// A story's credit line and correction note are stored with it, in NFC.
func TestCreditAndCorrection(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := seedPaper(t, s)
		a := p.articles[1]
		a.Credit = "Theo TTXVN"
		a.Correction = "Bài viết đã sửa số liệu diện tích lúa: 1.200 ha, không phải 12.000 ha."
		a.CorrectedAt = p.day0.Add(14 * 24 * time.Hour)
		if _, err := s.UpdateArticle(ctx, news.System(), a, a.Revision, news.RevisionSave); err != nil {
			t.Fatal(err)
		}
		got, err := s.Article(ctx, a.ID)
		if err != nil || got.Credit != a.Credit || got.Correction != a.Correction || !got.CorrectedAt.Equal(a.CorrectedAt) {
			t.Fatalf("stored: credit %q, correction %q at %v (%v)", got.Credit, got.Correction, got.CorrectedAt, err)
		}
		entries, err := s.AuditLog(ctx, store.AuditFilter{ObjectType: "article", ObjectID: a.ID, Limit: 1})
		if err != nil || len(entries) != 1 || !strings.Contains(entries[0].Detail, "ghi chú đính chính: Bài viết đã sửa") {
			t.Fatalf("audit: %+v, %v", entries, err)
		}
	})
}
