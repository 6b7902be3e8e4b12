package editorial

import (
	"context"

	"github.com/toasoan/toasoan/internal/news"
)

// checkAudio checks a story's audio version and programme as an editor
// or the API names them: the audio an audio item that is ready (a video,
// or a file still being processed, cannot be listened to), the programme
// one that exists. 0 clears either.
func (s *Service) checkAudio(ctx context.Context, audioID, programmeID int64) error {
	if audioID < 0 || programmeID < 0 {
		return news.Errorf(news.Invalid, "Số tệp âm thanh hoặc số chương trình không hợp lệ")
	}
	if audioID != 0 {
		m, err := s.store.MediaItem(ctx, audioID)
		if news.ErrorCode(err) == news.NotFound {
			return news.Errorf(news.Invalid, "Không có tệp âm thanh số %d", audioID)
		}
		if err != nil {
			return err
		}
		switch {
		case m.Kind != news.AudioMedia:
			return news.Errorf(news.Invalid, "Tệp số %d là video, không phải âm thanh", audioID)
		case m.Status == news.MediaFailed:
			return news.Errorf(news.Invalid, "Tệp âm thanh số %d xử lý không thành công; hãy tải lên lại", audioID)
		case m.Status != news.MediaReady:
			return news.Errorf(news.Invalid, "Tệp âm thanh số %d đang được xử lý; hãy chờ xử lý xong rồi gắn vào bài", audioID)
		}
	}
	if programmeID != 0 {
		_, err := s.store.Programme(ctx, programmeID)
		if news.ErrorCode(err) == news.NotFound {
			return news.Errorf(news.Invalid, "Không có chương trình phát thanh số %d", programmeID)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
