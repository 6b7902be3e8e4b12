package transcode

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/toasoan/toasoan/internal/jobs"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// The kinds of job this package handles.
const (
	KindVideo = "transcode-video"
	KindAudio = "transcode-audio"
)

// Payload is a transcoding job's input.
type Payload struct {
	// Source is the uploaded file, relative to the inbox folder, under a
	// name the server gave it (never the uploader's).
	Source string `json:"source"`
}

// JobResult is what a transcoding job stores as its result: the folder
// of the outputs under the media folder, "ab/<32 hex digits>" after the
// source's SHA-256, and the outputs' paths within it.
type JobResult struct {
	Dir string `json:"dir"`
	Result
}

// Handlers returns the job handlers of both kinds, reading sources from
// inbox and writing outputs under media.
func (c Config) Handlers(inbox, media string) map[string]jobs.Handler {
	return map[string]jobs.Handler{
		KindVideo: c.handler(inbox, media, c.HLS),
		KindAudio: c.handler(inbox, media, c.Audio),
	}
}

func (c Config) handler(inbox, media string, convert func(ctx context.Context, in, outDir string, progress func(int)) (Result, error)) jobs.Handler {
	return func(ctx context.Context, job store.Job, progress func(int)) (any, error) {
		var p Payload
		if err := json.Unmarshal([]byte(job.Payload), &p); err != nil || p.Source == "" || !filepath.IsLocal(p.Source) {
			return nil, news.Errorf(news.Invalid, "Việc chuyển mã không chỉ rõ tệp nguồn hợp lệ")
		}
		in := filepath.Join(inbox, p.Source)
		dir, err := contentDir(in)
		if err != nil {
			return nil, err
		}
		res, err := convert(ctx, in, filepath.Join(media, filepath.FromSlash(dir)), progress)
		if err != nil {
			return nil, err
		}
		return JobResult{Dir: dir, Result: res}, nil
	}
}

// contentDir names the output folder after the source's content, so the
// same upload made twice shares its outputs and a URL never changes
// meaning.
func contentDir(path string) (string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", news.Errorf(news.NotFound, "Không còn tệp gốc để chuyển mã")
	}
	if err != nil {
		return "", fmt.Errorf("open source: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read source: %w", err)
	}
	sum := hex.EncodeToString(h.Sum(nil))[:32]
	return sum[:2] + "/" + sum, nil
}
