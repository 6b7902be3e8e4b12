package avmedia

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// capture passes tusd's answer through unless it is a refusal (4xx,
// 5xx), whose status and English body it keeps for Serve to put into
// Vietnamese.
type capture struct {
	http.ResponseWriter
	status int
	body   []byte
}

func (c *capture) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
	}
	if code < 400 {
		c.ResponseWriter.WriteHeader(code)
	}
}

func (c *capture) Write(p []byte) (int, error) {
	if c.status == 0 {
		c.WriteHeader(http.StatusOK)
	}
	if c.status >= 400 {
		if len(c.body) < 1024 {
			c.body = append(c.body, p...)
		}
		return len(p), nil
	}
	return c.ResponseWriter.Write(p)
}

// Unwrap lets tusd reach the connection's deadlines.
func (c *capture) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// tusRefusal words a refusal of tusd ("ERR_CODE: message") in
// Vietnamese, with the code a tus client acts on: 409 means "ask with
// HEAD where to resume", 404 "start again".
func tusRefusal(body string, limit int64) error {
	code, detail, _ := strings.Cut(strings.TrimSpace(body), ":")
	switch code {
	case "ERR_MISMATCHED_OFFSET", "ERR_UPLOAD_INTERRUPTED", "ERR_UPLOAD_STOPPED", "ERR_UPLOAD_LOCKED", "ERR_LOCK_TIMEOUT":
		return news.Errorf(news.Conflict, "Máy chủ đã nhận tới vị trí khác của tệp (hoặc tệp đang được gửi từ kết nối khác); hãy hỏi lại vị trí bằng HEAD rồi gửi tiếp")
	case "ERR_UPLOAD_NOT_FOUND":
		return news.Errorf(news.NotFound, "%s", uploadGone)
	case "ERR_MAX_SIZE_EXCEEDED", "ERR_UPLOAD_SIZE_EXCEEDED":
		return tooLarge(limit)
	case "ERR_UNSUPPORTED_VERSION":
		return news.Errorf(news.Invalid, "Thiếu hoặc sai phiên bản giao thức tải lên (cần tiêu đề Tus-Resumable: 1.0.0)")
	case "ERR_INVALID_CONTENT_TYPE":
		return news.Errorf(news.Invalid, "Phần tệp gửi lên phải có Content-Type: application/offset+octet-stream")
	case "ERR_INVALID_UPLOAD_LENGTH", "ERR_INVALID_UPLOAD_LENGTH_DEFER", "ERR_AMBIGUOUS_UPLOAD_LENGTH":
		return news.Errorf(news.Invalid, "Thiếu hoặc sai kích thước tệp (Upload-Length, tính bằng byte)")
	case "ERR_INVALID_OFFSET":
		return news.Errorf(news.Invalid, "Thiếu hoặc sai vị trí gửi tiếp (Upload-Offset, tính bằng byte)")
	case "ERR_UNEXPECTED_EOF", "ERR_READ_TIMEOUT", "ERR_CONNECTION_RESET":
		return news.Errorf(news.Invalid, "Kết nối bị ngắt giữa chừng; phần đã nhận được giữ lại, hãy hỏi lại vị trí rồi gửi tiếp")
	case "ERR_SERVER_SHUTDOWN":
		return news.Errorf(news.Unavailable, "Máy chủ đang khởi động lại; phần đã nhận được giữ lại, hãy gửi tiếp sau ít giây")
	case "ERR_CONCATENATION_UNSUPPORTED", "ERR_INVALID_CONCAT", "ERR_NOT_IMPLEMENTED", "ERR_MODIFY_FINAL", "ERR_METHOD":
		return news.Errorf(news.Invalid, "Máy chủ không hỗ trợ yêu cầu này của giao thức tải lên (chỉ POST, HEAD, PATCH, DELETE)")
	case "ERR_INTERNAL_SERVER_ERROR":
		if strings.Contains(detail, "no space left") {
			return news.Errorf(news.Unavailable, "Máy chủ hết chỗ lưu tệp; phần đã nhận được giữ lại, hãy báo quản trị viên rồi gửi tiếp")
		}
		return fmt.Errorf("resumable upload: %s", strings.TrimSpace(detail))
	}
	return news.Errorf(news.Invalid, "Yêu cầu tải lên không hợp lệ")
}

// refuseNotMedia reads the first bytes of an upload's first piece and
// refuses what is not video or audio before anything is stored; the
// body is put back together for tusd.
func refuseNotMedia(r *http.Request) error {
	br := bufio.NewReaderSize(r.Body, 4096)
	head, err := br.Peek(SniffLen)
	if err != nil && !errors.Is(err, io.EOF) {
		return news.Errorf(news.Invalid, "Tệp tải lên bị gián đoạn hoặc không đọc được; hãy thử lại")
	}
	if _, ok := Sniff(head); !ok {
		return news.Errorf(news.Invalid, "%s", notMedia)
	}
	r.Body = readCloser{br, r.Body}
	return nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

// stageFile makes a finished resumable upload a staged one: a hard link
// in the inbox (a copy where links are not possible), checked by its
// first bytes like a whole upload.
func (s *Service) stageFile(path string, size int64) (*Staged, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("finished upload: %w", err)
	}
	defer func() { _ = f.Close() }() // read only
	head := make([]byte, SniffLen)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, news.Errorf(news.Invalid, "%s", notMedia)
	}
	ext, ok := Sniff(head[:n])
	if !ok {
		return nil, news.Errorf(news.Invalid, "%s", notMedia)
	}
	if size > s.MaxBytes() {
		return nil, tooLarge(s.MaxBytes())
	}
	st := &Staged{path: filepath.Join(s.inbox, ".upload-"+randomName()), ext: ext, bytes: size}
	if err := os.Link(path, st.path); err == nil {
		return st, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return st, writeFileAtomicFrom(st.path, f)
}

// writeFileAtomic writes data to path through a temporary file renamed
// into place, so a reader never sees half of it.
func writeFileAtomic(path string, data []byte) error {
	return writeFileAtomicFrom(path, bytes.NewReader(data))
}

func writeFileAtomicFrom(path string, r io.Reader) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = io.Copy(tmp, r)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name()) // ours, unfinished
	}
	return err
}

// SweepUploads removes resumable uploads that have received nothing
// for 24 hours (finished ones too: their file lives on in the inbox
// through its hard link until the job is done). serve runs it hourly.
func (s *Service) SweepUploads(now time.Time) (removed int, err error) {
	dir := s.uploadsDir()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	for _, e := range entries {
		id, isInfo := strings.CutSuffix(e.Name(), ".info")
		if !isInfo {
			continue
		}
		last, err := lastTouched(filepath.Join(dir, id), filepath.Join(dir, e.Name()))
		if err != nil || now.Sub(last) < uploadsLifetime {
			continue
		}
		for _, p := range []string{id, id + ".info", id + ".media"} {
			if err := os.Remove(filepath.Join(dir, p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return removed, err
			}
		}
		removed++
	}
	return removed, nil
}

// lastTouched is the newest modification of an upload's files.
func lastTouched(paths ...string) (time.Time, error) {
	var last time.Time
	for _, p := range paths {
		fi, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return last, err
		}
		if fi.ModTime().After(last) {
			last = fi.ModTime()
		}
	}
	return last, nil
}

// RunSweeps removes abandoned resumable uploads at start and then every
// interval until ctx ends.
func (s *Service) RunSweeps(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		if n, err := s.SweepUploads(time.Now()); err != nil {
			s.log.Warn("resumable uploads: sweep", "err", err)
		} else if n > 0 {
			s.log.Info("resumable uploads: removed abandoned uploads", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
