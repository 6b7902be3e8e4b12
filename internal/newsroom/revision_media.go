package newsroom

import (
	"context"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/revdiff"
)

// mediaFields are the comparison's lines for a story's main video, audio
// version and programme, each only when one of the two revisions has it,
// so a story without media shows no empty "(không đổi)" sections. Each is
// named in words ("Video số 12: Lũ về Hương Khê"), not by its number alone.
func (s *Server) mediaFields(ctx context.Context, older, newer news.Revision) ([]revdiff.Field, error) {
	var out []revdiff.Field
	for _, f := range []struct {
		name     string
		old, new int64
		label    func(context.Context, int64) (string, error)
	}{
		{"Video chính", older.MainMediaID, newer.MainMediaID, s.mediaItemLabel("Video")},
		{"Bản âm thanh", older.AudioMediaID, newer.AudioMediaID, s.mediaItemLabel("Âm thanh")},
		{"Chương trình phát thanh", older.ProgrammeID, newer.ProgrammeID, s.programmeLabel},
	} {
		if f.old == 0 && f.new == 0 {
			continue
		}
		before, err := f.label(ctx, f.old)
		if err != nil {
			return nil, err
		}
		after, err := f.label(ctx, f.new)
		if err != nil {
			return nil, err
		}
		out = append(out, revdiff.Field{Name: f.name, Old: before, New: after})
	}
	return out, nil
}

// mediaItemLabel names a media item as "<what> số N: title"; "Không có"
// for none.
func (s *Server) mediaItemLabel(what string) func(context.Context, int64) (string, error) {
	return func(ctx context.Context, id int64) (string, error) {
		if id == 0 {
			return "Không có", nil
		}
		m, err := s.store.MediaItem(ctx, id)
		if news.ErrorCode(err) == news.NotFound {
			return fmt.Sprintf("%s số %d (đã xóa)", what, id), nil
		}
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s số %d: %s", what, id, m.Title), nil
	}
}

// programmeLabel names a programme by its title; "Không có" for none.
func (s *Server) programmeLabel(ctx context.Context, id int64) (string, error) {
	if id == 0 {
		return "Không có", nil
	}
	p, err := s.store.Programme(ctx, id)
	if news.ErrorCode(err) == news.NotFound {
		return fmt.Sprintf("Chương trình số %d (đã xóa)", id), nil
	}
	if err != nil {
		return "", err
	}
	return p.Title, nil
}
