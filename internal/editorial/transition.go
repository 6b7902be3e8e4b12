package editorial

import (
	"context"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Transition moves an article to another state on actor's authority. at
// is the publication time when scheduling; note is the message to the
// author when returning copy, and is kept in the revision and audit log.
func (s *Service) Transition(ctx context.Context, actor news.Actor, id int64, to news.Status, note string, at time.Time) (news.Article, error) {
	a, err := s.store.Article(ctx, id)
	if err != nil {
		return a, err
	}
	policy, err := s.Policy(ctx)
	if err != nil {
		return a, err
	}
	if err := policy.CanMove(actor.User, a, to); err != nil {
		return a, err
	}
	note = strings.TrimSpace(vietnamese.NFC(note))
	if len(note) > 2000 {
		return a, news.Errorf(news.Invalid, "Ghi chú dài quá 2000 ký tự")
	}
	now := s.now()
	switch to {
	case news.Draft:
		if a.CreatedBy != actor.User.ID && note == "" {
			return a, news.Errorf(news.Invalid, "Vui lòng ghi lý do khi trả bài cho tác giả")
		}
	case news.Submitted:
		if strings.TrimSpace(a.Lead) == "" || strings.TrimSpace(a.Body) == "" {
			return a, news.Errorf(news.Invalid, "Bài cần có sapô và nội dung trước khi gửi biên tập")
		}
	case news.Scheduled:
		if at.IsZero() {
			return a, news.Errorf(news.Invalid, "Vui lòng chọn thời điểm đăng bài")
		}
		if !at.After(now) {
			return a, news.Errorf(news.Invalid, "Thời điểm hẹn giờ phải ở tương lai")
		}
		if !a.EmbargoUntil.IsZero() && at.Before(a.EmbargoUntil) {
			return a, news.Errorf(news.Invalid, "Bài bị cấm đăng trước %s", vietnamese.DateTime(a.EmbargoUntil, vnZone()))
		}
	case news.Published:
		if !a.EmbargoUntil.IsZero() && now.Before(a.EmbargoUntil) {
			return a, news.Errorf(news.Invalid, "Bài bị cấm đăng trước %s", vietnamese.DateTime(a.EmbargoUntil, vnZone()))
		}
	}
	moved, err := s.store.Move(ctx, actor, a, to, at, note)
	if err == nil && to == news.Scheduled {
		s.Wake()
	}
	return moved, err
}

// Restore makes an old revision's text and media (main video, audio
// version, programme) the current ones, as a new save.
func (s *Service) Restore(ctx context.Context, actor news.Actor, id, revisionID int64, base int) (news.Article, error) {
	rev, err := s.store.Revision(ctx, id, revisionID)
	if err != nil {
		return news.Article{}, err
	}
	a, err := s.store.Article(ctx, id)
	if err != nil {
		return a, err
	}
	in := InputOf(a)
	in.Title, in.Lead, in.Body, in.SectionID = rev.Title, rev.Lead, rev.Body, rev.SectionID
	in.MainMediaID, in.AudioMediaID, in.ProgrammeID = rev.MainMediaID, rev.AudioMediaID, rev.ProgrammeID
	in.Tags = nil
	for _, t := range strings.Split(rev.Tags, ",") {
		if t = strings.TrimSpace(t); t != "" {
			in.Tags = append(in.Tags, t)
		}
	}
	return s.save(ctx, actor, id, base, in, news.RevisionRestore)
}

// InputOf is an article's current text as input: the editor form's
// starting values, and the base of the API's partial updates.
func InputOf(a news.Article) ArticleInput {
	in := ArticleInput{Title: a.Title, Lead: a.Lead, Body: a.Body, Slug: a.Slug, SectionID: a.SectionID,
		CoverImageID: a.CoverImageID, SEOTitle: a.SEOTitle, SEODescription: a.SEODescription,
		EmbargoUntil: a.EmbargoUntil, Featured: a.Featured, Credit: a.Credit, Correction: a.Correction,
		RelatedIDs: a.RelatedIDs, AudioMediaID: a.AudioMediaID, ProgrammeID: a.ProgrammeID, MainMediaID: a.MainMediaID}
	for _, t := range a.Tags {
		in.Tags = append(in.Tags, t.Name)
	}
	for _, au := range a.Authors {
		in.AuthorIDs = append(in.AuthorIDs, au.ID)
	}
	return in
}

// vnZone is the zone messages about times are written in.
func vnZone() *time.Location { return time.FixedZone("GMT+7", 7*3600) }
