package editorial

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Autosave keeps actor's unsaved title, lead and body of article id,
// typed on top of revision base, without a revision: what an open editor
// sends every few seconds while its writer types.
func (s *Service) Autosave(ctx context.Context, actor news.Actor, id int64, base int, title, lead, body string) (news.Autosave, error) {
	a, err := s.editable(ctx, actor, id)
	if err != nil {
		return news.Autosave{}, err
	}
	title, lead = strings.TrimSpace(vietnamese.NFC(title)), strings.TrimSpace(vietnamese.NFC(lead))
	switch {
	case base <= 0 || base > a.Revision:
		return news.Autosave{}, news.Errorf(news.Invalid, "Số phiên bản của biểu mẫu không hợp lệ; hãy tải lại trang")
	case utf8.RuneCountInString(title) > maxTitle || utf8.RuneCountInString(lead) > maxLead:
		return news.Autosave{}, news.Errorf(news.Invalid, "Tiêu đề hoặc sapô quá dài")
	case len(body) > maxBody:
		return news.Autosave{}, news.Errorf(news.TooLarge, "Nội dung bài quá dài (tối đa 1 MB)")
	}
	return s.store.Autosave(ctx, news.Autosave{ArticleID: id, UserID: actor.User.ID, Base: base,
		Title: title, Lead: lead, Body: s.policy.Body(vietnamese.NFC(body))})
}

// editable reads article id if actor may change its text.
func (s *Service) editable(ctx context.Context, actor news.Actor, id int64) (news.Article, error) {
	a, err := s.store.Article(ctx, id)
	if err != nil {
		return a, err
	}
	policy, err := s.Policy(ctx)
	if err != nil {
		return a, err
	}
	return a, policy.CanEdit(actor.User, a)
}

// SaveAndMove is a workflow button pressed in the editor: the text on
// screen is saved first when it differs from the stored one (on top of
// revision base, so a save that conflicts is refused and kept, and the
// story does not move), then the story moves. The writer's last edit is
// always in the copy that moves on.
func (s *Service) SaveAndMove(ctx context.Context, actor news.Actor, id int64, base int, in ArticleInput,
	to news.Status, note string, at time.Time) (news.Article, error) {
	current, err := s.editable(ctx, actor, id)
	if err != nil {
		return current, err
	}
	next := current
	if err := s.apply(ctx, actor, &next, in); err != nil {
		return current, err
	}
	if !sameText(current, next) {
		if _, err := s.save(ctx, actor, id, base, in, news.RevisionSave); err != nil {
			return current, err
		}
	}
	return s.Transition(ctx, actor, id, to, note, at)
}

// sameText reports whether two versions of a story have the same text
// and settings, as the editor's form holds them.
func sameText(a, b news.Article) bool {
	ids := func(as []news.Author) []int64 {
		out := make([]int64, len(as))
		for i, au := range as {
			out[i] = au.ID
		}
		return out
	}
	names := func(ts []news.Tag) []string {
		out := make([]string, len(ts))
		for i, t := range ts {
			out[i] = t.Name
		}
		return out
	}
	return a.Title == b.Title && a.Lead == b.Lead && a.Body == b.Body && a.Slug == b.Slug && a.SectionID == b.SectionID &&
		a.CoverImageID == b.CoverImageID && a.SEOTitle == b.SEOTitle && a.SEODescription == b.SEODescription &&
		a.EmbargoUntil.Equal(b.EmbargoUntil) && a.Featured == b.Featured && a.Credit == b.Credit && a.Correction == b.Correction &&
		slices.Equal(ids(a.Authors), ids(b.Authors)) && slices.Equal(names(a.Tags), names(b.Tags))
}
