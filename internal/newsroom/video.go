package newsroom

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/avmedia"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/web"
)

// avPage is "Video và âm thanh": the items, their processing, uploads.
type avPage struct {
	pageLayout
	Items     []avItem
	Error     string
	Available bool
	Missing   string
	MaxMB     int64
}

// avItem is an item as the page shows it.
type avItem struct {
	news.MediaItem
	PosterURL string
	Length    string // "1:05"
	Posters   []avPoster
	HLSURL    string
	AudioURL  string
	Captions  string
}

type avPoster struct {
	Path, URL string
	Chosen    bool
}

func avItemOf(m news.MediaItem) avItem {
	secs := int(m.Duration.Round(time.Second) / time.Second)
	it := avItem{MediaItem: m, PosterURL: media.AVURL(m.Poster), Captions: media.AVURL(m.Captions),
		Length: fmt.Sprintf("%d:%02d", secs/60, secs%60)}
	if m.Status == news.MediaReady {
		if m.Kind == news.AudioMedia {
			it.AudioURL = media.AVURL(m.Master)
		} else {
			it.HLSURL = media.AVURL(m.Master)
		}
		for _, p := range m.Posters {
			it.Posters = append(it.Posters, avPoster{Path: p, URL: media.AVURL(p), Chosen: p == m.Poster})
		}
	}
	return it
}

// avFilter is the part of the items u sees: their own, or all of them
// for editors and up (as with photos).
func avFilter(u news.User) store.MediaItemFilter {
	f := store.MediaItemFilter{Limit: 60}
	if !news.SeesAllPhotos(u) {
		f.By = u.ID
	}
	return f
}

func (s *Server) avItems(r *http.Request, u news.User) ([]news.MediaItem, error) {
	return s.store.MediaItems(r.Context(), avFilter(u))
}

func (s *Server) showAVLibrary(w http.ResponseWriter, r *http.Request, ss *session) error {
	return s.renderAV(w, r, ss, http.StatusOK, "")
}

func (s *Server) renderAV(w http.ResponseWriter, r *http.Request, ss *session, status int, problem string) error {
	items, err := s.avItems(r, ss.User)
	if err != nil {
		return err
	}
	page := avPage{pageLayout: s.pageLayout(r, ss, "Video và âm thanh"), Error: problem}
	if s.av != nil {
		page.Available, page.Missing = s.av.Available()
		page.MaxMB = s.av.MaxBytes() >> 20
	} else {
		page.Missing = "Máy chủ này chưa nhận video và âm thanh"
	}
	for _, m := range items {
		page.Items = append(page.Items, avItemOf(m))
	}
	return s.render(w, status, "video", page)
}

// uploadAV takes a video or an audio file from the page's form,
// multipart, streamed to the inbox: the CSRF token comes first (the
// header, or the form's first field), then the title, then the file.
func (s *Server) uploadAV(w http.ResponseWriter, r *http.Request, ss *session) error {
	err := s.receiveAV(w, r, ss)
	switch code := news.ErrorCode(err); {
	case err == nil:
		http.Redirect(w, r, "/toasoan/video?ok=tai-len", http.StatusSeeOther)
		return nil
	case code == news.Forbidden || code == news.Internal:
		return err
	default:
		return s.renderAV(w, r, ss, web.StatusOf(code), news.ErrorMessage(err))
	}
}

func (s *Server) receiveAV(w http.ResponseWriter, r *http.Request, ss *session) error {
	if s.av == nil {
		return news.Errorf(news.Unavailable, "Máy chủ này chưa nhận video và âm thanh")
	}
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(2 * time.Hour)) // not every writer can
	_ = rc.SetWriteDeadline(time.Now().Add(2 * time.Hour))
	r.Body = http.MaxBytesReader(w, r.Body, s.av.MaxBytes()+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		return news.Errorf(news.Invalid, "Biểu mẫu không hợp lệ")
	}
	token, checked := r.Header.Get("X-CSRF-Token"), false
	if token != "" {
		if err := checkCSRF(ss, token); err != nil {
			return err
		}
		checked = true
	}
	var title string
	var staged *avmedia.Staged
	defer func() { staged.Discard() }() // kept only once Accept moved it
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return news.Errorf(news.Invalid, "Tệp tải lên bị gián đoạn hoặc không đọc được; hãy thử lại")
		}
		name := part.FormName()
		if !checked && name != "csrf" {
			return checkCSRF(ss, "") // the token must come before anything is read
		}
		switch name {
		case "csrf":
			v, err := io.ReadAll(io.LimitReader(part, 256))
			if err != nil {
				return news.Errorf(news.Invalid, "Biểu mẫu không hợp lệ")
			}
			if err := checkCSRF(ss, string(v)); err != nil {
				return err
			}
			checked = true
		case "title":
			v, err := io.ReadAll(io.LimitReader(part, 4096))
			if err != nil {
				return news.Errorf(news.Invalid, "Biểu mẫu không hợp lệ")
			}
			title = string(v)
		case "file":
			if staged != nil {
				return news.Errorf(news.Invalid, "Mỗi lần chỉ tải lên một tệp")
			}
			if staged, err = s.av.Stage(bufio.NewReader(part)); err != nil {
				return err
			}
		default:
			return news.Errorf(news.Invalid, "Biểu mẫu có trường lạ “%s”", clipText(name))
		}
	}
	if !checked {
		return checkCSRF(ss, "")
	}
	if staged == nil {
		return news.Errorf(news.Invalid, "Vui lòng chọn một tệp video hoặc âm thanh")
	}
	_, err = s.av.Accept(r.Context(), actor(ss, r), staged, title)
	staged = nil // Accept consumed it
	return err
}

func clipText(s string) string {
	if len(s) > 40 {
		return strings.ToValidUTF8(s[:40], "") + "…"
	}
	return s
}

// avStatus is an item's processing, for the page's progress bars.
type avStatus struct {
	ID       int64  `json:"id"`
	Status   string `json:"status"`
	Progress int    `json:"progress"`
	Error    string `json:"error,omitempty"`
}

// avStatuses answers the page's script: the listed items' statuses.
func (s *Server) avStatuses(w http.ResponseWriter, r *http.Request, ss *session) error {
	items, err := s.avItems(r, ss.User)
	if err != nil {
		return err
	}
	out := []avStatus{}
	for _, m := range items {
		out = append(out, avStatus{ID: m.ID, Status: string(m.Status), Progress: m.Progress, Error: m.Error})
	}
	return web.WriteJSON(w, http.StatusOK, out)
}

// ownAVItem is the item of the path's id, if the member may act on it.
func (s *Server) ownAVItem(r *http.Request, u news.User) (news.MediaItem, error) {
	notFound := news.Errorf(news.NotFound, "Không tìm thấy video hay âm thanh này")
	id, err := web.PathID(r, notFound)
	if err != nil {
		return news.MediaItem{}, err
	}
	m, err := s.store.MediaItem(r.Context(), id)
	if err != nil {
		return m, err
	}
	if m.CreatedBy != u.ID && !news.SeesAllPhotos(u) {
		return m, notFound
	}
	return m, nil
}

func (s *Server) retryAV(w http.ResponseWriter, r *http.Request, ss *session) error {
	m, err := s.ownAVItem(r, ss.User)
	if err != nil {
		return err
	}
	if m.Status != news.MediaFailed {
		return news.Errorf(news.Conflict, "Chỉ thử lại được việc đã thất bại")
	}
	if err := s.store.RetryJob(r.Context(), actor(ss, r), m.JobID); err != nil {
		return err
	}
	if s.av != nil {
		s.av.Wake()
	}
	http.Redirect(w, r, "/toasoan/video?ok=thu-lai", http.StatusSeeOther)
	return nil
}

func (s *Server) chooseAVPoster(w http.ResponseWriter, r *http.Request, ss *session) error {
	m, err := s.ownAVItem(r, ss.User)
	if err != nil {
		return err
	}
	if err := s.store.SetMediaPoster(r.Context(), actor(ss, r), m.ID, r.PostFormValue("poster")); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/video?ok=anh-dai-dien", http.StatusSeeOther)
	return nil
}

func (s *Server) uploadAVCaptions(w http.ResponseWriter, r *http.Request, ss *session) error {
	m, err := s.ownAVItem(r, ss.User)
	if err != nil {
		return err
	}
	if s.av == nil {
		return news.Errorf(news.Unavailable, "Máy chủ này chưa nhận video và âm thanh")
	}
	f, _, err := r.FormFile("captions")
	if err != nil {
		return news.Errorf(news.Invalid, "Vui lòng chọn một tệp phụ đề WebVTT (.vtt)")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, avmedia.MaxCaptionBytes+1))
	if err != nil {
		return news.Errorf(news.Invalid, "Không đọc được tệp tải lên")
	}
	if err := s.av.SetCaptions(r.Context(), actor(ss, r), m, data); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/video?ok=phu-de", http.StatusSeeOther)
	return nil
}
