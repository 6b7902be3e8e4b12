package newsroom

import (
	"io"
	"net/http"
	"strings"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/web"
)

// mediaPage is the photo library: search, upload, edit captions.
type mediaPage struct {
	pageLayout
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
	return s.render(w, http.StatusOK, "media", mediaPage{pageLayout: s.pageLayout(r, ss, "Thư viện ảnh"), Query: q, Images: images})
}

// storeUpload stores the photo of the request's "file" field with its
// caption, credit and alt text, through the one front door for photos.
func (s *Server) storeUpload(r *http.Request, ss *session) (news.Image, error) {
	f, _, err := r.FormFile("file")
	if err != nil {
		return news.Image{}, news.Errorf(news.Invalid, "Vui lòng chọn một tệp ảnh")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, media.MaxBytes+1))
	if err != nil {
		return news.Image{}, news.Errorf(news.Invalid, "Không đọc được tệp tải lên")
	}
	return s.uploads.Save(r.Context(), actor(ss, r), media.Upload{Data: data,
		Caption: r.FormValue("caption"), Credit: r.FormValue("credit"), Alt: r.FormValue("alt")})
}

func (s *Server) uploadMediaForm(w http.ResponseWriter, r *http.Request, ss *session) error {
	if _, err := s.storeUpload(r, ss); err != nil {
		if news.ErrorCode(err) == news.Internal {
			return err
		}
		page := mediaPage{pageLayout: s.pageLayout(r, ss, "Thư viện ảnh"), Error: news.ErrorMessage(err)}
		images, lerr := s.store.Images(r.Context(), "", 60, 0)
		if lerr != nil {
			return lerr
		}
		page.Images = images
		return s.render(w, web.StatusOf(news.ErrorCode(err)), "media", page)
	}
	http.Redirect(w, r, "/toasoan/anh?ok=anh", http.StatusSeeOther)
	return nil
}

// uploadMediaJSON is the editor's upload endpoint: JSON in both outcomes
// (the error adapter answers JSON to the editor's Accept header).
func (s *Server) uploadMediaJSON(w http.ResponseWriter, r *http.Request, ss *session) error {
	im, err := s.storeUpload(r, ss)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusCreated, map[string]any{"id": im.ID, "url": media.URL(im.Key), "width": im.Width, "height": im.Height,
		"srcset": media.Srcset(im), "alt": im.Alt, "caption": im.Caption, "credit": im.Credit})
}

func (s *Server) updateMedia(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := web.PathID(r, news.Errorf(news.NotFound, "Không tìm thấy ảnh"))
	if err != nil {
		return err
	}
	if err := s.uploads.Describe(r.Context(), actor(ss, r), id, r.PostFormValue("caption"), r.PostFormValue("credit"), r.PostFormValue("alt")); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/anh?ok=sua-anh", http.StatusSeeOther)
	return nil
}
