// Package avmedia is the one door for the newsroom's videos and audio:
// an upload is streamed into the inbox folder under a name the server
// makes, checked by content and by ffprobe, stored as a media item with
// its transcoding job, and its outputs are served to readers only once
// the item is ready. The API, the newsroom's page and serve share it.
package avmedia

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tus/tusd/v2/pkg/memorylocker"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/transcode"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Service takes uploads in and serves outputs.
type Service struct {
	store     *store.Store
	transcode transcode.Config
	inbox     string
	media     string
	wake      func()
	missing   string // why uploads are refused ("" when ffmpeg is there)
	log       *slog.Logger

	readyDirs sync.Map // output folders known to belong to a ready item

	locksOnce sync.Once // the resumable uploads' locks, shared by their doors
	locks     *memorylocker.MemoryLocker
}

// Deps are what New needs.
type Deps struct {
	Store     *store.Store
	Transcode transcode.Config // its MaxBytes is the upload limit
	Inbox     string           // where uploads wait for their job
	Media     string           // the media folder, outputs under ab/<hash>/
	Wake      func()           // tells this server's job runner a job is queued; nil: none
	// Missing, when not "", is why video and audio are refused (ffmpeg
	// was not found at start); photos are not this service's.
	Missing string
	Log     *slog.Logger
}

// New returns the service, making the inbox folder.
func New(d Deps) (*Service, error) {
	if err := os.MkdirAll(d.Inbox, 0o750); err != nil {
		return nil, fmt.Errorf("inbox folder: %w", err)
	}
	if d.Wake == nil {
		d.Wake = func() {}
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Transcode.MaxBytes <= 0 {
		d.Transcode.MaxBytes = transcode.DefaultMaxBytes
	}
	return &Service{store: d.Store, transcode: d.Transcode, inbox: d.Inbox, media: d.Media, wake: d.Wake,
		missing: d.Missing, log: d.Log}, nil
}

// MaxBytes is the largest upload taken in.
func (s *Service) MaxBytes() int64 { return s.transcode.MaxBytes }

// Available reports whether video and audio are taken in, and if not,
// why, in Vietnamese.
func (s *Service) Available() (bool, string) { return s.missing == "", s.missing }

// Staged is an upload written whole into the inbox, not yet checked or
// stored.
type Staged struct {
	path  string
	ext   string
	bytes int64
}

// Discard removes a staged upload that is not to be kept.
func (st *Staged) Discard() {
	if st != nil && st.path != "" {
		_ = os.Remove(st.path) // a temporary file; the inbox is ours
	}
}

// Stage streams body into a new file of the inbox, never holding it in
// memory, refusing what is not video or audio by its first bytes and
// what is over the size limit (news.TooLarge). The client's file name is
// never used.
func (s *Service) Stage(body io.Reader) (*Staged, error) {
	if s.missing != "" {
		return nil, news.Errorf(news.Unavailable, "%s", s.missing)
	}
	br := bufio.NewReaderSize(body, 4096)
	head, err := br.Peek(SniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, readError(err, s.MaxBytes())
	}
	ext, ok := Sniff(head)
	if !ok {
		return nil, news.Errorf(news.Invalid, "%s", notMedia)
	}
	f, err := os.CreateTemp(s.inbox, ".upload-*")
	if err != nil {
		return nil, fmt.Errorf("inbox: %w", err)
	}
	st := &Staged{path: f.Name(), ext: ext}
	n, err := io.Copy(f, io.LimitReader(br, s.MaxBytes()+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	st.bytes = n
	switch {
	case err != nil:
		st.Discard()
		return nil, readError(err, s.MaxBytes())
	case n > s.MaxBytes():
		st.Discard()
		return nil, tooLarge(s.MaxBytes())
	}
	return st, nil
}

const notMedia = "Tệp không phải video hay âm thanh mà hệ thống đọc được (nhận MP4, MOV, WebM, MP3, M4A, WAV)"

func tooLarge(limit int64) error {
	return news.Errorf(news.TooLarge, "Tệp quá lớn: tối đa %s", sizeVI(limit))
}

// readError words a failure to read the upload: over the request's
// limit is TooLarge, anything else a broken upload.
func readError(err error, limit int64) error {
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return tooLarge(limit)
	}
	return news.Errorf(news.Invalid, "Tệp tải lên bị gián đoạn hoặc không đọc được; hãy thử lại")
}

func sizeVI(n int64) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return fmt.Sprintf("%d GB", n>>30)
	}
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", max(n>>10, 1))
}

// maxTitle bounds an item's title, in characters.
const maxTitle = 300

// cleanTitle is an item's title trimmed and in NFC, or the refusal.
func cleanTitle(title string) (string, error) {
	title = strings.TrimSpace(title)
	if !utf8.ValidString(title) || utf8.RuneCountInString(title) > maxTitle {
		return "", news.Errorf(news.Invalid, "Tiêu đề phải là văn bản UTF-8, tối đa %d ký tự", maxTitle)
	}
	return vietnamese.NFC(title), nil
}

// Accept checks a staged upload with ffprobe (its refusals keep their
// Vietnamese reason and nothing is stored), moves it under its final
// name and stores the item with its job, then wakes the runner. The
// staged file is consumed either way.
func (s *Service) Accept(ctx context.Context, by news.Actor, st *Staged, title string) (news.MediaItem, error) {
	defer st.Discard() // renamed away on success: Remove then finds nothing
	title, err := cleanTitle(title)
	if err != nil {
		return news.MediaItem{}, err
	}
	info, err := s.transcode.Probe(ctx, st.path)
	if err != nil {
		if c := news.ErrorCode(err); c == news.Invalid || c == news.TooLarge {
			return news.MediaItem{}, err
		}
		return news.MediaItem{}, news.Wrap(news.Unavailable, err, "Máy chủ chưa kiểm tra được tệp; hãy thử lại sau")
	}
	kind, jobKind := news.VideoMedia, transcode.KindVideo
	if info.Kind == transcode.Audio {
		kind, jobKind = news.AudioMedia, transcode.KindAudio
	}
	name := randomName() + st.ext
	if err := os.Rename(st.path, filepath.Join(s.inbox, name)); err != nil {
		return news.MediaItem{}, fmt.Errorf("inbox: %w", err)
	}
	payload, err := json.Marshal(transcode.Payload{Source: name})
	if err != nil {
		return news.MediaItem{}, err
	}
	item, err := s.store.CreateMediaItem(ctx, by, news.MediaItem{Kind: kind, Title: title, Source: name, Bytes: st.bytes},
		jobKind, string(payload))
	if err != nil {
		_ = os.Remove(filepath.Join(s.inbox, name)) // nothing refers to it
		return news.MediaItem{}, err
	}
	s.wake()
	return item, nil
}

// randomName is an inbox file's name: 128 random bits.
func randomName() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}

// Wake tells this server's job runner that a job waits (one retried).
func (s *Service) Wake() { s.wake() }
