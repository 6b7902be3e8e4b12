package newsroom

import (
	"net/http"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
	"github.com/toasoan/toasoan/internal/web"
)

// What an open editor does while its writer types (article-form.js): it
// keeps its edit lock alive, releases it when closed, and autosaves.
const (
	// editLockTTL is how long an editor counts as open after its last
	// sign of life: the page renews the lock every editLockBeat, so a
	// closed tab that could not say goodbye frees the story within a
	// minute.
	editLockTTL  = 50 * time.Second
	editLockBeat = 20 * time.Second
)

// lockState is the answer to a heartbeat: who else has the story open.
type lockState struct {
	Holder  string `json:"holder"`  // empty: nobody else
	Since   string `json:"since"`   // "09:07"
	Message string `json:"message"` // the warning to show, empty if none
}

// keepEditLock renews the member's lock on the story they have open, or
// tells them who holds it.
func (s *Server) keepEditLock(w http.ResponseWriter, r *http.Request, ss *session) error {
	a, err := s.articleByPath(r, ss)
	if err != nil {
		return err
	}
	lock, err := s.store.TakeEditLock(r.Context(), a.ID, ss.User.ID, editLockTTL)
	if err != nil {
		return err
	}
	var out lockState
	if lock.UserID != 0 && lock.UserID != ss.User.ID {
		site, err := s.store.Site(r.Context())
		if err != nil {
			return err
		}
		out = lockState{Holder: lock.UserName, Since: vietnamese.Clock(lock.Since, site.Location)}
		out.Message = "Bài đang được " + lock.UserName + " sửa từ " + out.Since + ". Nếu bạn cũng lưu, người lưu sau sẽ được báo và không mất gì."
	}
	return web.WriteJSON(w, http.StatusOK, out)
}

// releaseEditLock is the editor closing: the story is free at once.
func (s *Server) releaseEditLock(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := web.PathID(r, news.Errorf(news.NotFound, "Không tìm thấy bài viết"))
	if err != nil {
		return err
	}
	if err := s.store.ReleaseEditLock(r.Context(), id, ss.User.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// autosaveArticle keeps the editor's unsaved title, lead and body.
func (s *Server) autosaveArticle(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := web.PathID(r, news.Errorf(news.NotFound, "Không tìm thấy bài viết"))
	if err != nil {
		return err
	}
	base, err := strconv.Atoi(r.PostFormValue("revision"))
	if err != nil {
		return news.Errorf(news.Invalid, "Thiếu số phiên bản của biểu mẫu; hãy tải lại trang")
	}
	saved, err := s.editorial.Autosave(r.Context(), actor(ss, r), id, base, r.PostFormValue("title"), r.PostFormValue("lead"), r.PostFormValue("body"))
	if err != nil {
		return err
	}
	site, err := s.store.Site(r.Context())
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, map[string]string{
		"saved_at": web.IsoTime(saved.SavedAt),
		"message":  "Đã tự động giữ bản đang sửa lúc " + vietnamese.Clock(saved.SavedAt, site.Location) + " (chưa lưu thành phiên bản)",
	})
}

// dropAutosave forgets the member's unsaved text ("Bỏ bản tự lưu").
func (s *Server) dropAutosave(w http.ResponseWriter, r *http.Request, ss *session) error {
	a, err := s.articleByPath(r, ss)
	if err != nil {
		return err
	}
	if err := s.store.DropAutosave(r.Context(), a.ID, ss.User.ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/bai-viet/"+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
	return nil
}

// withAutosave shows the member's autosaved text of page's story: as a
// notice offering it back, or, asked with ?tu-luu=1, in the form, on top
// of the revision it was typed on (a save over a newer one is then a
// conflict that keeps both).
func (s *Server) withAutosave(r *http.Request, ss *session, page *articleFormPage) error {
	saved, ok, err := s.store.LastAutosave(r.Context(), page.Article.ID, ss.User.ID)
	if err != nil || !ok {
		return err
	}
	a := page.Article
	if saved.Title == a.Title && saved.Lead == a.Lead && saved.Body == a.Body {
		return nil
	}
	page.Autosave = &saved
	if r.URL.Query().Get("tu-luu") == "1" {
		page.Input.Title, page.Input.Lead, page.Input.Body = saved.Title, saved.Lead, saved.Body
		page.Base, page.Restored = saved.Base, true
	}
	return nil
}

// LockBeatMS is how often the open editor renews its lock, for its script.
func (articleFormPage) LockBeatMS() int64 { return editLockBeat.Milliseconds() }
