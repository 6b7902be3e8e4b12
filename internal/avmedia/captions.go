package avmedia

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
)

// MaxCaptionBytes bounds a WebVTT file: hours of subtitles fit in far less.
const MaxCaptionBytes = 512 << 10

// cueTiming is a WebVTT cue's timing line: start --> end, then settings.
var cueTiming = regexp.MustCompile(`^(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}[ \t]+-->[ \t]+(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}(?:[ \t].*)?$`)

// CheckCaptions checks a WebVTT file as the newsroom uploads it: UTF-8,
// "WEBVTT" first, every block a note, a style, a region or a cue with a
// valid timing line, and at least one cue. It returns the text with line
// ends made "\n" and no byte order mark.
func CheckCaptions(data []byte) (string, error) {
	if len(data) > MaxCaptionBytes {
		return "", news.Errorf(news.TooLarge, "Tệp phụ đề quá lớn: tối đa %d KB", MaxCaptionBytes>>10)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return "", news.Errorf(news.Invalid, "Tệp phụ đề phải là văn bản UTF-8")
	}
	text := strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r", "\n")
	header, _, _ := strings.Cut(text, "\n")
	if header != "WEBVTT" && !strings.HasPrefix(header, "WEBVTT ") && !strings.HasPrefix(header, "WEBVTT\t") {
		return "", news.Errorf(news.Invalid, "Tệp phụ đề phải là WebVTT: dòng đầu là “WEBVTT”")
	}
	blocks := strings.Split(strings.TrimSpace(text), "\n\n")
	cues := 0
	for i, block := range blocks[1:] {
		block = strings.Trim(block, "\n")
		if block == "" {
			continue
		}
		lines := strings.Split(block, "\n")
		switch first := lines[0]; {
		case first == "NOTE" || strings.HasPrefix(first, "NOTE ") || first == "STYLE" || first == "REGION":
			continue
		case cueTiming.MatchString(first), len(lines) > 1 && !strings.Contains(first, "-->") && cueTiming.MatchString(lines[1]):
			cues++
		default:
			return "", news.Errorf(news.Invalid, "Tệp phụ đề có khối thứ %d không đúng WebVTT (thiếu dòng thời gian “00:00:01.000 --> 00:00:04.000”)", i+1)
		}
	}
	if cues == 0 {
		return "", news.Errorf(news.Invalid, "Tệp phụ đề không có câu phụ đề nào")
	}
	return text, nil
}

// SetCaptions checks a WebVTT file and stores it in the ready video's
// folder, under a name from its content (a new file is a new address,
// so readers' caches stay right), then records it as the item's.
func (s *Service) SetCaptions(ctx context.Context, by news.Actor, item news.MediaItem, data []byte) error {
	if item.Status != news.MediaReady || item.Kind != news.VideoMedia || item.Dir == "" {
		return news.Errorf(news.Invalid, "Chỉ thêm phụ đề cho video đã xử lý xong")
	}
	text, err := CheckCaptions(data)
	if err != nil {
		return err
	}
	sum := sha256.Sum256([]byte(text))
	name := "captions-" + hex.EncodeToString(sum[:8]) + ".vtt"
	folder := filepath.Join(s.media, filepath.FromSlash(item.Dir))
	tmp, err := os.CreateTemp(folder, ".captions-*")
	if err != nil {
		return fmt.Errorf("captions: %w", err)
	}
	_, err = tmp.WriteString(text)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(folder, name))
	}
	if err != nil {
		_ = os.Remove(tmp.Name()) // gone if renamed
		return fmt.Errorf("captions: %w", err)
	}
	return s.store.SetMediaCaptions(ctx, by, item.ID, path.Join(item.Dir, name))
}
