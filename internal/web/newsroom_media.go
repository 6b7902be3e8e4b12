package web

import (
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
)

// mediaPage is the photo library: search, upload, edit captions.
type mediaPage struct {
	newsroomLayout
	Query  string
	Images []news.Image
	Error  string
}

func (s *Server) showMediaLibrary(w http.ResponseWriter, r *http.Request, ss *session) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > 200 {
		return news.Errorf(news.Invalid, "Từ khóa tìm kiếm quá dài")
	}
	images, err := s.store.Images(r.Context(), q, 60, 0)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "newsroom/media", mediaPage{newsroomLayout: s.newsroomLayout(r, ss, "Thư viện ảnh"), Query: q, Images: images})
}

// storeUpload checks and stores the photo of the request's "file" field
// with its caption, credit and alt text.
func (s *Server) storeUpload(r *http.Request, ss *session) (news.Image, error) {
	if !news.CanWrite(ss.User) {
		return news.Image{}, news.Errorf(news.Forbidden, "Bạn không có quyền tải ảnh lên")
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		return news.Image{}, news.Errorf(news.Invalid, "Vui lòng chọn một tệp ảnh")
	}
	defer f.Close()
	data, err := readUpload(f)
	if err != nil {
		return news.Image{}, err
	}
	im, err := s.media.Save(data)
	if err != nil {
		return im, err
	}
	im.Caption, im.Credit, im.Alt = r.FormValue("caption"), r.FormValue("credit"), r.FormValue("alt")
	im, err = s.store.CreateImage(r.Context(), im)
	if err != nil {
		return im, err
	}
	s.store.Audit(r.Context(), news.AuditEntry{UserID: ss.User.ID, Action: "media.upload", ObjectType: "image", ObjectID: im.ID, Detail: im.Key, IP: clientIP(r)})
	return im, nil
}

func readUpload(f multipart.File) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(f, media.MaxBytes+1))
	if err != nil {
		return nil, news.Errorf(news.Invalid, "Không đọc được tệp tải lên")
	}
	return data, nil
}

func (s *Server) uploadMediaForm(w http.ResponseWriter, r *http.Request, ss *session) error {
	if _, err := s.storeUpload(r, ss); err != nil {
		if news.ErrorCode(err) == news.Internal {
			return err
		}
		page := mediaPage{newsroomLayout: s.newsroomLayout(r, ss, "Thư viện ảnh"), Error: news.ErrorMessage(err)}
		page.Images, _ = s.store.Images(r.Context(), "", 60, 0)
		return s.render(w, statusOf(news.ErrorCode(err)), "newsroom/media", page)
	}
	http.Redirect(w, r, "/toasoan/anh?ok=anh", http.StatusSeeOther)
	return nil
}

// uploadMediaJSON is the editor's upload endpoint: JSON in both outcomes.
func (s *Server) uploadMediaJSON(w http.ResponseWriter, r *http.Request, ss *session) error {
	im, err := s.storeUpload(r, ss)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if err != nil {
		code := news.ErrorCode(err)
		if code == news.Internal {
			s.log.Error("upload failed", "err", err)
		}
		w.WriteHeader(statusOf(code))
		return json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": string(code), "message": news.ErrorMessage(err)}})
	}
	w.WriteHeader(http.StatusCreated)
	return json.NewEncoder(w).Encode(map[string]any{"id": im.ID, "url": media.URL(im.Key), "width": im.Width, "height": im.Height,
		"srcset": media.Srcset(im), "alt": im.Alt, "caption": im.Caption, "credit": im.Credit})
}

func (s *Server) updateMedia(w http.ResponseWriter, r *http.Request, ss *session) error {
	if !news.CanWrite(ss.User) {
		return news.Errorf(news.Forbidden, "Bạn không có quyền sửa ảnh")
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return news.Errorf(news.NotFound, "Không tìm thấy ảnh")
	}
	im := news.Image{ID: id, Caption: r.PostFormValue("caption"), Credit: r.PostFormValue("credit"), Alt: r.PostFormValue("alt")}
	if len(im.Caption)+len(im.Credit)+len(im.Alt) > 4000 {
		return news.Errorf(news.Invalid, "Chú thích quá dài")
	}
	if err := s.store.UpdateImage(r.Context(), im); err != nil {
		return err
	}
	s.store.Audit(r.Context(), news.AuditEntry{UserID: ss.User.ID, Action: "media.update", ObjectType: "image", ObjectID: id, IP: clientIP(r)})
	http.Redirect(w, r, "/toasoan/anh?ok=sua-anh", http.StatusSeeOther)
	return nil
}
