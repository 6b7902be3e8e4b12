package api

import (
	"bufio"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/avmedia"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
)

// Limits on an upload: the photo itself, plus room for the multipart
// framing and the three short text fields.
const (
	maxUploadBytes = media.MaxBytes + 64<<10
	maxImageText   = media.MaxText
)

// imageJSON is a stored photo.
type imageJSON struct {
	ID      int64  `json:"id"`
	URL     string `json:"url"`
	Width   int    `json:"width"`
	Height  int    `json:"height"`
	Alt     string `json:"alt"`
	Caption string `json:"caption"`
	Credit  string `json:"credit"`
}

// uploadMedia stores a photo, a video or an audio file: POST
// /api/v1/media, multipart/form-data with the field "file" and optional
// "caption", "credit", "alt" (photos) or "title" (video, audio). The
// file is judged by its content, never by its name or type: a photo goes
// to the media library (201 with the photo), a video or an audio file is
// streamed to the inbox, checked by ffprobe and queued for transcoding
// (202 with the item, "processing").
func (a *API) uploadMedia(w http.ResponseWriter, r *http.Request, u news.User) error {
	if err := news.Require(u, news.WriteArticles); err != nil {
		return err
	}
	limit := int64(maxUploadBytes)
	if a.av != nil {
		// A video over a slow connection takes longer than the server's
		// read timeout for pages; room for the framing and the fields.
		limit = max(limit, a.av.MaxBytes()+1<<20)
		rc := http.NewResponseController(w)
		_ = rc.SetReadDeadline(time.Now().Add(uploadTime))  // not every writer can
		_ = rc.SetWriteDeadline(time.Now().Add(uploadTime)) // the answer comes after the body
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	up, err := a.readUpload(r)
	defer func() { up.staged.Discard() }() // kept only once Accept moved it
	if err != nil {
		return err
	}
	if up.staged != nil {
		item, err := a.av.Accept(r.Context(), actor(r, u), up.staged, up.title)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusAccepted, avmedia.ItemJSONOf(item))
	}
	// The same bytes uploaded twice are one photo: the answer shows the
	// row as stored.
	stored, err := a.uploads.Save(r.Context(), actor(r, u), up.photo)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, imageJSON{ID: stored.ID, URL: media.URL(stored.Key), Width: stored.Width,
		Height: stored.Height, Alt: stored.Alt, Caption: stored.Caption, Credit: stored.Credit})
}

// uploadTime is how long an upload's body may take to arrive.
const uploadTime = 2 * time.Hour

// upload is what readUpload read: a photo in memory, or a video or audio
// file staged in the inbox.
type upload struct {
	photo  media.Upload
	staged *avmedia.Staged
	title  string
}

// readUpload streams the multipart body part by part, so nothing is
// spooled to a temporary file and no part is read past its limit; a
// video or an audio file goes straight to the inbox.
func (a *API) readUpload(r *http.Request) (upload, error) {
	var up upload
	mr, err := r.MultipartReader()
	if err != nil {
		return up, news.Errorf(news.Invalid, "Yêu cầu phải gửi tệp dạng multipart/form-data")
	}
	seen := map[string]bool{}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return up, uploadError(err)
		}
		name := part.FormName()
		if seen[name] {
			return up, news.Errorf(news.Invalid, "Trường “%s” được gửi hai lần", clip(name))
		}
		seen[name] = true
		switch name {
		case "file":
			err = a.readFile(part, &up)
		case "caption":
			up.photo.Caption, err = readText(part, "Chú thích")
		case "credit":
			up.photo.Credit, err = readText(part, "Tác giả ảnh")
		case "alt":
			up.photo.Alt, err = readText(part, "Mô tả ảnh")
		case "title":
			up.title, err = readText(part, "Tiêu đề")
		default:
			err = news.Errorf(news.Invalid, "Không có trường “%s”; các trường: file, caption, credit, alt, title", clip(name))
		}
		if err != nil {
			return up, err
		}
	}
	switch {
	case up.photo.Data == nil && up.staged == nil:
		return up, news.Errorf(news.Invalid, "Thiếu tệp (trường file)")
	case up.staged == nil && seen["title"]:
		return up, news.Errorf(news.Invalid, "Trường “title” chỉ dùng cho video và âm thanh; ảnh có caption, credit, alt")
	case up.staged != nil && (seen["caption"] || seen["credit"] || seen["alt"]):
		return up, news.Errorf(news.Invalid, "Video và âm thanh chỉ có trường title; caption, credit, alt dành cho ảnh")
	}
	return up, nil
}

// readFile reads the file part: a video or an audio file by its first
// bytes is staged in the inbox, anything else is read as a photo.
func (a *API) readFile(part *multipart.Part, up *upload) error {
	br := bufio.NewReaderSize(part, 4096)
	head, err := br.Peek(avmedia.SniffLen)
	if err != nil && !errors.Is(err, io.EOF) {
		return uploadError(err)
	}
	if _, ok := avmedia.Sniff(head); ok {
		if a.av == nil {
			return news.Errorf(news.Unavailable, "Máy chủ này chưa nhận video và âm thanh")
		}
		up.staged, err = a.av.Stage(br)
		return err
	}
	if a.av != nil && !avmedia.MaybePhoto(head) {
		return news.Errorf(news.Invalid, "Tệp không phải ảnh (JPEG, PNG, WebP), video (MP4, MOV, WebM) hay âm thanh (MP3, M4A, WAV) mà hệ thống đọc được")
	}
	up.photo.Data, err = readPart(br, media.MaxBytes)
	return err
}

// readPart reads at most limit bytes of p; more is TooLarge.
func readPart(p io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(p, limit+1))
	if err != nil {
		return nil, uploadError(err)
	}
	if int64(len(data)) > limit {
		return nil, news.Errorf(news.TooLarge, "Ảnh quá lớn: tối đa %d MB", media.MaxBytes>>20)
	}
	return data, nil
}

func readText(p *multipart.Part, label string) (string, error) {
	data, err := io.ReadAll(io.LimitReader(p, 4*maxImageText+1))
	if err != nil {
		return "", uploadError(err)
	}
	s := strings.TrimSpace(string(data))
	if !utf8.ValidString(s) {
		return "", news.Errorf(news.Invalid, "%s không phải văn bản UTF-8", label)
	}
	if len(data) > 4*maxImageText || utf8.RuneCountInString(s) > maxImageText {
		return "", news.Errorf(news.Invalid, "%s dài quá %d ký tự", label, maxImageText)
	}
	return s, nil
}

// uploadError words a failure to read the request body.
func uploadError(err error) error {
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return news.Errorf(news.TooLarge, "Ảnh quá lớn: tối đa %d MB", media.MaxBytes>>20)
	}
	return news.Errorf(news.Invalid, "Dữ liệu tải lên không hợp lệ")
}
