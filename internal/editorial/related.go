package editorial

import (
	"context"
	"slices"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// relatedList checks the stories picked for story a's "Tin liên quan"
// (a.ID 0: a story not yet created) and returns them once each, in order.
// Only published stories may be picked: a pick is a promise to readers
// of a page they can open. A pick taken down since (one of a.RelatedIDs)
// may stay, so the story can still be saved; the reader's page skips it.
func (s *Service) relatedList(ctx context.Context, a news.Article, picked []int64) ([]int64, error) {
	id := a.ID
	var ids []int64
	seen := map[int64]bool{}
	for _, other := range picked {
		if !seen[other] {
			seen[other] = true
			ids = append(ids, other)
		}
	}
	if len(ids) > store.MaxRelatedPicks {
		return nil, news.Errorf(news.Invalid, "Mỗi bài chỉ chọn được tối đa %d tin liên quan (bạn chọn %d)", store.MaxRelatedPicks, len(ids))
	}
	if id != 0 && seen[id] {
		return nil, news.Errorf(news.Invalid, "Không thể chọn chính bài này làm tin liên quan")
	}
	states, err := s.store.ArticleStates(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, other := range ids {
		state, ok := states[other]
		switch {
		case !ok || other <= 0:
			return nil, news.Errorf(news.Invalid, "Tin liên quan số %d không tồn tại", other)
		case state != news.Published && !slices.Contains(a.RelatedIDs, other):
			return nil, news.Errorf(news.Invalid, "Tin liên quan số %d chưa đăng (đang ở trạng thái “%s”): chỉ chọn được bài đã đăng", other, state.Label())
		}
	}
	return ids, nil
}
