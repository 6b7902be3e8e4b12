package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

func newsroomUser(t *testing.T, s *store.Store, email string, roles ...news.Role) news.User {
	t.Helper()
	u, err := s.CreateUser(context.Background(), news.System(), news.User{Email: email, Name: "Người " + email, PasswordHash: "x", Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestUsers(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := seedPaper(t, s)
		u, err := s.CreateUser(ctx, news.System(), news.User{Email: " Thu.Ha@BaoHaTinh.vn ", Name: "Thu Hà", PasswordHash: "h",
			Roles: []news.Role{news.Reporter, news.Editor}, SectionIDs: []int64{p.thoiSu.ID}})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.UserByEmail(ctx, "thu.ha@baohatinh.vn")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != u.ID || !got.Has(news.Editor) || !got.Has(news.Reporter) || len(got.SectionIDs) != 1 || got.Email != "thu.ha@baohatinh.vn" {
			t.Fatalf("read back %+v", got)
		}
		if _, err := s.CreateUser(ctx, news.System(), news.User{Email: "THU.HA@baohatinh.vn", Name: "Trùng", PasswordHash: "h"}); news.ErrorCode(err) != news.Conflict {
			t.Fatalf("duplicate email: %v", err)
		}
		by := news.Actor{User: u, IP: "10.0.0.2"}
		ss := store.Session{TokenHash: "phien-1", UserID: u.ID, CSRFToken: "c", SecondFactorPending: true,
			CreatedAt: time.Now(), LastSeen: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}
		if err := s.CreateSession(ctx, by, ss, ""); err != nil {
			t.Fatal(err)
		}
		if err := s.CompleteSecondFactor(ctx, by, ss.TokenHash, 100); err != nil {
			t.Fatal(err)
		}
		if err := s.CompleteSecondFactor(ctx, by, ss.TokenHash, 100); news.ErrorCode(err) != news.Unauthorized {
			t.Fatalf("replayed step: %v", err)
		}
	})
}

func TestSaveConflictAndRevisions(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := seedPaper(t, s)
		an := newsroomUser(t, s, "an@bao.vn", news.Editor)
		binh := newsroomUser(t, s, "binh@bao.vn", news.Editor)
		a, err := s.CreateDraft(ctx, news.Actor{User: an}, news.Article{Slug: "bai", Title: "Bản đầu", SectionID: p.thoiSu.ID, CreatedBy: an.ID})
		if err != nil {
			t.Fatal(err)
		}
		first := a
		first.Title = "Sửa của An"
		saved, err := s.UpdateArticle(ctx, news.Actor{User: an}, first, a.Revision, news.RevisionSave)
		if err != nil || saved.Revision != 2 {
			t.Fatalf("first save: rev %d, %v", saved.Revision, err)
		}
		second := a
		second.Title = "Sửa của Bình"
		if _, err := s.UpdateArticle(ctx, news.Actor{User: binh}, second, a.Revision, news.RevisionSave); news.ErrorCode(err) != news.Conflict {
			t.Fatalf("stale save: %v, want conflict", err)
		}
		if _, err := s.SaveConflict(ctx, news.Actor{User: binh}, second, ""); err != nil {
			t.Fatal(err)
		}
		cur, _ := s.Article(ctx, a.ID)
		if cur.Title != "Sửa của An" {
			t.Fatalf("stale save overwrote: %q", cur.Title)
		}
		revs, err := s.Revisions(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(revs) != 3 || revs[0].Kind != news.RevisionConflict || revs[0].Title != "Sửa của Bình" || revs[1].Number != 2 || revs[2].Number != 1 {
			t.Fatalf("revisions %+v", revs)
		}
		if revs[0].UserName != binh.Name {
			t.Errorf("conflict revision by %q", revs[0].UserName)
		}
	})
}

func TestMoveAndSchedule(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := seedPaper(t, s)
		me := newsroomUser(t, s, "tk@bao.vn", news.ManagingEditor)
		a, err := s.CreateDraft(ctx, news.Actor{User: me}, news.Article{Slug: "hen-gio", Title: "Hẹn giờ", SectionID: p.thoiSu.ID, Status: news.Approved})
		if err != nil {
			t.Fatal(err)
		}
		at := time.Now().Add(-time.Minute).UTC().Truncate(time.Second)
		moved, err := s.Move(ctx, news.Actor{User: me, IP: "10.0.0.1"}, a, news.Scheduled, at, "Đăng sáng mai")
		if err != nil {
			t.Fatal(err)
		}
		if moved.Status != news.Scheduled || !moved.ScheduledAt.Equal(at) {
			t.Fatalf("moved %s at %v", moved.Status, moved.ScheduledAt)
		}
		if _, err := s.Move(ctx, news.Actor{User: me}, a, news.Published, time.Time{}, ""); news.ErrorCode(err) != news.Conflict {
			t.Fatalf("move from a stale state: %v", err)
		}
		next, err := s.NextScheduled(ctx)
		if err != nil || !next.Equal(at) {
			t.Errorf("next scheduled %v, want %v", next, at)
		}
		ids, err := s.PublishDue(ctx, time.Now())
		if err != nil || len(ids) != 1 || ids[0] != a.ID {
			t.Fatalf("PublishDue = %v, %v", ids, err)
		}
		if ids, _ := s.PublishDue(ctx, time.Now()); len(ids) != 0 {
			t.Fatalf("published twice: %v", ids)
		}
		pub, _ := s.Article(ctx, a.ID)
		if pub.Status != news.Published || !pub.PublishedAt.Equal(at) {
			t.Fatalf("after the scheduler: %s, published %v", pub.Status, pub.PublishedAt)
		}
		log, err := s.AuditLog(ctx, store.AuditFilter{ObjectType: "article", ObjectID: a.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(log) != 3 || log[0].UserID != 0 || log[1].IP != "10.0.0.1" || log[1].UserName != me.Name || log[2].Action != "article.create" {
			t.Fatalf("audit log %+v", log)
		}
	})
}

func TestEditLock(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := seedPaper(t, s)
		an := newsroomUser(t, s, "an@bao.vn", news.Editor)
		binh := newsroomUser(t, s, "binh@bao.vn", news.Editor)
		id := p.articles[0].ID
		l, err := s.TakeEditLock(ctx, id, an.ID, time.Hour)
		if err != nil || l.UserID != an.ID {
			t.Fatalf("first lock %+v %v", l, err)
		}
		l, _ = s.TakeEditLock(ctx, id, binh.ID, time.Hour)
		if l.UserID != an.ID || l.UserName != an.Name {
			t.Fatalf("second editor took a live lock: %+v", l)
		}
		l, _ = s.TakeEditLock(ctx, id, binh.ID, -time.Second)
		if l.UserID != binh.ID {
			t.Fatalf("expired lock not taken over: %+v", l)
		}
		if err := s.ReleaseEditLock(ctx, id, binh.ID); err != nil {
			t.Fatal(err)
		}
		if l, _ := s.EditLock(ctx, id); l.UserID != 0 {
			t.Fatalf("released lock still held: %+v", l)
		}
	})
}
