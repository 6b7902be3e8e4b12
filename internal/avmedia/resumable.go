package avmedia

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tus/tusd/v2/pkg/filestore"
	"github.com/tus/tusd/v2/pkg/handler"
	"github.com/tus/tusd/v2/pkg/memorylocker"
	tuslog "golang.org/x/exp/slog"

	"github.com/toasoan/toasoan/internal/news"
)

// Resumable takes videos and audio in pieces by the tus protocol 1.0.0
// (tus.io), so a reporter on a slow or broken connection resumes where
// the upload stopped instead of starting again: POST creates an upload
// of a declared length, HEAD tells how much arrived, PATCH sends the
// next piece. tusd's handler (the protocol's reference server) does the
// protocol over a folder beside the inbox; this type adds who may touch
// an upload (its creator only), a refusal of what is not video or audio
// from the first piece, Vietnamese refusals for tusd's English ones,
// and, when the last piece arrives, the same Accept as a whole upload:
// the answer to that PATCH is the media item (200, JSON), and the
// upload's later HEADs carry Toasoan-Media-Id.
//
// Pieces are kept on this server's disk: behind several servers, an
// upload's requests must reach the same one (DEPLOY.md).
type Resumable struct {
	svc   *Service
	files filestore.FileStore
	tus   *handler.UnroutedHandler
	serve http.Handler
}

// MediaIDHeader names the media item a finished upload became.
const MediaIDHeader = "Toasoan-Media-Id"

// uploadsLifetime is how long an upload may wait for its next piece
// before SweepUploads removes it.
const uploadsLifetime = 24 * time.Hour

// uploadsDir is the folder of resumable uploads, inside the inbox so a
// finished one is hard-linked into the inbox, not copied.
func (s *Service) uploadsDir() string { return filepath.Join(s.inbox, "resumable") }

// Resumable returns the tus door whose uploads live under base (for
// example "/api/v1/uploads/"); the API and the newsroom each have one,
// sharing the folder and the locks.
func (s *Service) Resumable(base string) (*Resumable, error) {
	rs := &Resumable{svc: s, files: filestore.New(s.uploadsDir())} // made by the first upload
	composer := handler.NewStoreComposer()
	rs.files.UseIn(composer)
	s.locksOnce.Do(func() { s.locks = memorylocker.New() })
	s.locks.UseIn(composer)
	h, err := handler.NewUnroutedHandler(handler.Config{
		StoreComposer:        composer,
		BasePath:             base,
		MaxSize:              s.MaxBytes(),
		DisableDownload:      true, // pieces are never served back
		DisableConcatenation: true,
		Cors:                 &handler.CorsConfig{Disable: true}, // same origin only
		// tusd's log is a line per request; its refusals reach ours
		// through Serve, and its internal errors are logged there.
		Logger:                    tuslog.New(tuslog.NewTextHandler(io.Discard, nil)),
		PreUploadCreateCallback:   rs.beforeCreate,
		PreFinishResponseCallback: rs.finished,
		NetworkTimeout:            2 * time.Minute,
		AcquireLockTimeout:        10 * time.Second,
	})
	if err != nil {
		return nil, fmt.Errorf("tus handler: %w", err)
	}
	rs.tus = h
	rs.serve = h.Middleware(http.HandlerFunc(rs.route))
	return rs, nil
}

// ctxKey carries the request's actor and the refusal a callback made to
// Serve, through tusd, which keeps the request's context values.
type ctxKey struct{}

type call struct {
	by      news.Actor
	refusal error
}

// Serve answers one tus request of by (already checked to hold
// news.WriteArticles). A refusal is returned, not written, for the
// caller's error page or JSON; tusd's protocol headers stay set.
func (rs *Resumable) Serve(w http.ResponseWriter, r *http.Request, by news.Actor) error {
	if ok, why := rs.svc.Available(); !ok {
		return news.Errorf(news.Unavailable, "%s", why)
	}
	c := &call{by: by}
	r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, c))
	if id := r.PathValue("id"); id != "" {
		if err := rs.checkOwner(r.Context(), id, by); err != nil {
			return err
		}
		if media, err := os.ReadFile(rs.markerPath(id)); err == nil {
			w.Header().Set(MediaIDHeader, string(media))
		}
		if r.Method == http.MethodPatch && r.Header.Get("Upload-Offset") == "0" {
			if err := refuseNotMedia(r); err != nil {
				return err
			}
		}
	}
	// tusd reads the id from the path with its base stripped.
	u := *r.URL
	u.Path, u.RawPath = "/"+r.PathValue("id"), ""
	r.URL = &u
	cw := &capture{ResponseWriter: w}
	rs.serve.ServeHTTP(cw, r)
	if cw.status < 400 {
		return nil
	}
	w.Header().Del("Content-Length") // tusd's English body is not sent
	w.Header().Del("Content-Type")
	if c.refusal != nil {
		return c.refusal
	}
	return tusRefusal(string(cw.body), rs.svc.MaxBytes())
}

// route sends a request that passed tusd's checks to its method.
func (rs *Resumable) route(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodPost:
		rs.tus.PostFile(w, r)
	case http.MethodHead:
		rs.tus.HeadFile(w, r)
	case http.MethodPatch:
		rs.tus.PatchFile(w, r)
	case http.MethodDelete:
		rs.tus.DelFile(w, r)
	default:
		w.Header().Set("Allow", "POST, HEAD, PATCH, DELETE, OPTIONS")
		http.Error(w, "ERR_METHOD: method not allowed", http.StatusMethodNotAllowed)
	}
}

// checkOwner lets only an upload's creator (or the paper's own process)
// touch it; someone else's upload is as not found as a made-up one.
func (rs *Resumable) checkOwner(ctx context.Context, id string, by news.Actor) error {
	gone := news.Errorf(news.NotFound, "%s", uploadGone)
	if !validUploadID(id) {
		return gone
	}
	up, err := rs.files.GetUpload(ctx, id)
	if err != nil {
		return gone
	}
	info, err := up.GetInfo(ctx)
	if err != nil {
		return gone
	}
	if !by.System && info.MetaData["owner"] != strconv.FormatInt(by.User.ID, 10) {
		return gone
	}
	return nil
}

// validUploadID is the form of the ids filestore makes (32 hex digits):
// nothing else reaches the folder.
func validUploadID(id string) bool {
	if len(id) != 32 {
		return false
	}
	for _, c := range id {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return false
		}
	}
	return true
}

const uploadGone = "Không có lượt tải lên này (lượt tải dở bị xóa sau 24 giờ không nhận thêm dữ liệu); hãy tải tệp lên lại từ đầu"

// beforeCreate checks a new upload's declared length and title and
// records who made it; the client's own metadata is not kept otherwise.
func (rs *Resumable) beforeCreate(ev handler.HookEvent) (handler.HTTPResponse, handler.FileInfoChanges, error) {
	c, _ := ev.Context.Value(ctxKey{}).(*call)
	if c == nil {
		return handler.HTTPResponse{}, handler.FileInfoChanges{}, errors.New("tus create without an actor")
	}
	refuse := func(err error) (handler.HTTPResponse, handler.FileInfoChanges, error) {
		c.refusal = err
		return handler.HTTPResponse{}, handler.FileInfoChanges{}, err
	}
	if ev.Upload.SizeIsDeferred || ev.Upload.Size <= 0 {
		return refuse(news.Errorf(news.Invalid, "Cần cho biết kích thước tệp (Upload-Length, tính bằng byte, lớn hơn 0)"))
	}
	title, err := cleanTitle(ev.Upload.MetaData["title"])
	if err != nil {
		return refuse(err)
	}
	if err := os.MkdirAll(rs.files.Path, 0o750); err != nil {
		return handler.HTTPResponse{}, handler.FileInfoChanges{}, fmt.Errorf("uploads folder: %w", err)
	}
	meta := handler.MetaData{"owner": strconv.FormatInt(c.by.User.ID, 10), "title": title}
	return handler.HTTPResponse{}, handler.FileInfoChanges{MetaData: meta}, nil
}

// finished takes a complete upload in as a media item: hard-linked into
// the inbox, checked and stored with its job by Accept. A refusal
// removes the upload (sending it again would be refused the same way).
func (rs *Resumable) finished(ev handler.HookEvent) (handler.HTTPResponse, error) {
	c, _ := ev.Context.Value(ctxKey{}).(*call)
	if c == nil {
		return handler.HTTPResponse{}, errors.New("tus finish without an actor")
	}
	item, err := rs.accept(ev, c.by)
	if err != nil {
		c.refusal = err
		rs.remove(ev.Upload.ID)
		return handler.HTTPResponse{}, err
	}
	id := strconv.FormatInt(item.ID, 10)
	if err := writeFileAtomic(rs.markerPath(ev.Upload.ID), []byte(id)); err != nil {
		rs.svc.log.Warn("resumable upload: media id not kept", "upload", ev.Upload.ID, "err", err)
	}
	body, err := itemJSON(item)
	if err != nil {
		return handler.HTTPResponse{}, err
	}
	return handler.HTTPResponse{StatusCode: http.StatusOK, Body: string(body),
		Header: handler.HTTPHeader{"Content-Type": "application/json; charset=utf-8", MediaIDHeader: id}}, nil
}

func (rs *Resumable) accept(ev handler.HookEvent, by news.Actor) (news.MediaItem, error) {
	st, err := rs.svc.stageFile(ev.Upload.Storage[filestore.StorageKeyPath], ev.Upload.Size)
	if err != nil {
		return news.MediaItem{}, err
	}
	return rs.svc.Accept(ev.Context, by, st, ev.Upload.MetaData["title"])
}

func (rs *Resumable) markerPath(id string) string {
	return filepath.Join(rs.files.Path, id+".media")
}

// remove deletes an upload's files (data, info, marker).
func (rs *Resumable) remove(id string) {
	for _, p := range []string{id, id + ".info", id + ".media"} {
		if err := os.Remove(filepath.Join(rs.files.Path, p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			rs.svc.log.Warn("resumable upload: not removed", "file", p, "err", err)
		}
	}
}
