// Package editorial is the editorial workflow: creating and saving copy
// with revisions, moving it through review to publication, scheduling.
// The newsroom UI and the JSON API both call it, so one set of rules
// (the paper's news.Policy: CanMove, CanEdit) guards both.
package editorial

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/richtext"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Service carries out editorial actions.
type Service struct {
	store  *store.Store
	policy *richtext.Policy
	now    func() time.Time
	wake   chan struct{} // tells the scheduler a schedule changed
}

// New returns the service; now is the clock (time.Now in production).
func New(s *store.Store, policy *richtext.Policy, now func() time.Time) *Service {
	return &Service{store: s, policy: policy, now: now, wake: make(chan struct{}, 1)}
}

// ArticleInput is what an editor or the API sends for an article's text.
type ArticleInput struct {
	Title, Lead, Body, Slug  string
	SectionID                int64
	Tags                     []string
	AuthorIDs                []int64
	CoverImageID             int64
	SEOTitle, SEODescription string
	EmbargoUntil             time.Time
	Featured                 bool
	Credit                   string // "Theo TTXVN": a credit line after the bylines
	// Correction is the note readers see at the end of a published story
	// about its correction; changing it dates it.
	Correction string
	// RelatedIDs are the published stories picked for "Tin liên quan", in
	// order, at most store.MaxRelatedPicks.
	RelatedIDs []int64
	// AudioMediaID is the story's audio version, a ready audio item, and
	// ProgrammeID the radio programme it is an episode of; 0: none.
	AudioMediaID, ProgrammeID int64
	// MainMediaID is the story's main video (0: none): see checkMainMedia.
	MainMediaID int64
	// State and PublishedAt create a story already in a later state with
	// its original date: a scripted migration's, for members who may
	// import archives. Empty and zero: a draft, as always.
	State       news.Status
	PublishedAt time.Time
}

// Limits on an article's fields.
const (
	maxTitle   = 250
	maxLead    = 1000
	maxBody    = 1 << 20
	maxTags    = 20
	maxTagName = 60
	maxSEO     = 400
)

// Create starts a new article as a draft of actor's.
func (s *Service) Create(ctx context.Context, actor news.Actor, in ArticleInput) (news.Article, error) {
	if err := actor.Require(news.WriteArticles); err != nil {
		return news.Article{}, err
	}
	a := news.Article{Status: news.Draft, CreatedBy: actor.User.ID}
	if err := s.importedState(actor, &a, in); err != nil {
		return a, err
	}
	if len(in.AuthorIDs) == 0 && actor.User.AuthorID != 0 {
		in.AuthorIDs = []int64{actor.User.AuthorID}
	}
	if err := s.apply(ctx, actor, &a, in); err != nil {
		return a, err
	}
	return s.store.CreateDraft(ctx, actor, a)
}

// importedState sets a new story's state and dates from in when it asks
// for more than a draft: only members who may import archives, a
// published story dated when it first ran (not later than now), a
// scheduled one at a time to come.
func (s *Service) importedState(actor news.Actor, a *news.Article, in ArticleInput) error {
	if (in.State == "" || in.State == news.Draft) && in.PublishedAt.IsZero() {
		return nil
	}
	if err := actor.Require(news.ImportArchives); err != nil {
		return err
	}
	now := s.now()
	switch in.State {
	case "", news.Published:
		if in.PublishedAt.IsZero() {
			in.PublishedAt = now
		}
		if in.PublishedAt.After(now.Add(time.Minute)) {
			return news.Errorf(news.Invalid, "Ngày đăng %s ở tương lai: bài hẹn giờ dùng trạng thái “scheduled”", in.PublishedAt.UTC().Format(time.RFC3339))
		}
		a.Status, a.PublishedAt = news.Published, in.PublishedAt.UTC()
	case news.Scheduled:
		if !in.PublishedAt.After(now) {
			return news.Errorf(news.Invalid, "Bài hẹn giờ cần “published_at” ở tương lai")
		}
		a.Status, a.ScheduledAt = news.Scheduled, in.PublishedAt.UTC()
	case news.Draft, news.Submitted, news.Edited, news.Approved:
		if !in.PublishedAt.IsZero() {
			return news.Errorf(news.Invalid, "Chỉ bài đã đăng (“published”) hay hẹn giờ (“scheduled”) có “published_at”")
		}
		a.Status = in.State
	default:
		return news.Errorf(news.Invalid, "Trạng thái “%s” không dùng được khi tạo bài", news.Clip(string(in.State), 40))
	}
	return nil
}

// Policy is the paper's workflow as its settings ask: who corrects and
// takes down published stories.
func (s *Service) Policy(ctx context.Context) (news.Policy, error) {
	site, err := s.store.Site(ctx)
	if err != nil {
		return news.Policy{}, err
	}
	return site.Policy(), nil
}

// ConflictError is a save refused because someone else saved first. The
// refused text is kept as revision RevisionID; Current is what is saved.
type ConflictError struct {
	RevisionID int64
	Current    news.Article
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("conflict: refused text kept as revision %d", e.RevisionID)
}

// ErrorFields tell a JSON client where its refused text was kept and
// which revision to start again from.
func (e *ConflictError) ErrorFields() map[string]any {
	return map[string]any{"revision_id": e.RevisionID, "current_revision": e.Current.Revision}
}

// Unwrap makes a ConflictError a news Conflict with a Vietnamese message.
func (e *ConflictError) Unwrap() error {
	return news.Errorf(news.Conflict, "Bài đã được người khác lưu lúc %s, sau khi bạn mở bài. Bản của bạn không bị mất: nó được giữ thành một phiên bản riêng để bạn so sánh và chép lại.",
		e.Current.UpdatedAt.In(vnZone()).Format("15:04:05"))
}

// Save writes actor's text on top of revision base.
func (s *Service) Save(ctx context.Context, actor news.Actor, id int64, base int, in ArticleInput) (news.Article, error) {
	return s.save(ctx, actor, id, base, in, news.RevisionSave)
}

func (s *Service) save(ctx context.Context, actor news.Actor, id int64, base int, in ArticleInput, kind news.RevisionKind) (news.Article, error) {
	a, err := s.store.Article(ctx, id)
	if err != nil {
		return a, err
	}
	policy, err := s.Policy(ctx)
	if err != nil {
		return a, err
	}
	if err := policy.CanEdit(actor.User, a); err != nil {
		return a, err
	}
	if err := s.apply(ctx, actor, &a, in); err != nil {
		return a, err
	}
	if a.Status == news.Published {
		a.ModifiedAt = s.now() // a correction: readers see "Cập nhật lúc ..."
	}
	saved, err := s.store.UpdateArticle(ctx, actor, a, base, kind)
	if news.ErrorCode(err) == news.Conflict {
		revID, kerr := s.store.SaveConflict(ctx, actor, a, "Lưu trùng lúc với người khác")
		if kerr != nil {
			return a, errors.Join(err, kerr)
		}
		current, cerr := s.store.Article(ctx, id)
		if cerr != nil {
			return a, errors.Join(err, cerr)
		}
		return a, &ConflictError{RevisionID: revID, Current: current}
	}
	return saved, err
}

// apply validates in and copies it onto a on actor's behalf: text is
// trimmed, the body sanitized, the slug derived from the title when not
// given, the cover checked or taken from the body.
func (s *Service) apply(ctx context.Context, actor news.Actor, a *news.Article, in ArticleInput) error {
	in.Title = strings.TrimSpace(vietnamese.NFC(in.Title))
	in.Lead = strings.TrimSpace(vietnamese.NFC(in.Lead))
	switch {
	case in.Title == "":
		return news.Errorf(news.Invalid, "Vui lòng nhập tiêu đề bài viết")
	case utf8.RuneCountInString(in.Title) > maxTitle:
		return news.Errorf(news.Invalid, "Tiêu đề dài quá %d ký tự", maxTitle)
	case utf8.RuneCountInString(in.Lead) > maxLead:
		return news.Errorf(news.Invalid, "Sapô dài quá %d ký tự", maxLead)
	case len(in.Body) > maxBody:
		return news.Errorf(news.TooLarge, "Nội dung bài quá dài (tối đa 1 MB)")
	case utf8.RuneCountInString(in.SEOTitle) > maxSEO || utf8.RuneCountInString(in.SEODescription) > maxSEO:
		return news.Errorf(news.Invalid, "Tiêu đề hoặc mô tả SEO dài quá %d ký tự", maxSEO)
	case len(in.Tags) > maxTags:
		return news.Errorf(news.Invalid, "Mỗi bài có tối đa %d chủ đề", maxTags)
	}
	if err := s.checkSection(ctx, in.SectionID); err != nil {
		return err
	}
	tags, err := tagList(in.Tags)
	if err != nil {
		return err
	}
	authors, err := s.authorList(ctx, in.AuthorIDs)
	if err != nil {
		return err
	}
	credit, err := checkCredit(in.Credit)
	if err != nil {
		return err
	}
	if err := s.applyCorrection(a, in.Correction); err != nil {
		return err
	}
	related, err := s.relatedList(ctx, *a, in.RelatedIDs)
	if err != nil {
		return err
	}
	if err := s.checkAudio(ctx, in.AudioMediaID, in.ProgrammeID); err != nil {
		return err
	}
	if err := s.checkMainMedia(ctx, in.MainMediaID); err != nil {
		return err
	}
	a.MainMediaID = in.MainMediaID
	slug := vietnamese.Slug(in.Slug)
	if slug == "" {
		slug = vietnamese.Slug(in.Title)
	}
	if slug == "" {
		slug = "bai-viet"
	}
	a.Title, a.Lead, a.Slug = in.Title, in.Lead, slug
	a.Body = s.policy.Body(vietnamese.NFC(in.Body))
	if a.CoverImageID, err = s.cover(ctx, actor, *a, in.CoverImageID); err != nil {
		return err
	}
	a.SectionID, a.Tags, a.Authors, a.Credit, a.RelatedIDs = in.SectionID, tags, authors, credit, related
	a.SEOTitle, a.SEODescription = strings.TrimSpace(in.SEOTitle), strings.TrimSpace(in.SEODescription)
	a.EmbargoUntil, a.Featured = in.EmbargoUntil, in.Featured
	a.AudioMediaID, a.ProgrammeID = in.AudioMediaID, in.ProgrammeID
	return nil
}

func (s *Service) checkSection(ctx context.Context, id int64) error {
	sections, err := s.store.Sections(ctx)
	if err != nil {
		return err
	}
	for _, sec := range sections {
		if sec.ID == id {
			return nil
		}
	}
	return news.Errorf(news.Invalid, "Vui lòng chọn một chuyên mục có thật")
}

func tagList(names []string) ([]news.Tag, error) {
	var out []news.Tag
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.Join(strings.Fields(vietnamese.NFC(n)), " ")
		if n == "" {
			continue
		}
		slug := vietnamese.Slug(n)
		if slug == "" || utf8.RuneCountInString(n) > maxTagName {
			return nil, news.Errorf(news.Invalid, "Chủ đề %q không hợp lệ (1 đến %d ký tự, có chữ hoặc số)", n, maxTagName)
		}
		if !seen[slug] {
			seen[slug] = true
			out = append(out, news.Tag{Slug: slug, Name: n})
		}
	}
	return out, nil
}

func (s *Service) authorList(ctx context.Context, ids []int64) ([]news.Author, error) {
	all, err := s.store.Authors(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]news.Author{}
	for _, a := range all {
		byID[a.ID] = a
	}
	var out []news.Author
	seen := map[int64]bool{}
	for _, id := range ids {
		a, ok := byID[id]
		if !ok {
			return nil, news.Errorf(news.Invalid, "Tác giả không tồn tại")
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, a)
		}
	}
	return out, nil
}
