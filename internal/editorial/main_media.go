package editorial

import (
	"context"

	"github.com/toasoan/toasoan/internal/news"
)

// checkMainMedia checks the video picked as a story's main media (0:
// none). A video still being transcoded may be picked, so a reporter can
// attach it as soon as it is uploaded: the page says "Video đang được xử
// lý" until it is ready and the story stays out of /tv/ until then. An
// audio file, a failed video or an unknown id is refused.
func (s *Service) checkMainMedia(ctx context.Context, id int64) error {
	if id == 0 {
		return nil
	}
	if id < 0 {
		return news.Errorf(news.Invalid, "Video chính số %d không tồn tại", id)
	}
	m, err := s.store.MediaItem(ctx, id)
	if news.ErrorCode(err) == news.NotFound {
		return news.Errorf(news.Invalid, "Video chính số %d không tồn tại", id)
	}
	if err != nil {
		return err
	}
	switch {
	case m.Kind != news.VideoMedia:
		return news.Errorf(news.Invalid, "Tệp số %d là âm thanh, không phải video: video chính phải là một video", id)
	case m.Status == news.MediaFailed:
		return news.Errorf(news.Invalid, "Video số %d xử lý không thành công (%s): hãy xử lý lại hoặc chọn video khác", id, news.Clip(m.Error, 200))
	}
	return nil
}
