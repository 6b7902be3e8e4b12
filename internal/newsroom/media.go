package newsroom

import (
	"io"
	"net/http"
	"strings"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
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
	images, err := s.store.Images(r.Context(), libraryFilter(ss.User, q))
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "media", mediaPage{pageLayout: s.pageLayout(r, ss, "Thư viện ảnh"), Query: q, Images: images})
}

// libraryFilter is the part of the library u sees: all of it, or their
// own photos, the shared ones and those readers already see.
func libraryFilter(u news.User, query string) store.ImageFilter {
	f := store.ImageFilter{Query: query, Limit: 60}
	if !news.SeesAllPhotos(u) {
		f.VisibleTo = u.ID
	}
	return f
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
		images, lerr := s.store.Images(r.Context(), libraryFilter(ss.User, ""))
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

// pickedImage is a photo as the picker dialog shows it.
type pickedImage struct {
	ID      int64  `json:"id"`
	URL     string `json:"url"`
	Srcset  string `json:"srcset"`
	Width   int    `json:"width"`
	Height  int    `json:"height"`
	Caption string `json:"caption"`
	Credit  string `json:"credit"`
	Alt     string `json:"alt"`
}

// pickerPage is how many photos the picker dialog shows at a time.
const pickerPage = 24

// pickerQuery is a picker dialog's search (?q=, trimmed, bounded) and
// page (?trang=).
func pickerQuery(r *http.Request) (q string, page int, err error) {
	q = strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > 200 {
		return "", 0, news.Errorf(news.Invalid, "Từ khóa tìm kiếm quá dài")
	}
	page, err = web.PageNumber(r)
	return q, page, err
}

// pickImages is the picker dialog's library: JSON, the photos the member
// may use (libraryFilter), searched by ?q=, paged by ?trang=; ?id= asks
// for one photo, to show a field's current choice.
func (s *Server) pickImages(w http.ResponseWriter, r *http.Request, ss *session) error {
	if !news.Can(ss.User, news.WriteArticles) {
		if err := news.Require(ss.User, news.ManageAuthors); err != nil {
			return err
		}
	}
	query := r.URL.Query()
	q, n, err := pickerQuery(r)
	if err != nil {
		return err
	}
	var images []news.Image
	if v := query.Get("id"); v != "" {
		id, err := web.FormID(v)
		if err != nil || id == 0 {
			return news.Errorf(news.Invalid, "Số ảnh không hợp lệ")
		}
		im, err := s.store.Image(r.Context(), id)
		if err != nil {
			return err
		}
		images = append(images, im)
	} else {
		f := libraryFilter(ss.User, q)
		f.Limit, f.Offset = pickerPage+1, (n-1)*pickerPage
		if images, err = s.store.Images(r.Context(), f); err != nil {
			return err
		}
	}
	out := struct {
		Images []pickedImage `json:"images"`
		More   bool          `json:"more"`
	}{Images: []pickedImage{}, More: len(images) > pickerPage}
	for _, im := range images[:min(len(images), pickerPage)] {
		out.Images = append(out.Images, pickedImage{ID: im.ID, URL: media.URL(im.Key), Srcset: media.Srcset(im), Width: im.Width,
			Height: im.Height, Caption: im.Caption, Credit: im.Credit, Alt: im.Alt})
	}
	return web.WriteJSON(w, http.StatusOK, out)
}
