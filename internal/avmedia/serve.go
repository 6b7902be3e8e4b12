package avmedia

import (
	"context"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// outputPattern is the only shape of an output's path: a folder named
// after a content hash and one of the names transcode and the captions
// upload make. Nothing else under the media folder is served this way:
// not result.json, not a folder still being written (".<hash>.tmp-…").
var outputPattern = regexp.MustCompile(`^([0-9a-f]{2})/([0-9a-f]{32})/` +
	`(master\.m3u8|fallback\.mp4|audio\.m4a|poster-[1-9]\.jpg|captions-[0-9a-f]{16}\.vtt|` +
	`[1-9][0-9]{1,3}p/(?:index\.m3u8|seg-[0-9]{3,6}\.ts))$`)

// contentTypes are the outputs' types by extension.
var contentTypes = map[string]string{
	".m3u8": "application/vnd.apple.mpegurl",
	".ts":   "video/mp2t",
	".mp4":  "video/mp4",
	".m4a":  "audio/mp4",
	".jpg":  "image/jpeg",
	".vtt":  "text/vtt; charset=utf-8",
}

// Output finds the file of an output path ("ab/<hash>/master.m3u8") for
// readers: NotFound unless the path has our shape and its folder belongs
// to a ready item, so a half-made or processing item's files are never
// served. It returns the file's path on disk and its content type.
func (s *Service) Output(ctx context.Context, p string) (string, string, error) {
	m := outputPattern.FindStringSubmatch(p)
	if m == nil || m[2][:2] != m[1] {
		return "", "", news.Errorf(news.NotFound, "Không tìm thấy tệp")
	}
	dir := m[1] + "/" + m[2]
	if _, ok := s.readyDirs.Load(dir); !ok {
		ready, err := s.store.MediaDirReady(ctx, dir)
		if err != nil {
			return "", "", err
		}
		if !ready {
			return "", "", news.Errorf(news.NotFound, "Không tìm thấy tệp")
		}
		// A folder, once ready, stays so: its bytes never change.
		s.readyDirs.Store(dir, struct{}{})
	}
	return filepath.Join(s.media, filepath.FromSlash(p)), contentTypes[path.Ext(p)], nil
}

// ServeOutput answers an output file with its type, cached for good
// (the folder is named after the source's content and never changes)
// and with Range requests, which players use to seek.
func (s *Service) ServeOutput(w http.ResponseWriter, r *http.Request, p string) error {
	file, ctype, err := s.Output(r.Context(), p)
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return news.Errorf(news.NotFound, "Không tìm thấy tệp")
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return news.Errorf(news.NotFound, "Không tìm thấy tệp")
	}
	// A long fallback MP4 on a slow phone takes longer than the server's
	// write timeout for pages.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(time.Hour)) // not every writer can
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, info.Name(), info.ModTime(), f)
	return nil
}
