package api

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"unicode/utf8"

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

// uploadMedia stores a photo: POST /api/v1/media, multipart/form-data with
// the field "file" and optional "caption", "credit", "alt". The media
// library judges the file by its content, never by its name or type.
func (a *API) uploadMedia(w http.ResponseWriter, r *http.Request, u news.User) error {
	if err := news.Require(u, news.WriteArticles); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadBytes)
	up, err := readUpload(r)
	if err != nil {
		return err
	}
	// The same bytes uploaded twice are one photo: the answer shows the
	// row as stored.
	stored, err := a.uploads.Save(r.Context(), actor(r, u), up)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, imageJSON{ID: stored.ID, URL: media.URL(stored.Key), Width: stored.Width,
		Height: stored.Height, Alt: stored.Alt, Caption: stored.Caption, Credit: stored.Credit})
}

// readUpload streams the multipart body part by part, so nothing is
// spooled to a temporary file and no part is read past its limit.
func readUpload(r *http.Request) (media.Upload, error) {
	var up media.Upload
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
			up.Data, err = readPart(part, media.MaxBytes)
		case "caption":
			up.Caption, err = readText(part, "Chú thích")
		case "credit":
			up.Credit, err = readText(part, "Tác giả ảnh")
		case "alt":
			up.Alt, err = readText(part, "Mô tả ảnh")
		default:
			err = news.Errorf(news.Invalid, "Không có trường “%s”; các trường: file, caption, credit, alt", clip(name))
		}
		if err != nil {
			return up, err
		}
	}
	if up.Data == nil {
		return up, news.Errorf(news.Invalid, "Thiếu tệp ảnh (trường file)")
	}
	return up, nil
}

// readPart reads at most limit bytes of p; more is TooLarge.
func readPart(p *multipart.Part, limit int64) ([]byte, error) {
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
