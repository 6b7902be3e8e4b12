package weather

import (
	"context"

	"github.com/toasoan/toasoan/internal/news"
)

// SaveLocality adds a locality (ID 0) or renames or moves one, on actor's
// authority, and returns it.
func (s *Service) SaveLocality(ctx context.Context, actor news.Actor, l news.Locality) (news.Locality, error) {
	if err := actor.Require(news.ManageSite); err != nil {
		return l, err
	}
	if err := l.Validate(); err != nil {
		return l, err
	}
	if l.ID == 0 {
		return s.store.CreateLocality(ctx, actor, l)
	}
	return l, s.store.UpdateLocality(ctx, actor, l)
}

// DeleteLocality removes a locality and its forecast.
func (s *Service) DeleteLocality(ctx context.Context, actor news.Actor, id int64) error {
	if err := actor.Require(news.ManageSite); err != nil {
		return err
	}
	return s.store.DeleteLocality(ctx, actor, id)
}

// MoveLocality moves a locality one place up (step -1) or down (step 1).
func (s *Service) MoveLocality(ctx context.Context, actor news.Actor, id int64, step int) error {
	if err := actor.Require(news.ManageSite); err != nil {
		return err
	}
	if step != -1 && step != 1 {
		return news.Errorf(news.Invalid, "Hướng chuyển không hợp lệ")
	}
	return s.store.MoveLocality(ctx, actor, id, step)
}

// SetDefaultLocality makes a locality the one readers see first.
func (s *Service) SetDefaultLocality(ctx context.Context, actor news.Actor, id int64) error {
	if err := actor.Require(news.ManageSite); err != nil {
		return err
	}
	return s.store.SetDefaultLocality(ctx, actor, id)
}
