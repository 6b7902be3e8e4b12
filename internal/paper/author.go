package paper

import (
	"context"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// AuthorInput is a byline as the newsroom's form or the API gives it; an
// empty slug is made from the name.
type AuthorInput struct {
	ID           int64 // 0 for a new author
	Name, Slug   string
	Bio          string
	PhotoImageID int64
	// UserID, when not 0, makes this the byline that member writes
	// under: their new stories carry it.
	UserID int64
}

// MayEditAuthor reports whether actor may change author id: those who
// manage bylines, and every member their own pen name.
func MayEditAuthor(actor news.Actor, id int64) error {
	if actor.Can(news.ManageAuthors) || id != 0 && actor.User.AuthorID == id && !actor.User.Disabled {
		return nil
	}
	return actor.Require(news.ManageAuthors)
}

// SaveAuthor creates (in.ID 0) or changes a byline on actor's authority.
// Only those who manage bylines create them or tie them to a member.
func (s *Service) SaveAuthor(ctx context.Context, actor news.Actor, in AuthorInput) (news.Author, error) {
	if err := MayEditAuthor(actor, in.ID); err != nil {
		return news.Author{}, err
	}
	if in.UserID != 0 {
		if err := actor.Require(news.ManageAuthors); err != nil {
			return news.Author{}, err
		}
	}
	a := news.Author{ID: in.ID, Name: strings.Join(strings.Fields(vietnamese.NFC(in.Name)), " "),
		Bio: strings.TrimSpace(vietnamese.NFC(strings.ReplaceAll(in.Bio, "\r\n", "\n"))), PhotoImageID: in.PhotoImageID}
	a.Slug = vietnamese.Slug(in.Slug)
	if a.Slug == "" {
		a.Slug = vietnamese.Slug(a.Name)
	}
	if err := a.Validate(); err != nil {
		return a, err
	}
	var before news.Author
	if a.ID != 0 {
		var err error
		if before, err = s.store.AuthorByID(ctx, a.ID); err != nil {
			return a, err
		}
	}
	if a.PhotoImageID != 0 && a.PhotoImageID != before.PhotoImageID {
		if err := s.checkPhoto(ctx, actor, a.PhotoImageID); err != nil {
			return a, err
		}
	}
	if in.UserID != 0 {
		if _, err := s.store.UserByID(ctx, in.UserID); err != nil {
			return a, news.Errorf(news.Invalid, "Thành viên không tồn tại")
		}
	}
	return s.store.SaveAuthor(ctx, actor, a, in.UserID)
}

// checkPhoto refuses a photo that is not in the library or that actor
// may not use (news.CanUseImage).
func (s *Service) checkPhoto(ctx context.Context, actor news.Actor, id int64) error {
	im, err := s.store.Image(ctx, id)
	if news.ErrorCode(err) == news.NotFound {
		return news.Errorf(news.Invalid, "Ảnh số %d không có trong thư viện", id)
	}
	if err != nil || actor.System {
		return err
	}
	use, err := s.store.ImageInUse(ctx, id, 0)
	if err != nil {
		return err
	}
	if err := news.CanUseImage(actor.User, im, use.Published); err != nil {
		return news.Errorf(news.Invalid, "%s", news.ErrorMessage(err))
	}
	return nil
}
