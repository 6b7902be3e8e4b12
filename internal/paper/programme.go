package paper

import (
	"context"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// ProgrammeInput is a radio programme as the newsroom's form gives it; an
// empty slug is made from the title.
type ProgrammeInput struct {
	ID                  int64 // 0 for a new programme
	Title, Slug, Author string
	Description         string // plain text
	CoverImageID        int64
	Category            string
	Explicit            bool
	Position            int
}

// SaveProgramme creates (in.ID 0) or changes a programme on actor's
// authority.
func (s *Service) SaveProgramme(ctx context.Context, actor news.Actor, in ProgrammeInput) (news.Programme, error) {
	if err := actor.Require(news.ManagePrograms); err != nil {
		return news.Programme{}, err
	}
	oneLine := func(v string) string { return strings.Join(strings.Fields(vietnamese.NFC(v)), " ") }
	p := news.Programme{ID: in.ID, Title: oneLine(in.Title), Author: oneLine(in.Author),
		Description:  strings.TrimSpace(strings.ReplaceAll(vietnamese.NFC(in.Description), "\r\n", "\n")),
		CoverImageID: in.CoverImageID, Category: in.Category, Explicit: in.Explicit, Language: "vi", Position: in.Position}
	p.Slug = vietnamese.Slug(in.Slug)
	if p.Slug == "" {
		p.Slug = vietnamese.Slug(p.Title)
	}
	if err := p.Validate(); err != nil {
		return p, err
	}
	if p.CoverImageID < 0 {
		return p, news.Errorf(news.Invalid, "Ảnh bìa không hợp lệ")
	}
	if p.CoverImageID != 0 {
		if err := s.checkPhoto(ctx, actor, p.CoverImageID); err != nil {
			return p, err
		}
	}
	return s.store.SaveProgramme(ctx, actor, p)
}

// DeleteProgramme removes programme id on actor's authority.
func (s *Service) DeleteProgramme(ctx context.Context, actor news.Actor, id int64) error {
	if err := actor.Require(news.ManagePrograms); err != nil {
		return err
	}
	return s.store.DeleteProgramme(ctx, actor, id)
}
